/**
 * The method end to end on real processes (DESIGN §2, issue "shulian job run"): a renter in
 * subnet a leases compute from lessors in subnets b and c, splits its job, protects the data by
 * policy, and gets the plaintext answer back through the hubs — also when a lessor dies mid-job.
 */
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { peerIdFromString } from '@libp2p/peer-id'
import { combine, encodeProgram, loadJobFile, readCsvTable, runPlain, writeSyntheticCsv } from '../compute/index.js'
import { loadNodeConfig } from '../node/config.js'
import { ShulianNode } from '../node/shulian-node.js'
import { TASK_PROTOCOL, runSubtask } from '../protocols/task/index.js'
import { cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import { api } from './market-helpers.js'
import type { TestNetwork } from './helpers/net.js'

const ROWS = 40_000

/**
 * CKKS answers within the executor's stated tolerance (1e-6 relative here); plaintext (TEE) answers
 * within float64 rounding, since a split job sums in another order than one pass over the table.
 */
function assertOutputs (got: Record<string, number | number[]>, want: Record<string, number | number[]>, plaintext: boolean): void {
  assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort())
  const rel = plaintext ? 1e-12 : 1e-6
  for (const [k, w] of Object.entries(want)) {
    const g = got[k] as number
    assert.ok(Math.abs(g - (w as number)) <= rel * Math.max(1, Math.abs(w as number)), `${k}: ${g} vs ${String(w)}`)
  }
}

