/**
 * The renter's verification of a lessor's attestation evidence against its policy: who may
 * certify platforms (roots), which enclave builds it trusts (measurements), how fresh a quote must
 * be, and whether a simulated enclave will do. Checks run in a fixed order, so one piece of
 * evidence always gets the same refusal.
 */
import { bytesEqual, toHex } from '../encoding.js'
import { negotiationContextDigest } from '../kex/session.js'
import { computeReportData, decodeCertificate, decodeQuote, ed25519FromProtobuf, EnclaveKind } from './documents.js'
import {
  BadQuoteSignatureError, MalformedAttestationError, MeasurementNotAllowedError, PlatformCertificateExpiredError,
  QuoteTooOldError, ReportDataMismatchError, SimulatedQuoteRefusedError, StaleNonceError, UntrustedRootError
} from './errors.js'
import type { NegotiationContext } from '../kex/session.js'
import type { AttestationRoot } from './roots.js'

/** A verifier's policy. */
export interface VerificationPolicy {
  /** Roots whose platform certificates are trusted. */
  roots: readonly AttestationRoot[]
  /** SHA-256 measurements of the enclave builds that are trusted; an empty list trusts none. */
  allowedMeasurements: readonly Uint8Array[]
  /** The oldest quote accepted, in ms. */
  maxQuoteAgeMs: number
  /** How far a quote's timestamp may be ahead of our clock, in ms. */
  clockSkewMs: number
  /** Whether simulated enclaves (no hardware protection) are accepted. */
  allowSimulated: boolean
}

/** Defaults of the policy's optional fields: strict, no simulated enclaves. */
export const DEFAULT_VERIFICATION_POLICY = {
  maxQuoteAgeMs: 60_000,
  clockSkewMs: 5_000,
  allowSimulated: false
} as const

export type VerificationPolicyInit = Pick<VerificationPolicy, 'roots' | 'allowedMeasurements'> & Partial<VerificationPolicy>

/** A policy with defaults filled in. */
export function verificationPolicy (init: VerificationPolicyInit): VerificationPolicy {
  return { ...DEFAULT_VERIFICATION_POLICY, ...init }
}

/** The evidence a lessor offers, as received. */
export interface AttestationOffer {
  certificate: Uint8Array
  quote: Uint8Array
  /** The enclave's ephemeral X25519 public key. */
  enclavePublicKey: Uint8Array
  /** The nonce the lessor says it answers. */
  nonce: Uint8Array
}

/** What verification establishes. */
export interface VerifiedAttestation {
  rootName: string
  measurement: Uint8Array
  enclaveKind: EnclaveKind
  /** True for a simulated TEE: no protection against the lessor machine's owner. */
  simulated: boolean
  /** When the platform quoted, ms since the epoch. */
  quotedAt: number
  certificateNotAfter: number
}

/**
 * Verify `offer` for the fresh `nonce` we sent and our `context`. Returns what was established,
 * or throws the `AttestationError` subclass that says why not.
 */
export async function verifyAttestation (offer: AttestationOffer, nonce: Uint8Array, context: NegotiationContext, policy: VerificationPolicy, now = Date.now()): Promise<VerifiedAttestation> {
  const cert = decodeCertificate(offer.certificate)
  const quote = decodeQuote(offer.quote)

  // 1. the certificate is signed by a trusted root
  let root: AttestationRoot | undefined
  for (const r of policy.roots) {
    if (await r.publicKey.verify(cert.signed, cert.signature)) {
      root = r
      break
    }
  }
  if (root === undefined) throw new UntrustedRootError(cert.body.rootName)
  if (!root.publicKey.equals(ed25519FromProtobuf(cert.body.rootPublicKey, 'the certificate issuer key'))) {
    throw new MalformedAttestationError('the platform certificate names another issuer than the root that signed it')
  }

  // 2. and valid now
  const notBefore = Number(cert.body.notBefore)
  const notAfter = Number(cert.body.notAfter)
  if (now < notBefore || now >= notAfter) throw new PlatformCertificateExpiredError(notBefore, notAfter, now)

  // 3. the quote is signed by the certified platform key
  const platformKey = ed25519FromProtobuf(cert.body.platformPublicKey, 'the certified platform key')
  if (!(await platformKey.verify(quote.signed, quote.signature))) throw new BadQuoteSignatureError()
  if (!bytesEqual(quote.body.platformPublicKey, cert.body.platformPublicKey)) {
    throw new MalformedAttestationError('the quote names another platform key than the certificate')
  }
  if (quote.body.simulated !== cert.body.simulated || quote.body.enclaveKind !== cert.body.enclaveKind) {
    throw new MalformedAttestationError('the quote claims another enclave kind than its platform certificate allows')
  }
  if (quote.body.simulated !== (quote.body.enclaveKind === EnclaveKind.SIMULATED)) {
    throw new MalformedAttestationError('the quote\'s simulated flag contradicts its enclave kind')
  }

  // 4. simulated enclaves only where the policy allows them (the flag is signed)
  if (quote.body.simulated && !policy.allowSimulated) throw new SimulatedQuoteRefusedError()

  // 5. a trusted enclave build
  const measurement = quote.body.measurement
  if (!policy.allowedMeasurements.some(m => bytesEqual(m, measurement))) throw new MeasurementNotAllowedError(toHex(measurement))

  // 6. fresh
  const quotedAt = Number(quote.body.timestamp)
  const age = now - quotedAt
  if (age > policy.maxQuoteAgeMs || -age > policy.clockSkewMs) throw new QuoteTooOldError(age, policy.maxQuoteAgeMs)
  if (!bytesEqual(offer.nonce, nonce)) throw new StaleNonceError()

  // 7. bound to this exchange: our nonce, the offered key, our context
  const expected = computeReportData(nonce, offer.enclavePublicKey, negotiationContextDigest(context))
  if (!bytesEqual(quote.body.reportData, expected)) throw new ReportDataMismatchError()

  return {
    rootName: root.name,
    measurement,
    enclaveKind: quote.body.enclaveKind,
    simulated: quote.body.simulated,
    quotedAt,
    certificateNotAfter: notAfter
  }
}
