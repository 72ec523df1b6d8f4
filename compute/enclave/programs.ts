/**
 * The enclave's program-runner seam. Programs run inside the enclave on decrypted input; the
 * registry of programs compiled into an enclave build is part of its measured code (see
 * `sim/runtime.ts`), so a renter that allows a measurement also fixes which programs can see its
 * data.
 */

/**
 * What a run knows besides its input: its lease and subtask, and the state its session keeps
 * between runs (a program that works in rounds keeps the renter's data there instead of receiving
 * it again each round). The state lives only in the enclave and is wiped with the session: values
 * with a `dispose()` method are disposed, the map is cleared.
 */
export interface ProgramContext {
  leaseId: string
  subtaskId: string
  state: Map<string, unknown>
}

/** A program the enclave can run. Its `run` sees plaintext and must only ever run in the enclave. */
export interface EnclaveProgram {
  /** The name tasks select it by, e.g. `f64-stats`. */
  readonly kind: string
  /**
   * Compute the result of `input` (the renter's decrypted data) under `params` (public
   * parameters sent with the task: program text, shapes). Throws `EnclaveProgramError` for bad
   * input or parameters.
   */
  run: (input: Uint8Array, params: Uint8Array, context?: ProgramContext) => Promise<Uint8Array>
}

/**
 * tee+he: runs a program on the decrypted input and HE-encrypts its result under the public key the
 * renter sent, inside the enclave, before anything leaves. (It runs the program itself because HE
 * results are per-slot partials that the renter sums after decrypting, not the program's summed
 * output.) `hePublicKey` is the renter's serialized key with its parameters; the encryptor must
 * validate it and throw `EnclaveProgramError` if it is unusable.
 */
export interface HeResultEncryptor {
  encrypt: (input: Uint8Array, params: Uint8Array, hePublicKey: Uint8Array, program: string, context?: ProgramContext) => Promise<Uint8Array>
}

/** One HE encryptor that hands each program kind to its own (refusing kinds it has none for). */
export function heEncryptorsByKind (byKind: Record<string, HeResultEncryptor>): HeResultEncryptor {
  return {
    encrypt: async (input, params, hePublicKey, program, context) => {
      const e = Object.hasOwn(byKind, program) ? byKind[program] : undefined
      if (e === undefined) throw new EnclaveProgramError(`this enclave build cannot HE-encrypt the results of '${program.slice(0, 64)}'`)
      return e.encrypt(input, params, hePublicKey, program, context)
    }
  }
}

/** What an enclave build can do: its programs and, for tee+he, its HE encryptor. */
export interface EnclaveRuntime {
  programs: ReadonlyMap<string, EnclaveProgram>
  /** Absent in builds without HE: tee+he tasks are then refused with `HE_UNAVAILABLE`. */
  heEncryptor?: HeResultEncryptor
}

/** A map of programs by kind; refuses two programs of one kind. */
export function programRegistry (programs: readonly EnclaveProgram[]): Map<string, EnclaveProgram> {
  const map = new Map<string, EnclaveProgram>()
  for (const p of programs) {
    if (map.has(p.kind)) throw new Error(`two enclave programs of kind '${p.kind}'`)
    map.set(p.kind, p)
  }
  return map
}

/** A program refused its input or parameters. Its message goes back to the renter, so it must not quote plaintext. */
export class EnclaveProgramError extends Error {
  static name = 'EnclaveProgramError'
  readonly code = 'PROGRAM_INPUT'

  constructor (message: string) {
    super(message)
    this.name = 'EnclaveProgramError'
  }
}
