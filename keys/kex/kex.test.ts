import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { deriveSessionKeys, generateX25519, x25519SharedSecret } from './index.js'
import type { SessionTranscript } from './index.js'

function transcript (renterPublicKey: Uint8Array, enclavePublicKey: Uint8Array, nonce: Uint8Array, lessorPeerId = 'lessor-1'): SessionTranscript {
  return {
    context: { leaseId: 'lease-1', subtaskIds: ['s1', 's2'], renterPeerId: 'renter', lessorPeerId, renterPublicKey },
    measurement: new Uint8Array(32).fill(7),
    nonce,
    enclavePublicKey
  }
}

describe('X25519 + HKDF session keys', () => {
  it('both sides derive the same keys; directions differ', () => {
    const renter = generateX25519()
    const enclave = generateX25519()
    const nonce = new Uint8Array(randomBytes(32))
    const t = transcript(renter.publicKey, enclave.publicKey, nonce)
    const a = deriveSessionKeys(x25519SharedSecret(renter.privateKey, enclave.publicKey), t)
    const b = deriveSessionKeys(x25519SharedSecret(enclave.privateKey, renter.publicKey), t)
    assert.deepEqual(a, b)
    assert.notDeepEqual(a.toEnclave, a.fromEnclave)
    assert.match(a.sessionId, /^[0-9a-f]{32}$/)
  })

  it('any transcript field changes every key', () => {
    const renter = generateX25519()
    const enclave = generateX25519()
    const nonce = new Uint8Array(randomBytes(32))
    const secret = x25519SharedSecret(renter.privateKey, enclave.publicKey)
    const base = transcript(renter.publicKey, enclave.publicKey, nonce)
    const k0 = deriveSessionKeys(secret, base)
    const variants: SessionTranscript[] = [
      { ...base, context: { ...base.context, leaseId: 'lease-2' } },
      { ...base, context: { ...base.context, lessorPeerId: 'lessor-2' } },
      { ...base, context: { ...base.context, renterPeerId: 'other' } },
      { ...base, context: { ...base.context, subtaskIds: ['s1'] } },
      { ...base, context: { ...base.context, subtaskIds: ['s1s2'] } },
      { ...base, measurement: new Uint8Array(32).fill(8) },
      { ...base, nonce: new Uint8Array(randomBytes(32)) }
    ]
    for (const v of variants) {
      const k = deriveSessionKeys(secret, v)
      assert.notDeepEqual(k.toEnclave, k0.toEnclave)
      assert.notDeepEqual(k.fromEnclave, k0.fromEnclave)
      assert.notEqual(k.sessionId, k0.sessionId)
    }
  })

  it('refuses public keys of the wrong length and low-order points', () => {
    const k = generateX25519()
    assert.throws(() => x25519SharedSecret(k.privateKey, new Uint8Array(31)), { name: 'KeyAgreementError' })
    assert.throws(() => x25519SharedSecret(k.privateKey, new Uint8Array(32)), { name: 'KeyAgreementError' })
    const one = new Uint8Array(32)
    one[0] = 1
    assert.throws(() => x25519SharedSecret(k.privateKey, one), { name: 'KeyAgreementError' })
  })
})
