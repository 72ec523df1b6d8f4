import { HeObjectError } from './errors.js'
import { checkHeParameters } from './params.js'
import { HeParameters } from './pb/he.js'
import type { InspectContext, LevelInfo } from './inspect.js'
import type { HeParamSet } from './params.js'
import type { BatchEncoder, CKKSEncoder, ContextData, Evaluator, ParmsIdType, SEALContext, Seal } from './seal.js'

/**
 * A SEAL context for one allowed parameter set, with its encoder and evaluator: everything a
 * renter, a lessor or a third party needs that does not involve a key. Build one per thread and
 * parameter set (`heContext` caches them); never share across threads.
 */
export class HeContext {
  readonly seal: Seal
  readonly params: HeParameters
  readonly set: HeParamSet
  readonly context: SEALContext
  readonly evaluator: Evaluator
  readonly batchEncoder?: BatchEncoder
  readonly ckksEncoder?: CKKSEncoder
  /** slots per ciphertext: N/2 for CKKS, N for BFV */
  readonly slots: number
  /** the modulus chain, key level first, for checking received objects */
  readonly inspect: InspectContext
  /** encoded `params`, as sent to peers */
  readonly paramsBytes: Uint8Array

  constructor (seal: Seal, params: HeParameters) {
    this.seal = seal
    this.set = checkHeParameters(seal, params)
    this.params = params
    this.paramsBytes = HeParameters.encode(params)
    const parms = new seal.EncryptionParameters(params.scheme === HeParameters.Scheme.CKKS ? seal.SchemeType.ckks : seal.SchemeType.bfv)
    parms.setPolyModulusDegree(params.polyModulusDegree)
    const coeff = new seal.VectorModulus()
    for (const q of params.coeffModulus) {
      const m = new seal.Modulus(q)
      coeff.push_back(m)
      m.delete()
    }
    parms.setCoeffModulus(coeff)
    coeff.delete()
    if (params.scheme === HeParameters.Scheme.BFV) {
      const t = new seal.Modulus(params.plainModulus)
      parms.setPlainModulus(t)
      t.delete()
    }
    this.context = new seal.SEALContext(parms, true, seal.SecLevelType.tc128)
    parms.delete()
    if (!this.context.parametersSet()) {
      throw new HeObjectError('PARAMS_NOT_ALLOWED', `HE parameters ${params.set} are refused by SEAL at 128-bit security`)
    }
    this.evaluator = new seal.Evaluator(this.context)
    if (this.set.scheme === 'ckks') {
      this.ckksEncoder = new seal.CKKSEncoder(this.context)
      this.slots = this.ckksEncoder.slotCount()
    } else {
      this.batchEncoder = new seal.BatchEncoder(this.context)
      this.slots = this.batchEncoder.slotCount()
    }
    const levels: LevelInfo[] = []
    for (const cd of this.chain()) {
      levels.push({
        parmsId: BigUint64Array.from(cd.parmsId().values() as BigUint64Array),
        primes: (seal.jsArrayFromVecModulus(cd.parms().coeffModulus()) as bigint[]).map(BigInt)
      })
    }
    this.inspect = { polyModulusDegree: params.polyModulusDegree, levels, nttForm: this.set.scheme === 'ckks' }
  }

  /**
   * The modulus chain, key level first. Walks by chain index: past the last level node-seal's
   * `nextContextData()` returns a wrapper of a null pointer, not null.
   */
  * chain (): Generator<ContextData> {
    let cd = this.context.keyContextData()
    for (;;) {
      yield cd
      if (cd.chainIndex() === 0) return
      cd = cd.nextContextData()
    }
  }

  /** The parms_id of the data level that has `primes` primes left. */
  parmsIdWithPrimes (primes: number): ParmsIdType {
    for (const cd of this.chain()) {
      if (cd.parms().coeffModulus().size() === primes && cd.chainIndex() < this.context.keyContextData().chainIndex()) return cd.parmsId()
    }
    throw new Error(`no level with ${primes} primes in ${this.set.name}`)
  }

  /** Number of primes at the level of `parmsId`. */
  primesAt (parmsId: ParmsIdType): number {
    return this.context.getContextData(parmsId).parms().coeffModulus().size()
  }

  /** Free the WASM objects of a context built outside the cache (`heContext` keeps its own). */
  delete (): void {
    for (const o of [this.evaluator, this.ckksEncoder, this.batchEncoder, this.context]) o?.delete()
  }
}

const contexts = new Map<string, HeContext>()

/** This thread's context for `params` (checked against the allowed sets), built once. */
export function heContext (seal: Seal, params: HeParameters): HeContext {
  const cached = contexts.get(params.set)
  if (cached !== undefined) {
    checkHeParameters(seal, params)
    return cached
  }
  const ctx = new HeContext(seal, params)
  contexts.set(params.set, ctx)
  return ctx
}

/** The parameter sets this thread has built a context for (building one costs 0.4–4 s in WASM). */
export function heContextsBuilt (): string[] {
  return [...contexts.keys()]
}
