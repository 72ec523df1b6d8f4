/**
 * Orders: a participant's signed SELL (capacity it offers) or BUY (capacity it wants). An order is
 * the owner's Ed25519 signature over the exact bytes of an encoded `Order` (see signing.ts), with a
 * per-owner sequence number and an expiry. Its id is a hash of those bytes, so the same order always
 * has the same id and two different orders never share one.
 */
import { fromHex, toHex } from '../keys/index.js'
import { MarketError } from './errors.js'
import {
  MAX_CORES, MAX_DURATION_S, MAX_HE_ELEMENTS_PER_S, MAX_MEASUREMENTS, MAX_MEMORY_MIB, MAX_ORDER_LIFETIME_MS, MAX_ORDER_SIZE,
  MAX_PRICE, MAX_SUBNET_PREFERENCES, MEASUREMENT_LENGTH, MIN_DURATION_S
} from './limits.js'
import { Mode, Order as OrderPb, Side as SidePb, SignedOrder, TeeKind } from './pb/market.js'
import { PROTECTION_MODES, TEE_KIND_NAMES } from './names.js'
import { DOMAIN, bytesEqualPlain, contentId, decodePeerId, peerBytes, signBody, verifyBody } from './signing.js'
import type { ProtectionMode, TeeKindName } from './names.js'
import type { Network } from '../topology/index.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export type Side = 'sell' | 'buy'
export type { ProtectionMode, TeeKindName }
export { PROTECTION_MODES, TEE_KIND_NAMES }

export interface TeeOffer {
  kind: TeeKindName
  /** SHA-256 of the enclave program, lower-case hex */
  measurement: string
}

/** What a SELL offers, or what a lease provides. */
export interface ProtectionOffer {
  he: boolean
  tee: TeeOffer | null
}

export interface Requirements {
  protection: ProtectionMode
  /** lower-case hex; empty = any measurement */
  allowedMeasurements: string[]
  avoidSubnets: string[]
  preferSubnets: string[]
}

interface OrderCommon {
  network: string
  /** peer id of the participant that signs the order */
  owner: string
  seq: bigint
  /** ms since the Unix epoch */
  expires: number
  cores: number
  memoryMiB: number
}

export interface SellTerms {
  side: 'sell'
  protection: ProtectionOffer
  /** calibrated HE throughput of the machine, elements encrypted per second */
  heElementsPerS: number
  /** micro-credits */
  pricePerCoreHour: number
  minDurationS: number
  maxDurationS: number
}

export interface BuyTerms {
  side: 'buy'
  durationS: number
  /** micro-credits */
  maxPricePerCoreHour: number
  requirements: Requirements
}

export type SellOrder = OrderCommon & SellTerms
export type BuyOrder = OrderCommon & BuyTerms
export type OrderFields = SellOrder | BuyOrder

/** An order whose signature and fields have been checked. */
export interface SignedOrderInfo<T extends OrderFields = OrderFields> {
  id: string
  /** the encoded SignedOrder, as it travels */
  signed: Uint8Array
  order: T
}

const TEE_KINDS: Record<TeeKindName, TeeKind> = { simulated: TeeKind.SIMULATED, 'sgx-dcap': TeeKind.SGX_DCAP, 'sev-snp': TeeKind.SEV_SNP }
const MODES: Record<ProtectionMode, Mode> = { he: Mode.HE, tee: Mode.TEE, 'tee+he': Mode.TEE_HE, any: Mode.ANY }


function teeKindName (kind: TeeKind): TeeKindName | undefined {
  return TEE_KIND_NAMES.find(k => TEE_KINDS[k] === kind)
}

function modeName (mode: Mode): ProtectionMode | undefined {
  return PROTECTION_MODES.find(m => MODES[m] === mode)
}

