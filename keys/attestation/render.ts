import { toHex } from '../encoding.js'
import { EnclaveKind } from './documents.js'
import type { VerifiedAttestation } from './policy.js'

const KIND_NAMES: Record<EnclaveKind, string> = {
  [EnclaveKind.ENCLAVE_KIND_UNSPECIFIED]: 'unknown TEE',
  [EnclaveKind.SIMULATED]: 'simulated TEE',
  [EnclaveKind.SGX_DCAP]: 'Intel SGX (DCAP)',
  [EnclaveKind.SEV_SNP]: 'AMD SEV-SNP'
}

/**
 * How an enclave kind is shown to people. A simulated enclave always reads "simulated TEE", so
 * nothing that renders a quote can claim hardware protection that is not there.
 */
export function enclaveKindLabel (kind: EnclaveKind, simulated: boolean): string {
  return simulated ? 'simulated TEE' : KIND_NAMES[kind]
}

/** One line describing a verified attestation, e.g. for a job report. */
export function describeAttestation (v: VerifiedAttestation, now = Date.now()): string {
  const caveat = v.simulated ? ' (no hardware protection: the lessor machine\'s owner can read the data)' : ''
  return `${enclaveKindLabel(v.enclaveKind, v.simulated)}${caveat}, measurement ${toHex(v.measurement).slice(0, 16)}…, platform certified by root '${v.rootName}', quoted ${Math.max(0, now - v.quotedAt)} ms ago`
}
