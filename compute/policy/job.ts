import { columnRange } from '../data/index.js'
import { programColumns } from '../exec/index.js'
import { planHe } from '../he/plan.js'
import { DEFAULT_BUDGET, evaluatePolicy } from './evaluate.js'
import type { HeParamSet } from '../../keys/index.js'
import type { Table } from '../data/index.js'
import type { Job } from '../job/index.js'
import type { HeCalibration } from './calibrate.js'
import type { MachineMeasurement, Policy, PolicyBudget, PolicyDecision } from './evaluate.js'

/** The job's budget, missing fields from `fallback` (a node's config) and then the defaults. */
export function jobBudget (job: Job, fallback: Partial<PolicyBudget> = {}): PolicyBudget {
  return {
    maxSeconds: job.spec.budget?.maxSeconds ?? fallback.maxSeconds ?? DEFAULT_BUDGET.maxSeconds,
    maxMemoryMiB: job.spec.budget?.maxMemoryMiB ?? fallback.maxMemoryMiB ?? DEFAULT_BUDGET.maxMemoryMiB
  }
}

export interface JobPolicyInput {
  job: Job
  table: Table
  /** rows that will leave this node (the lessors' share of the split) */
  targetRows: number
  /** rows of the largest subtask (for the HE parameter choice) */
  maxSubtaskRows: number
  machine: MachineMeasurement
  calibration: HeCalibration
  budget?: Partial<PolicyBudget>
}

/** The HE parameter set a job's program and data need (ExecError when none can hold them). */
export function heSetForJob (job: Job, table: Table, maxSubtaskRows: number): HeParamSet {
  return planHe({ program: job.program, ranges: programColumns(job.program, table).map(columnRange), maxSubtaskRows })
}

/**
 * The policy decision for a job on this machine: the HE parameter set its program and data need,
 * then `evaluatePolicy` against the job's budget. A job that forces a policy (budget.policy other
 * than "auto") gets it, with the estimate still made. Throws ExecError when no HE parameter set
 * can run the job at all (then only TEE can).
 */
export function evaluateJobPolicy (input: JobPolicyInput): PolicyDecision {
  const { job, table } = input
  const set = heSetForJob(job, table, input.maxSubtaskRows)
  const forced = job.spec.budget?.policy
  return evaluatePolicy({
    machine: input.machine,
    calibration: input.calibration,
    set: set.name,
    targetRows: input.targetRows,
    columns: job.program.columns.length,
    budget: jobBudget(job, input.budget),
    ...(forced !== undefined && forced !== 'auto' ? { forced: forced as Policy } : {})
  })
}