function toPb (o: OrderFields, owner: PeerId): OrderPb {
  const pb: OrderPb = {
    network: o.network,
    side: o.side === 'sell' ? SidePb.SELL : SidePb.BUY,
    owner: peerBytes(owner),
    seq: o.seq,
    expires: BigInt(o.expires),
    cores: o.cores,
    memoryMiB: BigInt(o.memoryMiB),
    heElementsPerS: 0n,
    pricePerCoreHour: 0n,
    minDurationS: 0n,
    maxDurationS: 0n,
    durationS: 0n,
    maxPricePerCoreHour: 0n
  }
  if (o.side === 'sell') {
    pb.offered = {
      he: o.protection.he,
      tee: o.protection.tee == null ? undefined : { kind: TEE_KINDS[o.protection.tee.kind], measurement: fromHex(o.protection.tee.measurement) as Uint8Array<ArrayBuffer> }
    }
    pb.heElementsPerS = BigInt(o.heElementsPerS)
    pb.pricePerCoreHour = BigInt(o.pricePerCoreHour)
    pb.minDurationS = BigInt(o.minDurationS)
    pb.maxDurationS = BigInt(o.maxDurationS)
  } else {
    pb.durationS = BigInt(o.durationS)
    pb.maxPricePerCoreHour = BigInt(o.maxPricePerCoreHour)
    pb.requirements = {
      protection: MODES[o.requirements.protection],
      allowedMeasurements: o.requirements.allowedMeasurements.map(m => fromHex(m) as Uint8Array<ArrayBuffer>),
      avoidSubnets: o.requirements.avoidSubnets,
      preferSubnets: o.requirements.preferSubnets
    }
  }
  return pb
}

/** A uint64 field as a number, refusing values beyond `max` before they lose precision. */
function num (v: bigint, field: string, max: number): number {
  if (v > BigInt(max)) throw new MarketError('INVALID', `${field} ${v} is over the limit of ${max}`)
  return Number(v)
}

function fromPb (pb: OrderPb): OrderFields {
  const owner = decodePeerId(pb.owner)
  if (owner == null) throw new MarketError('MALFORMED', 'order owner is not a peer id')
  const common = {
    network: pb.network,
    owner: owner.toString(),
    seq: pb.seq,
    expires: num(pb.expires, 'expires', Number.MAX_SAFE_INTEGER),
    cores: pb.cores,
    memoryMiB: num(pb.memoryMiB, 'memoryMiB', MAX_MEMORY_MIB)
  }
  if (pb.side === SidePb.SELL) {
    if (pb.durationS !== 0n || pb.maxPricePerCoreHour !== 0n || pb.requirements != null) {
      throw new MarketError('INVALID', 'a SELL carries no BUY fields (durationS, maxPricePerCoreHour, requirements)')
    }
    const tee = pb.offered?.tee
    let teeOffer: TeeOffer | null = null
    if (tee != null) {
      const kind = teeKindName(tee.kind)
      if (kind == null) throw new MarketError('INVALID', 'offered TEE has no enclave kind')
      if (tee.measurement.byteLength !== MEASUREMENT_LENGTH) throw new MarketError('INVALID', `offered TEE measurement must be ${MEASUREMENT_LENGTH} bytes, not ${tee.measurement.byteLength}`)
      teeOffer = { kind, measurement: toHex(tee.measurement) }
    }
    return {
      ...common,
      side: 'sell',
      protection: { he: pb.offered?.he === true, tee: teeOffer },
      heElementsPerS: num(pb.heElementsPerS, 'heElementsPerS', MAX_HE_ELEMENTS_PER_S),
      pricePerCoreHour: num(pb.pricePerCoreHour, 'pricePerCoreHour', MAX_PRICE),
      minDurationS: num(pb.minDurationS, 'minDurationS', MAX_DURATION_S),
      maxDurationS: num(pb.maxDurationS, 'maxDurationS', MAX_DURATION_S)
    }
  }
  if (pb.side === SidePb.BUY) {
    if (pb.offered != null || pb.heElementsPerS !== 0n || pb.pricePerCoreHour !== 0n || pb.minDurationS !== 0n || pb.maxDurationS !== 0n) {
      throw new MarketError('INVALID', 'a BUY carries no SELL fields (offered, heElementsPerS, pricePerCoreHour, min/maxDurationS)')
    }
    const r = pb.requirements
    const protection = r == null ? undefined : modeName(r.protection)
    if (r == null || protection == null) throw new MarketError('INVALID', 'a BUY must state the protection it requires')
    if (r.allowedMeasurements.length > MAX_MEASUREMENTS) throw new MarketError('INVALID', `at most ${MAX_MEASUREMENTS} allowed measurements`)
    for (const m of r.allowedMeasurements) {
      if (m.byteLength !== MEASUREMENT_LENGTH) throw new MarketError('INVALID', `allowed measurements are ${MEASUREMENT_LENGTH} bytes each`)
    }
    return {
      ...common,
      side: 'buy',
      durationS: num(pb.durationS, 'durationS', MAX_DURATION_S),
      maxPricePerCoreHour: num(pb.maxPricePerCoreHour, 'maxPricePerCoreHour', MAX_PRICE),
      requirements: { protection, allowedMeasurements: r.allowedMeasurements.map(m => toHex(m)), avoidSubnets: r.avoidSubnets, preferSubnets: r.preferSubnets }
    }
  }
  throw new MarketError('INVALID', 'order side must be SELL or BUY')
}

