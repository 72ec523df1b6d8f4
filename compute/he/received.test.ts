/**
 * A lessor (and a renter) receiving bad HE messages: refused with a clear error that keeps its
 * name and code across the worker-thread boundary; the pool keeps serving.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib'
import { HeParameters, heParamSet } from '../../keys/index.js'
import { compileProgram } from '../program/index.js'
import { tableOf } from '../data/index.js'
import { EncryptedInput, EncryptedResult, HeRenter, createHePool, evaluateSubtask } from './index.js'
import type { HeParamSet } from '../../keys/index.js'

const pool = createHePool(2)
after(async () => { await pool.close() })
const table = tableOf({ a: 'int', b: 'int' }, { a: [1, 2, 3, 4, 5], b: [5, 4, 3, 2, 1] })
const program = compileProgram({ outputs: { s: 'sum(a*b)', r: 'a - b' } }, table.types)
let renter: HeRenter
let good: EncryptedInput

function refused (code: string | RegExp, text?: RegExp): (e: any) => boolean {
  return (e: any) => {
    assert.equal(e.name, 'HeObjectError', String(e.stack))
    if (typeof code === 'string') assert.equal(e.code, code, e.message)
    else assert.match(e.code, code)
    assert.equal(e.exitCode, 2)
    if (text !== undefined) assert.match(e.message, text)
    return true
  }
}

const reencode = (m: EncryptedInput): Uint8Array => EncryptedInput.encode(m)

before(async () => {
  renter = await HeRenter.create(heParamSet('bfv-8192-t20') as HeParamSet, pool)
  good = EncryptedInput.decode((await renter.encryptSubtask(program, table)).subarray())
})

describe('received HE messages', () => {
  it('refuses garbage, disallowed parameters, and bad ciphertexts and keys', async () => {
    await assert.rejects(evaluateSubtask(new Uint8Array([1, 2, 3, 4, 5]), pool), refused('MALFORMED'))
    const params = HeParameters.decode(good.params)
    const weak = HeParameters.encode({ ...params, coeffModulus: params.coeffModulus.slice(0, 2) })
    await assert.rejects(evaluateSubtask(reencode({ ...good, params: weak }), pool), refused('PARAMS_NOT_ALLOWED'))
    const col = good.chunks[0]?.columns[1] as Uint8Array<ArrayBuffer>
    const raw = new Uint8Array(zstdDecompressSync(col))
    const cut = new Uint8Array(zstdCompressSync(raw.subarray(0, raw.length - 8))) as Uint8Array<ArrayBuffer>
    await assert.rejects(evaluateSubtask(reencode({ ...good, chunks: [{ columns: [good.chunks[0]?.columns[0] as Uint8Array<ArrayBuffer>, cut] }] }), pool),
      refused(/TRUNCATED|MALFORMED/, /chunk 0, column b/))
    const other = await HeRenter.create(heParamSet('bfv-8192-t40') as HeParamSet, pool)
    const foreign = EncryptedInput.decode((await other.encryptSubtask(program, table)).subarray())
    await assert.rejects(evaluateSubtask(reencode({ ...good, chunks: foreign.chunks }), pool), refused('PARAMS_MISMATCH'))
    await assert.rejects(evaluateSubtask(reencode({ ...good, relinKeys: good.relinKeys.subarray(0, 1000) }), pool), refused(/MALFORMED|TRUNCATED/))
    await assert.rejects(evaluateSubtask(reencode({ ...good, relinKeys: foreign.relinKeys }), pool), refused(/PARAMS_MISMATCH/))
  })

  it('still serves good work afterwards, and the renter refuses a result of the wrong shape', async () => {
    const result = await evaluateSubtask(reencode(good), pool)
    const partials = await renter.decryptResult(program, result)
    assert.deepEqual(partials.values[0], { kind: 'sum', value: 5n + 8n + 9n + 8n + 5n })
    const r = EncryptedResult.decode(result)
    const short = EncryptedResult.encode({ ...r, partials: r.partials.slice(0, 1) })
    await assert.rejects(renter.decryptResult(program, short), (e: any) => e.name === 'ExecError' && e.code === 'SHAPE')
  })
})
