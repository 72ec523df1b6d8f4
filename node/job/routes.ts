/** The control API of jobs on a participant: start one, list them, follow one. */
import { ApiError } from '../api/server.js'
import { JobError } from './runner.js'
import type { JobRunner } from './runner.js'
import type { JobStore } from './store.js'
import type { JobPolicyChoice } from './types.js'
import type { ControlApi } from '../api/server.js'
import type { LeaseTerms } from '../lease-guard.js'
import type { Job } from '../../compute/index.js'

const POLICIES = new Set(['auto', 'he', 'tee', 'tee+he'])

export interface JobRoutesInit {
  runner: JobRunner
  store: JobStore
  /** the leases a job runs on (the market: leases held, or a BUY from the job's lease section) */
  leases: (job: Job, policy: JobPolicyChoice) => Promise<LeaseTerms[]>
}

export function registerJobRoutes (api: ControlApi, init: JobRoutesInit): void {
  api.route('POST', '/jobs', async (req) => {
    const body = req.body as { job?: unknown, policy?: unknown } | undefined
    if (typeof body?.job !== 'string') throw new ApiError(400, 'body must be { "job": "<path of a job file>", "policy": "auto|he|tee|tee+he" }')
    const policy = body.policy ?? 'auto'
    if (typeof policy !== 'string' || !POLICIES.has(policy)) throw new ApiError(400, `policy must be one of auto, he, tee, tee+he, not ${JSON.stringify(policy)}`)
    const { id } = await init.runner.start({ jobPath: body.job, policy: policy as JobPolicyChoice, leases: init.leases })
    return { status: 202, body: { id } }
  })

  api.route('GET', '/jobs', () => ({
    body: { jobs: init.store.list().map(r => ({ id: r.id, name: r.name, status: r.status, policy: r.policy, decision: r.report?.policy?.decision ?? null, created: r.created, updated: r.updated, error: r.error ?? null })) }
  }))

  // ?wait=MS (at most 10 s): answer when the job ends, or after MS, whichever comes first; a client
  // that follows a job learns of its end at once rather than at its next poll
  api.route('GET', '/jobs/:id', async (req) => {
    const id = req.params.id as string
    if (init.store.get(id) === undefined) throw new ApiError(404, `no job ${id} on this node`)
    const wait = req.url.searchParams.get('wait')
    if (wait !== null) {
      const ms = Number(wait)
      if (!Number.isInteger(ms) || ms < 0 || ms > 10_000) throw new ApiError(400, `wait must be a whole number of milliseconds from 0 to 10000, not ${JSON.stringify(wait)}`)
      await init.runner.settled(id, ms)
    }
    const record = init.store.get(id)
    if (record === undefined) throw new ApiError(404, `no job ${id} on this node`)
    return { body: { ...record, progress: init.runner.progressOf(id) } }
  })
}

export { JobError }
