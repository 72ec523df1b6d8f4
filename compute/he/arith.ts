/**
 * Slot-wise arithmetic on ciphertexts and public constants, as the lessor runs a program. Results
 * are always new ciphertexts; the caller deletes them.
 */
import type { Ciphertext, HeContext, Plaintext, RelinKeys } from '../../keys/index.js'
import { encodeChunk } from './encode.js'

export type Value = { ct: Ciphertext } | { constant: number }

export interface Arith {
  add: (a: Value, b: Value) => Ciphertext
  sub: (a: Value, b: Value) => Ciphertext
  mul: (a: Value, b: Value) => Ciphertext
  neg: (a: Ciphertext) => Ciphertext
  /** bring a result to the smallest level that still holds it, to shrink what is sent back */
  finish: (a: Ciphertext) => Ciphertext
  /** free the constants encoded for this evaluation */
  dispose: () => void
}

/**
 * The constants of one evaluation, each encoded once and used for every chunk: encoding a
 * constant is a full-vector encode (an FFT and an NTT per prime), and re-encoding the demo
 * program's constants took 13 % of a lessor's time per chunk.
 */
export interface ConstantCache {
  get: (key: string, make: () => Plaintext) => Plaintext
  dispose: () => void
}

export function constantCache (): ConstantCache {
  const encoded = new Map<string, Plaintext>()
  return {
    get: (key, make) => {
      let pt = encoded.get(key)
      if (pt === undefined) {
        pt = make()
        encoded.set(key, pt)
      }
      return pt
    },
    dispose: () => {
      for (const pt of encoded.values()) pt.delete()
      encoded.clear()
    }
  }
}

function filled (he: HeContext, c: number): Float64Array {
  return new Float64Array(he.slots).fill(c)
}

/** BFV: exact integers mod t; constants are free, products of ciphertexts are relinearized. */
export function bfvArith (he: HeContext, relin: RelinKeys | undefined): Arith {
  const ev = he.evaluator
  const constants = constantCache()
  // a BFV plaintext does not depend on the level: the constant is the whole key
  const plain = (c: number): Plaintext => constants.get(String(c), () => {
    const pt = new he.seal.Plaintext()
    encodeChunk(he, filled(he, c), pt)
    return pt
  })
  const withPlain = (ct: Ciphertext, c: number, op: (ct: Ciphertext, pt: Plaintext, out: Ciphertext) => void): Ciphertext => {
    const out = new he.seal.Ciphertext()
    op(ct, plain(c), out)
    return out
  }
  const neg = (a: Ciphertext): Ciphertext => { const out = new he.seal.Ciphertext(); ev.negate(a, out); return out }
  return {
    neg,
    add: (a, b) => {
      if ('ct' in a && 'ct' in b) { const out = new he.seal.Ciphertext(); ev.add(a.ct, b.ct, out); return out }
      const [ct, c] = 'ct' in a ? [a.ct, (b as { constant: number }).constant] : [(b as { ct: Ciphertext }).ct, a.constant]
      return withPlain(ct, c, (x, p, o) => ev.addPlain(x, p, o))
    },
    sub: (a, b) => {
      if ('ct' in a && 'ct' in b) { const out = new he.seal.Ciphertext(); ev.sub(a.ct, b.ct, out); return out }
      if ('ct' in a) return withPlain(a.ct, (b as { constant: number }).constant, (x, p, o) => ev.subPlain(x, p, o))
      const n = neg((b as { ct: Ciphertext }).ct)
      try { return withPlain(n, a.constant, (x, p, o) => ev.addPlain(x, p, o)) } finally { n.delete() }
    },
    mul: (a, b) => {
      if ('ct' in a && 'ct' in b) {
        if (relin === undefined) throw new Error('relinearization keys are needed to multiply ciphertexts')
        const out = new he.seal.Ciphertext()
        ev.multiply(a.ct, b.ct, out)
        ev.relinearizeInplace(out, relin)
        return out
      }
      const [ct, c] = 'ct' in a ? [a.ct, (b as { constant: number }).constant] : [(b as { ct: Ciphertext }).ct, a.constant]
      return withPlain(ct, c, (x, p, o) => ev.multiplyPlain(x, p, o))
    },
    finish: (a) => a.copy(),
    dispose: constants.dispose
  }
}
