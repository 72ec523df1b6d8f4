import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { defaultLogger } from '@libp2p/logger'
import { lpStream, pbStream, streamPair } from '@libp2p/utils'
import { MarketError } from '../../market/index.js'
import { testNet } from '../../market/test-support.js'
import { errorOf } from './errors.js'
import { ORDERS_PROTOCOL, orders } from './index.js'
import { OrdersRequest, OrdersResponse } from './pb/orders.js'
import type { OrdersBackend, Orders } from './index.js'
import type { HubOrderState } from '../../market/index.js'
import type { TestNet } from '../../market/test-support.js'
import type { Connection, PeerId, StreamHandler } from '@libp2p/interface'

const state = (order: Uint8Array): HubOrderState => ({ order, state: { status: 'open', freeCores: 3, freeMemoryMiB: 300, filledCores: 1, filledMemoryMiB: 100, acceptedAt: 1234 } })

/** A hub's service answering from `backend`, and a client for `caller`, joined by streamPair(). */
async function wire (t: TestNet, hub: string, backend: Partial<OrdersBackend> | undefined): Promise<{ client: (caller: string) => Orders, raw: (caller: string) => Promise<any>, registered: boolean }> {
  let handler: StreamHandler | undefined
  const service = orders({ network: () => t.network, backend: backend == null ? undefined : () => backend as OrdersBackend })({
    peerId: t.id(hub),
    registrar: { handle: async (protocol, h) => { assert.equal(protocol, ORDERS_PROTOCOL); handler = h }, unhandle: async () => {} },
    connectionManager: { openStream: async () => { throw new Error('the hub dials nobody here') } },
    logger: defaultLogger()
  }) as unknown as { start: () => Promise<void> }
  await service.start()
  const open = async (caller: PeerId): Promise<any> => {
    const [outbound, inbound] = await streamPair({ protocol: ORDERS_PROTOCOL })
    void (handler as StreamHandler)(inbound, { remotePeer: caller } as unknown as Connection)
    return outbound
  }
  return {
    registered: handler != null,
    client: (caller) => orders({ network: () => t.network })({
      peerId: t.id(caller),
      registrar: { handle: async () => {}, unhandle: async () => {} },
      connectionManager: { openStream: async (peer) => { assert.equal(peer.toString(), t.id(hub).toString()); return open(t.id(caller)) } },
      logger: defaultLogger()
    }),
    raw: async (caller) => open(t.id(caller))
  }
}

