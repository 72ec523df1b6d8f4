import { KeyAgreementError } from '../kex/errors.js'
import { deriveSessionKeys } from '../kex/session.js'
import { x25519SharedSecret } from '../kex/x25519.js'
import { verifyAttestation } from './policy.js'
import type { NegotiationContext, SessionKeys } from '../kex/session.js'
import type { X25519KeyPair } from '../kex/x25519.js'
import type { AttestationOffer, VerificationPolicy, VerifiedAttestation } from './policy.js'

export interface AcceptInit {
  offer: AttestationOffer
  /** The session id the lessor says its enclave derived. */
  sessionId: string
  /** The fresh nonce the renter sent. */
  nonce: Uint8Array
  /** The context the renter sent; its `renterPublicKey` is `renterKey.publicKey`. */
  context: NegotiationContext
  renterKey: X25519KeyPair
  policy: VerificationPolicy
  now?: number
}

export interface AcceptedSession {
  verified: VerifiedAttestation
  keys: SessionKeys
}

/**
 * The renter's side of a key negotiation: verify the lessor's evidence under `policy`, then derive
 * the session keys over the transcript with the quoted measurement. Throws an `AttestationError`
 * for refused evidence, a `KeyAgreementError` if the enclave's key is unusable or its session id
 * shows it derived other keys.
 */
export async function acceptAttestation (init: AcceptInit): Promise<AcceptedSession> {
  const verified = await verifyAttestation(init.offer, init.nonce, init.context, init.policy, init.now)
  const secret = x25519SharedSecret(init.renterKey.privateKey, init.offer.enclavePublicKey)
  const keys = deriveSessionKeys(secret, {
    context: init.context, measurement: verified.measurement, nonce: init.nonce, enclavePublicKey: init.offer.enclavePublicKey
  })
  secret.fill(0)
  if (keys.sessionId !== init.sessionId) {
    throw new KeyAgreementError(`the lessor's session id ${init.sessionId.slice(0, 64)} does not match the transcript (the enclave derived other keys)`)
  }
  return { verified, keys }
}
