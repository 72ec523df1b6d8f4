import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compileProgram } from '../program/index.js'
import { tableOf } from './table.js'
import { decodeTable, encodeTable } from './wire.js'

const table = tableOf({ x: 'float', n: 'int', unused: 'float' }, { x: [1.5, -2.25, 3], n: [1, 2, 3], unused: [9, 9, 9] })
const program = compileProgram({ outputs: { s: 'sum(x*n)' } }, table.types)

describe('table wire format', () => {
  it('round-trips the columns the program reads, and only those', () => {
    const t = decodeTable(encodeTable(program, table), program)
    assert.equal(t.rowCount, 3)
    assert.deepEqual(Object.keys(t.columns).sort(), program.columns.map(c => c.name).sort())
    assert.deepEqual([...t.columns.x as Float64Array], [1.5, -2.25, 3])
    assert.deepEqual(t.types, { x: 'float', n: 'int' })
  })

  it('decodes from an unaligned view', () => {
    const bytes = encodeTable(program, table)
    const shifted = new Uint8Array(bytes.byteLength + 1)
    shifted.set(bytes, 1)
    assert.equal(decodeTable(shifted.subarray(1), program).rowCount, 3)
  })

  it('refuses truncated, padded, foreign and non-finite tables', () => {
    const good = encodeTable(program, table)
    assert.throws(() => decodeTable(good.subarray(0, 10), program), /truncated header/)
    assert.throws(() => decodeTable(good.subarray(0, good.byteLength - 8), program), /expected/)
    assert.throws(() => decodeTable(new Uint8Array([...good, 0]), program), /expected/)
    const foreign = new Uint8Array(good); foreign[0] = 0x41
    assert.throws(() => decodeTable(foreign, program), /bad magic/)
    const nan = new Uint8Array(good); new DataView(nan.buffer).setFloat64(16, NaN, true)
    assert.throws(() => decodeTable(nan, program), /not a finite number|not an integer/)
    const frac = tableOf({ x: 'float', n: 'int' }, { x: [1, 2, 3], n: [1, 2.5, 3] })
    assert.throws(() => decodeTable(encodeTable(program, frac), program), /"n" row 2 is not an integer/)
  })
})
