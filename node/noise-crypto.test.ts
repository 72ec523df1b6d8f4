import { strict as assert } from 'node:assert'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { defaultCrypto } from '@chainsafe/libp2p-noise/crypto'
import { Uint8ArrayList } from 'uint8arraylist'
import { noiseCrypto } from './noise-crypto.js'

type NoiseList = Exclude<Parameters<typeof defaultCrypto.chaCha20Poly1305Encrypt>[0], Uint8Array>

/** The bytes of a buffer or list, as a plain Uint8Array (so Buffers and Uint8Arrays compare equal). */
const bytes = (x: Uint8Array | { subarray: () => Uint8Array }): Uint8Array => new Uint8Array(x instanceof Uint8Array ? x : x.subarray())

/** A list in the shape Noise hands over (our uint8arraylist; Noise's own version has the same API). */
const listOf = (...parts: Uint8Array[]): NoiseList => new Uint8ArrayList(...parts) as unknown as NoiseList

describe('noiseCrypto', () => {
  const k = randomBytes(32)
  const nonce = randomBytes(12)
  const ad = randomBytes(32)

  for (const size of [0, 100, 1199, 1200, 5000, 65519]) {
    it(`interoperates with the default both ways, ${size} bytes`, () => {
      const plain = randomBytes(size)
      const ours = bytes(noiseCrypto.chaCha20Poly1305Encrypt(plain, nonce, ad, k))
      const theirs = bytes(defaultCrypto.chaCha20Poly1305Encrypt(plain, nonce, ad, k))
      // the same AEAD, the same key and nonce: the same bytes
      assert.deepEqual(ours, theirs)
      assert.deepEqual(bytes(defaultCrypto.chaCha20Poly1305Decrypt(ours, nonce, ad, k)), bytes(plain))
      assert.deepEqual(bytes(noiseCrypto.chaCha20Poly1305Decrypt(theirs, nonce, ad, k)), bytes(plain))
    })
  }

  it('encrypts under each key array with that key', () => {
    const plain = randomBytes(4000)
    const k2 = randomBytes(32)
    const a = bytes(noiseCrypto.chaCha20Poly1305Encrypt(plain, nonce, ad, k))
    const b = bytes(noiseCrypto.chaCha20Poly1305Encrypt(plain, nonce, ad, k2))
    assert.notDeepEqual(a, b)
    assert.deepEqual(b, bytes(defaultCrypto.chaCha20Poly1305Encrypt(plain, nonce, ad, k2)))
  })

  it('refuses a tampered frame, a wrong key and wrong associated data', () => {
    const plain = randomBytes(3000)
    const ct = new Uint8Array(bytes(noiseCrypto.chaCha20Poly1305Encrypt(plain, nonce, ad, k)))
    const tampered = new Uint8Array(ct)
    tampered[10] = (tampered[10] as number) ^ 1
    assert.throws(() => noiseCrypto.chaCha20Poly1305Decrypt(tampered, nonce, ad, k))
    assert.throws(() => noiseCrypto.chaCha20Poly1305Decrypt(ct, nonce, ad, randomBytes(32)))
    assert.throws(() => noiseCrypto.chaCha20Poly1305Decrypt(ct, nonce, randomBytes(32), k))
  })

  it('takes a list (a yamux frame in pieces) and gives a list of the same class back', () => {
    const pieces = [randomBytes(12), randomBytes(3000), randomBytes(7)]
    const whole = Buffer.concat(pieces)
    const ct = noiseCrypto.chaCha20Poly1305Encrypt(listOf(...pieces), nonce, ad, k)
    assert.ok(ct instanceof Uint8ArrayList)
    assert.deepEqual(bytes(ct), bytes(defaultCrypto.chaCha20Poly1305Encrypt(whole, nonce, ad, k)))
    const flat = bytes(ct)
    const back = noiseCrypto.chaCha20Poly1305Decrypt(listOf(flat.subarray(0, 100), flat.subarray(100)), nonce, ad, k)
    assert.ok(back instanceof Uint8ArrayList)
    assert.deepEqual(bytes(back), bytes(whole))
  })

  it('gives a transport frame (empty associated data) as [ciphertext, tag] uncopied, a handshake message as one buffer', () => {
    const plain = randomBytes(65519)
    const zero = new Uint8Array(0)
    const frame = noiseCrypto.chaCha20Poly1305Encrypt(plain, nonce, zero, k)
    assert.ok(frame instanceof Uint8ArrayList, 'a list')
    assert.deepEqual([...frame].map(b => b.byteLength), [65519, 16])
    assert.deepEqual(bytes(frame), bytes(defaultCrypto.chaCha20Poly1305Encrypt(plain, nonce, zero, k)))
    assert.deepEqual(bytes(defaultCrypto.chaCha20Poly1305Decrypt(bytes(frame), nonce, zero, k)), bytes(plain))
    // the handshake hashes what it encrypts (its AD is the 32-byte handshake hash): one buffer
    const message = noiseCrypto.chaCha20Poly1305Encrypt(randomBytes(2000), nonce, ad, k)
    assert.ok(message instanceof Uint8Array)
  })
})
