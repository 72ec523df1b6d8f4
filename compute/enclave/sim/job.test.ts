/**
 * The real workload in the simulated enclave (a separate process): a compiled job program run on
 * the renter's table, the result AEAD-encrypted (tee) or HE-encrypted under the renter's public key
 * (tee+he). Both are checked against the plaintext executor run here, outside the enclave.
 */
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { AeadPurpose, decryptStream, encryptStream, heParamSet } from '../../../keys/index.js'
import { encodeTable, seededRandom, tableOf } from '../../data/index.js'
import { combine, decodePartials, runPlain } from '../../exec/index.js'
import { HeRenter, createHePool } from '../../he/index.js'
import { compileProgram, encodeProgram } from '../../program/index.js'
import { JOB, encodeHePublicBundle } from '../programs/job.js'
import { startSimulatedEnclave } from './host.js'
import { collect, negotiate, testPlatform } from './test-support.js'
import type { HeParamSet } from '../../../keys/index.js'
import type { Outputs } from '../../exec/index.js'
import type { SimulatedEnclave } from './host.js'
import type { Platform } from './test-support.js'

const rnd = seededRandom(7)
const rows = 5000
const ctx = { leaseId: 'lease-j', subtaskIds: ['s1'], renterPeerId: 'renter', lessorPeerId: 'lessor' }
const dataCtx = { purpose: AeadPurpose.data, leaseId: 'lease-j', subtaskId: 's1' }
const resultCtx = { purpose: AeadPurpose.result, leaseId: 'lease-j', subtaskId: 's1' }

const real = tableOf({ income: 'float', debt: 'float', age: 'int' }, {
  income: Array.from({ length: rows }, () => 20 + rnd() * 80),
  debt: Array.from({ length: rows }, () => rnd() * 30),
  age: Array.from({ length: rows }, () => 18 + Math.floor(rnd() * 60))
})
const realProgram = compileProgram({ let: { score: '0.3*income - 0.2*debt + 0.01*age*age' }, outputs: { mean_score: 'mean(score)', var_score: 'var(score)', total_debt: 'sum(debt)' } }, real.types)
const ints = tableOf({ a: 'int', b: 'int' }, {
  a: Array.from({ length: rows }, () => Math.floor(rnd() * 200) - 100),
  b: Array.from({ length: rows }, () => Math.floor(rnd() * 50))
})
const intProgram = compileProgram({ outputs: { s: 'sum(a*b + 3)', v: 'var(a)', n: 'count()' } }, ints.types)

function close (got: Outputs, want: Outputs, rel: number): void {
  for (const [k, w] of Object.entries(want)) {
    const g = got[k] as number
    assert.ok(Math.abs(g - (w as number)) <= rel * Math.max(1, Math.abs(w as number)), `${k}: ${g} vs ${String(w)}`)
  }
}

describe('the job program in the simulated enclave', () => {
  let platform: Platform
  let enclave: SimulatedEnclave
  const pool = createHePool(2)

  before(async () => {
    platform = await testPlatform()
    enclave = await startSimulatedEnclave({ platformDir: platform.dir })
  })
  after(async () => {
    await enclave?.stop()
    await pool.close()
    await rm(platform.dir, { recursive: true, force: true })
  })

  it('tee: the enclave computes the job on the decrypted table; the renter decrypts the plaintext answer', async () => {
    const s = await negotiate(enclave, platform.roots, ctx)
    const input = await collect(encryptStream(s.keys.toEnclave, dataCtx, [encodeTable(realProgram, real)]))
    const out = await collect(enclave.run({ sessionId: s.sessionId, leaseId: 'lease-j', subtaskId: 's1', program: JOB, params: encodeProgram(realProgram), resultProtection: 'aead' }, input))
    const partials = decodePartials(Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, resultCtx, out))), realProgram, rows)
    assert.deepEqual(combine(realProgram, [partials]), combine(realProgram, [runPlain(realProgram, real)]))
  })

  it('tee+he (CKKS): the enclave HE-encrypts the result under the renter\'s key; it decrypts to the plaintext answer', async () => {
    const renter = await HeRenter.create(heParamSet('ckks-16384-d3') as HeParamSet, pool)
    const s = await negotiate(enclave, platform.roots, ctx)
    const input = await collect(encryptStream(s.keys.toEnclave, dataCtx, [encodeTable(realProgram, real)]))
    const out = await collect(enclave.run({
      sessionId: s.sessionId, leaseId: 'lease-j', subtaskId: 's1', program: JOB, params: encodeProgram(realProgram),
      resultProtection: 'he', hePublicKey: encodeHePublicBundle(renter.paramsBytes, renter.keys.publicKey)
    }, input))
    const got = combine(realProgram, [await renter.decryptResult(realProgram, Buffer.concat(out))])
    close(got, combine(realProgram, [runPlain(realProgram, real)]), 1e-6)
  })

  it('tee+he (BFV): exact', async () => {
    const renter = await HeRenter.create(heParamSet('bfv-8192-t20') as HeParamSet, pool)
    const s = await negotiate(enclave, platform.roots, ctx)
    const input = await collect(encryptStream(s.keys.toEnclave, dataCtx, [encodeTable(intProgram, ints)]))
    const out = await collect(enclave.run({
      sessionId: s.sessionId, leaseId: 'lease-j', subtaskId: 's1', program: JOB, params: encodeProgram(intProgram),
      resultProtection: 'he', hePublicKey: encodeHePublicBundle(renter.paramsBytes, renter.keys.publicKey)
    }, input))
    assert.deepEqual(combine(intProgram, [await renter.decryptResult(intProgram, Buffer.concat(out))]), combine(intProgram, [runPlain(intProgram, ints)]))
  })

  it('refuses a table that does not fit the program, naming no values', async () => {
    const s = await negotiate(enclave, platform.roots, ctx)
    const bad = encodeTable(realProgram, real).subarray(0, 100)
    const input = await collect(encryptStream(s.keys.toEnclave, dataCtx, [bad]))
    await assert.rejects(collect(enclave.run({ sessionId: s.sessionId, leaseId: 'lease-j', subtaskId: 's1', program: JOB, params: encodeProgram(realProgram), resultProtection: 'aead' }, input)),
      (e: any) => e.code === 'PROGRAM_INPUT' && /bad input: table/.test(e.message))
  })
})
