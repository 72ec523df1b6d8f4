/**
 * /shulian/task/1.0.0 between a lessor service and a renter client joined by streamPair(): HE and
 * TEE subtasks give the plaintext answer, the lessor's node sees only protected bytes, and bad
 * requests are refused with their codes.
 */
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { lpStream, pbStream, streamPair } from '@libp2p/utils'
import { startSimulatedEnclave } from '../../compute/enclave/index.js'
import { collect, negotiate, testPlatform } from '../../compute/enclave/sim/test-support.js'
import { HeRenter, combine, compileProgram, decodePartials, encodeProgram, encodeTable, evaluateSubtask, inProcessHe, runPlain, tableOf } from '../../compute/index.js'
import { AeadPurpose, decryptStream, encryptStream, heParamSet } from '../../keys/index.js'
import { TASK_PROTOCOL, TaskError, runSubtask, taskLessor } from './index.js'
import type { SimulatedEnclave } from '../../compute/enclave/index.js'
import type { Platform } from '../../compute/enclave/sim/test-support.js'
import type { HeParamSet } from '../../keys/index.js'
import type { TaskAuthorizeRequest } from './index.js'
import type { Connection, Metrics, PeerId, Stream, StreamHandler } from '@libp2p/interface'

const renter = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
const stranger = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
const table = tableOf({ a: 'int', b: 'int' }, { a: [1, 2, 3, 4, 5, -6], b: [7, 8, 9, 10, 11, 12] })
const program = compileProgram({ outputs: { s: 'sum(a*b)', m: 'mean(b)', r: 'a + b' } }, table.types)
const expected = combine(program, [runPlain(program, table)])

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

