import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compileProgram } from '../program/index.js'
import { tableOf } from './table.js'
import { zstdCompressSync } from 'node:zlib'
import { decodeTable, encodeTable, encodeTableCompressed } from './wire.js'

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

  it('round-trips inside a zstd frame, which makes a large table of job-like numbers smaller', async () => {
    const z = await encodeTableCompressed(program, table)
    assert.deepEqual([...decodeTable(z, program).columns.x as Float64Array], [1.5, -2.25, 3])
    const n = 50_000
    const big = tableOf({ x: 'float', n: 'int' }, { x: Array.from({ length: n }, (_, i) => Math.round((i * 7919) % 100_000) / 100), n: Array.from({ length: n }, (_, i) => 18 + (i % 70)) })
    const plain = encodeTable(program, big)
    const packed = await encodeTableCompressed(program, big)
    assert.ok(packed.byteLength < plain.byteLength * 0.8, `${packed.byteLength} of ${plain.byteLength} bytes`)
    const back = decodeTable(packed, program)
    assert.deepEqual(back.columns.x, big.columns.x)
    assert.deepEqual(back.columns.n, big.columns.n)
  })

  it('refuses a zstd frame that inflates past the limit, or is broken, in one line', async () => {
    const bomb = zstdCompressSync(new Uint8Array(10 * 1024 * 1024))
    assert.ok(bomb.byteLength < 10_000)
    assert.throws(() => decodeTable(bomb, program, 1024 * 1024), /^DataError: table: inflates to more than 1048576 bytes$/m)
    const z = await encodeTableCompressed(program, table)
    assert.throws(() => decodeTable(z.subarray(0, z.byteLength - 3), program), (e: any) => e.name === 'DataError' && /broken zstd frame/.test(e.message) && !e.message.includes('\n'))
  })
})
