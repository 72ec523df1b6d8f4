/**
 * A participant's side of the market: it signs its orders, keeps them in its ledger before sending
 * them to its hub (so one whose fate a crash left unknown is sent again, with the same id, and the
 * hub answers as before), and keeps the leases its hub delivers after checking every signature.
 */
import { MarketError, isRefusal, leaseRefusal } from './errors.js'
import { leaseJson, orderJson } from './json.js'
import { verifyLease } from './lease.js'
import { checkOrderFields, decodeStoredOrder, orderIdOf, signOrder } from './order.js'
import type { LeaseJson, LeaseStatus, OrderJson, OrderState } from './json.js'
import type { VerifiedLease } from './lease.js'
import type { ParticipantLedger } from './ledger/participant-ledger.js'
import type { BuyTerms, OrderFields, SellTerms } from './order.js'
import type { Network } from '../topology/index.js'
import type { AbortOptions, Logger, PeerId, PrivateKey } from '@libp2p/interface'

export interface HubOrderState {
  /** the encoded SignedOrder */
  order: Uint8Array
  state: OrderState
}

/** Requests to this participant's own hub. Refusals throw a MarketError with the hub's code. */
export interface HubClient {
  place: (signed: Uint8Array, options: AbortOptions) => Promise<{ order: HubOrderState, leases: Uint8Array[], duplicate: boolean }>
  cancel: (id: string, options: AbortOptions) => Promise<HubOrderState>
  list: (options: AbortOptions) => Promise<HubOrderState[]>
  end: (leaseId: string, options: AbortOptions) => Promise<void>
}

export interface ParticipantMarketInit {
  network: () => Network
  peerId: PeerId
  key: PrivateKey
  ledger: ParticipantLedger
  hub: HubClient
  log: Logger
  now?: () => number
  /** a PLACE of a BUY waits for the hub's first matching round, ms */
  placeTimeoutMs?: number
  /** called with every order this participant signs and keeps, before it goes to the hub */
  onOrder?: (order: OrderFields) => void
  requestTimeoutMs?: number
}

/** What to order: the side's terms plus resources and how long the order stands. */
export type OrderRequest = (SellTerms | BuyTerms) & { cores: number, memoryMiB: number, expiresInS: number }

/** A lease this participant holds, as its hub delivered it. */
export interface HeldLease {
  lease: VerifiedLease
  status: LeaseStatus
  endedAt: number | null
}

export interface PlaceOutcome {
  order: OrderJson
  leases: LeaseJson[]
}

export class ParticipantMarket {
  private readonly init: ParticipantMarketInit
  private readonly now: () => number
  private readonly waiters = new Set<() => void>()
  private readonly verified = new Map<string, VerifiedLease>()
  private resending?: Promise<void>

  constructor (init: ParticipantMarketInit) {
    this.init = init
    this.now = init.now ?? Date.now
  }

  /** This participant's peer id. */
  get self (): string {
    return this.init.peerId.toString()
  }

  private signal (ms = this.init.requestTimeoutMs ?? 10_000): AbortSignal {
    return AbortSignal.timeout(ms)
  }

  /** Sign an order, keep it, and place it with the hub; a BUY may wait until it is filled. */
  async place (req: OrderRequest, waitMs = 0): Promise<PlaceOutcome> {
    const { network, peerId, key, ledger } = this.init
    const now = this.now()
    const { expiresInS, ...terms } = req
    const fields = { ...terms, network: network().id, owner: peerId.toString(), seq: 0n, expires: now + expiresInS * 1000 } as OrderFields
    checkOrderFields({ ...fields, seq: 1n }, network(), now)
    fields.seq = ledger.nextSeq(now)
    const info = await signOrder(fields, key, peerId)
    ledger.addOrder(info.id, fields.side, info.signed, now)
    this.init.onOrder?.(fields)
    let placed = await this.submit(info.id, info.signed)
    if (fields.side === 'buy' && waitMs > 0 && placed.state.status === 'open') {
      await this.waitFilled(info.id, fields.cores, Math.min(now + waitMs, fields.expires))
      placed = (await this.init.hub.list({ signal: this.signal() }).catch(() => [])).find(o => orderIdOf(o.order) === info.id) ?? placed
    }
    return {
      order: orderJson(info, placed.state),
      leases: fields.side === 'buy' ? await this.leases({ buyId: info.id }) : []
    }
  }

  /** Send a kept order to the hub; a refusal marks it rejected, an unknown outcome leaves it to resend. */
  private async submit (id: string, signed: Uint8Array): Promise<HubOrderState> {
    let r
    try {
      r = await this.init.hub.place(signed, { signal: this.signal(this.init.placeTimeoutMs ?? 60_000) })
    } catch (err: any) {
      if (isRefusal(err)) {
        this.init.ledger.markRejected(id, err.message)
        throw err
      }
      throw new MarketError('UNAVAILABLE', `the hub did not answer (${err.message}); the order is kept and will be placed again when the hub is back`)
    }
    this.init.ledger.markPlaced(id)
    for (const l of r.leases) await this.keep(l, 'active', null)
    return r.order
  }

