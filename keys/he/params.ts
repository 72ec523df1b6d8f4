import { HeObjectError } from './errors.js'
import { HeParameters } from './pb/he.js'
import type { Seal } from './seal.js'

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

const materialized = new Map<string, HeParameters>()

/** The concrete parameters (actual primes) of an allowed set; SEAL picks the primes deterministically. */
export function heParameters (seal: Seal, set: HeParamSet): HeParameters {
  const cached = materialized.get(set.name)
  if (cached !== undefined) return cached
  const n = set.polyModulusDegree
  const coeff = set.scheme === 'ckks'
    ? seal.CoeffModulus.Create(n, Int32Array.from(set.coeffBits))
    : seal.CoeffModulus.BFVDefault(n, seal.SecLevelType.tc128)
  const coeffModulus = (seal.jsArrayFromVecModulus(coeff) as bigint[]).map(BigInt)
  coeff.delete()
  let plainModulus = 0n
  if (set.scheme === 'bfv') {
    const t = seal.PlainModulus.Batching(n, set.plainBits)
    plainModulus = t.value()
    t.delete()
  }
  const params: HeParameters = {
    set: set.name,
    scheme: set.scheme === 'ckks' ? HeParameters.Scheme.CKKS : HeParameters.Scheme.BFV,
    polyModulusDegree: n,
    coeffModulus,
    plainModulus,
    scaleBits: set.scaleBits
  }
  materialized.set(set.name, params)
  return params
}

/** The allowed set a `HeParameters` claims to be. */
export function paramSetOf (params: HeParameters): HeParamSet {
  const set = heParamSet(params.set)
  if (set === undefined) {
    throw new HeObjectError('PARAMS_NOT_ALLOWED', `HE parameters name an unknown set "${params.set}"; allowed: ${HE_PARAMETER_SETS.map(s => s.name).join(', ')}`)
  }
  return set
}

/**
 * Check received parameters against the allowed table: they must equal, prime for prime, the set
 * they name. Returns that set. Throws `HeObjectError` otherwise.
 */
export function checkHeParameters (seal: Seal, params: HeParameters): HeParamSet {
  const set = paramSetOf(params)
  const ours = heParameters(seal, set)
  const same = ours.scheme === params.scheme &&
    ours.polyModulusDegree === params.polyModulusDegree &&
    ours.plainModulus === params.plainModulus &&
    ours.scaleBits === params.scaleBits &&
    ours.coeffModulus.length === params.coeffModulus.length &&
    ours.coeffModulus.every((q, i) => q === params.coeffModulus[i])
  if (!same) {
    throw new HeObjectError('PARAMS_NOT_ALLOWED', `HE parameters claim to be set ${set.name} but differ from it (N=${params.polyModulusDegree}, ${params.coeffModulus.length} primes); only the allowed 128-bit sets are accepted`)
  }
  return set
}

/** Largest encoded `HeParameters` message an allowed set produces, with room to spare. */
export const MAX_PARAMETERS_BYTES = 512

/** Serialize parameters for the wire. */
export function encodeHeParameters (params: HeParameters): Uint8Array {
  return HeParameters.encode(params)
}

/**
 * Parse parameters from the wire (size-limited) and name their set, without SEAL: enough to plan
 * work. `decodeHeParameters` also checks every prime before anything is built from them.
 */
export function peekHeParameters (bytes: Uint8Array): { params: HeParameters, set: HeParamSet } {
  if (bytes.byteLength > MAX_PARAMETERS_BYTES) {
    throw new HeObjectError('OVERSIZED', `HE parameters are ${bytes.byteLength} bytes; at most ${MAX_PARAMETERS_BYTES} are accepted`)
  }
  let params: HeParameters
  try {
    params = HeParameters.decode(bytes, { limits: { coeffModulus: 16 } })
  } catch (e: any) {
    throw new HeObjectError('MALFORMED', `HE parameters are not a valid HeParameters message (${e.message})`)
  }
  return { params, set: paramSetOf(params) }
}

/** Parse parameters from the wire and check them against the allowed table, prime for prime. */
export function decodeHeParameters (seal: Seal, bytes: Uint8Array): { params: HeParameters, set: HeParamSet } {
  const { params } = peekHeParameters(bytes)
  return { params, set: checkHeParameters(seal, params) }
}
