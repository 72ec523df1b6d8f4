import assert from 'node:assert/strict'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createHePool } from '../he/index.js'
import { CALIBRATION_FILE, PolicyError, evaluatePolicy, loadOrCalibrate, machineFingerprint, readCalibration } from './index.js'
import type { HeCalibration, PolicyInput } from './index.js'
import type { TaskRunner } from '../pool/index.js'

const calibration: HeCalibration = {
  version: 1,
  machine: 'test',
  measuredAt: '2026-01-01T00:00:00Z',
  sets: { 'ckks-16384-d3': { slots: 8192, secondsPerCiphertext: 0.02, ciphertextBytes: 556_000 } }
}

const base: PolicyInput = {
  machine: { cores: 4, loadAverage: 0, freeMemoryBytes: 16 * 2 ** 30 },
  calibration,
  set: 'ckks-16384-d3',
  targetRows: 1_000_000,
  columns: 3,
  budget: { maxSeconds: 10, maxMemoryMiB: 4096 }
}

describe('policy evaluation', () => {
  it('picks he when encryption fits the budget, with the numbers', () => {
    // 123 ciphertexts per column × 3 = 369 × 20 ms / 4 cores = 1.845 s
    const d = evaluatePolicy(base)
    assert.equal(d.policy, 'he')
    assert.equal(d.estimate.ciphertexts, 369)
    assert.ok(Math.abs(d.estimate.seconds - 1.845) < 1e-9)
    assert.match(d.reasons[0] as string, /369 ciphertexts .* ~1\.85 s: within the 10 s budget/)
    assert.match(d.reasons.at(-1) as string, /affordable/)
  })

  it('picks tee just over the time threshold, and says it was time', () => {
    const justOk = evaluatePolicy({ ...base, budget: { ...base.budget, maxSeconds: 1.845 } })
    assert.equal(justOk.policy, 'he')
    const over = evaluatePolicy({ ...base, budget: { ...base.budget, maxSeconds: 1.84 } })
    assert.equal(over.policy, 'tee')
    assert.match(over.reasons[0] as string, /over the 1\.8 s budget/)
    assert.match(over.reasons.at(-1) as string, /not affordable \(time\)/)
  })

  it('counts load: busy cores do not encrypt', () => {
    const busy = evaluatePolicy({ ...base, machine: { ...base.machine, loadAverage: 3 } })
    assert.equal(busy.estimate.effectiveCores, 1)
    assert.ok(Math.abs(busy.estimate.seconds - 7.38) < 1e-9)
    assert.equal(evaluatePolicy({ ...base, machine: { ...base.machine, loadAverage: 3 }, budget: { ...base.budget, maxSeconds: 5 } }).policy, 'tee')
  })

  it('picks tee when memory is short, by budget or by free memory, and says so', () => {
    const d = evaluatePolicy({ ...base, machine: { ...base.machine, freeMemoryBytes: 256 * 2 ** 20 } })
    assert.equal(d.policy, 'tee')
    assert.match(d.reasons[1] as string, /over the limit of 205 MiB .*80% of 256 MiB free/)
    assert.match(d.reasons.at(-1) as string, /not affordable \(memory\)/)
    assert.equal(evaluatePolicy({ ...base, budget: { ...base.budget, maxMemoryMiB: 100 } }).policy, 'tee')
  })

  it('is deterministic, honours a forced policy, and needs a calibration for the set', () => {
    assert.deepEqual(evaluatePolicy(base), evaluatePolicy(base))
    const forced = evaluatePolicy({ ...base, forced: 'tee+he' })
    assert.equal(forced.policy, 'tee+he')
    assert.match(forced.reasons.at(-1) as string, /forced/)
    assert.throws(() => evaluatePolicy({ ...base, set: 'bfv-8192-t20' }), PolicyError)
  })
})

describe('HE calibration cache', () => {
  it('measures, caches in the data dir, and reuses the cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-cal-'))
    assert.equal(await readCalibration(dir), undefined)
    const first = await loadOrCalibrate(dir, { sets: ['ckks-8192-d1'], rounds: 1 })
    const c = first.sets['ckks-8192-d1']
    assert.ok(c !== undefined && c.slots === 4096 && c.secondsPerCiphertext > 0 && c.ciphertextBytes > 100_000)
    const onDisk = JSON.parse(await readFile(join(dir, CALIBRATION_FILE), 'utf8')) as HeCalibration
    assert.deepEqual(onDisk, first)
    const again = await loadOrCalibrate(dir, { sets: ['ckks-8192-d1'] })
    assert.equal(again.measuredAt, first.measuredAt)
    const forced = await loadOrCalibrate(dir, { sets: ['ckks-8192-d1'], rounds: 1, force: true })
    assert.notEqual(forced.measuredAt, first.measuredAt)
  })

  it('measures on a worker thread when given a runner, and caches what the worker measured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-cal-'))
    const pool = createHePool(1)
    const asked: string[] = []
    try {
      let started = 0
      const runner = (): TaskRunner => {
        started++
        return { size: pool.size, run: async <T>(task: string, payload: unknown): Promise<T> => { asked.push(task); return pool.run<T>(task, payload) } }
      }
      const measured = await loadOrCalibrate(dir, { sets: ['bfv-8192-t20'], rounds: 1, runner })
      assert.deepEqual(asked, ['calibrate'])
      assert.deepEqual(Object.keys(measured.sets), ['bfv-8192-t20'])
      assert.equal(measured.machine, machineFingerprint())
      assert.deepEqual(await readCalibration(dir), measured)
      await loadOrCalibrate(dir, { sets: ['bfv-8192-t20'], runner })
      assert.deepEqual(asked, ['calibrate'], 'the cache answers the second time')
      assert.equal(started, 1, 'and the pool is not asked for when the cache answers')
    } finally {
      await pool.close()
    }
  })
})

describe('policy for a job file', () => {
  it('uses the job\'s budget and forced policy, and the set its data needs', async () => {
    const { parseJob } = await import('../job/index.js')
    const { tableOf } = await import('../data/index.js')
    const { evaluateJobPolicy, jobBudget } = await import('./index.js')
    const spec = { name: 'j', data: { path: 'd.csv', columns: { x: 'float' } }, program: { outputs: { m: 'mean(x*x*x)' } }, budget: { maxSeconds: 0.5 } }
    const job = parseJob(spec, 'job.json', '/')
    assert.deepEqual(jobBudget(job, { maxMemoryMiB: 300 }), { maxSeconds: 0.5, maxMemoryMiB: 300 })
    const table = tableOf({ x: 'float' }, { x: [1e5, 2, 3] })
    const input = { job, table, targetRows: 1_000_000, maxSubtaskRows: 500_000, machine: base.machine, calibration }
    const d = evaluateJobPolicy(input)
    assert.equal(d.set, 'ckks-16384-d3')
    assert.equal(d.policy, 'tee')
    const forced = evaluateJobPolicy({ ...input, job: parseJob({ ...spec, budget: { ...spec.budget, policy: 'he' } }, 'job.json', '/') })
    assert.equal(forced.policy, 'he')
  })
})
