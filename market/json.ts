/**
 * The JSON shapes of orders and leases: what `--json` prints and `lease verify` reads. They are a
 * public contract: fields are added, never renamed. Prices are in credits (decimal numbers with at
 * most 6 fractional digits), times ISO 8601 with milliseconds, peer ids base58btc, ids hex.
 * `signed` carries the signed document itself (base64); every other field of a lease object is a
 * readable copy of it that `lease verify` checks field by field, except the local state
 * (`status`, `endedAt`), which no one signs.
 */
import { LeaseVerificationError } from './errors.js'
import { toCredits } from './units.js'
import type { VerifiedLease } from './lease.js'
import type { ProtectionOffer, Requirements, SignedOrderInfo } from './order.js'

export type OrderStatus = 'open' | 'filled' | 'cancelled' | 'expired'
export type LeaseStatus = 'active' | 'ended' | 'expired'

/** What a hub knows of an order beyond its signed content. */
export interface OrderState {
  status: OrderStatus
  freeCores: number
  freeMemoryMiB: number
  filledCores: number
  filledMemoryMiB: number
  /** ms; time priority */
  acceptedAt: number
}

export interface OrderJson {
  id: string
  side: 'sell' | 'buy'
  owner: string
  network: string
  seq: number
  cores: number
  memoryMiB: number
  expires: string
  protection?: ProtectionOffer
  heElementsPerS?: number
  pricePerCoreHour?: number
  minDurationS?: number
  maxDurationS?: number
  durationS?: number
  maxPricePerCoreHour?: number
  requirements?: Requirements
  /** open | filled | cancelled | expired as the hub says; pending (not yet acknowledged by the hub) or rejected on a participant */
  status: string
  /** capacity not leased or reserved (SELL), or not yet leased or being leased (BUY) */
  freeCores: number | null
  freeMemoryMiB: number | null
  /** capacity leased now (SELL) or in total (BUY) */
  filledCores: number | null
  filledMemoryMiB: number | null
  acceptedAt: string | null
  signed: string
}

const iso = (ms: number): string => new Date(ms).toISOString()
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

export function orderJson (info: SignedOrderInfo, state?: OrderState, localStatus?: string): OrderJson {
  const o = info.order
  const out: OrderJson = {
    id: info.id,
    side: o.side,
    owner: o.owner,
    network: o.network,
    seq: Number(o.seq),
    cores: o.cores,
    memoryMiB: o.memoryMiB,
    expires: iso(o.expires),
    status: state?.status ?? localStatus ?? 'pending',
    freeCores: state?.freeCores ?? null,
    freeMemoryMiB: state?.freeMemoryMiB ?? null,
    filledCores: state?.filledCores ?? null,
    filledMemoryMiB: state?.filledMemoryMiB ?? null,
    acceptedAt: state == null ? null : iso(state.acceptedAt),
    signed: b64(info.signed)
  }
  if (o.side === 'sell') {
    Object.assign(out, { protection: o.protection, heElementsPerS: o.heElementsPerS, pricePerCoreHour: toCredits(o.pricePerCoreHour), minDurationS: o.minDurationS, maxDurationS: o.maxDurationS })
  } else {
    Object.assign(out, { durationS: o.durationS, maxPricePerCoreHour: toCredits(o.maxPricePerCoreHour), requirements: o.requirements })
  }
  return out
}

export interface LeaseJson {
  id: string
  network: string
  renter: string
  lessor: string
  renterHub: string
  lessorHub: string
  resources: { cores: number, memoryMiB: number }
  protection: ProtectionOffer
  heElementsPerS: number
  pricePerCoreHour: number
  start: string
  end: string
  orders: { buy: string, sell: string }
  signatures: { renterHub: string, lessorHub: string }
  signed: string
  /** local state (not signed) */
  status?: LeaseStatus
  endedAt?: string | null
}

export function leaseJson (v: VerifiedLease, state?: { status: LeaseStatus, endedAt: number | null }): LeaseJson {
  const out: LeaseJson = {
    id: v.id,
    network: v.network,
    renter: v.renter,
    lessor: v.lessor,
    renterHub: v.renterHub,
    lessorHub: v.lessorHub,
    resources: { cores: v.cores, memoryMiB: v.memoryMiB },
    protection: v.protection,
    heElementsPerS: v.heElementsPerS,
    pricePerCoreHour: toCredits(v.pricePerCoreHour),
    start: iso(v.start),
    end: iso(v.end),
    orders: { buy: v.buy.id, sell: v.sell.id },
    signatures: { renterHub: b64(v.renterHubSignature), lessorHub: b64(v.lessorHubSignature) },
    signed: b64(v.signed)
  }
  if (state != null) {
    out.status = state.status
    out.endedAt = state.endedAt == null ? null : iso(state.endedAt)
  }
  return out
}

/** The signed lease of a lease object (its `signed` field), or a LeaseVerificationError. */
export function signedLeaseOf (json: unknown): Uint8Array {
  const signed = (json as { signed?: unknown } | null)?.signed
  if (typeof signed !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signed)) {
    throw new LeaseVerificationError('MALFORMED', 'not a lease object: it has no "signed" field of base64')
  }
  return new Uint8Array(Buffer.from(signed, 'base64'))
}

/**
 * Every field of a lease object that differs from what its signed lease says (paths like
 * "resources.cores"); empty when the object is a faithful copy. Local state is not compared.
 */
export function leaseJsonMismatches (json: unknown, v: VerifiedLease): string[] {
  const expected = leaseJson(v) as unknown as Record<string, unknown>
  const out: string[] = []
  const walk = (want: unknown, got: unknown, path: string): void => {
    if (want !== null && typeof want === 'object') {
      if (got === null || typeof got !== 'object') { out.push(path); return }
      for (const [k, w] of Object.entries(want)) walk(w, (got as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`)
      return
    }
    if (want !== got) out.push(path)
  }
  walk(expected, json, '')
  return out
}
