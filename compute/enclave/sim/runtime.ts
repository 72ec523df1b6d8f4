/**
 * The programs compiled into the simulated enclave. This file is part of the enclave's measured
 * code: adding a program (or the HE encryptor) changes the measurement, as it must.
 *
 * Seams to wire after the compute branch lands:
 * - the plaintext executor of `compute/` as an `EnclaveProgram` (kind e.g. `job`), beside f64-stats;
 * - `heEncryptor`: encrypts the result under the renter's node-seal public key for tee+he. Until it
 *   is wired, tee+he tasks are refused with HE_UNAVAILABLE rather than faked.
 */
import { programRegistry } from '../programs.js'
import { f64StatsProgram } from '../programs/f64-stats.js'
import type { EnclaveRuntime } from '../programs.js'

export const runtime: EnclaveRuntime = {
  programs: programRegistry([f64StatsProgram])
}
