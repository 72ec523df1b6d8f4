/**
 * What a hub's market does with bad input from peers — a bad signature, a replayed or expired
 * order, negative or absurd quantities, an order for someone else's key, requests meant for hubs,
 * offer records forged by a participant — refused with the reason, while honest members keep
 * trading; and what the CLI does with bad input: one line, exit 2.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'
import { lpStream, pbStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { offerKey, signOfferRecord, signOrder } from '../market/index.js'
import { Order as OrderPb, SignedOrder } from '../market/pb/market.js'
import { LEASE_PROTOCOL, LeaseRequest, LeaseResponse } from '../protocols/lease/index.js'
import { ORDERS_PROTOCOL, OrdersRequest, OrdersResponse } from '../protocols/orders/index.js'
import { cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import { keyOf } from './helpers/rogue.js'
import { api, rogueMember, writeJson } from './market-helpers.js'
import type { BuyOrder, OrderFields, SellOrder } from '../market/index.js'
import type { TestNetwork } from './helpers/net.js'
import type { PrivateKey } from '@libp2p/interface'

const MEASUREMENT = '5a'.repeat(32)

describe('market under abuse', () => {
  let net: TestNetwork
  let bootstrap: any
  let rogue: any
  let rogueKey: PrivateKey
  let a1Key: PrivateKey
  const peer = (name: string): string => {
    for (const s of bootstrap.subnets) {
      if (s.hub.name === name) return s.hub.peerId
      const m = s.members.find((m: any) => m.name === name)
      if (m != null) return m.peerId
    }
    throw new Error(`no ${name}`)
  }
  const hubAddr = (name: string): any => {
    const s = bootstrap.subnets.find((s: any) => s.hub.name === name)
    return multiaddr(`${s.hub.addrs[0]}/p2p/${s.hub.peerId}`)
  }
  const dir = (name: string): string => net.node(name).dataDir

  let seq = BigInt(Date.now()) * 1000n
  const sellFields = (owner: string, change: Partial<SellOrder> = {}): SellOrder => ({
    network: bootstrap.network, owner, seq: ++seq, expires: Date.now() + 600_000, cores: 2, memoryMiB: 2048, side: 'sell',
    protection: { he: false, tee: { kind: 'simulated', measurement: MEASUREMENT } }, heElementsPerS: 0, pricePerCoreHour: 100_000, minDurationS: 1, maxDurationS: 3600, ...change
  })
  const buyFields = (owner: string, change: Partial<BuyOrder> = {}): BuyOrder => ({
    network: bootstrap.network, owner, seq: ++seq, expires: Date.now() + 600_000, cores: 2, memoryMiB: 2048, side: 'buy',
    durationS: 60, maxPricePerCoreHour: 100_000, requirements: { protection: 'tee', allowedMeasurements: [MEASUREMENT], avoidSubnets: [], preferSubnets: [] }, ...change
  })
  const signed = async (o: OrderFields, key = rogueKey): Promise<Uint8Array> => (await signOrder(o, key, peerIdFromPrivateKey(key))).signed

  const ask = async (req: Partial<OrdersRequest>, hub = 'hub-a'): Promise<OrdersResponse> => {
    const stream = await rogue.dialProtocol(hubAddr(hub), ORDERS_PROTOCOL)
    const pb = pbStream(stream)
    await pb.write({ type: OrdersRequest.Type.PLACE, order: new Uint8Array(0), id: '', ids: [], sellId: '', cores: 0, memoryMiB: 0n, ...req }, OrdersRequest)
    return pb.read(OrdersResponse, { signal: AbortSignal.timeout(20_000) })
  }
  const place = async (order: Uint8Array): Promise<OrdersResponse> => ask({ type: OrdersRequest.Type.PLACE, order: order as Uint8Array<ArrayBuffer> })
  const refused = (res: OrdersResponse, status: OrdersResponse.Status, re: RegExp): void => {
    assert.equal(res.status, status, `${res.status}: ${res.message}`)
    assert.match(res.message, re)
  }
  /** honest members still trade: a SELL at hub-a is bought from hub-b */
  const servesOthers = async (): Promise<void> => {
    // a measurement of its own: no other order of this suite can fill or be filled by this trade
    const m = randomBytes(32).toString('hex')
    const s = (await cliJson(['order', 'sell', '--dir', dir('a-1'), '--cores', '1', '--memory', '64', '--price', '0.01', '--tee', 'simulated', '--measurement', m, '--min-duration', '1s'])).order
    // one BUY that rests until filled: a BUY per poll would rest too, and the hub's rematch could
    // hand the SELL to an earlier poll's BUY while the latest one waits for a lease that never comes
    const r = await api(dir('b-1'), '/market/orders', { side: 'buy', cores: 1, memoryMiB: 64, durationS: 60, maxPricePerCoreHour: 0.01, expiresInS: 90, waitS: 60, requirements: { protection: 'tee', allowedMeasurements: [m] } })
    assert.equal(r.leases.length, 1, `b-1's BUY ${r.order.id} is ${r.order.status} after 60 s`)
    assert.equal(r.leases[0].orders.sell, s.id)
  }

  before(async () => {
    net = await startNetwork({ subnets: '3,1', skip: ['a-3'], configure: { 'hub-a': { market: { rematchIntervalMs: 300, offerCacheMs: 100 } }, 'hub-b': { market: { rematchIntervalMs: 300, offerCacheMs: 100 } } } })
    bootstrap = JSON.parse(await readFile(net.bootstrap, 'utf8'))
    rogueKey = await keyOf(net.dir, 'a-3')
    a1Key = await keyOf(net.dir, 'a-1')
    rogue = await rogueMember(rogueKey, { dht: true })
    await rogue.dial(hubAddr('hub-a'))
  })
  after(async () => {
    await rogue?.stop()
    await net?.down()
  })

  it('a bad signature: refused', async () => {
    const good = SignedOrder.decode(await signed(sellFields(peer('a-3'))))
    const body = OrderPb.encode({ ...OrderPb.decode(good.body), pricePerCoreHour: 1n })
    refused(await place(SignedOrder.encode({ body, signature: good.signature })), OrdersResponse.Status.BAD_SIGNATURE, /signature does not verify under its owner's key/)
  })

  it('an order for someone else\'s key: refused, whoever signed it', async () => {
    // a-1's genuine order, sent by a-3
    refused(await place(await signed(sellFields(peer('a-1')), a1Key)), OrdersResponse.Status.NOT_OWNER, /not the sender's/)
    // an order naming a-1 as owner, signed by a-3
    const forged = OrderPb.encode({ ...OrderPb.decode(SignedOrder.decode(await signed(sellFields(peer('a-3')))).body), owner: peerIdFromString(peer('a-1')).toMultihash().bytes as Uint8Array<ArrayBuffer> })
    refused(await place(SignedOrder.encode({ body: forged, signature: SignedOrder.decode(await signed(sellFields(peer('a-3')))).signature })), OrdersResponse.Status.NOT_OWNER, /not the sender's/)
  })

  it('expired, replayed and duplicated orders', async () => {
    refused(await place(await signed(sellFields(peer('a-3'), { expires: Date.now() - 1000 }))), OrdersResponse.Status.EXPIRED, /expired at/)
    const older = sellFields(peer('a-3'))
    const newer = sellFields(peer('a-3'))
    const first = await place(await signed(newer))
    assert.equal(first.status, OrdersResponse.Status.OK, first.message)
    assert.equal(first.duplicate, false)
    // an order with an older sequence number than one already placed
    refused(await place(await signed(older)), OrdersResponse.Status.REPLAYED, /not above its last seq/)
    // the same order again is a retry: answered as before, nothing new
    const again = await place(await signed(newer))
    assert.equal(again.status, OrdersResponse.Status.OK)
    assert.equal(again.duplicate, true)
    const id = (await signOrder(newer, rogueKey, peerIdFromPrivateKey(rogueKey))).id
    const cancel = await ask({ type: OrdersRequest.Type.CANCEL, id })
    assert.equal(cancel.status, OrdersResponse.Status.OK, cancel.message)
    // once cancelled it cannot come back
    refused(await place(await signed(newer)), OrdersResponse.Status.REPLAYED, /was cancelled/)
    const bytes = Buffer.from(await signed(newer))
    const list = await ask({ type: OrdersRequest.Type.LIST })
    assert.deepEqual(list.orders.filter(o => Buffer.from(o.order).equals(bytes)).map(o => o.status), ['CANCELLED'], 'listed once, cancelled')
    assert.equal((await api(dir('hub-a'), '/market/orders')).orders.filter((o: any) => o.id === id).length, 1, 'kept once')
  })

  it('negative or absurd quantities: invalid, with the reason', async () => {
    const cases: Array<[OrderFields, RegExp]> = [
      [sellFields(peer('a-3'), { cores: 0 }), /cores 0 is out of range/],
      [sellFields(peer('a-3'), { cores: -1 }), /cores 4294967295 is out of range/],
      [sellFields(peer('a-3'), { cores: 100_000 }), /cores 100000 is out of range/],
      [sellFields(peer('a-3'), { memoryMiB: 2 ** 40 }), /memoryMiB .* (over the limit|out of range)/],
      [sellFields(peer('a-3'), { pricePerCoreHour: 0 }), /pricePerCoreHour 0 is out of range/],
      [sellFields(peer('a-3'), { minDurationS: 600, maxDurationS: 60 }), /minDurationS 600 is above maxDurationS 60/],
      [sellFields(peer('a-3'), { expires: Date.now() + 90 * 86400_000 }), /more than 30 days ahead/],
      [buyFields(peer('a-3'), { durationS: 0 }), /durationS 0 is out of range/],
      [buyFields(peer('a-3'), { maxPricePerCoreHour: 2e12 }), /maxPricePerCoreHour .* over the limit/],
      [buyFields(peer('a-3'), { requirements: { protection: 'tee', allowedMeasurements: [], avoidSubnets: ['nowhere'], preferSubnets: [] } }), /"nowhere" is not a subnet/]
    ]
    for (const [o, re] of cases) refused(await place(await signed(o)), OrdersResponse.Status.INVALID, re)
  })

  it('garbage, oversized and misdirected requests: refused, and the hub serves on', async () => {
    refused(await place(Uint8Array.from([0xff, 0xff, 0x01])), OrdersResponse.Status.MALFORMED, /does not decode/)
    const stream = await rogue.dialProtocol(hubAddr('hub-a'), ORDERS_PROTOCOL)
    const lp = lpStream(stream, { maxDataLength: 10 * 1024 * 1024 })
    await lp.write(new Uint8Array(3 * 1024 * 1024).fill(7)).catch(() => {})
    const answer = await lp.read({ signal: AbortSignal.timeout(15_000) }).then(b => OrdersResponse.decode(b), () => undefined)
    assert.ok(answer == null || answer.status === OrdersResponse.Status.MALFORMED, 'refused or cut off')
    // what only hubs may ask
    refused(await ask({ type: OrdersRequest.Type.QUOTE, ids: ['00'.repeat(16)] }), OrdersResponse.Status.REFUSED, /for hubs only/)
    refused(await ask({ type: OrdersRequest.Type.RESERVE, id: '11'.repeat(16), sellId: '00'.repeat(16), cores: 1, order: await signed(buyFields(peer('a-3'))) as Uint8Array<ArrayBuffer> }), OrdersResponse.Status.REFUSED, /for hubs only/)
    const lease = async (req: Partial<LeaseRequest>): Promise<LeaseResponse> => {
      const s = await rogue.dialProtocol(hubAddr('hub-a'), LEASE_PROTOCOL)
      const pb = pbStream(s)
      await pb.write({ type: LeaseRequest.Type.PROPOSE, lease: new Uint8Array(0), id: '', endedAt: 0n, state: LeaseRequest.State.STATE_UNSET, ...req }, LeaseRequest)
      return pb.read(LeaseResponse, { signal: AbortSignal.timeout(15_000) })
    }
    const p = await lease({ type: LeaseRequest.Type.PROPOSE, lease: Uint8Array.from([1, 2, 3]) })
    assert.equal(p.status, LeaseResponse.Status.REFUSED)
    assert.match(p.message, /for hubs only/)
    const e = await lease({ type: LeaseRequest.Type.END, id: '22'.repeat(16) })
    assert.equal(e.status, LeaseResponse.Status.NOT_FOUND)
    const d = await lease({ type: LeaseRequest.Type.DELIVER, lease: Uint8Array.from([1]), state: LeaseRequest.State.ACTIVE })
    assert.equal(d.status, LeaseResponse.Status.REFUSED)
    assert.match(d.message, /not a participant/)
    await servesOthers()
  })

  it('offer records forged by a participant are refused by every hub, and never matched', async () => {
    const dht = rogue.services.dht
    await waitFor('the rogue to know hub-a in the DHT', () => dht.routingTable.size >= 1 ? true : undefined)
    const order = await signOrder(sellFields(peer('a-3'), { pricePerCoreHour: 1 }), rogueKey, peerIdFromPrivateKey(rogueKey))
    const offers = [{ order: order as any, freeCores: 2, freeMemoryMiB: 2048, acceptedAt: 1 }]
    const record = (hub: string): any => ({ network: bootstrap.network, hub: peerIdFromString(hub), resourceClass: 'tee', seq: BigInt(Date.now()) * 1000n + 999n, expires: Date.now() + 600_000, offers })
    const cases = [
      // a participant publishing as if it were a hub
      { key: offerKey('tee', peer('a-3')), value: await signOfferRecord(record(peer('a-3')), rogueKey) },
      // ... or in its hub's name, with its own key
      { key: offerKey('tee', peer('hub-a')), value: await signOfferRecord(record(peer('hub-a')), rogueKey) },
      { key: offerKey('tee', peer('hub-b')), value: await signOfferRecord(record(peer('hub-b')), rogueKey) }
    ]
    for (const c of cases) {
      const accepted: string[] = []
      for await (const ev of dht.put(c.key, c.value, { signal: AbortSignal.timeout(20_000) })) {
        if (ev.name === 'PEER_RESPONSE' && ev.record != null) accepted.push(ev.from.toString())
      }
      assert.deepEqual(accepted, [], 'no hub stored the forged record')
    }
    for (const h of ['hub-a', 'hub-b']) {
      const { offers: seen } = await api(dir(h), '/market/offers')
      assert.ok(!seen.some((o: any) => o.id === order.id), `${h} does not see the forged offer`)
    }
    // a BUY that only the forged offer could fill stays unfilled
    const r = await api(dir('b-1'), '/market/orders', { side: 'buy', cores: 2, memoryMiB: 2048, durationS: 60, maxPricePerCoreHour: 0.000001, expiresInS: 30, requirements: { protection: 'tee', allowedMeasurements: [MEASUREMENT] } })
    assert.deepEqual(r.leases, [])
    await servesOthers()
  })

  it('the CLI and the control API refuse bad input in one line', async () => {
    const oneLine = (r: { code: number, stderr: string }, code: number, re: RegExp): void => {
      assert.equal(r.code, code, r.stderr)
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
      assert.match(r.stderr, re)
      assert.doesNotMatch(r.stderr, /^\s+at /m)
    }
    const sell = ['order', 'sell', '--dir', dir('a-1'), '--memory', '1024', '--price', '0.1', '--he', '--he-throughput', '1000']
    oneLine(await cli([...sell, '--cores=-1']), 2, /--cores: expected a whole number from 1 to 1024, got '-1'/)
    oneLine(await cli([...sell, '--cores', '100000']), 2, /--cores: expected a whole number from 1 to 1024/)
    oneLine(await cli([...sell, '--cores', '2', '--price', '0.1234567']), 2, /--price: expected a positive price/)
    oneLine(await cli(['order', 'sell', '--dir', dir('a-1'), '--cores', '1', '--memory', '1', '--price', '1']), 2, /offer some protection/)
    oneLine(await cli(['order', 'buy', '--dir', dir('a-1'), '--cores', '1', '--memory', '1', '--duration', 'forever', '--max-price', '1']), 2, /--duration: expected a duration/)
    oneLine(await cli(['order', 'buy', '--dir', dir('a-1'), '--cores', '1', '--memory', '1', '--duration', '1h', '--max-price', '1', '--avoid', 'nowhere']), 1, /avoidSubnets: "nowhere" is not a subnet/)
    oneLine(await cli(['order', 'cancel', 'xyz', '--dir', dir('a-1')]), 2, /'xyz' is not an order id/)
    oneLine(await cli(['lease', 'verify', '/nonexistent/lease.json', '--bootstrap', net.bootstrap]), 2, /no such file/)
    oneLine(await cli(['lease', 'verify', await writeJson(net.dir, 'nothing.json', { hello: 1 }), '--bootstrap', net.bootstrap]), 2, /holds no lease/)
    oneLine(await cli(['lease', 'verify', await writeJson(net.dir, 'junk.json', { id: 'x', signed: 'AAAA' }), '--bootstrap', net.bootstrap]), 1, /does not decode|not a peer id|lease id/)
    await assert.rejects(api(dir('a-1'), '/market/orders', { side: 'sell', cores: -3, memoryMiB: 1, expiresInS: 60, protection: { he: true }, heElementsPerS: 1, pricePerCoreHour: 1, minDurationS: 1, maxDurationS: 2 }), /cores -3 is out of range/)
    await assert.rejects(api(dir('a-1'), '/market/orders', { side: 'lend' }), /side/)
  })
})
