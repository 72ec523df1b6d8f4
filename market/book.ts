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
 * The book is indexed by protection: offers in one sorted list per (HE offered, enclave
 * measurement), bids in one per (protection required, allowed measurements). An incoming order
 * walks only the lists that can serve it, merged in priority order, so the orders it looks at are
 * nearly all ones it can match (the remaining checks — duration, avoided subnets, owner — rarely
 * fail). Lists are arrays kept sorted by binary insertion.
 *
 * Candidates are copied in; fills reduce the copies' free capacity; exhausted or expired entries
 * leave the book. The engine decides nothing durable: the hub turns fills into reservations and
 * leases, and a fill that cannot be reserved simply does not become a lease.
 */
import { allocate, incompatibility, leaseProtection } from './match.js'
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

/** An array kept sorted by `cmp`; items are found again by their sort key. */
class SortedList<T extends { id: string }> {
  readonly items: T[] = []
  private readonly cmp: (a: T, b: T) => number

  constructor (cmp: (a: T, b: T) => number) {
    this.cmp = cmp
  }

  private lowerBound (item: T): number {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cmp(this.items[mid] as T, item) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  insert (item: T): void {
    this.items.splice(this.lowerBound(item), 0, item)
  }

  remove (item: T): boolean {
    const i = this.lowerBound(item)
    if (this.items[i]?.id !== item.id) return false
    this.items.splice(i, 1)
    return true
  }
}

/** The offers of one (HE, measurement) class. */
interface OfferClass {
  he: boolean
  tee: SellCandidate['tee']
  list: SortedList<SellCandidate>
}

/** The bids of one (protection, allowed measurements) class. */
interface BidClass {
  mode: BuyCandidate['mode']
  allowed: ReadonlySet<string>
  list: SortedList<BuyCandidate>
}

const offerKey = (s: SellCandidate): string => `${s.he ? 1 : 0}|${s.tee?.measurement ?? ''}`
const bidKey = (b: BuyCandidate): string => `${b.mode}|${[...b.allowed].sort().join(',')}`

/**
 * Walk several sorted lists as one, in `cmp` order (a k-way merge; k is the number of classes,
 * a handful). `visit` returns false to stop.
 */
function merged<T> (lists: T[][], cmp: (a: T, b: T) => number, visit: (item: T) => boolean): void {
  const at = lists.map(() => 0)
  for (;;) {
    let best = -1
    for (let k = 0; k < lists.length; k++) {
      const head = (lists[k] as T[])[at[k] as number]
      if (head !== undefined && (best < 0 || cmp(head, (lists[best] as T[])[at[best] as number] as T) < 0)) best = k
    }
    if (best < 0) return
    const item = (lists[best] as T[])[at[best] as number] as T
    at[best] = (at[best] as number) + 1
    if (!visit(item)) return
  }
}

export class OrderBook {
  private readonly offerClasses = new Map<string, OfferClass>()
  private readonly bidClasses = new Map<string, BidClass>()
  /** resting orders by id, with the key of their class */
  private readonly offersById = new Map<string, { s: SellCandidate, key: string }>()
  private readonly bidsById = new Map<string, { b: BuyCandidate, key: string }>()

  /** Offers resting in the book, best first. */
  offers (): SellCandidate[] {
    return [...this.offersById.values()].map(e => e.s).sort(offerOrder)
  }

  /** Bids resting in the book, best first. */
  bids (): BuyCandidate[] {
    return [...this.bidsById.values()].map(e => e.b).sort(bidOrder)
  }

  get size (): number {
    return this.offersById.size + this.bidsById.size
  }

  /** A new SELL: fill resting bids in their priority order, rest what is left. */
  addOffer (offer: SellCandidate, now: number): Fill[] {
    if (this.offersById.has(offer.id)) throw new Error(`offer ${offer.id} is already in the book`)
    const s = { ...offer }
    const fills: Fill[] = []
    const done: BuyCandidate[] = []
    const lists: BuyCandidate[][] = []
    for (const c of this.bidClasses.values()) {
      if (c.list.items.length > 0 && leaseProtection(s, c) != null) lists.push(c.list.items)
    }
    merged(lists, bidOrder, (b) => {
      if (s.freeCores <= 0 || b.maxPrice < s.price) return false
      if (b.expires <= now) { done.push(b); return true }
      if (b.freeCores <= 0 || incompatibility(s, b, now) !== undefined) return true
      const fill = this.fill(s, b)
      if (fill != null) fills.push(fill)
      if (b.freeCores <= 0) done.push(b)
      return true
    })
    for (const b of done) this.removeBid(b)
    if (s.freeCores > 0 && s.expires > now) {
      const key = offerKey(s)
      let c = this.offerClasses.get(key)
      if (c == null) {
        c = { he: s.he, tee: s.tee, list: new SortedList(offerOrder) }
        this.offerClasses.set(key, c)
      }
      c.list.insert(s)
      this.offersById.set(s.id, { s, key })
    }
    return fills
  }

  /** A new BUY: fill from resting offers in price–time priority, rest what is left. */
  addBid (bid: BuyCandidate, now: number): Fill[] {
    if (this.bidsById.has(bid.id)) throw new Error(`bid ${bid.id} is already in the book`)
    const b = { ...bid }
    const fills: Fill[] = []
    const done: SellCandidate[] = []
    const lists: SellCandidate[][] = []
    for (const c of this.offerClasses.values()) {
      if (c.list.items.length > 0 && leaseProtection(c, b) != null) lists.push(c.list.items)
    }
    // price levels one at a time, so that preferred subnets can go first within a level
    let level: SellCandidate[] = []
    const flush = (): void => {
      if (b.prefer.size > 0 && level.length > 1) level = [...level.filter(s => b.prefer.has(s.subnet)), ...level.filter(s => !b.prefer.has(s.subnet))]
      for (const s of level) {
        if (b.freeCores <= 0) break
        if (s.expires <= now) { done.push(s); continue }
        if (s.freeCores <= 0 || incompatibility(s, b, now) !== undefined) continue
        const fill = this.fill(s, b)
        if (fill != null) fills.push(fill)
        if (s.freeCores <= 0) done.push(s)
      }
      level = []
    }
    merged(lists, offerOrder, (s) => {
      if (s.price > b.maxPrice) return false
      if (level.length > 0 && (level[0] as SellCandidate).price !== s.price) {
        flush()
        if (b.freeCores <= 0) return false
      }
      level.push(s)
      return true
    })
    if (b.freeCores > 0) flush()
    for (const s of done) this.removeOffer(s)
    if (b.freeCores > 0 && b.expires > now) {
      const key = bidKey(b)
      let c = this.bidClasses.get(key)
      if (c == null) {
        c = { mode: b.mode, allowed: b.allowed, list: new SortedList(bidOrder) }
        this.bidClasses.set(key, c)
      }
      c.list.insert(b)
      this.bidsById.set(b.id, { b, key })
    }
    return fills
  }

  /** Take an order out of the book (cancelled, expired, or gone elsewhere). */
  remove (id: string): boolean {
    const s = this.offersById.get(id)
    if (s != null) { this.removeOffer(s.s); return true }
    const b = this.bidsById.get(id)
    if (b != null) { this.removeBid(b.b); return true }
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
    const e = this.offersById.get(s.id)
    if (e?.s !== s) return
    this.offerClasses.get(e.key)?.list.remove(s)
    this.offersById.delete(s.id)
  }

  private removeBid (b: BuyCandidate): void {
    const e = this.bidsById.get(b.id)
    if (e?.b !== b) return
    this.bidClasses.get(e.key)?.list.remove(b)
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
