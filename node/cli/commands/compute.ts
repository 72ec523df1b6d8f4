import { emit, table } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { Command } from 'commander'
import type { LocalMode, LocalRunReport } from '../../../compute/index.js'

function render (r: LocalRunReport): string {
  const rows = Object.entries(r.outputs).map(([name, v]) => [name, Array.isArray(v)
    ? `${v.length} values: ${v.slice(0, 4).map(x => Number.isInteger(x) ? String(x) : x.toPrecision(8)).join(', ')}${v.length > 4 ? ', …' : ''}`
    : String(v)])
  const lines = [`${r.job}: ${r.rows} rows, mode ${r.mode}${r.he !== undefined ? ` (${r.he.set}, depth ${r.he.depth}, ${(r.he.inputBytes / 2 ** 20).toFixed(1)} MiB encrypted in, ${(r.he.resultBytes / 2 ** 20).toFixed(1)} MiB out)` : ''}`, '', table(['output', 'value'], rows), '']
  lines.push(table(['phase', 'ms'], Object.entries(r.timings).map(([k, v]) => [k, v])))
  return lines.join('\n')
}

/** The compute layer, loaded when a command runs (it pulls in node-seal and libp2p's crypto: slow to load for every CLI call). */
async function loadCompute (): Promise<typeof import('../../../compute/index.js')> {
  return import('../../../compute/index.js')
}

export function register (program: Command): void {
  const compute = program.command('compute').description('run jobs on this machine (no network)')

  compute.command('run')
    .description('run a job file locally, in the clear or through the HE executor (a lessor\'s work done in-process)')
    .argument('<job>', 'job file (JSON)')
    .option('--mode <mode>', 'plain | he', 'plain')
    .option('--workers <n>', 'HE worker threads (default: the cores)')
    .option('--json', 'print JSON: { "outputs": { name: number | number[] }, ... }')
    .action(async (file: string, opts: { mode: string, workers?: string, json?: boolean }) => {
      if (opts.mode !== 'plain' && opts.mode !== 'he') throw new UsageError(`--mode must be plain or he, not "${opts.mode}"`)
      const workers = opts.workers === undefined ? undefined : Number(opts.workers)
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new UsageError(`--workers must be a positive integer, not "${opts.workers}"`)
      const { createHePool, loadJobFile, runJobLocally } = await loadCompute()
      const job = await loadJobFile(file)
      const pool = opts.mode === 'he' ? createHePool(workers) : undefined
      try {
        const report = await runJobLocally(job, opts.mode as LocalMode, pool)
        emit(opts.json, report, () => render(report))
      } finally {
        await pool?.close()
      }
    })

  compute.command('policy')
    .description('decide he or tee for a job on this machine (S206): measured cores, load, free memory and calibrated HE throughput against the job\'s budget')
    .argument('<job>', 'job file (JSON)')
    .requiredOption('--dir <datadir>', 'data directory holding the HE calibration (measured now if missing)')
    .option('--local <share>', 'share of the rows computed locally, which never leave this node (0..1)', '0')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { dir: string, local: string, json?: boolean }) => {
      const local = Number(opts.local)
      if (!(local >= 0 && local < 1)) throw new UsageError(`--local must be a share in [0, 1), not "${opts.local}"`)
      const { evaluateJobPolicy, heSetForJob, loadJobFile, loadOrCalibrate, measureMachine, readCsvTable } = await loadCompute()
      const job = await loadJobFile(file)
      const table = await readCsvTable(job.dataPath, job.spec.data.columns)
      const targetRows = Math.round(table.rowCount * (1 - local))
      const calibration = await loadOrCalibrate(opts.dir, { sets: [heSetForJob(job, table, targetRows).name] })
      const decision = evaluateJobPolicy({ job, table, targetRows, maxSubtaskRows: targetRows, machine: measureMachine(), calibration })
      emit(opts.json, decision, () => [`${job.spec.name}: ${decision.policy}`, ...decision.reasons.map(r => `  - ${r}`)].join('\n'))
    })

  compute.command('synth')
    .description('write a synthetic credit table (id, income, debt, age, accounts); the same seed gives the same file')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--rows <n>', 'rows', '1000000')
    .option('--seed <n>', 'seed', '1')
    .option('--json', 'print JSON')
    .action(async (opts: { out: string, rows: string, seed: string, json?: boolean }) => {
      const rows = Number(opts.rows)
      const seed = Number(opts.seed)
      if (!Number.isSafeInteger(rows) || rows < 1) throw new UsageError(`--rows must be a positive integer, not "${opts.rows}"`)
      if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, not "${opts.seed}"`)
      await (await loadCompute()).writeSyntheticCsv(opts.out, rows, seed)
      emit(opts.json, { file: opts.out, rows, seed }, () => `${opts.out}: ${rows} rows (seed ${seed})`)
    })
}
