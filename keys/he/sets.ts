/**
 * The allowed HE parameter sets, as data (no SEAL, no protobuf): what the CLI names in its help
 * and what a policy picks from, loadable without the cost of the rest of `params.ts`.
 */
export type HeScheme = 'bfv' | 'ckks'

/**
 * One allowed parameter set. Every set is 128-bit secure by the HomomorphicEncryption.org
 * standard (SEAL's `CoeffModulus.MaxBitCount(N, tc128)`: 218 bits for N=8192, 438 for 16384),
 * which SEAL checks again when it builds a context.
 */
export interface HeParamSet {
  readonly name: string
  readonly scheme: HeScheme
  readonly polyModulusDegree: number
  /** CKKS: prime sizes for `CoeffModulus.Create`; BFV: empty, meaning SEAL's `BFVDefault(N)`. */
  readonly coeffBits: readonly number[]
  /** BFV: size of the batching prime t (`PlainModulus.Batching`); 0 for CKKS. */
  readonly plainBits: number
  /** CKKS: log2 of the encoding scale; 0 for BFV. */
  readonly scaleBits: number
  /**
   * CKKS: how many of the leading primes remain after `maxDepth` rescales (the "floor" a result
   * lives on; its size bounds the magnitude a value may reach).
   */
  readonly floorPrimes: number
  /** Multiplicative depth this set evaluates correctly (see params.test.ts for the margins). */
  readonly maxDepth: number
  /** Largest |value| (as log2) any slot may hold anywhere in a program run under this set. */
  readonly magnitudeBits: number
}

function ckks (polyModulusDegree: number, coeffBits: number[], floorPrimes: number): HeParamSet {
  const maxDepth = coeffBits.length - 1 - floorPrimes
  const floorBits = coeffBits.slice(0, floorPrimes).reduce((a, b) => a + b, 0)
  const scaleBits = 40
  return {
    name: `ckks-${polyModulusDegree}-d${maxDepth}`,
    scheme: 'ckks',
    polyModulusDegree,
    coeffBits,
    plainBits: 0,
    scaleBits,
    floorPrimes,
    maxDepth,
    // |value| * 2^scale must stay below floor/2 with room for the encoding noise
    magnitudeBits: floorBits - scaleBits - 4
  }
}

function bfv (polyModulusDegree: number, plainBits: number, maxDepth: number): HeParamSet {
  return {
    name: `bfv-${polyModulusDegree}-t${plainBits}`,
    scheme: 'bfv',
    polyModulusDegree,
    coeffBits: [],
    plainBits,
    scaleBits: 0,
    floorPrimes: 0,
    maxDepth,
    // slots hold residues mod t, read back as signed values in (-t/2, t/2)
    magnitudeBits: plainBits - 2
  }
}

/**
 * The allowed sets, cheapest first. BFV depths are what leaves at least 30 bits of noise budget
 * when every level also multiplies by a constant as large as t/2 (measured; the params test
 * checks it again), so sums over many ciphertexts still decrypt correctly.
 */
export const HE_PARAMETER_SETS: readonly HeParamSet[] = [
  ckks(8192, [50, 50, 40, 60], 2),
  ckks(8192, [60, 40, 40, 60], 1),
  ckks(16384, [60, 60, 40, 40, 40, 60], 2),
  ckks(16384, [60, 60, 40, 40, 40, 40, 40, 40, 60], 2),
  bfv(8192, 20, 2),
  bfv(8192, 40, 1),
  bfv(16384, 30, 4),
  bfv(16384, 40, 3),
  bfv(16384, 60, 2)
]

/** The allowed set called `name`, or undefined. */
export function heParamSet (name: string): HeParamSet | undefined {
  return HE_PARAMETER_SETS.find(s => s.name === name)
}

/**
 * The cheapest allowed set of `scheme` that evaluates `depth` multiplications and holds values of
 * `magnitudeBits`, or undefined when none does.
 */
export function pickParamSet (scheme: HeScheme, depth: number, magnitudeBits: number): HeParamSet | undefined {
  return HE_PARAMETER_SETS.find(s => s.scheme === scheme && s.maxDepth >= depth && s.magnitudeBits >= magnitudeBits)
}
