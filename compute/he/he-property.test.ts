/**
 * Property: random programs (within the supported depth) on random data give, through the HE
 * executor and the serialization a lessor receives, what the plaintext executor gives: BFV
 * exactly, CKKS within the stated tolerance (see TOLERANCE). Fixed seed, bounded runs.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import fc from 'fast-check'
import { ProgramError, compileProgram, PartialSpec, Output, Program } from '../program/index.js'
import { columnRange, seededRandom, sliceTable, tableOf } from '../data/index.js'
import { combine, programColumns, runPlain } from '../exec/index.js'
import { splitRows } from '../split/index.js'
import { HeRenter, createHePool, evaluateSubtask, planHe, slotsOf } from './index.js'
import type { ColumnType, ProgramSpec } from '../program/index.js'
import type { Outputs } from '../exec/index.js'
import type { Table } from '../data/index.js'

/**
 * CKKS tolerance, per output, in terms of the magnitudes m of its per-row values v (n rows):
 * rows |e| ≤ 1e-7·max|v| + 1e-6; sum, dot |e| ≤ 1e-7·Σ|v| + 1e-6·n; mean |e| ≤ 1e-7·mean|v| + 1e-6;
 * var |e| ≤ 1e-7·mean(v²) + 1e-6·(1 + mean|v|).
 */
export const TOLERANCE = { relative: 1e-7, absolute: 1e-6 }

const pool = createHePool(2)
after(async () => { await pool.close() })
const renters = new Map<string, Promise<HeRenter>>()

function expression (columns: string[], integral: boolean): fc.Arbitrary<string> {
  const constant = integral
    ? fc.integer({ min: -9, max: 9 }).map(String)
    : fc.oneof(fc.integer({ min: -9, max: 9 }).map(String), fc.double({ min: -5, max: 5, noNaN: true, noDefaultInfinity: true }).map(x => x.toFixed(3)))
  const { tree } = fc.letrec<{ tree: string, leaf: string }>(tie => ({
    leaf: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...columns) }, { weight: 1, arbitrary: constant }),
    tree: fc.oneof({ maxDepth: 3, depthIdentifier: 'tree' },
      { weight: 2, arbitrary: tie('leaf') },
      fc.tuple(tie('tree'), fc.constantFrom('+', '-', '*'), tie('tree')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('tree').map(a => `-(${a})`))
  }))
  return tree
}

function programSpec (columns: string[], integral: boolean): fc.Arbitrary<ProgramSpec> {
  const e = expression(columns, integral)
  const output = fc.oneof(
    e.map(x => `sum(${x})`), e.map(x => `mean(${x})`), e.map(x => `var(${x})`),
    fc.tuple(e, e).map(([a, b]) => `dot(${a}, ${b})`), e, fc.constant('count()'))
  return fc.tuple(e, fc.array(output, { minLength: 1, maxLength: 4 })).map(([t, outs]) => ({
    let: { t },
    outputs: Object.fromEntries(outs.map((o, i) => [`o${i}`, i === 0 ? `sum(t * ${columns[0]})` : o]))
  }))
}

function randomTable (types: Record<string, ColumnType>, rows: number, seed: number): Table {
  const rnd = seededRandom(seed)
  const cols: Record<string, number[]> = {}
  for (const [name, type] of Object.entries(types)) {
    cols[name] = Array.from({ length: rows }, () => type === 'int' ? Math.floor(rnd() * 61) - 30 : (rnd() - 0.5) * 200)
  }
  return tableOf(types, cols)
}

/** Per output: the magnitudes the CKKS tolerance is relative to. */
function tolerances (program: Program, table: Table): Record<string, number> {
  const perRow = runPlain({ ...program, partials: program.partials.map(p => ({ ...p, kind: PartialSpec.Kind.ROWS })) }, table)
  const n = table.rowCount
  const { relative: r, absolute: a } = TOLERANCE
  const out: Record<string, number> = {}
  for (const o of program.outputs) {
    const v = o.partials.length > 0 ? (perRow.values[o.partials[0] as number] as { values: Float64Array }).values : new Float64Array(0)
    const sumAbs = v.reduce((s, x) => s + Math.abs(x), 0)
    switch (o.aggregate) {
      case Output.Aggregate.ROWS: out[o.name] = r * v.reduce((m, x) => Math.max(m, Math.abs(x)), 0) + a; break
      case Output.Aggregate.SUM: case Output.Aggregate.DOT: out[o.name] = r * sumAbs + a * n; break
      case Output.Aggregate.MEAN: out[o.name] = r * sumAbs / n + a; break
      case Output.Aggregate.VAR: out[o.name] = r * v.reduce((s, x) => s + x * x, 0) / n + a * (1 + sumAbs / n); break
      default: out[o.name] = 0
    }
  }
  return out
}

