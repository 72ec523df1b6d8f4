import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { splitRows } from './index.js'
import { compileProgram } from '../program/index.js'
import { seededRandom, sliceTable, tableOf } from '../data/index.js'
import { combine, runPlain } from '../exec/index.js'

describe('splitRows', () => {
  it('gives contiguous ranges in order, covering every row once, sized by weight', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 100_000 }),
      fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 1, maxLength: 8 }).filter(w => w.some(x => x > 0)),
      fc.constantFrom(1, 7, 4096),
      (rows, weights, align) => {
        const ranges = splitRows(rows, weights, { align })
        assert.equal(ranges.length, weights.length)
        let at = 0
        const total = weights.reduce((a, b) => a + b, 0)
        ranges.forEach((r, i) => {
          assert.equal(r.index, i)
          assert.equal(r.start, at)
          assert.ok(r.end >= r.start)
          at = r.end
          const size = r.end - r.start
          if (weights[i] === 0) assert.equal(size, 0)
          // within one block of the exact share (the last block may be short)
          assert.ok(Math.abs(size - rows * (weights[i] as number) / total) <= 2 * align, `${size} rows for weight ${weights[i]}/${total} of ${rows}`)
          if (r.end < rows && size > 0) assert.equal(r.end % align, 0)
        })
        assert.equal(at, rows)
      }), { seed: 7, numRuns: 300 })
  })

  it('splits 10 rows 2:1:1 exactly as largest remainders say', () => {
    assert.deepEqual(splitRows(10, [2, 1, 1]).map(r => r.end - r.start), [5, 3, 2])
    assert.deepEqual(splitRows(8, [3, 1]).map(r => r.end - r.start), [6, 2])
  })

  it('refuses bad weights', () => {
    assert.throws(() => splitRows(10, []), RangeError)
    assert.throws(() => splitRows(10, [0, 0]), RangeError)
    assert.throws(() => splitRows(10, [1, -1]), RangeError)
    assert.throws(() => splitRows(-1, [1]), RangeError)
  })
})

describe('split and reassemble', () => {
  it('per-row outputs come back in row order and aggregates match the whole table', () => {
    const rnd = seededRandom(11)
    const rows = 1001
    const table = tableOf({ x: 'float', k: 'int' }, {
      x: Array.from({ length: rows }, () => rnd() * 10 - 5),
      k: Array.from({ length: rows }, (_, i) => i)
    })
    const program = compileProgram({ outputs: { row: 'k', y: 'x*k + 1', s: 'sum(x)', v: 'var(x)', c: 'count()' } }, table.types)
    const whole = combine(program, [runPlain(program, table)])
    const parts = splitRows(rows, [3, 0, 1, 2]).map(r => runPlain(program, sliceTable(table, r.start, r.end)))
    const split = combine(program, parts)
    assert.deepEqual(split.row, Array.from({ length: rows }, (_, i) => i))
    assert.deepEqual(split.y, whole.y)
    assert.equal(split.c, rows)
    assert.ok(Math.abs((split.s as number) - (whole.s as number)) < 1e-9)
    assert.ok(Math.abs((split.v as number) - (whole.v as number)) < 1e-9)
  })
})
