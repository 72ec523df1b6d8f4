/**
 * A hub's durable ledger: its members' orders, the reservations and leases it signed, and the
 * lease formations it drives. Every method that changes state is one transaction, so a hub killed
 * at any instant restarts with each of them either done or not done; the ids (order ids,
 * reservation/lease ids) make every request idempotent.
 */
import { MarketError } from '../errors.js'
import { Database } from './sqlite.js'
import { HUB_MIGRATIONS } from './hub-schema.js'
import type { OrderState, OrderStatus, LeaseStatus } from '../json.js'
import type { VerifiedLease } from '../lease.js'
import type { SignedOrderInfo } from '../order.js'

export interface OrderRow {
  id: string
  owner: string
  side: 'sell' | 'buy'
  seq: number
  signed: Uint8Array
  cores: number
  memory: number
  price: number
  classes: string
  acceptedAt: number
  expires: number
  status: OrderStatus
  freeCores: number
  freeMemory: number
  filledCores: number
  filledMemory: number
}

export interface ReservationRow {
  id: string
  sellId: string
  renterHub: string
  buy: Uint8Array
  cores: number
  memory: number
  state: 'held' | 'leased' | 'released'
  created: number
  expires: number
}

export type FormationState = 'reserving' | 'proposed' | 'done' | 'failed'

export interface FormationRow {
  id: string
  buyId: string
  sellId: string
  sell: Uint8Array
  lessorHub: string
  cores: number
  memory: number
  state: FormationState
  proposal: Uint8Array | null
  reason: string | null
  created: number
  updated: number
}

export type LeaseRole = 'renter' | 'lessor' | 'both'

export interface LeaseRow {
  id: string
  signed: Uint8Array
  role: LeaseRole
  renter: string
  lessor: string
  renterHub: string
  lessorHub: string
  buyId: string
  sellId: string
  cores: number
  memory: number
  start: number
  end: number
  status: LeaseStatus
  endedAt: number | null
  confirmed: number
  endSynced: number
  created: number
}

/** The fields of a lease row that come from the lease itself. */
export type LeaseInsert = Pick<LeaseRow, 'id' | 'signed' | 'renter' | 'lessor' | 'renterHub' | 'lessorHub' | 'buyId' | 'sellId' | 'cores' | 'memory' | 'start' | 'end'>

const ORDER = 'id, owner, side, seq, signed, cores, memory, price, classes, accepted_at AS acceptedAt, expires, status, free_cores AS freeCores, free_memory AS freeMemory, filled_cores AS filledCores, filled_memory AS filledMemory'
const RESERVATION = 'id, sell_id AS sellId, renter_hub AS renterHub, buy, cores, memory, state, created, expires'
const FORMATION = 'id, buy_id AS buyId, sell_id AS sellId, sell, lessor_hub AS lessorHub, cores, memory, state, proposal, reason, created, updated'
const LEASE = 'id, signed, role, renter, lessor, renter_hub AS renterHub, lessor_hub AS lessorHub, buy_id AS buyId, sell_id AS sellId, cores, memory, start, end, status, ended_at AS endedAt, confirmed, end_synced AS endSynced, created'

export function leaseInsertOf (v: VerifiedLease): LeaseInsert {
  return { id: v.id, signed: v.signed, renter: v.renter, lessor: v.lessor, renterHub: v.renterHub, lessorHub: v.lessorHub, buyId: v.buy.id, sellId: v.sell.id, cores: v.cores, memory: v.memoryMiB, start: v.start, end: v.end }
}

export function orderState (r: OrderRow): OrderState {
  return { status: r.status, freeCores: r.freeCores, freeMemoryMiB: r.freeMemory, filledCores: r.filledCores, filledMemoryMiB: r.filledMemory, acceptedAt: r.acceptedAt }
}

export class HubLedger {
  readonly db: Database

  constructor (path: string) {
    this.db = new Database(path, HUB_MIGRATIONS)
  }

  close (): void {
    this.db.close()
  }

  // ---- orders ----

  order (id: string): OrderRow | undefined {
    return this.db.get<OrderRow>(`SELECT ${ORDER} FROM orders WHERE id = ?`, id)
  }

