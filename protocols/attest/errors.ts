/** A message that breaks the wire rules of /shulian/attest/1.0.0 (README). */
export class AttestProtocolError extends Error {
  static name = 'AttestProtocolError'
  readonly code = 'ATTEST_PROTOCOL'
  readonly exitCode = 2

  constructor (message: string) {
    super(message)
    this.name = 'AttestProtocolError'
  }
}

/** The lessor answered with an error instead of evidence. */
export class AttestRefusedError extends Error {
  static name = 'AttestRefusedError'
  readonly code = 'ATTEST_REFUSED'
  readonly exitCode = 2
  /** The lessor's code (e.g. NOT_AUTHORIZED, BAD_REQUEST, ENCLAVE_UNAVAILABLE). */
  readonly lessorCode: string

  constructor (lessor: string, lessorCode: string, message: string) {
    super(`lessor ${lessor} refused attestation: ${message} (${lessorCode})`)
    this.name = 'AttestRefusedError'
    this.lessorCode = lessorCode
  }
}

/** Thrown by an `authorize` hook to refuse a renter; its message goes back to the renter. */
export class AttestNotAuthorizedError extends Error {
  static name = 'AttestNotAuthorizedError'
  readonly code = 'NOT_AUTHORIZED'

  constructor (message: string) {
    super(message)
    this.name = 'AttestNotAuthorizedError'
  }
}
