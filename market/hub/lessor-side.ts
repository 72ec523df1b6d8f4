/**
 * The lessor's hub: answers other hubs about its members' SELLs. It trusts nothing a renter's hub
 * planned: a RESERVE is checked against the signed BUY and the SELL as if no one had matched them,
 * and a PROPOSE against the reservation it made. Reservations and countersignatures are single
 * transactions keyed by the id the renter's hub chose, so a repeated request gets the same answer
 * and two hubs racing for the same capacity cannot both get it.
 */
import { MarketError, leaseRefusal } from '../errors.js'
import { encodeSignedLease, signLeaseTerms, verifyLease } from '../lease.js'
import { leaseInsertOf, orderState } from '../ledger/hub-ledger.js'
import { MAX_OFFERS_PER_RECORD } from '../limits.js'
import { buyCandidate, incompatibility, sellCandidate } from '../match.js'
import { expectSide, verifyOrder } from '../order.js'
import { SignedLease } from '../pb/market.js'
import { bytesEqualPlain, isId } from '../signing.js'
import type { HubContext } from './context.js'
import type { Publication } from './publication.js'
import type { QuoteEntry, ReserveRequest, ReserveResult } from './types.js'
import type { LeaseRow } from '../ledger/hub-ledger.js'
import type { SellOrder, SignedOrderInfo } from '../order.js'
import type { PeerId } from '@libp2p/interface'

export class LessorSide {
  private readonly ctx: HubContext
  private readonly publication: Publication
  /** called when a lease becomes deliverable to our member */
  onDeliverable: () => void = () => {}

  constructor (ctx: HubContext, publication: Publication) {
    this.ctx = ctx
    this.publication = publication
  }

  /** Only another hub of the network may reserve, propose or confirm. */
  private requireHub (caller: PeerId): void {
    if (this.ctx.network().peer(caller)?.role !== 'hub' || caller.equals(this.ctx.self)) {
      throw new MarketError('REFUSED', 'only another hub of the network may make this request')
    }
  }

  /** The live state of our SELLs among `ids` (unknown ids are left out). */
  quote (caller: PeerId, ids: string[]): QuoteEntry[] {
    this.requireHub(caller)
    if (ids.length > MAX_OFFERS_PER_RECORD) throw new MarketError('MALFORMED', `at most ${MAX_OFFERS_PER_RECORD} ids per QUOTE`)
    const out: QuoteEntry[] = []
    for (const id of ids) {
      const row = isId(id) ? this.ctx.ledger.order(id) : undefined
      if (row?.side === 'sell') out.push({ id, order: row.signed, state: orderState(row) })
    }
    return out
  }

  async reserve (caller: PeerId, req: ReserveRequest): Promise<ReserveResult> {
    const ctx = this.ctx
    this.requireHub(caller)
    if (!isId(req.reservationId) || !isId(req.sellId)) throw new MarketError('MALFORMED', 'reservation and SELL ids are 32 hex characters')
    const now = ctx.now()
    const network = ctx.network()
    const buy = expectSide(await verifyOrder(req.buy, network, { now }), 'buy')
    if (network.peer(buy.order.owner)?.subnet !== network.peer(caller)?.subnet) {
      throw new MarketError('REFUSED', `the BUY's owner ${buy.order.owner} is not a member of the calling hub's subnet`)
    }
    const sellRow = ctx.ledger.order(req.sellId)
    if (sellRow?.side !== 'sell') throw new MarketError('NOT_FOUND', `no SELL ${req.sellId} at this hub`)
    if (!Number.isSafeInteger(req.cores) || req.cores < 1 || req.cores > buy.order.cores) throw new MarketError('INVALID', `${req.cores} cores is not within the BUY's ${buy.order.cores}`)
    if (!Number.isSafeInteger(req.memoryMiB) || req.memoryMiB < 0 || req.memoryMiB > buy.order.memoryMiB) throw new MarketError('INVALID', `${req.memoryMiB} MiB is not within the BUY's ${buy.order.memoryMiB}`)
    const sell = ctx.stored(sellRow.signed, sellRow.id) as SignedOrderInfo<SellOrder>
    const why = incompatibility(
      sellCandidate(sell, { hub: ctx.selfId, subnet: ctx.subnet, acceptedAt: sellRow.acceptedAt, freeCores: sellRow.freeCores, freeMemoryMiB: sellRow.freeMemory }),
      buyCandidate(buy, { subnet: network.peer(caller)?.subnet ?? '', acceptedAt: 0, freeCores: req.cores, freeMemoryMiB: req.memoryMiB }),
      now)
    if (why !== undefined) throw new MarketError('INVALID', `SELL ${req.sellId} cannot serve BUY ${buy.id}: ${why}`)
    const { row, duplicate } = ctx.ledger.reserve({ id: req.reservationId, sellId: req.sellId, renterHub: caller.toString(), buy: req.buy, cores: req.cores, memory: req.memoryMiB, now, ttlMs: ctx.options.reservationTtlMs })
    ctx.failpoint('lessor:after-reserve')
    if (!duplicate) this.publication.schedule()
    return { expires: row.expires, duplicate }
  }

