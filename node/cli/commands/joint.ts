import { resolve } from 'node:path'
import { callApi } from '../../api/client.js'
import { emit, err, out, table } from '../output.js'
import type { JointRecord, JointReport, JointProgress, ServeStatus } from '../../joint/index.js'
import type { Command } from 'commander'

const POLL_MS = 250

function fmtBytes (n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`
}

/** The renter's report as a person reads it. */
export function renderJointReport (r: JointReport): string {
  const lines = [`joint training ${r.name} (${r.id}): ${r.status} after ${r.rounds} round(s)${r.resumedFrom > 0 ? ` (resumed after round ${r.resumedFrom})` : ''} in ${(r.ms / 1000).toFixed(1)} s, ${r.rows} rows`]
  if (r.error !== undefined) lines.push(`error: ${r.error}`)
  if (r.loss.length > 0) {
    lines.push('', 'loss per round:', table(['round', 'loss', 'seconds'], r.loss.map((l, i) => [i + 1, l.toPrecision(10), i >= r.resumedFrom ? (r.roundSeconds[i - r.resumedFrom] ?? 0).toFixed(2) : '-'])))
  }
  lines.push('', 'weights of this node\'s features:', table(['feature', 'weight'], Object.entries(r.weights).map(([k, v]) => [k, v.toPrecision(10)])))
  const name = (id: string): string => id === r.partner.peerId ? r.partner.name : r.lessors.find(l => l.peerId === id)?.name ?? id.slice(-8)
  lines.push('', 'route:', table(['party', 'role', 'rows', 'route', 'sent', 'received', 'notes'], [
    ...r.lessors.map(l => [l.name, 'lessor', `${l.start}+${l.rows}`, l.route.map(name).join(' → '), fmtBytes(r.traffic[l.name]?.sent ?? 0), fmtBytes(r.traffic[l.name]?.received ?? 0), l.tee]),
    [r.partner.name, 'partner', '-', r.partner.route.map(name).join(' → '), fmtBytes(r.traffic[r.partner.name]?.sent ?? 0), fmtBytes(r.traffic[r.partner.name]?.received ?? 0), 'holds its features, the label and the intercept']
  ]))
  if (r.simulatedTee) lines.push('', 'simulated TEE: the lessors\' enclaves are simulated (a separate process, not hardware isolation).')
  return lines.join('\n')
}

async function follow (dir: string, id: string, json: boolean): Promise<JointRecord> {
  const tty = process.stderr.isTTY === true && !json
  let bar: any
  let last = -1
  try {
    while (true) {
      const rec = await callApi<JointRecord & { progress: JointProgress | null }>(dir, `/joint/trainings/${id}`)
      const p = rec.progress
      if (p !== null && p.round !== last) {
        last = p.round
        const loss = p.loss.at(-1)
        if (json) {
          err(JSON.stringify({ event: 'round', training: id, round: p.round, loss: loss ?? null }))
        } else if (tty) {
          if (bar === undefined) {
            const { default: cliProgress } = await import('cli-progress')
            bar = new cliProgress.SingleBar({ format: ' rounds |{bar}| {value}/{total} loss {loss}', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
            bar.start(p.maxRounds, p.round, { loss: '-' })
          }
          bar.update(p.round, { loss: loss?.toPrecision(8) ?? '-' })
        } else if (p.round > 0) {
          err(`${id}: round ${p.round} loss ${loss?.toPrecision(10) ?? '-'}`)
        }
      }
      if (rec.status !== 'running') return rec
      await new Promise(resolve => setTimeout(resolve, POLL_MS))
    }
  } finally {
    bar?.stop()
  }
}

export function register (program: Command): void {
  const joint = program.command('joint').description('joint trainings with a third data owner: vertical federated linear regression over HE ciphertexts (on participants)')

  joint.command('run')
    .description('lease lessors with an enclave, train with the partner named in the training file, and report the loss per round, this node\'s weights and the route; every completed round is recorded')
    .argument('<file>', 'the training file (JSON, e.g. FL.json)')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .option('--resume <id>', 'continue the training with this id (failed or interrupted) from its last completed round, with the same training file')
    .option('--json', 'print { rounds, loss, weights, ... } as JSON, and each round as a JSON line on stderr')
    .action(async (file: string, opts: { dir: string, resume?: string, json?: boolean }) => {
      const { id } = await callApi<{ id: string }>(opts.dir, '/joint/trainings', { body: { file: resolve(file), ...(opts.resume !== undefined ? { resume: opts.resume } : {}) } })
      const rec = await follow(opts.dir, id, opts.json === true)
      const report = rec.report as JointReport | undefined
      if (rec.status !== 'done') {
        if (opts.json === true && report !== undefined) out(JSON.stringify(report, null, 2))
        err(`shulian: joint training ${id} ${rec.status}: ${rec.error ?? 'no reason recorded'}`)
        process.exitCode = 1
        return
      }
      if (opts.json === true) out(JSON.stringify(report, null, 2))
      else out(renderJointReport(report as JointReport))
    })

  joint.command('serve')
    .description('serve this node\'s data as the partner of joint trainings: its features, the label and the intercept stay here; prints its final weights')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .requiredOption('--data <csv>', 'the CSV: an id column, feature columns, a label column')
    .option('--id <column>', 'the id column the rows are aligned by', 'id')
    .option('--label <column>', 'the label column (every other column is a feature)', 'y')
    .option('--once', 'serve one training, print its result and exit')
    .option('--json', 'print { weights: { feature: value, intercept: value } } as JSON')
    .action(async (opts: { dir: string, data: string, id: string, label: string, once?: boolean, json?: boolean }) => {
      const st = await callApi<ServeStatus>(opts.dir, '/joint/serve', { body: { data: resolve(opts.data), id: opts.id, label: opts.label } })
      if (opts.json !== true) err(`serving ${st.data ?? ''}: ${st.rows ?? 0} rows, features ${(st.features ?? []).join(', ')}, label ${opts.label}`)
      else err(JSON.stringify({ event: 'serving', data: st.data, rows: st.rows, features: st.features }))
      const seen = new Set<string>()
      let lastRound = ''
      while (true) {
        const s = await callApi<ServeStatus>(opts.dir, '/joint/serve')
        if (!s.serving) { err('shulian: the node stopped serving the data'); process.exitCode = 1; return }
        const running = s.trainings.filter(t => t.status === 'running').map(t => `${t.id}:${t.round}`).join(',')
        if (running !== lastRound && running !== '') {
          lastRound = running
          for (const t of s.trainings.filter(t => t.status === 'running')) err(opts.json === true ? JSON.stringify({ event: 'round', training: t.id, round: t.round }) : `${t.id}: round ${t.round} done`)
        }
        for (const t of s.trainings.filter(t => t.status === 'done' && !seen.has(t.id))) {
          seen.add(t.id)
          const result = { training: t.id, rounds: t.round, weights: { ...t.weights, intercept: t.intercept } }
          if (opts.json === true) out(JSON.stringify(opts.once === true ? { weights: result.weights } : result))
          else out(`training ${t.id} done after ${t.round} round(s); this node's weights:\n${table(['feature', 'weight'], Object.entries(result.weights).map(([k, v]) => [k, (v as number).toPrecision(10)]))}`)
          if (opts.once === true) {
            await callApi(opts.dir, '/joint/serve', { method: 'DELETE' })
            return
          }
        }
        await new Promise(resolve => setTimeout(resolve, POLL_MS))
      }
    })

  joint.command('list')
    .description('joint trainings this node ran as the renter')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .option('--json', 'print JSON')
    .action(async (opts: { dir: string, json?: boolean }) => {
      const r = await callApi<{ trainings: Array<Record<string, any>> }>(opts.dir, '/joint/trainings')
      emit(opts.json, r, () => r.trainings.length === 0 ? 'no joint trainings' : table(['id', 'name', 'status', 'rounds', 'error'], r.trainings.map(t => [t.id, t.name, t.status, t.round, t.error ?? ''])))
    })
}
