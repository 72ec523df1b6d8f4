/**
 * `/shulian/orders/1.0.0` (protocols/orders/README.md): who may ask a hub what, PLACE's refusals in
 * their order, idempotent retries, RESERVE's own checks and its atomic hold, the offer records a
 * hub republishes, and the offer record validator every hub registers.
 */
import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'
import { ORDERS_PROTOCOL as PROTOCOL, OrdersRequest, OrdersResponse } from '../../../protocols/orders/index.js'
import { offerKey, orderIdOf, verifyOfferRecord } from '../../../market/index.js'
import { Skip } from '../context.js'
import { getValue, putValue } from '../kad.js'
import { buy, flipLast, freshId, offerRecord, published, sell } from '../market.js'
import type { SuiteNode, TargetContext, Who } from '../context.js'
import type { ProtocolSuite } from '../requirement.js'
import type { SellOrder, SignedOrderInfo } from '../../../market/index.js'

const S = OrdersResponse.Status
const codec = { req: OrdersRequest, res: OrdersResponse }
const EMPTY: OrdersRequest = { type: OrdersRequest.Type.TYPE_UNSET, order: new Uint8Array(0), id: '', ids: [], sellId: '', cores: 0, memoryMiB: 0n }

async function ask (ctx: TargetContext, who: Who | SuiteNode, req: Partial<OrdersRequest>): Promise<OrdersResponse> {
  return ctx.ask(who, PROTOCOL, codec, { ...EMPTY, ...req }, { timeout: 60_000 })
}

function expectStatus (res: OrdersResponse, ...want: OrdersResponse.Status[]): void {
  assert.ok(want.includes(res.status), `answered ${res.status} (${res.message}), expected ${want.join(' or ')}`)
}

/** A refusal, or a connection the gater cut (the spec allows either for a peer outside the network). */
async function refusedOrCut (ctx: TargetContext, who: Who, req: Partial<OrdersRequest>): Promise<void> {
  const out = await ctx.outcome(ask(ctx, who, req))
  if ('answer' in out) expectStatus(out.answer, S.REFUSED)
}

async function place (ctx: TargetContext, who: Who | SuiteNode, order: Uint8Array): Promise<OrdersResponse> {
  return ask(ctx, who, { type: OrdersRequest.Type.PLACE, order: order as Uint8Array<ArrayBuffer> })
}

/** A SELL of `member` placed at the target hub (OK), to reserve from or cancel. */
async function placedSell (ctx: TargetContext, change: Partial<SellOrder> = {}): Promise<{ node: SuiteNode, order: SignedOrderInfo<SellOrder> }> {
  ctx.expectRole('hub')
  const node = await ctx.node('member')
  const order = await sell(ctx, node, change)
  expectStatus(await place(ctx, node, order.signed), S.OK)
  return { node, order }
}

async function cancel (ctx: TargetContext, node: SuiteNode, id: string): Promise<OrdersResponse> {
  return ask(ctx, node, { type: OrdersRequest.Type.CANCEL, id })
}

/** The ids of the SELLs in the target hub's offer record of class `he`, as its DHT answers. */
async function publishedIds (ctx: TargetContext): Promise<string[]> {
  const node = await ctx.node('otherHub')
  const value = await getValue(ctx, node, offerKey('he', ctx.target.peerId)).catch(() => undefined)
  if (value == null) return []
  const record = await verifyOfferRecord(value, ctx.network, { key: offerKey('he', ctx.target.peerId) })
  return record.offers.map(o => o.order.id)
}

async function until (what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise(resolve => setTimeout(resolve, 200))
  }
  throw new Error(`${what}: not within ${ms / 1000} s`)
}

/** RESERVE as another hub, for a BUY of that hub's member. */
async function reserve (ctx: TargetContext, r: { id?: string, sellId: string, order?: Uint8Array, cores?: number, memoryMiB?: number }): Promise<OrdersResponse> {
  const hub = await ctx.node('otherHub')
  const order = r.order ?? (await buy(ctx, ctx.held('otherMember'))).signed
  return ask(ctx, hub, { type: OrdersRequest.Type.RESERVE, id: r.id ?? freshId(), sellId: r.sellId, order: order as Uint8Array<ArrayBuffer>, cores: r.cores ?? 1, memoryMiB: BigInt(r.memoryMiB ?? 16) })
}

