/**
 * The HE work of a joint round, in one thread (tasks.ts spreads it over worker threads):
 *
 * - the partner adds its encrypted part of the residual to the lessor's (r = u + v), multiplies r
 *   slot-wise by each of its feature columns (plaintext × ciphertext, one rescale) and adds those
 *   up over chunks: ciphertexts whose slots *sum* to Σ_i x_ij r_i (and Σ_i r_i for the intercept);
 * - it masks each sum with a plaintext polynomial whose coefficients are uniform modulo the
 *   ciphertext's modulus Q: the renter's decryption is then a uniformly random polynomial,
 *   independent of the data (a one-time pad mod Q), however many slots it reads;
 * - the renter decrypts and returns only the constant coefficient c₀ of that polynomial: for CKKS,
 *   Σ over all slots of the decoded values = c₀ · (N/2) / scale (the slots are the polynomial's
 *   values at the primitive 2N-th roots of unity, in conjugate pairs, and those sum to N·c₀), so
 *   one number mod Q carries the whole slot sum with no decoding error;
 * - the partner subtracts its mask's c₀ mod Q and gets its exact gradient sum.
 *
 * No rotations (no Galois keys), no padding correction: padding slots of a chunk hold r = 0, and a
 * program constant never meets the renter's decryptor.
 *
 * c₀ of a plaintext in SEAL's NTT form is N⁻¹ · Σ_k NTT_k mod each prime (the negacyclic NTT
 * evaluates at ψ^(2k+1), and Σ_k ψ^((2k+1)j) = N·[j = 0]); the primes are combined by CRT.
 */
import { randomFillSync } from 'node:crypto'
import { loadCiphertext, loadPublicKey, saveHeObject } from '../../keys/index.js'
import { encodeChunk } from '../he/index.js'
import { JointError } from './errors.js'
import type { Ciphertext, HeContext, Plaintext, SecretKey } from '../../keys/index.js'

/** The parameter set of joint tasks: depth 1 (one plaintext × ciphertext product), 4096 slots. */
export const JOINT_HE_SET = 'ckks-8192-d1'

/** What the partner's HE work on some chunks returns. */
export interface PartnerChunks {
  /** r = u + v per chunk, switched down to the level the sums are at (for the renter) */
  residuals: Uint8Array[]
  /** [Σ r, Σ x₁ r, …] over these chunks, each one ciphertext whose slots still need adding */
  sums: Uint8Array[]
}

/** A masked gradient sum and what the partner needs to unmask it. */
export interface MaskedSum {
  masked: Uint8Array
  /** c₀ of the mask, mod `modulus` */
  mu: bigint
  modulus: bigint
  /** the ciphertext's scale (slot sum = c₀ · slots / scale) */
  scale: number
}

function primesOf (he: HeContext, ct: Ciphertext | Plaintext): readonly bigint[] {
  const id = ct.parmsId().values() as BigUint64Array
  const level = he.inspect.levels.find(l => l.parmsId.every((w, i) => w === id[i]))
  if (level === undefined) throw new Error('ciphertext at an unknown level')
  return level.primes
}

/**
 * The partner's HE work on some chunks of one lessor's range: `shares[j]` is the lessor's
 * ciphertext of u for chunk j, `v` and `xs` the partner's own values for those rows (chunk j is rows
 * [j·slots, (j+1)·slots)). Shares must be fresh (top level, scale 2^40): anything else was not
 * made by an enclave's encryption and is refused.
 */
