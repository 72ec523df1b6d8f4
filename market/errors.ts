/**
 * Why the market refused something. `code` is what code matches on (and what the wire protocols
 * carry as a status); the message is one line for humans that says what was wrong.
 */
export type MarketErrorCode =
  /** does not decode, or breaks the encoding rules */
  | 'MALFORMED'
  /** a signature does not verify under the key it claims */
  | 'BAD_SIGNATURE'
  /** the order, reservation or record has expired */
  | 'EXPIRED'
  /** a sequence number already used (an old order placed again) */
  | 'REPLAYED'
  /** a field is out of range or contradicts another */
  | 'INVALID'
  /** the order belongs to someone other than the sender */
  | 'NOT_OWNER'
  /** no such order, reservation or lease here */
  | 'NOT_FOUND'
  /** the offer no longer has the capacity asked for */
  | 'INSUFFICIENT'
  /** the caller may not make this request */
  | 'REFUSED'
  /** the other side could not be reached; the outcome is unknown, retry with the same id */
  | 'UNAVAILABLE'

export class MarketError extends Error {
  static name = 'MarketError'
  readonly code: MarketErrorCode
  /** bad input: the CLI exits with 2 */
  readonly exitCode = 2

  constructor (code: MarketErrorCode, message: string) {
    super(message)
    this.name = 'MarketError'
    this.code = code
  }
}

/** True when `err` is a definite refusal (as opposed to a transport failure with unknown outcome). */
export function isRefusal (err: unknown): err is MarketError {
  return err instanceof MarketError && err.code !== 'UNAVAILABLE'
}

/** A lease that does not verify: which check failed (`code`) and why. Exit code 1. */
export class LeaseVerificationError extends Error {
  static name = 'LeaseVerificationError'
  readonly code: 'MALFORMED' | 'BAD_SIGNATURE' | 'NOT_IN_NETWORK' | 'BAD_ORDER' | 'MISMATCH' | 'FIELD_MISMATCH'
  readonly exitCode = 1

  constructor (code: LeaseVerificationError['code'], message: string) {
    super(message)
    this.name = 'LeaseVerificationError'
    this.code = code
  }
}

const VERIFICATION_STATUS: Record<LeaseVerificationError['code'], MarketErrorCode> = {
  MALFORMED: 'MALFORMED',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  NOT_IN_NETWORK: 'INVALID',
  BAD_ORDER: 'INVALID',
  MISMATCH: 'INVALID',
  FIELD_MISMATCH: 'INVALID'
}

/** The refusal a lease protocol answers for a lease that does not verify (anything else is rethrown). */
export function leaseRefusal (err: unknown): never {
  if (err instanceof LeaseVerificationError) throw new MarketError(VERIFICATION_STATUS[err.code], err.message)
  throw err
}
