/**
 * A hub's market: it keeps its members' orders, publishes their SELLs at the hub tier, matches
 * their BUYs against every hub's offers, forms leases with the other hubs (renter-side.ts,
 * lessor-side.ts), delivers leases to its members, and ends, expires and releases what is due.
 * The protocol handlers call the methods here; all state is in the ledger.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { MarketError } from '../errors.js'
import { MAX_OPEN_ORDERS_PER_MEMBER } from '../limits.js'
import { resourceClassesOf } from '../offer-record.js'
import { claimedOwner, verifyOrder } from '../order.js'
import { HubContext } from './context.js'
import { LessorSide } from './lessor-side.js'
import { Publication } from './publication.js'
import { RenterSide } from './renter-side.js'
import type { HubMarketInit } from './context.js'
import type { QuoteEntry, ReserveRequest, ReserveResult } from './types.js'
import type { LeaseRow, OrderRow } from '../ledger/hub-ledger.js'
import type { PublishedOffer } from '../offer-record.js'
import type { SignedOrderInfo } from '../order.js'
import type { PeerId } from '@libp2p/interface'

export interface PlaceResult {
  order: OrderRow
  info: SignedOrderInfo
  /** this order was placed before; nothing changed */
  duplicate: boolean
  /** BUY: the leases formed for it so far */
  leases: LeaseRow[]
}

/** An offer as this hub sees the hub tier. */
export interface TierOffer extends PublishedOffer {
  hub: string
}

export class HubMarket {
  readonly ctx: HubContext
  readonly publication: Publication
  readonly renter: RenterSide
  readonly lessor: LessorSide
  private timers: Array<ReturnType<typeof setInterval>> = []
  private delivering?: Promise<void>
  private deliverAgain = false
  private stopped = true

  constructor (init: HubMarketInit) {
    this.ctx = new HubContext(init)
    this.publication = new Publication(this.ctx)
    this.renter = new RenterSide(this.ctx, this.publication)
    this.lessor = new LessorSide(this.ctx, this.publication)
    this.renter.onLease = () => { void this.deliver() }
    this.lessor.onDeliverable = () => { void this.deliver() }
  }

  /** Resume interrupted work from the ledger, publish our offers, start the timers. */
  start (): void {
    const o = this.ctx.options
    this.stopped = false
    this.publication.start()
    this.timers = [
      setInterval(() => { this.sweep() }, 1000),
      setInterval(() => { if (this.ctx.ledger.openBuys(this.ctx.now()).length > 0) this.renter.nudge() }, o.rematchIntervalMs),
      setInterval(() => { void this.retry() }, o.retryIntervalMs)
    ]
    this.sweep()
    void this.retry()
  }

  stop (): void {
    this.stopped = true
    this.publication.stop()
    for (const t of this.timers) clearInterval(t)
    this.timers = []
  }

  // ---- members (over /shulian/orders/1.0.0 and /shulian/lease/1.0.0) ----

  private requireMember (caller: PeerId): void {
    const entry = this.ctx.network().peer(caller)
    if (entry?.role !== 'participant' || entry.subnet !== this.ctx.subnet) {
      throw new MarketError('REFUSED', 'only members of this hub may place, cancel or list orders here')
    }
  }

  /**
   * A member places an order. The same order again answers as before (a retry); an older one, or a
   * cancelled one sent again, is REPLAYED. A BUY is matched at once: the answer lists the leases
   * formed for it so far.
   */
  async place (caller: PeerId, signed: Uint8Array): Promise<PlaceResult> {
    const ctx = this.ctx
    this.requireMember(caller)
    const owner = claimedOwner(signed)
    if (owner !== undefined && owner !== caller.toString()) {
      throw new MarketError('NOT_OWNER', `the order is ${owner}'s, not the sender's (${caller.toString()}): members place their own orders`)
    }
    const now = ctx.now()
    const info = await verifyOrder(signed, ctx.network(), { now })
    const classes = info.order.side === 'sell' ? resourceClassesOf(info.order) : []
    const { row, duplicate } = ctx.ledger.insertOrder(info, now, classes, MAX_OPEN_ORDERS_PER_MEMBER)
    if (duplicate && row.status === 'cancelled') throw new MarketError('REPLAYED', `order ${info.id} was cancelled; a closed order cannot be placed again`)
    if (!duplicate) ctx.events.order?.(info.order.side)
    if (info.order.side === 'sell') {
      if (!duplicate) this.publication.schedule()
      // a member's resting BUY may take it
      this.renter.nudge()
      return { order: ctx.ledger.order(info.id) as OrderRow, info, duplicate, leases: [] }
    }
    await this.renter.round()
    return { order: ctx.ledger.order(info.id) as OrderRow, info, duplicate, leases: ctx.ledger.leases({ buyId: info.id }) }
  }

