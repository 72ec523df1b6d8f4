/**
 * Why an attestation was refused. Each refusal has its own class and `code`, and a one-line
 * message that says what was wrong and what to do. They are user-facing (`exitCode` 2): a refused
 * attestation is a verdict on a peer or a config, not a bug.
 */
export type AttestationErrorCode =
  | 'ATTEST_BAD_QUOTE_SIGNATURE'
  | 'ATTEST_UNTRUSTED_ROOT'
  | 'ATTEST_MEASUREMENT_NOT_ALLOWED'
  | 'ATTEST_STALE_NONCE'
  | 'ATTEST_REPORT_DATA_MISMATCH'
  | 'ATTEST_SIMULATED_REFUSED'
  | 'ATTEST_CERT_EXPIRED'
  | 'ATTEST_CERT_NOT_YET_VALID'
  | 'ATTEST_QUOTE_TOO_OLD'
  | 'ATTEST_QUOTE_FROM_FUTURE'
  | 'ATTEST_MALFORMED'
  | 'ATTEST_CONFIG'

/** Base class of every attestation refusal. */
export class AttestationError extends Error {
  static name = 'AttestationError'
  readonly code: AttestationErrorCode
  readonly exitCode = 2

  constructor (code: AttestationErrorCode, message: string) {
    super(message)
    this.name = 'AttestationError'
    this.code = code
  }
}

/** The quote's signature does not verify under the certified platform key. */
export class BadQuoteSignatureError extends AttestationError {
  static name = 'BadQuoteSignatureError'

  constructor () {
    super('ATTEST_BAD_QUOTE_SIGNATURE', 'attestation refused: the quote signature does not verify under the certified platform key (forged or altered quote)')
    this.name = 'BadQuoteSignatureError'
  }
}

/** The platform certificate is not signed by any root the policy trusts. */
export class UntrustedRootError extends AttestationError {
  static name = 'UntrustedRootError'
  readonly claimedRoot: string

  constructor (claimedRoot: string) {
    super('ATTEST_UNTRUSTED_ROOT', `attestation refused: the platform certificate (claiming root '${claimedRoot}') is not signed by any trusted attestation root (check attestationRoots in bootstrap.json)`)
    this.name = 'UntrustedRootError'
    this.claimedRoot = claimedRoot
  }
}

/** The enclave's measurement is not on the policy's allow-list. */
export class MeasurementNotAllowedError extends AttestationError {
  static name = 'MeasurementNotAllowedError'
  readonly measurement: string

  constructor (measurement: string) {
    super('ATTEST_MEASUREMENT_NOT_ALLOWED', `attestation refused: enclave measurement ${measurement} is not allowed (add it to the allowed measurements only if you trust that enclave build)`)
    this.name = 'MeasurementNotAllowedError'
    this.measurement = measurement
  }
}

/** The answer is for another nonce than the fresh one we sent: a stale or replayed quote. */
export class StaleNonceError extends AttestationError {
  static name = 'StaleNonceError'

  constructor () {
    super('ATTEST_STALE_NONCE', 'attestation refused: the quote answers another nonce than the fresh one sent (stale or replayed quote)')
    this.name = 'StaleNonceError'
  }
}

/** The quote's report data does not bind the offered enclave key, our nonce and our context. */
export class ReportDataMismatchError extends AttestationError {
  static name = 'ReportDataMismatchError'

  constructor () {
    super('ATTEST_REPORT_DATA_MISMATCH', 'attestation refused: the quote report data does not bind the offered enclave key to this nonce and context (key substituted by a man in the middle?)')
    this.name = 'ReportDataMismatchError'
  }
}

/** A simulated enclave under a policy that requires hardware. */
export class SimulatedQuoteRefusedError extends AttestationError {
  static name = 'SimulatedQuoteRefusedError'

  constructor () {
    super('ATTEST_SIMULATED_REFUSED', 'attestation refused: the quote is from a simulated TEE, which protects nothing against the machine owner, and the policy does not allow simulated enclaves (allowSimulated)')
    this.name = 'SimulatedQuoteRefusedError'
  }
}

/** The platform certificate is outside its validity window. */
export class PlatformCertificateExpiredError extends AttestationError {
  static name = 'PlatformCertificateExpiredError'
  readonly notBefore: number
  readonly notAfter: number

  constructor (notBefore: number, notAfter: number, now: number) {
    const early = now < notBefore
    super(early ? 'ATTEST_CERT_NOT_YET_VALID' : 'ATTEST_CERT_EXPIRED', early
      ? `attestation refused: the platform certificate is not valid before ${new Date(notBefore).toISOString()} (check the clocks)`
      : `attestation refused: the platform certificate expired at ${new Date(notAfter).toISOString()} (the lessor must re-provision its platform: shulian tee provision)`)
    this.name = 'PlatformCertificateExpiredError'
    this.notBefore = notBefore
    this.notAfter = notAfter
  }
}

/** The quote is older than the policy's maximum age, or dated in the future. */
export class QuoteTooOldError extends AttestationError {
  static name = 'QuoteTooOldError'
  readonly ageMs: number

  constructor (ageMs: number, maxAgeMs: number) {
    super(ageMs < 0 ? 'ATTEST_QUOTE_FROM_FUTURE' : 'ATTEST_QUOTE_TOO_OLD', ageMs < 0
      ? `attestation refused: the quote is dated ${-ageMs} ms in the future (check the clocks)`
      : `attestation refused: the quote is ${ageMs} ms old, more than the ${maxAgeMs} ms the policy allows`)
    this.name = 'QuoteTooOldError'
    this.ageMs = ageMs
  }
}

/** Evidence that cannot be decoded or contradicts itself. */
export class MalformedAttestationError extends AttestationError {
  static name = 'MalformedAttestationError'

  constructor (message: string) {
    super('ATTEST_MALFORMED', `attestation refused: ${message}`)
    this.name = 'MalformedAttestationError'
  }
}

/** A bad TEE config: an `attestationRoots` entry of bootstrap.json, or a verification policy. */
export class AttestationConfigError extends AttestationError {
  static name = 'AttestationConfigError'

  constructor (message: string) {
    super('ATTEST_CONFIG', message)
    this.name = 'AttestationConfigError'
  }
}
