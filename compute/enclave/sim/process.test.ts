/**
 * The enclave process as a compromised host would see it: raw frames on its pipe. Garbage,
 * oversized frames and undecodable bodies are refused, and it keeps serving.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { generateX25519, plainBytes } from '../../../keys/index.js'
import { FrameDecoder, encodeFrame } from '../ipc/framing.js'
import { AttestRequest, EnclaveMessage, Kind } from '../ipc/pb/enclave.js'
import { SIMULATED_ENCLAVE_ENTRY } from './entry.js'
import { startSimulatedEnclave } from './host.js'
import { AsyncQueue } from './queue.js'
import { F64_STATS, f64StatsParams } from '../programs/f64-stats.js'
import { collect, negotiate, testPlatform } from './test-support.js'
import type { Platform } from './test-support.js'
import type { ChildProcess } from 'node:child_process'
import type { Socket } from 'node:net'

const MAX_FRAME = 64 * 1024

describe('enclave process under bad input', () => {
  let platform: Platform
  let child: ChildProcess
  let pipe: Socket
  const inbox = new AsyncQueue<EnclaveMessage>()

  before(async () => {
    platform = await testPlatform()
    child = spawn(process.execPath, [SIMULATED_ENCLAVE_ENTRY, '--platform-dir', platform.dir, '--max-frame', String(MAX_FRAME)], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] })
    pipe = child.stdio[3] as Socket
    const decoder = new FrameDecoder(4 * MAX_FRAME, { onFrame: f => { inbox.push(EnclaveMessage.decode(f)) }, onOversized: () => { inbox.fail(new Error('oversized from enclave')) } })
    pipe.on('data', (b: Buffer) => { decoder.push(b) })
    assert.equal((await inbox.next()).kind, Kind.READY)
  })
  after(async () => {
    const exited = once(child, 'exit')
    pipe.end()
    await exited
    await rm(platform.dir, { recursive: true, force: true })
  })

  const attest = (id: number): Uint8Array => encodeFrame(EnclaveMessage.encode({
    id,
    kind: Kind.ATTEST,
    body: AttestRequest.encode({
      nonce: plainBytes(randomBytes(32)), leaseId: 'l', subtaskIds: ['s'], renterPeerId: 'r', lessorPeerId: 'x', renterPublicKey: plainBytes(generateX25519().publicKey)
    }),
    errorCode: '',
    error: ''
  }))

  it('refuses garbage, oversized frames and bad bodies, then still attests', async () => {
    pipe.write(encodeFrame(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])))
    assert.deepEqual(pick(await inbox.next()), { id: 0, kind: Kind.ERROR, errorCode: 'MALFORMED' })

    const huge = MAX_FRAME * 3
    const prefix = new Uint8Array(4)
    new DataView(prefix.buffer).setUint32(0, huge)
    pipe.write(prefix)
    pipe.write(new Uint8Array(huge).fill(0x41))
    assert.deepEqual(pick(await inbox.next()), { id: 0, kind: Kind.ERROR, errorCode: 'FRAME_TOO_LARGE' })

    // a body that cannot decode: field 1 says 100 bytes follow, 1 does (random bytes sometimes
    // decode as a message, and are then refused as BAD_REQUEST by the checks after decoding)
    pipe.write(encodeFrame(EnclaveMessage.encode({ id: 5, kind: Kind.ATTEST, body: Uint8Array.from([0x0a, 0x64, 0x01]), errorCode: '', error: '' })))
    assert.deepEqual(pick(await inbox.next()), { id: 5, kind: Kind.ERROR, errorCode: 'MALFORMED' })

    pipe.write(encodeFrame(EnclaveMessage.encode({ id: 6, kind: Kind.RUN_DATA, body: plainBytes(randomBytes(40)), errorCode: '', error: '' })))
    assert.deepEqual(pick(await inbox.next()), { id: 6, kind: Kind.ERROR, errorCode: 'BAD_REQUEST' })

    pipe.write(attest(7))
    assert.deepEqual(pick(await inbox.next()), { id: 7, kind: Kind.ATTEST_OK, errorCode: '' })
    assert.equal(child.exitCode, null)
  })
})

describe('host when the enclave process dies', () => {
  it('fails pending and later requests with EnclaveUnavailableError', async () => {
    const platform = await testPlatform()
    const enclave = await startSimulatedEnclave({ platformDir: platform.dir })
    try {
      // an input that never ends keeps the run pending until the process dies
      const never = (async function * () { await new Promise(() => {}) })()
      const s = await negotiate(enclave, platform.roots, { leaseId: 'l', subtaskIds: ['t'], renterPeerId: 'r', lessorPeerId: 'x' })
      const run = collect(enclave.run({ sessionId: s.sessionId, leaseId: 'l', subtaskId: 't', program: F64_STATS, params: f64StatsParams(1), resultProtection: 'aead' }, never))
      process.kill(enclave.pid as number, 'SIGKILL')
      await assert.rejects(run, { name: 'EnclaveUnavailableError', message: /exited \(SIGKILL\)/ })
      await assert.rejects(enclave.closeSession(s.sessionId), { name: 'EnclaveUnavailableError' })
    } finally {
      await enclave.stop()
      await rm(platform.dir, { recursive: true, force: true })
    }
  })
})

function pick (m: EnclaveMessage): { id: number, kind: Kind, errorCode: string } {
  return { id: m.id, kind: m.kind, errorCode: m.errorCode }
}
