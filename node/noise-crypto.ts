/**
 * The Noise crypto of every node: `@chainsafe/libp2p-noise`'s own (`defaultCrypto`), except that
 * large ChaCha20-Poly1305 frames use a `KeyObject` made once per session key.
 *
 * The default creates every frame's cipher from the raw 32-byte key, and node:crypto imports that
 * key anew each time: in a profile of a relaying hub, key import (`getKeyObjectSlots`, `getSlots`)
 * took more time than half of the encryption itself. A session's key never changes in place (the
 * cipher states hold each key in an array of its own), so a `KeyObject` per key array, kept in a
 * `WeakMap`, is the same key. Frames under 1,200 bytes keep the default's WebAssembly path.
 * A transport frame comes back as a list, its tag not copied onto it.
 */
import { createCipheriv, createDecipheriv, createSecretKey } from 'node:crypto'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import { Uint8ArrayList } from 'uint8arraylist'
import type { Cipheriv, Decipheriv, KeyObject } from 'node:crypto'

type NoiseCrypto = typeof defaultCrypto
/** Noise's own `Uint8ArrayList` (its version may differ from ours) */
type NoiseList = Exclude<Parameters<NoiseCrypto['chaCha20Poly1305Encrypt']>[0], Uint8Array>

/** An empty list of the same class as `list`, so Noise gets back the list type it uses. */
function emptyLike (list: NoiseList): NoiseList {
  return new (list.constructor as new () => NoiseList)()
}

/** The size from which the default uses node:crypto rather than WebAssembly (its benchmark). */
const NODE_CRYPTO_FROM = 1200
const TAG = 16
const keys = new WeakMap<Uint8Array, KeyObject>()

function keyOf (k: Uint8Array): KeyObject {
  let key = keys.get(k)
  if (key === undefined) {
    key = createSecretKey(k)
    keys.set(k, key)
  }
  return key
}

/** Run `input` through a cipher or decipher: every piece, then `final()`. */
function through (c: Cipheriv | Decipheriv, input: Iterable<Uint8Array>): Uint8Array[] {
  const out: Uint8Array[] = []
  for (const buf of input) out.push(c.update(buf))
  const final = c.final()
  if (final.byteLength > 0) out.push(final)
  return out
}

/** `pieces` in the shape the default gives back: one buffer for a buffer in, a list for a list. */
function shaped (input: Uint8Array | NoiseList, pieces: Uint8Array[]): Uint8Array | NoiseList {
  if (input instanceof Uint8Array) return pieces.length === 1 ? pieces[0] as Uint8Array : Buffer.concat(pieces)
  const out = emptyLike(input)
  for (const p of pieces) out.append(p)
  return out
}

export const noiseCrypto: NoiseCrypto = {
  ...defaultCrypto,
  chaCha20Poly1305Encrypt (plaintext, nonce, ad, k) {
    if (plaintext.byteLength < NODE_CRYPTO_FROM) return defaultCrypto.chaCha20Poly1305Encrypt(plaintext, nonce, ad, k)
    const cipher = createCipheriv('chacha20-poly1305', keyOf(k), nonce, { authTagLength: TAG })
    cipher.setAAD(ad, { plaintextLength: plaintext.byteLength })
    const pieces = through(cipher, plaintext instanceof Uint8Array ? [plaintext] : plaintext)
    pieces.push(cipher.getAuthTag())
    // a transport frame (Noise gives those empty associated data; the handshake hashes its
    // ciphertexts and passes its 32-byte hash as AD) goes out as [ciphertext, tag]: Noise appends
    // it to a list either way, and copying a 64 KiB frame to add 16 bytes was a second 64 KiB
    // allocation per frame sent
    if (ad.byteLength === 0 && plaintext instanceof Uint8Array) return new Uint8ArrayList(...pieces) as unknown as NoiseList
    return shaped(plaintext, pieces)
  },
  chaCha20Poly1305Decrypt (ciphertext, nonce, ad, k, dst) {
    if (ciphertext.byteLength < NODE_CRYPTO_FROM) return defaultCrypto.chaCha20Poly1305Decrypt(ciphertext, nonce, ad, k, dst)
    const end = ciphertext.byteLength - TAG
    const decipher = createDecipheriv('chacha20-poly1305', keyOf(k), nonce, { authTagLength: TAG })
    decipher.setAAD(ad, { plaintextLength: end })
    decipher.setAuthTag(ciphertext.subarray(end))
    return shaped(ciphertext, through(decipher, ciphertext instanceof Uint8Array ? [ciphertext.subarray(0, end)] : ciphertext.sublist(0, end)))
  }
}