function range (v: number, min: number, max: number, field: string): void {
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new MarketError('INVALID', `${field} ${v} is out of range (${min} to ${max})`)
  }
}

/**
 * Check an order's fields against the network and the limits: the reasons a hub refuses an order
 * as INVALID (absurd quantities, contradictions) or EXPIRED. `now` decides expiry.
 */
export function checkOrderFields (o: OrderFields, network: Network, now: number): void {
  if (o.network !== network.id) throw new MarketError('INVALID', `order is for network "${o.network}", not "${network.id}"`)
  if (network.peer(o.owner)?.role !== 'participant') throw new MarketError('INVALID', `order owner ${o.owner} is not a participant of network ${network.id}`)
  if (o.seq < 1n) throw new MarketError('INVALID', 'order seq must be at least 1')
  range(o.cores, 1, MAX_CORES, 'cores')
  range(o.memoryMiB, 1, MAX_MEMORY_MIB, 'memoryMiB')
  if (o.expires > now + MAX_ORDER_LIFETIME_MS) throw new MarketError('INVALID', `order expires ${new Date(o.expires).toISOString()}, more than 30 days ahead`)
  if (o.side === 'sell') {
    range(o.pricePerCoreHour, 1, MAX_PRICE, 'pricePerCoreHour')
    range(o.minDurationS, MIN_DURATION_S, MAX_DURATION_S, 'minDurationS')
    range(o.maxDurationS, MIN_DURATION_S, MAX_DURATION_S, 'maxDurationS')
    if (o.minDurationS > o.maxDurationS) throw new MarketError('INVALID', `minDurationS ${o.minDurationS} is above maxDurationS ${o.maxDurationS}`)
    if (!o.protection.he && o.protection.tee == null) throw new MarketError('INVALID', 'a SELL must offer protection: he, tee, or both')
    if (o.protection.he) range(o.heElementsPerS, 1, MAX_HE_ELEMENTS_PER_S, 'heElementsPerS')
    else range(o.heElementsPerS, 0, MAX_HE_ELEMENTS_PER_S, 'heElementsPerS')
  } else {
    range(o.durationS, MIN_DURATION_S, MAX_DURATION_S, 'durationS')
    range(o.maxPricePerCoreHour, 1, MAX_PRICE, 'maxPricePerCoreHour')
    const r = o.requirements
    if (r.allowedMeasurements.length > MAX_MEASUREMENTS) throw new MarketError('INVALID', `at most ${MAX_MEASUREMENTS} allowed measurements`)
    if (r.allowedMeasurements.some(m => !/^[0-9a-f]{64}$/.test(m))) throw new MarketError('INVALID', 'allowed measurements are 64 lower-case hex characters each')
    if (r.allowedMeasurements.length > 0 && r.protection === 'he') throw new MarketError('INVALID', 'allowed measurements need a protection with tee (tee, tee+he or any)')
    for (const [list, name] of [[r.avoidSubnets, 'avoidSubnets'], [r.preferSubnets, 'preferSubnets']] as const) {
      if (list.length > MAX_SUBNET_PREFERENCES) throw new MarketError('INVALID', `${name}: at most ${MAX_SUBNET_PREFERENCES} subnets`)
      const unknown = list.find(s => network.subnet(s) == null)
      if (unknown !== undefined) throw new MarketError('INVALID', `${name}: "${unknown}" is not a subnet of network ${network.id}`)
    }
    const both = r.avoidSubnets.find(s => r.preferSubnets.includes(s))
    if (both !== undefined) throw new MarketError('INVALID', `subnet "${both}" is both avoided and preferred`)
  }
  if (o.expires <= now) throw new MarketError('EXPIRED', `order expired at ${new Date(o.expires).toISOString()}`)
}

