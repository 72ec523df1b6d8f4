import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { WorkerPool } from './index.js'

const TASKS = new URL('./test-tasks.js', import.meta.url)

describe('worker pool', () => {
  it('runs tasks on every worker at once', async () => {
    const pool = new WorkerPool({ tasks: TASKS, size: 2 })
    try {
      // each task waits until both have started: passes only if two workers run concurrently
      const counter = new Int32Array(new SharedArrayBuffer(4))
      const ids = await Promise.all([0, 1].map(async () => pool.run<number>('rendezvous', { parties: 2, counter })))
      assert.equal(new Set(ids).size, 2)
    } finally {
      await pool.close()
    }
  })

  it('keeps the name, code and exit code of a task error', async () => {
    const pool = new WorkerPool({ tasks: TASKS, size: 1 })
    try {
      await assert.rejects(pool.run('fail', {}), (e: any) => e.name === 'HeObjectError' && e.code === 'TRUNCATED' && e.exitCode === 2 && e.message === 'cut short')
    } finally {
      await pool.close()
    }
  })

  it('replaces a worker that dies, failing only its task', async () => {
    const pool = new WorkerPool({ tasks: TASKS, size: 1 })
    try {
      await assert.rejects(pool.run('die', {}), /worker thread died during task die/)
      assert.equal(await pool.run<number>('echo', 41), 41)
    } finally {
      await pool.close()
    }
  })
})