export function partnerChunks (he: HeContext, publicKey: Uint8Array, shares: readonly Uint8Array[], v: Float64Array, xs: readonly Float64Array[], what = 'share'): PartnerChunks {
  const ev = he.evaluator
  const top = he.inspect.levels[1]?.primes.length ?? 0
  const fresh = 2 ** he.set.scaleBits
  const pk = loadPublicKey(he, publicKey)
  const enc = new he.seal.Encryptor(he.context, pk)
  const pt = new he.seal.Plaintext()
  const sums: Array<Ciphertext | undefined> = [undefined, ...xs.map(() => undefined)]
  const residuals: Ciphertext[] = []
  const owned: Ciphertext[] = []
  const add = (k: number, ct: Ciphertext): void => {
    const acc = sums[k]
    if (acc === undefined) sums[k] = ct
    else { ev.addInplace(acc, ct); ct.delete() }
  }
  try {
    shares.forEach((bytes, j) => {
      const u = loadCiphertext(he, bytes, `${what}, chunk ${j}`)
      owned.push(u)
      if (primesOf(he, u).length !== top || u.scale() !== fresh) {
        throw new JointError('RANGE', `${what}, chunk ${j}: not a fresh encryption (level or scale differs from ${he.set.name}'s)`)
      }
      encodeChunk(he, v.subarray(j * he.slots, (j + 1) * he.slots), pt)
      const cv = new he.seal.Ciphertext()
      owned.push(cv)
      enc.encrypt(pt, cv)
      const r = new he.seal.Ciphertext()
      residuals.push(r)
      ev.add(u, cv, r)
      add(0, r.copy())
      xs.forEach((x, f) => {
        encodeChunk(he, x.subarray(j * he.slots, (j + 1) * he.slots), pt)
        const p = new he.seal.Ciphertext()
        ev.multiplyPlain(r, pt, p)
        add(f + 1, p)
      })
    })
    // products: one rescale to the next level; Σ r: switched (not rescaled) to the same level
    const out = sums.map((acc, k) => {
      if (acc === undefined) throw new Error('no chunks')
      if (k > 0) ev.rescaleToNextInplace(acc)
      else ev.cipherModSwitchToNextInplace(acc)
      return saveHeObject(he, acc)
    })
    return {
      sums: out,
      residuals: residuals.map(r => { ev.cipherModSwitchToNextInplace(r); return saveHeObject(he, r) })
    }
  } finally {
    for (const c of [...owned, ...residuals]) c.delete()
    for (const c of sums) c?.delete()
    pt.delete()
    enc.delete()
    pk.delete()
  }
}

/** Add up per-group sums (all groups' k-th ciphertexts), then mask each. */
export function sumAndMask (he: HeContext, groups: readonly Uint8Array[][]): MaskedSum[] {
  const width = groups[0]?.length ?? 0
  const out: MaskedSum[] = []
  for (let k = 0; k < width; k++) {
    const acc = loadCiphertext(he, groups[0]?.[k] as Uint8Array, `sum ${k}`)
    try {
      for (let g = 1; g < groups.length; g++) {
        const ct = loadCiphertext(he, groups[g]?.[k] as Uint8Array, `sum ${k}`)
        try { he.evaluator.addInplace(acc, ct) } finally { ct.delete() }
      }
      out.push(mask(he, acc))
    } finally {
      acc.delete()
    }
  }
  return out
}

/** Add a uniformly random plaintext (mod the ciphertext's modulus) to `ct`. */
function mask (he: HeContext, ct: Ciphertext): MaskedSum {
  const primes = primesOf(he, ct)
  const pt = new he.seal.Plaintext()
  try {
    encodeChunk(he, new Float64Array(0), pt, ct.scale())
    he.evaluator.plainModSwitchToInplace(pt, ct.parmsId())
    const raw = new Uint8Array(pt.saveToArray(he.seal.ComprModeType.none) as Uint8Array)
    const n = he.set.polyModulusDegree
    const data = plaintextData(raw, n, primes.length)
    const residues = primes.map((q, i) => {
      const words = data.subarray(i * n, (i + 1) * n)
      uniformBelow(q, words)
      let s = 0n
      for (const w of words) s += w
      return (s % q) * modInverse(BigInt(n), q) % q
    })
    pt.loadFromArray(he.context, raw)
    raw.fill(0)
    const masked = ct.copy()
    try {
      he.evaluator.addPlainInplace(masked, pt)
      const { value, modulus } = crt(residues, primes)
      return { masked: saveHeObject(he, masked), mu: value, modulus, scale: ct.scale() }
    } finally {
      masked.delete()
    }
  } finally {
    pt.delete()
  }
}

/**
 * The renter's side: decrypt masked sums and return each plaintext's constant coefficient mod Q
 * (the only thing sent back). Ciphertexts go through the checks of keys/he first.
 */
export function constantTerms (he: HeContext, sk: SecretKey, cts: readonly Uint8Array[]): bigint[] {
  const dec = new he.seal.Decryptor(he.context, sk)
  const pt = new he.seal.Plaintext()
  try {
    return cts.map((bytes, k) => {
      const ct = loadCiphertext(he, bytes, `masked sum ${k}`)
      try {
        dec.decrypt(ct, pt)
        const primes = primesOf(he, pt)
        const n = he.set.polyModulusDegree
        const data = plaintextData(new Uint8Array(pt.saveToArray(he.seal.ComprModeType.none) as Uint8Array), n, primes.length)
        const residues = primes.map((q, i) => {
          let s = 0n
          for (const w of data.subarray(i * n, (i + 1) * n)) s += w
          return (s % q) * modInverse(BigInt(n), q) % q
        })
        return crt(residues, primes).value
      } finally {
        ct.delete()
      }
    })
  } finally {
    pt.delete()
    dec.delete()
  }
}

