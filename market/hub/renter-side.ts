/**
 * The renter's hub: matching rounds for its members' BUYs, and the lease formations it drives.
 *
 * A round gathers offers (this hub's own SELLs from its ledger; other hubs' from their DHT offer
 * records, refreshed with a QUOTE to the lessor's hub), plans fills with the matching engine, and
 * turns each fill into a lease:
 *
 *   same hub:   one transaction reserves both orders and keeps the lease, signed in both roles.
 *   two hubs:   begin (durable: BUY capacity held, intent recorded) → RESERVE at the lessor's hub
 *               → sign and record the proposal (durable) → PROPOSE → the lessor's hub countersigns
 *               → keep the lease (durable) → CONFIRM (the lessor's hub then delivers to its member).
 *
 * Every step after "begin" is driven from the formation's durable state, so after a crash the
 * hub picks up where it was: the lessor's hub answers a repeated RESERVE or PROPOSE with the same
 * id exactly as before. A formation only fails on a definite refusal, never on a timeout, so a
 * lease the lessor's hub has countersigned is always completed here too.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { planFills } from '../book.js'
import { LeaseVerificationError, isRefusal } from '../errors.js'
import { encodeLeaseTerms, encodeSignedLease, signLeaseTerms, verifyLease } from '../lease.js'
import { leaseInsertOf } from '../ledger/hub-ledger.js'
import { MAX_OFFERS_PER_RECORD } from '../limits.js'
import { buyCandidate, incompatibility, leaseProtection, sellCandidate } from '../match.js'
import { RESOURCE_CLASSES } from '../offer-record.js'
import { SignedLease } from '../pb/market.js'
import { newId } from './context.js'
import type { HubContext } from './context.js'
import type { Publication } from './publication.js'
import type { Fill } from '../book.js'
import type { OrderRow } from '../ledger/hub-ledger.js'
import type { VerifiedLease } from '../lease.js'
import type { BuyCandidate, SellCandidate } from '../match.js'
import type { ResourceClass } from '../offer-record.js'
import type { BuyOrder, SellOrder, SignedOrderInfo } from '../order.js'

export type Outcome = 'formed' | 'refused' | 'pending'

interface Offer {
  candidate: SellCandidate
  info: SignedOrderInfo<SellOrder>
}

/** Passes of a round: a refused fill (stale offer) lets the BUY try the next offer. */
const MAX_PASSES = 4

export class RenterSide {
  private readonly ctx: HubContext
  private readonly publication: Publication
  private chain: Promise<void> = Promise.resolve()
  private queued = false
  private readonly driving = new Map<string, Promise<Outcome>>()
  private readonly retry = new Map<string, { attempts: number, next: number }>()
  private readonly started = new Map<string, number>()
  /** called when a lease is kept (deliveries, publication) */
  onLease: () => void = () => {}

  constructor (ctx: HubContext, publication: Publication) {
    this.ctx = ctx
    this.publication = publication
  }

  /** Formations being driven right now. */
  get active (): number {
    return this.driving.size
  }

  /** A matching round after the one under way; resolves when it has run. Rounds never overlap. */
  async round (): Promise<void> {
    const next = this.chain.then(async () => { this.queued = false; await this.runRound() })
    this.chain = next.catch((err) => { this.ctx.log.error('matching round failed: %e', err) })
    return this.chain
  }

  /** A round unless one is already waiting to run (for timers: no pile-up). */
  nudge (): void {
    if (this.queued) return
    this.queued = true
    void this.round()
  }

  private bidOf (row: OrderRow): { candidate: BuyCandidate, info: SignedOrderInfo<BuyOrder> } {
    const info = this.ctx.stored(row.signed, row.id) as SignedOrderInfo<BuyOrder>
    return { info, candidate: buyCandidate(info, { subnet: this.ctx.subnet, acceptedAt: row.acceptedAt, freeCores: row.freeCores, freeMemoryMiB: row.freeMemory }) }
  }

