/**
 * What this machine's cores give when nothing is shared: the same fixed amount of pure integer work
 * (xorshift, in registers: no memory traffic, no allocation, no GC) on a pool of 1 worker and on a
 * pool of `n` (the project's WorkerPool, as the HE path uses), the fastest of a few runs each.
 * Printed beside the HE speed-up so that a shortfall can be read: if this reference scales and HE
 * does not, the HE path shares something (GC threads, memory, the main thread); if the reference
 * does not scale either, the machine does not give `n` cores.
 */
import { WorkerPool } from './deps.js'
import type { TaskResult, TaskTable } from './deps.js'

/** The pool's task module is this file. */
export const tasks: TaskTable = {
  spin: async (steps: number): Promise<TaskResult> => {
    let x = 0x12345678 | 0
    for (let i = 0; i < steps; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5 }
    return { result: x }
  }
}

async function rate (workers: number, steps: number, runs: number): Promise<number> {
  const pool = new WorkerPool({ tasks: new URL(import.meta.url), size: workers })
  const all = async (): Promise<unknown> => Promise.all(Array.from({ length: workers }, async () => pool.run('spin', steps)))
  try {
    await all() // warm-up: the loop is optimized by the second run
    let best = 0
    for (let r = 0; r < runs; r++) {
      const t = performance.now()
      await all()
      best = Math.max(best, workers * steps / (performance.now() - t))
    }
    return best
  } finally {
    await pool.close()
  }
}

/** Speed-up of `n` workers over 1 on pure CPU work, runs interleaved. */
export async function cpuCeiling (n: number, quick: boolean): Promise<number> {
  const steps = quick ? 5e7 : 2e8
  let one = 0
  let all = 0
  for (let i = 0; i < 3; i++) {
    one = Math.max(one, await rate(1, steps, 2))
    all = Math.max(all, await rate(n, steps, 2))
  }
  return all / one
}