async function release (ctx: TargetContext, id: string): Promise<void> {
  await ask(ctx, 'otherHub', { type: OrdersRequest.Type.RELEASE, id }).catch(() => {})
}

/** The target hub must refuse to hold `value` under `key` in its DHT. */
async function refusesOffer (ctx: TargetContext, key: Uint8Array, value: Uint8Array): Promise<void> {
  const node = await ctx.node('otherHub')
  assert.equal(await putValue(ctx, node, key, value), false, 'the hub accepted the record')
  const held = await getValue(ctx, node, key).catch(() => undefined)
  assert.ok(held == null || !Buffer.from(held).equals(Buffer.from(value)), 'the hub holds the refused record')
}

const VALIDATOR = 'a validator that rejects a record that is over 512 KiB or does not decode'

export const suite: ProtocolSuite = {
  protocol: PROTOCOL,
  name: 'orders',
  readme: 'protocols/orders/README.md',
  requirements: [
    {
      id: 'orders-1.1',
      must: 'a request that does not decode, or TYPE_UNSET: MALFORMED',
      quote: 'A responder MUST answer a request that does not decode, or has TYPE_UNSET, with MALFORMED',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await ask(ctx, 'member', {}), S.MALFORMED)
        const stream = await ctx.open('member', PROTOCOL)
        const lp = lpStream(stream)
        const signal = AbortSignal.timeout(ctx.options.timeout)
        await lp.write(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), { signal })
        const res = OrdersResponse.decode(await lp.read({ signal }))
        stream.abort(new Error('done'))
        expectStatus(res, S.MALFORMED)
      }
    },
    {
      id: 'orders-1.2',
      must: 'PLACE/CANCEL/LIST from a hub or another subnet\'s member: REFUSED',
      quote: 'A responder MUST answer REFUSED to PLACE, CANCEL or LIST unless the caller (the peer that Noise authenticated) is a participant of the responder\'s own subnet',
      role: 'hub',
      run: async (ctx) => {
        for (const type of [OrdersRequest.Type.LIST, OrdersRequest.Type.CANCEL]) {
          expectStatus(await ask(ctx, 'otherHub', { type, id: freshId() }), S.REFUSED)
          await refusedOrCut(ctx, 'otherMember', { type, id: freshId() })
        }
        // an order genuinely signed by its owner, sent by the owner, but not a member of this hub
        const other = await ctx.node('otherMember')
        await refusedOrCut(ctx, 'otherMember', { type: OrdersRequest.Type.PLACE, order: (await sell(ctx, other)).signed as Uint8Array<ArrayBuffer> })
        await refusedOrCut(ctx, 'stranger', { type: OrdersRequest.Type.LIST })
      }
    },
    {
      id: 'orders-1.3',
      must: 'QUOTE/RESERVE/RELEASE from a member: REFUSED',
      quote: 'and to QUOTE, RESERVE or RELEASE unless the caller is another hub of the network',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await ask(ctx, 'member', { type: OrdersRequest.Type.QUOTE, ids: [freshId()] }), S.REFUSED)
        expectStatus(await ask(ctx, 'member', { type: OrdersRequest.Type.RESERVE, id: freshId(), sellId: freshId(), cores: 1 }), S.REFUSED)
        expectStatus(await ask(ctx, 'member', { type: OrdersRequest.Type.RELEASE, id: freshId() }), S.REFUSED)
      }
    },
    {
      id: 'orders-1.4',
      must: 'a client treats silence as "outcome unknown", not a refusal',
      quote: 'it MUST NOT treat silence as a refusal',
      kind: 'client',
      unit: { file: 'protocols/orders/orders.test.ts', test: 'a client treats STATUS_UNSET as MALFORMED, and no answer as UNAVAILABLE (outcome unknown), not a refusal' }
    },
    {
      id: 'orders-2.1',
      must: 'PLACE: an order that does not decode or is over 4096 bytes: MALFORMED',
      quote: 'The hub MUST refuse, in this order:',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await place(ctx, 'member', Uint8Array.from([0x0a, 0x05, 1, 2])), S.MALFORMED)
        expectStatus(await place(ctx, 'member', new Uint8Array(5000).fill(0x0a)), S.MALFORMED)
      }
    },
    {
      id: 'orders-2.2',
      must: 'PLACE: another member\'s genuinely signed order: NOT_OWNER',
      quote: 'The hub MUST refuse, in this order:',
      role: 'hub',
      run: async (ctx) => {
        const theirs = await sell(ctx, ctx.held('member2'))
        expectStatus(await place(ctx, 'member', theirs.signed), S.NOT_OWNER)
      }
    },
    {
      id: 'orders-2.3',
      must: 'PLACE: a signature that does not verify: BAD_SIGNATURE',
      quote: 'The hub MUST refuse, in this order:',
      role: 'hub',
      run: async (ctx) => {
        const mine = await sell(ctx, await ctx.node('member'))
        expectStatus(await place(ctx, 'member', flipLast(mine.signed)), S.BAD_SIGNATURE)
      }
    },
    {
      id: 'orders-2.4',
      must: 'PLACE: fields out of range or contradicting: INVALID',
      quote: 'The hub MUST refuse, in this order:',
      role: 'hub',
      run: async (ctx) => {
        const me = await ctx.node('member')
        for (const change of [{ cores: 0 }, { cores: 5000 }, { minDurationS: 7200, maxDurationS: 60 }, { protection: { he: false, tee: null } }, { network: `${ctx.network.id}-other` }, { expires: Date.now() + 90 * 86_400_000 }] as Array<Partial<SellOrder>>) {
          const res = await place(ctx, me, (await sell(ctx, me, change)).signed)
          assert.equal(res.status, S.INVALID, `${JSON.stringify(change)}: answered ${res.status} (${res.message})`)
        }
      }
    },
    {
      id: 'orders-2.5',
      must: 'PLACE: an expired order: EXPIRED',
      quote: 'The hub MUST refuse, in this order:',
      role: 'hub',
      run: async (ctx) => {
        const me = await ctx.node('member')
        expectStatus(await place(ctx, me, (await sell(ctx, me, { expires: Date.now() - 1000 })).signed), S.EXPIRED)
      }
    },
    {
      id: 'orders-2.6',
      must: 'PLACE: a lower seq, or a cancelled order again: REPLAYED',
      quote: 'The hub MUST refuse, in this order:',
      role: 'hub',
      run: async (ctx) => {
        const older = await sell(ctx, await ctx.node('member'))
        const { node, order } = await placedSell(ctx)
        try {
          expectStatus(await place(ctx, node, older.signed), S.REPLAYED)
        } finally {
          expectStatus(await cancel(ctx, node, order.id), S.OK)
        }
        expectStatus(await place(ctx, node, order.signed), S.REPLAYED)
      }
    },
    {
      id: 'orders-2.7',
      must: 'PLACE of the same order again: OK, duplicate, kept once',
      quote: 'the hub MUST answer OK with duplicate = true and the order\'s state now, and MUST NOT keep it twice',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        try {
          const again = await place(ctx, node, order.signed)
          expectStatus(again, S.OK)
          assert.equal(again.duplicate, true, 'duplicate is not set')
          assert.equal(again.orders.length, 1)
          assert.equal(orderIdOf(again.orders[0]?.order ?? new Uint8Array(0)), order.id)
          const list = await ask(ctx, node, { type: OrdersRequest.Type.LIST })
          expectStatus(list, S.OK)
          assert.equal(list.orders.filter(o => orderIdOf(o.order) === order.id).length, 1, 'LIST shows the order more than once')
        } finally {
          await cancel(ctx, node, order.id)
        }
      }
    },
    {
      id: 'orders-3.1',
      must: 'a placed SELL is published, a cancelled one leaves the offer record',
      quote: 'A hub MUST republish its offer records when a SELL is cancelled',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        try {
          await until(`SELL ${order.id} in the hub's offer record`, async () => (await publishedIds(ctx)).includes(order.id))
          const other = await ctx.node('member2')
          expectStatus(await cancel(ctx, other, order.id), S.NOT_OWNER)
          expectStatus(await cancel(ctx, node, freshId()), S.NOT_FOUND)
        } finally {
          expectStatus(await cancel(ctx, node, order.id), S.OK)
        }
        await until(`cancelled SELL ${order.id} gone from the offer record`, async () => !(await publishedIds(ctx)).includes(order.id))
      }
    },
    {
      id: 'orders-3.2',
      must: 'a reservation changes the published free capacity',
      quote: 'A hub MUST republish its records when its offers change (placed, cancelled, reserved, leased, released, expired)',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        const id = freshId()
        try {
          await until('the SELL published', async () => (await publishedIds(ctx)).includes(order.id))
          expectStatus(await reserve(ctx, { id, sellId: order.id, cores: 1 }), S.OK)
          const free = async (): Promise<number | undefined> => {
            const value = await getValue(ctx, await ctx.node('otherHub'), offerKey('he', ctx.target.peerId))
            if (value == null) return undefined
            return (await verifyOfferRecord(value, ctx.network)).offers.find(o => o.order.id === order.id)?.freeCores
          }
          await until('1 free core published after reserving 1 of 2', async () => (await free()) === 1)
          await release(ctx, id)
          await until('2 free cores published after the release', async () => (await free()) === 2)
        } finally {
          await release(ctx, id)
          await cancel(ctx, node, order.id)
        }
      }
    },
    {
      id: 'orders-4.1',
      must: 'RESERVE: malformed ids, an order that does not verify: MALFORMED / BAD_SIGNATURE',
      quote: 'The responder MUST check everything itself, trusting nothing the caller planned:',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        try {
          expectStatus(await reserve(ctx, { id: 'not-an-id', sellId: order.id }), S.MALFORMED)
          expectStatus(await reserve(ctx, { sellId: 'XYZ' }), S.MALFORMED)
          expectStatus(await reserve(ctx, { sellId: order.id, order: Uint8Array.from([0x0a, 0x03, 1]) }), S.MALFORMED)
          const good = await buy(ctx, ctx.held('otherMember'))
          expectStatus(await reserve(ctx, { sellId: order.id, order: flipLast(good.signed) }), S.BAD_SIGNATURE)
          // a SELL where a BUY belongs
          expectStatus(await reserve(ctx, { sellId: order.id, order: order.signed }), S.INVALID, S.MALFORMED)
        } finally {
          await cancel(ctx, node, order.id)
        }
      }
    },
    {
      id: 'orders-4.2',
      must: 'RESERVE: a BUY of a member of another subnet than the caller\'s: REFUSED',
      quote: 'and its owner MUST be a member of the caller\'s subnet → else REFUSED',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        try {
          // a member of the responder's own subnet is not the calling hub's to vouch for
          expectStatus(await reserve(ctx, { sellId: order.id, order: (await buy(ctx, ctx.held('member2'))).signed }), S.REFUSED)
        } finally {
          await cancel(ctx, node, order.id)
        }
      }
    },
    {
      id: 'orders-4.3',
      must: 'RESERVE: unknown SELL: NOT_FOUND; cancelled SELL: refused',
      quote: 'sellId MUST be a SELL the responder keeps (NOT_FOUND), open and unexpired (EXPIRED)',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await reserve(ctx, { sellId: freshId() }), S.NOT_FOUND)
        const { node, order } = await placedSell(ctx)
        expectStatus(await cancel(ctx, node, order.id), S.OK)
        const res = await reserve(ctx, { sellId: order.id })
        assert.notEqual(res.status, S.OK, 'a cancelled SELL was reserved')
      }
    },
    {
      id: 'orders-4.4',
      must: 'RESERVE: cores 0 or above the BUY, memory above the BUY: INVALID',
      quote: 'cores MUST be 1 to the BUY\'s cores, memoryMiB 0 to the BUY\'s memory → INVALID',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        try {
          const b = (await buy(ctx, ctx.held('otherMember'), { cores: 1, memoryMiB: 64 })).signed
          expectStatus(await reserve(ctx, { sellId: order.id, order: b, cores: 0 }), S.INVALID)
          expectStatus(await reserve(ctx, { sellId: order.id, order: b, cores: 2 }), S.INVALID)
          expectStatus(await reserve(ctx, { sellId: order.id, order: b, cores: 1, memoryMiB: 65 }), S.INVALID)
        } finally {
          await cancel(ctx, node, order.id)
        }
      }
    },
    {
      id: 'orders-4.5',
      must: 'RESERVE: a SELL that cannot serve the BUY (price, protection, duration): INVALID',
      quote: 'the SELL MUST be able to serve the BUY',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        try {
          const other = ctx.held('otherMember')
          for (const change of [{ maxPricePerCoreHour: 999_999 }, { requirements: { protection: 'tee', allowedMeasurements: [], avoidSubnets: [], preferSubnets: [] } }, { durationS: 30 }, { durationS: 90_000 }, { requirements: { protection: 'any', allowedMeasurements: [], avoidSubnets: [ctx.target.entry.subnet], preferSubnets: [] } }] as const) {
            const res = await reserve(ctx, { sellId: order.id, order: (await buy(ctx, other, change as any)).signed })
            assert.equal(res.status, S.INVALID, `${JSON.stringify(change)}: answered ${res.status} (${res.message})`)
          }
        } finally {
          await cancel(ctx, node, order.id)
        }
      }
    },
    {
      id: 'orders-4.6',
      must: 'RESERVE: more than is free: INSUFFICIENT; same id, same terms: duplicate',
      quote: 'the SELL MUST have that much capacity free → else INSUFFICIENT',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        const id = freshId()
        try {
          const b = (await buy(ctx, ctx.held('otherMember'), { cores: 4 })).signed
          expectStatus(await reserve(ctx, { sellId: order.id, order: b, cores: 3 }), S.INSUFFICIENT)
          const first = await reserve(ctx, { id, sellId: order.id, order: b, cores: 2 })
          expectStatus(first, S.OK)
          assert.ok(Number(first.expires) > Date.now(), 'no expiry')
          const again = await reserve(ctx, { id, sellId: order.id, order: b, cores: 2 })
          expectStatus(again, S.OK)
          assert.equal(again.duplicate, true)
          expectStatus(await reserve(ctx, { sellId: order.id, order: b, cores: 1 }), S.INSUFFICIENT)
          expectStatus(await reserve(ctx, { id, sellId: order.id, order: b, cores: 1 }), S.INVALID)
        } finally {
          await release(ctx, id)
          await cancel(ctx, node, order.id)
        }
      }
    },
    {
      id: 'orders-4.7',
      must: 'RESERVE: concurrent holds of the same capacity: exactly one OK',
      quote: 'The check of capacity and the hold MUST be one atomic step',
      role: 'hub',
      run: async (ctx) => {
        const { node, order } = await placedSell(ctx)
        const ids = Array.from({ length: 8 }, () => freshId())
        try {
          const b = (await buy(ctx, ctx.held('otherMember'), { cores: 2 })).signed
          const answers = await Promise.all(ids.map(async id => reserve(ctx, { id, sellId: order.id, order: b, cores: 2 })))
          assert.equal(answers.filter(a => a.status === S.OK).length, 1, `answers: ${answers.map(a => a.status).join(', ')}`)
          assert.ok(answers.every(a => a.status === S.OK || a.status === S.INSUFFICIENT), `answers: ${answers.map(a => a.status).join(', ')}`)
        } finally {
          for (const id of ids) await release(ctx, id)
          await cancel(ctx, node, order.id)
        }
      }
    },
    ...([
      ['orders-5.1', 'over 512 KiB', async (ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('he', hub.peerId), value: new Uint8Array(520 * 1024).fill(0x0a) })],
      ['orders-5.2', 'that does not decode', async (_ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('he', hub.peerId), value: Uint8Array.from([0x0a, 0xff, 0x7f, 1]) })],
      ['orders-5.3', 'under another hub\'s or class\'s key', async (ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('tee', hub.peerId), value: await offerRecord(ctx, hub, 'he', []) })],
      ['orders-5.4', 'signed by a non-hub', async (ctx: TargetContext) => {
        const k = await generateKeyPair('Ed25519')
        const fake: SuiteNode = { who: 'stranger', key: k, peerId: peerIdFromPrivateKey(k), name: 'stranger', libp2p: undefined as any }
        return { key: offerKey('he', fake.peerId), value: await offerRecord(ctx, fake, 'he', []) }
      }],
      ['orders-5.5', 'with a bad signature', async (ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('he', hub.peerId), value: flipLast(await offerRecord(ctx, hub, 'he', [])) })],
      ['orders-5.6', 'that has expired', async (ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('he', hub.peerId), value: await offerRecord(ctx, hub, 'he', [], { expires: Date.now() - 1000 }) })],
      ['orders-5.7', 'holding a SELL of a member of another subnet', async (ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('he', hub.peerId), value: await offerRecord(ctx, hub, 'he', [published(await sell(ctx, ctx.held('member')))]) })],
      ['orders-5.8', 'holding a SELL not of the record\'s class', async (ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('tee', hub.peerId), value: await offerRecord(ctx, hub, 'tee', [published(await sell(ctx, hubMember(ctx, hub)))]) })],
      ['orders-5.9', 'repeating an order', async (ctx: TargetContext, hub: SuiteNode) => {
        const s = await sell(ctx, hubMember(ctx, hub))
        return { key: offerKey('he', hub.peerId), value: await offerRecord(ctx, hub, 'he', [published(s), published(s)]) }
      }],
      ['orders-5.10', 'claiming more free capacity than its order', async (ctx: TargetContext, hub: SuiteNode) => ({ key: offerKey('he', hub.peerId), value: await offerRecord(ctx, hub, 'he', [published(await sell(ctx, hubMember(ctx, hub)), { cores: 3 })]) })],
      ['orders-5.11', 'holding a badly signed SELL', async (ctx: TargetContext, hub: SuiteNode) => {
        const s = await sell(ctx, hubMember(ctx, hub))
        return { key: offerKey('he', hub.peerId), value: await offerRecord(ctx, hub, 'he', [published({ ...s, signed: flipLast(s.signed) })]) }
      }]
    ] as const).map(([id, what, make]) => ({
      id,
      must: `DHT: an offer record ${what} is rejected`,
      quote: VALIDATOR,
      role: 'hub' as const,
      run: async (ctx: TargetContext) => {
        const hub = await ctx.node('otherHub')
        const { key, value } = await make(ctx, hub)
        await refusesOffer(ctx, key, value)
      }
    })),
    {
      id: 'orders-5.12',
      must: 'DHT: a valid offer record is accepted (control for 5.1-5.11)',
      quote: VALIDATOR,
      role: 'hub',
      run: async (ctx) => {
        const hub = await ctx.node('otherHub')
        // seq 1 and no offers: never selected over the hub's own record, changes no market
        assert.equal(await putValue(ctx, hub, offerKey('he', hub.peerId), await offerRecord(ctx, hub, 'he', [])), true, 'a valid record was refused')
      }
    },
    {
      id: 'orders-6.1',
      must: 'a response with STATUS_UNSET is treated as MALFORMED',
      quote: 'A response with STATUS_UNSET MUST be treated as MALFORMED',
      kind: 'client',
      unit: { file: 'protocols/orders/orders.test.ts', test: 'a client treats STATUS_UNSET as MALFORMED, and no answer as UNAVAILABLE (outcome unknown), not a refusal' }
    }
  ]
}

/** A held participant key of `hub`'s subnet (to sign SELLs its records may carry). */
function hubMember (ctx: TargetContext, hub: SuiteNode): SuiteNode | ReturnType<TargetContext['held']> {
  const subnet = ctx.network.peer(hub.peerId)?.subnet
  const k = ctx.ring.keys.find(k => k.entry.role === 'participant' && k.entry.subnet === subnet)
  if (k == null) throw new Skip(`needs the key of a participant of subnet ${subnet ?? '?'}`)
  return k
}
