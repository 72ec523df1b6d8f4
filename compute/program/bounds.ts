import { Instruction } from './pb/program.js'
import type { Program } from './pb/program.js'

export interface Interval { lo: number, hi: number }

/**
 * Interval bounds of every register, given each column's range. Ranges are widened to contain 0,
 * because HE subtasks pad their last ciphertext with all-zero rows. The bounds are sound (never
 * smaller than a real value) and decide the HE parameter set: a value that might not fit is
 * refused before anything is encrypted, never wrapped around silently.
 */
export function registerBounds (program: Program, columnRanges: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  for (const ins of program.code) {
    const a = out[ins.a] as Interval
    const b = out[ins.b] as Interval
    switch (ins.op) {
      case Instruction.Op.LOAD: {
        const r = columnRanges[ins.a] ?? { lo: 0, hi: 0 }
        out.push({ lo: Math.min(r.lo, 0), hi: Math.max(r.hi, 0) })
        break
      }
      case Instruction.Op.CONST: out.push({ lo: ins.value, hi: ins.value }); break
      case Instruction.Op.NEG: out.push({ lo: -a.hi, hi: -a.lo }); break
      case Instruction.Op.ADD: out.push({ lo: a.lo + b.lo, hi: a.hi + b.hi }); break
      case Instruction.Op.SUB: out.push({ lo: a.lo - b.hi, hi: a.hi - b.lo }); break
      case Instruction.Op.MUL: {
        const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
        out.push({ lo: Math.min(...p), hi: Math.max(...p) })
        break
      }
      default: out.push({ lo: 0, hi: 0 })
    }
  }
  return out
}

/** log2 of the largest magnitude in an interval (0 for [0, 0]). */
export function magnitudeBits (i: Interval): number {
  const m = Math.max(Math.abs(i.lo), Math.abs(i.hi))
  return m === 0 ? 0 : Math.log2(m)
}
