/**
 * The two big HE messages (EncryptedInput, EncryptedResult) on the wire, their ciphertexts not
 * copied. protons encodes a 32 MB EncryptedInput at about 380 MB/s (85 ms here), serially on the
 * renter's main thread while the HE workers wait: a fifth of a two-worker encryption; even one
 * copy into a fresh 32 MB buffer took 60 ms (mostly the kernel handing out zeroed pages). The
 * small fields still go through protons; the repeated messages of repeated `bytes` that hold the
 * ciphertexts follow them, since a protobuf decoder takes fields in any order and concatenates
 * repeated ones (the encoding tests decode the result with protons). An EncryptedInput stays a
 * list of pieces, its ciphertexts among them as the workers returned them, and is copied only a
 * chunk at a time as it is sent.
 */
import { Uint8ArrayList } from 'uint8arraylist'
import { encodeUint8Array, encodingLength } from 'uint8-varint'
import { EncryptedInput, EncryptedResult } from './pb/he-task.js'

const LEN = 2 // wire type of length-delimited fields

/**
 * `groups` as the repeated field `field` of messages whose field 1 is `repeated bytes`, after
 * `head`: the varint headers in one small buffer, the values themselves not copied.
 */
function appendGroups (head: Uint8Array, field: number, groups: readonly (readonly Uint8Array[])[]): Uint8ArrayList {
  const tag = (field << 3) | LEN
  const inner = (1 << 3) | LEN
  const sizes = groups.map(g => g.reduce((n, b) => n + 1 + encodingLength(b.byteLength) + b.byteLength, 0))
  // at most two 5-byte varints before each group and each value
  const headers = new Uint8Array(groups.reduce((n, g) => n + 10 * (1 + g.length), 0))
  const out = new Uint8ArrayList(head)
  let at = 0
  let from = 0
  const varint = (v: number): void => { encodeUint8Array(v, headers, at); at += encodingLength(v) }
  const headerDone = (): void => { out.append(headers.subarray(from, at)); from = at }
  groups.forEach((g, i) => {
    varint(tag)
    varint(sizes[i] ?? 0)
    for (const b of g) {
      varint(inner)
      varint(b.byteLength)
      headerDone()
      out.append(b)
    }
  })
  if (at > from) headerDone()
  return out
}

/** EncryptedInput.encode, for what `HeRenter.encryptSubtask` sends: as pieces, ciphertexts not copied. */
export function encodeEncryptedInput (m: Omit<EncryptedInput, 'chunks'>, chunks: readonly (readonly Uint8Array[])[]): Uint8ArrayList {
  return appendGroups(EncryptedInput.encode({ ...m, chunks: [] }), 5, chunks)
}

/** EncryptedResult.encode, for what a lessor (or a tee+he enclave) sends back. */
export function encodeEncryptedResult (m: Omit<EncryptedResult, 'partials'>, partials: readonly (readonly Uint8Array[])[]): Uint8Array {
  return appendGroups(EncryptedResult.encode({ ...m, partials: [] }), 3, partials).subarray()
}
