import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { pbStream, streamPair } from '@libp2p/utils'
import { F64_STATS, decodeF64Stats, f64StatsParams, startSimulatedEnclave } from '../../compute/enclave/index.js'
import { collect, f64Rows, testPlatform } from '../../compute/enclave/sim/test-support.js'
import { AeadPurpose, decryptStream, encryptStream, verificationPolicy } from '../../keys/index.js'
import { ATTEST_PROTOCOL, AttestNotAuthorizedError, attest } from './index.js'
import { AttestRequest, AttestResponse, AttestStatus } from './pb/attest.js'
import type { Enclave, SimulatedEnclave } from '../../compute/enclave/index.js'
import type { Platform } from '../../compute/enclave/sim/test-support.js'
import type { VerificationPolicy } from '../../keys/index.js'
import type { Attest, AttestInit } from './index.js'
import type { Connection, Metrics, PeerId, StreamHandler } from '@libp2p/interface'

const newPeerId = async (): Promise<PeerId> => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
const noRegistrar = { handle: async () => {}, unhandle: async () => {} }

/** A stand-in for libp2p's metrics that records what counter and histogram groups are given. */
function recordingMetrics (): { counts: Record<string, Record<string, number>>, metrics: Metrics } {
  const counts: Record<string, Record<string, number>> = {}
  const group = (name: string): unknown => {
    // counters add their increments; histograms count their observations
    const add = (values: Record<string, number | true>, by?: number): void => {
      const c = counts[name] ??= {}
      for (const [k, n] of Object.entries(values)) c[k] = (c[k] ?? 0) + (by ?? (n === true ? 1 : n))
    }
    return { increment: (v: Record<string, number | true>) => { add(v) }, observe: (v: Record<string, number>) => { add(v, 1) }, reset: () => {} }
  }
  return { counts, metrics: { registerCounterGroup: group, registerHistogramGroup: group } as unknown as Metrics }
}

/** A lessor service and a renter service joined by streamPair(), as libp2p would join them. */
async function lessorAndRenter (lessorInit: AttestInit, renterPolicy: VerificationPolicy, metrics: { lessor?: Metrics, renter?: Metrics } = {}): Promise<{ lessor: PeerId, renter: PeerId, negotiate: Attest }> {
  const lessor = await newPeerId()
  const renter = await newPeerId()
  let handler: StreamHandler | undefined
  const service = attest(lessorInit)({
    peerId: lessor,
    registrar: { handle: async (protocol, h) => { assert.equal(protocol, ATTEST_PROTOCOL); handler = h }, unhandle: async () => {} },
    connectionManager: { openStream: async () => { throw new Error('lessor dials nobody') } },
    logger: defaultLogger(),
    metrics: metrics.lessor
  }) as unknown as { start: () => Promise<void> }
  await service.start()
  const client = attest({ policy: renterPolicy, timeout: 5000 })({
    peerId: renter,
    registrar: noRegistrar,
    connectionManager: {
      openStream: async (peer, protocol) => {
        assert.ok(peer.equals(lessor))
        const [outbound, inbound] = await streamPair({ protocol })
        void (handler as StreamHandler)(inbound, { remotePeer: renter } as unknown as Connection)
        return outbound
      }
    },
    logger: defaultLogger(),
    metrics: metrics.renter
  })
  return { lessor, renter, negotiate: client }
}

