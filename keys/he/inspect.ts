/**
 * Structural checks of SEAL's serialization format, run on bytes from a peer BEFORE SEAL sees
 * them. node-seal 7 bundles SEAL 4.1, which predates SEAL 4.3.3/4.4's hardening of untrusted
 * loads (unbounded KSwitchKeys dimensions, headers larger than the input, decompression bombs,
 * unreduced coefficients), so this file re-implements those checks: every length is checked
 * against what the parameters in use allow, every coefficient against its prime, and nothing but
 * uncompressed objects of SEAL 4.x is accepted (decompression is ours, bounded; see serialize.ts).
 *
 * Layouts (little-endian), from SEAL's `save_members`:
 *   header      u16 magic 0xA15E, u8 header size 16, u8 major, u8 minor, u8 compr mode, u16 0, u64 size
 *   Ciphertext  header, parms_id[32], u8 ntt, u64 polys, u64 N, u64 k, f64 scale, u64 correction,
 *               DynArray (header, u64 count, count words) [, PRNG info (header, u8 type, 64-byte seed)]
 *   PublicKey   a Ciphertext at the key level
 *   SecretKey   header, parms_id[32], u64 coeff count, f64 scale, DynArray
 *   RelinKeys   header, parms_id[32], u64 dim1, dim1 × (u64 dim2, dim2 × PublicKey)
 */
import { HeObjectError } from './errors.js'

const MAGIC = 0xa15e
const HEADER = 16
const PRNG_INFO_BYTES = HEADER + 1 + 64
const CT_FIXED = 32 + 1 + 8 * 5

/** One level of the modulus chain: its parms_id and primes. */
export interface LevelInfo {
  parmsId: BigUint64Array
  primes: readonly bigint[]
}

/** What an object is expected to be built for. */
export interface InspectContext {
  polyModulusDegree: number
  /** every level, key level first */
  levels: readonly LevelInfo[]
  /** CKKS ciphertexts are kept in NTT form, BFV ones are not */
  nttForm: boolean
}

class Reader {
  pos = 0
  constructor (readonly bytes: Uint8Array, readonly view: DataView, readonly what: string) {}

  need (n: number): void {
    if (this.pos + n > this.bytes.byteLength) {
      throw new HeObjectError('TRUNCATED', `${this.what}: ends after ${this.bytes.byteLength} bytes, inside its own declared structure`)
    }
  }

  u8 (): number { this.need(1); return this.view.getUint8(this.pos++) }
  u64 (): bigint { this.need(8); const v = this.view.getBigUint64(this.pos, true); this.pos += 8; return v }
  f64 (): number { this.need(8); const v = this.view.getFloat64(this.pos, true); this.pos += 8; return v }
  take (n: number): Uint8Array { this.need(n); const b = this.bytes.subarray(this.pos, this.pos + n); this.pos += n; return b }

  /** A SEAL header; returns the absolute end offset of the object it announces. */
  header (): number {
    this.need(HEADER)
    const at = this.pos
    const magic = this.view.getUint16(at, true)
    const size = this.view.getUint8(at + 2)
    const major = this.view.getUint8(at + 3)
    const compr = this.view.getUint8(at + 5)
    const total = this.view.getBigUint64(at + 8, true)
    if (magic !== MAGIC || size !== HEADER || major !== 4) {
      throw new HeObjectError('MALFORMED', `${this.what}: not a SEAL 4.x object (bad header at byte ${at})`)
    }
    if (compr !== 0) {
      throw new HeObjectError('MALFORMED', `${this.what}: SEAL-compressed objects are refused; send uncompressed objects inside zstd`)
    }
    if (total < BigInt(HEADER) || total > BigInt(this.bytes.byteLength - at)) {
      throw new HeObjectError('TRUNCATED', `${this.what}: header at byte ${at} announces ${total} bytes but only ${this.bytes.byteLength - at} remain`)
    }
    this.pos += HEADER
    return at + Number(total)
  }

  end (expected: number, part: string): void {
    if (this.pos !== expected) {
      throw new HeObjectError('MALFORMED', `${this.what}: ${part} is ${this.pos > expected ? 'longer' : 'shorter'} than its header says`)
    }
  }
}

