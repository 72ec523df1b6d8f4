/** The control API of joint trainings on a participant: run or resume one (renter), serve data (partner). */
import { ApiError } from '../api/server.js'
import type { ControlApi } from '../api/server.js'
import type { JointPartner } from './partner.js'
import type { JointRunner } from './renter.js'
import type { JointStore } from './store.js'

export function registerJointRoutes (api: ControlApi, init: { runner: JointRunner, partner: JointPartner, store: JointStore }): void {
  api.route('POST', '/joint/trainings', async (req) => {
    const body = req.body as { file?: unknown, resume?: unknown } | undefined
    if (typeof body?.file !== 'string') throw new ApiError(400, 'body must be { "file": "<path of a training file>", "resume": "<training id>"? }')
    if (body.resume !== undefined && typeof body.resume !== 'string') throw new ApiError(400, 'resume must be a training id')
    const { id } = await init.runner.start({ file: body.file, ...(body.resume !== undefined ? { resume: body.resume } : {}) })
    return { status: 202, body: { id } }
  })

  api.route('GET', '/joint/trainings', () => ({
    body: { trainings: init.store.list('renter').map(r => ({ id: r.id, name: r.name, status: r.status, round: r.round, created: r.created, updated: r.updated, error: r.error ?? null })) }
  }))

  api.route('GET', '/joint/trainings/:id', (req) => {
    const id = req.params.id as string
    const record = init.store.get(id, 'renter')
    if (record === undefined) throw new ApiError(404, `no joint training ${id} on this node`)
    return { body: { ...record, progress: init.runner.progressOf(id) ?? null } }
  })

  api.route('POST', '/joint/serve', async (req) => {
    const body = req.body as { data?: unknown, id?: unknown, label?: unknown } | undefined
    if (typeof body?.data !== 'string') throw new ApiError(400, 'body must be { "data": "<path of a CSV file>", "id": "id", "label": "y" }')
    const id = typeof body.id === 'string' ? body.id : 'id'
    const label = typeof body.label === 'string' ? body.label : 'y'
    return { body: await init.partner.serve({ data: body.data, id, label }) }
  })

  api.route('GET', '/joint/serve', () => ({ body: init.partner.status() }))

  api.route('DELETE', '/joint/serve', () => {
    init.partner.stopServing()
    return { body: init.partner.status() }
  })
}