  /** Orders, newest first; of one owner when given. */
  orders (filter: { owner?: string, limit?: number } = {}): OrderRow[] {
    const limit = filter.limit ?? 1000
    return filter.owner == null
      ? this.db.all<OrderRow>(`SELECT ${ORDER} FROM orders ORDER BY accepted_at DESC, id LIMIT ?`, limit)
      : this.db.all<OrderRow>(`SELECT ${ORDER} FROM orders WHERE owner = ? ORDER BY accepted_at DESC, id LIMIT ?`, filter.owner, limit)
  }

  /**
   * Keep a member's order. The same order again is a duplicate (its row is returned as it is now);
   * another order with a sequence number at or below the owner's highest is REPLAYED.
   */
  insertOrder (info: SignedOrderInfo, acceptedAt: number, classes: string[], maxOpen = Infinity): { row: OrderRow, duplicate: boolean } {
    return this.db.tx(() => {
      const existing = this.order(info.id)
      if (existing != null) return { row: existing, duplicate: true }
      const o = info.order
      if (this.openOrderCount(o.owner) >= maxOpen) throw new MarketError('REFUSED', `${o.owner} already has ${maxOpen} open orders here: cancel some, or let them fill or expire`)
      const max = this.db.get<{ maxSeq: number }>('SELECT max_seq AS maxSeq FROM owners WHERE owner = ?', o.owner)?.maxSeq
      if (max != null && BigInt(max) >= o.seq) {
        throw new MarketError('REPLAYED', `order seq ${o.seq} of ${o.owner} is not above its last seq ${max}: an order is placed once`)
      }
      this.db.run('INSERT INTO owners (owner, max_seq) VALUES (?, ?) ON CONFLICT (owner) DO UPDATE SET max_seq = excluded.max_seq', o.owner, o.seq)
      const price = o.side === 'sell' ? o.pricePerCoreHour : o.maxPricePerCoreHour
      this.db.run(
        'INSERT INTO orders (id, owner, side, seq, signed, cores, memory, price, classes, accepted_at, expires, status, free_cores, free_memory) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \'open\', ?, ?)',
        info.id, o.owner, o.side, o.seq, info.signed, o.cores, o.memoryMiB, price, classes.join(','), acceptedAt, o.expires, o.cores, o.memoryMiB)
      return { row: this.order(info.id) as OrderRow, duplicate: false }
    })
  }

  /** How many open orders an owner has. */
  openOrderCount (owner: string): number {
    return this.db.get<{ n: number }>('SELECT count(*) AS n FROM orders WHERE owner = ? AND status = \'open\'', owner)?.n ?? 0
  }

  /** Open SELLs that have capacity free, in price–time order. */
  openSells (now: number): OrderRow[] {
    return this.db.all<OrderRow>(`SELECT ${ORDER} FROM orders WHERE side = 'sell' AND status = 'open' AND expires > ? AND free_cores > 0 ORDER BY price, accepted_at, id`, now)
  }

  /** Open BUYs with cores still to lease, highest price first, then oldest. */
  openBuys (now: number): OrderRow[] {
    return this.db.all<OrderRow>(`SELECT ${ORDER} FROM orders WHERE side = 'buy' AND status = 'open' AND expires > ? AND free_cores > 0 ORDER BY price DESC, accepted_at, id`, now)
  }

  /** Cancel an open order (a no-op for one already closed). Returns it as it is now. */
  cancelOrder (id: string): OrderRow {
    return this.db.tx(() => {
      this.db.run('UPDATE orders SET status = \'cancelled\' WHERE id = ? AND status = \'open\'', id)
      const row = this.order(id)
      if (row == null) throw new MarketError('NOT_FOUND', `no order ${id} at this hub`)
      return row
    })
  }

  /** Mark open orders whose time is up as expired; returns them. */
  expireOrders (now: number): OrderRow[] {
    return this.db.tx(() => {
      const rows = this.db.all<OrderRow>(`SELECT ${ORDER} FROM orders WHERE status = 'open' AND expires <= ?`, now)
      this.db.run('UPDATE orders SET status = \'expired\' WHERE status = \'open\' AND expires <= ?', now)
      return rows
    })
  }

