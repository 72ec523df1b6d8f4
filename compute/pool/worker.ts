/**
 * Entry of a pool worker: loads the task module named in workerData (its `tasks` export, and an
 * optional `warmup` function run at start) and serves its tasks.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Transferable } from 'node:worker_threads'

/** A task returns its result, and optionally buffers to transfer rather than copy. */
export type TaskResult = { result: unknown, transfer?: Transferable[] }
export type TaskTable = Record<string, (payload: any) => Promise<TaskResult>>

const { tasks, warmup } = await import((workerData as { tasks: string }).tasks) as { tasks: TaskTable, warmup?: () => Promise<void> }
// start slow initialization (a WebAssembly instance, say) before the first task arrives
warmup?.().catch(() => {})

parentPort?.on('message', (msg: { id: number, task: string, payload: unknown }) => {
  const fn = tasks[msg.task]
  const run = fn === undefined ? Promise.reject(new Error(`unknown task ${msg.task}`)) : fn(msg.payload)
  run.then(
    ({ result, transfer }) => { parentPort?.postMessage({ id: msg.id, ok: true, result }, transfer ?? []) },
    (e: any) => {
      parentPort?.postMessage({ id: msg.id, ok: false, error: { name: e?.name, message: e?.message ?? String(e), stack: e?.stack, code: e?.code, exitCode: e?.exitCode } })
    }
  )
})
