/**
 * Expressions of a job's program, parsed with jsep and narrowed to what homomorphic encryption can
 * evaluate: numbers, names, `+ - *`, unary minus, parentheses, division by a constant, and the
 * aggregate calls of an output. Everything else is refused here, with the reason, so that a job
 * never fails at run time for something its program asked.
 */
import jsep from 'jsep'
import { ProgramError } from './errors.js'

export type Expr =
  | { kind: 'num', value: number }
  | { kind: 'ref', name: string }
  | { kind: 'bin', op: '+' | '-' | '*', left: Expr, right: Expr }
  | { kind: 'neg', arg: Expr }
  | { kind: 'call', fn: string, args: Expr[] }

const REFUSED: Record<string, string> = {
  '<': 'comparisons', '>': 'comparisons', '<=': 'comparisons', '>=': 'comparisons',
  '==': 'comparisons', '!=': 'comparisons', '===': 'comparisons', '!==': 'comparisons',
  '&&': 'logical operators', '||': 'logical operators', '??': 'logical operators', '!': 'logical operators',
  '%': 'remainders', '&': 'bitwise operators', '|': 'bitwise operators', '^': 'bitwise operators (write x*x for a square)',
  '<<': 'bitwise operators', '>>': 'bitwise operators', '>>>': 'bitwise operators', '~': 'bitwise operators'
}

function unsupported (path: string, what: string): ProgramError {
  return new ProgramError('UNSUPPORTED', path, `${what} cannot be evaluated under homomorphic encryption; programs use + - * on columns and constants (and division by a constant)`)
}

function convert (node: jsep.Expression, path: string): Expr {
  switch (node.type) {
    case 'Literal': {
      const v = (node as jsep.Literal).value
      if (typeof v !== 'number' || !Number.isFinite(v)) throw unsupported(path, `the literal ${(node as jsep.Literal).raw}`)
      return { kind: 'num', value: v }
    }
    case 'Identifier':
      return { kind: 'ref', name: (node as jsep.Identifier).name }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression
      if (u.operator === '-') return { kind: 'neg', arg: convert(u.argument, path) }
      if (u.operator === '+') return convert(u.argument, path)
      throw unsupported(path, REFUSED[u.operator] ?? `the operator ${u.operator}`)
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression
      const left = convert(b.left, path)
      const right = convert(b.right, path)
      if (b.operator === '+' || b.operator === '-' || b.operator === '*') return { kind: 'bin', op: b.operator, left, right }
      if (b.operator === '/') {
        const d = constantValue(right)
        if (d === undefined) throw unsupported(path, 'division by a column or an expression of columns')
        if (d === 0) throw new ProgramError('UNSUPPORTED', path, 'division by zero')
        return { kind: 'bin', op: '*', left, right: { kind: 'num', value: 1 / d } }
      }
      throw unsupported(path, REFUSED[b.operator] ?? `the operator ${b.operator}`)
    }
    case 'CallExpression': {
      const c = node as jsep.CallExpression
      if (c.callee.type !== 'Identifier') throw unsupported(path, 'calling an expression')
      return { kind: 'call', fn: (c.callee as jsep.Identifier).name, args: c.arguments.map(a => convert(a, path)) }
    }
    case 'ConditionalExpression':
      throw unsupported(path, 'conditionals (a ? b : c)')
    case 'Compound':
    case 'SequenceExpression':
      throw new ProgramError('SYNTAX', path, 'one expression expected, found several')
    default:
      throw unsupported(path, `a ${node.type.replace(/Expression$/, '').toLowerCase()} expression`)
  }
}

/** The value of an expression made of numbers only, or undefined when it involves a name. */
export function constantValue (e: Expr): number | undefined {
  switch (e.kind) {
    case 'num': return e.value
    case 'ref': case 'call': return undefined
    case 'neg': { const v = constantValue(e.arg); return v === undefined ? undefined : -v }
    case 'bin': {
      const l = constantValue(e.left)
      const r = constantValue(e.right)
      if (l === undefined || r === undefined) return undefined
      return e.op === '+' ? l + r : e.op === '-' ? l - r : l * r
    }
  }
}

/** Parse one expression of the job file found at JSON path `path` (`source` prefixes errors). */
export function parseExpression (text: string, path: string, source?: string): Expr {
  if (text.trim() === '') throw new ProgramError('SYNTAX', path, 'empty expression', source)
  let ast: jsep.Expression
  try {
    ast = jsep(text)
  } catch (e: any) {
    throw new ProgramError('SYNTAX', path, `cannot parse "${text}": ${e.description ?? e.message}${typeof e.index === 'number' ? ` at character ${e.index + 1}` : ''}`, source)
  }
  try {
    return convert(ast, path)
  } catch (e) {
    if (e instanceof ProgramError && source !== undefined) throw new ProgramError(e.code, e.path, e.message.slice(e.path.length + 2), source)
    throw e
  }
}
