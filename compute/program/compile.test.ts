import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Instruction, Output, PartialSpec, Program, ProgramError, compileProgram, decodeProgram, encodeProgram } from './index.js'
import type { ColumnType, ProgramSpec } from './index.js'

const columns: Record<string, ColumnType> = { income: 'float', debt: 'float', age: 'int', n: 'int' }
const example: ProgramSpec = {
  let: { score: '0.3*income - 0.2*debt + 0.01*age*age' },
  outputs: { mean_score: 'mean(score)', var_score: 'var(score)', total_debt: 'sum(debt)' }
}

function refused (spec: ProgramSpec, code: string, path: string, text: RegExp): void {
  assert.throws(() => compileProgram(spec, columns, { source: 'job.json' }), (e: unknown) => {
    assert.ok(e instanceof ProgramError, String(e))
    assert.equal(e.code, code)
    assert.equal(e.path, path)
    assert.equal(e.exitCode, 2)
    assert.match(e.message, /^job\.json: /)
    assert.match(e.message, text)
    return true
  })
}

describe('compileProgram', () => {
  it('compiles the example to a real program of depth 3 (0.01·age·age is 2, var squares it)', () => {
    const p = compileProgram(example, columns)
    assert.equal(p.numeric, Program.Numeric.FLOAT)
    assert.deepEqual(p.columns.map(c => c.name), ['income', 'debt', 'age'])
    assert.equal(p.depth, 3)
    assert.deepEqual(p.outputs.map(o => o.aggregate), [Output.Aggregate.MEAN, Output.Aggregate.VAR, Output.Aggregate.SUM])
    // mean and var share the sum of score: 3 partials (Σscore, Σscore², Σdebt)
    assert.equal(p.partials.length, 3)
    assert.ok(p.partials.every(x => x.kind === PartialSpec.Kind.SUM))
  })

  it('makes integer programs BFV-exact and counts only ciphertext products as depth', () => {
    const p = compileProgram({ outputs: { s: 'sum(3*age*n - 7)', r: 'age + n' } }, columns)
    assert.equal(p.numeric, Program.Numeric.INT)
    assert.equal(p.depth, 1)
    assert.deepEqual(p.outputs.map(o => o.aggregate), [Output.Aggregate.SUM, Output.Aggregate.ROWS])
  })

  it('turns a non-integer constant or division by a constant into a real program', () => {
    assert.equal(compileProgram({ outputs: { s: 'sum(age / 2)' } }, columns).numeric, Program.Numeric.FLOAT)
    assert.equal(compileProgram({ outputs: { s: 'sum(age * (0.5 * 2))' } }, columns).numeric, Program.Numeric.INT)
  })

  it('computes a shared subexpression once and drops unused intermediates', () => {
    const p = compileProgram({ let: { sq: 'age*age', unused: 'income*debt' }, outputs: { a: 'sum(age*age)', b: 'sum(sq + 1)' } }, columns)
    assert.equal(p.code.filter(i => i.op === Instruction.Op.MUL).length, 1)
    assert.deepEqual(p.columns.map(c => c.name), ['age'])
  })

  it('refuses what homomorphic encryption cannot do, at validation, with the path', () => {
    refused({ let: { s: 'income > 3' }, outputs: { x: 'sum(s)' } }, 'UNSUPPORTED', 'program.let.s', /comparisons cannot be evaluated under homomorphic encryption/)
    refused({ outputs: { x: 'sum(income / debt)' } }, 'UNSUPPORTED', 'program.outputs.x', /division by a column/)
    refused({ outputs: { x: 'sum(income % 2)' } }, 'UNSUPPORTED', 'program.outputs.x', /remainders/)
    refused({ outputs: { x: 'sum(age > 3 ? 1 : 0)' } }, 'UNSUPPORTED', 'program.outputs.x', /comparisons|conditionals/)
    refused({ outputs: { x: 'sum(sqrt(income))' } }, 'UNSUPPORTED', 'program.outputs.x', /unknown function sqrt/)
    refused({ outputs: { x: 'mean(income) * 2' } }, 'UNSUPPORTED', 'program.outputs.x', /whole output/)
    refused({ outputs: { x: 'sum(income / 0)' } }, 'UNSUPPORTED', 'program.outputs.x', /division by zero/)
  })

  it('refuses unknown names, cycles, constant outputs, bad syntax and bad arity', () => {
    refused({ outputs: { x: 'sum(salary)' } }, 'UNKNOWN_NAME', 'program.outputs.x', /unknown name "salary"; columns: income, debt, age, n/)
    refused({ let: { a: 'b + 1', b: 'a * 2' }, outputs: { x: 'sum(a)' } }, 'CYCLE', 'program.let.a', /a → b → a/)
    refused({ outputs: { x: 'sum(2 * 3)' } }, 'CONSTANT', 'program.outputs.x', /does not depend on any column/)
    refused({ outputs: { x: 'sum(income +)' } }, 'SYNTAX', 'program.outputs.x', /cannot parse/)
    refused({ outputs: { x: 'dot(income)' } }, 'SYNTAX', 'program.outputs.x', /takes 2 arguments/)
    refused({ let: { age: 'n' }, outputs: { x: 'sum(age)' } }, 'SYNTAX', 'program.let.age', /already a column/)
  })

  it('refuses programs deeper than any parameter set evaluates', () => {
    refused({ outputs: { x: 'sum(n*n*n*n*n*n*n*n*n)' } }, 'TOO_DEEP', 'program.outputs.x', /at most 4/)
    refused({ let: { p: 'income*income*income*income*income*income*income*income' }, outputs: { x: 'var(p)' } }, 'TOO_DEEP', 'program.outputs.x', /at most 6/)
  })
})

describe('program codec', () => {
  it('round-trips through protobuf', () => {
    const p = compileProgram(example, columns)
    assert.deepEqual(decodeProgram(encodeProgram(p)), p)
  })

  it('refuses tampered programs', () => {
    const p = compileProgram(example, columns)
    const bad: Array<[string, Program]> = [
      ['forward reference', { ...p, code: p.code.map((i, r) => r === p.code.length - 1 ? { ...i, a: r } : i) }],
      ['missing column', { ...p, columns: p.columns.slice(0, 1) }],
      ['understated depth', { ...p, depth: 1 }],
      ['output without its partials', { ...p, outputs: [{ name: 'v', aggregate: Output.Aggregate.VAR, partials: [0] }] }],
      ['integer program over reals', { ...p, numeric: Program.Numeric.INT }]
    ]
    for (const [what, prog] of bad) {
      assert.throws(() => decodeProgram(encodeProgram(prog)), (e: unknown) => e instanceof ProgramError && e.code === 'INVALID', what)
    }
    assert.throws(() => decodeProgram(new Uint8Array([0xff, 0xff, 0xff])), ProgramError)
  })
})
