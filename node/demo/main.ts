/**
 * `npm run demo`: the method end to end on the example network of ./bootstrap.json, as real
 * processes on loopback. Lessors in subnets b and c offer compute (HE, and a simulated TEE); a
 * renter in subnet a runs a job over 1 M synthetic rows (fixed seed) once per policy — auto, he,
 * tee, tee+he — and each answer is checked against the plaintext executor run here. One table;
 * then the nodes' own /metrics, scraped before the network is taken down (relayed bytes, leases,
 * jobs: each must be non-zero). The exit code is non-zero if any answer or count is wrong.
 *
 *   npm run demo [-- --rows N] [--bootstrap FILE] [--keep]
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { simulatedEnclaveMeasurement } from '../../compute/enclave/index.js'
import { combine, loadJobFile, readCsvTable, runPlain, writeSyntheticCsv } from '../../compute/index.js'
import { toHex } from '../../keys/index.js'
import { callApi } from '../api/client.js'
import { metricValue, parseSamples } from '../api/prometheus-text.js'
import { err, out, reportFailure, table } from '../cli/output.js'
import { downNetwork, upNetwork } from '../net/up.js'
import type { Outputs } from '../../compute/index.js'
import type { JobRecord } from '../job/store.js'
import type { JobReport } from '../job/types.js'
import type { LocalNode } from '../net/up.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const USAGE = `usage: npm run demo [-- --rows N] [--bootstrap FILE] [--keep]
  --rows N          rows of the synthetic table (default 1000000, at least 1000)
  --bootstrap FILE  the network to run (default ./bootstrap.json, the example network)
  --keep            leave the network running and print dashboard URLs (take it down with: shulian net down --dir DIR)`
let args: { rows: string, bootstrap: string, keep: boolean, help: boolean }
try {
  args = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, bootstrap: { type: 'string', default: 'bootstrap.json' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }).values
} catch (e: any) {
  err(`demo: ${String(e.message)}\n${USAGE}`)
  process.exit(2)
}
if (args.help) {
  out(USAGE)
  process.exit(0)
}
const rows = Number(args.rows)
if (!Number.isInteger(rows) || rows < 1000) {
  err('demo: --rows must be a whole number of at least 1000')
  process.exit(2)
}
const bootstrapPath = resolve(args.bootstrap)
const dir = await mkdtemp(join(tmpdir(), 'shulian-demo-'))
let wrong = 0

const stop = async (): Promise<void> => {
  if (args.keep && process.exitCode !== 130) return
  await downNetwork(dir).catch(() => {})
  await rm(dir, { recursive: true, force: true })
}
process.once('SIGINT', () => { process.exitCode = 130; void stop().then(() => process.exit(130)) })

/**
 * HE (CKKS) answers within the executor's stated tolerance (compute/README); plaintext ones (TEE)
 * within float64 rounding, since the split sums in another order than one pass over the table.
 */
function check (got: Outputs | undefined, want: Outputs, he: boolean): string {
  if (got === undefined) return 'NO ANSWER'
  const rel = he ? 1e-6 : 1e-12
  for (const [k, w] of Object.entries(want)) {
    const g = got[k] as number
    if (!(Math.abs(g - (w as number)) <= rel * Math.max(1, Math.abs(w as number)))) return `WRONG ${k}: ${g} vs ${String(w)}`
  }
  return `ok (within ${rel})`
}

async function runJob (renter: LocalNode, job: string, policy: string): Promise<JobReport> {
  const { id } = await callApi<{ id: string }>(renter.dataDir, '/jobs', { body: { job, policy } })
  let lastPhases = ''
  while (true) {
    const rec = await callApi<JobRecord & { progress: Array<{ name: string, phase: string }> }>(renter.dataDir, `/jobs/${id}`)
    const phases = rec.progress.map(p => `${p.name} ${p.phase}`).join(', ')
    if (phases !== lastPhases && phases !== '') {
      out(`  ${policy.padEnd(6)} ${phases}`)
      lastPhases = phases
    }
    if (rec.status !== 'running') return rec.report as JobReport
    await new Promise(resolve => setTimeout(resolve, 500))
  }
}

