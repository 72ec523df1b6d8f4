import type { TaskTable } from './worker.js'
import type { TaskRunner } from './pool.js'

/** The tasks of a task table run in this thread, one at a time: for small jobs, tests, enclaves. */
export function inProcessRunner (tasks: TaskTable): TaskRunner {
  return {
    size: 1,
    run: async <T>(task: string, payload: unknown): Promise<T> => {
      const fn = tasks[task]
      if (fn === undefined) throw new Error(`unknown task ${task}`)
      return (await fn(payload)).result as T
    }
  }
}
