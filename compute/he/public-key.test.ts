/**
 * The paths later issues build on: a TEE enclave returning a result HE-encrypted under the
 * renter's public key (tee+he), and a third party encrypting its own data with that key for
 * evaluation (joint computation). Both decrypt at the renter to the plaintext answer.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { heParamSet } from '../../keys/index.js'
import { compileProgram, encodeProgram } from '../program/index.js'
import { seededRandom, tableOf } from '../data/index.js'
import { combine, programColumns, runPlain } from '../exec/index.js'
import { EncryptedInput, HeRenter, createHePool, encryptForPublicKey, encryptResultFor, evaluateSubtask, needsRelinKeys } from './index.js'
import type { HeParamSet } from '../../keys/index.js'

const pool = createHePool(2)
after(async () => { await pool.close() })
const rnd = seededRandom(99)
const rows = 9000
const table = tableOf({ a: 'int', b: 'int' }, {
  a: Array.from({ length: rows }, () => Math.floor(rnd() * 200) - 100),
  b: Array.from({ length: rows }, () => Math.floor(rnd() * 50))
})
const program = compileProgram({ outputs: { s: 'sum(a*b + 3)', v: 'var(a)', r: 'a - 2*b' } }, table.types)
const expected = combine(program, [runPlain(program, table)])

describe('public-key paths', () => {
  it('tee+he: an enclave-encrypted result decrypts to the plaintext answer', async () => {
    const renter = await HeRenter.create(heParamSet('bfv-8192-t20') as HeParamSet, pool)
    const result = await encryptResultFor(renter.paramsBytes, renter.keys.publicKey, program, table, pool)
    assert.deepEqual(combine(program, [await renter.decryptResult(program, result)]), expected)
  })

  it('joint: data encrypted by a third party under the renter\'s public key is evaluated and decrypted', async () => {
    const renter = await HeRenter.create(heParamSet('bfv-8192-t20') as HeParamSet, pool)
    const chunks = await encryptForPublicKey(renter.paramsBytes, renter.keys.publicKey, programColumns(program, table), pool)
    const input = EncryptedInput.encode({
      params: renter.paramsBytes,
      relinKeys: needsRelinKeys(program) ? renter.keys.relinKeys : new Uint8Array(0),
      program: encodeProgram(program),
      rows,
      chunks: chunks.map(columns => ({ columns }))
    } as EncryptedInput)
    const result = await evaluateSubtask(input, pool)
    assert.deepEqual(combine(program, [await renter.decryptResult(program, result)]), expected)
  })
})
