import { fileURLToPath } from 'node:url'
import { measureProgram } from '../measurement.js'

/** The built entry file of the simulated enclave process. */
export const SIMULATED_ENCLAVE_ENTRY = fileURLToPath(new URL('./process-main.js', import.meta.url))

/** The build root the measurement's paths are relative to (`dist/`). */
export const BUILD_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * The measurement of this build's simulated enclave: what a renter running the same build puts in
 * its allow-list (`shulian tee measure`), and what the enclave process quotes about itself.
 */
export async function simulatedEnclaveMeasurement (): Promise<Uint8Array> {
  return measureProgram(SIMULATED_ENCLAVE_ENTRY, BUILD_ROOT)
}
