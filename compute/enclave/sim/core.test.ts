/**
 * The enclave core in-process, with a runtime of the test's choosing: checks the tee+he seam's
 * contract (what an HeResultEncryptor gets and how its output leaves the enclave) before the real
 * node-seal encryptor is wired into sim/runtime.ts.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { AeadPurpose, acceptAttestation, encryptStream, generateX25519, loadPlatform, plainBytes, verificationPolicy } from '../../../keys/index.js'
import { AttestRequest, AttestResult, EnclaveMessage, Kind, ResultProtection, RunBegin } from '../ipc/pb/enclave.js'
import { programRegistry } from '../programs.js'
import { F64_STATS, f64StatsParams, f64StatsProgram } from '../programs/f64-stats.js'
import { DEFAULT_ENCLAVE_LIMITS, EnclaveCore } from './core.js'
import { collect, f64Rows, testPlatform } from './test-support.js'
import type { Platform } from './test-support.js'
import type { SessionKeys } from '../../../keys/index.js'
import type { EnclaveRuntime, HeResultEncryptor } from '../programs.js'

const frame = (id: number, kind: Kind, body: Uint8Array): Uint8Array => EnclaveMessage.encode({ id, kind, body: plainBytes(body), errorCode: '', error: '' })

/** An in-process core with `runtime`, and a session attested to it (request id 1) as a renter would. */
async function attestedCore (platform: Platform, runtime: EnclaveRuntime): Promise<{ core: EnclaveCore, sent: EnclaveMessage[], sessionId: string, toEnclave: SessionKeys['toEnclave'] }> {
  const sent: EnclaveMessage[] = []
  const measurement = new Uint8Array(32).fill(3)
  const core = new EnclaveCore({ platform: await loadPlatform(platform.dir), measurement, runtime, limits: DEFAULT_ENCLAVE_LIMITS, send: m => { sent.push(m) } })
  const renterKey = generateX25519()
  const nonce = new Uint8Array(randomBytes(32))
  const context = { leaseId: 'l', subtaskIds: ['s'], renterPeerId: 'r', lessorPeerId: 'x', renterPublicKey: renterKey.publicKey }
  await core.handleFrame(frame(1, Kind.ATTEST, AttestRequest.encode({ ...context, subtaskIds: ['s'], nonce, renterPublicKey: plainBytes(renterKey.publicKey) })))
  const a = AttestResult.decode((sent.shift() as EnclaveMessage).body)
  const { keys } = await acceptAttestation({
    offer: { ...a, nonce },
    sessionId: a.sessionId,
    nonce,
    context,
    renterKey,
    policy: verificationPolicy({ roots: platform.roots, allowedMeasurements: [measurement], allowSimulated: true })
  })
  return { core, sent, sessionId: a.sessionId, toEnclave: keys.toEnclave }
}

describe('enclave core: tee+he seam', () => {
  let platform: Platform
  before(async () => { platform = await testPlatform() })
  after(async () => { await rm(platform.dir, { recursive: true, force: true }) })

  it('hands the decrypted input, the program and the renter\'s HE key to the HE encryptor and returns its output in pieces, not AEAD', async () => {
    const calls: Array<{ input: Uint8Array, params: Uint8Array, key: Uint8Array, program: string }> = []
    // a test double, not HE: it expands the result to 2.5 MiB so the output must leave in pieces
    const heOutput = new Uint8Array(2.5 * 1024 * 1024)
    const heEncryptor: HeResultEncryptor = {
      encrypt: async (input, params, key, program) => {
        calls.push({ input: new Uint8Array(input), params: new Uint8Array(params), key: new Uint8Array(key), program })
        heOutput.set(createHash('sha256').update(input).digest())
        return heOutput
      }
    }
    const { core, sent, sessionId, toEnclave } = await attestedCore(platform, { programs: programRegistry([f64StatsProgram]), heEncryptor })

    const rows = f64Rows([1, 2, 3, 4, 5, 6])
    const heKey = new Uint8Array(randomBytes(64))
    await core.handleFrame(frame(2, Kind.RUN_BEGIN, RunBegin.encode({
      sessionId, leaseId: 'l', subtaskId: 's', program: F64_STATS, params: plainBytes(f64StatsParams(3)), protection: ResultProtection.HE, hePublicKey: heKey
    })))
    for (const f of await collect(encryptStream(toEnclave, { purpose: AeadPurpose.data, leaseId: 'l', subtaskId: 's' }, [rows]))) {
      await core.handleFrame(frame(2, Kind.RUN_DATA, f))
    }
    await core.handleFrame(frame(2, Kind.RUN_END, new Uint8Array(0)))

    assert.equal(calls.length, 1)
    assert.deepEqual(calls[0], { input: rows, params: f64StatsParams(3), key: heKey, program: F64_STATS })
    assert.deepEqual(sent.map(m => [m.id, m.kind, m.body.byteLength]), [
      [2, Kind.RUN_RESULT, 1024 * 1024], [2, Kind.RUN_RESULT, 1024 * 1024], [2, Kind.RUN_RESULT, 512 * 1024], [2, Kind.RUN_DONE, 0]
    ])
    assert.deepEqual(Buffer.concat(sent.slice(0, 3).map(m => m.body)), Buffer.from(heOutput))
  })
})

describe('enclave core: cancelled runs', () => {
  let platform: Platform
  before(async () => { platform = await testPlatform() })
  after(async () => { await rm(platform.dir, { recursive: true, force: true }) })

  it('frees a cancelled run when the cancel arrives, so a run begun after a batch of cancelled ones is not refused as busy', async () => {
    const { core, sent, sessionId, toEnclave } = await attestedCore(platform, { programs: programRegistry([f64StatsProgram]) })
    const begin = RunBegin.encode({ sessionId, leaseId: 'l', subtaskId: 's', program: F64_STATS, params: plainBytes(f64StatsParams(2)), protection: ResultProtection.AEAD, hePublicKey: new Uint8Array(0) })
    const data = await collect(encryptStream(toEnclave, { purpose: AeadPurpose.data, leaseId: 'l', subtaskId: 's' }, [f64Rows([5, 6])]))

    // what a host writes when renters abandon more runs than the enclave holds (16), then one more
    // run comes: all of it read at once, as a busy enclave process reads its pipe
    const batch: Array<Promise<void>> = []
    const abandoned = DEFAULT_ENCLAVE_LIMITS.maxRuns + 4
    for (let id = 10; id < 10 + abandoned; id++) {
      batch.push(core.handleFrame(frame(id, Kind.RUN_BEGIN, begin)))
      batch.push(core.handleFrame(frame(id, Kind.RUN_DATA, data[0] as Uint8Array)))
      batch.push(core.handleFrame(frame(id, Kind.RUN_CANCEL, new Uint8Array(0))))
    }
    const last = 10 + abandoned
    batch.push(core.handleFrame(frame(last, Kind.RUN_BEGIN, begin)))
    for (const f of data) batch.push(core.handleFrame(frame(last, Kind.RUN_DATA, f)))
    batch.push(core.handleFrame(frame(last, Kind.RUN_END, new Uint8Array(0))))
    await Promise.all(batch)

    assert.deepEqual(sent.filter(m => m.kind === Kind.ERROR).map(m => `${m.id} ${m.errorCode}`), [], 'nothing refused, nothing answered for cancelled runs')
    assert.deepEqual(sent.map(m => m.id).filter(id => id !== last), [], 'only the last run is answered')
    assert.equal(sent.at(-1)?.kind, Kind.RUN_DONE)
  })
})
