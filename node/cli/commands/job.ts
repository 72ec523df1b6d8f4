import { resolve } from 'node:path'
import { callApi } from '../../api/client.js'
import { peerNames } from '../names.js'
import { emit, err, out, table } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { JobRecord } from '../../job/store.js'
import type { JobReport, SubtaskProgressView } from '../../job/types.js'
import type { Command } from 'commander'

const POLL_MS = 250

function fmtBytes (n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`
}

function fmtValue (v: number | number[]): string {
  return Array.isArray(v) ? `[${v.slice(0, 5).map(x => String(x)).join(', ')}${v.length > 5 ? `, … (${v.length} values)` : ''}]` : String(v)
}

/** The report as a person reads it. */
export function renderReport (r: JobReport, names: (id: string) => string): string {
  const lines = [`job ${r.name} (${r.id}): ${r.status}${r.ms > 0 ? ` in ${(r.ms / 1000).toFixed(1)} s` : ''}, ${r.rows} rows`]
  if (r.error !== undefined) lines.push(`error: ${r.error}`)
  if (r.policy !== undefined) {
    lines.push('', `policy: ${r.policy.decision} (requested ${r.policy.requested}${r.policy.set !== '-' ? `; HE parameter set ${r.policy.set}` : ''})`)
    for (const reason of r.policy.reasons) lines.push(`  - ${reason}`)
  }
  if (r.outputs !== undefined) {
    lines.push('', 'outputs:', table(['name', 'value'], Object.entries(r.outputs).map(([k, v]) => [k, fmtValue(v)])))
  }
  if (r.subtasks.length > 0) {
    lines.push('', 'subtasks:', table(['subtask', 'ran on', 'subnet', 'mode', 'rows', 'route', 'sent', 'received', 'time', 'of it at the lessor', 'notes'],
      r.subtasks.map(s => [
        s.id.split('-').at(-1) ?? s.id, s.name, s.subnet ?? '-', s.mode, s.rows, s.route.map(names).join(' → '), fmtBytes(s.bytesSent), fmtBytes(s.bytesReceived), `${(s.ms / 1000).toFixed(1)} s`, s.lessorMs === undefined ? '-' : `${(s.lessorMs / 1000).toFixed(1)} s`,
        [s.tee, ...s.attempts.map(a => `re-run here after ${a.name} failed: ${a.error}`)].filter(x => x !== undefined).join('; ')
      ])))
  }
  if (r.leases.length > 0) lines.push('', `leases: ${r.leases.join(', ')}`)
  if (r.phases !== undefined) {
    const p = r.phases
    const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
    lines.push('', `time: read ${s(p.readMs)}, leases ${s(p.leasesMs)}, policy ${s(p.policyMs)}, HE keys ${s(p.heKeysMs)}, subtasks ${s(p.subtasksMs)}, combine ${s(p.combineMs)}`)
  }
  if (r.simulatedTee) lines.push('', 'simulated TEE: the TEE subtasks ran in a simulated enclave (a separate process, not hardware isolation).')
  return lines.join('\n')
}

/** Follow a job until it ends, showing progress on stderr. */
async function follow (dir: string, id: string, json: boolean): Promise<JobRecord> {
  const tty = process.stderr.isTTY === true && !json
  let bars: any
  const barOf = new Map<string, any>()
  if (tty) {
    const { default: cliProgress } = await import('cli-progress')
    bars = new cliProgress.MultiBar({ format: ' {name} |{bar}| {phase} {detail}', hideCursor: true, clearOnComplete: false, stream: process.stderr }, cliProgress.Presets.shades_classic)
  }
  let last = ''
  try {
    while (true) {
      // the node answers when the job ends, or after POLL_MS with its progress
      const asked = Date.now()
      const rec = await callApi<JobRecord & { progress: SubtaskProgressView[] }>(dir, `/jobs/${id}?wait=${POLL_MS}`)
      const snapshot = JSON.stringify(rec.progress)
      if (snapshot !== last) {
        last = snapshot
        if (json) {
          err(JSON.stringify({ event: 'progress', job: id, subtasks: rec.progress }))
        } else if (tty) {
          for (const p of rec.progress) {
            const total = p.total > 0 ? p.total : 1
            const value = p.total > 0 ? p.done : (p.phase === 'done' ? 1 : 0)
            const detail = p.total > 0 ? `${fmtBytes(p.done)} / ${fmtBytes(p.total)}` : p.done > 0 ? fmtBytes(p.done) : ''
            const bar = barOf.get(p.id) ?? bars.create(total, 0, { name: p.name.padEnd(8), phase: p.phase, detail })
            barOf.set(p.id, bar)
            bar.setTotal(total)
            bar.update(value, { name: p.name.padEnd(8), phase: p.phase, detail })
          }
        } else {
          for (const p of rec.progress) err(`${id}: ${p.name} ${p.phase}${p.total > 0 ? ` ${fmtBytes(p.done)}/${fmtBytes(p.total)}` : ''}`)
        }
      }
      if (rec.status !== 'running') {
        if (json) err(JSON.stringify({ event: rec.status, job: id }))
        return rec
      }
      // a node that answered early for a running job (one that cannot wait) is asked again later
      const early = POLL_MS - (Date.now() - asked)
      if (early > 0) await new Promise(resolve => setTimeout(resolve, early))
    }
  } finally {
    bars?.stop()
  }
}

export function register (program: Command): void {
  const job = program.command('job').description('run jobs on leased compute, and see past ones (on a participant)')

  job.command('run')
    .description('lease compute, split the job, protect its data by policy, run it through the hubs, and report')
    .argument('<job>', 'the job file (JSON)')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .option('--policy <policy>', 'auto (decide from this machine\'s measured resources), he, tee or tee+he', 'auto')
    .option('--json', 'print the report as JSON, and progress as JSON lines on stderr')
    .action(async (file: string, opts: { dir: string, policy: string, json?: boolean }) => {
      if (!['auto', 'he', 'tee', 'tee+he'].includes(opts.policy)) throw new UsageError(`--policy: "${opts.policy}" is not auto, he, tee or tee+he`)
      const { id } = await callApi<{ id: string }>(opts.dir, '/jobs', { body: { job: resolve(file), policy: opts.policy } })
      const rec = await follow(opts.dir, id, opts.json === true)
      const report = rec.report as JobReport
      if (opts.json === true) out(JSON.stringify(report, null, 2))
      else out(renderReport(report, await peerNames(opts.dir)))
      if (rec.status !== 'done') process.exitCode = 1
    })

  job.command('list')
    .description('jobs this node ran or runs')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .option('--json', 'print JSON')
    .action(async (opts: { dir: string, json?: boolean }) => {
      const r = await callApi<{ jobs: Array<Record<string, any>> }>(opts.dir, '/jobs')
      emit(opts.json, r, () => r.jobs.length === 0 ? 'no jobs' : table(['id', 'name', 'status', 'policy', 'started'],
        r.jobs.map(j => [j.id, j.name, j.status, j.decision ?? j.policy, new Date(j.created).toISOString()])))
    })

  job.command('show')
    .description('one job: its report, or why it stopped')
    .argument('<id>', 'the job id')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { dir: string, json?: boolean }) => {
      const rec = await callApi<JobRecord>(opts.dir, `/jobs/${encodeURIComponent(id)}`)
      if (opts.json === true) {
        out(JSON.stringify(rec, null, 2))
      } else if (rec.report !== undefined) {
        out(renderReport(rec.report, await peerNames(opts.dir)))
      } else {
        out(`job ${rec.name} (${rec.id}): ${rec.status}${rec.error !== undefined ? `: ${rec.error}` : ''}`)
      }
    })
}
