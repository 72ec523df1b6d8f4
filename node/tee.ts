/**
 * TEE for a participant: the enclave it offers as a lessor (started on first use) and the
 * verification policy it applies as a renter, from `node.json`'s `tee` section and the attestation
 * roots of the network definition.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LazyEnclave, simulatedEnclaveMeasurement, startSimulatedEnclave } from '../compute/enclave/index.js'
import { EnclaveKind, InvalidInputError, PLATFORM_CERT_FILE, PLATFORM_KEY_FILE, fromHex, parseAttestationRoots, verificationPolicy } from '../keys/index.js'
import type { NodeConfig } from './config.js'
import type { Enclave } from '../compute/enclave/index.js'
import type { VerificationPolicy } from '../keys/index.js'

export interface NodeTee {
  /** lessor side: the enclave this node offers, if any */
  enclave?: Enclave
  /** renter side: what evidence this node accepts; undefined when it cannot trust any enclave */
  policy?: VerificationPolicy
  /** why `policy` is undefined, for the error a TEE job then gets */
  policyProblem?: string
}

export async function nodeTee (config: NodeConfig): Promise<NodeTee> {
  const out: NodeTee = {}
  if (config.tee.enclave === 'simulated') {
    for (const f of [PLATFORM_KEY_FILE, PLATFORM_CERT_FILE]) {
      if (!existsSync(join(config.dataDir, f))) {
        throw new InvalidInputError(config.source, 'tee.enclave', `"simulated" needs a provisioned platform, and ${join(config.dataDir, f)} is missing (run \`shulian tee provision --dir ${config.dataDir} --root ROOT_KEY\`)`)
      }
    }
    out.enclave = new LazyEnclave({
      kind: EnclaveKind.SIMULATED,
      simulated: true,
      measurement: await simulatedEnclaveMeasurement(),
      start: async () => startSimulatedEnclave({ platformDir: config.dataDir })
    })
  }
  const roots = parseAttestationRoots(config.network.attestationRoots, `${config.bootstrapPath} attestationRoots`)
  if (roots.length === 0) {
    out.policyProblem = `${config.bootstrapPath} lists no attestation roots, so no enclave can be trusted`
  } else if (config.tee.allowedMeasurements.length === 0) {
    out.policyProblem = `${config.source}: tee.allowedMeasurements is empty, so no enclave build is trusted (see \`shulian tee measure\`)`
  } else {
    const local = config.tee.allowedMeasurements.includes('local-build') ? await simulatedEnclaveMeasurement() : undefined
    out.policy = verificationPolicy({
      roots,
      allowedMeasurements: config.tee.allowedMeasurements.map(m => m === 'local-build' ? local as Uint8Array : fromHex(m)),
      allowSimulated: config.tee.allowSimulated,
      ...(config.tee.maxQuoteAgeMs !== undefined ? { maxQuoteAgeMs: config.tee.maxQuoteAgeMs } : {})
    })
  }
  return out
}