  private adjust (id: string, side: 'free' | 'filled', cores: number, memory: number): void {
    const col = side === 'free' ? 'free' : 'filled'
    this.db.run(`UPDATE orders SET ${col}_cores = ${col}_cores + ?, ${col}_memory = ${col}_memory + ? WHERE id = ?`, cores, memory, id)
  }

  // ---- the lessor's hub: reservations ----

  reservation (id: string): ReservationRow | undefined {
    return this.db.get<ReservationRow>(`SELECT ${RESERVATION} FROM reservations WHERE id = ?`, id)
  }

  /**
   * Hold capacity of one of our SELLs for another hub's BUY, atomically: two hubs racing for the
   * same capacity cannot both get it. A reservation id seen before returns that reservation.
   */
  reserve (r: { id: string, sellId: string, renterHub: string, buy: Uint8Array, cores: number, memory: number, now: number, ttlMs: number }): { row: ReservationRow, duplicate: boolean } {
    return this.db.tx(() => {
      const existing = this.reservation(r.id)
      if (existing != null) {
        if (existing.sellId !== r.sellId || existing.renterHub !== r.renterHub || existing.cores !== r.cores || existing.memory !== r.memory) {
          throw new MarketError('INVALID', `reservation ${r.id} exists with other terms`)
        }
        if (existing.state === 'released') throw new MarketError('EXPIRED', `reservation ${r.id} was released`)
        return { row: existing, duplicate: true }
      }
      const sell = this.order(r.sellId)
      if (sell == null || sell.side !== 'sell') throw new MarketError('NOT_FOUND', `no SELL ${r.sellId} at this hub`)
      if (sell.status !== 'open') throw new MarketError(sell.status === 'expired' ? 'EXPIRED' : 'NOT_FOUND', `SELL ${r.sellId} is ${sell.status}`)
      if (sell.expires <= r.now) throw new MarketError('EXPIRED', `SELL ${r.sellId} has expired`)
      if (sell.freeCores < r.cores || sell.freeMemory < r.memory) {
        throw new MarketError('INSUFFICIENT', `SELL ${r.sellId} has ${sell.freeCores} cores and ${sell.freeMemory} MiB free, not ${r.cores} cores and ${r.memory} MiB`)
      }
      this.adjust(r.sellId, 'free', -r.cores, -r.memory)
      this.db.run('INSERT INTO reservations (id, sell_id, renter_hub, buy, cores, memory, state, created, expires) VALUES (?, ?, ?, ?, ?, ?, \'held\', ?, ?)',
        r.id, r.sellId, r.renterHub, r.buy, r.cores, r.memory, r.now, r.now + r.ttlMs)
      return { row: this.reservation(r.id) as ReservationRow, duplicate: false }
    })
  }

  /** Give a held reservation's capacity back. False when it was not held (leased, or already released). */
  releaseReservation (id: string): boolean {
    return this.db.tx(() => {
      const r = this.reservation(id)
      if (r?.state !== 'held') return false
      this.db.run('UPDATE reservations SET state = \'released\' WHERE id = ?', id)
      this.adjust(r.sellId, 'free', r.cores, r.memory)
      return true
    })
  }

  /** Release held reservations whose time is up; returns the SELL ids that got capacity back. */
  expireReservations (now: number): string[] {
    const ids = this.db.all<{ id: string }>('SELECT id FROM reservations WHERE state = \'held\' AND expires <= ?', now)
    const sells = new Set<string>()
    for (const { id } of ids) {
      const r = this.reservation(id)
      if (this.releaseReservation(id) && r != null) sells.add(r.sellId)
    }
    return [...sells]
  }

