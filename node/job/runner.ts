/**
 * `shulian job run` on a renter node, steps S202-S210 of the method: leases (given), split
 * (one subtask per leased lessor, sized by its cores, plus a local one sized by this machine's
 * spare cores), policy (S206: HE if this machine can afford to encrypt what leaves it, else TEE),
 * dispatch through the hubs, gather, decrypt, combine. A subtask whose lessor fails is re-run on
 * another leased lessor, or locally, and the report says so.
 */
import { randomUUID } from 'node:crypto'
import {
  ExecError, HeRenter, combine, evaluateJobPolicy, heSetForJob, loadJobFile, loadOrCalibrate, measureMachine, readCalibration, readCsvTableOffThread, runPlain, sliceTable, splitRows
} from '../../compute/index.js'
import { peerIdFromString } from '@libp2p/peer-id'
import { jobMetrics } from './metrics.js'
import { runRemote } from './subtask.js'
import type { JobMetrics } from './metrics.js'
import type { JobStore } from './store.js'
import type { JobPhases, JobPolicyChoice, JobReport, PolicyReport, SubtaskProgressView, SubtaskReport } from './types.js'
import type { LeaseTerms } from '../lease-guard.js'
import type { ShulianNode } from '../shulian-node.js'
import type { Job, MachineMeasurement, PolicyDecision, SubtaskPartials, Table } from '../../compute/index.js'
import type { RemoteContext, RemoteMode } from './subtask.js'

/** A job refused before it started (bad request). Exit code 2. */
export class JobError extends Error {
  static name = 'JobError'
  readonly exitCode = 2

  constructor (message: string) {
    super(message)
    this.name = 'JobError'
  }
}

export interface JobRunOptions {
  jobPath: string
  policy: JobPolicyChoice
  /** the leases to run on (from the market, which asks for the protection the run forces) */
  leases: (job: Job, policy: JobPolicyChoice) => Promise<LeaseTerms[]>
  /** this machine's measurement (tests inject one); default: measured now */
  machine?: MachineMeasurement
}

interface Planned {
  id: string
  lease?: LeaseTerms
  table: Table
  start: number
}

export class JobRunner {
  private readonly node: ShulianNode
  private readonly store: JobStore
  private readonly progress = new Map<string, Map<string, SubtaskProgressView>>()
  /** running jobs: settles when the job ends, either way */
  private readonly running = new Map<string, Promise<void>>()
  private readonly metrics: JobMetrics

  constructor (node: ShulianNode, store: JobStore) {
    this.node = node
    this.store = store
    this.metrics = jobMetrics(node.registry, node.libp2p.metrics)
  }

  /** Wait until job `id` ends, or `ms` pass (at once when it is not running here). */
  async settled (id: string, ms: number): Promise<void> {
    const running = this.running.get(id)
    if (running === undefined) return
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([running, new Promise<void>(resolve => { timer = setTimeout(resolve, ms) })])
    clearTimeout(timer)
  }

  /** Live progress of a running job's subtasks. */
  progressOf (id: string): SubtaskProgressView[] {
    return [...(this.progress.get(id)?.values() ?? [])]
  }

  /**
   * Validate the job (file, data, leases) and start it. Throws a user error, and records nothing,
   * when the job cannot start; otherwise returns its id and a promise of its report.
   */
  async start (options: JobRunOptions): Promise<{ id: string, done: Promise<JobReport> }> {
    let t = Date.now()
    const job = await loadJobFile(options.jobPath)
    // off the event loop, which keeps serving this node's connections meanwhile
    const table = await readCsvTableOffThread(job.dataPath, job.spec.data.columns)
    if (table.rowCount === 0) throw new JobError(`${job.dataPath}: no rows`)
    const phases: JobPhases = { readMs: Date.now() - t, leasesMs: 0, policyMs: 0, heKeysMs: 0, subtasksMs: 0, combineMs: 0 }
    t = Date.now()
    const leases = await options.leases(job, options.policy)
    phases.leasesMs = Date.now() - t
    const id = `job-${randomUUID().slice(0, 8)}`
    this.store.insert({ id, name: job.spec.name, jobPath: job.file, policy: options.policy })
    this.progress.set(id, new Map())
    this.metrics.jobStarted()
    const decided = { policy: 'undecided' }
    const done = this.run(id, job, table, leases, options, phases, decided).then(report => {
      this.store.finish(id, 'done', report)
      this.metrics.jobEnded(decided.policy, 'done')
      return report
    }, (err: any) => {
      const report: JobReport = { id, name: job.spec.name, status: 'failed', subtasks: [], leases: leases.map(l => l.id), simulatedTee: false, rows: table.rowCount, ms: 0, error: err.message }
      this.store.finish(id, 'failed', report, err.message)
      this.metrics.jobEnded(decided.policy, 'failed')
      throw err
    }).finally(() => {
      this.progress.delete(id)
      this.running.delete(id)
    })
    done.catch(() => {})
    this.running.set(id, done.then(() => {}, () => {}))
    return { id, done }
  }

