/**
 * When a SELL can serve a BUY, how much of it, and what protection the lease then provides. The
 * matching engine, the lessor's hub (checking a reservation it did not plan) and lease
 * verification all judge by these same functions.
 */
import type { BuyOrder, ProtectionMode, ProtectionOffer, SellOrder, SignedOrderInfo, TeeOffer } from './order.js'

/** A SELL as the matching engine sees it: its terms and what is free of it now. */
export interface SellCandidate {
  id: string
  owner: string
  /** peer id of the lessor's hub */
  hub: string
  subnet: string
  /** micro-credits per core-hour */
  price: number
  /** when the lessor's hub accepted the order: time priority */
  acceptedAt: number
  expires: number
  freeCores: number
  freeMemoryMiB: number
  minDurationS: number
  maxDurationS: number
  he: boolean
  tee: TeeOffer | null
}

/** A BUY as the matching engine sees it: its requirements and what is still unfilled. */
export interface BuyCandidate {
  id: string
  owner: string
  subnet: string
  /** micro-credits per core-hour */
  maxPrice: number
  acceptedAt: number
  expires: number
  freeCores: number
  freeMemoryMiB: number
  durationS: number
  mode: ProtectionMode
  /** allowed enclave measurements (hex); empty = any */
  allowed: ReadonlySet<string>
  avoid: ReadonlySet<string>
  prefer: ReadonlySet<string>
}

export function sellCandidate (info: SignedOrderInfo<SellOrder>, at: { hub: string, subnet: string, acceptedAt: number, freeCores: number, freeMemoryMiB: number }): SellCandidate {
  const o = info.order
  return {
    id: info.id,
    owner: o.owner,
    hub: at.hub,
    subnet: at.subnet,
    price: o.pricePerCoreHour,
    acceptedAt: at.acceptedAt,
    expires: o.expires,
    freeCores: at.freeCores,
    freeMemoryMiB: at.freeMemoryMiB,
    minDurationS: o.minDurationS,
    maxDurationS: o.maxDurationS,
    he: o.protection.he,
    tee: o.protection.tee
  }
}

export function buyCandidate (info: SignedOrderInfo<BuyOrder>, at: { subnet: string, acceptedAt: number, freeCores: number, freeMemoryMiB: number }): BuyCandidate {
  const o = info.order
  return {
    id: info.id,
    owner: o.owner,
    subnet: at.subnet,
    maxPrice: o.maxPricePerCoreHour,
    acceptedAt: at.acceptedAt,
    expires: o.expires,
    freeCores: at.freeCores,
    freeMemoryMiB: at.freeMemoryMiB,
    durationS: o.durationS,
    mode: o.requirements.protection,
    allowed: new Set(o.requirements.allowedMeasurements),
    avoid: new Set(o.requirements.avoidSubnets),
    prefer: new Set(o.requirements.preferSubnets)
  }
}

/**
 * The protection a lease of `sell` for `buy` provides, or undefined when the SELL cannot provide
 * what the BUY requires: `he` → HE only; `tee` → the enclave; `tee+he` → both; `any` → whatever of
 * the offer the BUY accepts (HE, and the enclave if its measurement is allowed).
 */
export function leaseProtection (sell: { he: boolean, tee: TeeOffer | null }, buy: { mode: ProtectionMode, allowed: ReadonlySet<string> }): ProtectionOffer | undefined {
  const tee = sell.tee != null && (buy.allowed.size === 0 || buy.allowed.has(sell.tee.measurement)) ? sell.tee : null
  switch (buy.mode) {
    case 'he': return sell.he ? { he: true, tee: null } : undefined
    case 'tee': return tee != null ? { he: false, tee } : undefined
    case 'tee+he': return tee != null && sell.he ? { he: true, tee } : undefined
    case 'any': return sell.he || tee != null ? { he: sell.he, tee } : undefined
  }
}

/** Why `sell` cannot serve `buy` at all (ignoring free capacity), or undefined when it can. */
export function incompatibility (sell: SellCandidate, buy: BuyCandidate, now: number): string | undefined {
  if (sell.price > buy.maxPrice) return `price ${sell.price} is above the BUY's maximum ${buy.maxPrice}`
  if (buy.durationS < sell.minDurationS || buy.durationS > sell.maxDurationS) return `duration ${buy.durationS}s is outside the SELL's ${sell.minDurationS}s to ${sell.maxDurationS}s`
  if (sell.owner === buy.owner) return 'a participant cannot lease from itself'
  if (buy.avoid.has(sell.subnet)) return `the BUY avoids subnet ${sell.subnet}`
  if (sell.expires <= now) return 'the SELL has expired'
  if (buy.expires <= now) return 'the BUY has expired'
  if (leaseProtection(sell, buy) == null) return `the SELL does not provide protection ${buy.mode}${buy.allowed.size > 0 ? ' with an allowed measurement' : ''}`
  return undefined
}

/**
 * How much of `sell` goes to `buy`: as many cores as both have free, with the BUY's memory in
 * proportion (rounded up, so the last fill takes exactly the memory left), fewer cores when the
 * SELL's free memory cannot carry that. Undefined when nothing fits.
 */
export function allocate (sell: { freeCores: number, freeMemoryMiB: number }, buy: { freeCores: number, freeMemoryMiB: number }): { cores: number, memoryMiB: number } | undefined {
  if (buy.freeCores <= 0 || sell.freeCores <= 0) return undefined
  let cores = Math.min(sell.freeCores, buy.freeCores)
  if (buy.freeMemoryMiB > 0) {
    // ceil(M * c / C) <= S  ⇔  c <= floor(S * C / M)
    cores = Math.min(cores, Math.floor(sell.freeMemoryMiB * buy.freeCores / buy.freeMemoryMiB))
  }
  if (cores <= 0) return undefined
  return { cores, memoryMiB: memoryFor(cores, buy) }
}

/** The memory that `cores` of a BUY's unfilled part carries. */
export function memoryFor (cores: number, buy: { freeCores: number, freeMemoryMiB: number }): number {
  return Math.ceil(buy.freeMemoryMiB * cores / buy.freeCores)
}

export function sameProtection (a: ProtectionOffer, b: ProtectionOffer): boolean {
  return a.he === b.he && (a.tee == null ? b.tee == null : (b.tee != null && a.tee.kind === b.tee.kind && a.tee.measurement === b.tee.measurement))
}