  /** Resend orders whose fate is unknown (after a crash or a lost hub); one pass at a time. */
  async resubmitPending (): Promise<void> {
    if (this.resending != null) return this.resending
    this.resending = (async () => {
      for (const o of this.init.ledger.pendingOrders()) {
        try {
          await this.submit(o.id, o.signed)
        } catch (err: any) {
          this.init.log('resending order %s: %e', o.id, err)
          if (!isRefusal(err)) return
        }
      }
    })().finally(() => { this.resending = undefined })
    return this.resending
  }

  private async waitFilled (buyId: string, cores: number, deadline: number): Promise<void> {
    while (this.init.ledger.leases({ buyId }).reduce((n, l) => n + l.cores, 0) < cores) {
      const left = deadline - this.now()
      if (left <= 0) return
      await new Promise<void>(resolve => {
        const done = (): void => { clearTimeout(t); this.waiters.delete(done); resolve() }
        const t = setTimeout(done, Math.min(left, 1000))
        this.waiters.add(done)
      })
    }
  }

  /** Our hub delivers a lease (new, or ended): check it and keep it. */
  async deliver (lease: Uint8Array, status: LeaseStatus, endedAt: number | null): Promise<void> {
    await this.keep(lease, status, endedAt)
  }

  private async keep (lease: Uint8Array, status: LeaseStatus, endedAt: number | null): Promise<void> {
    // a lease that does not verify is the hub's fault, answered with its status (not UNAVAILABLE)
    const v = await verifyLease(lease, this.init.network()).catch(leaseRefusal)
    const me = this.init.peerId.toString()
    if (v.renter !== me && v.lessor !== me) throw new MarketError('REFUSED', `lease ${v.id} is not this participant's`)
    this.verified.set(v.id, v)
    this.init.ledger.putLease({ id: v.id, signed: lease, role: v.renter === me ? 'renter' : 'lessor', buyId: v.buy.id, sellId: v.sell.id, cores: v.cores, end: v.end, status, endedAt, now: this.now() })
    for (const w of [...this.waiters]) w()
  }

  async cancel (id: string): Promise<OrderJson> {
    const r = await this.init.hub.cancel(id, { signal: this.signal() })
    return orderJson(decodeStoredOrder(r.order), r.state)
  }

  /** Our orders as the hub keeps them, and those it has not acknowledged (pending) or refused. */
  async orders (): Promise<OrderJson[]> {
    const remote = await this.init.hub.list({ signal: this.signal() })
    const out = remote.map(r => orderJson(decodeStoredOrder(r.order), r.state))
    const known = new Set(out.map(o => o.id))
    for (const o of this.init.ledger.orders()) {
      if (!known.has(o.id) && o.state !== 'placed') out.push(orderJson(decodeStoredOrder(o.signed), undefined, o.state))
    }
    return out
  }

  /** Leases delivered to us, verified, with their state, newest first (all, or those filling one BUY). */
  async held (filter: { buyId?: string, id?: string } = {}): Promise<HeldLease[]> {
    this.init.ledger.expireLeases(this.now())
    const rows = filter.id != null ? [this.init.ledger.lease(filter.id)].filter(r => r != null) : this.init.ledger.leases(filter)
    const out: HeldLease[] = []
    for (const row of rows) {
      let v = this.verified.get(row.id)
      if (v == null) {
        v = await verifyLease(row.signed, this.init.network())
        this.verified.set(row.id, v)
      }
      out.push({ lease: v, status: row.status, endedAt: row.endedAt })
    }
    return out
  }

  /** Leases delivered to us as JSON, newest first (all, or those filling one BUY). */
  async leases (filter: { buyId?: string } = {}): Promise<LeaseJson[]> {
    return (await this.held(filter)).map(h => leaseJson(h.lease, { status: h.status, endedAt: h.endedAt }))
  }

  async end (id: string): Promise<LeaseJson> {
    const row = this.init.ledger.lease(id)
    if (row == null) throw new MarketError('NOT_FOUND', `no lease ${id} here`)
    await this.init.hub.end(id, { signal: this.signal() })
    if (row.status === 'active') this.init.ledger.putLease({ ...row, status: 'ended', endedAt: Math.min(this.now(), row.end), now: this.now() })
    return (await this.leases()).find(l => l.id === id) as LeaseJson
  }

  status (): { ordersPending: number, leases: number } {
    return { ordersPending: this.init.ledger.pendingOrders().length, leases: this.init.ledger.leases().length }
  }
}
