/**
 * Crash safety of lease formation on real processes: the renter's hub or the lessor's hub is
 * killed with SIGKILL in the middle of forming a lease — at a named point of the protocol
 * (failpoints, chosen at random) or after a random delay — then restarted. Once the hubs have
 * finished what they were doing, every BUY is leased exactly once (its leases sum to its cores),
 * every lease is on both hubs with both signatures, none is on one side only, the SELL counts
 * exactly what is leased, and both participants hold their leases.
 *
 * SHULIAN_MARKET_CRASH_ITERATIONS sets the number of kills (default 20; `npm run soak:market`: 200).
 */
import assert from 'node:assert/strict'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { verifyLease } from '../market/index.js'
import { alive } from '../node/net/processes.js'
import { upNetwork } from '../node/net/up.js'
import { loadBootstrap } from '../topology/index.js'
import { waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import { api, quiescent } from './market-helpers.js'
import type { Network } from '../topology/index.js'
import type { TestNetwork } from './helpers/net.js'

const ITERATIONS = Number(process.env.SHULIAN_MARKET_CRASH_ITERATIONS ?? 20)
const RENTER_POINTS = ['renter:after-begin', 'renter:after-reserved', 'renter:after-proposed', 'renter:after-countersigned', 'renter:after-complete']
const LESSOR_POINTS = ['lessor:after-reserve', 'lessor:after-countersign', 'lessor:after-confirm']
const FAST = { market: { rematchIntervalMs: 300, retryIntervalMs: 200, offerCacheMs: 100 } }
const SELL_CORES = 1024

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T

describe('lease formation survives SIGKILL of either hub', { timeout: Math.max(600_000, ITERATIONS * 60_000) }, () => {
  let net: TestNetwork
  let network: Network
  let sellId: string
  let formationMs = 100
  const placed: string[] = []
  const dir = (name: string): string => net.node(name).dataDir
  const pid = async (name: string): Promise<number> => Number((await readFile(join(dir(name), 'node.pid'), 'utf8')).trim())
  const buy = async (cores: number): Promise<any> => api(dir('a-1'), '/market/orders', {
    side: 'buy', cores, memoryMiB: cores * 64, durationS: 3600, maxPricePerCoreHour: 0.1, expiresInS: 3600, requirements: { protection: 'any' }
  })

  before(async () => {
    process.env.SHULIAN_FAILPOINTS = '1'
    net = await startNetwork({ subnets: '1,1', configure: { 'hub-a': FAST, 'hub-b': FAST } })
    network = await loadBootstrap(net.bootstrap)
    const s = await api(dir('b-1'), '/market/orders', {
      side: 'sell', cores: SELL_CORES, memoryMiB: SELL_CORES * 1024, expiresInS: 86400, protection: { he: true }, heElementsPerS: 500_000, pricePerCoreHour: 0.1, minDurationS: 1, maxDurationS: 86400
    })
    sellId = s.order.id
    await waitFor('hub-a to find the SELL', async () => (await api(dir('hub-a'), '/market/offers')).offers.some((o: any) => o.id === sellId) ? true : undefined)
    // one formation without a crash: how long the window is that random kills aim at
    const t0 = performance.now()
    const first = await buy(1)
    formationMs = performance.now() - t0
    placed.push(first.order.id)
    assert.equal(first.leases.length, 1)
  })
  after(async () => { await net?.down() })

  /** Everything the hubs were doing is done and every BUY placed is filled. */
  async function settled (): Promise<void> {
    await waitFor('every BUY to be filled at hub-a', async () => {
      const { orders } = await api(dir('hub-a'), '/market/orders')
      const buys = orders.filter((o: any) => o.side === 'buy')
      return buys.length === placed.length && buys.every((o: any) => o.status === 'filled') ? true : undefined
    }, 90_000)
    await quiescent([dir('hub-a'), dir('hub-b')], 90_000)
    await waitFor('a-1 to have no order left to resend', async () => (await api(dir('a-1'), '/market/status')).ordersPending === 0 ? true : undefined)
  }

  /** The invariants: exactly once, on both sides, both signatures, capacity exact, delivered. */
  async function check (label: string): Promise<void> {
    const atA = (await api(dir('hub-a'), '/market/leases')).leases
    const atB = (await api(dir('hub-b'), '/market/leases')).leases
    const byId = (ls: any[]): Map<string, any> => new Map(ls.map(l => [l.id, l]))
    const a = byId(atA)
    const b = byId(atB)
    assert.equal(a.size, atA.length, `${label}: no lease twice at hub-a`)
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort(), `${label}: no lease on one side only`)
    for (const [id, l] of a) {
      assert.equal(b.get(id).signed, l.signed, `${label}: lease ${id} is the same document on both hubs`)
      assert.ok(l.confirmed && b.get(id).confirmed, `${label}: lease ${id} confirmed on both hubs`)
      const v = await verifyLease(Buffer.from(l.signed, 'base64'), network)
      assert.equal(v.sell.id, sellId)
    }
    const { orders } = await api(dir('hub-a'), '/market/orders')
    const buys = orders.filter((o: any) => o.side === 'buy')
    assert.deepEqual(buys.map((o: any) => o.id).sort(), [...placed].sort(), `${label}: every BUY kept once`)
    let leased = 0
    for (const o of buys) {
      const cores = atA.filter((l: any) => l.orders.buy === o.id).reduce((n: number, l: any) => n + l.resources.cores, 0)
      assert.equal(o.status, 'filled', `${label}: BUY ${o.id} filled`)
      assert.equal(cores, o.cores, `${label}: BUY ${o.id} leased exactly once (${cores} of ${o.cores} cores in leases)`)
      assert.equal(o.filledCores, o.cores)
      leased += cores
    }
    const sell = (await api(dir('hub-b'), '/market/orders')).orders.find((o: any) => o.id === sellId)
    assert.deepEqual([sell.filledCores, sell.freeCores], [leased, SELL_CORES - leased], `${label}: the SELL counts exactly what is leased`)
    const mine = (await api(dir('a-1'), '/market/leases')).leases.map((l: any) => l.id).sort()
    const theirs = (await api(dir('b-1'), '/market/leases')).leases.map((l: any) => l.id).sort()
    assert.deepEqual(mine, [...a.keys()].sort(), `${label}: the renter holds every lease`)
    assert.deepEqual(theirs, [...a.keys()].sort(), `${label}: the lessor holds every lease`)
  }

  it(`${ITERATIONS} kills of the renter's or the lessor's hub during lease formation`, async () => {
    const kinds = new Map<string, number>()
    for (let i = 0; i < ITERATIONS; i++) {
      const victim = pick(['hub-a', 'hub-b'])
      const usePoint = i % 2 === 0
      const point = pick(victim === 'hub-a' ? RENTER_POINTS : LESSOR_POINTS)
      const label = `kill ${i + 1} (${victim}, ${usePoint ? point : 'random moment'})`
      const victimPid = await pid(victim)
      if (usePoint) await writeFile(join(dir(victim), 'failpoint'), point)
      const cores = 1 + (i % 3)
      const outcome = buy(cores).then(r => { placed.push(r.order.id); return 'answered' }, (err: Error) => `failed: ${err.message}`)
      if (!usePoint) {
        // the moment is the experiment: anywhere from before the BUY reaches the hub to after the lease is kept
        await new Promise(resolve => setTimeout(resolve, Math.random() * formationMs * 1.5))
        process.kill(victimPid, 'SIGKILL')
      }
      await waitFor(`${label}: the victim to die`, () => alive(victimPid) ? undefined : true, 30_000)
      const result = await outcome
      await rm(join(dir(victim), 'failpoint'), { force: true })
      // `net up`, in this process: restarts the victim and waits for every link
      await upNetwork({ bootstrapPath: net.bootstrap, dir: net.dir })
      if (result !== 'answered') {
        // the participant kept the order and resends it now that its hub is back
        const mine = await waitFor(`${label}: a-1 to list the order`, async () => (await api(dir('a-1'), '/market/orders')).orders.find((o: any) => o.side === 'buy' && !placed.includes(o.id)))
        placed.push(mine.id)
      }
      await settled()
      await check(label)
      kinds.set(usePoint ? point : `${victim} at random`, (kinds.get(usePoint ? point : `${victim} at random`) ?? 0) + 1)
    }
    assert.equal(placed.length, ITERATIONS + 1)
    process.stdout.write(`# kills: ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}\n`)
  })
})
