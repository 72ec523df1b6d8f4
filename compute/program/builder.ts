import { Instruction } from './pb/program.js'

/**
 * Straight-line code under construction: identical instructions share a register (so `age*age`
 * written twice is computed once), constants fold, and `prune` drops what no partial uses.
 */
export class CodeBuilder {
  readonly code: Instruction[] = []
  private readonly index = new Map<string, number>()

  private emit (op: Instruction.Op, a = 0, b = 0, value = 0): number {
    const key = `${op}:${a}:${b}:${value}`
    const seen = this.index.get(key)
    if (seen !== undefined) return seen
    this.code.push({ op, a, b, value })
    this.index.set(key, this.code.length - 1)
    return this.code.length - 1
  }

  constantOf (r: number): number | undefined {
    const ins = this.code[r]
    return ins?.op === Instruction.Op.CONST ? ins.value : undefined
  }

  load (column: number): number { return this.emit(Instruction.Op.LOAD, column) }
  constant (value: number): number { return this.emit(Instruction.Op.CONST, 0, 0, value === 0 ? 0 : value) }

  neg (a: number): number {
    const ca = this.constantOf(a)
    if (ca !== undefined) return this.constant(-ca)
    const ins = this.code[a]
    if (ins?.op === Instruction.Op.NEG) return ins.a
    return this.emit(Instruction.Op.NEG, a)
  }

  add (a: number, b: number): number {
    const ca = this.constantOf(a)
    const cb = this.constantOf(b)
    if (ca !== undefined && cb !== undefined) return this.constant(ca + cb)
    if (ca === 0) return b
    if (cb === 0) return a
    return this.emit(Instruction.Op.ADD, Math.min(a, b), Math.max(a, b))
  }

  sub (a: number, b: number): number {
    const ca = this.constantOf(a)
    const cb = this.constantOf(b)
    if (ca !== undefined && cb !== undefined) return this.constant(ca - cb)
    if (cb === 0) return a
    if (ca === 0) return this.neg(b)
    return this.emit(Instruction.Op.SUB, a, b)
  }

  mul (a: number, b: number): number {
    const ca = this.constantOf(a)
    const cb = this.constantOf(b)
    if (ca !== undefined && cb !== undefined) return this.constant(ca * cb)
    if (ca === 0 || cb === 0) return this.constant(0)
    if (ca === 1) return b
    if (cb === 1) return a
    if (ca === -1) return this.neg(b)
    if (cb === -1) return this.neg(a)
    return this.emit(Instruction.Op.MUL, Math.min(a, b), Math.max(a, b))
  }

  /** Keep only the registers `roots` need; returns the new code and the old → new register map. */
  prune (roots: number[]): { code: Instruction[], map: Map<number, number> } {
    const live = new Set<number>()
    const visit = (r: number): void => {
      if (live.has(r)) return
      live.add(r)
      const ins = this.code[r] as Instruction
      if (ins.op !== Instruction.Op.LOAD && ins.op !== Instruction.Op.CONST) {
        visit(ins.a)
        if (ins.op !== Instruction.Op.NEG) visit(ins.b)
      }
    }
    roots.forEach(visit)
    const map = new Map<number, number>()
    const code: Instruction[] = []
    this.code.forEach((ins, r) => {
      if (!live.has(r)) return
      const unary = ins.op === Instruction.Op.LOAD || ins.op === Instruction.Op.CONST
      map.set(r, code.length)
      code.push({
        op: ins.op,
        a: unary ? ins.a : map.get(ins.a) as number,
        b: unary || ins.op === Instruction.Op.NEG ? 0 : map.get(ins.b) as number,
        value: ins.value
      })
    })
    return { code, map }
  }
}
