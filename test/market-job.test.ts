/**
 * The market under the job flow (DESIGN §2, S202 → S210) on real processes: `job run` leases
 * compute with a BUY from the job file's `lease` section, its subtasks run at the lessor under
 * those leases (the lessor's guard knows them because its hub delivered them), and the leases
 * are the market's: signed by both hubs, verifiable offline.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { cli, cliJson, ROOT, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import { api, writeJson } from './market-helpers.js'
import type { TestNetwork } from './helpers/net.js'

const JOB = join(ROOT, 'examples', 'jobs', 'credit-score.json')

describe('job run leases its compute from the market', () => {
  let net: TestNetwork
  const dir = (name: string): string => net.node(name).dataDir
  let initial: { enclave?: { running: boolean } } | undefined

  before(async () => {
    net = await startNetwork({ subnets: '1,1', configure: { 'hub-a': { market: { rematchIntervalMs: 300, offerCacheMs: 100 } } } })
    const measurement = (await cliJson(['tee', 'measure'])).measurement
    initial = await cliJson(['status', '--dir', dir('b-1')])
    assert.deepEqual(initial?.enclave, { kind: 'simulated', simulated: true, running: false })
    // b-1 offers this build's simulated enclave; its node.json (from net init) hosts that enclave
    await api(dir('b-1'), '/market/orders', {
      side: 'sell', cores: 4, memoryMiB: 4096, expiresInS: 3600, protection: { he: true, tee: { kind: 'simulated', measurement } }, heElementsPerS: 500_000, pricePerCoreHour: 1, minDurationS: 60, maxDurationS: 86_400
    })
    await waitFor('hub-a to find the offer', async () => (await api(dir('hub-a'), '/market/offers')).offers.length === 1 ? true : undefined)
  })
  after(async () => { await net?.down() })

  it('a lessor that offers TEE compute starts its enclave then, before any renter attests', async () => {
    assert.equal(initial?.enclave?.running, false, 'nothing had started it before the offer')
    await waitFor("b-1's enclave to start", async () => (await cliJson(['status', '--dir', dir('b-1')])).enclave?.running === true ? true : undefined)
  })

  it('a TEE job: the lease comes from a BUY, the lessor attests and computes under it', async () => {
    const r = await cli(['job', 'run', JOB, '--dir', dir('a-1'), '--policy', 'tee', '--json'], { timeout: 180_000 })
    assert.equal(r.code, 0, r.stderr)
    const report = JSON.parse(r.stdout)
    assert.equal(report.status, 'done')
    // where the time went, phase by phase (obtaining the lease included)
    assert.deepEqual(Object.keys(report.phases), ['readMs', 'leasesMs', 'policyMs', 'heKeysMs', 'subtasksMs', 'combineMs'])
    assert.ok(Object.values(report.phases).every(v => Number.isInteger(v) && (v as number) >= 0))
    assert.equal(report.phases.heKeysMs, 0, 'tee makes no HE keys')
    assert.equal(report.policy.decision, 'tee')
    assert.match(report.policy.reasons.join(' | '), /policy tee forced/)
    assert.equal(report.leases.length, 1)
    const remote = report.subtasks.filter((s: any) => s.ranOn === 'lessor')
    assert.equal(remote.length, 1, `a subtask ran at the lessor: ${JSON.stringify(report.subtasks)}`)
    assert.equal(remote[0].name, 'b-1')
    assert.equal(remote[0].mode, 'tee')
    assert.equal(remote[0].leaseId, report.leases[0])

    const { leases } = await api(dir('a-1'), '/market/leases')
    const lease = leases.find((l: any) => l.id === report.leases[0])
    assert.ok(lease != null, 'the lease is in the renter\'s market ledger')
    assert.equal(lease.resources.cores, 2, 'the job file\'s lease section: 2 cores')
    assert.equal(lease.protection.tee?.kind, 'simulated')
    assert.equal(new Date(lease.end).getTime() - new Date(lease.start).getTime(), 30 * 60_000, 'for "30m"')
    const ok = await cli(['lease', 'verify', await writeJson(net.dir, 'job-lease.json', lease), '--bootstrap', net.bootstrap])
    assert.equal(ok.code, 0, ok.stderr)
  })

  it('an HE job gets an HE lease; the BUY asks for the protection the run forces', async () => {
    const report = await cliJson(['job', 'run', JOB, '--dir', dir('a-1'), '--policy', 'he'], { timeout: 180_000 })
    assert.equal(report.status, 'done')
    const remote = report.subtasks.find((s: any) => s.ranOn === 'lessor')
    assert.equal(remote?.mode, 'he')
    const { orders } = await api(dir('a-1'), '/market/orders')
    const buys = orders.filter((o: any) => o.side === 'buy').map((o: any) => o.requirements.protection)
    assert.deepEqual(buys.sort(), ['he', 'tee'])
  })
})
