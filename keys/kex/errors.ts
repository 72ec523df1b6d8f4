/** A peer's key-agreement input that cannot be used: wrong length, or a low-order point. */
export class KeyAgreementError extends Error {
  static name = 'KeyAgreementError'
  readonly code = 'KEY_AGREEMENT_FAILED'

  constructor (message: string) {
    super(message)
    this.name = 'KeyAgreementError'
  }
}
