/**
 * The policy evaluation (S206): can this machine afford to HE-encrypt the data that leaves it?
 * A pure function of its inputs (measurements are injected), so the decision is reproducible and
 * testable on both sides of its threshold; every number it used comes back with the decision.
 */
import type { HeCalibration } from './calibrate.js'

export type Policy = 'he' | 'tee' | 'tee+he'

/** What `measureMachine` reports. */
export interface MachineMeasurement {
  cores: number
  /** 1-minute load average (runnable threads) */
  loadAverage: number
  freeMemoryBytes: number
}

export interface PolicyBudget {
  /** most seconds the renter may spend HE-encrypting the target data */
  maxSeconds: number
  /** most memory (MiB) it may use for that */
  maxMemoryMiB: number
}

/** Used when neither the job file nor the config gives a budget. */
export const DEFAULT_BUDGET: PolicyBudget = { maxSeconds: 120, maxMemoryMiB: 2048 }

/** Memory a worker thread needs besides the ciphertexts (WASM heap, SEAL context, keys). */
export const WORKER_OVERHEAD_MIB = 96

/**
 * Copies of each ciphertext alive at the peak: the worker's result, then the subtask message it is
 * copied into before the first byte is sent.
 */
export const CIPHERTEXT_COPIES = 2

/** Share of the free memory the renter lets HE encryption take. */
export const FREE_MEMORY_SHARE = 0.8

export interface PolicyInput {
  machine: MachineMeasurement
  calibration: HeCalibration
  /** the HE parameter set the job would use (from `planHe`) */
  set: string
  /** rows that leave the renter (the lessors' subtasks) and the program columns they carry */
  targetRows: number
  columns: number
  budget: PolicyBudget
  /** a policy the job forces; the estimate is still made and reported */
  forced?: Policy
}

export interface PolicyEstimate {
  ciphertexts: number
  effectiveCores: number
  seconds: number
  memoryMiB: number
  memoryLimitMiB: number
  elementsPerSecond: number
}

export interface PolicyDecision {
  policy: Policy
  set: string
  estimate: PolicyEstimate
  budget: PolicyBudget
  /** why, with the numbers, one line each */
  reasons: string[]
}

/** A policy evaluation whose inputs are unusable (no calibration for the set). Exit code 2. */
export class PolicyError extends Error {
  static name = 'PolicyError'
  readonly exitCode = 2
  readonly code = 'NOT_CALIBRATED'

  constructor (message: string) {
    super(message)
    this.name = 'PolicyError'
  }
}

const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits })

/** Decide `he` or `tee` for a job, with the estimate and the reasons. */
export function evaluatePolicy (input: PolicyInput): PolicyDecision {
  const cal = input.calibration.sets[input.set]
  if (cal === undefined) throw new PolicyError(`no HE calibration for parameter set ${input.set}; run \`shulian he calibrate\``)
  const { machine, budget } = input
  const cores = Math.max(1, machine.cores)
  // cores already busy with other work do not encrypt
  const effectiveCores = Math.min(cores, Math.max(1, cores - machine.loadAverage))
  const ciphertexts = Math.ceil(input.targetRows / cal.slots) * input.columns
  const seconds = ciphertexts * cal.secondsPerCiphertext / effectiveCores
  const dataMiB = input.targetRows * input.columns * 8 / 2 ** 20
  const memoryMiB = CIPHERTEXT_COPIES * ciphertexts * cal.ciphertextBytes / 2 ** 20 + dataMiB + WORKER_OVERHEAD_MIB * Math.ceil(effectiveCores)
  const freeMiB = machine.freeMemoryBytes / 2 ** 20
  const memoryLimitMiB = Math.min(budget.maxMemoryMiB, freeMiB * FREE_MEMORY_SHARE)
  const estimate: PolicyEstimate = {
    ciphertexts,
    effectiveCores,
    seconds,
    memoryMiB,
    memoryLimitMiB,
    elementsPerSecond: cal.slots / cal.secondsPerCiphertext * effectiveCores
  }
  const timeOk = seconds <= budget.maxSeconds
  const memoryOk = memoryMiB <= memoryLimitMiB
  const reasons = [
    `HE-encrypting ${fmt(input.targetRows, 0)} rows × ${input.columns} columns = ${fmt(ciphertexts, 0)} ciphertexts of ${input.set} at ${fmt(cal.secondsPerCiphertext * 1000, 2)} ms each on ${fmt(effectiveCores, 2)} free cores (${cores} cores, load ${fmt(machine.loadAverage, 2)}) takes ~${fmt(seconds, 2)} s: ${timeOk ? 'within' : 'over'} the ${fmt(budget.maxSeconds)} s budget`,
    `it needs ~${fmt(memoryMiB, 0)} MiB: ${memoryOk ? 'within' : 'over'} the limit of ${fmt(memoryLimitMiB, 0)} MiB (budget ${fmt(budget.maxMemoryMiB, 0)} MiB, ${Math.round(FREE_MEMORY_SHARE * 100)}% of ${fmt(freeMiB, 0)} MiB free)`
  ]
  let policy: Policy
  if (input.forced !== undefined) {
    policy = input.forced
    reasons.push(`policy ${policy} forced by the job`)
  } else if (timeOk && memoryOk) {
    policy = 'he'
    reasons.push('affordable: the data leaves this node HE-encrypted (he)')
  } else {
    policy = 'tee'
    reasons.push(`not affordable (${[timeOk ? '' : 'time', memoryOk ? '' : 'memory'].filter(Boolean).join(' and ')}): lessors compute inside attested enclaves (tee)`)
  }
  return { policy, set: input.set, estimate, budget, reasons }
}
