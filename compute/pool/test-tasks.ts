/** Tasks for pool.test.ts. */
import { threadId } from 'node:worker_threads'
import type { TaskTable } from './worker.js'

export const tasks: TaskTable = {
  echo: async (x: unknown) => ({ result: x }),
  /** returns only once `parties` tasks have arrived (so they ran at the same time), or fails */
  rendezvous: async (p: { parties: number, counter: Int32Array }) => {
    Atomics.add(p.counter, 0, 1)
    Atomics.notify(p.counter, 0)
    const deadline = Date.now() + 5000
    for (let n = Atomics.load(p.counter, 0); n < p.parties; n = Atomics.load(p.counter, 0)) {
      if (Date.now() > deadline) throw new Error('the other task never ran alongside')
      Atomics.wait(p.counter, 0, n, 100)
    }
    return { result: threadId }
  },
  fail: async () => {
    const e = new Error('cut short') as Error & { code: string, exitCode: number }
    e.name = 'HeObjectError'
    e.code = 'TRUNCATED'
    e.exitCode = 2
    throw e
  },
  die: async () => { process.exit(7) }
}
