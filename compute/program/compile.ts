/**
 * Job program (the `program` section of a job file) → compiled `Program`, the instruction set
 * every executor runs. All refusals happen here, each naming its JSON path.
 */
import { HE_PARAMETER_SETS } from '../../keys/index.js'
import { CodeBuilder } from './builder.js'
import { registerDepths } from './depth.js'
import { ProgramError } from './errors.js'
import { parseExpression } from './parse.js'
import { Column, Instruction, Output, PartialSpec, Program } from './pb/program.js'
import type { Expr } from './parse.js'

export type ColumnType = 'int' | 'float'

/** The `program` section of a job file. */
export interface ProgramSpec {
  let?: Record<string, string>
  outputs: Record<string, string>
}

export interface CompileOptions {
  /** prefix of error messages, e.g. the job file's path */
  source?: string
}

const AGGREGATES: Record<string, { aggregate: Output.Aggregate, args: number }> = {
  sum: { aggregate: Output.Aggregate.SUM, args: 1 },
  mean: { aggregate: Output.Aggregate.MEAN, args: 1 },
  var: { aggregate: Output.Aggregate.VAR, args: 1 },
  dot: { aggregate: Output.Aggregate.DOT, args: 2 },
  count: { aggregate: Output.Aggregate.COUNT, args: 0 }
}

