import type { HeContext, Plaintext } from '../../keys/index.js'

/**
 * Encode one chunk of values (at most `he.slots`; the rest of the slots are zero) into `out`:
 * CKKS at `scale`, BFV as signed integers mod t.
 */
export function encodeChunk (he: HeContext, values: Float64Array, out: Plaintext, scale = 2 ** he.set.scaleBits): void {
  if (he.ckksEncoder !== undefined) {
    // a full chunk goes in as it is (the encoder copies it into SEAL's memory); only a short last
    // chunk is padded, so encrypting leaves one buffer less of garbage per ciphertext
    let v = values
    if (values.length !== he.slots) {
      v = new Float64Array(he.slots)
      v.set(values.subarray(0, he.slots))
    }
    he.ckksEncoder.encode(v, scale, out)
  } else if (he.batchEncoder !== undefined) {
    const v = new BigInt64Array(he.slots)
    for (let i = 0; i < Math.min(values.length, he.slots); i++) v[i] = BigInt(values[i] as number)
    he.batchEncoder.encode(v, out)
  }
}

/** Decode a plaintext into its slot values (BFV: signed, as bigints). */
export function decodeSlots (he: HeContext, pt: Plaintext): Float64Array | BigInt64Array {
  if (he.ckksEncoder !== undefined) return he.ckksEncoder.decodeFloat64(pt) as Float64Array
  return (he.batchEncoder as NonNullable<HeContext['batchEncoder']>).decodeBigInt64(pt) as BigInt64Array
}

/** Number of chunks (ciphertexts per column) for `rows` rows. */
export function chunkCount (he: HeContext, rows: number): number {
  return Math.max(1, Math.ceil(rows / he.slots))
}
