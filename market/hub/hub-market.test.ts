/**
 * Hubs' markets wired to each other in one process (calls instead of streams, a map instead of
 * the DHT): matching across hubs, the race for one SELL, and recovery of lease formation from
 * the ledger after a "crash" at every failpoint.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { logger } from '@libp2p/logger'
import { MarketError } from '../errors.js'
import { verifyLease } from '../lease.js'
import { HubLedger } from '../ledger/hub-ledger.js'
import { offerSelector, offerValidator } from '../offer-record.js'
import { testNet } from '../test-support.js'
import { HubMarket } from './hub-market.js'
import type { HubPeers, OfferDirectory } from './types.js'
import type { TestNet } from '../test-support.js'
import type { PeerId } from '@libp2p/interface'

class Crash extends Error {}

interface Cluster {
  t: TestNet
  market: (hub: string) => HubMarket
  /** kill a hub's market (its in-memory state is lost) and start a new one on the same ledger */
  restart: (hub: string) => HubMarket
  /** arm a failpoint: the next time a hub passes it, it "crashes" (or runs `action` instead) */
  arm: (hub: string, point: string, action?: () => void) => void
  down: Set<string>
  /** failpoints that fired */
  fired: string[]
  delivered: Map<string, string[]>
  close: () => Promise<void>
}