/** Deepest program any allowed parameter set evaluates, per numeric type. */
export const MAX_DEPTH = {
  int: Math.max(...HE_PARAMETER_SETS.filter(s => s.scheme === 'bfv').map(s => s.maxDepth)),
  float: Math.max(...HE_PARAMETER_SETS.filter(s => s.scheme === 'ckks').map(s => s.maxDepth))
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Compile a job's program over the table's typed columns. Throws `ProgramError`. */
export function compileProgram (spec: ProgramSpec, columns: Record<string, ColumnType>, options: CompileOptions = {}): Program {
  const fail = (code: ProgramError['code'], path: string, detail: string): never => {
    throw new ProgramError(code, path, detail, options.source)
  }
  const columnNames = Object.keys(columns)
  const lets = spec.let ?? {}
  for (const name of Object.keys(lets)) {
    const path = `program.let.${name}`
    if (!IDENTIFIER.test(name)) fail('SYNTAX', path, `"${name}" is not a valid name (letters, digits, _; not starting with a digit)`)
    if (name in columns) fail('SYNTAX', path, `"${name}" is already a column of the table; give the intermediate another name`)
    if (name in AGGREGATES) fail('SYNTAX', path, `"${name}" is the name of an aggregate; give the intermediate another name`)
  }
  const b = new CodeBuilder()
  const parsedLets = new Map<string, Expr>()
  const letRegister = new Map<string, number>()
  const visiting: string[] = []

  const compileExpr = (e: Expr, path: string): number => {
    switch (e.kind) {
      case 'num': return b.constant(e.value)
      case 'neg': return b.neg(compileExpr(e.arg, path))
      case 'bin': {
        const l = compileExpr(e.left, path)
        const r = compileExpr(e.right, path)
        return e.op === '+' ? b.add(l, r) : e.op === '-' ? b.sub(l, r) : b.mul(l, r)
      }
      case 'call':
        return fail('UNSUPPORTED', path, e.fn in AGGREGATES
          ? `${e.fn}() is an aggregate and can only be a whole output (e.g. "${e.fn}(x)"), not part of an expression`
          : `unknown function ${e.fn}(); per-row expressions use + - * only, outputs may be sum(), mean(), var(), dot(a, b), count()`)
      case 'ref': {
        const col = columnNames.indexOf(e.name)
        if (col !== -1) return b.load(col)
        return compileLet(e.name, path)
      }
    }
  }

  const compileLet = (name: string, from: string): number => {
    const done = letRegister.get(name)
    if (done !== undefined) return done
    const text = Object.hasOwn(lets, name) ? lets[name] : undefined
    if (text === undefined) {
      return fail('UNKNOWN_NAME', from, `unknown name "${name}"; columns: ${columnNames.join(', ') || '(none)'}${Object.keys(lets).length > 0 ? `; intermediates: ${Object.keys(lets).join(', ')}` : ''}`)
    }
    const path = `program.let.${name}`
    if (visiting.includes(name)) return fail('CYCLE', path, `intermediates refer to each other: ${[...visiting.slice(visiting.indexOf(name)), name].join(' → ')}`)
    let expr = parsedLets.get(name)
    if (expr === undefined) {
      expr = parseExpression(text, path, options.source)
      parsedLets.set(name, expr)
    }
    visiting.push(name)
    const r = compileExpr(expr, path)
    visiting.pop()
    letRegister.set(name, r)
    return r
  }

  // every intermediate is checked, even one no output uses
  for (const name of Object.keys(lets)) compileLet(name, `program.let.${name}`)

  const outputNames = Object.keys(spec.outputs)
  if (outputNames.length === 0) fail('SYNTAX', 'program.outputs', 'no outputs; name at least one, e.g. "total": "sum(x)"')
  const partialKeys: string[] = []
  const partials: PartialSpec[] = []
  const partial = (kind: PartialSpec.Kind, register: number): number => {
    const key = `${kind}:${register}`
    const i = partialKeys.indexOf(key)
    if (i !== -1) return i
    partialKeys.push(key)
    partials.push({ kind, register })
    return partials.length - 1
  }
  const outputs: Output[] = []
  for (const name of outputNames) {
    const path = `program.outputs.${name}`
    const expr = parseExpression(spec.outputs[name] as string, path, options.source)
    const perRow = (e: Expr): number => {
      const r = compileExpr(e, path)
      if (b.constantOf(r) !== undefined) fail('CONSTANT', path, 'does not depend on any column; outputs are computed over the rows of the table (use count() for the number of rows)')
      return r
    }
    if (expr.kind === 'call' && expr.fn in AGGREGATES) {
      const { aggregate, args } = AGGREGATES[expr.fn] as { aggregate: Output.Aggregate, args: number }
      if (expr.args.length !== args) fail('SYNTAX', path, `${expr.fn}() takes ${args} argument${args === 1 ? '' : 's'}, got ${expr.args.length}`)
      let ids: number[] = []
      if (aggregate === Output.Aggregate.DOT) {
        ids = [partial(PartialSpec.Kind.SUM, b.mul(perRow(expr.args[0] as Expr), perRow(expr.args[1] as Expr)))]
      } else if (aggregate === Output.Aggregate.VAR) {
        const x = perRow(expr.args[0] as Expr)
        ids = [partial(PartialSpec.Kind.SUM, x), partial(PartialSpec.Kind.SUM, b.mul(x, x))]
      } else if (aggregate !== Output.Aggregate.COUNT) {
        ids = [partial(PartialSpec.Kind.SUM, perRow(expr.args[0] as Expr))]
      }
      outputs.push({ name, aggregate, partials: ids })
    } else {
      outputs.push({ name, aggregate: Output.Aggregate.ROWS, partials: [partial(PartialSpec.Kind.ROWS, perRow(expr))] })
    }
  }

  const { code, map } = b.prune(partials.map(p => p.register))
  const used = [...new Set(code.filter(i => i.op === Instruction.Op.LOAD).map(i => i.a))].sort((x, y) => x - y)
  for (const ins of code) if (ins.op === Instruction.Op.LOAD) ins.a = used.indexOf(ins.a)
  const usedColumns: Column[] = used.map(i => {
    const name = columnNames[i] as string
    return { name, type: columns[name] === 'int' ? Column.Type.INT : Column.Type.FLOAT }
  })
  const integral = usedColumns.every(c => c.type === Column.Type.INT) &&
    code.every(i => i.op !== Instruction.Op.CONST || (Number.isInteger(i.value) && Math.abs(i.value) <= Number.MAX_SAFE_INTEGER))
  const program: Program = {
    numeric: integral ? Program.Numeric.INT : Program.Numeric.FLOAT,
    columns: usedColumns,
    code,
    partials: partials.map(p => ({ kind: p.kind, register: map.get(p.register) as number })),
    outputs,
    depth: 0
  }
  const depths = registerDepths(program)
  const limit = integral ? MAX_DEPTH.int : MAX_DEPTH.float
  for (const out of outputs) {
    const d = Math.max(0, ...out.partials.map(i => depths[program.partials[i]?.register as number] ?? 0))
    if (d > limit) {
      fail('TOO_DEEP', `program.outputs.${out.name}`, `needs ${d} multiplications in a row (counting var()'s square${integral ? '' : ' and non-integer constants'}); ${integral ? 'integer (BFV)' : 'real (CKKS)'} programs may use at most ${limit}`)
    }
    program.depth = Math.max(program.depth, d)
  }
  return program
}