  /**
   * The lessor's hub countersigned: the held reservation becomes a lease (awaiting the renter's
   * hub's confirmation), in one transaction. A lease id seen before returns that lease unchanged.
   */
  countersign (lease: LeaseInsert, now: number): { row: LeaseRow, duplicate: boolean } {
    return this.db.tx(() => {
      const existing = this.lease(lease.id)
      if (existing != null) return { row: existing, duplicate: true }
      const r = this.reservation(lease.id)
      if (r == null) throw new MarketError('NOT_FOUND', `no reservation ${lease.id}`)
      if (r.state !== 'held') throw new MarketError('EXPIRED', `reservation ${lease.id} is ${r.state}`)
      if (r.expires <= now) throw new MarketError('EXPIRED', `reservation ${lease.id} expired at ${new Date(r.expires).toISOString()}`)
      if (r.sellId !== lease.sellId || r.cores !== lease.cores || r.memory !== lease.memory || r.renterHub !== lease.renterHub) {
        throw new MarketError('INVALID', `lease ${lease.id} does not match its reservation`)
      }
      this.db.run('UPDATE reservations SET state = \'leased\' WHERE id = ?', lease.id)
      this.adjust(lease.sellId, 'filled', lease.cores, lease.memory)
      this.insertLease(lease, 'lessor', 0, now)
      return { row: this.lease(lease.id) as LeaseRow, duplicate: false }
    })
  }

  /** The renter's hub has the lease too: deliver it to our member. Idempotent. */
  confirmLease (id: string): LeaseRow {
    return this.db.tx(() => {
      const row = this.lease(id)
      if (row == null) throw new MarketError('NOT_FOUND', `no lease ${id} at this hub`)
      if (row.confirmed === 0) {
        this.db.run('UPDATE leases SET confirmed = 1 WHERE id = ?', id)
        this.db.run('INSERT OR IGNORE INTO deliveries (lease_id, peer) VALUES (?, ?)', id, row.lessor)
      }
      return this.lease(id) as LeaseRow
    })
  }

  // ---- the renter's hub: formations ----

  formation (id: string): FormationRow | undefined {
    return this.db.get<FormationRow>(`SELECT ${FORMATION} FROM formations WHERE id = ?`, id)
  }

  pendingFormations (): FormationRow[] {
    return this.db.all<FormationRow>(`SELECT ${FORMATION} FROM formations WHERE state IN ('reserving', 'proposed') ORDER BY created`)
  }

  /** Start forming a lease for one of our BUYs: hold its capacity, record the intent (durably, before any message). */
  beginFormation (f: { id: string, buyId: string, sellId: string, sell: Uint8Array, lessorHub: string, cores: number, memory: number, now: number }): FormationRow {
    return this.db.tx(() => {
      const buy = this.order(f.buyId)
      if (buy?.side !== 'buy' || buy.status !== 'open' || buy.expires <= f.now) throw new MarketError('NOT_FOUND', `BUY ${f.buyId} is not open`)
      if (buy.freeCores < f.cores || buy.freeMemory < f.memory) throw new MarketError('INSUFFICIENT', `BUY ${f.buyId} has ${buy.freeCores} cores left to lease, not ${f.cores}`)
      this.adjust(f.buyId, 'free', -f.cores, -f.memory)
      this.db.run('INSERT INTO formations (id, buy_id, sell_id, sell, lessor_hub, cores, memory, state, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, \'reserving\', ?, ?)',
        f.id, f.buyId, f.sellId, f.sell, f.lessorHub, f.cores, f.memory, f.now, f.now)
      return this.formation(f.id) as FormationRow
    })
  }

  /** The lessor's hub reserved; our signed proposal is recorded before it is sent. */
  formationProposed (id: string, proposal: Uint8Array, now: number): void {
    this.db.run('UPDATE formations SET state = \'proposed\', proposal = ?, updated = ? WHERE id = ? AND state = \'reserving\'', proposal, now, id)
  }

  /** The lessor's hub countersigned: keep the lease, count it against the BUY, deliver it. */
  completeFormation (id: string, lease: LeaseInsert, now: number): LeaseRow {
    return this.db.tx(() => {
      const f = this.formation(id)
      if (f == null) throw new MarketError('NOT_FOUND', `no formation ${id}`)
      if (f.state === 'done') return this.lease(id) as LeaseRow
      if (f.state !== 'proposed') throw new MarketError('INVALID', `formation ${id} is ${f.state}`)
      this.db.run('UPDATE formations SET state = \'done\', updated = ? WHERE id = ?', now, id)
      this.adjust(f.buyId, 'filled', lease.cores, lease.memory)
      this.db.run('UPDATE orders SET status = \'filled\' WHERE id = ? AND status = \'open\' AND filled_cores >= cores', f.buyId)
      this.insertLease(lease, 'renter', 0, now)
      this.db.run('INSERT OR IGNORE INTO deliveries (lease_id, peer) VALUES (?, ?)', id, lease.renter)
      return this.lease(id) as LeaseRow
    })
  }

