export {
  ATTESTATION_VERSION, EnclaveKind, MAX_DOCUMENT_SIZE, computeReportData, decodeCertificate, decodeQuote,
  ed25519FromProtobuf, issuePlatformCertificate, signQuote
} from './documents.js'
export type { CertificateInit, DecodedCertificate, DecodedQuote, QuoteInit } from './documents.js'
export { attestationRootEntry, parseAttestationRoots } from './roots.js'
export type { AttestationRoot, AttestationRootEntry } from './roots.js'
export { DEFAULT_VERIFICATION_POLICY, verificationPolicy, verifyAttestation } from './policy.js'
export type { AttestationOffer, VerificationPolicy, VerificationPolicyInit, VerifiedAttestation } from './policy.js'
export { describeAttestation, enclaveKindLabel } from './render.js'
export {
  DEFAULT_CERTIFICATE_VALIDITY_MS, PLATFORM_CERT_FILE, PLATFORM_KEY_FILE, loadPlatform, provisionSimulatedPlatform
} from './provision.js'
export type { LoadedPlatform, ProvisionInit, ProvisionedPlatform } from './provision.js'
export {
  AttestationError, AttestationConfigError, BadQuoteSignatureError, MalformedAttestationError, MeasurementNotAllowedError,
  PlatformCertificateExpiredError, QuoteTooOldError, ReportDataMismatchError, SimulatedQuoteRefusedError,
  StaleNonceError, UntrustedRootError
} from './errors.js'
export type { AttestationErrorCode } from './errors.js'
export { acceptAttestation } from './accept.js'
export type { AcceptInit, AcceptedSession } from './accept.js'
export { parseVerificationPolicy } from './policy-config.js'
