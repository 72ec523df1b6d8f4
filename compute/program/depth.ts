import { Instruction, Program } from './pb/program.js'

/** For each register: undefined when it holds a constant, else its multiplicative depth. */
export type Depths = Array<number | undefined>

/**
 * Multiplicative depth of every register under the program's scheme, counted as the HE executors
 * spend levels: a product of two encrypted values costs one; under CKKS a product with a
 * non-integer constant costs one too (it is rescaled), while an integer constant is multiplied in
 * at scale 1 for free. Under BFV constants are free.
 */
export function registerDepths (program: Program): Depths {
  const ckks = program.numeric === Program.Numeric.FLOAT
  const depths: Depths = []
  const constants: Array<number | undefined> = []
  for (const ins of program.code) {
    const a = depths[ins.a]
    const b = depths[ins.b]
    let d: number | undefined
    switch (ins.op) {
      case Instruction.Op.LOAD: d = 0; break
      case Instruction.Op.CONST: d = undefined; constants[depths.length] = ins.value; break
      case Instruction.Op.NEG: d = a; break
      case Instruction.Op.ADD:
      case Instruction.Op.SUB:
        d = a === undefined ? b : b === undefined ? a : Math.max(a, b)
        break
      case Instruction.Op.MUL:
        if (a !== undefined && b !== undefined) d = Math.max(a, b) + 1
        else {
          const c = a === undefined ? constants[ins.a] : constants[ins.b]
          const ct = a ?? b
          d = ct === undefined ? undefined : ct + (ckks && !Number.isInteger(c) ? 1 : 0)
        }
        break
      default: d = undefined
    }
    depths.push(d)
  }
  return depths
}

/** Depth of the program: the deepest register a partial returns. */
export function programDepth (program: Program, depths = registerDepths(program)): number {
  return program.partials.reduce((m, p) => Math.max(m, depths[p.register] ?? 0), 0)
}
