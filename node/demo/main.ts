/**
 * `npm run demo`: the method end to end on the example network of ./bootstrap.json, as real
 * processes on loopback. Lessors in subnets b and c offer compute (HE, and a simulated TEE); a
 * renter in subnet a runs a job over 1 M synthetic rows (fixed seed) once per policy — auto, he,
 * tee, tee+he — and each answer is checked against the plaintext executor run here. One table.
 * Then a joint training (examples/joint): a-1 and c-2, two owners of the same customers, fit a
 * linear regression together, checked against least squares on their pooled data. Then the nodes'
 * own /metrics, scraped before the network is taken down (relayed bytes, leases, jobs: each must
 * be non-zero). The exit code is non-zero if any answer or count is wrong.
 *
 *   npm run demo [-- --rows N] [--bootstrap FILE] [--keep]
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { simulatedEnclaveMeasurement } from '../../compute/enclave/index.js'
import { combine, loadJobFile, pooledLeastSquares, readCsvTable, readJointCsv, runPlain, writeSyntheticCsv } from '../../compute/index.js'
import { toHex } from '../../keys/index.js'
import { callApi } from '../api/client.js'
import { metricValue, parseSamples } from '../api/prometheus-text.js'
import { err, out, reportFailure, table } from '../cli/output.js'
import { downNetwork, upNetwork } from '../net/up.js'
import type { Outputs } from '../../compute/index.js'
import type { JobRecord } from '../job/store.js'
import type { JobReport } from '../job/types.js'
import type { LocalNode } from '../net/up.js'
import type { JointProgress, JointRecord, JointReport, ServeStatus } from '../joint/index.js'

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

/**
 * Joint computation (DESIGN §2.6): a-1 trains a linear regression with c-2, which holds other
 * features of the same customers and the label (examples/joint, synthetic, seed 7), on a lease of
 * a simulated enclave; the model must be the least-squares fit on the pooled data. Returns the
 * number of wrong answers (0 or 1).
 */
async function jointDemo (node: (name: string) => LocalNode): Promise<number> {
  const src = join(ROOT, 'examples', 'joint')
  for (const f of ['FL.json', 'renter.csv', 'partner.csv']) await copyFile(join(src, f), join(dir, f))
  const fl = join(dir, 'FL.json')
  const a = await readJointCsv(join(dir, 'renter.csv'), 'id', ['income', 'debt', 'tenure'])
  const c = await readJointCsv(join(dir, 'partner.csv'), 'id', ['spend', 'visits', 'returns', 'score'])
  const y = c.columns.pop() as Float64Array
  c.names.pop()
  const pooled = pooledLeastSquares(a.columns, c.columns, y)
  out(`\njoint training: a-1 holds income, debt, tenure; c-2 holds spend, visits, returns and the label (score) of the same ${a.rows.toLocaleString('en-US')} customers; a lessor's simulated enclave computes on a-1's features`)
  await callApi(node('c-2').dataDir, '/joint/serve', { body: { data: join(dir, 'partner.csv'), id: 'id', label: 'score' } })
  const t = Date.now()
  const { id } = await callApi<{ id: string }>(node('a-1').dataDir, '/joint/trainings', { body: { file: fl } })
  let shown = 0
  let rec: JointRecord & { progress: JointProgress | null }
  while (true) {
    rec = await callApi(node('a-1').dataDir, `/joint/trainings/${id}`)
    const loss = rec.progress?.loss ?? []
    for (; shown < loss.length; shown++) out(`  round ${String(shown + 1).padStart(2)}  loss ${(loss[shown] as number).toPrecision(10)}`)
    if (rec.status !== 'running') break
    await new Promise(resolve => setTimeout(resolve, 300))
  }
  const report = rec.report as JointReport
  // the last rounds may have finished between two polls
  for (; shown < (report?.loss.length ?? 0); shown++) out(`  round ${String(shown + 1).padStart(2)}  loss ${(report.loss[shown] as number).toPrecision(10)}`)
  const served = await callApi<ServeStatus>(node('c-2').dataDir, '/joint/serve')
  const cw = served.trainings.find(x => x.id === id)
  await callApi(node('c-2').dataDir, '/joint/serve', { method: 'DELETE' })
  if (rec.status !== 'done' || cw?.weights === undefined) {
    out(`joint training FAILED: ${rec.error ?? 'the partner reported no weights'}`)
    return 1
  }
  const got = [...a.names.map(n => report.weights[n] as number), ...c.names.map(n => cw.weights?.[n] as number), cw.intercept as number]
  const want = [...pooled.weights, pooled.intercept]
  const names = [...a.names.map(n => `${n} (a-1)`), ...c.names.map(n => `${n} (c-2)`), 'intercept (c-2)']
  const worst = Math.max(...want.map((w, j) => Math.abs((got[j] as number) - w) / Math.abs(w)))
  out('')
  out(table(['weight', 'joint training', 'pooled least squares'], names.map((n, j) => [n, (got[j] as number).toPrecision(8), (want[j] as number).toPrecision(8)])))
  const l = report.lessors[0]
  out(`\n${report.rounds} rounds in ${((Date.now() - t) / 1000).toFixed(1)} s; lessor ${l?.name ?? '-'} (${l?.tee ?? '-'}) via ${Math.max(0, (l?.route.length ?? 2) - 2)} hubs, partner c-2 via ${Math.max(0, report.partner.route.length - 2)} hubs; a-1 never saw c-2's gradient unmasked, c-2 only ciphertexts of a-1's part`)
  const ok = worst <= 1e-3
  out(ok ? `joint model: ok (within ${worst.toExponential(1)} relative of the pooled least-squares fit)` : `joint model: WRONG (${worst.toExponential(1)} relative from the pooled fit)`)
  return ok ? 0 : 1
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

  wrong += await jointDemo(node)
  out(wrong === 0 ? '\nevery answer matches its plaintext reference.' : `\n${wrong} answer(s) wrong.`)

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