describe('/shulian/attest/1.0.0', () => {
  let platform: Platform
  let enclave: SimulatedEnclave
  let lenient: VerificationPolicy
  const request = { leaseId: 'lease-9', subtaskIds: ['s-1', 's-2'] }

  before(async () => {
    platform = await testPlatform()
    enclave = await startSimulatedEnclave({ platformDir: platform.dir })
    lenient = verificationPolicy({ roots: platform.roots, allowedMeasurements: [enclave.measurement], allowSimulated: true })
  })
  after(async () => {
    await enclave?.stop()
    await rm(platform.dir, { recursive: true, force: true })
  })

  it('negotiates attested keys that the enclave shares, and reports a simulated TEE', async () => {
    const { lessor, negotiate: client } = await lessorAndRenter({ enclave }, lenient)
    const s = await client.negotiate(lessor, request)
    assert.equal(s.attestation.simulated, true)
    assert.match(s.description, /^simulated TEE/)
    const dataCtx = { purpose: AeadPurpose.data, leaseId: 'lease-9', subtaskId: 's-2' }
    const input = await collect(encryptStream(s.keys.toEnclave, dataCtx, [f64Rows([2, 4, 6])]))
    const out = await collect(enclave.run({ sessionId: s.sessionId, leaseId: 'lease-9', subtaskId: 's-2', program: F64_STATS, params: f64StatsParams(1), resultProtection: 'aead' }, input))
    const result = Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, { ...dataCtx, purpose: AeadPurpose.result }, out)))
    assert.deepEqual(decodeF64Stats(result), { count: 3, sums: [12], means: [4] })
  })

  it('gives two lessors different keys even for the same lease', async () => {
    const a = await lessorAndRenter({ enclave }, lenient)
    const b = await lessorAndRenter({ enclave }, lenient)
    const sa = await a.negotiate.negotiate(a.lessor, request)
    const sb = await b.negotiate.negotiate(b.lessor, request)
    assert.notEqual(sa.sessionId, sb.sessionId)
    assert.notDeepEqual(sa.keys.fromEnclave, sb.keys.fromEnclave)
    const ctx = { purpose: AeadPurpose.result, leaseId: 'lease-9', subtaskId: 's-1' }
    const sealed = await collect(encryptStream(sa.keys.fromEnclave, ctx, [new Uint8Array(100)]))
    await assert.rejects(collect(decryptStream(sb.keys.fromEnclave, ctx, sealed)), { name: 'AeadKeyMismatchError' })
  })

  it('refuses a simulated enclave under the default policy', async () => {
    const renter = recordingMetrics()
    const { lessor, negotiate: client } = await lessorAndRenter({ enclave }, verificationPolicy({ roots: platform.roots, allowedMeasurements: [enclave.measurement] }), { renter: renter.metrics })
    await assert.rejects(client.negotiate(lessor, request), { name: 'SimulatedQuoteRefusedError' })
    assert.deepEqual(renter.counts.shulian_attest_failures_total, { ATTEST_SIMULATED_REFUSED: 1 }, 'counted by reason')
  })

  it('detects a host that swaps the enclave key (man in the middle)', async () => {
    const mitm: Enclave = {
      kind: enclave.kind,
      simulated: true,
      measurement: enclave.measurement,
      attest: async (nonce, ctx, o) => ({ ...await enclave.attest(nonce, ctx, o), enclavePublicKey: new Uint8Array(randomBytes(32)) }),
      run: enclave.run.bind(enclave),
      closeSession: enclave.closeSession.bind(enclave),
      stop: async () => {}
    }
    const { lessor, negotiate: client } = await lessorAndRenter({ enclave: mitm }, lenient)
    await assert.rejects(client.negotiate(lessor, request), { name: 'ReportDataMismatchError' })
  })

  it('relays the lessor\'s refusal as one line', async () => {
    const authorize = async (): Promise<void> => { throw new AttestNotAuthorizedError('no lease lease-9 for this renter') }
    const renter = recordingMetrics()
    const lessorSide = recordingMetrics()
    const { lessor, negotiate: client } = await lessorAndRenter({ enclave, authorize }, lenient, { renter: renter.metrics, lessor: lessorSide.metrics })
    await assert.rejects(client.negotiate(lessor, request), { name: 'AttestRefusedError', lessorCode: 'NOT_AUTHORIZED', message: /refused attestation: no lease lease-9 for this renter \(NOT_AUTHORIZED\)$/ })
    assert.deepEqual(renter.counts.shulian_attest_failures_total, { LESSOR_NOT_AUTHORIZED: 1 })
    assert.deepEqual(lessorSide.counts.shulian_attest_refusals_total, { NOT_AUTHORIZED: 1 })
  })

  it('answers a malformed request with BAD_REQUEST, and an oversized one with a reset', async () => {
    const renter = await newPeerId()
    let handler: StreamHandler | undefined
    const service = attest({ enclave })({
      peerId: await newPeerId(),
      registrar: { handle: async (_p, h) => { handler = h }, unhandle: async () => {} },
      connectionManager: { openStream: async () => { throw new Error('unused') } },
      logger: defaultLogger()
    }) as unknown as { start: () => Promise<void> }
    await service.start()

    const [out, inb] = await streamPair()
    const handled = (handler as StreamHandler)(inb, { remotePeer: renter } as unknown as Connection)
    const pb = pbStream(out)
    await pb.write({ nonce: new Uint8Array(5), leaseId: 'l', subtaskIds: ['s'], renterPublicKey: new Uint8Array(32) }, AttestRequest)
    const res = await pb.read(AttestResponse, { signal: AbortSignal.timeout(5000) })
    assert.equal(res.status, AttestStatus.ERROR)
    assert.equal(res.errorCode, 'BAD_REQUEST')
    assert.match(res.error, /nonce must be 32 bytes/)
    await handled

    const [out2, inb2] = await streamPair()
    const handled2 = (handler as StreamHandler)(inb2, { remotePeer: renter } as unknown as Connection)
    const lp = pbStream(out2).unwrap()
    const huge = AttestRequest.encode({ nonce: new Uint8Array(32), leaseId: 'x'.repeat(20_000), subtaskIds: ['s'], renterPublicKey: new Uint8Array(32) })
    const prefix = new Uint8Array(3)
    let n = huge.byteLength
    for (let i = 0; i < 3; i++, n >>>= 7) prefix[i] = (n & 0x7f) | (i < 2 ? 0x80 : 0)
    lp.send(prefix)
    lp.send(huge)
    await handled2
    assert.equal(inb2.status, 'aborted')
  })
})
