/**
 * Shares of a round, as a lessor enclave makes them and the partner checks them: the ciphertexts
 * of u under the renter's HE key, bound to the training, the round and the rows, with an
 * HMAC-SHA256 under the training's share key. The renter gives that key to its attested enclaves
 * (inside the AEAD channel) and to the partner, never to a lessor's node, so a share the partner
 * accepts was made by an enclave the renter attested, under the key the renter gave the partner.
 */
import { createHash, createHmac } from 'node:crypto'
import { bytesEqual, encodeFields, u32be } from '../../keys/index.js'

/** Bytes of a share key. */
export const SHARE_KEY_LENGTH = 32

/** SHA-256 of a serialized HE public key: names the key in shares and refusals. */
export function keyFingerprint (publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(publicKey).digest())
}

/** The fields a share's tag covers. */
export interface ShareFields {
  trainingId: string
  round: number
  start: number
  rows: number
  keyFingerprint: Uint8Array
}

/** HMAC-SHA256 over the share's fields and each ciphertext's SHA-256. */
export function shareTag (key: Uint8Array, fields: ShareFields, ciphertexts: readonly Uint8Array[]): Uint8Array {
  const digests = ciphertexts.map(c => new Uint8Array(createHash('sha256').update(c).digest()))
  const msg = encodeFields('shulian/joint/share/v1', [fields.trainingId, u32be(fields.round), u32be(fields.start), u32be(fields.rows), fields.keyFingerprint, u32be(ciphertexts.length), ...digests])
  return new Uint8Array(createHmac('sha256', key).update(msg).digest())
}

/** True when `tag` is the share key's tag over these fields and ciphertexts (constant-time compare). */
export function verifyShareTag (key: Uint8Array, fields: ShareFields, ciphertexts: readonly Uint8Array[], tag: Uint8Array): boolean {
  return bytesEqual(shareTag(key, fields, ciphertexts), tag)
}

/** Float64 values as little-endian bytes. */
export function f64Bytes (values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length * 8)
  const view = new DataView(out.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] as number, true)
  return out
}

/** Little-endian float64 bytes as values; throws unless the length is a multiple of 8. */
export function f64Values (bytes: Uint8Array): Float64Array {
  if (bytes.byteLength % 8 !== 0) throw new RangeError(`${bytes.byteLength} bytes are not float64 values`)
  const out = new Float64Array(bytes.byteLength / 8)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true)
  return out
}
