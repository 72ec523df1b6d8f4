/**
 * CKKS arithmetic with exact scales. Each level l has one canonical scale S_l: fresh ciphertexts
 * are at S_top = 2^40 and a rescale from level l gives S_(l-1) = S_l^2 / q_l (q_l the prime it
 * drops). Every operation keeps that invariant exactly, so two values of one level always have the
 * same scale and no scale is ever forced (forcing would cost ~1e-6 relative error per step):
 * - a product of two ciphertexts at S_l, rescaled, is at S_(l-1);
 * - a non-integer constant is encoded at S_l, so its product, rescaled, is at S_(l-1) as well;
 * - an integer constant is encoded at scale 1 and multiplied in without a rescale;
 * - values at different levels are aligned by multiplying the higher one by 1 encoded at its S_l.
 * Depth is spent exactly as `registerDepths` counts it.
 */
import type { Ciphertext, HeContext, ParmsIdType, Plaintext, RelinKeys } from '../../keys/index.js'
import { constantCache } from './arith.js'
import type { Arith, Value } from './arith.js'

export function ckksArith (he: HeContext, relin: RelinKeys | undefined): Arith {
  const ev = he.evaluator
  const encoder = he.ckksEncoder as NonNullable<HeContext['ckksEncoder']>
  const floor = he.parmsIdWithPrimes(he.set.floorPrimes)
  const primes = (ct: Ciphertext): number => he.primesAt(ct.parmsId())

  const constants = constantCache()
  // a level is its number of primes, and every value of a level has that level's one scale
  const plain = (c: number, scale: number, parmsId: ParmsIdType): Plaintext => constants.get(`${c}@${scale}/${he.primesAt(parmsId)}`, () => {
    const pt = new he.seal.Plaintext()
    encoder.encode(new Float64Array(he.slots).fill(c), scale, pt)
    ev.plainModSwitchToInplace(pt, parmsId)
    return pt
  })

  /** ct × c encoded at ct's own scale, rescaled: a new ciphertext one level down, at S_(l-1). */
  const scaleDown = (ct: Ciphertext, c: number): Ciphertext => {
    const out = new he.seal.Ciphertext()
    ev.multiplyPlain(ct, plain(c, ct.scale(), ct.parmsId()), out)
    ev.rescaleToNextInplace(out)
    return out
  }

  /** A copy of `ct` brought down to `targetPrimes` primes (and so to that level's scale). */
  const lower = (ct: Ciphertext, targetPrimes: number): Ciphertext => {
    let cur = ct.copy()
    while (primes(cur) > targetPrimes) {
      const next = scaleDown(cur, 1)
      cur.delete()
      cur = next
    }
    return cur
  }

  /** Both operands at the same level, hence the same scale; the caller deletes the pair. */
  const align = (a: Ciphertext, b: Ciphertext): [Ciphertext, Ciphertext] => {
    const pa = primes(a)
    const pb = primes(b)
    if (pa > pb) return [lower(a, pb), b.copy()]
    if (pb > pa) return [a.copy(), lower(b, pa)]
    return [a.copy(), b.copy()]
  }

  const withConstant = (ct: Ciphertext, c: number, op: (x: Ciphertext, p: Plaintext, o: Ciphertext) => void): Ciphertext => {
    const out = new he.seal.Ciphertext()
    op(ct, plain(c, ct.scale(), ct.parmsId()), out)
    return out
  }

  const neg = (a: Ciphertext): Ciphertext => { const out = new he.seal.Ciphertext(); ev.negate(a, out); return out }

  const addOrSub = (a: Value, b: Value, sub: boolean): Ciphertext => {
    if ('ct' in a && 'ct' in b) {
      const [x, y] = align(a.ct, b.ct)
      const out = new he.seal.Ciphertext()
      try { if (sub) ev.sub(x, y, out); else ev.add(x, y, out) } finally { x.delete(); y.delete() }
      return out
    }
    if ('ct' in a) return withConstant(a.ct, (b as { constant: number }).constant, (x, p, o) => sub ? ev.subPlain(x, p, o) : ev.addPlain(x, p, o))
    const ct = (b as { ct: Ciphertext }).ct
    if (!sub) return withConstant(ct, a.constant, (x, p, o) => ev.addPlain(x, p, o))
    const n = neg(ct)
    try { return withConstant(n, a.constant, (x, p, o) => ev.addPlain(x, p, o)) } finally { n.delete() }
  }

  return {
    neg,
    add: (a, b) => addOrSub(a, b, false),
    sub: (a, b) => addOrSub(a, b, true),
    mul: (a, b) => {
      if ('ct' in a && 'ct' in b) {
        if (relin === undefined) throw new Error('relinearization keys are needed to multiply ciphertexts')
        const [x, y] = align(a.ct, b.ct)
        const out = new he.seal.Ciphertext()
        try {
          ev.multiply(x, y, out)
          ev.relinearizeInplace(out, relin)
          ev.rescaleToNextInplace(out)
        } finally { x.delete(); y.delete() }
        return out
      }
      const [ct, c] = 'ct' in a ? [a.ct, (b as { constant: number }).constant] : [(b as { ct: Ciphertext }).ct, a.constant]
      if (Number.isInteger(c)) {
        const out = new he.seal.Ciphertext()
        ev.multiplyPlain(ct, plain(c, 1, ct.parmsId()), out)
        return out
      }
      return scaleDown(ct, c)
    },
    finish: (a) => {
      const out = new he.seal.Ciphertext()
      ev.cipherModSwitchTo(a, floor, out)
      return out
    },
    dispose: constants.dispose
  }
}
