/**
 * `net init`: make a fresh local network in a directory: a key per node (written into the node's
 * data dir, 0600), free loopback ports for the hubs, `bootstrap.json` signed by a new authority key
 * (`authority.key`, 0600, so the network can take new subnets while it runs) and a `node.json` per
 * node. Two networks made this way can run side by side, which is what the integration tests do.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { InvalidInputError, attestationRootEntry, generatePeerKey, peerIdOf, provisionSimulatedPlatform, savePeerKey } from '../../keys/index.js'
import { parseBootstrap, signNetwork } from '../../topology/index.js'
import { files } from '../data-dir.js'
import type { BootstrapInput } from '../../topology/index.js'
import type { PrivateKey } from '@libp2p/interface'

export interface InitOptions {
  /** members per subnet, e.g. [3, 3, 2] */
  subnets: number[]
  /** network id */
  network?: string
  /** address the hubs listen on */
  host?: string
  /** first hub port; default: free ports chosen by the OS */
  basePort?: number
  /** keep the keys in memory for the caller instead of writing them into data dirs */
  keysOut?: Map<string, PrivateKey>
  /** the authority key to sign with (default: a new one, written to DIR/authority.key unless keysOut is set) */
  authorityKey?: PrivateKey
}

/** The authority key of a network made by `net init`. */
export const AUTHORITY_KEY_FILE = 'authority.key'

export const DEFAULT_SUBNETS = [3, 3, 2]

/** Name of a local network's attestation root in its bootstrap. */
export const LOCAL_ROOT_NAME = 'local-root'

/** A local network's root key, beside its bootstrap (mode 0600). */
export const LOCAL_ROOT_KEY_FILE = 'attestation-root.key'

/**
 * The TEE section of a local network's participants: each offers a simulated enclave, and, as a
 * renter, trusts simulated enclaves of this installation's build. A real network's config must
 * not allow simulated enclaves.
 */
export const LOCAL_TEE = { enclave: 'simulated', allowSimulated: true, allowedMeasurements: ['local-build'] }

/** Certificates of local networks' simulated platforms last this long. */
const LOCAL_PLATFORM_VALIDITY_MS = 365 * 24 * 3600 * 1000

/** Issue a simulated-TEE platform key and certificate into a participant's data dir. */
export async function provisionLocalPlatform (dataDir: string, root: PrivateKey, rootName: string): Promise<void> {
  if (root.type !== 'Ed25519') throw new InvalidInputError(dataDir, '', 'attestation roots are Ed25519 keys')
  await provisionSimulatedPlatform({ dir: dataDir, rootKey: root, rootName, validityMs: LOCAL_PLATFORM_VALIDITY_MS })
}

/** Subnet names a, b, c, ... z, then s27, s28, ... */
export function subnetName (i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : `s${i + 1}`
}

/** Free TCP ports on `host`, chosen by the OS. */
export async function freePorts (host: string, n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, async () => {
    const s = createServer()
    await new Promise<void>((resolve, reject) => { s.once('error', reject); s.listen(0, host, resolve) })
    return s
  }))
  const ports = servers.map(s => (s.address() as { port: number }).port)
  await Promise.all(servers.map(async s => { await new Promise(resolve => s.close(resolve)) }))
  return ports
}

/** Create the network; returns the bootstrap path. */
export async function initNetwork (dir: string, options: InitOptions): Promise<string> {
  const host = options.host ?? '127.0.0.1'
  if (host === '0.0.0.0' || host === '::') {
    throw new InvalidInputError('--host', '', `${host} is the wildcard address, which nobody can dial; give the address the nodes are reached at (for nodes on separate machines use \`shulian subnet create\` with listen and announce addresses)`)
  }
  if (options.subnets.length === 0 || options.subnets.some(n => !Number.isInteger(n) || n < 1 || n > 100)) {
    throw new InvalidInputError('--subnets', '', 'give members per subnet as positive integers, e.g. 3,3,2')
  }
  const ports = options.basePort === undefined
    ? await freePorts(host, options.subnets.length)
    : options.subnets.map((_, i) => (options.basePort ?? 0) + i)
  const ip = host.includes(':') ? 'ip6' : 'ip4'
  const root = await generatePeerKey()
  const bootstrap: BootstrapInput = { network: options.network ?? 'shulian-local', version: 1, attestationRoots: [attestationRootEntry(LOCAL_ROOT_NAME, root.publicKey)], subnets: [] }
  const configs: Array<{ name: string, config: object }> = []
  const keep = async (name: string, key: PrivateKey): Promise<void> => {
    if (options.keysOut != null) {
      options.keysOut.set(name, key)
    } else {
      await savePeerKey(files.peerKey(join(dir, name)), key)
    }
  }

  for (const [i, count] of options.subnets.entries()) {
    const subnet = subnetName(i)
    const hubName = `hub-${subnet}`
    const hubKey = await generatePeerKey()
    await keep(hubName, hubKey)
    const listen = `/${ip}/${host}/tcp/${ports[i]}`
    configs.push({ name: hubName, config: { role: 'hub', subnet, dataDir: '.', bootstrap: '../bootstrap.json', listen: [listen] } })
    const members = []
    for (let j = 1; j <= count; j++) {
      const name = `${subnet}-${j}`
      const key = await generatePeerKey()
      await keep(name, key)
      members.push({ name, peerId: peerIdOf(key).toString() })
      configs.push({ name, config: { role: 'participant', subnet, dataDir: '.', bootstrap: '../bootstrap.json', listen: [`/${ip}/${host}/tcp/0`], tee: LOCAL_TEE } })
    }
    bootstrap.subnets.push({ name: subnet, hub: { name: hubName, peerId: peerIdOf(hubKey).toString(), addrs: [listen] }, members })
  }

  await mkdir(dir, { recursive: true })
  const authorityKey = options.authorityKey ?? await generatePeerKey()
  if (options.authorityKey == null && options.keysOut == null) {
    await savePeerKey(join(dir, AUTHORITY_KEY_FILE), authorityKey)
  }
  const signed = await signNetwork(parseBootstrap(bootstrap, 'bootstrap.json'), authorityKey)
  const bootstrapPath = resolve(dir, 'bootstrap.json')
  await writeFile(bootstrapPath, JSON.stringify(signed.toJSON(), null, 2) + '\n')
  if (options.keysOut == null) {
    await savePeerKey(join(dir, LOCAL_ROOT_KEY_FILE), root)
    for (const { name, config } of configs) {
      await writeFile(files.config(join(dir, name)), JSON.stringify(config, null, 2) + '\n')
      if ((config as { role: string }).role === 'participant') {
        await provisionLocalPlatform(join(dir, name), root, LOCAL_ROOT_NAME)
      }
    }
  } else {
    options.keysOut.set(LOCAL_ROOT_KEY_FILE, root)
  }
  return bootstrapPath
}

/** base64 protobuf encoding of a key, as example key files hold them. */
export function encodeKey (key: PrivateKey): string {
  return Buffer.from(privateKeyToProtobuf(key)).toString('base64')
}