describe('/shulian/orders/1.0.0', () => {
  let t: TestNet
  before(async () => { t = await testNet([2, 1]) })

  it('PLACE: the hub\'s answer (state, leases, duplicate) reaches the member intact', async () => {
    const order = await t.sell('a-1')
    const seen: string[] = []
    const { client } = await wire(t, 'hub-a', {
      place: async (caller, o) => { seen.push(caller.toString()); assert.deepEqual(o, order.signed); return { order: state(o), leases: [Uint8Array.from([9, 9])], duplicate: true } }
    })
    const r = await client('a-1').place(t.id('hub-a'), order.signed)
    assert.deepEqual(seen, [t.id('a-1').toString()], 'the backend is told who asked (the authenticated peer)')
    assert.deepEqual(r.order.state, state(order.signed).state)
    assert.deepEqual(r.leases, [Uint8Array.from([9, 9])])
    assert.equal(r.duplicate, true)
  })

  it('QUOTE and RESERVE round trip between hubs', async () => {
    const sell = await t.sell('a-1')
    const buy = await t.buy('b-1')
    const { client } = await wire(t, 'hub-a', {
      quote: (_, ids) => { assert.deepEqual(ids, [sell.id, '00'.repeat(16)]); return [{ id: sell.id, ...state(sell.signed) }] },
      reserve: async (caller, r) => {
        assert.ok(caller.equals(t.id('hub-b')))
        assert.deepEqual(r, { reservationId: 'ab'.repeat(16), sellId: sell.id, buy: buy.signed, cores: 2, memoryMiB: 200 })
        return { expires: 777, duplicate: false }
      }
    })
    const q = await client('hub-b').quote(t.id('hub-a'), [sell.id, '00'.repeat(16)])
    assert.deepEqual(q.map(e => [e.id, e.state.freeCores]), [[sell.id, 3]], 'the id is derived from the order it returns')
    assert.deepEqual(await client('hub-b').reserve(t.id('hub-a'), { reservationId: 'ab'.repeat(16), sellId: sell.id, buy: buy.signed, cores: 2, memoryMiB: 200 }), { expires: 777, duplicate: false })
  })

  it('members ask their own hub only, hubs ask hubs only', async () => {
    const never = async (): Promise<never> => { throw new Error('the backend must not be reached') }
    const { client } = await wire(t, 'hub-a', { place: never, list: never, quote: never, reserve: never, release: never })
    const sell = await t.sell('b-1')
    await assert.rejects(client('b-1').place(t.id('hub-a'), sell.signed), (e: any) => e instanceof MarketError && e.code === 'REFUSED' && /members of this hub only/.test(e.message))
    await assert.rejects(client('hub-b').list(t.id('hub-a')), (e: any) => e.code === 'REFUSED')
    await assert.rejects(client('a-1').quote(t.id('hub-a'), []), (e: any) => e.code === 'REFUSED' && /for hubs only/.test(e.message))
    await assert.rejects(client('a-2').release(t.id('hub-a'), 'ab'.repeat(16)), (e: any) => e.code === 'REFUSED')
  })

  it('a refusal travels as its status and one line; a bug as UNAVAILABLE without details', async () => {
    const { client } = await wire(t, 'hub-a', {
      cancel: () => { throw new MarketError('NOT_OWNER', 'order x is not the sender\'s\nsecond line') },
      list: () => { throw new TypeError('cannot read properties of undefined (secret)') }
    })
    await assert.rejects(client('a-1').cancel(t.id('hub-a'), 'ab'.repeat(16)), (e: any) => e.code === 'NOT_OWNER' && e.message === 'not the owner: order x is not the sender\'s')
    await assert.rejects(client('a-1').list(t.id('hub-a')), (e: any) => e.code === 'UNAVAILABLE' && e.message === 'unavailable: internal error; try again')
  })

  it('garbage, an unknown type and too many ids: MALFORMED', async () => {
    const { raw } = await wire(t, 'hub-a', {})
    const lp = lpStream(await raw('a-1'))
    await lp.write(Uint8Array.from([0x08, 0x63]))
    const unknown = OrdersResponse.decode(await lp.read({ signal: AbortSignal.timeout(5000) }))
    assert.equal(unknown.status, OrdersResponse.Status.MALFORMED)
    const pb = pbStream(await raw('hub-b'))
    await pb.write({ type: OrdersRequest.Type.QUOTE, order: new Uint8Array(0), id: '', ids: Array.from({ length: 300 }, (_, i) => String(i)), sellId: '', cores: 0, memoryMiB: 0n }, OrdersRequest)
    const many = await pb.read(OrdersResponse, { signal: AbortSignal.timeout(5000) })
    assert.equal(many.status, OrdersResponse.Status.MALFORMED)
    assert.match(many.message, /unreadable request/)
    const empty = pbStream(await raw('a-1'))
    await empty.write({ type: OrdersRequest.Type.TYPE_UNSET, order: new Uint8Array(0), id: '', ids: [], sellId: '', cores: 0, memoryMiB: 0n }, OrdersRequest)
    assert.equal((await empty.read(OrdersResponse, { signal: AbortSignal.timeout(5000) })).status, OrdersResponse.Status.MALFORMED)
  })

  it('a node without a market (a participant) does not handle the protocol', async () => {
    assert.equal((await wire(t, 'a-1', undefined)).registered, false)
  })
  it('a client treats STATUS_UNSET as MALFORMED, and no answer as UNAVAILABLE (outcome unknown), not a refusal', async () => {
    assert.equal(errorOf(OrdersResponse.Status.STATUS_UNSET, '').code, 'MALFORMED')
    const silent = orders({ network: () => t.network })({
      peerId: t.id('a-1'),
      registrar: { handle: async () => {}, unhandle: async () => {} },
      connectionManager: {
        openStream: async () => {
          const [outbound, inbound] = await streamPair({ protocol: ORDERS_PROTOCOL })
          // the hub reads the request and goes away without a word
          void lpStream(inbound).read().then(() => { inbound.abort(new Error('gone')) }, () => {})
          return outbound
        }
      },
      logger: defaultLogger()
    })
    await assert.rejects(silent.list(t.id('hub-a')), (e: any) => e instanceof MarketError && e.code === 'UNAVAILABLE')
  })
})
