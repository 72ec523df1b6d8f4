/**
 * Malformed and mutated messages from valid ones. A case is the bytes one stream carries: valid
 * encodings (varint length prefix + protobuf) changed by one strategy — bit flips, truncation,
 * length-prefix lies, oversized prefixes, random protobuf fields (fast-check), splices, two
 * messages where one belongs, a message of another step, raw noise. Seeded: a run is repeatable.
 */
import fc from 'fast-check'

/** The strategies, in the order the table prints them. */
export const STRATEGIES = [
  'bitflip', 'truncate', 'prefix-short', 'prefix-long', 'oversized', 'random-fields', 'field-splice',
  'byte-edit', 'duplicate', 'out-of-order', 'bad-varint', 'empty', 'noise', 'valid'
] as const

export type Strategy = typeof STRATEGIES[number]

export interface Case {
  strategy: Strategy
  bytes: Uint8Array
}

export interface CaseSource {
  /** valid messages (bodies, without the prefix) of the step the receiver expects first */
  seeds: Uint8Array[]
  /** valid messages of another step (a response, a later message): sent first, out of order */
  others: Uint8Array[]
  /** the receiver's message size limit */
  limit: number
}

/** mulberry32: small, fast, seeded. */
export function prng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function varint (n: number): Uint8Array {
  const out: number[] = []
  let v = n
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80)
    v = Math.floor(v / 0x80)
  }
  out.push(v)
  return Uint8Array.from(out)
}

export function frame (body: Uint8Array): Uint8Array {
  return concat([varint(body.byteLength), body])
}

function concat (parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

/** One protobuf field with any wire type (including the invalid 3, 4, 6, 7) and any value. */
const fieldArb = fc.record({
  field: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 536_870_911 })),
  wire: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0, 1, 2, 5) }, { weight: 1, arbitrary: fc.constantFrom(3, 4, 6, 7) }),
  varint: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  bytes: fc.oneof(fc.uint8Array({ maxLength: 48 }), fc.constant(new Uint8Array(0))),
  lie: fc.integer({ min: -8, max: 1 << 20 })
})

type Field = typeof fieldArb extends fc.Arbitrary<infer T> ? T : never

function bigVarint (v: bigint): Uint8Array {
  const out: number[] = []
  let x = v
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80)
    x >>= 7n
  }
  out.push(Number(x))
  return Uint8Array.from(out)
}

function encodeField (f: Field, honest: boolean): Uint8Array {
  const key = bigVarint((BigInt(f.field) << 3n) | BigInt(f.wire))
  switch (f.wire) {
    case 0: return concat([key, bigVarint(f.varint)])
    case 1: return concat([key, f.bytes.subarray(0, 8), new Uint8Array(Math.max(0, 8 - f.bytes.byteLength))])
    case 5: return concat([key, f.bytes.subarray(0, 4), new Uint8Array(Math.max(0, 4 - f.bytes.byteLength))])
    case 2: {
      // a length-delimited field whose length may lie about what follows
      const len = honest ? f.bytes.byteLength : Math.max(0, f.bytes.byteLength + f.lie)
      return concat([key, varint(len), f.bytes])
    }
    default: return concat([key, f.bytes])
  }
}

/**
 * `count` cases for a receiver, repeatable from `seed`. Every strategy gets its share, so that the
 * table's counts are comparable between protocols.
 */
export function cases (src: CaseSource, count: number, seed: number): Case[] {
  const rnd = prng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1))
  const fields = fc.sample(fc.array(fieldArb, { minLength: 1, maxLength: 6 }), { seed, numRuns: Math.max(1, count) })
  const out: Case[] = []
  for (let i = 0; i < count; i++) {
    const strategy = STRATEGIES[i % STRATEGIES.length] as Strategy
    const body = pick(src.seeds)
    const random = (honest: boolean): Uint8Array => concat((fields[i] ?? []).map(f => encodeField(f, honest)))
    let bytes: Uint8Array
    switch (strategy) {
      case 'bitflip': {
        const b = new Uint8Array(body)
        for (let n = int(1, 8); n > 0 && b.byteLength > 0; n--) {
          const at = int(0, b.byteLength - 1)
          b[at] = (b[at] ?? 0) ^ (1 << int(0, 7))
        }
        bytes = frame(b)
        break
      }
      case 'truncate':
        // the prefix says the whole message, fewer bytes follow
        bytes = concat([varint(body.byteLength), body.subarray(0, int(0, Math.max(0, body.byteLength - 1)))])
        break
      case 'prefix-short': {
        const n = int(0, Math.max(0, body.byteLength - 1))
        bytes = concat([varint(n), body])
        break
      }
      case 'prefix-long':
        bytes = concat([varint(Math.min(src.limit, body.byteLength + int(1, 4096))), body])
        break
      case 'oversized':
        // a prefix over the limit and a little of the body: the receiver must not wait for the rest
        bytes = concat([varint(src.limit + int(1, src.limit * 3)), body.subarray(0, 64)])
        break
      case 'random-fields':
        bytes = frame(random(rnd() < 0.5))
        break
      case 'field-splice': {
        const at = int(0, body.byteLength)
        bytes = frame(concat([body.subarray(0, at), random(true), body.subarray(at)]))
        break
      }
      case 'byte-edit': {
        const b = Array.from(body)
        for (let n = int(1, 4); n > 0; n--) {
          const at = int(0, b.length)
          const op = int(0, 2)
          if (op === 0) b.splice(at, 0, int(0, 255))
          else if (op === 1) b.splice(at, 1)
          else b[at] = int(0, 255)
        }
        bytes = frame(Uint8Array.from(b))
        break
      }
      case 'duplicate':
        bytes = concat([frame(body), frame(pick(src.seeds))])
        break
      case 'out-of-order':
        bytes = concat([frame(src.others.length > 0 ? pick(src.others) : random(true)), frame(body)])
        break
      case 'bad-varint':
        bytes = rnd() < 0.5 ? new Uint8Array(int(10, 16)).fill(0xff) : Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])
        break
      case 'empty':
        bytes = rnd() < 0.5 ? Uint8Array.from([0]) : new Uint8Array(0)
        break
      case 'noise': {
        const b = new Uint8Array(int(1, 256))
        for (let j = 0; j < b.byteLength; j++) b[j] = int(0, 255)
        bytes = b
        break
      }
      case 'valid':
        bytes = frame(body)
        break
    }
    out.push({ strategy, bytes })
  }
  return out
}
