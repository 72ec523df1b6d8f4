/**
 * Joint runs on the dashboard (issue 9's trainings with a data owner): what the Jobs view lists,
 * each with its loss per round as a chart. The dashboard does not know how joint runs work; their
 * code feeds it runs in one plain shape, in either (or both) of two ways:
 *
 *   node.dashboard?.joint.record({ id, name, status, rounds, loss })   push, e.g. after each round
 *   node.dashboard?.joint.source(() => runs)                           pull, read at every tick
 *
 * A pull source suits runs kept in a store (read while someone watches, about once a second);
 * pushed runs live in this process's memory. A run from a source replaces a pushed one of the same
 * id. Runs are checked here: a bad pushed run throws `JointRunError` (one line), a bad one from a
 * source is left out and counted in `invalid`.
 */

/** Runs listed at most (the most recently updated). */
export const MAX_JOINT_RUNS = 20
/** Points drawn per loss chart at most: a longer series is thinned evenly, keeping its last round. */
export const MAX_LOSS_POINTS = 500
/** Longest id or name accepted, characters. */
export const MAX_JOINT_TEXT = 200

export interface JointRun {
  id: string
  name?: string
  /** 'running', 'done', 'failed', 'interrupted' (any short word is shown) */
  status: string
  /** completed rounds */
  rounds: number
  /** loss after each completed round, first round first */
  loss: number[]
  /** the other data owner (peer id), shown by name */
  peer?: string
  error?: string
  /** ms since the epoch; defaults to when it was recorded */
  updated?: number
}

/** A run as the page gets it: `loss` thinned to at most MAX_LOSS_POINTS, `lossRounds` their round numbers. */
export interface JointRunView extends JointRun {
  lossRounds: number[]
  updated: number
}

export interface JointTopic {
  /** false until a joint feature fed the dashboard (the page then shows no joint section) */
  available: boolean
  runs: JointRunView[]
  invalid: number
}

export class JointRunError extends Error {
  static name = 'JointRunError'

  constructor (message: string) {
    super(message)
    this.name = 'JointRunError'
  }
}

export class JointRuns {
  private readonly pushed = new Map<string, JointRunView>()
  private readonly sources: Array<() => JointRun[] | Promise<JointRun[]>> = []
  private readonly onChange: () => void
  private readonly now: () => number

  constructor (onChange: () => void = () => {}, now: () => number = Date.now) {
    this.onChange = onChange
    this.now = now
  }

  /** Add or replace a run (by id); the page shows it at once. Throws JointRunError on a malformed run. */
  record (run: JointRun): JointRunView {
    const view = jointRunView(run, this.now())
    this.pushed.delete(view.id)
    this.pushed.set(view.id, view)
    while (this.pushed.size > MAX_JOINT_RUNS) this.pushed.delete(this.pushed.keys().next().value as string)
    this.onChange()
    return view
  }

  /** Read runs from `read` whenever the dashboard assembles its data. */
  source (read: () => JointRun[] | Promise<JointRun[]>): void {
    this.sources.push(read)
    this.onChange()
  }

  /** Something a source reads changed: send it now rather than at the next tick. */
  changed (): void {
    this.onChange()
  }

  /** The `joint` topic of the dashboard. */
  async topic (): Promise<JointTopic> {
    const byId = new Map(this.pushed)
    let invalid = 0
    for (const read of this.sources) {
      for (const run of await read()) {
        try {
          const view = jointRunView(run, this.now())
          byId.set(view.id, view)
        } catch {
          invalid++
        }
      }
    }
    const runs = [...byId.values()].sort((a, b) => b.updated - a.updated).slice(0, MAX_JOINT_RUNS)
    return { available: this.sources.length > 0 || this.pushed.size > 0, runs, invalid }
  }
}

/** Check a run and thin its loss series for drawing. */
export function jointRunView (run: JointRun, now: number): JointRunView {
  const r = run as Partial<JointRun> | null
  const bad = (what: string): never => { throw new JointRunError(`joint run ${typeof r?.id === 'string' ? JSON.stringify(r.id.slice(0, 40)) : ''}: ${what}`) }
  if (r === null || typeof r !== 'object') return bad('not an object')
  if (typeof r.id !== 'string' || r.id === '' || r.id.length > MAX_JOINT_TEXT) bad(`id must be a non-empty string of at most ${MAX_JOINT_TEXT} characters`)
  if (r.name !== undefined && (typeof r.name !== 'string' || r.name.length > MAX_JOINT_TEXT)) bad(`name must be a string of at most ${MAX_JOINT_TEXT} characters`)
  if (typeof r.status !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(r.status)) bad('status must be a short lower-case word such as running, done or failed')
  if (!Array.isArray(r.loss) || !r.loss.every(v => typeof v === 'number' && Number.isFinite(v))) bad('loss must be an array of finite numbers, one per completed round')
  const loss = r.loss as number[]
  if (typeof r.rounds !== 'number' || !Number.isInteger(r.rounds) || r.rounds < loss.length) bad(`rounds must be a whole number, at least the ${loss.length} losses given`)
  if (r.peer !== undefined && typeof r.peer !== 'string') bad('peer must be a peer id string')
  if (r.error !== undefined && typeof r.error !== 'string') bad('error must be a string')
  if (r.updated !== undefined && (typeof r.updated !== 'number' || !Number.isFinite(r.updated))) bad('updated must be a time in ms')
  // the losses are those of the last loss.length rounds (a run may report only recent ones)
  const first = (r.rounds as number) - loss.length + 1
  const picked = thin(loss.length, MAX_LOSS_POINTS)
  return {
    id: r.id as string,
    ...(r.name !== undefined ? { name: r.name } : {}),
    status: r.status as string,
    rounds: r.rounds as number,
    loss: picked.map(i => loss[i] as number),
    lossRounds: picked.map(i => first + i),
    ...(r.peer !== undefined ? { peer: r.peer } : {}),
    ...(r.error !== undefined ? { error: r.error.split('\n')[0]?.slice(0, 500) } : {}),
    updated: r.updated ?? now
  }
}

/** Indices of at most `max` evenly spaced items of `n`, the first and the last among them. */
export function thin (n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  const out = new Set<number>()
  for (let k = 0; k < max; k++) out.add(Math.round((k * (n - 1)) / (max - 1)))
  return [...out]
}
