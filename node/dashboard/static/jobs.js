// Jobs view (participants): running and past jobs, each subtask's progress, lessor and route, the
// policy decision with its reasons, "simulated TEE" where it was; joint runs' loss per round.
import { lineChart } from './chart.js'
import { badge, bytes, h, section, seconds, table, time, value } from './dom.js'

const STATUS = { done: 'ok', running: 'info', failed: 'bad', interrupted: 'warn' }

function progressBar (p) {
  const pct = p.total > 0 ? Math.min(100, Math.round((100 * p.done) / p.total)) : (p.phase === 'done' ? 100 : 0)
  const bar = h('div', { class: 'bar' })
  // CSSOM, not a style attribute: the page's CSP allows no inline styles
  bar.style.width = `${pct}%`
  return h('div', { class: 'progress', title: `${p.phase} ${p.total > 0 ? `${bytes(p.done)} of ${bytes(p.total)}` : ''}` },
    bar, h('span', {}, `${p.phase}${p.total > 0 ? ` ${pct}%` : ''}`))
}

function jobCard (rec, names) {
  const r = rec.report
  const decision = r?.policy?.decision
  const head = h('div', { class: 'job-head' },
    h('h3', { class: 'job-name' }, rec.name),
    badge(rec.status, STATUS[rec.status] ?? ''),
    decision !== undefined ? badge(`policy ${decision}`, 'policy') : badge(`policy ${rec.policy} (deciding)`, 'policy'),
    r?.simulatedTee ? badge('simulated TEE', 'warn') : null,
    h('span', { class: 'muted' }, `${rec.id} · started ${time(rec.created)}${r?.ms ? ` · ${seconds(r.ms)}` : ''}${r?.rows ? ` · ${r.rows} rows` : ''}`))
  const parts = [head]
  if (rec.error) parts.push(h('p', { class: 'error' }, rec.error))
  if (r?.policy !== undefined) {
    parts.push(h('div', { class: 'policy' },
      h('h4', {}, `Policy: ${r.policy.decision} (requested ${r.policy.requested}${r.policy.set !== '-' ? `, HE parameter set ${r.policy.set}` : ''})`),
      h('ul', { class: 'reasons' }, r.policy.reasons.map(x => h('li', {}, x)))))
  }
  if (r?.outputs !== undefined) {
    parts.push(h('h4', {}, 'Result'), table(['output', 'value'], Object.entries(r.outputs).map(([k, v]) => [k, value(v)]), { className: 'outputs' }))
  }
  if ((rec.progress ?? []).length > 0) {
    parts.push(h('h4', {}, 'Subtasks in progress'), table(['subtask', 'on', 'progress'], rec.progress.map(p => [p.id.split('-').at(-1), p.name, progressBar(p)]), { className: 'subtasks' }))
  }
  if ((r?.subtasks ?? []).length > 0) {
    parts.push(h('h4', {}, 'Subtasks'), table(['subtask', 'ran on', 'subnet', 'mode', 'rows', 'route', 'sent', 'received', 'time', 'notes'],
      r.subtasks.map(st => [
        st.id.split('-').at(-1), st.name, st.subnet ?? '-', st.mode === 'plain' ? 'local (plain)' : st.mode, st.rows,
        h('span', { class: 'route', title: st.route.join(' → ') }, st.route.map(names.name).join(' → ')),
        bytes(st.bytesSent), bytes(st.bytesReceived), seconds(st.ms),
        h('span', {}, st.tee ? [badge(/simulated/i.test(st.tee) ? 'simulated TEE' : 'TEE', /simulated/i.test(st.tee) ? 'warn' : 'ok'), h('span', { class: 'note' }, st.tee)] : null,
          st.attempts.map(a => h('div', { class: 'attempt' }, `re-run here after ${a.name} failed: ${a.error}`)))
      ]), { className: 'subtasks' }))
  }
  return h('article', { class: `job ${rec.status}`, dataset: { job: rec.id } }, parts)
}

/**
 * Joint runs: the `joint` topic (node/dashboard/joint-runs.ts), `{ available, runs: [{ id, name?,
 * status, rounds, loss, lossRounds, peer?, error?, updated }], invalid }`. Nothing is drawn until
 * a joint feature feeds it (`available` false).
 */
export function renderJointRuns (joint, names) {
  if (joint === undefined || joint === null || joint.available !== true || !Array.isArray(joint.runs)) return null
  const runs = joint.runs
  return section(`Joint runs (${runs.length})`,
    joint.invalid > 0 ? h('p', { class: 'error' }, `${joint.invalid} malformed run(s) left out (see the node's log)`) : null,
    runs.length === 0
      ? h('p', { class: 'empty' }, 'no joint runs yet')
      : runs.map(run => h('article', { class: `joint ${run.status}`, dataset: { run: String(run.id) } },
        h('div', { class: 'job-head' },
          h('h3', { class: 'joint-name' }, run.name ?? String(run.id)),
          badge(run.status, STATUS[run.status] ?? ''),
          h('span', { class: 'muted' }, `${run.id} · ${run.rounds} round${run.rounds === 1 ? '' : 's'}${run.peer ? ` · with ${names.name(run.peer)}` : ''} · updated ${time(run.updated)}`)),
        run.error ? h('p', { class: 'error' }, run.error) : null,
        run.loss.length > 0
          ? h('figure', {},
            lineChart(run.loss, { label: `loss per round of ${run.name ?? run.id}`, xLabel: 'round', xTicks: [run.lossRounds[0], run.lossRounds.at(-1)], format: (v) => v.toPrecision(4) }),
            h('figcaption', { class: 'loss' }, `loss per round: ${run.loss[0].toPrecision(6)} at round ${run.lossRounds[0]}, ${run.loss.at(-1).toPrecision(6)} at round ${run.lossRounds.at(-1)}${run.loss.length < run.rounds ? ` (${run.loss.length} of ${run.rounds} rounds drawn)` : ''}`))
          : h('p', { class: 'empty' }, 'no round finished yet'))))
}

export function renderJobs (state, names) {
  if (state.node?.role === 'hub') return [section('Jobs', h('p', { class: 'empty' }, 'Jobs run on participants; open the dashboard of a participant (shulian dashboard --dir <its data dir>) to see its jobs.'))]
  const jobs = state.jobs
  if (jobs === undefined) return [h('p', { class: 'empty' }, 'waiting for the node…')]
  if (jobs.error !== undefined) return [section('Jobs', h('p', { class: 'error' }, jobs.error))]
  const out = []
  const running = jobs.jobs.filter(j => j.status === 'running').length
  out.push(section(`Jobs (${jobs.jobs.length}, ${running} running)`, table(['job', 'id', 'status', 'policy', 'started', 'updated'],
    jobs.jobs.map(j => [j.name, h('code', {}, j.id), badge(j.status, STATUS[j.status] ?? ''), j.decision ? `${j.decision}${j.policy === 'auto' ? ' (auto)' : ''}` : j.policy, time(j.created), time(j.updated)]),
    { empty: 'no jobs yet: shulian job run JOB.json --dir <this node\'s data dir>', className: 'job-list' })))
  for (const rec of jobs.details ?? []) out.push(h('section', { class: 'card' }, jobCard(rec, names)))
  const joint = renderJointRuns(state.joint, names)
  if (joint !== null) out.push(joint)
  return out
}