async function cluster (sizes: number[]): Promise<Cluster> {
  const t = await testNet(sizes)
  const dir = await mkdtemp(join(tmpdir(), 'shulian-market-'))
  const dht = new Map<string, Uint8Array[]>()
  const markets = new Map<string, HubMarket>()
  const ledgers = new Map<string, HubLedger>()
  const armed = new Map<string, string>()
  const actions = new Map<string, () => void>()
  const down = new Set<string>()
  const fired: string[] = []
  const delivered = new Map<string, string[]>()
  const network = (): typeof t.network => t.network
  const hubName = (id: PeerId): string => t.network.peer(id)?.name ?? '?'

  const directory: OfferDirectory = {
    put: async (key, value) => {
      await offerValidator(network)(key, value)
      const k = Buffer.from(key).toString()
      dht.set(k, [...(dht.get(k) ?? []), value])
    },
    get: async (key) => {
      const values = dht.get(Buffer.from(key).toString()) ?? []
      return values.length === 0 ? undefined : values[await offerSelector(network)(key, values)]
    }
  }

  const peersOf = (self: string): HubPeers => {
    const call = async <T>(hub: PeerId, fn: (m: HubMarket, caller: PeerId) => Promise<T> | T): Promise<T> => {
      const name = hubName(hub)
      if (down.has(name) || down.has(self)) throw new Error(`${name} unreachable`)
      return fn(markets.get(name) as HubMarket, t.id(self))
    }
    return {
      quote: async (hub, ids) => call(hub, (m, c) => m.quote(c, ids)),
      reserve: async (hub, req) => call(hub, async (m, c) => m.reserve(c, req)),
      release: async (hub, id) => call(hub, (m, c) => { m.release(c, id) }),
      propose: async (hub, p) => call(hub, async (m, c) => m.propose(c, p)),
      confirm: async (hub, id) => call(hub, (m, c) => { m.confirm(c, id) }),
      end: async (hub, id, at) => call(hub, (m, c) => { m.endByHub(c, id, at) })
    }
  }

  const create = (hub: string): HubMarket => {
    const ledger = new HubLedger(join(dir, `${hub}.db`))
    ledgers.set(hub, ledger)
    const m = new HubMarket({
      network,
      peerId: t.id(hub),
      key: t.key(hub),
      ledger,
      peers: peersOf(hub),
      directory,
      members: {
        connected: () => true,
        deliver: async (member, lease) => {
          const v = await verifyLease(lease, t.network)
          const name = t.network.peer(member)?.name ?? '?'
          delivered.set(name, [...(delivered.get(name) ?? []), v.id])
        }
      },
      log: logger(`test:${hub}`),
      failpoint: (point) => {
        if (armed.get(hub) === point) {
          armed.delete(hub)
          const action = actions.get(hub)
          if (action != null) { actions.delete(hub); action(); return }
          down.add(hub)
          fired.push(`${hub} ${point}`)
          throw new Crash(`${hub} crashed at ${point}`)
        }
      },
      options: { rematchIntervalMs: 60_000, retryIntervalMs: 60_000, offerCacheMs: 0 }
    })
    markets.set(hub, m)
    return m
  }
  for (const h of t.network.hubs()) create(h.name)
  for (const m of markets.values()) m.start()
  for (const m of markets.values()) await m.publication.publishNow()

  return {
    t,
    market: (hub) => markets.get(hub) as HubMarket,
    restart: (hub) => {
      markets.get(hub)?.stop()
      ledgers.get(hub)?.close()
      down.delete(hub)
      const m = create(hub)
      m.start()
      return m
    },
    arm: (hub, point, action) => {
      armed.set(hub, point)
      if (action != null) actions.set(hub, action)
    },
    down,
    fired,
    delivered,
    close: async () => {
      for (const m of markets.values()) m.stop()
      for (const l of ledgers.values()) l.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

describe('hub markets wired in one process', () => {
  const cleanup: Array<() => Promise<void>> = []
  after(async () => { for (const c of cleanup) await c() })

  it('a BUY at hub a fills from SELLs at hubs b and c, cheapest first; both hubs keep the same leases', async () => {
    const c = await cluster([1, 1, 1])
    cleanup.push(c.close)
    const { t } = c
    const sb = await t.sell('b-1', { cores: 4, pricePerCoreHour: 300_000 })
    const sc = await t.sell('c-1', { cores: 4, pricePerCoreHour: 200_000 })
    await c.market('hub-b').place(t.id('b-1'), sb.signed)
    await c.market('hub-c').place(t.id('c-1'), sc.signed)
    await c.market('hub-b').publication.publishNow()
    await c.market('hub-c').publication.publishNow()
    const b = await t.buy('a-1', { cores: 6, memoryMiB: 6000, maxPricePerCoreHour: 400_000 })
    const r = await c.market('hub-a').place(t.id('a-1'), b.signed)
    assert.deepEqual(r.leases.map(l => [l.sellId, l.cores]), [[sc.id, 4], [sb.id, 2]])
    assert.equal(r.order.status, 'filled')
    assert.equal(r.leases.reduce((m, l) => m + l.memory, 0), 6000)
    for (const l of r.leases) {
      const lessorHub = l.sellId === sb.id ? 'hub-b' : 'hub-c'
      const there = c.market(lessorHub).ctx.ledger.lease(l.id)
      assert.ok(there != null)
      assert.deepEqual(there.signed, l.signed, 'the same signed lease on both sides')
      const v = await verifyLease(l.signed, t.network)
      assert.equal(v.renterHub, t.id('hub-a').toString())
    }
    await c.market('hub-a').retry()
    await c.market('hub-b').deliver()
    await c.market('hub-c').deliver()
    assert.equal(c.delivered.get('a-1')?.length, 2)
    assert.equal(c.delivered.get('b-1')?.length, 1)
    assert.equal(c.delivered.get('c-1')?.length, 1)
    assert.equal(c.market('hub-b').ctx.ledger.order(sb.id)?.freeCores, 2)
  })

  it('two hubs racing for one SELL: exactly one lease', async () => {
    const c = await cluster([1, 1, 1])
    cleanup.push(c.close)
    const { t } = c
    const refusals: string[] = []
    const reserve = c.market('hub-b').reserve.bind(c.market('hub-b'))
    c.market('hub-b').reserve = async (caller, req) => reserve(caller, req).catch((err) => { refusals.push(err.code); throw err })
    const s = await t.sell('b-1', { cores: 4 })
    await c.market('hub-b').place(t.id('b-1'), s.signed)
    await c.market('hub-b').publication.publishNow()
    const [ra, rc] = await Promise.all([
      c.market('hub-a').place(t.id('a-1'), (await t.buy('a-1', { cores: 4 })).signed),
      c.market('hub-c').place(t.id('c-1'), (await t.buy('c-1', { cores: 4 })).signed)
    ])
    assert.equal(ra.leases.length + rc.leases.length, 1)
    assert.equal(c.market('hub-b').ctx.ledger.leases().length, 1)
    assert.equal(c.market('hub-b').ctx.ledger.order(s.id)?.freeCores, 0)
    const loser = ra.leases.length === 0 ? ra : rc
    assert.equal(loser.order.status, 'open')
    assert.equal(loser.order.freeCores, 4, 'the loser\'s capacity is free again')
    assert.deepEqual(refusals, ['INSUFFICIENT'], 'both reached the reservation; the lessor\'s hub refused the second')
  })

  const points = [
    ['hub-a', 'renter:after-begin'],
    ['hub-a', 'renter:after-reserved'],
    ['hub-a', 'renter:after-proposed'],
    ['hub-a', 'renter:after-countersigned'],
    ['hub-a', 'renter:after-complete'],
    ['hub-b', 'lessor:after-reserve'],
    ['hub-b', 'lessor:after-countersign'],
    ['hub-b', 'lessor:after-confirm']
  ] as const
  for (const [hub, point] of points) {
    it(`${hub} crashes at ${point}: after restart the lease exists on both sides, once`, async () => {
      const c = await cluster([1, 1])
      cleanup.push(c.close)
      const { t } = c
      const s = await t.sell('b-1', { cores: 4 })
      await c.market('hub-b').place(t.id('b-1'), s.signed)
      await c.market('hub-b').publication.publishNow()
      c.arm(hub, point)
      const b = await t.buy('a-1', { cores: 4 })
      await c.market('hub-a').place(t.id('a-1'), b.signed).catch(err => { if (!(err instanceof Crash)) throw err })
      assert.deepEqual(c.fired, [`${hub} ${point}`], 'the crash happened')
      c.restart(hub)
      // the renter's hub drives recovery; a second pass lets a refused formation rematch
      for (let i = 0; i < 3; i++) {
        await c.market('hub-a').retry(true)
        await c.market('hub-a').renter.round()
      }
      const a = c.market('hub-a').ctx.ledger
      const l = c.market('hub-b').ctx.ledger
      assert.equal(a.counts().formationsPending, 0)
      assert.equal(a.counts().leasesUnconfirmed, 0)
      assert.equal(l.counts().leasesUnconfirmed, 0)
      const leasesA = a.leases()
      const leasesB = l.leases()
      assert.equal(leasesA.length, 1, 'one lease at the renter\'s hub')
      assert.deepEqual(leasesB.map(x => [x.id, x.signed]), leasesA.map(x => [x.id, x.signed]), 'the same lease at the lessor\'s hub')
      await verifyLease(leasesA[0]!.signed, t.network)
      assert.equal(a.order(b.id)?.status, 'filled')
      assert.equal(a.order(b.id)?.filledCores, 4)
      assert.equal(l.order(s.id)?.freeCores, 0)
      assert.equal(l.order(s.id)?.filledCores, 4)
    })
  }

  it('the lessor\'s hub down before the reservation: the formation waits, then completes', async () => {
    const c = await cluster([1, 1])
    cleanup.push(c.close)
    const { t } = c
    const s = await t.sell('b-1', { cores: 2 })
    await c.market('hub-b').place(t.id('b-1'), s.signed)
    await c.market('hub-b').publication.publishNow()
    c.arm('hub-a', 'renter:after-begin')
    const b = await t.buy('a-1', { cores: 2 })
    await c.market('hub-a').place(t.id('a-1'), b.signed).catch(() => {})
    c.restart('hub-a')
    c.down.add('hub-b')
    await c.market('hub-a').retry(true)
    assert.equal(c.market('hub-a').ctx.ledger.counts().formationsPending, 1, 'a timeout is not a refusal: still pending')
    c.down.delete('hub-b')
    await c.market('hub-a').retry(true)
    assert.equal(c.market('hub-a').ctx.ledger.leases().length, 1)
  })

  it('a BUY cancelled while its lease is being formed: before the proposal, no lease and the reservation is released', async () => {
    const c = await cluster([1, 1])
    cleanup.push(c.close)
    const { t } = c
    const s = await t.sell('b-1', { cores: 4 })
    await c.market('hub-b').place(t.id('b-1'), s.signed)
    await c.market('hub-b').publication.publishNow()
    const b = await t.buy('a-1', { cores: 3 })
    c.arm('hub-a', 'renter:after-reserved', () => { c.market('hub-a').cancel(t.id('a-1'), b.id) })
    const r = await c.market('hub-a').place(t.id('a-1'), b.signed)
    assert.deepEqual(r.leases, [])
    assert.equal(r.order.status, 'cancelled')
    await c.market('hub-a').retry(true)
    assert.equal(c.market('hub-a').ctx.ledger.counts().formationsPending, 0)
    await waitUntil(() => c.market('hub-b').ctx.ledger.counts().reservationsHeld === 0)
    assert.equal(c.market('hub-b').ctx.ledger.order(s.id)?.freeCores, 4, 'the reservation was released')
    assert.equal(c.market('hub-b').ctx.ledger.leases().length, 0)
  })

  it('cancel, ending and expiry: capacity returns to the SELL, ends reach the other hub', async () => {
    const c = await cluster([1, 1])
    cleanup.push(c.close)
    const { t } = c
    const s = await t.sell('b-1', { cores: 4 })
    await c.market('hub-b').place(t.id('b-1'), s.signed)
    await c.market('hub-b').publication.publishNow()
    const r = await c.market('hub-a').place(t.id('a-1'), (await t.buy('a-1', { cores: 3, durationS: 3600 })).signed)
    const lease = r.leases[0]!
    assert.equal(c.market('hub-b').ctx.ledger.order(s.id)?.freeCores, 1)
    await assert.rejects(c.market('hub-a').endByMember(t.id('b-1'), lease.id), (e: any) => e instanceof MarketError && e.code === 'REFUSED')
    const ended = await c.market('hub-a').endByMember(t.id('a-1'), lease.id)
    assert.equal(ended.status, 'ended')
    assert.equal(c.market('hub-b').ctx.ledger.lease(lease.id)?.status, 'ended')
    assert.equal(c.market('hub-b').ctx.ledger.order(s.id)?.freeCores, 4, 'ending released the capacity')
    const cancelled = c.market('hub-b').cancel(t.id('b-1'), s.id)
    assert.equal(cancelled.status, 'cancelled')
    await assert.rejects(c.market('hub-b').place(t.id('b-1'), s.signed), (e: any) => e.code === 'REPLAYED')
  })
})

/** Poll a condition on in-process state (the release is sent in the background). */
async function waitUntil (check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}