  /** A member cancels its order: it matches no more (leases already formed stand). */
  cancel (caller: PeerId, id: string): OrderRow {
    this.requireMember(caller)
    const row = this.ctx.ledger.order(id)
    if (row == null) throw new MarketError('NOT_FOUND', `no order ${id} at this hub`)
    if (row.owner !== caller.toString()) throw new MarketError('NOT_OWNER', `order ${id} is not the sender's`)
    const out = this.ctx.ledger.cancelOrder(id)
    if (row.side === 'sell' && row.status === 'open') this.publication.schedule()
    return out
  }

  list (caller: PeerId, limit: number): OrderRow[] {
    this.requireMember(caller)
    return this.ctx.ledger.orders({ owner: caller.toString(), limit })
  }

  /** A member ends one of its leases now; the other hub is told (now, or when it is reachable). */
  async endByMember (caller: PeerId, id: string): Promise<LeaseRow> {
    this.requireMember(caller)
    const row = this.ctx.ledger.lease(id)
    if (row == null) throw new MarketError('NOT_FOUND', `no lease ${id} at this hub`)
    const me = caller.toString()
    const party = (row.role !== 'lessor' && row.renter === me) || (row.role !== 'renter' && row.lessor === me)
    if (!party) throw new MarketError('NOT_OWNER', `lease ${id} is not the sender's`)
    return this.end(row, Math.min(this.ctx.now(), row.end))
  }

  // ---- other hubs ----

  quote (caller: PeerId, ids: string[]): QuoteEntry[] {
    return this.lessor.quote(caller, ids)
  }

  async reserve (caller: PeerId, req: ReserveRequest): Promise<ReserveResult> {
    return this.lessor.reserve(caller, req)
  }

  release (caller: PeerId, id: string): void {
    this.lessor.release(caller, id)
  }

  async propose (caller: PeerId, proposal: Uint8Array): Promise<Uint8Array> {
    return this.lessor.propose(caller, proposal)
  }

  confirm (caller: PeerId, id: string): void {
    this.lessor.confirm(caller, id)
  }

  /** The other hub of a lease says it ended. */
  endByHub (caller: PeerId, id: string, endedAt: number): LeaseRow {
    const row = this.ctx.ledger.lease(id)
    if (row == null) throw new MarketError('NOT_FOUND', `no lease ${id} at this hub`)
    const other = row.role === 'renter' ? row.lessorHub : row.role === 'lessor' ? row.renterHub : undefined
    if (other !== caller.toString()) throw new MarketError('REFUSED', 'a lease is ended by its other hub only')
    const at = Math.max(row.start, Math.min(endedAt, this.ctx.now(), row.end))
    const { row: out, changed } = this.ctx.ledger.endLease(id, at, true)
    if (changed) this.afterEnd(out)
    return out
  }

  private async end (row: LeaseRow, at: number): Promise<LeaseRow> {
    const other = row.role === 'renter' ? row.lessorHub : row.role === 'lessor' ? row.renterHub : undefined
    const { row: out, changed } = this.ctx.ledger.endLease(row.id, at, other == null)
    if (changed) {
      this.afterEnd(out)
      if (other != null) await this.syncEnd(out)
    }
    return out
  }

  private afterEnd (row: LeaseRow): void {
    if (row.role !== 'renter') this.publication.schedule()
    void this.deliver()
  }

