/**
 * The market's control API routes. A participant places, lists and cancels its orders and lists
 * and ends its leases; a hub shows the orders it keeps, the hub tier's offers as it finds them, its
 * leases, and how much interrupted work it has left (`/market/status`, which tests poll). Bodies
 * are validated here, at the edge; the shapes returned are those of `--json` (market/json.ts).
 */
import { z } from 'zod'
import { InvalidInputError, parseWith } from '../../keys/index.js'
import { PROTECTION_MODES, TEE_KIND_NAMES, decodeStoredOrder, fromCredits, leaseJson, orderJson, orderState, verifyLease } from '../../market/index.js'
import type { NodeMarket } from './index.js'
import type { LeaseRow, OrderRequest, VerifiedLease } from '../../market/index.js'
import type { ControlApi } from '../api/server.js'

const INT = z.int()
const HEX32 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters')
const CREDITS = z.number().transform((n, ctx) => {
  const micros = fromCredits(n)
  if (micros === undefined) {
    ctx.addIssue({ code: 'custom', message: `${n} is not a price in credits with at most 6 decimals` })
    return z.NEVER
  }
  return micros
})

const COMMON = { cores: INT, memoryMiB: INT, expiresInS: INT.min(1).max(30 * 86400) }

const SELL = z.strictObject({
  side: z.literal('sell'),
  ...COMMON,
  protection: z.strictObject({ he: z.boolean(), tee: z.strictObject({ kind: z.enum(TEE_KIND_NAMES), measurement: HEX32 }).nullable().default(null) }),
  heElementsPerS: INT.default(0),
  pricePerCoreHour: CREDITS,
  minDurationS: INT,
  maxDurationS: INT
})

const BUY = z.strictObject({
  side: z.literal('buy'),
  ...COMMON,
  durationS: INT,
  maxPricePerCoreHour: CREDITS,
  requirements: z.strictObject({
    protection: z.enum(PROTECTION_MODES),
    allowedMeasurements: z.array(HEX32).default([]),
    avoidSubnets: z.array(z.string()).default([]),
    preferSubnets: z.array(z.string()).default([])
  }),
  /** wait until the BUY is filled, at most this long, seconds */
  waitS: INT.min(0).max(3600).default(0)
})

const ORDER_REQUEST = z.discriminatedUnion('side', [SELL, BUY])
const ID = z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/, 'must be an id of 32 lower-case hex characters') })

export function registerMarketRoutes (api: ControlApi, m: NodeMarket): void {
  const participant = m.participant?.market
  if (participant != null) {
    api.route('POST', '/market/orders', async (req) => {
      const body = parseWith(ORDER_REQUEST, req.body, 'request')
      const { waitS, ...order } = body.side === 'buy' ? body : { ...body, waitS: 0 }
      return { body: await participant.place(order as OrderRequest, waitS * 1000) }
    })
    api.route('GET', '/market/orders', async () => ({ body: { orders: await participant.orders() } }))
    api.route('POST', '/market/orders/cancel', async (req) => ({ body: { order: await participant.cancel(parseWith(ID, req.body, 'request').id) } }))
    api.route('GET', '/market/leases', async () => ({ body: { leases: await participant.leases() } }))
    api.route('POST', '/market/leases/end', async (req) => ({ body: { lease: await participant.end(parseWith(ID, req.body, 'request').id) } }))
    api.route('GET', '/market/status', () => ({ body: { role: 'participant', ...participant.status() } }))
  }

  const hub = m.hub?.market
  if (hub != null) {
    const verified = new Map<string, VerifiedLease>()
    const leaseView = async (row: LeaseRow): Promise<Record<string, unknown>> => {
      let v = verified.get(row.id)
      if (v == null) {
        v = await verifyLease(row.signed, m.config.network)
        verified.set(row.id, v)
      }
      return { ...leaseJson(v, { status: row.status, endedAt: row.endedAt }), role: row.role, confirmed: row.confirmed === 1 }
    }
    api.route('GET', '/market/orders', () => ({ body: { orders: hub.orders().map(r => orderJson(decodeStoredOrder(r.signed), orderState(r))) } }))
    api.route('GET', '/market/offers', async () => {
      const offers = await hub.offers()
      return {
        body: {
          offers: offers.map(o => ({
            ...orderJson(o.order, { status: 'open', freeCores: o.freeCores, freeMemoryMiB: o.freeMemoryMiB, filledCores: o.order.order.cores - o.freeCores, filledMemoryMiB: o.order.order.memoryMiB - o.freeMemoryMiB, acceptedAt: o.acceptedAt }),
            hub: o.hub
          }))
        }
      }
    })
    api.route('GET', '/market/leases', async () => {
      const out = []
      for (const row of hub.leases()) out.push(await leaseView(row))
      return { body: { leases: out } }
    })
    api.route('GET', '/market/status', () => ({ body: { role: 'hub', ...hub.status() } }))
  }

  if (participant == null && hub == null) throw new InvalidInputError(m.config.source, '', 'the market is not attached')
}
