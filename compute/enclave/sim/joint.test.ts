/**
 * `joint-linreg` in the simulated enclave (a separate process): the renter loads a lessor's rows
 * once, and each round gets a share for the partner (HE under its key, tagged with the share key)
 * and the gradient sums of its residuals back (AEAD). A run that names another HE key is refused.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { AeadPurpose, decodeHeParameters, decryptStream, encryptStream, heContext, heParamSet, loadSeal } from '../../../keys/index.js'
import { seededRandom } from '../../data/index.js'
import { HeRenter, decryptSlots } from '../../he/index.js'
import {
  JOINT_HE_SET, JointShare, backwardInput, centeredGradient, centeredProduct, createJointPool, decodeEnclaveReply, enclaveOpParams, forwardInput, keyFingerprint,
  loadInput, means, verifyShareTag
} from '../../joint/index.js'
import { encodeHePublicBundle } from '../programs/job.js'
import { JOINT_LINREG } from '../programs/joint.js'
import { startSimulatedEnclave } from './host.js'
import { collect, negotiate, testPlatform } from './test-support.js'
import type { HeParamSet } from '../../../keys/index.js'
import type { SimulatedEnclave } from './host.js'
import type { Platform } from './test-support.js'

const rows = 5000
const rnd = seededRandom(3)
const columns = [0, 1, 2].map(j => Float64Array.from({ length: rows }, () => 10 * j + rnd() * 5))
const mu = means(columns)
const ctx = { leaseId: 'lease-v', subtaskIds: ['t1.r1'], renterPeerId: 'renter', lessorPeerId: 'lessor' }
const aead = (purpose: typeof AeadPurpose.data | typeof AeadPurpose.result): { purpose: typeof purpose, leaseId: string, subtaskId: string } => ({ purpose, leaseId: 'lease-v', subtaskId: 't1.r1' })

describe('joint-linreg in the simulated enclave', () => {
  let platform: Platform
  let enclave: SimulatedEnclave
  const pool = createJointPool(1)
  const taps: Uint8Array[] = []

  before(async () => {
    platform = await testPlatform()
    enclave = await startSimulatedEnclave({ platformDir: platform.dir, tap: (_direction, bytes) => { taps.push(new Uint8Array(bytes)) } })
  })
  after(async () => {
    await enclave?.stop()
    await pool.close()
    await rm(platform.dir, { recursive: true, force: true })
  })

  it('loads once, then per round: a tagged share under the renter\'s key, and the gradient sums', async () => {
    const renter = await HeRenter.create(heParamSet(JOINT_HE_SET) as HeParamSet, pool)
    const shareKey = new Uint8Array(randomBytes(32))
    const s = await negotiate(enclave, platform.roots, ctx)
    const run = async (op: 'load' | 'forward' | 'backward', round: number, input: Uint8Array, he = false, bundle?: Uint8Array): Promise<Uint8Array> => {
      const frames = await collect(encryptStream(s.keys.toEnclave, aead(AeadPurpose.data), [input]))
      const out = await collect(enclave.run({
        sessionId: s.sessionId, leaseId: 'lease-v', subtaskId: 't1.r1', program: JOINT_LINREG, params: enclaveOpParams(op, round),
        resultProtection: he ? 'he' : 'aead', ...(he ? { hePublicKey: bundle ?? encodeHePublicBundle(renter.paramsBytes, renter.keys.publicKey) } : {})
      }, frames))
      return he ? Buffer.concat(out) : Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, aead(AeadPurpose.result), out)))
    }

    const loaded = await run('load', 0, loadInput({ trainingId: 't1', start: 100, names: ['a', 'b', 'c'], means: mu, columns, heParams: renter.paramsBytes, publicKey: renter.keys.publicKey, shareKey }))
    decodeEnclaveReply(loaded, { trainingId: 't1', round: 0, rows, sums: 0 })

    const w = [0.5, -1.25, 2]
    const share = JointShare.decode(await run('forward', 1, forwardInput('t1', 1, w), true))
    assert.equal(share.round, 1)
    assert.equal(share.start, 100)
    assert.equal(share.rows, rows)
    assert.equal(Buffer.from(share.keyFingerprint).toString('hex'), Buffer.from(keyFingerprint(renter.keys.publicKey)).toString('hex'))
    assert.ok(verifyShareTag(shareKey, share, share.ciphertexts, share.tag), 'tagged with the share key')
    const seal = await loadSeal()
    const slots = decryptSlots(heContext(seal, decodeHeParameters(seal, renter.paramsBytes).params), renter.keys.secretKey, share.ciphertexts.map((bytes, j) => ({ bytes, what: `chunk ${j}` })))
    const want = centeredProduct(columns, mu, w)
    for (let i = 0; i < rows; i++) {
      const got = (slots[Math.floor(i / 4096)] as Float64Array)[i % 4096] as number
      assert.ok(Math.abs(got - (want[i] as number)) < 1e-6, `row ${i}: ${got} vs ${String(want[i])}`)
    }

    const r = Float64Array.from({ length: rows }, () => rnd() - 0.5)
    const reply = decodeEnclaveReply(await run('backward', 1, backwardInput('t1', 1, r)), { trainingId: 't1', round: 1, rows, sums: 3 })
    const sums = centeredGradient(columns, mu, r)
    reply.sums.forEach((v, j) => { assert.ok(Math.abs(v - (sums[j] as number)) < 1e-9, `sum ${j}`) })

    // a lessor node that names its own HE key gets nothing encrypted for it
    const other = await HeRenter.create(heParamSet(JOINT_HE_SET) as HeParamSet, pool)
    await assert.rejects(run('forward', 2, forwardInput('t1', 2, w), true, encodeHePublicBundle(other.paramsBytes, other.keys.publicKey)),
      (e: any) => e.code === 'PROGRAM_INPUT' && /names an HE public key .* that is not the renter's .*another party/.test(e.message))
    // …nor when it names another key by its fingerprint; the renter's own fingerprint is enough
    await assert.rejects(run('forward', 2, forwardInput('t1', 2, w), true, keyFingerprint(other.keys.publicKey)), /not the renter's .*another party/)
    const byFingerprint = JointShare.decode(await run('forward', 2, forwardInput('t1', 2, w), true, keyFingerprint(renter.keys.publicKey)))
    assert.equal(byFingerprint.round, 2)
    // replayed weights of another round
    await assert.rejects(run('forward', 3, forwardInput('t1', 2, w), true), /weights of round 2 in a run for round 3/)
    // FORWARD's output never leaves as anything but HE ciphertext
    await assert.rejects(run('forward', 4, forwardInput('t1', 4, w)), /FORWARD runs with HE protection/)

    // the host (the lessor node's side) saw only ciphertext: none of the rows' float64 bytes
    const marker = Buffer.from(new Float64Array([(columns[1] as Float64Array)[17] as number]).buffer)
    assert.ok(Buffer.from(loadInput({ trainingId: 't1', start: 100, names: ['a', 'b', 'c'], means: mu, columns, heParams: renter.paramsBytes, publicKey: renter.keys.publicKey, shareKey })).includes(marker), 'the marker is in the plaintext input')
    assert.ok(taps.length > 0)
    assert.ok(!taps.some(t => Buffer.from(t).includes(marker)), 'no plaintext row crossed the host')
  })

  it('refuses rounds for a subtask nothing was loaded for', async () => {
    const s = await negotiate(enclave, platform.roots, { ...ctx, subtaskIds: ['t1.r1'] })
    const frames = await collect(encryptStream(s.keys.toEnclave, aead(AeadPurpose.data), [backwardInput('t1', 1, new Float64Array(rows))]))
    await assert.rejects(collect(enclave.run({ sessionId: s.sessionId, leaseId: 'lease-v', subtaskId: 't1.r1', program: JOINT_LINREG, params: enclaveOpParams('backward', 1), resultProtection: 'aead' }, frames)),
      (e: any) => e.code === 'PROGRAM_INPUT' && /nothing loaded for subtask t1\.r1 in this session/.test(e.message))
  })
})