describe('job run across subnets', () => {
  let net: TestNetwork
  let jobPath: string
  let expected: Record<string, number | number[]>
  const dir = (name: string): string => net.node(name).dataDir
  const id = (name: string): string => net.node(name).peerId

  const writeJob = async (name: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const path = join(net.dir, `${name}.json`)
    await writeFile(path, JSON.stringify({
      name,
      data: { path: 'synthetic.csv', columns: { income: 'float', debt: 'float', age: 'int' } },
      program: { let: { score: '0.3*income - 0.2*debt + 0.01*age*age' }, outputs: { mean_score: 'mean(score)', var_score: 'var(score)', total_debt: 'sum(debt)', rows: 'count()' } },
      lease: { cores: 4, memoryMiB: 2048, maxPrice: 10, duration: '30m' },
      budget: { maxSeconds: 600, maxMemoryMiB: 8192 },
      ...extra
    }))
    return path
  }

  before(async () => {
    // a-3 is started in-process by a test below, to speak the task protocol without a lease
    net = await startNetwork({ subnets: '3,1,1', skip: ['a-3'], configure: { 'hub-a': { market: { rematchIntervalMs: 300, offerCacheMs: 100 } } } })
    await writeSyntheticCsv(join(net.dir, 'synthetic.csv'), ROWS, 42)
    jobPath = await writeJob('credit')
    const job = await loadJobFile(jobPath)
    expected = combine(job.program, [runPlain(job.program, await readCsvTable(job.dataPath, job.spec.data.columns))])
    const measurement = (await cliJson(['tee', 'measure'])).measurement
    // 2 cores each: the renter's BUY for 4 cores is filled by both lessors
    for (const lessor of ['b-1', 'c-1']) {
      await api(dir(lessor), '/market/orders', {
        side: 'sell', cores: 2, memoryMiB: 8192, expiresInS: 3600, protection: { he: true, tee: { kind: 'simulated', measurement } }, heElementsPerS: 500_000, pricePerCoreHour: 1, minDurationS: 60, maxDurationS: 86_400
      })
    }
    await waitFor('hub-a to find both offers', async () => (await api(dir('hub-a'), '/market/offers')).offers.length === 2 ? true : undefined)
  })
  after(async () => { await net?.down() })

  // first: it buys leases of any protection (2 cores in b, 2 in c) that the forced runs then reuse
  it('auto: a budget too small for HE picks tee, a large one picks he, and the reasons say why', async () => {
    const small = await cliJson(['job', 'run', await writeJob('small-budget', { budget: { maxSeconds: 0.001, maxMemoryMiB: 8192 } }), '--dir', dir('a-1')], { timeout: 600_000 })
    assert.equal(small.policy.requested, 'auto')
    assert.equal(small.policy.decision, 'tee')
    assert.ok(small.policy.reasons.some((x: string) => /s(econds)?\b.*(budget|over|exceed)|budget/.test(x)), small.policy.reasons.join(' | '))
    assertOutputs(small.outputs, expected, true)
    const large = await cliJson(['job', 'run', await writeJob('large-budget', { budget: { maxSeconds: 36_000, maxMemoryMiB: 16_384 } }), '--dir', dir('a-1')], { timeout: 600_000 })
    assert.equal(large.policy.decision, 'he')
    assert.ok(large.policy.reasons.length > 0)
    assertOutputs(large.outputs, expected, false)
  })

  for (const policy of ['tee', 'he', 'tee+he'] as const) {
    it(`--policy ${policy}: the plaintext answer, through the hubs, on leases in subnets b and c`, async () => {
      const r = await cliJson(['job', 'run', jobPath, '--dir', dir('a-1'), '--policy', policy], { timeout: 600_000 })
      assert.equal(r.status, 'done', r.error)
      assertOutputs(r.outputs, expected, policy === 'tee')
      assert.equal(r.policy.decision, policy)
      const remote = r.subtasks.filter((s: any) => s.ranOn === 'lessor')
      assert.deepEqual(remote.map((s: any) => s.name).sort(), ['b-1', 'c-1'], `both lessors computed: ${JSON.stringify(r.subtasks.map((s: any) => [s.name, s.attempts]))}`)
      for (const s of remote) {
        assert.equal(s.mode, policy)
        assert.deepEqual(s.route, [id('a-1'), id('hub-a'), id(s.name === 'b-1' ? 'hub-b' : 'hub-c'), id(s.name)], 'through both hubs only')
        assert.ok(s.bytesSent > 0 && s.bytesReceived > 0)
        assert.ok(Number.isInteger(s.lessorMs) && s.lessorMs >= 0 && s.lessorMs <= s.ms, `the lessor's part of the time is within the whole: ${s.lessorMs} of ${s.ms} ms`)
        assert.ok(r.leases.includes(s.leaseId))
        if (policy !== 'he') assert.match(s.tee, /simulated TEE/)
      }
      assert.equal(r.simulatedTee, policy !== 'he')
      assert.equal(r.subtasks.reduce((n: number, s: any) => n + s.rows, 0), ROWS)
    })
  }

  it('a lessor killed mid-subtask: the job still gives the right answer, and the report says where the subtask was re-run', async () => {
    await writeSyntheticCsv(join(net.dir, 'large.csv'), 8 * ROWS, 43)
    const largeJob = await writeJob('large', { data: { path: 'large.csv', columns: { income: 'float', debt: 'float', age: 'int' } } })
    const job = await loadJobFile(largeJob)
    const want = combine(job.program, [runPlain(job.program, await readCsvTable(job.dataPath, job.spec.data.columns))])
    const { id: jobId } = await api(dir('a-1'), '/jobs', { job: largeJob, policy: 'he' })
    // wait until b-1 is busy with its subtask, then kill it
    await waitFor('b-1 to receive its subtask', async () => {
      const rec = await api(dir('a-1'), `/jobs/${jobId}`)
      return rec.progress.some((p: any) => p.name === 'b-1' && ['sending', 'receiving', 'computing'].includes(p.phase)) ? true : undefined
    }, 120_000)
    process.kill(Number((await readFile(join(dir('b-1'), 'node.pid'), 'utf8')).trim()), 'SIGKILL')
    // followed as the CLI does: the node answers when the job ends, or after `wait` ms
    const rec = await waitFor('the job to end', async () => {
      const r = await api(dir('a-1'), `/jobs/${jobId}?wait=5000`)
      return r.status === 'running' ? undefined : r
    }, 600_000)
    assert.equal(rec.status, 'done', rec.error)
    // an ended job is answered at once, whatever the wait; a wait that is not 0..10000 ms is refused
    const asked = Date.now()
    assert.equal((await api(dir('a-1'), `/jobs/${jobId}?wait=10000`)).status, 'done')
    assert.ok(Date.now() - asked < 9000, 'did not wait for a job that had ended')
    for (const bad of ['abc', '-1', '10001', '1.5']) {
      await assert.rejects(api(dir('a-1'), `/jobs/${jobId}?wait=${bad}`), /wait must be a whole number of milliseconds/)
    }
    assertOutputs(rec.report.outputs, want, false)
    const moved = rec.report.subtasks.find((s: any) => s.attempts.some((a: any) => a.name === 'b-1'))
    assert.ok(moved != null, `a subtask records the failed attempt on b-1: ${JSON.stringify(rec.report.subtasks)}`)
    assert.notEqual(moved.name, 'b-1', 'and ran elsewhere')
    const shown = await cli(['job', 'show', jobId, '--dir', dir('a-1')])
    assert.match(shown.stdout, /re-run here after b-1 failed/)
    await net.up()
  })

  it('leases are respected: a subtask under another renter\'s lease, or under none, is refused by the lessor', async () => {
    const held = (await api(dir('a-1'), '/market/leases')).leases.filter((l: any) => l.lessor === id('c-1'))
    assert.ok(held.length > 0, 'a-1 holds a lease with c-1')
    const node = await ShulianNode.create(await loadNodeConfig(join(net.dir, 'a-3', 'node.json')))
    await node.start()
    try {
      const job = await loadJobFile(jobPath)
      const c1 = peerIdFromString(id('c-1'))
      for (const leaseId of [held[0].id, '0'.repeat(32)]) {
        const stream = await node.libp2p.dialProtocol(c1, TASK_PROTOCOL, { signal: AbortSignal.timeout(30_000) })
        await assert.rejects(runSubtask(stream, { leaseId, subtaskId: 'x-1', mode: 'he', program: encodeProgram(job.program), rows: 1 }, [new Uint8Array(8)], 8),
          (e: any) => e.name === 'TaskError' && e.code === 'NO_LEASE' && e.message.includes(node.libp2p.peerId.toString()))
      }
    } finally {
      await node.stop()
    }
  })

  it('bad input: one line, exit 2, and no job recorded', async () => {
    const before = (await api(dir('a-2'), '/jobs')).jobs.length
    const broken = join(net.dir, 'broken.json')
    await writeFile(broken, '{ "name": ')
    const cases: Array<[string, RegExp]> = [
      [broken, /broken\.json: not valid JSON|broken\.json/],
      [await writeJob('no-data', { data: { path: 'missing.csv', columns: { income: 'float', debt: 'float', age: 'int' } } }), /missing\.csv: cannot read the data file/],
      [await writeJob('division', { program: { let: { r: 'income / age' }, outputs: { m: 'mean(r)' } } }), /division by a column/],
      // a-2 holds no leases: it must buy, and nobody sells that cheap
      [await writeJob('too-cheap', { lease: { cores: 4, memoryMiB: 2048, maxPrice: 0.000001, duration: '30m' } }), /no lessor offers 4 core\(s\).* within 0\.000001 credits per core-hour/]
    ]
    for (const [file, re] of cases) {
      const r = await cli(['job', 'run', file, '--dir', dir('a-2')], { timeout: 120_000 })
      assert.notEqual(r.code, 0, file)
      const lines = r.stderr.trim().split('\n')
      assert.equal(lines.length, 1, `one line: ${r.stderr}`)
      assert.match(lines[0] as string, re)
      assert.doesNotMatch(r.stderr, /^\s+at /m)
    }
    assert.equal((await api(dir('a-2'), '/jobs')).jobs.length, before, 'nothing half-written')
    const policy = await cli(['job', 'run', jobPath, '--dir', dir('a-1'), '--policy', 'maybe'])
    assert.equal(policy.code, 2)
  })
})