  /** The lessor's hub refused: no lease; the BUY's capacity is free again. */
  failFormation (id: string, reason: string, now: number): void {
    this.db.tx(() => {
      const f = this.formation(id)
      if (f == null || (f.state !== 'reserving' && f.state !== 'proposed')) return
      this.db.run('UPDATE formations SET state = \'failed\', reason = ?, updated = ? WHERE id = ?', reason, now, id)
      this.adjust(f.buyId, 'free', f.cores, f.memory)
    })
  }

  /** Both orders are ours: reserve, count and keep the lease in one transaction. */
  formLocal (lease: LeaseInsert, now: number): LeaseRow {
    return this.db.tx(() => {
      const buy = this.order(lease.buyId)
      const sell = this.order(lease.sellId)
      if (buy?.status !== 'open' || buy.expires <= now) throw new MarketError('NOT_FOUND', `BUY ${lease.buyId} is not open`)
      if (sell?.status !== 'open' || sell.expires <= now) throw new MarketError('NOT_FOUND', `SELL ${lease.sellId} is not open`)
      if (buy.freeCores < lease.cores || buy.freeMemory < lease.memory) throw new MarketError('INSUFFICIENT', `BUY ${lease.buyId} has ${buy.freeCores} cores left`)
      if (sell.freeCores < lease.cores || sell.freeMemory < lease.memory) throw new MarketError('INSUFFICIENT', `SELL ${lease.sellId} has ${sell.freeCores} cores free`)
      for (const id of [lease.buyId, lease.sellId]) {
        this.adjust(id, 'free', -lease.cores, -lease.memory)
        this.adjust(id, 'filled', lease.cores, lease.memory)
      }
      this.db.run('UPDATE orders SET status = \'filled\' WHERE id = ? AND status = \'open\' AND filled_cores >= cores', lease.buyId)
      this.insertLease(lease, 'both', 1, now)
      this.db.run('INSERT OR IGNORE INTO deliveries (lease_id, peer) VALUES (?, ?), (?, ?)', lease.id, lease.renter, lease.id, lease.lessor)
      return this.lease(lease.id) as LeaseRow
    })
  }

  // ---- leases ----

  private insertLease (l: LeaseInsert, role: LeaseRole, confirmed: number, now: number): void {
    this.db.run('INSERT INTO leases (id, signed, role, renter, lessor, renter_hub, lessor_hub, buy_id, sell_id, cores, memory, start, end, status, confirmed, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \'active\', ?, ?)',
      l.id, l.signed, role, l.renter, l.lessor, l.renterHub, l.lessorHub, l.buyId, l.sellId, l.cores, l.memory, l.start, l.end, confirmed, now)
  }

  lease (id: string): LeaseRow | undefined {
    return this.db.get<LeaseRow>(`SELECT ${LEASE} FROM leases WHERE id = ?`, id)
  }

  leases (filter: { buyId?: string, limit?: number } = {}): LeaseRow[] {
    return filter.buyId != null
      ? this.db.all<LeaseRow>(`SELECT ${LEASE} FROM leases WHERE buy_id = ? ORDER BY created, id`, filter.buyId)
      : this.db.all<LeaseRow>(`SELECT ${LEASE} FROM leases ORDER BY created DESC, id LIMIT ?`, filter.limit ?? 1000)
  }

  /** Leases this hub (as renter's hub) has not yet had acknowledged by the lessor's hub. */
  unconfirmedRenterLeases (): LeaseRow[] {
    return this.db.all<LeaseRow>(`SELECT ${LEASE} FROM leases WHERE role = 'renter' AND confirmed = 0`)
  }

  markConfirmed (id: string): void {
    this.db.run('UPDATE leases SET confirmed = 1 WHERE id = ?', id)
  }

  /** On the lessor's side, the lease's capacity returns to its SELL. */
  private releaseLeased (l: LeaseRow): void {
    if (l.role === 'renter') return
    this.adjust(l.sellId, 'free', l.cores, l.memory)
    this.adjust(l.sellId, 'filled', -l.cores, -l.memory)
  }

