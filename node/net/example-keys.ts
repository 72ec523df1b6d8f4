/**
 * Example keys of a local network: a JSON file beside its bootstrap (`X.json` → `X.example-keys.json`)
 * holding the private keys of every node, for networks whose keys are public on purpose (the
 * repository's example network). `net up` copies a node's key into its data dir (0600) when the data
 * dir has none, and refuses to do so for a network that is not on loopback.
 */
import { existsSync } from 'node:fs'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { z } from 'zod'
import { InvalidInputError, parseWith, readJsonFile } from '../../keys/index.js'
import type { Network } from '../../topology/index.js'
import type { PrivateKey } from '@libp2p/interface'

export const EXAMPLE_KEYS_WARNING = 'EXAMPLE KEYS: public, committed to the repository. Anyone can impersonate these nodes. Use them only on loopback, never on a real network.'

const EXAMPLE_KEYS = z.object({
  warning: z.literal(EXAMPLE_KEYS_WARNING),
  nodes: z.record(z.string(), z.string()),
  attestationRoot: z.string().optional(),
  authority: z.string().optional()
})

export type ExampleKeys = z.infer<typeof EXAMPLE_KEYS>

export function exampleKeysPath (bootstrapPath: string): string {
  return bootstrapPath.replace(/(\.json)?$/, '.example-keys.json')
}

/** The example keys beside a bootstrap, or undefined when there are none. */
export async function loadExampleKeys (bootstrapPath: string): Promise<ExampleKeys | undefined> {
  const path = exampleKeysPath(bootstrapPath)
  if (!existsSync(path)) {
    return undefined
  }
  return parseWith(EXAMPLE_KEYS, await readJsonFile(path), path)
}

/** Decode one base64 protobuf private key of an example keys file. */
export function decodeKey (b64: string, where: string): PrivateKey {
  try {
    return privateKeyFromProtobuf(Buffer.from(b64, 'base64'))
  } catch (e: any) {
    throw new InvalidInputError(where, '', `not a private key (${e.message})`)
  }
}

/** Example keys are public: only a network every hub of which listens on loopback may use them. */
export function assertLoopbackOnly (network: Network, where: string): void {
  for (const hub of network.hubs()) {
    for (const addr of hub.addrs) {
      const host = addr.getComponents()[0]
      const loopback = host?.value !== undefined && (/^127\./.test(host.value) || host.value === '::1' || host.value === 'localhost')
      if (!loopback) {
        throw new InvalidInputError(where, '', `refusing to use public example keys: hub ${hub.name} listens on ${addr.toString()}, which is not loopback`)
      }
    }
  }
}