describe('/shulian/task/1.0.0', () => {
  let platform: Platform
  let enclave: SimulatedEnclave
  let handler: StreamHandler | undefined
  const seen: Uint8Array[] = []
  const granted: TaskAuthorizeRequest[] = []
  const recorded = recordingMetrics()

  /** A stand-in for the lease store (unit test): one lease, for one renter, HE and TEE. */
  const authorize = async (req: TaskAuthorizeRequest): Promise<{ release: () => void }> => {
    if (req.leaseId !== 'lease-1' || !req.renter.equals(renter)) throw new TaskError('NO_LEASE', `no lease ${req.leaseId} for ${req.renter.toString()}`)
    if (req.inputBytes > 64 * 1024 * 1024) throw new TaskError('OVER_LEASE', 'too much input')
    granted.push(req)
    return { release: () => {} }
  }

  const open = async (from: PeerId = renter): Promise<Stream> => {
    const [outbound, inbound] = await streamPair({ protocol: TASK_PROTOCOL })
    void (handler as StreamHandler)(inbound, { remotePeer: from } as unknown as Connection)
    return outbound
  }

  before(async () => {
    platform = await testPlatform()
    enclave = await startSimulatedEnclave({ platformDir: platform.dir })
    const service = taskLessor({
      authorize,
      evaluateHe: async (input) => evaluateSubtask(input, inProcessHe()),
      enclave: () => enclave,
      tap: (chunk) => { seen.push(new Uint8Array(chunk)) }
    })({
      registrar: { handle: async (protocol: string, h: StreamHandler) => { assert.equal(protocol, TASK_PROTOCOL); handler = h }, unhandle: async () => {} } as any,
      logger: defaultLogger(),
      metrics: recorded.metrics
    })
    await service.start()
  })
  after(async () => {
    await enclave?.stop()
    await rm(platform.dir, { recursive: true, force: true })
  })

  it('he: the lessor evaluates ciphertexts; the renter decrypts the plaintext answer', async () => {
    const he = await HeRenter.create(heParamSet('bfv-8192-t20') as HeParamSet, inProcessHe())
    const input = await he.encryptSubtask(program, table)
    const progress: string[] = []
    const out = await runSubtask(await open(), { leaseId: 'lease-1', subtaskId: 's-he', mode: 'he', program: encodeProgram(program), rows: table.rowCount }, [input], input.byteLength, { onProgress: p => { progress.push(p.phase) } })
    assert.deepEqual(combine(program, [await he.decryptResult(program, Buffer.concat(out.result))]), expected)
    assert.equal(out.bytesSent, input.byteLength)
    assert.ok(progress.includes('computing') && progress.includes('returning'))
    assert.equal(granted.at(-1)?.mode, 'he')
  })

  it('tee: the lessor node relays AEAD frames to its enclave and never holds the plaintext', async () => {
    const s = await negotiate(enclave, platform.roots, { leaseId: 'lease-1', subtaskIds: ['s-tee'], renterPeerId: renter.toString(), lessorPeerId: 'lessor' })
    const marker = tableOf({ a: 'int', b: 'int' }, { a: Array(5000).fill(0x4141), b: Array(5000).fill(0x4242) })
    const plain = encodeTable(program, marker)
    const frames = await collect(encryptStream(s.keys.toEnclave, { purpose: AeadPurpose.data, leaseId: 'lease-1', subtaskId: 's-tee' }, [plain]))
    seen.length = 0
    const out = await runSubtask(await open(), { leaseId: 'lease-1', subtaskId: 's-tee', mode: 'tee', program: encodeProgram(program), rows: 5000, sessionId: s.sessionId }, frames, frames.reduce((n, f) => n + f.byteLength, 0))
    const partials = decodePartials(Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, { purpose: AeadPurpose.result, leaseId: 'lease-1', subtaskId: 's-tee' }, out.result))), program, 5000)
    assert.deepEqual(combine(program, [partials]), combine(program, [runPlain(program, marker)]))
    const node = Buffer.concat(seen)
    assert.ok(node.byteLength >= plain.byteLength, 'the lessor node received the whole input')
    assert.equal(node.indexOf(Buffer.from(plain.subarray(16, 48))), -1, 'no plaintext row in what the lessor node received')
  })

  it('refuses a renter without a lease, a wrong mode, and input that does not match what was declared', async () => {
    const req = { leaseId: 'lease-1', subtaskId: 's-x', mode: 'he' as const, program: encodeProgram(program), rows: 6 }
    await assert.rejects(runSubtask(await open(stranger), req, [new Uint8Array(10)], 10), { name: 'TaskError', code: 'NO_LEASE' })
    await assert.rejects(runSubtask(await open(), { ...req, leaseId: 'lease-2' }, [new Uint8Array(10)], 10), { code: 'NO_LEASE' })
    await assert.rejects(runSubtask(await open(), { ...req, mode: 'tee' }, [new Uint8Array(10)], 10), { code: 'MALFORMED' })
    await assert.rejects(runSubtask(await open(), req, [new Uint8Array(10)], 20), { code: 'MALFORMED' })
    await assert.rejects(runSubtask(await open(), req, [new Uint8Array(30)], 20), { code: 'MALFORMED' })
    const refusedBefore = Object.values(recorded.counts.shulian_he_objects_refused_total ?? {}).reduce((a, b) => a + b, 0)
    await assert.rejects(runSubtask(await open(), req, [new Uint8Array(10).fill(9)], 10), { code: 'BAD_INPUT' })
    // the garbage ciphertext is counted as a refused HE object, by its reason
    assert.equal(Object.values(recorded.counts.shulian_he_objects_refused_total ?? {}).reduce((a, b) => a + b, 0), refusedBefore + 1, JSON.stringify(recorded.counts))
    assert.ok((recorded.counts.shulian_task_subtasks_total?.NO_LEASE ?? 0) >= 2)
    assert.ok((recorded.counts.shulian_task_subtasks_total?.BAD_INPUT ?? 0) >= 1)
    await assert.rejects(runSubtask(await open(), { ...req, leaseId: 'no spaces allowed' }, [new Uint8Array(1)], 1), { code: 'MALFORMED' })
  })

  it('the renter never has more input unacknowledged than the window the lessor offers (2 MiB when none)', async () => {
    const { TaskData, TaskEvent, TaskRequest } = await import('./pb/task.js')
    const MiB = 1024 * 1024
    for (const [offered, window] of [[0, 2 * MiB], [3 * MiB, 3 * MiB], [5 * MiB + 17, 5 * MiB + 17]] as const) {
      // a lessor that acknowledges only when the renter may not send another 1 MiB chunk: a renter
      // that ignored the window would run ahead of it, and the check below would see it
      const [outbound, inbound] = await streamPair({ protocol: TASK_PROTOCOL })
      const input = new Uint8Array(12 * MiB + 5).fill(7)
      let most = 0
      const lessor = (async () => {
        const pb = pbStream(inbound, { maxDataLength: 2 * MiB + 1024, maxBufferSize: 64 * MiB })
        const req = await pb.read(TaskRequest)
        await pb.write({ kind: TaskEvent.Kind.ACCEPTED, window: BigInt(offered) }, TaskEvent)
        let got = 0
        let acked = 0
        while (true) {
          const data = await pb.read(TaskData)
          got += data.chunk.byteLength
          most = Math.max(most, got - acked)
          if (data.end || got - acked + MiB > window) {
            acked = got
            await pb.write({ kind: TaskEvent.Kind.PROGRESS, phase: 'receiving', done: BigInt(got), total: req.inputBytes }, TaskEvent)
          }
          if (data.end) break
        }
        await pb.write({ kind: TaskEvent.Kind.DONE, done: 0n, computeMs: 0n }, TaskEvent)
        await inbound.close()
        return got
      })()
      const out = await runSubtask(outbound, { leaseId: 'lease-1', subtaskId: 's-window', mode: 'he', program: encodeProgram(program), rows: 1 }, [input], input.byteLength)
      assert.equal(await lessor, input.byteLength)
      assert.equal(out.bytesSent, input.byteLength)
      assert.ok(most <= window, `${most} bytes unacknowledged, window ${window}`)
      assert.ok(most > window - MiB, `the renter used the window (${most} of ${window})`)
    }
  })

  it('answers garbage with MALFORMED', async () => {
    const lp = lpStream(await open())
    await lp.write(Uint8Array.from([0xff, 0xff, 0xff, 0x07]))
    const { TaskEvent } = await import('./pb/task.js')
    const ev = TaskEvent.decode(await lp.read({ signal: AbortSignal.timeout(5000) }))
    assert.equal(ev.kind, TaskEvent.Kind.ERROR)
    assert.equal(ev.code, 'MALFORMED')
  })
})
