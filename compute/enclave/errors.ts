/** Codes an enclave answers a refused request with. */
export type EnclaveErrorCode =
  | 'MALFORMED'          // a frame or body that does not decode
  | 'FRAME_TOO_LARGE'    // a frame over the IPC size limit
  | 'BAD_REQUEST'        // well-formed but invalid (sizes, missing fields, unknown run id)
  | 'UNKNOWN_SESSION'    // no such key-negotiation session (expired, closed, never made)
  | 'NOT_IN_SESSION'     // lease or subtask not covered by the session
  | 'UNKNOWN_PROGRAM'    // no runner of that kind in this enclave build
  | 'HE_UNAVAILABLE'     // tee+he asked of a build without an HE encryptor
  | 'INPUT_TOO_LARGE'    // decrypted input over the enclave's limit
  | 'BUSY'               // too many runs at once
  | 'PROGRAM_INPUT'      // the program refused its input or parameters
  | 'INTERNAL'           // a bug inside the enclave
  | `AEAD_${string}`     // the input stream was refused (see keys/aead errors)

/** A request the enclave refused, with the enclave's code. */
export class EnclaveError extends Error {
  static name = 'EnclaveError'
  readonly code: EnclaveErrorCode

  constructor (code: EnclaveErrorCode, message: string) {
    super(message)
    this.name = 'EnclaveError'
    this.code = code
  }
}

/** The enclave is not running (never started, stopped, or its process died). */
export class EnclaveUnavailableError extends Error {
  static name = 'EnclaveUnavailableError'
  readonly code = 'ENCLAVE_UNAVAILABLE'

  constructor (message: string) {
    super(message)
    this.name = 'EnclaveUnavailableError'
  }
}
