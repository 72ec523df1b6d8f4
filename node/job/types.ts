/**
 * What `shulian job run` reports. The JSON shape is a public contract: `outputs` as in
 * `compute run --json`, `policy` with the decision; fields are added, never renamed.
 */
import type { Outputs } from '../../compute/index.js'

export type JobPolicyChoice = 'auto' | 'he' | 'tee' | 'tee+he'
export type JobStatus = 'running' | 'done' | 'failed' | 'interrupted'

export interface SubtaskReport {
  id: string
  /** where it finally ran */
  ranOn: 'lessor' | 'local'
  /** peer id and name of the lessor ('local' subtasks: this node) */
  peerId: string
  name: string
  subnet: string | null
  /** peer ids the data went through, this node first (local: just this node) */
  route: string[]
  mode: 'he' | 'tee' | 'tee+he' | 'plain'
  leaseId: string | null
  rows: number
  bytesSent: number
  bytesReceived: number
  ms: number
  /** the lessor's time from accepting it to sending the result (receiving the input included), as
   * it reports (lessors only): the rest of `ms` is attestation, the request, encryption and
   * decryption here */
  lessorMs?: number
  /** "simulated TEE" when the enclave is one, else its description */
  tee?: string
  /** earlier attempts that failed, and why; the report says where the subtask was re-run */
  attempts: Array<{ peerId: string, name: string, error: string }>
}

export interface PolicyReport {
  /** what was asked: auto, or a forced policy */
  requested: JobPolicyChoice
  decision: 'he' | 'tee' | 'tee+he'
  set: string
  reasons: string[]
  estimate: Record<string, number>
  budget: Record<string, number>
}

export interface JobReport {
  id: string
  name: string
  status: JobStatus
  outputs?: Outputs
  policy?: PolicyReport
  subtasks: SubtaskReport[]
  leases: string[]
  /** true when any subtask ran in a simulated TEE */
  simulatedTee: boolean
  rows: number
  /** from the policy decision to the combined outputs */
  ms: number
  /** where the time went, in order: reading the job and its data, obtaining leases, the policy decision, HE key generation (he, tee+he), the subtasks (negotiation, transfer, remote work, decryption), combining */
  phases?: JobPhases
  error?: string
}

export interface JobPhases {
  readMs: number
  leasesMs: number
  policyMs: number
  heKeysMs: number
  subtasksMs: number
  combineMs: number
}

/** Live progress of one subtask, for progress bars. */
export interface SubtaskProgressView {
  id: string
  name: string
  phase: string
  done: number
  total: number
}
