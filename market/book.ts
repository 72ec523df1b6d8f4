/**
 * The matching engine: a continuous double auction of SELLs (offers) and BUYs (bids) with
 * price–time priority, resource constraints and partial fills.
 *
 * - Offers rank by price (lowest first), then by the time their hub accepted them, then by id.
 *   A BUY's preferred subnets win ties of price: within one price level its preferred offers come
 *   first (each group in time order). Price always comes first.
 * - Bids rank by maximum price (highest first), then time, then id.
 * - A fill is priced at the SELL's asking price: a renter never pays more than it bid, nor a
 *   lessor's price more than it asked.
 * - A BUY may fill from several offers (one fill each) and an offer may serve several BUYs.
 *
 * Candidates are copied in; fills reduce the copies' free capacity; exhausted or expired entries
 * leave the book. The engine decides nothing durable: the hub turns fills into reservations and
 * leases, and a fill that cannot be reserved simply does not become a lease.
 */
import { allocate, incompatibility } from './match.js'
import type { BuyCandidate, SellCandidate } from './match.js'

export interface Fill {
  buyId: string
  sellId: string
  cores: number
  memoryMiB: number
  /** micro-credits per core-hour: the SELL's price */
  pricePerCoreHour: number
}

function offerOrder (a: SellCandidate, b: SellCandidate): number {
  return a.price - b.price || a.acceptedAt - b.acceptedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

function bidOrder (a: BuyCandidate, b: BuyCandidate): number {
  return b.maxPrice - a.maxPrice || a.acceptedAt - b.acceptedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Index at which `item` belongs in `list` sorted by `cmp` (after equal elements). */
function insertionIndex<T> (list: T[], item: T, cmp: (a: T, b: T) => number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cmp(list[mid] as T, item) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of `item` (by identity of its sort key) in `list`, or -1. */
function indexOf<T extends { id: string }> (list: T[], item: T, cmp: (a: T, b: T) => number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cmp(list[mid] as T, item) < 0) lo = mid + 1
    else hi = mid
  }
  return list[lo]?.id === item.id ? lo : -1
}

export class OrderBook {
  private readonly offerList: SellCandidate[] = []
  private readonly bidList: BuyCandidate[] = []
  private readonly offersById = new Map<string, SellCandidate>()
  private readonly bidsById = new Map<string, BuyCandidate>()

  /** Offers resting in the book, best first. */
  offers (): readonly SellCandidate[] {
    return this.offerList
  }

  /** Bids resting in the book, best first. */
  bids (): readonly BuyCandidate[] {
    return this.bidList
  }

  get size (): number {
    return this.offerList.length + this.bidList.length
  }

  /** A new SELL: fill resting bids in their priority order, rest what is left. */
  addOffer (offer: SellCandidate, now: number): Fill[] {
    if (this.offersById.has(offer.id)) throw new Error(`offer ${offer.id} is already in the book`)
    const s = { ...offer }
    const fills: Fill[] = []
    const done: BuyCandidate[] = []
    for (const b of this.bidList) {
      if (s.freeCores <= 0) break
      if (b.maxPrice < s.price) break
      if (b.expires <= now) { done.push(b); continue }
      if (incompatibility(s, b, now) !== undefined) continue
      const fill = this.fill(s, b)
      if (fill != null) fills.push(fill)
      if (b.freeCores <= 0) done.push(b)
    }
    for (const b of done) this.removeBid(b)
    if (s.freeCores > 0 && s.expires > now) {
      this.offerList.splice(insertionIndex(this.offerList, s, offerOrder), 0, s)
      this.offersById.set(s.id, s)
    }
    return fills
  }

  /** A new BUY: fill from resting offers in price–time priority, rest what is left. */
  addBid (bid: BuyCandidate, now: number): Fill[] {
    if (this.bidsById.has(bid.id)) throw new Error(`bid ${bid.id} is already in the book`)
    const b = { ...bid }
    const fills: Fill[] = []
    const done: SellCandidate[] = []
    const list = this.offerList
    let i = 0
    while (i < list.length && b.freeCores > 0) {
      const price = (list[i] as SellCandidate).price
      if (price > b.maxPrice) break
      let j = i
      while (j < list.length && (list[j] as SellCandidate).price === price) j++
      // one price level [i, j): preferred subnets first, each group in time order
      const passes = b.prefer.size === 0 ? [undefined] : [true, false]
      for (const preferred of passes) {
        for (let k = i; k < j && b.freeCores > 0; k++) {
          const s = list[k] as SellCandidate
          if (preferred !== undefined && b.prefer.has(s.subnet) !== preferred) continue
          if (s.freeCores <= 0) continue
          if (s.expires <= now) { done.push(s); s.freeCores = 0; continue }
          if (incompatibility(s, b, now) !== undefined) continue
          const fill = this.fill(s, b)
          if (fill != null) fills.push(fill)
          if (s.freeCores <= 0) done.push(s)
        }
      }
      i = j
    }
    for (const s of done) this.removeOffer(s)
    if (b.freeCores > 0 && b.expires > now) {
      this.bidList.splice(insertionIndex(this.bidList, b, bidOrder), 0, b)
      this.bidsById.set(b.id, b)
    }
    return fills
  }

  /** Take an order out of the book (cancelled, expired, or gone elsewhere). */
  remove (id: string): boolean {
    const s = this.offersById.get(id)
    if (s != null) { this.removeOffer(s); return true }
    const b = this.bidsById.get(id)
    if (b != null) { this.removeBid(b); return true }
    return false
  }

  private fill (s: SellCandidate, b: BuyCandidate): Fill | undefined {
    const a = allocate(s, b)
    if (a == null) return undefined
    s.freeCores -= a.cores
    s.freeMemoryMiB -= a.memoryMiB
    b.freeCores -= a.cores
    b.freeMemoryMiB -= a.memoryMiB
    return { buyId: b.id, sellId: s.id, cores: a.cores, memoryMiB: a.memoryMiB, pricePerCoreHour: s.price }
  }

  private removeOffer (s: SellCandidate): void {
    if (this.offersById.get(s.id) !== s) return
    const i = indexOf(this.offerList, s, offerOrder)
    if (i >= 0) this.offerList.splice(i, 1)
    this.offersById.delete(s.id)
  }

  private removeBid (b: BuyCandidate): void {
    if (this.bidsById.get(b.id) !== b) return
    const i = indexOf(this.bidList, b, bidOrder)
    if (i >= 0) this.bidList.splice(i, 1)
    this.bidsById.delete(b.id)
  }
}

/**
 * Fills for `bids` against `offers` as they stand now: every offer rests first, then the bids
 * arrive in their own priority order (highest price, earliest), so both sides keep price–time
 * priority.
 */
export function planFills (offers: readonly SellCandidate[], bids: readonly BuyCandidate[], now: number): Fill[] {
  const book = new OrderBook()
  for (const o of offers) book.addOffer(o, now)
  const fills: Fill[] = []
  for (const b of [...bids].sort(bidOrder)) fills.push(...book.addBid(b, now))
  return fills
}
