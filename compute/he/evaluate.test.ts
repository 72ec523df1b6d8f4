/**
 * A lessor's evaluation encodes each constant of the program once per evaluation, not once per
 * chunk, and gets the plaintext executor's answer (CKKS within 1e-6 relative, BFV exactly).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeHeParameters, heContext, heParamSet, loadRelinKeys, loadSeal } from '../../keys/index.js'
import { tableOf } from '../data/index.js'
import { combine, runPlain } from '../exec/index.js'
import { compileProgram, decodeProgram } from '../program/index.js'
import { evaluateChunks } from './evaluate.js'
import { EncryptedInput, HeRenter, inProcessHe } from './index.js'
import { encodeEncryptedResult } from './wire.js'
import type { HeParamSet } from '../../keys/index.js'

for (const [name, type] of [['ckks-8192-d1', 'float'], ['bfv-8192-t20', 'int']] as const) {
  describe(`evaluateChunks, ${name}`, () => {
    it('encodes each constant once for all the chunks it evaluates, and gets the plaintext answer', async () => {
      const set = heParamSet(name) as HeParamSet
      const rows = 3 * 8192
      const x = Array.from({ length: rows }, (_, i) => (i * 13) % 101)
      const y = Array.from({ length: rows }, (_, i) => (i * 7) % 53)
      const expr = type === 'float' ? '0.3*x - 0.2*y + 2' : '3*x - 2*y + 5'
      const program = compileProgram({ let: { s: expr }, outputs: { total: 'sum(s)', each: 's' } }, { x: type, y: type })
      const table = tableOf({ x: type, y: type }, { x, y })
      const renter = await HeRenter.create(set, inProcessHe())
      const input = EncryptedInput.decode((await renter.encryptSubtask(program, table)).subarray())
      const seal = await loadSeal()
      const he = heContext(seal, decodeHeParameters(seal, input.params).params)
      const relin = input.relinKeys.byteLength > 0 ? loadRelinKeys(he, input.relinKeys) : undefined
      const chunks = input.chunks.map(c => c.columns.map(ct => ct.slice()))
      assert.ok(chunks.length >= 3, `${chunks.length} chunks`)

      // count the full-vector encodes an evaluation makes
      const encoder = (he.set.scheme === 'ckks' ? he.ckksEncoder : he.batchEncoder) as any
      const encode = encoder.encode
      let encodes = 0
      encoder.encode = (...args: unknown[]) => { encodes++; return encode.apply(encoder, args) }
      try {
        evaluateChunks(he, relin, decodeProgram(input.program), chunks.slice(0, 1))
        const one = encodes
        encodes = 0
        const all = evaluateChunks(he, relin, decodeProgram(input.program), chunks)
        assert.ok(one > 0, 'the program has constants to encode')
        assert.equal(encodes, one, `${chunks.length} chunks encode what one chunk does`)

        // and the answer is the plaintext executor's
        const bytes = encodeEncryptedResult({ rows, padRows: chunks.length * he.slots - rows }, all.partials)
        const outputs = combine(program, [await renter.decryptResult(program, bytes)])
        const expected = combine(program, [runPlain(program, table)])
        if (type === 'int') assert.deepEqual(outputs, expected)
        else {
          assert.ok(Math.abs((outputs.total as number) - (expected.total as number)) <= 1e-6 * Math.abs(expected.total as number))
          ;(outputs.each as number[]).forEach((v, i) => { assert.ok(Math.abs(v - (expected.each as number[])[i]!) <= 1e-6 * 100, `row ${i}`) })
        }
      } finally {
        encoder.encode = encode
        relin?.delete()
      }
    })
  })
}