  private decide (job: Job, table: Table, requested: JobPolicyChoice, targetRows: number, maxSubtaskRows: number, machine: MachineMeasurement): Promise<PolicyDecision> | PolicyDecision {
    const forced = requested === 'auto' ? job : { ...job, spec: { ...job.spec, budget: { ...(job.spec.budget ?? {}), policy: requested } } }
    let set
    try {
      set = heSetForJob(job, table, maxSubtaskRows)
    } catch (e) {
      if (!(e instanceof ExecError) || requested === 'he' || requested === 'tee+he') throw e
      // no HE parameter set can hold this job's values: only TEE can run it
      return { policy: 'tee', set: '-', estimate: { ciphertexts: 0, effectiveCores: 0, seconds: 0, memoryMiB: 0, memoryLimitMiB: 0, elementsPerSecond: 0 }, budget: { maxSeconds: 0, maxMemoryMiB: 0 }, reasons: [`no allowed HE parameter set holds this job's values (${e.message}), so tee`] }
    }
    const dir = this.node.config.dataDir
    const setName = set.name
    return (async () => {
      if (requested === 'tee') {
        // a forced tee needs no HE estimate: the cached calibration gives one for the report, but
        // calibrating HE now (seconds of the machine's time) would only delay a TEE job
        const cached = await readCalibration(dir)
        if (cached?.sets[setName] === undefined) {
          return { policy: 'tee', set: setName, estimate: { ciphertexts: 0, effectiveCores: 0, seconds: 0, memoryMiB: 0, memoryLimitMiB: 0, elementsPerSecond: 0 }, budget: { maxSeconds: 0, maxMemoryMiB: 0 }, reasons: ['policy tee forced by the job run; no HE estimate (this node has not calibrated HE: `shulian he calibrate`)'] }
        }
      }
      const calibration = await loadOrCalibrate(dir, { sets: [setName], runner: () => this.node.hePool() })
      return evaluateJobPolicy({ job: forced as Job, table, targetRows, maxSubtaskRows, machine, calibration })
    })()
  }

