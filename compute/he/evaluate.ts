import { loadCiphertext, saveHeObject } from '../../keys/index.js'
import { ExecError } from '../exec/index.js'
import { Instruction, PartialSpec } from '../program/index.js'
import { bfvArith } from './arith.js'
import { ckksArith } from './ckks-arith.js'
import type { Ciphertext, HeContext, RelinKeys } from '../../keys/index.js'
import type { Program } from '../program/index.js'
import type { Arith, Value } from './arith.js'

/** Per partial: ROWS → one ciphertext per chunk, SUM → one ciphertext (slots still to add up). */
export interface EvaluatedChunks {
  partials: Uint8Array[][]
}

/**
 * The lessor's work on some chunks of a subtask: run `program` slot-wise on each chunk's
 * ciphertexts (one per program column), keep per-row results per chunk and add sums up across
 * chunks. Ciphertexts are loaded through the checks of keys/he (a bad one is refused with an
 * `HeObjectError` naming it).
 */
export function evaluateChunks (he: HeContext, relin: RelinKeys | undefined, program: Program, chunks: readonly Uint8Array[][], firstChunk = 0): EvaluatedChunks {
  if (program.depth > he.set.maxDepth) {
    throw new ExecError('DEPTH', `the program needs multiplicative depth ${program.depth}; ${he.set.name} evaluates ${he.set.maxDepth}`)
  }
  const arith = he.set.scheme === 'ckks' ? ckksArith(he, relin) : bfvArith(he, relin)
  const sums: Array<Ciphertext | undefined> = program.partials.map(() => undefined)
  const rows: Uint8Array[][] = program.partials.map(() => [])
  try {
    chunks.forEach((chunk, j) => evaluateChunk(he, arith, program, chunk, firstChunk + j, sums, rows))
    return {
      partials: program.partials.map((p, k) => {
        if (p.kind === PartialSpec.Kind.ROWS) return rows[k] as Uint8Array[]
        const acc = sums[k]
        return acc === undefined ? [] : [saveHeObject(he, acc)]
      })
    }
  } finally {
    for (const acc of sums) acc?.delete()
    arith.dispose()
  }
}

/** One chunk: run the program, keep per-row results, add sums into `sums`. */
function evaluateChunk (he: HeContext, arith: Arith, program: Program, chunk: readonly Uint8Array[], j: number, sums: Array<Ciphertext | undefined>, rows: Uint8Array[][]): void {
  if (chunk.length !== program.columns.length) {
    throw new ExecError('SHAPE', `chunk ${j} has ${chunk.length} ciphertexts for ${program.columns.length} program columns`)
  }
  const regs: Value[] = []
  const owned: Ciphertext[] = []
  try {
    const inputs = chunk.map((bytes, c) => {
      const ct = loadCiphertext(he, bytes, `chunk ${j}, column ${program.columns[c]?.name ?? c}`)
      owned.push(ct)
      return ct
    })
    for (const ins of program.code) {
      let v: Value
      const a = regs[ins.a] as Value
      const b = regs[ins.b] as Value
      switch (ins.op) {
        case Instruction.Op.LOAD: v = { ct: inputs[ins.a] as Ciphertext }; break
        case Instruction.Op.CONST: v = { constant: ins.value }; break
        case Instruction.Op.NEG: v = { ct: arith.neg((a as { ct: Ciphertext }).ct) }; break
        case Instruction.Op.ADD: v = { ct: arith.add(a, b) }; break
        case Instruction.Op.SUB: v = { ct: arith.sub(a, b) }; break
        case Instruction.Op.MUL: v = { ct: arith.mul(a, b) }; break
        default: throw new ExecError('SHAPE', 'unknown instruction')
      }
      if ('ct' in v && ins.op !== Instruction.Op.LOAD) owned.push(v.ct)
      regs.push(v)
    }
    program.partials.forEach((p, k) => {
      const ct = (regs[p.register] as { ct: Ciphertext }).ct
      const done = arith.finish(ct)
      if (p.kind === PartialSpec.Kind.ROWS) {
        try { (rows[k] as Uint8Array[]).push(saveHeObject(he, done)) } finally { done.delete() }
        return
      }
      const acc = sums[k]
      if (acc === undefined) sums[k] = done
      else { he.evaluator.addInplace(acc, done); done.delete() }
    })
  } finally {
    for (const ct of owned) ct.delete()
  }
}
