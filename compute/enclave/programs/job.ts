/**
 * The job program inside the enclave: the plaintext executor of `compute/` over the instruction set,
 * on the table the renter sent (decrypted only here). With tee+he, the enclave HE-encrypts the
 * per-slot partials under the renter's public key before anything leaves (`jobHeEncryptor`), so the
 * result decrypts at the renter exactly as an HE subtask's does.
 */
import { decodeTable } from '../../data/index.js'
import { encodePartials, runPlain } from '../../exec/index.js'
import { encryptResultFor, inProcessHe } from '../../he/index.js'
import { decodeProgram } from '../../program/index.js'
import { EnclaveProgramError } from '../programs.js'
import { HePublicBundle } from './pb/job.js'
import type { Table } from '../../data/index.js'
import type { Program } from '../../program/index.js'
import type { EnclaveProgram, HeResultEncryptor } from '../programs.js'

/** The kind tasks name to run a compiled job program. */
export const JOB = 'job'

function load (input: Uint8Array, params: Uint8Array): { program: Program, table: Table } {
  let program: Program
  try {
    program = decodeProgram(params)
  } catch (e: any) {
    throw new EnclaveProgramError(`bad program: ${e.message}`)
  }
  try {
    // messages name rows and columns, never values: they go back to the renter through the host
    return { program, table: decodeTable(input, program) }
  } catch (e: any) {
    throw new EnclaveProgramError(`bad input: ${e.message}`)
  }
}

export const jobProgram: EnclaveProgram = {
  kind: JOB,
  run: async (input, params) => {
    const { program, table } = load(input, params)
    try {
      return encodePartials(runPlain(program, table))
    } catch (e: any) {
      // the executor's messages may quote values; only its code leaves the enclave
      throw new EnclaveProgramError(`the program failed on this input (${String(e.code ?? e.name)})`)
    }
  }
}

/** Encode the renter's HE parameters and public key for a tee+he task. */
export function encodeHePublicBundle (params: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return HePublicBundle.encode({ params: params as Uint8Array<ArrayBuffer>, publicKey: publicKey as Uint8Array<ArrayBuffer> })
}

export const jobHeEncryptor: HeResultEncryptor = {
  encrypt: async (input, params, hePublicKey, kind) => {
    if (kind !== JOB) throw new EnclaveProgramError(`tee+he runs '${JOB}' programs, not '${kind}'`)
    const { program, table } = load(input, params)
    let bundle: HePublicBundle
    try {
      bundle = HePublicBundle.decode(hePublicKey)
    } catch (e: any) {
      throw new EnclaveProgramError(`bad HE public key bundle: ${e.message}`)
    }
    try {
      // keys/he validates the parameters (allowed 128-bit set) and the key before SEAL loads them
      return await encryptResultFor(bundle.params, bundle.publicKey, program, table, inProcessHe())
    } catch (e: any) {
      throw new EnclaveProgramError(`cannot HE-encrypt the result: ${e.message}`)
    }
  }
}
