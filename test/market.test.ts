/**
 * The compute market on real node processes, a network shaped like the example one (3 subnets,
 * 3+3+2 members): BUYs in subnet a matched with SELLs resting at the other hubs, found through the
 * hub-tier DHT; partial fills across lessors; leases signed by both hubs that verify offline;
 * price–time priority; cancel, expiry and ending; two renters racing for one SELL.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import { api, quiescent, writeJson } from './market-helpers.js'
import type { TestNetwork } from './helpers/net.js'

const HUBS = ['hub-a', 'hub-b', 'hub-c']
const FAST = { market: { rematchIntervalMs: 300, retryIntervalMs: 300, offerCacheMs: 100 } }

describe('compute market on real processes', () => {
  let net: TestNetwork
  const id = (name: string): string => net.node(name).peerId
  const dir = (name: string): string => net.node(name).dataDir
  /** a SELL through the participant's API (the CLI's own checks are tested in market-abuse) */
  const sell = async (name: string, o: { cores: number, price: number, expiresInS?: number, minDurationS?: number }): Promise<any> => (await api(dir(name), '/market/orders', {
    side: 'sell', cores: o.cores, memoryMiB: o.cores * 1024, expiresInS: o.expiresInS ?? 3600, protection: { he: true }, heElementsPerS: 600_000, pricePerCoreHour: o.price, minDurationS: o.minDurationS ?? 60, maxDurationS: 86_400
  })).order
  /** every hub finds the offer in the DHT (or, with `gone`, none does) */
  const visible = async (orderId: string, gone = false, ms = 30_000): Promise<void> => {
    await waitFor(`order ${orderId} to be ${gone ? 'gone from' : 'visible at'} every hub`, async () => {
      for (const h of HUBS) {
        const { offers } = await api(dir(h), '/market/offers')
        if (offers.some((o: any) => o.id === orderId) === gone) return undefined
      }
      return true
    }, ms)
  }

  before(async () => {
    net = await startNetwork({ configure: Object.fromEntries(HUBS.map(h => [h, FAST])) })
  })
  after(async () => { await net?.down() })

  it('a BUY in subnet a fills from SELLs resting in subnets b and c: cheapest first, partial fill across two lessors', async () => {
    const b1 = (await cliJson(['order', 'sell', '--dir', dir('b-1'), '--cores', '4', '--memory', '4096', '--price', '0.30', '--he', '--he-throughput', '600000'])).order
    const c1 = await sell('c-1', { cores: 4, price: 0.2 })
    const c2 = await sell('c-2', { cores: 8, price: 0.5 })
    for (const o of [b1, c1, c2]) await visible(o.id)

    const r = await cliJson(['order', 'buy', '--dir', dir('a-1'), '--cores', '6', '--memory', '6000', '--duration', '1h', '--max-price', '0.40'])
    assert.equal(r.order.status, 'filled')
    // leases form concurrently and are listed as they complete: the priority shows in who got how much
    const byPrice = [...r.leases].sort((x: any, y: any) => x.pricePerCoreHour - y.pricePerCoreHour)
    assert.deepEqual(byPrice.map((l: any) => [l.orders.sell, l.lessor, l.resources.cores, l.pricePerCoreHour]), [
      [c1.id, id('c-1'), 4, 0.2],
      [b1.id, id('b-1'), 2, 0.3]
    ], 'the cheaper SELL first, the rest from the next; the dearer one (above the maximum) not at all')
    assert.equal(r.leases.reduce((n: number, l: any) => n + l.resources.memoryMiB, 0), 6000)
    for (const l of r.leases) {
      assert.equal(l.renter, id('a-1'))
      assert.equal(l.renterHub, id('hub-a'))
      assert.equal(l.lessorHub, l.lessor === id('b-1') ? id('hub-b') : id('hub-c'))
      assert.equal(l.orders.buy, r.order.id)
      assert.ok(l.signatures.renterHub.length > 0 && l.signatures.lessorHub.length > 0)
    }

    // the leases verify offline against the network definition alone
    const file = await writeJson(net.dir, 'bought.json', r)
    const ok = await cli(['lease', 'verify', file, '--bootstrap', net.bootstrap])
    assert.equal(ok.code, 0, ok.stderr)
    assert.match(ok.stdout, /valid .* signed by hub-a and hub-c/)
    assert.match(ok.stdout, /valid .* signed by hub-a and hub-b/)

    // ... and nothing else does: a changed field, a changed signature
    const tampered = JSON.parse(JSON.stringify(r))
    tampered.leases[1].pricePerCoreHour = 0.01
    const bad = await cli(['lease', 'verify', await writeJson(net.dir, 'tampered.json', tampered), '--bootstrap', net.bootstrap])
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /^shulian: lease [0-9a-f]{32}: pricePerCoreHour differs from what the hubs signed\n$/)
    const forged = JSON.parse(JSON.stringify(r.leases[0]))
    const signed = Buffer.from(forged.signed, 'base64')
    signed[signed.length - 5] = (signed[signed.length - 5] as number) ^ 1
    forged.signed = signed.toString('base64')
    const bad2 = await cli(['lease', 'verify', await writeJson(net.dir, 'forged.json', forged), '--bootstrap', net.bootstrap])
    assert.equal(bad2.code, 1)
    assert.match(bad2.stderr, /signature does not verify/)
    const json = await cli(['lease', 'verify', await writeJson(net.dir, 'forged.json', forged), '--bootstrap', net.bootstrap, '--json'])
    assert.equal(json.code, 1)
    assert.equal(JSON.parse(json.stdout).valid, false)

    // both hubs keep the same signed leases, and deliver them to both participants
    await quiescent(HUBS.map(dir))
    for (const l of r.leases) {
      const lessor = l.lessor === id('b-1') ? 'b-1' : 'c-1'
      const lessorHub = lessor === 'b-1' ? 'hub-b' : 'hub-c'
      const atHub = (await api(dir(lessorHub), '/market/leases')).leases.find((x: any) => x.id === l.id)
      assert.equal(atHub?.signed, l.signed, `${lessorHub} keeps the same lease`)
      assert.equal(atHub?.confirmed, true)
      const atRenterHub = (await api(dir('hub-a'), '/market/leases')).leases.find((x: any) => x.id === l.id)
      assert.equal(atRenterHub?.signed, l.signed)
      const delivered = await waitFor(`${lessor} to receive its lease`, async () => (await api(dir(lessor), '/market/leases')).leases.find((x: any) => x.id === l.id))
      assert.equal(delivered.signed, l.signed)
      assert.equal(delivered.status, 'active')
    }
    const mine = await cliJson(['lease', 'list', '--dir', dir('a-1')])
    assert.deepEqual(mine.leases.map((l: any) => l.id).sort(), r.leases.map((l: any) => l.id).sort())
    const listed = await cli(['lease', 'verify', await writeJson(net.dir, 'listed.json', mine), '--dir', dir('a-1')])
    assert.equal(listed.code, 0, listed.stderr)
    // the lessor's hub counts what is leased against the SELL
    const atB = (await api(dir('hub-b'), '/market/orders')).orders.find((o: any) => o.id === b1.id)
    assert.deepEqual([atB.freeCores, atB.filledCores], [2, 2])
  })

  it('time priority: of equal prices, the SELL its hub accepted first fills first, across hubs', async () => {
    const early = await sell('b-2', { cores: 2, price: 0.25 })
    const late = await sell('c-1', { cores: 2, price: 0.25 })
    await visible(early.id)
    await visible(late.id)
    const first = await cliJson(['order', 'buy', '--dir', dir('a-2'), '--cores', '2', '--memory', '2048', '--duration', '10m', '--max-price', '0.25'])
    assert.deepEqual(first.leases.map((l: any) => l.orders.sell), [early.id])
    const second = await cliJson(['order', 'buy', '--dir', dir('a-2'), '--cores', '2', '--memory', '2048', '--duration', '10m', '--max-price', '0.25'])
    assert.deepEqual(second.leases.map((l: any) => l.orders.sell), [late.id])
  })

  it('cancel removes orders everywhere: a cancelled SELL leaves every hub, a cancelled BUY matches no more', async () => {
    const { orders } = await cliJson(['order', 'list', '--dir', dir('c-2')])
    const dear = orders.find((o: any) => o.side === 'sell' && o.status === 'open')
    assert.ok(dear != null)
    const c = await cliJson(['order', 'cancel', dear.id, '--dir', dir('c-2')])
    assert.equal(c.order.status, 'cancelled')
    await visible(dear.id, true)
    const r = await cliJson(['order', 'buy', '--dir', dir('a-3'), '--cores', '8', '--memory', '8192', '--duration', '10m', '--max-price', '0.90', '--expires', '5s'])
    assert.ok(r.leases.every((l: any) => l.orders.sell !== dear.id), 'the cancelled SELL is never leased')
    // cancelling again changes nothing; cancelling another's order is refused
    assert.equal((await cliJson(['order', 'cancel', dear.id, '--dir', dir('c-2')])).order.status, 'cancelled')
    const other = await cli(['order', 'cancel', dear.id, '--dir', dir('c-1')])
    assert.notEqual(other.code, 0)
    assert.match(other.stderr, /not the owner: order [0-9a-f]{32} is not the sender's/)

    // a cancelled BUY is matched no more: a SELL that would fill it is still free for the next BUY
    const m = 'd4'.repeat(32)
    const buy = { side: 'buy', cores: 1, memoryMiB: 64, durationS: 60, maxPricePerCoreHour: 1, expiresInS: 600, requirements: { protection: 'tee', allowedMeasurements: [m] } }
    const resting = await api(dir('a-3'), '/market/orders', buy)
    assert.deepEqual(resting.leases, [])
    assert.equal((await api(dir('a-3'), '/market/orders/cancel', { id: resting.order.id })).order.status, 'cancelled')
    const s = (await api(dir('c-1'), '/market/orders', { side: 'sell', cores: 1, memoryMiB: 64, expiresInS: 600, protection: { he: false, tee: { kind: 'simulated', measurement: m } }, pricePerCoreHour: 0.5, minDurationS: 1, maxDurationS: 600 })).order
    await visible(s.id)
    const next = await api(dir('a-2'), '/market/orders', buy)
    assert.deepEqual(next.leases.map((l: any) => l.orders.sell), [s.id], 'the SELL was still free: the cancelled BUY did not take it')
  })

  it('expiry removes orders everywhere: a SELL leaves every hub, an unfilled BUY expires', async () => {
    // long enough to reach every hub first on a loaded machine (4 s did not, at load 20 on 2 cores)
    const brief = await sell('b-3', { cores: 1, price: 9, expiresInS: 15 })
    const tee = 'ee'.repeat(32)
    const r = await cliJson(['order', 'buy', '--dir', dir('a-3'), '--cores', '1', '--memory', '1', '--duration', '1m', '--max-price', '1', '--protection', 'tee', '--measurement', tee, '--expires', '3s'])
    assert.equal(r.leases.length, 0)
    await visible(brief.id)
    await visible(brief.id, true, 45_000)
    await waitFor('hub-b to mark the SELL expired', async () => (await api(dir('hub-b'), '/market/orders')).orders.find((o: any) => o.id === brief.id && o.status === 'expired'))
    await waitFor('the BUY to expire', async () => (await api(dir('a-3'), '/market/orders')).orders.find((o: any) => o.id === r.order.id && o.status === 'expired'))
  })

  it('ending a lease, or its running out, gives the capacity back to the SELL', async () => {
    const s = await sell('b-3', { cores: 4, price: 0.05, minDurationS: 1 })
    await visible(s.id)
    const free = async (): Promise<number> => (await api(dir('hub-b'), '/market/orders')).orders.find((o: any) => o.id === s.id).freeCores
    const long = await cliJson(['order', 'buy', '--dir', dir('c-1'), '--cores', '2', '--memory', '2', '--duration', '1h', '--max-price', '0.05'])
    const short = await cliJson(['order', 'buy', '--dir', dir('a-1'), '--cores', '2', '--memory', '2', '--duration', '3s', '--max-price', '0.05'])
    assert.equal(long.leases[0]?.orders.sell, s.id)
    assert.equal(short.leases[0]?.orders.sell, s.id)
    assert.equal(await free(), 0)
    // the short lease runs out
    await waitFor('the 3 s lease to expire and release 2 cores', async () => await free() === 2 ? true : undefined)
    // the renter ends the long one: its hub tells the lessor's hub, which releases it and tells the lessor
    const ended = await cliJson(['lease', 'end', long.leases[0].id, '--dir', dir('c-1')])
    assert.equal(ended.lease.status, 'ended')
    await waitFor('the ended lease to release its cores', async () => await free() === 4 ? true : undefined)
    await waitFor('b-3 to learn that the lease ended', async () => (await api(dir('b-3'), '/market/leases')).leases.find((l: any) => l.id === long.leases[0].id && l.status === 'ended'))
    const atHubC = (await api(dir('hub-c'), '/market/leases')).leases.find((l: any) => l.id === long.leases[0].id)
    assert.equal(atHubC.status, 'ended')
  })

  it('a resting BUY (--wait) is filled when a matching SELL appears at another hub', async () => {
    const m = 'c3'.repeat(32)
    const waiting = cliJson(['order', 'buy', '--dir', dir('b-2'), '--cores', '2', '--memory', '1024', '--duration', '10m', '--max-price', '1', '--protection', 'tee', '--measurement', m, '--wait', '60'])
    await waitFor('the BUY to rest at hub-b', async () => (await api(dir('hub-b'), '/market/orders')).orders.find((o: any) => o.side === 'buy' && o.requirements.allowedMeasurements[0] === m))
    const s = (await cliJson(['order', 'sell', '--dir', dir('a-3'), '--cores', '2', '--memory', '1024', '--price', '0.5', '--tee', 'simulated', '--measurement', m])).order
    const r = await waiting
    assert.equal(r.order.status, 'filled')
    assert.deepEqual(r.leases.map((l: any) => [l.orders.sell, l.protection.tee?.measurement]), [[s.id, m]])
  })

  it('two renters in different subnets race for one SELL: exactly one lease', async () => {
    for (let round = 0; round < 3; round++) {
      const m = `${round}f`.repeat(32)
      const s = (await cliJson(['order', 'sell', '--dir', dir('c-2'), '--cores', '4', '--memory', '4096', '--price', '0.1', '--tee', 'simulated', '--measurement', m])).order
      await visible(s.id)
      // straight to the participants' APIs, so that both BUYs reach their hubs at the same moment
      const buy = async (who: string): Promise<any> => api(dir(who), '/market/orders', {
        side: 'buy', cores: 4, memoryMiB: 4096, durationS: 600, maxPricePerCoreHour: 0.1, expiresInS: 20,
        requirements: { protection: 'tee', allowedMeasurements: [m] }
      })
      const [a, b] = await Promise.all([buy('a-1'), buy('b-1')])
      const leases = [...a.leases, ...b.leases]
      assert.equal(leases.length, 1, `round ${round}: exactly one lease`)
      assert.equal(leases[0].orders.sell, s.id)
      const loser = a.leases.length === 0 ? a : b
      assert.equal(loser.order.status, 'open')
      await quiescent(HUBS.map(dir))
      const atHubC = (await api(dir('hub-c'), '/market/leases')).leases.filter((l: any) => l.orders.sell === s.id)
      assert.equal(atHubC.length, 1, 'one lease at the lessor\'s hub too')
      const sellState = (await api(dir('hub-c'), '/market/orders')).orders.find((o: any) => o.id === s.id)
      assert.deepEqual([sellState.freeCores, sellState.filledCores], [0, 4])
      await cliJson(['order', 'cancel', loser.order.id, '--dir', dir(loser === a ? 'a-1' : 'b-1')])
    }
  })

  it('metrics: orders, leases and formation latency are exported', async () => {
    const metrics = await readMetrics(dir('hub-a'))
    assert.match(metrics, /shulian_market_orders_total\{side="buy"\} [1-9]/)
    assert.match(metrics, /shulian_market_leases_total\{hubs="two"\} [1-9]/)
    assert.match(metrics, /shulian_market_lease_formation_seconds\{quantile="0.5"\} [0-9.e-]+/)
  })
})

async function readMetrics (dataDir: string): Promise<string> {
  const info = JSON.parse(await readFile(join(dataDir, 'api.json'), 'utf8'))
  const token = (await readFile(join(dataDir, 'api.token'), 'utf8')).trim()
  const res = await fetch(new URL('/metrics', info.url), { headers: { authorization: `Bearer ${token}` } })
  return res.text()
}
