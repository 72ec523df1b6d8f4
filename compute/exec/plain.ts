/**
 * The plaintext executor: the reference every other executor is checked against. Integer
 * programs are exact (per-row values are checked to stay within 2^53, sums are bigints); real
 * programs sum with Neumaier compensation.
 */
import { Column, Instruction, PartialSpec, Program, registerBounds } from '../program/index.js'
import { columnRange } from '../data/index.js'
import { ExecError } from './errors.js'
import type { Interval } from '../program/index.js'
import type { Table } from '../data/index.js'
import type { PartialValue, SubtaskPartials } from './partials.js'

const BLOCK = 1 << 14

/** The columns of `table` in the order `program.columns` names them. */
export function programColumns (program: Program, table: Table): Float64Array[] {
  return program.columns.map(c => {
    const v = table.columns[c.name]
    if (v === undefined) throw new ExecError('COLUMN', `the table has no column "${c.name}" that the program reads`)
    if (c.type === Column.Type.INT && table.types[c.name] !== 'int') throw new ExecError('COLUMN', `column "${c.name}" is read as an integer but the table holds reals`)
    return v
  })
}

/** Refuse integer programs whose values could leave the range float64 holds exactly. */
export function checkIntegerRange (program: Program, ranges: Interval[]): void {
  if (program.numeric !== Program.Numeric.INT) return
  const bounds = registerBounds(program, ranges)
  bounds.forEach((b, r) => {
    if (Math.max(Math.abs(b.lo), Math.abs(b.hi)) > Number.MAX_SAFE_INTEGER) {
      throw new ExecError('OVERFLOW', `integer program: register ${r} may reach ${Math.max(Math.abs(b.lo), Math.abs(b.hi)).toExponential(2)}, beyond 2^53 where integers stay exact; declare the columns "float" to compute with reals`)
    }
  })
}

/** Run `program` over every row of `table` in the clear. */
export function runPlain (program: Program, table: Table): SubtaskPartials {
  const inputs = programColumns(program, table)
  checkIntegerRange(program, inputs.map(columnRange))
  const rows = table.rowCount
  const exact = program.numeric === Program.Numeric.INT
  const regs = program.code.map(() => new Float64Array(Math.min(BLOCK, rows)))
  const rowOut = program.partials.map(p => p.kind === PartialSpec.Kind.ROWS ? new Float64Array(rows) : undefined)
  const sums = program.partials.map(() => ({ big: 0n, s: 0, c: 0 }))
  for (let start = 0; start < rows; start += BLOCK) {
    const n = Math.min(BLOCK, rows - start)
    program.code.forEach((ins, r) => {
      const out = regs[r] as Float64Array
      const a = regs[ins.a] as Float64Array
      const b = regs[ins.b] as Float64Array
      switch (ins.op) {
        case Instruction.Op.LOAD: out.set((inputs[ins.a] as Float64Array).subarray(start, start + n)); break
        case Instruction.Op.CONST: out.fill(ins.value); break
        case Instruction.Op.NEG: for (let i = 0; i < n; i++) out[i] = -(a[i] as number); break
        case Instruction.Op.ADD: for (let i = 0; i < n; i++) out[i] = (a[i] as number) + (b[i] as number); break
        case Instruction.Op.SUB: for (let i = 0; i < n; i++) out[i] = (a[i] as number) - (b[i] as number); break
        case Instruction.Op.MUL: for (let i = 0; i < n; i++) out[i] = (a[i] as number) * (b[i] as number); break
      }
    })
    program.partials.forEach((p, k) => {
      const v = regs[p.register] as Float64Array
      if (p.kind === PartialSpec.Kind.ROWS) {
        (rowOut[k] as Float64Array).set(v.subarray(0, n), start)
        return
      }
      const acc = sums[k] as { big: bigint, s: number, c: number }
      if (exact) {
        // each value is below 2^53 in magnitude; sum in safe pieces, carry into a bigint
        let piece = 0
        for (let i = 0; i < n; i++) {
          const x = v[i] as number
          if (Math.abs(piece + x) > Number.MAX_SAFE_INTEGER) { acc.big += BigInt(piece); piece = 0 }
          piece += x
        }
        acc.big += BigInt(piece)
      } else {
        for (let i = 0; i < n; i++) {
          const x = v[i] as number
          const t = acc.s + x
          acc.c += Math.abs(acc.s) >= Math.abs(x) ? (acc.s - t) + x : (x - t) + acc.s
          acc.s = t
        }
      }
    })
  }
  const values: PartialValue[] = program.partials.map((p, k) => {
    if (p.kind === PartialSpec.Kind.ROWS) return { kind: 'rows', values: rowOut[k] as Float64Array }
    const acc = sums[k] as { big: bigint, s: number, c: number }
    return { kind: 'sum', value: exact ? acc.big : acc.s + acc.c }
  })
  return { rows, values }
}
