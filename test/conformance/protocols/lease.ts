/**
 * `/shulian/lease/1.0.0` (protocols/lease/README.md): PROPOSE and CONFIRM at the lessor's hub (who
 * may, what it verifies, its reservation, the countersignature and its repetition), DELIVER at a
 * participant (own hub only, verified, its own leases only) and at a hub (never).
 */
import assert from 'node:assert/strict'
import { lpStream } from '@libp2p/utils'
import { LEASE_PROTOCOL as PROTOCOL, LeaseRequest, LeaseResponse } from '../../../protocols/lease/index.js'
import { ORDERS_PROTOCOL, OrdersRequest, OrdersResponse } from '../../../protocols/orders/index.js'
import { encodeLeaseTerms, encodeSignedLease, signLeaseTerms, verifyLease } from '../../../market/index.js'
import { relayedConnection } from '../circuit.js'
import { Skip } from '../context.js'
import { buy, flipLast, freshId, sell } from '../market.js'
import type { SuiteNode, TargetContext, Who } from '../context.js'
import type { HeldKey } from '../keys.js'
import type { ProtocolSuite } from '../requirement.js'
import type { BuyOrder, SellOrder, SignedOrderInfo } from '../../../market/index.js'
import type { Stream } from '@libp2p/interface'

const S = LeaseResponse.Status
const codec = { req: LeaseRequest, res: LeaseResponse }
const EMPTY: LeaseRequest = { type: LeaseRequest.Type.TYPE_UNSET, lease: new Uint8Array(0), id: '', endedAt: 0n, state: LeaseRequest.State.STATE_UNSET }

async function ask (ctx: TargetContext, who: Who | SuiteNode, req: Partial<LeaseRequest>): Promise<LeaseResponse> {
  return ctx.ask(who, PROTOCOL, codec, { ...EMPTY, ...req })
}

async function askOn (ctx: TargetContext, stream: Stream, req: Partial<LeaseRequest>): Promise<LeaseResponse> {
  return ctx.askOn(stream, codec, { ...EMPTY, ...req })
}

function expectStatus (res: LeaseResponse, ...want: LeaseResponse.Status[]): void {
  assert.ok(want.includes(res.status), `answered ${res.status} (${res.message}), expected ${want.join(' or ')}`)
}

/** Who may speak lease to the target at all: another hub to a hub, the own hub to a participant. */
function speaker (ctx: TargetContext): Who {
  return ctx.role === 'hub' ? 'otherHub' : 'ownHub'
}

/** Participants of `subnet` the suite holds keys of. */
function heldMembers (ctx: TargetContext, subnet: string): HeldKey[] {
  return ctx.ring.keys.filter(k => k.entry.role === 'participant' && k.entry.subnet === subnet && !k.peerId.equals(ctx.target.peerId))
}

export interface Terms {
  id?: string
  renterHub: SuiteNode | HeldKey
  lessorHub: { peerId: HeldKey['peerId'] }
  buy: SignedOrderInfo<BuyOrder>
  sell: SignedOrderInfo<SellOrder>
  cores?: number
  memoryMiB?: number
  start?: number
}

/** Lease terms signed by the renter's hub (a held key), and by `lessorKey` too when given. */
export async function signedLease (ctx: TargetContext, t: Terms, lessorKey?: HeldKey['key']): Promise<{ id: string, terms: Uint8Array, signed: Uint8Array<ArrayBuffer> }> {
  const id = t.id ?? freshId()
  const start = t.start ?? Date.now()
  const terms = encodeLeaseTerms({
    network: ctx.network.id,
    id,
    renterHub: t.renterHub.peerId,
    lessorHub: t.lessorHub.peerId as any,
    cores: t.cores ?? t.buy.order.cores,
    memoryMiB: t.memoryMiB ?? t.buy.order.memoryMiB,
    protection: { he: true, tee: null },
    start,
    end: start + t.buy.order.durationS * 1000,
    buy: t.buy,
    sell: t.sell
  })
  const renterSig = await signLeaseTerms(terms, 'renterHub', t.renterHub.key)
  const lessorSig = lessorKey == null ? new Uint8Array(0) : await signLeaseTerms(terms, 'lessorHub', lessorKey)
  return { id, terms, signed: encodeSignedLease(terms, renterSig, lessorSig) }
}

