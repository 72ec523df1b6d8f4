/**
 * Choosing HE parameters for a program and its data: the cheapest allowed set deep enough for the
 * program whose slots hold every value the program can produce, by interval bounds over the
 * columns' ranges. A job no set can hold is refused here, before encryption, with the numbers:
 * BFV never wraps a value around its plain modulus and CKKS never overflows its last modulus.
 */
import { HE_PARAMETER_SETS } from '../../keys/index.js'
import { ExecError } from '../exec/index.js'
import { PartialSpec, Program, magnitudeBits, registerBounds } from '../program/index.js'
import type { HeParamSet } from '../../keys/index.js'
import type { Interval } from '../program/index.js'

export interface HePlanInput {
  program: Program
  /** range of each program column (Program.columns order) over the whole table */
  ranges: readonly Interval[]
  /** rows of the largest subtask (each slot of a sum adds up ceil(rows/slots) rows) */
  maxSubtaskRows: number
}

/** Slots per ciphertext of a set: N/2 for CKKS, N for BFV. */
export function slotsOf (set: HeParamSet): number {
  return set.scheme === 'ckks' ? set.polyModulusDegree / 2 : set.polyModulusDegree
}

/** log2 of the largest magnitude any slot holds when `program` runs under `set`. */
export function requiredMagnitudeBits (set: HeParamSet, input: HePlanInput): number {
  const bounds = registerBounds(input.program, input.ranges)
  const perSlot = Math.max(1, Math.ceil(input.maxSubtaskRows / slotsOf(set)))
  let bits = 0
  for (const p of input.program.partials) {
    const b = magnitudeBits(bounds[p.register] as Interval)
    bits = Math.max(bits, p.kind === PartialSpec.Kind.SUM ? b + Math.log2(perSlot) : b)
  }
  // CKKS values must fit at every step, not only in the results (BFV wraps consistently mod t)
  if (set.scheme === 'ckks') for (const b of bounds) bits = Math.max(bits, magnitudeBits(b))
  return bits
}

/** Check that `program` over data within `ranges` runs correctly under `set`; throws ExecError. */
export function checkFits (set: HeParamSet, input: HePlanInput): void {
  const scheme = input.program.numeric === Program.Numeric.INT ? 'bfv' : 'ckks'
  if (set.scheme !== scheme) throw new ExecError('SHAPE', `${scheme === 'bfv' ? 'an integer' : 'a real'} program cannot run under ${set.name}`)
  if (input.program.depth > set.maxDepth) {
    throw new ExecError('DEPTH', `the program needs multiplicative depth ${input.program.depth}; ${set.name} evaluates ${set.maxDepth}`)
  }
  const bits = requiredMagnitudeBits(set, input)
  if (bits > set.magnitudeBits) {
    throw new ExecError('OVERFLOW', `values may reach 2^${bits.toFixed(1)} (by interval bounds over the column ranges), beyond the 2^${set.magnitudeBits} ${set.scheme === 'bfv' ? `that the plain modulus of ${set.name} holds exactly` : `that ${set.name} holds`}; smaller subtasks or rescaled columns would fit`)
  }
}

/** The cheapest allowed set that runs the job correctly; throws ExecError when none does. */
export function planHe (input: HePlanInput): HeParamSet {
  const scheme = input.program.numeric === Program.Numeric.INT ? 'bfv' : 'ckks'
  const candidates = HE_PARAMETER_SETS.filter(s => s.scheme === scheme && s.maxDepth >= input.program.depth)
  let needed = Infinity
  for (const set of candidates) {
    const bits = requiredMagnitudeBits(set, input)
    if (bits <= set.magnitudeBits) return set
    needed = Math.min(needed, bits)
  }
  if (candidates.length === 0) throw new ExecError('DEPTH', `no ${scheme.toUpperCase()} parameter set evaluates depth ${input.program.depth}`)
  const most = Math.max(...candidates.map(s => s.magnitudeBits))
  throw new ExecError('OVERFLOW', `${scheme === 'bfv' ? 'integer (BFV)' : 'real (CKKS)'} program: values may reach 2^${needed.toFixed(1)} (by interval bounds over the column ranges), beyond the 2^${most} the largest allowed ${scheme.toUpperCase()} set of depth ≥ ${input.program.depth} holds${scheme === 'bfv' ? ' without wrapping around the plain modulus' : ''}; use smaller subtasks, smaller values, or run with --mode plain`)
}