/** Sign an order with its owner's key (the order's `owner` must be that key's peer id). */
export async function signOrder<T extends OrderFields> (order: T, key: PrivateKey, owner: PeerId): Promise<SignedOrderInfo<T>> {
  if (owner.toString() !== order.owner || owner.publicKey == null || !owner.publicKey.equals(key.publicKey)) {
    throw new MarketError('NOT_OWNER', `an order of ${order.owner} cannot be signed with the key of ${owner.toString()}`)
  }
  const body = OrderPb.encode(toPb(order, owner))
  const signed = SignedOrder.encode({ body, signature: await signBody(key, DOMAIN.order, body) })
  return { id: contentId(DOMAIN.orderId, body), signed, order }
}

export interface VerifyOrderOptions {
  /** the time expiry is judged at (default now) */
  now?: number
  /** false: accept an order that has expired by `now` (e.g. one inside a record published earlier) */
  checkExpiry?: boolean
}

/**
 * Decode an encoded SignedOrder and check it: size, canonical encoding, the owner's signature and
 * every field (throws a MarketError whose code says what failed: MALFORMED, BAD_SIGNATURE, INVALID
 * or EXPIRED).
 */
export async function verifyOrder (signed: Uint8Array, network: Network, options: VerifyOrderOptions = {}): Promise<SignedOrderInfo> {
  const now = options.now ?? Date.now()
  if (signed.byteLength > MAX_ORDER_SIZE) throw new MarketError('MALFORMED', `order of ${signed.byteLength} bytes is over the ${MAX_ORDER_SIZE} byte limit`)
  let outer: SignedOrder
  let pb: OrderPb
  try {
    outer = SignedOrder.decode(signed)
    pb = OrderPb.decode(outer.body, { limits: { requirements: { allowedMeasurements: MAX_MEASUREMENTS, avoidSubnets: MAX_SUBNET_PREFERENCES, preferSubnets: MAX_SUBNET_PREFERENCES } } } as any)
  } catch (e: any) {
    throw new MarketError('MALFORMED', `order does not decode: ${e.message}`)
  }
  // one order, one encoding: otherwise the same signed content could appear under two ids
  if (!bytesEqualPlain(OrderPb.encode(pb), outer.body)) throw new MarketError('MALFORMED', 'order body is not canonically encoded')
  const owner = decodePeerId(pb.owner)
  if (owner == null) throw new MarketError('MALFORMED', 'order owner is not a peer id')
  if (!await verifyBody(owner, DOMAIN.order, outer.body, outer.signature)) {
    throw new MarketError('BAD_SIGNATURE', `order signature does not verify under its owner's key ${owner.toString()}`)
  }
  const order = fromPb(pb)
  try {
    checkOrderFields(order, network, now)
  } catch (e) {
    if (!(e instanceof MarketError && e.code === 'EXPIRED' && options.checkExpiry === false)) throw e
  }
  return { id: contentId(DOMAIN.orderId, outer.body), signed, order }
}

/** Narrow a checked order to a SELL or a BUY, or refuse it as INVALID. */
export function expectSide<S extends Side> (info: SignedOrderInfo, side: S): SignedOrderInfo<S extends 'sell' ? SellOrder : BuyOrder> {
  if (info.order.side !== side) throw new MarketError('INVALID', `order ${info.id} is a ${info.order.side.toUpperCase()}, not a ${side.toUpperCase()}`)
  return info as SignedOrderInfo<any>
}

/**
 * An order read back from this node's own ledger, where it was stored after `verifyOrder`: decoded
 * without checking the signature again.
 */
export function decodeStoredOrder (signed: Uint8Array): SignedOrderInfo {
  const outer = SignedOrder.decode(signed)
  return { id: contentId(DOMAIN.orderId, outer.body), signed, order: fromPb(OrderPb.decode(outer.body)) }
}

/** The owner an encoded SignedOrder claims (before any check), or undefined if it does not decode. */
export function claimedOwner (signed: Uint8Array): string | undefined {
  try {
    if (signed.byteLength > MAX_ORDER_SIZE) return undefined
    return decodePeerId(OrderPb.decode(SignedOrder.decode(signed).body).owner)?.toString()
  } catch {
    return undefined
  }
}

/** The id of an encoded SignedOrder (undefined if it does not decode); nothing else is checked. */
export function orderIdOf (signed: Uint8Array): string | undefined {
  try {
    return contentId(DOMAIN.orderId, SignedOrder.decode(signed).body)
  } catch {
    return undefined
  }
}