/** A SELL placed at the target hub by its member, and a reservation of it by the other hub. */
async function reserved (ctx: TargetContext, cores = 1): Promise<{ sellOwner: SuiteNode, sell: SignedOrderInfo<SellOrder>, buy: SignedOrderInfo<BuyOrder>, id: string }> {
  const member = await ctx.node('member')
  const s = await sell(ctx, member)
  const placed = await ctx.ask(member, ORDERS_PROTOCOL, { req: OrdersRequest, res: OrdersResponse }, { type: OrdersRequest.Type.PLACE, order: s.signed as Uint8Array<ArrayBuffer>, id: '', ids: [], sellId: '', cores: 0, memoryMiB: 0n })
  assert.equal(placed.status, OrdersResponse.Status.OK, `PLACE: ${placed.message}`)
  const b = await buy(ctx, ctx.held('otherMember'), { cores })
  const id = freshId()
  const r = await ctx.ask('otherHub', ORDERS_PROTOCOL, { req: OrdersRequest, res: OrdersResponse }, { type: OrdersRequest.Type.RESERVE, order: b.signed as Uint8Array<ArrayBuffer>, id, ids: [], sellId: s.id, cores, memoryMiB: BigInt(b.order.memoryMiB) })
  assert.equal(r.status, OrdersResponse.Status.OK, `RESERVE: ${r.message}`)
  return { sellOwner: member, sell: s, buy: b, id }
}

async function cleanup (ctx: TargetContext, r: { sellOwner: SuiteNode, sell: SignedOrderInfo<SellOrder>, id: string }, leased: boolean): Promise<void> {
  if (leased) await ask(ctx, 'otherHub', { type: LeaseRequest.Type.END, id: r.id, endedAt: BigInt(Date.now()) }).catch(() => {})
  else await ctx.ask('otherHub', ORDERS_PROTOCOL, { req: OrdersRequest, res: OrdersResponse }, { type: OrdersRequest.Type.RELEASE, order: new Uint8Array(0), id: r.id, ids: [], sellId: '', cores: 0, memoryMiB: 0n }).catch(() => {})
  await ctx.ask(r.sellOwner, ORDERS_PROTOCOL, { req: OrdersRequest, res: OrdersResponse }, { type: OrdersRequest.Type.CANCEL, order: new Uint8Array(0), id: r.sell.id, ids: [], sellId: '', cores: 0, memoryMiB: 0n }).catch(() => {})
}

