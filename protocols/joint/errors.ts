/** Error codes of JointResponse.ERROR (README.md). */
export type JointProtocolErrorCode =
  | 'MALFORMED' // does not decode or breaks the spec
  | 'NOT_SERVING' // the partner serves no data for joint trainings now
  | 'UNKNOWN_TRAINING' // no open training with this id from this peer
  | 'COLUMNS' // the features or id column the renter expects are not the partner's
  | 'MISALIGNED' // the two owners' ids differ
  | 'BAD_KEY' // HE parameters or key unusable, or a share under another party's key
  | 'BAD_SHARE' // a share that does not authenticate, or from a peer the renter did not name
  | 'OUT_OF_ORDER' // a round other than the next one, or shares missing
  | 'NO_LEASE' | 'LEASE_EXPIRED' | 'OVER_LEASE' | 'MODE_UNAVAILABLE' // the lessor's lease checks (as /shulian/task/1.0.0)
  | 'BAD_INPUT' // the enclave refused the input
  | 'PARTNER_FAILED' // a lessor could not deliver a share to the partner
  | 'FAILED'

/** A peer refused or failed a joint exchange. */
export class JointProtocolError extends Error {
  static name = 'JointProtocolError'
  readonly exitCode = 1
  readonly code: JointProtocolErrorCode

  constructor (code: JointProtocolErrorCode, message: string) {
    super(message)
    this.name = 'JointProtocolError'
    this.code = code
  }
}
