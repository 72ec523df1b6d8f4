/**
 * The two big HE messages (EncryptedInput, EncryptedResult) on the wire, encoded with one copy of
 * their ciphertexts. protons encodes a 32 MB EncryptedInput at about 380 MB/s (85 ms here), serially
 * on the renter's main thread while the HE workers wait: a fifth of a two-worker encryption. The
 * small fields still go through protons; the repeated messages of repeated `bytes` that hold the
 * ciphertexts are appended after them, since a protobuf decoder takes fields in any order and
 * concatenates repeated ones (the encoding tests decode the result with protons).
 */
import { encodeUint8Array, encodingLength } from 'uint8-varint'
import { EncryptedInput, EncryptedResult } from './pb/he-task.js'

const LEN = 2 // wire type of length-delimited fields

/** `groups` as the repeated field `field` of messages whose field 1 is `repeated bytes`. */
function appendGroups (head: Uint8Array, field: number, groups: readonly (readonly Uint8Array[])[]): Uint8Array {
  const tag = (field << 3) | LEN
  const inner = (1 << 3) | LEN
  const sizes = groups.map(g => g.reduce((n, b) => n + 1 + encodingLength(b.byteLength) + b.byteLength, 0))
  const total = head.byteLength + sizes.reduce((n, s) => n + encodingLength(tag) + encodingLength(s) + s, 0)
  const out = new Uint8Array(total)
  out.set(head, 0)
  let at = head.byteLength
  const varint = (v: number): void => { encodeUint8Array(v, out, at); at += encodingLength(v) }
  groups.forEach((g, i) => {
    varint(tag)
    varint(sizes[i] ?? 0)
    for (const b of g) {
      varint(inner)
      varint(b.byteLength)
      out.set(b, at)
      at += b.byteLength
    }
  })
  return out
}

/** EncryptedInput.encode, for what `HeRenter.encryptSubtask` sends. */
export function encodeEncryptedInput (m: Omit<EncryptedInput, 'chunks'>, chunks: readonly (readonly Uint8Array[])[]): Uint8Array {
  return appendGroups(EncryptedInput.encode({ ...m, chunks: [] }), 5, chunks)
}

/** EncryptedResult.encode, for what a lessor (or a tee+he enclave) sends back. */
export function encodeEncryptedResult (m: Omit<EncryptedResult, 'partials'>, partials: readonly (readonly Uint8Array[])[]): Uint8Array {
  return appendGroups(EncryptedResult.encode({ ...m, partials: [] }), 3, partials)
}
