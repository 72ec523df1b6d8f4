/** Names of protections and enclave kinds as people and JSON write them (no imports: the CLI loads this for --help). */
export type ProtectionMode = 'he' | 'tee' | 'tee+he' | 'any'
export type TeeKindName = 'simulated' | 'sgx-dcap' | 'sev-snp'

export const PROTECTION_MODES: readonly ProtectionMode[] = ['he', 'tee', 'tee+he', 'any']
export const TEE_KIND_NAMES: readonly TeeKindName[] = ['simulated', 'sgx-dcap', 'sev-snp']
