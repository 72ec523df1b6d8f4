/**
 * A pool of worker threads, one per core by default, running named tasks from a task module (a
 * module whose `tasks` export maps names to async functions). Tasks queue when all workers are
 * busy. A worker that dies (an abort inside WebAssembly, out of memory) fails only its own task
 * and is replaced. Errors keep their `name`, `code` and `exitCode` across the thread boundary.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ResourceLimits, Transferable } from 'node:worker_threads'

export interface WorkerPoolInit {
  /** URL of the task module */
  tasks: URL
  /** number of workers; default: the cores of this machine */
  size?: number
  /** V8 heap sizes of each worker (a worker that allocates much wants a young generation of its own) */
  resourceLimits?: ResourceLimits
}

/** Something that runs named tasks: a worker pool, or the same tasks in this thread. */
export interface TaskRunner {
  readonly size: number
  run: <T>(task: string, payload: unknown, transfer?: readonly Transferable[]) => Promise<T>
}

interface Job {
  id: number
  task: string
  payload: unknown
  transfer: readonly Transferable[]
  resolve: (v: any) => void
  reject: (e: Error) => void
}

interface Slot { worker: Worker, job?: Job }

/** Rebuild an error thrown in a worker, keeping what code matches on. */
export function reviveError (e: { name?: string, message?: string, stack?: string, code?: unknown, exitCode?: unknown }): Error {
  const err = new Error(e.message ?? 'worker task failed') as Error & { code?: unknown, exitCode?: unknown }
  err.name = e.name ?? 'Error'
  if (e.code !== undefined) err.code = e.code
  if (typeof e.exitCode === 'number') err.exitCode = e.exitCode
  if (e.stack !== undefined) err.stack = e.stack
  return err
}

export class WorkerPool implements TaskRunner {
  readonly size: number
  private readonly init: WorkerPoolInit
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 0
  private closed = false

  constructor (init: WorkerPoolInit) {
    this.init = init
    this.size = Math.max(1, Math.floor(init.size ?? availableParallelism()))
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn())
  }

  private spawn (): Slot {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { tasks: this.init.tasks.href }, ...(this.init.resourceLimits !== undefined ? { resourceLimits: this.init.resourceLimits } : {}) })
    const slot: Slot = { worker }
    worker.on('message', (msg: { id: number, ok: boolean, result?: unknown, error?: any }) => {
      const job = slot.job
      if (job === undefined || job.id !== msg.id) return
      slot.job = undefined
      if (msg.ok) job.resolve(msg.result)
      else job.reject(reviveError(msg.error ?? {}))
      this.dispatch()
    })
    const died = (err: Error): void => {
      const job = slot.job
      slot.job = undefined
      const i = this.slots.indexOf(slot)
      if (i !== -1 && !this.closed) this.slots[i] = this.spawn()
      job?.reject(new Error(`worker thread died during task ${job.task}: ${err.message}`))
      this.dispatch()
    }
    worker.on('error', died)
    worker.on('exit', (code) => { if (!this.closed) died(new Error(`exit code ${code}`)) })
    worker.unref()
    return slot
  }

  private dispatch (): void {
    for (const slot of this.slots) {
      if (slot.job !== undefined) continue
      const job = this.queue.shift()
      if (job === undefined) break
      slot.job = job
      slot.worker.ref()
      slot.worker.postMessage({ id: job.id, task: job.task, payload: job.payload }, job.transfer as Transferable[])
    }
    for (const slot of this.slots) if (slot.job === undefined) slot.worker.unref()
  }

  /** Run `task` on the next free worker. Transferred buffers are no longer usable here. */
  async run<T>(task: string, payload: unknown, transfer: readonly Transferable[] = []): Promise<T> {
    if (this.closed) throw new Error('worker pool is closed')
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, payload, transfer, resolve, reject })
      this.dispatch()
    })
  }

  /** Stop every worker; queued and running tasks fail. */
  async close (): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'))
    await Promise.all(this.slots.map(async s => {
      s.job?.reject(new Error('worker pool closed'))
      await s.worker.terminate()
    }))
  }
}

/**
 * `bytes` with a buffer of its own. Posting a view to a worker clones its whole underlying buffer
 * (a decoded protobuf's fields are views into the entire message), so views are copied first.
 */
export function ownBytes<T extends Uint8Array | Float64Array> (bytes: T): T {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice() as T
}