try {
  out(`shulian demo: the example network of ${bootstrapPath}, every node its own process (data in ${dir})`)
  const t0 = Date.now()
  const nodes = await upNetwork({ bootstrapPath, dir })
  const node = (name: string): LocalNode => nodes.find(n => n.name === name) as LocalNode
  out(`${nodes.length} nodes up, all links in place, in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

  // the job and its data: 1 M rows generated with a fixed seed, beside a copy of the shipped job
  const job = join(dir, 'demo.json')
  await copyFile(join(ROOT, 'examples', 'jobs', 'demo.json'), job)
  await writeSyntheticCsv(join(dir, 'demo-1m.csv'), rows, 2024)
  const loaded = await loadJobFile(job)
  const expected = combine(loaded.program, [runPlain(loaded.program, await readCsvTable(loaded.dataPath, loaded.spec.data.columns))])
  out(`job ${loaded.spec.name}: ${rows.toLocaleString('en-US')} rows; the plaintext answer, computed here to check against: ${Object.entries(expected).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`)

  // lessors in subnets b and c offer 2 cores each: HE, and this build's simulated TEE
  const measurement = toHex(await simulatedEnclaveMeasurement())
  for (const lessor of ['b-1', 'c-1']) {
    await callApi(node(lessor).dataDir, '/market/orders', {
      body: { side: 'sell', cores: 2, memoryMiB: 4096, expiresInS: 3600, protection: { he: true, tee: { kind: 'simulated', measurement } }, heElementsPerS: 500_000, pricePerCoreHour: 1, minDurationS: 60, maxDurationS: 86_400 }
    })
  }
  out('b-1 and c-1 offer 2 cores each (HE, simulated TEE) at 1 credit per core-hour\n')

  const rowsOut: Array<Array<string | number>> = []
  let simulated = false
  for (const policy of ['auto', 'he', 'tee', 'tee+he']) {
    const t = Date.now()
    const report = await runJob(node('a-1'), job, policy)
    const decision = report.policy?.decision ?? '-'
    const verdict = report.status !== 'done' ? `FAILED: ${report.error ?? ''}` : check(report.outputs, expected, decision !== 'tee')
    if (!verdict.startsWith('ok')) wrong++
    simulated ||= report.simulatedTee
    rowsOut.push([
      policy,
      decision,
      report.subtasks.filter(s => s.rows > 0).map(s => `${s.name}${s.ranOn === 'lessor' ? ` via ${s.route.length - 2} hubs` : ' locally'}${s.attempts.length > 0 ? ` (re-run: ${s.attempts.map(a => a.name).join(', ')} failed)` : ''}: ${s.rows.toLocaleString('en-US')}`).join(', '),
      `${(report.subtasks.reduce((n, s) => n + s.bytesSent + s.bytesReceived, 0) / 1e6).toFixed(1)} MB`,
      `${((Date.now() - t) / 1000).toFixed(1)} s`,
      verdict
    ])
    if (policy === 'auto') out(`  auto decided ${decision}: ${report.policy?.reasons.join('; ') ?? ''}`)
  }
  out('')
  out(table(['policy', 'ran as', 'rows per subtask (where)', 'moved', 'time', 'answer vs plaintext'], rowsOut))
  if (simulated) out('\nsimulated TEE: the tee and tee+he subtasks ran in a simulated enclave (a separate process, not hardware isolation).')
  out(wrong === 0 ? '\nevery answer matches the plaintext executor.' : `\n${wrong} answer(s) wrong.`)

  // what the operators' Prometheus would see: each node's own /metrics, scraped now
  out('\nfrom the nodes\' /metrics (shulian_*), scraped now:')
  const scraped = new Map<string, string>()
  for (const n of ['hub-a', 'hub-b', 'hub-c', 'a-1', 'b-1', 'c-1']) scraped.set(n, await callApi<string>(node(n).dataDir, '/metrics', { text: true }))
  const metric = (n: string, name: string, labels?: Record<string, string>): number => metricValue(scraped.get(n) ?? '', name, labels)
  const hubs = ['hub-a', 'hub-b', 'hub-c']
  const perHub = (name: string): string => hubs.map(h => `${h} ${metric(h, name).toLocaleString('en-US')}`).join(', ')
  const formed = metric('hub-a', 'shulian_market_lease_formation_seconds_count')
  const counts: Array<[string, string, number]> = [
    ['shulian_relay_bytes_total', perHub('shulian_relay_bytes_total'), hubs.reduce((n, h) => n + metric(h, 'shulian_relay_bytes_total'), 0)],
    ['shulian_relay_circuits_total', perHub('shulian_relay_circuits_total'), -1],
    ['shulian_market_orders_total', `hub-a ${metric('hub-a', 'shulian_market_orders_total', { side: 'buy' })} buy, ${metric('hub-a', 'shulian_market_orders_total', { side: 'sell' })} sell`, -1],
    ['shulian_market_fills_total (matches)', `hub-a ${metric('hub-a', 'shulian_market_fills_total')}`, -1],
    ['shulian_market_leases_total', `hub-a ${metric('hub-a', 'shulian_market_leases_total')} (formed as the renter's hub)`, metric('hub-a', 'shulian_market_leases_total')],
    ['shulian_market_lease_formation_seconds', `hub-a ${formed} formed, mean ${formed > 0 ? (metric('hub-a', 'shulian_market_lease_formation_seconds_sum') / formed).toFixed(3) : '-'} s`, -1],
    ['shulian_jobs_total', `a-1 ${parseSamples(scraped.get('a-1') ?? '').filter(x => x.name === 'shulian_jobs_total').map(x => `${x.labels.policy ?? '?'} ${x.labels.outcome ?? '?'} ${x.value}`).join(', ')}`, metric('a-1', 'shulian_jobs_total')],
    ['shulian_task_subtasks_total', `b-1 ${metric('b-1', 'shulian_task_subtasks_total', { outcome: 'done' })} done, c-1 ${metric('c-1', 'shulian_task_subtasks_total', { outcome: 'done' })} done`, -1]
  ]
  out(table(['metric', 'value', ''], counts.map(([name, v, must]) => [name, v, must === 0 ? 'ZERO' : ''])))
  const zero = counts.filter(c => c[2] === 0).map(c => c[0])
  if (zero.length > 0) out(`\nmetrics that must not be zero after the runs: ${zero.join(', ')}`)
  if (wrong > 0 || zero.length > 0) process.exitCode = 1

  if (args.keep) {
    out(`\nthe network keeps running (take it down with: shulian net down --dir ${dir}); dashboards:`)
    for (const n of ['a-1', 'hub-a']) out(`  ${n}  ${(await callApi<{ url: string }>(node(n).dataDir, '/dashboard/sessions', { body: {} })).url}`)
  }
} catch (e) {
  process.exitCode = reportFailure(e)
} finally {
  await stop()
  if (!args.keep) out('network taken down')
}
