/**
 * Session keys of a renter and one lessor's enclave: HKDF-SHA256 over the X25519 secret and the
 * whole transcript (lease, both peers, subtasks, measurement, nonce, both public keys). Any
 * difference in any of them gives unrelated keys, so every lessor, lease and attestation run has
 * its own.
 */
import { createHash, hkdfSync } from 'node:crypto'
import { encodeFields, toHex } from '../encoding.js'

/** What a key negotiation is about; bound into the quote's report data and into the keys. */
export interface NegotiationContext {
  leaseId: string
  /** Subtasks this session may carry, in the order the renter listed them. */
  subtaskIds: readonly string[]
  renterPeerId: string
  lessorPeerId: string
  /** The renter's ephemeral X25519 public key. */
  renterPublicKey: Uint8Array
}

/** Everything both sides must agree on for their keys to match. */
export interface SessionTranscript {
  context: NegotiationContext
  /** The enclave's measurement as quoted. */
  measurement: Uint8Array
  /** The renter's fresh nonce. */
  nonce: Uint8Array
  /** The enclave's ephemeral X25519 public key. */
  enclavePublicKey: Uint8Array
}

/** The two directions' keys of one session, and its public id. */
export interface SessionKeys {
  /** Public handle of the session: tells a host which enclave session a task belongs to. */
  sessionId: string
  /** AEAD key for renter → enclave streams (data, round values). */
  toEnclave: Uint8Array
  /** AEAD key for enclave → renter streams (results). */
  fromEnclave: Uint8Array
}

function sha256 (data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest())
}

/** SHA-256 of the canonical encoding of a negotiation context. */
export function negotiationContextDigest (ctx: NegotiationContext): Uint8Array {
  return sha256(encodeFields('shulian/tee/context/v1', [
    ctx.leaseId, encodeFields('subtasks', ctx.subtaskIds), ctx.renterPeerId, ctx.lessorPeerId, ctx.renterPublicKey
  ]))
}

/** The canonical encoding of a transcript. */
export function encodeTranscript (t: SessionTranscript): Uint8Array {
  return encodeFields('shulian/tee/transcript/v1', [
    negotiationContextDigest(t.context), t.measurement, t.nonce, t.context.renterPublicKey, t.enclavePublicKey
  ])
}

/** Derive the session keys from the X25519 shared secret and the transcript. */
export function deriveSessionKeys (sharedSecret: Uint8Array, transcript: SessionTranscript): SessionKeys {
  const th = sha256(encodeTranscript(transcript))
  const okm = new Uint8Array(hkdfSync('sha256', sharedSecret, transcript.nonce, encodeFields('shulian/tee/session/v1', [th]), 64))
  return {
    sessionId: toHex(sha256(encodeFields('shulian/tee/session-id/v1', [th]))).slice(0, 32),
    toEnclave: okm.slice(0, 32),
    fromEnclave: okm.slice(32, 64)
  }
}