export const suite: ProtocolSuite = {
  protocol: PROTOCOL,
  name: 'lease',
  readme: 'protocols/lease/README.md',
  requirements: [
    {
      id: 'lease-1.1',
      must: 'a request that does not decode, or TYPE_UNSET: MALFORMED',
      quote: 'A responder MUST answer a request that does not decode, or has TYPE_UNSET, with MALFORMED',
      run: async (ctx) => {
        expectStatus(await ask(ctx, speaker(ctx), {}), S.MALFORMED)
        const stream = await ctx.open(speaker(ctx), PROTOCOL)
        const lp = lpStream(stream)
        const signal = AbortSignal.timeout(ctx.options.timeout)
        await lp.write(Uint8Array.from([0x12, 0xff, 0xff, 0x03]), { signal })
        const res = LeaseResponse.decode(await lp.read({ signal }))
        stream.abort(new Error('done'))
        expectStatus(res, S.MALFORMED)
      }
    },
    {
      id: 'lease-2.1',
      must: 'PROPOSE from a member, or naming another lessor\'s hub: REFUSED',
      quote: 'L MUST refuse (REFUSED) a PROPOSE from a peer that is not the lease\'s renterHub, or naming another hub as lessorHub',
      role: 'hub',
      run: async (ctx) => {
        const hub = await ctx.node('otherHub')
        const members = heldMembers(ctx, hub.name === '' ? '' : ctx.network.peer(hub.peerId)?.subnet ?? '')
        if (members.length < 2) throw new Skip('needs the keys of two participants of the other hub\'s subnet')
        // a lease formed within the other hub's subnet: it names that hub as lessor's hub, not the target
        const own = await signedLease(ctx, { renterHub: hub, lessorHub: hub, buy: await buy(ctx, members[0] as HeldKey), sell: await sell(ctx, members[1] as HeldKey) })
        expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: own.signed }), S.REFUSED)
        // a member of the target's subnet proposing
        expectStatus(await ask(ctx, 'member', { type: LeaseRequest.Type.PROPOSE, lease: own.signed }), S.REFUSED)
      }
    },
    {
      id: 'lease-2.2',
      must: 'PROPOSE: undecodable, badly signed, foreign orders: MALFORMED / BAD_SIGNATURE / INVALID',
      quote: 'MUST verify the renter\'s hub signature and every term as lease verify does',
      role: 'hub',
      run: async (ctx) => {
        const hub = await ctx.node('otherHub')
        expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: Uint8Array.from([0x0a, 0x7f, 1]) }), S.MALFORMED)
        const t = { renterHub: hub, lessorHub: ctx.target, buy: await buy(ctx, ctx.held('otherMember')), sell: await sell(ctx, ctx.held('member')) }
        const good = await signedLease(ctx, t)
        const bad = encodeSignedLease(good.terms, flipLast(await signLeaseTerms(good.terms, 'renterHub', hub.key)))
        expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: bad }), S.BAD_SIGNATURE)
        // the BUY is not of the renter's hub's subnet
        const foreign = await signedLease(ctx, { ...t, buy: await buy(ctx, ctx.held('member2')) })
        expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: foreign.signed }), S.INVALID)
      }
    },
    {
      id: 'lease-2.3',
      must: 'PROPOSE without its reservation: NOT_FOUND; other terms or a far start: INVALID',
      quote: 'MUST find its reservation with that id, made by the caller, for the same SELL, BUY, cores and memory',
      role: 'hub',
      run: async (ctx) => {
        const hub = await ctx.node('otherHub')
        const none = await signedLease(ctx, { renterHub: hub, lessorHub: ctx.target, buy: await buy(ctx, ctx.held('otherMember')), sell: await sell(ctx, ctx.held('member')) })
        expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: none.signed }), S.NOT_FOUND)
        const r = await reserved(ctx, 1)
        try {
          // BUY of 1 core reserved; a lease of 2 cores (a second BUY of 2 cores, same SELL)
          const more = await signedLease(ctx, { id: r.id, renterHub: hub, lessorHub: ctx.target, buy: await buy(ctx, ctx.held('otherMember'), { cores: 2 }), sell: r.sell })
          expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: more.signed }), S.INVALID)
          const same = { id: r.id, renterHub: hub, lessorHub: ctx.target, buy: r.buy, sell: r.sell }
          expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: (await signedLease(ctx, { ...same, cores: 1, memoryMiB: 1 })).signed }), S.INVALID)
          expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: (await signedLease(ctx, { ...same, start: Date.now() + 300_000 })).signed }), S.INVALID)
        } finally {
          await cleanup(ctx, r, false)
        }
      }
    },
    {
      id: 'lease-2.4',
      must: 'PROPOSE of its reservation: OK, a verifying countersignature; repeated: the same one',
      quote: 'MUST find its reservation with that id, made by the caller',
      role: 'hub',
      run: async (ctx) => {
        const hub = await ctx.node('otherHub')
        const r = await reserved(ctx, 1)
        let leased = false
        try {
          const lease = await signedLease(ctx, { id: r.id, renterHub: hub, lessorHub: ctx.target, buy: r.buy, sell: r.sell })
          const res = await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: lease.signed })
          expectStatus(res, S.OK)
          leased = true
          const full = encodeSignedLease(lease.terms, await signLeaseTerms(lease.terms, 'renterHub', hub.key), res.signature)
          const v = await verifyLease(full, ctx.network)
          assert.equal(v.lessorHub, ctx.target.peerId.toString())
          const again = await ask(ctx, hub, { type: LeaseRequest.Type.PROPOSE, lease: lease.signed })
          expectStatus(again, S.OK)
          assert.deepEqual(Buffer.from(again.signature), Buffer.from(res.signature), 'a repeated PROPOSE got another signature')
          expectStatus(await ask(ctx, 'member', { type: LeaseRequest.Type.CONFIRM, id: r.id }), S.REFUSED)
          expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.CONFIRM, id: freshId() }), S.NOT_FOUND)
          expectStatus(await ask(ctx, hub, { type: LeaseRequest.Type.CONFIRM, id: r.id }), S.OK)
        } finally {
          await cleanup(ctx, r, leased)
        }
      }
    },
    {
      id: 'lease-3.1',
      must: 'DELIVER from a peer other than the own hub: REFUSED',
      quote: 'A participant MUST accept deliveries from its own hub only',
      role: 'participant',
      run: async (ctx) => {
        const peer = await ctx.node('peer')
        const conn = await relayedConnection(ctx, peer)
        try {
          const stream = await conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout) })
          expectStatus(await askOn(ctx, stream, { type: LeaseRequest.Type.DELIVER, lease: ctx.lease?.signed as Uint8Array<ArrayBuffer> ?? new Uint8Array(3), state: LeaseRequest.State.ACTIVE }), S.REFUSED)
        } finally {
          await conn.close().catch(() => {})
        }
      }
    },
    {
      id: 'lease-3.2',
      must: 'DELIVER: undecodable / badly signed / not its own lease: MALFORMED / BAD_SIGNATURE / REFUSED',
      quote: 'MUST verify the lease (both hub signatures, both orders, every term; BAD_SIGNATURE, INVALID, MALFORMED) and that it is the renter or the lessor',
      role: 'participant',
      run: async (ctx) => {
        const hub = await ctx.node('ownHub')
        const deliver = async (lease: Uint8Array, state = LeaseRequest.State.ACTIVE): Promise<LeaseResponse> => ask(ctx, hub, { type: LeaseRequest.Type.DELIVER, lease: lease as Uint8Array<ArrayBuffer>, state })
        expectStatus(await deliver(Uint8Array.from([0x0a, 0x7f, 1])), S.MALFORMED)
        const members = heldMembers(ctx, ctx.target.entry.subnet)
        if (members.length < 2) throw new Skip('needs the keys of two other participants of the target\'s subnet')
        // a lease between two other members of the subnet, signed by the hub in both roles
        const theirs = await signedLease(ctx, { renterHub: hub, lessorHub: hub, buy: await buy(ctx, members[0] as HeldKey), sell: await sell(ctx, members[1] as HeldKey) }, hub.key)
        expectStatus(await deliver(theirs.signed), S.REFUSED)
        expectStatus(await deliver(flipLast(theirs.signed)), S.BAD_SIGNATURE)
        if (ctx.lease != null) {
          expectStatus(await deliver(flipLast(ctx.lease.signed)), S.BAD_SIGNATURE)
          expectStatus(await deliver(ctx.lease.signed, LeaseRequest.State.STATE_UNSET), S.MALFORMED)
          // control: its own lease again is a redelivery
          expectStatus(await deliver(ctx.lease.signed), S.OK)
        }
      }
    },
    {
      id: 'lease-3.3',
      must: 'a hub takes no deliveries: REFUSED',
      quote: 'A hub MUST NOT take deliveries (REFUSED)',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await ask(ctx, 'otherHub', { type: LeaseRequest.Type.DELIVER, lease: Uint8Array.from([1]), state: LeaseRequest.State.ACTIVE }), S.REFUSED)
        expectStatus(await ask(ctx, 'member', { type: LeaseRequest.Type.DELIVER, lease: Uint8Array.from([1]), state: LeaseRequest.State.ACTIVE }), S.REFUSED)
      }
    },
    {
      id: 'lease-4.1',
      must: 'the renter\'s hub retries a formation until a definite answer',
      quote: 'R MUST NOT give up a formation on a timeout or a lost connection',
      kind: 'client',
      unit: { file: 'market/hub/hub-market.test.ts', test: 'the lessor\'s hub down before the reservation: the formation waits, then completes (and test/market-crash.test.ts)' }
    },
    {
      id: 'lease-4.2',
      must: 'a hub delivers each lease to its members until acknowledged',
      quote: 'A hub MUST deliver each lease to its member(s), retrying until acknowledged',
      kind: 'client',
      unit: { file: 'market/hub/hub-market.test.ts', test: 'a BUY at hub a fills from SELLs at hubs b and c, cheapest first; both hubs keep the same leases (deliveries); live: a hub delivers on its own schedule, which no request can trigger' }
    }
  ]
}