/** The partner's side: the exact slot sum from the renter's c₀ and the mask's. */
export function unmaskedSum (returned: bigint, m: Pick<MaskedSum, 'mu' | 'modulus' | 'scale'>, slots: number): number {
  if (returned < 0n || returned >= m.modulus) throw new JointError('RANGE', 'a returned value is not reduced modulo the ciphertext modulus')
  let t = ((returned - m.mu) % m.modulus + m.modulus) % m.modulus
  if (t > m.modulus / 2n) t -= m.modulus
  return Number(t) * slots / m.scale
}

/** The data words of a serialized plaintext (uncompressed SEAL 4 layout; see keys/he/inspect.ts). */
function plaintextData (raw: Uint8Array, n: number, k: number): BigUint64Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  const at = 16 + 32 + 8 + 8 + 16
  if (view.getUint16(0, true) !== 0xa15e || raw.byteLength !== at + 8 + 8 * n * k || view.getBigUint64(at, true) !== BigInt(n * k)) {
    throw new Error('unexpected plaintext serialization')
  }
  // a view over the words (aligned copy when the offset is not a multiple of 8)
  const start = raw.byteOffset + at + 8
  return start % 8 === 0 ? new BigUint64Array(raw.buffer, start, n * k) : new BigUint64Array(raw.slice(at + 8).buffer)
}

/** Fill `out` with values uniform in [0, q) (rejection sampling on random bits). */
function uniformBelow (q: bigint, out: BigUint64Array): void {
  const bits = BigInt(q.toString(2).length)
  const keep = (1n << bits) - 1n
  const buf = new BigUint64Array(out.length)
  let filled = 0
  while (filled < out.length) {
    randomFillSync(buf)
    for (let i = 0; i < buf.length && filled < out.length; i++) {
      const v = (buf[i] as bigint) & keep
      if (v < q) out[filled++] = v
    }
  }
  buf.fill(0n)
}

function modInverse (a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m]
  let [s0, s1] = [1n, 0n]
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[s0, s1] = [s1, s0 - q * s1]
  }
  if (r0 !== 1n) throw new Error('not invertible')
  return ((s0 % m) + m) % m
}

/** The value mod Πq with the given residues. */
function crt (residues: readonly bigint[], primes: readonly bigint[]): { value: bigint, modulus: bigint } {
  const modulus = primes.reduce((a, b) => a * b, 1n)
  let value = 0n
  primes.forEach((q, i) => {
    const m = modulus / q
    value += (residues[i] as bigint) * m * modInverse(m % q, q)
  })
  return { value: value % modulus, modulus }
}

/** Encrypt values (chunk-wise) under a public key: the lessor enclave's share of a round. */
export function encryptUnder (he: HeContext, publicKey: Uint8Array, values: Float64Array): Uint8Array[] {
  const pk = loadPublicKey(he, publicKey)
  const enc = new he.seal.Encryptor(he.context, pk)
  const pt = new he.seal.Plaintext()
  try {
    const chunks = Math.max(1, Math.ceil(values.length / he.slots))
    const out: Uint8Array[] = []
    for (let j = 0; j < chunks; j++) {
      encodeChunk(he, values.subarray(j * he.slots, (j + 1) * he.slots), pt)
      const ct = enc.encryptSerializable(pt)
      try { out.push(saveHeObject(he, ct)) } finally { ct.delete() }
    }
    return out
  } finally {
    pt.delete()
    enc.delete()
    pk.delete()
  }
}

/**
 * What a masked sum's constant term reads as, taken for an unmasked one (the slot sum it would
 * give): audits check that this is not the partner's gradient.
 */
export function readAsUnmasked (he: HeContext, masked: Uint8Array, constant: bigint): number {
  const ct = loadCiphertext(he, masked, 'masked sum')
  try {
    const primes = primesOf(he, ct)
    return unmaskedSum(constant, { mu: 0n, modulus: primes.reduce((a, b) => a * b, 1n), scale: ct.scale() }, he.slots)
  } finally {
    ct.delete()
  }
}