  release (caller: PeerId, reservationId: string): void {
    this.requireHub(caller)
    const r = this.ctx.ledger.reservation(reservationId)
    if (r == null) throw new MarketError('NOT_FOUND', `no reservation ${reservationId}`)
    if (r.renterHub !== caller.toString()) throw new MarketError('REFUSED', 'a reservation is released by the hub that made it')
    if (this.ctx.ledger.releaseReservation(reservationId)) this.publication.schedule()
  }

  /** Countersign a lease proposed for one of our reservations; returns our signature. */
  async propose (caller: PeerId, proposal: Uint8Array): Promise<Uint8Array> {
    const ctx = this.ctx
    this.requireHub(caller)
    const v = await verifyLease(proposal, ctx.network(), { signatures: 'renterHub' }).catch(leaseRefusal)
    if (v.renterHub !== caller.toString()) throw new MarketError('REFUSED', 'a lease is proposed by the renter\'s hub it names')
    if (v.lessorHub !== ctx.selfId) throw new MarketError('REFUSED', 'this lease names another hub as the lessor\'s')
    const existing = ctx.ledger.lease(v.id)
    if (existing != null) {
      const stored = SignedLease.decode(existing.signed)
      if (!bytesEqualPlain(stored.terms, v.terms)) throw new MarketError('INVALID', `lease ${v.id} was countersigned with other terms`)
      return stored.lessorHubSignature
    }
    const r = ctx.ledger.reservation(v.id)
    if (r == null) throw new MarketError('NOT_FOUND', `no reservation ${v.id} for this lease`)
    if (r.renterHub !== caller.toString() || r.sellId !== v.sell.id || !bytesEqualPlain(r.buy, v.buy.signed)) {
      throw new MarketError('INVALID', `lease ${v.id} is not for the orders its reservation was made for`)
    }
    const now = ctx.now()
    if (v.start < r.created - ctx.options.maxClockSkewMs || v.start > now + ctx.options.maxClockSkewMs) {
      throw new MarketError('INVALID', `lease ${v.id} starts at ${new Date(v.start).toISOString()}, too far from this hub's clock`)
    }
    const signature = await signLeaseTerms(v.terms, 'lessorHub', ctx.key)
    const signed = encodeSignedLease(v.terms, v.renterHubSignature, signature)
    ctx.ledger.countersign(leaseInsertOf({ ...v, signed }), now)
    ctx.failpoint('lessor:after-countersign')
    return signature
  }

  /** The renter's hub keeps the lease: it is final here too and goes to our member. */
  confirm (caller: PeerId, id: string): LeaseRow {
    this.requireHub(caller)
    const row = this.ctx.ledger.lease(id)
    if (row == null) throw new MarketError('NOT_FOUND', `no lease ${id} at this hub`)
    if (row.renterHub !== caller.toString()) throw new MarketError('REFUSED', 'a lease is confirmed by its renter\'s hub')
    const out = this.ctx.ledger.confirmLease(id)
    this.ctx.failpoint('lessor:after-confirm')
    this.onDeliverable()
    return out
  }
}
