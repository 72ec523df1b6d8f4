import { columnRange, readCsvTableOffThread } from './data/index.js'
import { combine, programColumns, runPlain } from './exec/index.js'
import { HeRenter, evaluateSubtask, planHe } from './he/index.js'
import type { Job } from './job/index.js'
import type { Outputs } from './exec/index.js'
import type { TaskRunner } from './pool/index.js'

export type LocalMode = 'plain' | 'he'

export interface LocalRunReport {
  job: string
  mode: LocalMode
  rows: number
  outputs: Outputs
  /** milliseconds per phase */
  timings: Record<string, number>
  he?: { set: string, depth: number, inputBytes: number, resultBytes: number }
}

/**
 * Run a job on this machine: in the clear, or through the HE executor with the lessor's part
 * (evaluation on ciphertexts, from serialized bytes as a lessor receives them) done in-process.
 */
export async function runJobLocally (job: Job, mode: LocalMode, runner?: TaskRunner): Promise<LocalRunReport> {
  const timings: Record<string, number> = {}
  let t = performance.now()
  const lap = (name: string): void => { const now = performance.now(); timings[name] = Math.round((now - t) * 10) / 10; t = now }
  // parsed on all cores, as a renter node parses a job's data
  const table = await readCsvTableOffThread(job.dataPath, job.spec.data.columns)
  lap('read')
  const { program } = job
  if (mode === 'plain') {
    const outputs = combine(program, [runPlain(program, table)])
    lap('compute')
    return { job: job.spec.name, mode, rows: table.rowCount, outputs, timings }
  }
  if (runner === undefined) throw new Error('the HE mode needs a task runner')
  const set = planHe({ program, ranges: programColumns(program, table).map(columnRange), maxSubtaskRows: table.rowCount })
  const renter = await HeRenter.create(set, runner)
  lap('keygen')
  const input = await renter.encryptSubtask(program, table)
  lap('encrypt')
  // a lessor receives the message in one buffer
  const result = await evaluateSubtask(input.subarray(), runner)
  lap('evaluate')
  const partials = await renter.decryptResult(program, result)
  lap('decrypt')
  const outputs = combine(program, [partials])
  lap('combine')
  return { job: job.spec.name, mode, rows: table.rowCount, outputs, timings, he: { set: set.name, depth: program.depth, inputBytes: input.byteLength, resultBytes: result.byteLength } }
}
