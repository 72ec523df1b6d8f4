/**
 * Canonical byte encodings for values that get hashed, signed or fed to a KDF. Every field is
 * length-prefixed, so no two different field lists encode to the same bytes, and every encoding
 * starts with a domain label, so an encoding made for one purpose never verifies for another.
 */

import { timingSafeEqual } from 'node:crypto'

const utf8 = new TextEncoder()

/** A field of a canonical encoding: bytes as they are, strings as UTF-8. */
export type Field = Uint8Array | string

/** `label ‖ (u32be length ‖ bytes)*`: an unambiguous encoding of a labelled list of fields. */
export function encodeFields (label: string, fields: readonly Field[]): Uint8Array {
  const parts = [label, ...fields].map(f => typeof f === 'string' ? utf8.encode(f) : f)
  const total = parts.reduce((n, p) => n + 4 + p.byteLength, 0)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  let at = 0
  for (const p of parts) {
    view.setUint32(at, p.byteLength)
    out.set(p, at + 4)
    at += 4 + p.byteLength
  }
  return out
}

/** The 4-byte big-endian encoding of an unsigned 32-bit integer. */
export function u32be (n: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n)
  return out
}

/** Lower-case hex of `bytes`. */
export function toHex (bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** Bytes of a hex string; throws on odd length or non-hex characters. */
export function fromHex (hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    throw new TypeError('not a hex string')
  }
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

/** Constant-time equality of two byte arrays (false when the lengths differ). */
export function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b)
}

/**
 * `bytes` typed as ArrayBuffer-backed, as protons-generated types require: the same array when it
 * is (no copy), a copy when it lives in a SharedArrayBuffer.
 */
export function plainBytes (bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? bytes as Uint8Array<ArrayBuffer> : new Uint8Array(bytes)
}

/** The concatenation of `parts` (their total length may be given when known). */
export function concatBytes (parts: readonly Uint8Array[], total = parts.reduce((n, p) => n + p.byteLength, 0)): Uint8Array {
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}
