import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { AeadPurpose, decryptStream, encryptStream } from '../../../keys/index.js'
import { F64_STATS, decodeF64Stats, f64Stats, f64StatsParams } from '../programs/f64-stats.js'
import { simulatedEnclaveMeasurement } from './entry.js'
import { startSimulatedEnclave } from './host.js'
import { collect, f64Rows, negotiate, testPlatform } from './test-support.js'
import type { EnclaveTask } from '../enclave.js'
import type { SimulatedEnclave } from './host.js'
import type { Platform } from './test-support.js'

const lease = { leaseId: 'lease-7', subtaskIds: ['sub-a', 'sub-b'], renterPeerId: 'renter-peer' }
const task = (sessionId: string, over: Partial<EnclaveTask> = {}): EnclaveTask => ({
  sessionId, leaseId: 'lease-7', subtaskId: 'sub-a', program: F64_STATS, params: f64StatsParams(2), resultProtection: 'aead', ...over
})
const dataCtx = { purpose: AeadPurpose.data, leaseId: 'lease-7', subtaskId: 'sub-a' }
const resultCtx = { purpose: AeadPurpose.result, leaseId: 'lease-7', subtaskId: 'sub-a' }

describe('simulated enclave (separate process)', () => {
  let platform: Platform
  let enclave: SimulatedEnclave
  const tapped: Buffer[] = []

  before(async () => {
    platform = await testPlatform()
    enclave = await startSimulatedEnclave({ platformDir: platform.dir, tap: (_dir, bytes) => { tapped.push(Buffer.from(bytes)) } })
  })
  after(async () => {
    await enclave?.stop()
    await rm(platform.dir, { recursive: true, force: true })
  })

  it('runs in its own process and quotes the measurement of this build', async () => {
    assert.ok(enclave.pid !== undefined && enclave.pid !== process.pid)
    assert.deepEqual(enclave.measurement, await simulatedEnclaveMeasurement())
  })

  it('never lets the marker of renter data through the host; the enclave still computes on it', async () => {
    const s = await negotiate(enclave, platform.roots, { ...lease, lessorPeerId: 'lessor-1' })
    assert.equal(s.verified.simulated, true)
    // rows whose bytes spell the marker: the enclave can only get the right sums if it saw them
    const marker = Buffer.from('SHULIAN-MARKER-7'.repeat(4096)) // 64 KiB, 16 bytes = one 2-column row
    const plaintext = new Uint8Array(marker)
    assert.ok(Buffer.from(plaintext).includes('SHULIAN-MARKER-7'))
    const input = await collect(encryptStream(s.keys.toEnclave, dataCtx, [plaintext], { chunkSize: 16 * 1024 }))
    tapped.length = 0
    const out = await collect(enclave.run(task(s.sessionId), input))
    const host = Buffer.concat([...tapped, ...input.map(f => Buffer.from(f)), ...out.map(f => Buffer.from(f))])
    assert.ok(host.byteLength > plaintext.byteLength, 'the tap saw the whole input go by')
    assert.equal(host.includes('SHULIAN-MARKER'), false)
    assert.equal(host.includes(Buffer.from(plaintext.subarray(0, 8))), false)
    const result = Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, resultCtx, out)))
    assert.deepEqual(decodeF64Stats(result), decodeF64Stats(f64Stats(plaintext, 2)))
  })

  it('gives two lessors different keys; a result for one does not decrypt as the other', async () => {
    const other = await testPlatform()
    const enclave2 = await startSimulatedEnclave({ platformDir: other.dir })
    try {
      const s1 = await negotiate(enclave, platform.roots, { ...lease, lessorPeerId: 'lessor-1' })
      const s2 = await negotiate(enclave2, other.roots, { ...lease, lessorPeerId: 'lessor-2' })
      assert.notDeepEqual(s1.keys.toEnclave, s2.keys.toEnclave)
      assert.notDeepEqual(s1.keys.fromEnclave, s2.keys.fromEnclave)
      const rows = f64Rows([1, 2, 3, 4])
      const out = await collect(enclave.run(task(s1.sessionId), await collect(encryptStream(s1.keys.toEnclave, dataCtx, [rows]))))
      assert.deepEqual(decodeF64Stats(Buffer.concat(await collect(decryptStream(s1.keys.fromEnclave, resultCtx, out)))).sums, [4, 6])
      await assert.rejects(collect(decryptStream(s2.keys.fromEnclave, resultCtx, out)), { name: 'AeadKeyMismatchError' })
      // and data sealed for lessor 2 is refused by lessor 1's enclave session
      await assert.rejects(collect(enclave.run(task(s1.sessionId), await collect(encryptStream(s2.keys.toEnclave, dataCtx, [rows])))),
        { name: 'EnclaveError', code: 'AEAD_KEY_MISMATCH' })
    } finally {
      await enclave2.stop()
      await rm(other.dir, { recursive: true, force: true })
    }
  })

  it('refuses bad runs with their own codes and keeps serving', async () => {
    const s = await negotiate(enclave, platform.roots, { ...lease, lessorPeerId: 'lessor-1' })
    const good = await collect(encryptStream(s.keys.toEnclave, dataCtx, [f64Rows([1, 2])]))
    const wrongKey = await collect(encryptStream(new Uint8Array(randomBytes(32)), dataCtx, [f64Rows([1, 2])]))
    const cases: Array<[Partial<EnclaveTask>, Uint8Array[], string]> = [
      [{}, wrongKey, 'AEAD_KEY_MISMATCH'],
      [{}, good.slice(0, 1), 'AEAD_TRUNCATED'],
      [{ sessionId: 'nope' }, good, 'UNKNOWN_SESSION'],
      [{ subtaskId: 'sub-z' }, good, 'NOT_IN_SESSION'],
      [{ program: 'rm-rf' }, good, 'UNKNOWN_PROGRAM'],
      [{ params: f64StatsParams(3) }, good, 'PROGRAM_INPUT'],
      // tee+he runs job programs under a valid HE key bundle; anything else is refused
      [{ resultProtection: 'he', hePublicKey: new Uint8Array(8) }, good, 'PROGRAM_INPUT'],
      [{ resultProtection: 'he' }, good, 'BAD_REQUEST']
    ]
    for (const [over, input, code] of cases) {
      await assert.rejects(collect(enclave.run(task(s.sessionId, over), input)), { name: 'EnclaveError', code }, code)
    }
    const tampered = good.map(f => new Uint8Array(f))
    const last = tampered[1] as Uint8Array
    last[last.byteLength - 1] = (last[last.byteLength - 1] as number) ^ 1
    await assert.rejects(collect(enclave.run(task(s.sessionId), tampered)), { code: 'AEAD_TAMPERED' })
    const out = await collect(enclave.run(task(s.sessionId), good))
    assert.deepEqual(decodeF64Stats(Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, resultCtx, out)))).sums, [1, 2])
  })

  it('frees the enclave\'s run state when the host abandons a run', async () => {
    const s = await negotiate(enclave, platform.roots, { ...lease, lessorPeerId: 'lessor-1' })
    const header = (await collect(encryptStream(s.keys.toEnclave, dataCtx, [f64Rows([1, 2])])))[0] as Uint8Array
    // more abandoned runs than the enclave holds at once (16): without RUN_CANCEL the last would be BUSY
    for (let i = 0; i < 20; i++) {
      const controller = new AbortController()
      const input = (async function * () { yield header; await new Promise(() => {}) })()
      const run = collect(enclave.run(task(s.sessionId), input, { signal: controller.signal }))
      controller.abort(new Error('renter went away'))
      await assert.rejects(run, { message: 'renter went away' })
    }
    const out = await collect(enclave.run(task(s.sessionId), await collect(encryptStream(s.keys.toEnclave, dataCtx, [f64Rows([5, 6])]))))
    assert.deepEqual(decodeF64Stats(Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, resultCtx, out)))).sums, [5, 6])
  })

  it('forgets a closed session', async () => {
    const s = await negotiate(enclave, platform.roots, { ...lease, lessorPeerId: 'lessor-1' })
    await enclave.closeSession(s.sessionId)
    const input = await collect(encryptStream(s.keys.toEnclave, dataCtx, [f64Rows([1, 2])]))
    await assert.rejects(collect(enclave.run(task(s.sessionId), input)), { code: 'UNKNOWN_SESSION' })
  })

  it('does not start without a provisioned platform, and says why', async () => {
    await assert.rejects(startSimulatedEnclave({ platformDir: '/nonexistent-shulian' }), { name: 'EnclaveUnavailableError', message: /platform\.key: no such key file/ })
  })
})
