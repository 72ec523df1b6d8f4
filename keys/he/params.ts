import { HeObjectError } from './errors.js'
import { HeParameters } from './pb/he.js'
import { HE_PARAMETER_SETS, heParamSet } from './sets.js'
import type { HeParamSet } from './sets.js'
import type { Seal } from './seal.js'

export type { HeScheme, HeParamSet } from './sets.js'
export { HE_PARAMETER_SETS, heParamSet, pickParamSet } from './sets.js'

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
