/**
 * The programs compiled into the simulated enclave. This file is part of the enclave's measured
 * code: adding a program (or the HE encryptor) changes the measurement, as it must.
 *
 * - `job`: the plaintext executor of `compute/` over a compiled job program (the real workload);
 * - `f64-stats`: a small count/sum/mean program the enclave's own tests and bench use;
 * - `joint-linreg`: a lessor's part of a joint linear regression (its rows kept across rounds);
 * - `heEncryptor`: tee+he, the job's per-slot partials HE-encrypted under the renter's public key,
 *   and a joint round's share for the partner.
 */
import { heEncryptorsByKind, programRegistry } from '../programs.js'
import { f64StatsProgram } from '../programs/f64-stats.js'
import { JOB, jobHeEncryptor, jobProgram } from '../programs/job.js'
import { JOINT_LINREG, jointHeEncryptor, jointProgram } from '../programs/joint.js'
import type { EnclaveRuntime } from '../programs.js'

export const runtime: EnclaveRuntime = {
  programs: programRegistry([jobProgram, f64StatsProgram, jointProgram]),
  heEncryptor: heEncryptorsByKind({ [JOB]: jobHeEncryptor, [JOINT_LINREG]: jointHeEncryptor })
}
