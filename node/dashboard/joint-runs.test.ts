import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { JointRuns, MAX_JOINT_RUNS, MAX_LOSS_POINTS, jointRunView, thin } from './joint-runs.js'
import type { JointRun } from './joint-runs.js'

const run = (o: Partial<JointRun> = {}): JointRun => ({ id: 'r1', status: 'running', rounds: 3, loss: [0.9, 0.5, 0.3], ...o })

describe('dashboard joint runs', () => {
  it('is unavailable (nothing drawn) until a joint feature feeds it', async () => {
    assert.deepEqual(await new JointRuns().topic(), { available: false, runs: [], invalid: 0 })
  })

  it('a recorded run is sent at once and replaced by the next record of its id', async () => {
    let changes = 0
    let now = 1000
    const j = new JointRuns(() => { changes++ }, () => now)
    j.record(run({ name: 'credit <b>x</b>', peer: 'peerX' }))
    assert.equal(changes, 1)
    now = 2000
    j.record(run({ id: 'r2', rounds: 1, loss: [2] }))
    now = 3000
    j.record(run({ rounds: 4, loss: [0.9, 0.5, 0.3, 0.2], status: 'done' }))
    const t = await j.topic()
    assert.equal(t.available, true)
    assert.deepEqual(t.runs.map(r => [r.id, r.status, r.rounds, r.updated]), [['r1', 'done', 4, 3000], ['r2', 'running', 1, 2000]], 'newest first')
    assert.deepEqual(t.runs[0]?.loss, [0.9, 0.5, 0.3, 0.2])
    assert.deepEqual(t.runs[0]?.lossRounds, [1, 2, 3, 4])
    assert.equal(t.runs[0]?.name, undefined, 'the record replaced the whole run')
  })

  it('reads runs from a source at every assembly; a source run replaces a pushed one; bad ones are counted, not shown', async () => {
    const j = new JointRuns()
    j.record(run({ id: 'both', loss: [1, 1, 1] }))
    let rounds = [0.8]
    j.source(() => [
      run({ id: 'both', rounds: rounds.length, loss: rounds }),
      { id: '', status: 'running', rounds: 0, loss: [] },
      run({ id: 'nan', loss: [1, Number.NaN, 0.5] })
    ])
    assert.deepEqual((await j.topic()).runs.map(r => r.loss), [[0.8]])
    rounds = [0.8, 0.6]
    const t = await j.topic()
    assert.deepEqual(t.runs.map(r => r.loss), [[0.8, 0.6]], 'read again, not cached')
    assert.equal(t.invalid, 2)
  })

  it('keeps the most recent runs only', async () => {
    let now = 0
    const j = new JointRuns(() => {}, () => now++)
    for (let i = 0; i < MAX_JOINT_RUNS + 5; i++) j.record(run({ id: `r${i}` }))
    const ids = (await j.topic()).runs.map(r => r.id)
    assert.equal(ids.length, MAX_JOINT_RUNS)
    assert.equal(ids[0], `r${MAX_JOINT_RUNS + 4}`)
    assert.ok(!ids.includes('r0'))
  })

  it('refuses malformed runs in one line that names the run and the field', () => {
    const bad: Array<[unknown, RegExp]> = [
      [null, /not an object/],
      [run({ id: '' }), /id must be/],
      [run({ status: 'Running <now>' }), /status must be/],
      [run({ loss: [1, Infinity] }), /loss must be an array of finite numbers/],
      [run({ loss: 'x' as unknown as number[] }), /loss must be/],
      [run({ rounds: 2 }), /"r1": rounds must be a whole number, at least the 3 losses/],
      [run({ rounds: 3.5 }), /rounds/],
      [run({ name: 'x'.repeat(201) }), /name must be/]
    ]
    for (const [r, message] of bad) {
      assert.throws(() => new JointRuns().record(r as JointRun), (e: Error) => e.name === 'JointRunError' && message.test(e.message) && !e.message.includes('\n'), String(message))
    }
  })

  it('a long loss series is thinned for drawing, keeping its first and last rounds', () => {
    const loss = Array.from({ length: 5000 }, (_, i) => 1 / (i + 1))
    const v = jointRunView(run({ rounds: 5000, loss }), 0)
    assert.ok(v.loss.length <= MAX_LOSS_POINTS)
    assert.equal(v.loss.length, v.lossRounds.length)
    assert.equal(v.lossRounds[0], 1)
    assert.equal(v.lossRounds.at(-1), 5000)
    assert.equal(v.loss.at(-1), 1 / 5000)
    assert.deepEqual(thin(3, 10), [0, 1, 2])
    // only the last rounds' losses given: they are numbered from the end
    assert.deepEqual(jointRunView(run({ rounds: 10, loss: [0.2, 0.1] }), 0).lossRounds, [9, 10])
  })
})