  private async run (id: string, job: Job, table: Table, leases: LeaseTerms[], options: JobRunOptions, phases: JobPhases, decided: { policy: string }): Promise<JobReport> {
    const started = Date.now()
    const { program } = job
    // bring up the relayed connections to the lessors (two Noise handshakes through the hubs)
    // while the policy is decided; a dial that fails here fails again, with its reason, below
    for (const lessor of new Set(leases.map(l => l.lessor))) {
      this.node.libp2p.dial(peerIdFromString(lessor), { signal: AbortSignal.timeout(30_000) }).catch(() => {})
    }
    const machine = options.machine ?? measureMachine()
    const spare = Math.max(0, Math.min(machine.cores, Math.round(machine.cores - machine.loadAverage)))

    // split: one subtask per lease (weight: leased cores), one local (weight: spare cores)
    const weights = [...leases.map(l => l.cores), spare]
    if (weights.every(w => w === 0)) throw new JobError('no leases and no spare local cores to run on')
    const ranges = splitRows(table.rowCount, weights)
    const planned: Planned[] = ranges.map((r, i) => ({ id: `${id}-${i + 1}`, lease: leases[i], table: sliceTable(table, r.start, r.end), start: r.start }))
    const remote = planned.filter(p => p.lease !== undefined && p.table.rowCount > 0)
    const targetRows = remote.reduce((n, p) => n + p.table.rowCount, 0)
    const maxSubtaskRows = Math.max(1, ...planned.map(p => p.table.rowCount))

    // policy (S206)
    let t = Date.now()
    const decision = await this.decide(job, table, options.policy, targetRows, maxSubtaskRows, machine)
    const mode = decision.policy as RemoteMode
    decided.policy = mode
    const policy: PolicyReport = { requested: options.policy, decision: mode, set: decision.set, reasons: decision.reasons, estimate: { ...decision.estimate }, budget: { ...decision.budget } }
    if (mode !== 'he' && this.node.tee.policy === undefined) {
      throw new JobError(`policy ${mode} needs a trusted enclave, but ${this.node.tee.policyProblem ?? 'this node has no TEE policy'}`)
    }
    phases.policyMs = Date.now() - t
    t = Date.now()
    const he = mode === 'tee' || remote.length === 0 ? undefined : await HeRenter.create(heSetForJob(job, table, maxSubtaskRows), this.node.hePool())
    phases.heKeysMs = Date.now() - t

    const ctx: RemoteContext = { node: this.node, program, he, heInputs: new Map(), signal: AbortSignal.timeout(60 * 60_000) }
    const views = this.progress.get(id) as Map<string, SubtaskProgressView>
    const self = this.node.config.self
    const nameOf = (peer: string): { name: string, subnet: string | null } => {
      const e = this.node.config.network.peer(peer)
      return { name: e?.name ?? peer.slice(-8), subnet: e?.subnet ?? null }
    }

    const runLocal = (p: Planned, attempts: SubtaskReport['attempts']): { partials: SubtaskPartials, report: SubtaskReport } => {
      const t = Date.now()
      const partials = runPlain(program, p.table)
      this.metrics.subtask('plain', 'local', (Date.now() - t) / 1000)
      return { partials, report: { id: p.id, ranOn: 'local', peerId: self.peerId.toString(), name: self.name, subnet: self.subnet, route: [self.peerId.toString()], mode: 'plain', leaseId: null, rows: p.table.rowCount, bytesSent: 0, bytesReceived: 0, ms: Date.now() - t, attempts } }
    }

    const runOne = async (p: Planned): Promise<{ partials: SubtaskPartials, report: SubtaskReport }> => {
      if (p.lease === undefined || p.table.rowCount === 0) return runLocal(p, [])
      // the planned lessor first, then the other leased lessors, then this node
      const candidates = [p.lease, ...leases.filter(l => l !== p.lease && l.lessor !== p.lease?.lessor)]
      const attempts: SubtaskReport['attempts'] = []
      for (const lease of candidates) {
        const { name, subnet } = nameOf(lease.lessor)
        const view: SubtaskProgressView = { id: p.id, name, phase: 'starting', done: 0, total: 0 }
        views.set(p.id, view)
        const t = Date.now()
        try {
          const r = await runRemote(ctx, { id: p.id, lessor: peerIdFromString(lease.lessor), lease, table: p.table, mode }, (pr) => { Object.assign(view, pr) })
          view.phase = 'done'
          this.metrics.subtask(mode, 'lessor', (Date.now() - t) / 1000)
          return { partials: r.partials, report: { id: p.id, ranOn: 'lessor', peerId: lease.lessor, name, subnet, route: r.route, mode, leaseId: lease.id, rows: p.table.rowCount, bytesSent: r.bytesSent, bytesReceived: r.bytesReceived, ms: Date.now() - t, lessorMs: r.lessorMs, ...(r.tee !== undefined ? { tee: r.tee } : {}), attempts } }
        } catch (err: any) {
          attempts.push({ peerId: lease.lessor, name, error: oneLine(err) })
          this.metrics.attemptFailed(mode, err)
          view.phase = 'failed'
        }
      }
      views.set(p.id, { id: p.id, name: self.name, phase: 'local re-run', done: 0, total: 0 })
      return runLocal(p, attempts)
    }

    t = Date.now()
    const results = await Promise.all(planned.map(runOne))
    phases.subtasksMs = Date.now() - t
    t = Date.now()
    const outputs = combine(program, results.map(r => r.partials))
    phases.combineMs = Date.now() - t
    const subtasks = results.map(r => r.report)
    return {
      id,
      name: job.spec.name,
      status: 'done',
      outputs,
      policy,
      subtasks,
      leases: leases.map(l => l.id),
      simulatedTee: subtasks.some(s => s.tee?.includes('simulated') === true),
      rows: table.rowCount,
      ms: Date.now() - started,
      phases
    }
  }
}

function oneLine (err: any): string {
  return String(err?.message ?? err).split('\n')[0]?.slice(0, 300) ?? 'failed'
}