  private async runRound (): Promise<void> {
    const ctx = this.ctx
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const now = ctx.now()
      const bids = ctx.ledger.openBuys(now).map(r => this.bidOf(r))
      if (bids.length === 0) return
      const offers = await this.offers(bids.map(b => b.candidate), now)
      const fills = planFills(offers.map(o => o.candidate), bids.map(b => b.candidate), now)
      ctx.events.round?.(fills.length)
      if (fills.length === 0) return
      const byOffer = new Map(offers.map(o => [o.info.id, o]))
      const byBid = new Map(bids.map(b => [b.info.id, b]))
      const outcomes = await Promise.all(fills.map(async f => this.execute(f, byOffer.get(f.sellId) as Offer, byBid.get(f.buyId)?.info as SignedOrderInfo<BuyOrder>)))
      if (!outcomes.includes('refused')) return
    }
  }

  /** Offers that could serve `bids`: ours from the ledger, other hubs' from the DHT with live state. */
  private async offers (bids: BuyCandidate[], now: number): Promise<Offer[]> {
    const ctx = this.ctx
    const out: Offer[] = ctx.ledger.openSells(now).map(row => {
      const info = ctx.stored(row.signed, row.id) as SignedOrderInfo<SellOrder>
      return { info, candidate: sellCandidate(info, { hub: ctx.selfId, subnet: ctx.subnet, acceptedAt: row.acceptedAt, freeCores: row.freeCores, freeMemoryMiB: row.freeMemory }) }
    })
    const classes = new Set<ResourceClass>()
    for (const b of bids) {
      if (b.mode === 'he') classes.add('he')
      else if (b.mode === 'any') RESOURCE_CLASSES.forEach(c => classes.add(c))
      else classes.add('tee')
    }
    const hubs = ctx.network().hubs().filter(h => !h.peerId.equals(ctx.self))
    await Promise.all(hubs.map(async hub => {
      const seen = new Map<string, Offer>()
      for (const cls of classes) {
        const record = await this.publication.record(cls, hub.peerId)
        for (const o of record?.offers ?? []) {
          const candidate = sellCandidate(o.order, { hub: hub.peerId.toString(), subnet: ctx.subnetOf(o.order.order.owner), acceptedAt: o.acceptedAt, freeCores: o.freeCores, freeMemoryMiB: o.freeMemoryMiB })
          if (candidate.freeCores > 0 && bids.some(b => incompatibility(candidate, b, now) === undefined)) seen.set(o.order.id, { info: o.order, candidate })
        }
      }
      if (seen.size === 0) return
      try {
        // the record may be a little stale: ask the lessor's hub what is free now
        const quotes = await ctx.peers.quote(hub.peerId, [...seen.keys()].slice(0, MAX_OFFERS_PER_RECORD), { signal: ctx.signal() })
        for (const q of quotes) {
          const o = seen.get(q.id)
          if (o == null || q.state.status !== 'open' || q.state.freeCores <= 0) continue
          out.push({ info: o.info, candidate: { ...o.candidate, acceptedAt: q.state.acceptedAt, freeCores: q.state.freeCores, freeMemoryMiB: q.state.freeMemoryMiB } })
        }
      } catch (err: any) {
        ctx.log('no quote from %s, its offers sit this round out: %e', hub.name, err)
      }
    }))
    return out
  }

  private async execute (fill: Fill, offer: Offer, buy: SignedOrderInfo<BuyOrder>): Promise<Outcome> {
    return offer.candidate.hub === this.ctx.selfId ? this.formLocal(fill, offer, buy) : this.formRemote(fill, offer)
  }

  private async terms (id: string, lessorHub: string, cores: number, memoryMiB: number, sell: SignedOrderInfo<SellOrder>, buy: SignedOrderInfo<BuyOrder>): Promise<Uint8Array> {
    const ctx = this.ctx
    const s = sellCandidate(sell, { hub: lessorHub, subnet: ctx.subnetOf(sell.order.owner), acceptedAt: 0, freeCores: cores, freeMemoryMiB: memoryMiB })
    const protection = leaseProtection(s, buyCandidate(buy, { subnet: ctx.subnet, acceptedAt: 0, freeCores: cores, freeMemoryMiB: memoryMiB }))
    if (protection == null) throw new Error('a fill was planned whose protection does not match')
    const start = ctx.now()
    return encodeLeaseTerms({ network: ctx.network().id, id, renterHub: ctx.self, lessorHub: peerIdFromString(lessorHub), cores, memoryMiB, protection, start, end: start + buy.order.durationS * 1000, buy, sell })
  }

  /** Both orders are ours: one transaction, nothing to recover. */
  private async formLocal (fill: Fill, offer: Offer, buy: SignedOrderInfo<BuyOrder>): Promise<Outcome> {
    const ctx = this.ctx
    const t0 = performance.now()
    const terms = await this.terms(newId(), ctx.selfId, fill.cores, fill.memoryMiB, offer.info, buy)
    const signed = encodeSignedLease(terms, await signLeaseTerms(terms, 'renterHub', ctx.key), await signLeaseTerms(terms, 'lessorHub', ctx.key))
    const v = await verifyLease(signed, ctx.network())
    try {
      const row = ctx.ledger.formLocal(leaseInsertOf(v), ctx.now())
      ctx.events.leaseFormed?.(row, performance.now() - t0)
      this.publication.schedule()
      this.onLease()
      return 'formed'
    } catch (err) {
      if (isRefusal(err)) return 'refused'
      throw err
    }
  }

  private async formRemote (fill: Fill, offer: Offer): Promise<Outcome> {
    const ctx = this.ctx
    const id = newId()
    try {
      ctx.ledger.beginFormation({ id, buyId: fill.buyId, sellId: fill.sellId, sell: offer.info.signed, lessorHub: offer.candidate.hub, cores: fill.cores, memory: fill.memoryMiB, now: ctx.now() })
    } catch (err) {
      if (isRefusal(err)) return 'refused'
      throw err
    }
    this.started.set(id, performance.now())
    ctx.failpoint('renter:after-begin')
    return this.drive(id)
  }

  /** Drive one formation from its durable state as far as it goes now (one driver per formation). */
  async drive (id: string): Promise<Outcome> {
    const running = this.driving.get(id)
    if (running != null) return running
    const p = this.step(id).finally(() => { this.driving.delete(id) })
    this.driving.set(id, p)
    return p
  }

  private async step (id: string): Promise<Outcome> {
    const ctx = this.ctx
    let f = ctx.ledger.formation(id)
    if (f == null || f.state === 'failed') return 'refused'
    if (f.state === 'done') return 'formed'
    const lessorHub = peerIdFromString(f.lessorHub)
    try {
      if (f.state === 'reserving') {
        const buyRow = ctx.ledger.order(f.buyId) as OrderRow
        await ctx.peers.reserve(lessorHub, { reservationId: id, sellId: f.sellId, buy: buyRow.signed, cores: f.cores, memoryMiB: f.memory }, { signal: ctx.signal() })
        ctx.failpoint('renter:after-reserved')
        const status = ctx.ledger.order(f.buyId)?.status
        if (status === 'cancelled' || status === 'expired') {
          // nothing is signed yet: honour the cancel (or expiry), give the capacity back
          ctx.ledger.failFormation(id, `the BUY was ${status} before the lease was proposed`, ctx.now())
          this.started.delete(id)
          this.retry.delete(id)
          void ctx.peers.release(lessorHub, id, { signal: ctx.signal() }).catch((err: Error) => { ctx.log('releasing reservation %s (it will lapse): %e', id, err) })
          return 'refused'
        }
        const sell = ctx.stored(f.sell) as SignedOrderInfo<SellOrder>
        const buy = ctx.stored(buyRow.signed, buyRow.id) as SignedOrderInfo<BuyOrder>
        const terms = await this.terms(id, f.lessorHub, f.cores, f.memory, sell, buy)
        ctx.ledger.formationProposed(id, encodeSignedLease(terms, await signLeaseTerms(terms, 'renterHub', ctx.key)), ctx.now())
        ctx.failpoint('renter:after-proposed')
        f = ctx.ledger.formation(id) ?? f
      }
      const proposal = SignedLease.decode(f.proposal as Uint8Array)
      const signature = await ctx.peers.propose(lessorHub, f.proposal as Uint8Array, { signal: ctx.signal() })
      ctx.failpoint('renter:after-countersigned')
      let v: VerifiedLease
      try {
        v = await verifyLease(encodeSignedLease(proposal.terms, proposal.renterHubSignature, signature), ctx.network())
      } catch (err) {
        // the lessor's hub answered with a signature that does not verify: no valid lease exists
        if (err instanceof LeaseVerificationError) throw Object.assign(err, { refusal: true })
        throw err
      }
      const row = ctx.ledger.completeFormation(id, leaseInsertOf(v), ctx.now())
      ctx.failpoint('renter:after-complete')
      const t0 = this.started.get(id)
      this.started.delete(id)
      this.retry.delete(id)
      ctx.events.leaseFormed?.(row, t0 == null ? undefined : performance.now() - t0)
      this.onLease()
      void this.confirm(id)
      return 'formed'
    } catch (err: any) {
      if (isRefusal(err) || err.refusal === true) {
        ctx.ledger.failFormation(id, err.message, ctx.now())
        this.started.delete(id)
        this.retry.delete(id)
        ctx.log('formation %s refused by the lessor\'s hub: %s', id, err.message)
        return 'refused'
      }
      const r = this.retry.get(id) ?? { attempts: 0, next: 0 }
      r.attempts++
      r.next = ctx.now() + Math.min(250 * 2 ** r.attempts, 5_000)
      this.retry.set(id, r)
      ctx.log('formation %s with %p interrupted (will resume): %e', id, lessorHub, err)
      return 'pending'
    }
  }

  /** Tell the lessor's hub that we keep the lease (it then delivers to its member). */
  async confirm (id: string): Promise<void> {
    const ctx = this.ctx
    const row = ctx.ledger.lease(id)
    if (row == null || row.confirmed === 1 || row.role !== 'renter') return
    try {
      await ctx.peers.confirm(peerIdFromString(row.lessorHub), id, { signal: ctx.signal() })
      ctx.ledger.markConfirmed(id)
    } catch (err: any) {
      ctx.log('confirming lease %s: %e (will retry)', id, err)
    }
  }

  /** Resume every interrupted formation and confirmation (on start, on a timer, when a hub rejoins). */
  async recover (force = false): Promise<void> {
    const ctx = this.ctx
    const now = ctx.now()
    const work: Array<Promise<unknown>> = []
    let resumed = false
    for (const f of ctx.ledger.pendingFormations()) {
      const r = this.retry.get(f.id)
      if (!force && r != null && r.next > now) continue
      if (!this.driving.has(f.id)) resumed = true
      work.push(this.drive(f.id))
    }
    for (const l of ctx.ledger.unconfirmedRenterLeases()) work.push(this.confirm(l.id))
    const outcomes = await Promise.all(work)
    // capacity a refused formation gave back may fill from another offer
    if (resumed && outcomes.includes('refused')) this.nudge()
  }
}
