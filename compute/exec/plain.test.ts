import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compileProgram } from '../program/index.js'
import { seededRandom, tableOf } from '../data/index.js'
import { ExecError, combine, runPlain } from './index.js'

describe('plaintext executor', () => {
  const rnd = seededRandom(5)
  const rows = 40_000
  const income = Array.from({ length: rows }, () => 20000 + rnd() * 80000)
  const debt = Array.from({ length: rows }, () => rnd() * 30000)
  const age = Array.from({ length: rows }, () => 18 + Math.floor(rnd() * 70))
  const table = tableOf({ income: 'float', debt: 'float', age: 'int' }, { income, debt, age })

  it('computes the example job as the formulas say (population variance)', () => {
    const program = compileProgram({
      let: { score: '0.3*income - 0.2*debt + 0.01*age*age' },
      outputs: { mean_score: 'mean(score)', var_score: 'var(score)', total_debt: 'sum(debt)', d: 'dot(income, age)', n: 'count()', s: 'score' }
    }, table.types)
    const out = combine(program, [runPlain(program, table)])
    const score = income.map((x, i) => 0.3 * x - 0.2 * (debt[i] as number) + 0.01 * (age[i] as number) ** 2)
    const mean = score.reduce((a, b) => a + b, 0) / rows
    const variance = score.reduce((a, b) => a + (b - mean) ** 2, 0) / rows
    assert.ok(Math.abs((out.mean_score as number) - mean) < 1e-8 * mean)
    assert.ok(Math.abs((out.var_score as number) - variance) < 1e-8 * variance)
    assert.ok(Math.abs((out.total_debt as number) - debt.reduce((a, b) => a + b, 0)) < 1e-3)
    assert.ok(Math.abs((out.d as number) - income.reduce((a, x, i) => a + x * (age[i] as number), 0)) < 1)
    assert.equal(out.n, rows)
    assert.equal((out.s as number[]).length, rows)
    assert.ok(Math.abs((out.s as number[])[123] as number - (score[123] as number)) < 1e-9)
  })

  it('keeps integer sums exact beyond 2^53 (bigint), and integer variance exact until the division', () => {
    const big = tableOf({ a: 'int' }, { a: [2 ** 52, 2 ** 52, 2 ** 52, 1] })
    const sum = compileProgram({ outputs: { s: 'sum(a)' } }, big.types)
    assert.deepEqual(runPlain(sum, big).values[0], { kind: 'sum', value: 3n * 2n ** 52n + 1n })
    const a = [2 ** 26, 3, 2 ** 26 - 1, 7]
    const t = tableOf({ a: 'int' }, { a })
    const v = compileProgram({ outputs: { v: 'var(a)' } }, t.types)
    const s1 = a.reduce((x, y) => x + BigInt(y), 0n)
    const s2 = a.reduce((x, y) => x + BigInt(y) ** 2n, 0n)
    assert.equal(combine(v, [runPlain(v, t)]).v, Number(4n * s2 - s1 * s1) / 16)
  })

  it('refuses integer programs whose values could exceed 2^53', () => {
    const t = tableOf({ a: 'int' }, { a: [1e9, -1e9] })
    const program = compileProgram({ outputs: { s: 'sum(a*a*a)' } }, t.types)
    assert.throws(() => runPlain(program, t), (e: unknown) => e instanceof ExecError && e.code === 'OVERFLOW' && /beyond 2\^53/.test(e.message))
  })
})
