/** Shared fixtures of the enclave tests: a provisioned platform and a renter that negotiates keys. */
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { acceptAttestation, generateX25519, provisionSimulatedPlatform, verificationPolicy } from '../../../keys/index.js'
import type { Enclave } from '../enclave.js'
import type { AcceptedSession, AttestationRoot, NegotiationContext } from '../../../keys/index.js'

export interface Platform { dir: string, roots: AttestationRoot[] }

/** A temp data dir with a simulated platform certified by a fresh root. */
export async function testPlatform (): Promise<Platform> {
  const dir = await mkdtemp(join(tmpdir(), 'shulian-enclave-'))
  const rootKey = await generateKeyPair('Ed25519')
  await provisionSimulatedPlatform({ dir, rootKey, rootName: 'test-root' })
  return { dir, roots: [{ name: 'test-root', publicKey: rootKey.publicKey }] }
}

/** What the renter does over /shulian/attest: fresh nonce and key, verify, derive. */
export async function negotiate (enclave: Enclave, roots: AttestationRoot[], ctx: Omit<NegotiationContext, 'renterPublicKey'>): Promise<AcceptedSession & { sessionId: string }> {
  const renterKey = generateX25519()
  const nonce = new Uint8Array(randomBytes(32))
  const context: NegotiationContext = { ...ctx, renterPublicKey: renterKey.publicKey }
  const a = await enclave.attest(nonce, context)
  const accepted = await acceptAttestation({
    offer: { ...a, nonce },
    sessionId: a.sessionId,
    nonce,
    context,
    renterKey,
    policy: verificationPolicy({ roots, allowedMeasurements: [enclave.measurement], allowSimulated: true })
  })
  return { ...accepted, sessionId: a.sessionId }
}

/** Collect an async iterable. */
export async function collect (it: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  for await (const x of it) out.push(x)
  return out
}

/** Float64 rows as little-endian bytes. */
export function f64Rows (values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 8)
  const view = new DataView(out.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number, true)
  return out
}
