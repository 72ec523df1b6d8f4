/** The renter's job metrics (prefixed `shulian_job`), on the node's registry. */
import { Counter, Gauge, Histogram } from 'prom-client'
import type { Metrics } from '@libp2p/interface'
import type { Registry } from 'prom-client'

export interface JobMetrics {
  /** a job ended: the policy it ran under ('undecided' if it failed before the decision) */
  jobEnded: (policy: string, outcome: 'done' | 'failed') => void
  jobStarted: () => void
  /** a subtask finished where it finally ran */
  subtask: (mode: string, ranOn: 'lessor' | 'local', seconds: number) => void
  /** an attempt on a lessor failed (the subtask is re-run elsewhere); HE objects it sent that were refused are counted by reason */
  attemptFailed: (mode: string, err: { name?: string, code?: unknown }) => void
}

/** Seconds: from a fraction of a second (small local subtasks) to half an hour (large HE ones). */
export const SUBTASK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]

export function jobMetrics (registry: Registry, libp2pMetrics?: Metrics): JobMetrics {
  const jobs = new Counter({ name: 'shulian_jobs_total', help: 'jobs this renter ran, by the policy decided and how they ended', labelNames: ['policy', 'outcome'], registers: [registry] })
  const running = new Gauge({ name: 'shulian_jobs_running', help: 'jobs running now', registers: [registry] })
  const subtasks = new Histogram({ name: 'shulian_job_subtask_seconds', help: 'duration of subtasks where they finally ran, by protection mode', labelNames: ['mode', 'ran_on'], buckets: SUBTASK_BUCKETS, registers: [registry] })
  const failures = new Counter({ name: 'shulian_job_subtask_failures_total', help: 'subtask attempts on lessors that failed (the subtask was re-run elsewhere)', labelNames: ['mode'], registers: [registry] })
  // shared by name with the task lessor's count (both sides refuse HE objects: same metric)
  const heRefused = libp2pMetrics?.registerCounterGroup('shulian_he_objects_refused_total', { label: 'reason', help: 'received HE objects (keys, ciphertexts, parameters) refused, by reason' })
  return {
    jobStarted: () => { running.inc() },
    jobEnded: (policy, outcome) => {
      running.dec()
      jobs.inc({ policy, outcome })
    },
    subtask: (mode, ranOn, seconds) => { subtasks.observe({ mode, ran_on: ranOn }, seconds) },
    attemptFailed: (mode, err) => {
      failures.inc({ mode })
      if (err.name === 'HeObjectError') heRefused?.increment({ [String(err.code ?? 'unknown')]: 1 })
    }
  }
}