  private async syncEnd (row: LeaseRow): Promise<void> {
    const other = row.role === 'renter' ? row.lessorHub : row.renterHub
    try {
      await this.ctx.peers.end(peerIdFromString(other), row.id, row.endedAt ?? this.ctx.now(), { signal: this.ctx.signal() })
      this.ctx.ledger.markEndSynced(row.id)
    } catch (err: any) {
      this.ctx.log('telling %s that lease %s ended: %e (will retry)', other, row.id, err)
    }
  }

  // ---- background work ----

  /** Expire orders, reservations and leases whose time is up; republish if our offers changed. */
  sweep (): void {
    const l = this.ctx.ledger
    const now = this.ctx.now()
    const orders = l.expireOrders(now)
    const sells = [...l.expireReservations(now), ...l.expireLeases(now)]
    if (sells.length > 0 || orders.some(o => o.side === 'sell')) this.publication.schedule()
  }

  /** Retry what was interrupted: formations, confirmations, ends, deliveries. */
  async retry (force = false): Promise<void> {
    if (this.stopped) return
    await Promise.all([
      this.renter.recover(force),
      ...this.ctx.ledger.unsyncedEnds().map(async r => this.syncEnd(r)),
      this.deliver()
    ])
  }

  /** Deliver pending leases to members that are connected (one pass at a time). */
  async deliver (): Promise<void> {
    if (this.delivering != null) {
      this.deliverAgain = true
      return this.delivering
    }
    this.delivering = (async () => {
      do {
        this.deliverAgain = false
        for (const d of this.ctx.ledger.pendingDeliveries()) {
          const member = peerIdFromString(d.peer)
          const row = this.ctx.ledger.lease(d.leaseId)
          if (row == null || !this.ctx.members.connected(member)) continue
          try {
            await this.ctx.members.deliver(member, row.signed, { status: row.status, endedAt: row.endedAt }, { signal: this.ctx.signal() })
            this.ctx.ledger.markDelivered(d.leaseId, d.peer)
          } catch (err: any) {
            this.ctx.log('delivering lease %s to %p: %e (will retry)', d.leaseId, member, err)
          }
        }
      } while (this.deliverAgain && !this.stopped)
    })().finally(() => { this.delivering = undefined })
    return this.delivering
  }

  /** A member (re)connected: it may have leases waiting. */
  memberConnected (): void {
    void this.deliver()
  }

  /** Another hub (re)joined: it may lack our records; our work with it may resume now. */
  hubConnected (hub: PeerId): void {
    this.publication.invalidate(hub)
    this.publication.schedule()
    void this.retry(true)
  }

  // ---- views ----

  /** Every order this hub keeps. */
  orders (): OrderRow[] {
    return this.ctx.ledger.orders()
  }

  leases (): LeaseRow[] {
    return this.ctx.ledger.leases()
  }

  /** The offers of the whole hub tier as this hub finds them now (ours, and the DHT's for the others). */
  async offers (): Promise<TierOffer[]> {
    const ctx = this.ctx
    const out: TierOffer[] = []
    for (const cls of ['he', 'tee'] as const) {
      for (const o of this.publication.ownOffers(cls)) out.push({ ...o, hub: ctx.selfId })
    }
    const others = ctx.network().hubs().filter(h => !h.peerId.equals(ctx.self))
    const records = await Promise.all(others.flatMap(h => (['he', 'tee'] as const).map(async cls => this.publication.record(cls, h.peerId, true))))
    for (const r of records) {
      for (const o of r?.offers ?? []) out.push({ ...o, hub: r?.hub.toString() ?? '' })
    }
    const seen = new Set<string>()
    return out.filter(o => !seen.has(o.order.id) && seen.add(o.order.id) && o.order.order.expires > ctx.now())
  }

  status (): ReturnType<HubMarket['ctx']['ledger']['counts']> & { formationsDriving: number, recordsPublished: number } {
    return { ...this.ctx.ledger.counts(), formationsDriving: this.renter.active, recordsPublished: this.publication.published }
  }
}