async function runHe (program: Program, table: Table, weights: number[]): Promise<{ outputs: Outputs, set: string }> {
  const ranges = splitRows(table.rowCount, weights)
  const set = planHe({ program, ranges: programColumns(program, table).map(columnRange), maxSubtaskRows: Math.max(...ranges.map(r => r.end - r.start)) })
  let renter = renters.get(set.name)
  if (renter === undefined) { renter = HeRenter.create(set, pool); renters.set(set.name, renter) }
  const he = await renter
  const parts = []
  for (const r of ranges) {
    const input = await he.encryptSubtask(program, sliceTable(table, r.start, r.end))
    parts.push(await he.decryptResult(program, await evaluateSubtask(input.subarray(), pool)))
  }
  return { outputs: combine(program, parts), set: set.name }
}

function compileOrSkip (spec: ProgramSpec, types: Record<string, ColumnType>): Program | undefined {
  try {
    return compileProgram(spec, types)
  } catch (e) {
    if (e instanceof ProgramError && (e.code === 'CONSTANT' || e.code === 'TOO_DEEP')) return undefined
    throw e
  }
}

describe('HE executor against the plaintext executor', () => {
  it('BFV: random integer programs give exactly the plaintext answer', async () => {
    const types: Record<string, ColumnType> = { a: 'int', b: 'int', c: 'int' }
    let ran = 0
    await fc.assert(fc.asyncProperty(programSpec(['a', 'b', 'c'], true), fc.integer({ min: 1, max: 9000 }), fc.integer(), async (spec, rows, seed) => {
      const program = compileOrSkip(spec, types)
      if (program === undefined || program.depth > 2) return
      assert.equal(program.numeric, Program.Numeric.INT)
      const table = randomTable(types, rows, seed)
      const plain = combine(program, [runPlain(program, table)])
      const { outputs } = await runHe(program, table, [2, 1])
      assert.deepEqual(outputs, plain, JSON.stringify(spec))
      ran++
    }), { seed: 20260601, numRuns: 10 })
    assert.ok(ran >= 5, `only ${ran} programs ran`)
  })

  it('CKKS: random real programs stay within the stated tolerance', async () => {
    const types: Record<string, ColumnType> = { x: 'float', y: 'float', k: 'int' }
    let ran = 0
    await fc.assert(fc.asyncProperty(programSpec(['x', 'y', 'k'], false), fc.integer({ min: 1, max: 9000 }), fc.integer(), async (spec, rows, seed) => {
      const program = compileOrSkip(spec, types)
      if (program === undefined || program.depth > 3) return
      const table = randomTable(types, rows, seed)
      const plain = combine(program, [runPlain(program, table)])
      const tol = tolerances(program, table)
      const { outputs } = await runHe(program, table, [1, 1, 1])
      for (const [name, expected] of Object.entries(plain)) {
        const got = outputs[name] as number | number[]
        const t = tol[name] as number
        if (Array.isArray(expected)) {
          assert.ok(Array.isArray(got) && got.length === expected.length)
          expected.forEach((e, i) => assert.ok(Math.abs(e - (got[i] as number)) <= t, `${name}[${i}]: ${got[i]} vs ${e} (tolerance ${t}) in ${JSON.stringify(spec)}`))
        } else {
          assert.ok(Math.abs(expected - (got as number)) <= t, `${name}: ${got} vs ${expected} (tolerance ${t}) in ${JSON.stringify(spec)}`)
        }
      }
      ran++
    }), { seed: 20260602, numRuns: 10 })
    assert.ok(ran >= 5, `only ${ran} programs ran`)
  })

  it('pads the last ciphertext and still sums exactly (x + 1 over a partial chunk)', async () => {
    const types: Record<string, ColumnType> = { a: 'int' }
    const program = compileProgram({ outputs: { s: 'sum(a + 1)', v: 'var(a - 5)', r: 'a * 3 + 7' } }, types)
    const table = randomTable(types, 8192 + 77, 3)
    const { outputs, set } = await runHe(program, table, [1])
    assert.ok(table.rowCount % slotsOf({ ...planHe({ program, ranges: [{ lo: -30, hi: 30 }], maxSubtaskRows: table.rowCount }) }) !== 0, set)
    assert.deepEqual(outputs, combine(program, [runPlain(program, table)]))
  })
})