function sameId (a: BigUint64Array, b: Uint8Array): boolean {
  const v = new DataView(b.buffer, b.byteOffset, 32)
  for (let i = 0; i < 4; i++) if (v.getBigUint64(i * 8, true) !== a[i]) return false
  return true
}

function levelOf (ctx: InspectContext, id: Uint8Array, what: string): LevelInfo {
  const level = ctx.levels.find(l => sameId(l.parmsId, id))
  if (level === undefined) {
    throw new HeObjectError('PARAMS_MISMATCH', `${what}: built for other encryption parameters than the ones in use (unknown parms_id)`)
  }
  return level
}

/** Check that each of `count` words is below its RNS prime (layout: polys × primes × N). */
function checkReduced (r: Reader, words: number, primes: readonly bigint[], n: number): void {
  r.need(words * 8)
  const start = r.pos
  // compare as two 32-bit halves: ~10× faster than a BigInt per word
  const his = primes.map(q => Number(q >> 32n))
  const los = primes.map(q => Number(q & 0xffffffffn))
  for (let w = 0; w < words; w++) {
    const i = Math.floor(w / n) % primes.length
    const lo = r.view.getUint32(start + w * 8, true)
    const hi = r.view.getUint32(start + w * 8 + 4, true)
    const qHi = his[i] as number
    if (hi > qHi || (hi === qHi && lo >= (los[i] as number))) {
      throw new HeObjectError('MALFORMED', `${r.what}: coefficient ${w} is not reduced modulo its prime`)
    }
  }
  r.pos += words * 8
}

interface CiphertextShape { level: 'key' | 'data', seeded: 'allowed' | 'no', maxPolys: number }

function ciphertext (r: Reader, ctx: InspectContext, shape: CiphertextShape): LevelInfo {
  const end = r.header()
  r.need(CT_FIXED)
  const level = levelOf(ctx, r.take(32), r.what)
  const isKeyLevel = level === ctx.levels[0]
  if (isKeyLevel !== (shape.level === 'key')) {
    throw new HeObjectError('PARAMS_MISMATCH', `${r.what}: at the ${isKeyLevel ? 'key' : 'data'} level where a ${shape.level}-level object is expected`)
  }
  const ntt = r.u8() !== 0
  const polys = r.u64()
  const n = r.u64()
  const k = r.u64()
  const scale = r.f64()
  const correction = r.u64()
  const nttExpected = shape.level === 'key' ? true : ctx.nttForm
  if (n !== BigInt(ctx.polyModulusDegree) || k !== BigInt(level.primes.length)) {
    throw new HeObjectError('PARAMS_MISMATCH', `${r.what}: has N=${n}, ${k} primes; the parameters in use have N=${ctx.polyModulusDegree}, ${level.primes.length} primes at that level`)
  }
  if (polys < 2n || polys > BigInt(shape.maxPolys) || ntt !== nttExpected || correction !== 1n || !Number.isFinite(scale) || scale <= 0) {
    throw new HeObjectError('MALFORMED', `${r.what}: inconsistent ciphertext fields (polys=${polys}, ntt=${ntt}, scale=${scale})`)
  }
  const arrayEnd = r.header()
  const count = r.u64()
  const polyWords = ctx.polyModulusDegree * level.primes.length
  const full = Number(polys) * polyWords
  const seeded = count === BigInt(polyWords) && polys === 2n && shape.seeded === 'allowed'
  if (count !== BigInt(full) && !seeded) {
    throw new HeObjectError(count > BigInt(full) ? 'OVERSIZED' : 'MALFORMED', `${r.what}: holds ${count} coefficients where ${full} are expected`)
  }
  checkReduced(r, Number(count), level.primes, ctx.polyModulusDegree)
  r.end(arrayEnd, 'its coefficient array')
  if (seeded) {
    const infoEnd = r.header()
    if (infoEnd - r.pos + HEADER !== PRNG_INFO_BYTES) {
      throw new HeObjectError('MALFORMED', `${r.what}: seed record has the wrong size`)
    }
    r.take(PRNG_INFO_BYTES - HEADER)
  }
  r.end(end, 'the ciphertext')
  return level
}

