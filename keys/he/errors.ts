/** Why a received HE object (parameters, key, ciphertext) was refused. */
export type HeObjectErrorCode =
  | 'PARAMS_NOT_ALLOWED' // not one of the allowed 128-bit sets
  | 'PARAMS_MISMATCH' // built for other parameters than the ones in use
  | 'TRUNCATED' // shorter than its own header says
  | 'OVERSIZED' // larger than any honest object of its kind could be
  | 'MALFORMED' // not a SEAL object of the expected kind, or inconsistent inside

/**
 * A homomorphic-encryption object from a peer (or a file) that is refused before SEAL loads it,
 * or that SEAL itself rejected. Exit code 2: the input is at fault, not this program.
 */
export class HeObjectError extends Error {
  static name = 'HeObjectError'
  readonly exitCode = 2
  readonly code: HeObjectErrorCode

  constructor (code: HeObjectErrorCode, message: string) {
    super(message)
    this.name = 'HeObjectError'
    this.code = code
  }
}