  /**
   * End an active lease at `endedAt` (a no-op for one already ended or expired). `synced`: the
   * other hub already knows (it told us, or there is none). Returns the row and whether it changed.
   */
  endLease (id: string, endedAt: number, synced: boolean): { row: LeaseRow, changed: boolean } {
    return this.db.tx(() => {
      const l = this.lease(id)
      if (l == null) throw new MarketError('NOT_FOUND', `no lease ${id} at this hub`)
      if (l.status !== 'active') return { row: l, changed: false }
      this.db.run('UPDATE leases SET status = \'ended\', ended_at = ?, end_synced = ? WHERE id = ?', endedAt, synced ? 1 : 0, id)
      this.releaseLeased(l)
      const members = l.role === 'both' ? [l.renter, l.lessor] : l.role === 'renter' ? [l.renter] : (l.confirmed === 1 ? [l.lessor] : [])
      for (const m of members) this.db.run('INSERT OR IGNORE INTO deliveries (lease_id, peer) VALUES (?, ?)', id, m)
      return { row: this.lease(id) as LeaseRow, changed: true }
    })
  }

  /** Ended leases whose other hub has not been told yet. */
  unsyncedEnds (): LeaseRow[] {
    return this.db.all<LeaseRow>(`SELECT ${LEASE} FROM leases WHERE status = 'ended' AND end_synced = 0`)
  }

  markEndSynced (id: string): void {
    this.db.run('UPDATE leases SET end_synced = 1 WHERE id = ?', id)
  }

  /** Active leases past their end become expired; returns the SELL ids that got capacity back. */
  expireLeases (now: number): string[] {
    return this.db.tx(() => {
      const rows = this.db.all<LeaseRow>(`SELECT ${LEASE} FROM leases WHERE status = 'active' AND end <= ?`, now)
      for (const l of rows) {
        this.db.run('UPDATE leases SET status = \'expired\' WHERE id = ?', l.id)
        this.releaseLeased(l)
      }
      return rows.filter(l => l.role !== 'renter').map(l => l.sellId)
    })
  }

  // ---- deliveries ----

  pendingDeliveries (): Array<{ leaseId: string, peer: string }> {
    return this.db.all('SELECT lease_id AS leaseId, peer FROM deliveries ORDER BY rowid')
  }

  markDelivered (leaseId: string, peer: string): void {
    this.db.run('DELETE FROM deliveries WHERE lease_id = ? AND peer = ?', leaseId, peer)
  }

  // ---- misc ----

  /** The next sequence number of our offer records: increasing across restarts and clock steps. */
  nextOfferSeq (now: number): bigint {
    return this.db.tx(() => {
      const last = this.db.get<{ value: number }>('SELECT value FROM meta WHERE key = \'offer_seq\'')?.value ?? 0
      const next = Math.max(last + 1, now * 1000)
      this.db.run('INSERT INTO meta (key, value) VALUES (\'offer_seq\', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', next)
      return BigInt(next)
    })
  }

  counts (): { formationsPending: number, leasesUnconfirmed: number, deliveriesPending: number, reservationsHeld: number, endsUnsynced: number, ordersOpen: number, leasesActive: number } {
    const n = (sql: string): number => this.db.get<{ n: number }>(sql)?.n ?? 0
    return {
      formationsPending: n('SELECT count(*) AS n FROM formations WHERE state IN (\'reserving\', \'proposed\')'),
      leasesUnconfirmed: n('SELECT count(*) AS n FROM leases WHERE confirmed = 0'),
      deliveriesPending: n('SELECT count(*) AS n FROM deliveries'),
      reservationsHeld: n('SELECT count(*) AS n FROM reservations WHERE state = \'held\''),
      endsUnsynced: n('SELECT count(*) AS n FROM leases WHERE status = \'ended\' AND end_synced = 0'),
      ordersOpen: n('SELECT count(*) AS n FROM orders WHERE status = \'open\''),
      leasesActive: n('SELECT count(*) AS n FROM leases WHERE status = \'active\'')
    }
  }
}