function reader (bytes: Uint8Array, what: string): Reader {
  return new Reader(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), what)
}

function whole (r: Reader): void {
  if (r.pos !== r.bytes.byteLength) {
    throw new HeObjectError('OVERSIZED', `${r.what}: ${r.bytes.byteLength - r.pos} bytes follow the object`)
  }
}

/** Check a serialized ciphertext at a data level; returns its level. */
export function inspectCiphertext (bytes: Uint8Array, ctx: InspectContext, what = 'ciphertext'): LevelInfo {
  const r = reader(bytes, what)
  const level = ciphertext(r, ctx, { level: 'data', seeded: 'allowed', maxPolys: 2 })
  whole(r)
  return level
}

/** Check a serialized public key. */
export function inspectPublicKey (bytes: Uint8Array, ctx: InspectContext, what = 'public key'): void {
  const r = reader(bytes, what)
  ciphertext(r, ctx, { level: 'key', seeded: 'allowed', maxPolys: 2 })
  whole(r)
}

/** Check serialized relinearization keys (one key-switching key, for degree 2). */
export function inspectRelinKeys (bytes: Uint8Array, ctx: InspectContext, what = 'relinearization keys'): void {
  const r = reader(bytes, what)
  const end = r.header()
  levelOf(ctx, r.take(32), what)
  const dim1 = r.u64()
  if (dim1 !== 1n) throw new HeObjectError('MALFORMED', `${what}: ${dim1} key lists where relinearization keys have 1`)
  const dim2 = r.u64()
  const decomposition = (ctx.levels[1] ?? ctx.levels[0])?.primes.length ?? 0
  if (dim2 !== BigInt(decomposition)) {
    throw new HeObjectError('MALFORMED', `${what}: ${dim2} keys where the parameters in use need ${decomposition}`)
  }
  for (let i = 0; i < decomposition; i++) ciphertext(r, ctx, { level: 'key', seeded: 'allowed', maxPolys: 2 })
  r.end(end, 'the key set')
  whole(r)
}

/** Check a serialized secret key (only ever read from this node's own files). */
export function inspectSecretKey (bytes: Uint8Array, ctx: InspectContext, what = 'secret key'): void {
  const r = reader(bytes, what)
  const end = r.header()
  const level = levelOf(ctx, r.take(32), what)
  const count = r.u64()
  r.f64()
  const expected = ctx.polyModulusDegree * level.primes.length
  if (level !== ctx.levels[0] || count !== BigInt(expected)) {
    throw new HeObjectError('PARAMS_MISMATCH', `${what}: not a key for the parameters in use`)
  }
  const arrayEnd = r.header()
  if (r.u64() !== BigInt(expected)) throw new HeObjectError('MALFORMED', `${what}: wrong coefficient count`)
  checkReduced(r, expected, level.primes, ctx.polyModulusDegree)
  r.end(arrayEnd, 'its coefficient array')
  r.end(end, 'the key')
  whole(r)
}

/** Upper bound of a serialized object's size for the given parameters (for bounded decompression). */
export function maxSerializedBytes (kind: 'ciphertext' | 'publicKey' | 'relinKeys' | 'secretKey', ctx: InspectContext): number {
  const keyPrimes = ctx.levels[0]?.primes.length ?? 0
  const ctBytes = (primes: number): number => HEADER + CT_FIXED + HEADER + 8 + 2 * 8 * ctx.polyModulusDegree * primes + PRNG_INFO_BYTES
  switch (kind) {
    case 'ciphertext': return ctBytes(ctx.levels[1]?.primes.length ?? keyPrimes)
    case 'publicKey': return ctBytes(keyPrimes)
    case 'relinKeys': return HEADER + 32 + 16 + (keyPrimes - 1) * ctBytes(keyPrimes)
    case 'secretKey': return HEADER + 48 + HEADER + 8 + 8 * ctx.polyModulusDegree * keyPrimes
  }
}
