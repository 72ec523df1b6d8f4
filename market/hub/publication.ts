/**
 * Publication at the hub tier: this hub's open SELLs, one signed record per resource class, put in
 * the DHT whenever they change (placed, cancelled, reserved, leased, released, expired), when
 * another hub (re)joins, and before the records expire; and other hubs' records, fetched (and
 * verified) when this hub's BUYs look for offers.
 */
import { MAX_OFFERS_PER_RECORD } from '../limits.js'
import { RESOURCE_CLASSES, offerKey, signOfferRecord, verifyOfferRecord } from '../offer-record.js'
import type { HubContext } from './context.js'
import type { PublishedOffer, ResourceClass, VerifiedOfferRecord } from '../offer-record.js'
import type { SellOrder, SignedOrderInfo } from '../order.js'
import type { PeerId } from '@libp2p/interface'

/** Debounce of change-triggered publication, ms: a burst of changes becomes one put per class. */
const PUBLISH_DELAY = 20

export class Publication {
  private readonly ctx: HubContext
  private readonly cache = new Map<string, { at: number, record: VerifiedOfferRecord | undefined }>()
  private running?: Promise<void>
  private again = false
  private timer?: ReturnType<typeof setTimeout>
  private refresh?: ReturnType<typeof setInterval>
  private stopped = true
  published = 0

  constructor (ctx: HubContext) {
    this.ctx = ctx
  }

  start (): void {
    this.stopped = false
    this.refresh = setInterval(() => { this.schedule() }, Math.max(1000, Math.floor(this.ctx.options.offerTtlMs / 3)))
    this.schedule()
  }

  stop (): void {
    this.stopped = true
    clearTimeout(this.timer)
    clearInterval(this.refresh)
  }

  /** Publish soon (coalescing bursts); a publication under way is followed by another. */
  schedule (): void {
    if (this.stopped || this.timer != null) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.publishNow()
    }, PUBLISH_DELAY)
  }

  /** Publish every class now; resolves when done (after a publication already under way). */
  async publishNow (): Promise<void> {
    if (this.running != null) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.again = false
        await this.publishAll()
      } while (this.again && !this.stopped)
    })().finally(() => { this.running = undefined })
    return this.running
  }

  /** Our open offers of one class, best first, as a record would carry them. */
  ownOffers (cls: ResourceClass): PublishedOffer[] {
    const out: PublishedOffer[] = []
    for (const row of this.ctx.ledger.openSells(this.ctx.now())) {
      if (!row.classes.split(',').includes(cls)) continue
      out.push({ order: this.ctx.stored(row.signed, row.id) as SignedOrderInfo<SellOrder>, freeCores: row.freeCores, freeMemoryMiB: row.freeMemory, acceptedAt: row.acceptedAt })
      if (out.length === MAX_OFFERS_PER_RECORD) break
    }
    return out
  }

  private async publishAll (): Promise<void> {
    const ctx = this.ctx
    await Promise.all(RESOURCE_CLASSES.map(async cls => {
      const now = ctx.now()
      try {
        const record = await signOfferRecord({
          network: ctx.network().id,
          hub: ctx.self,
          resourceClass: cls,
          seq: ctx.ledger.nextOfferSeq(now),
          expires: now + ctx.options.offerTtlMs,
          offers: this.ownOffers(cls)
        }, ctx.key)
        await ctx.directory.put(offerKey(cls, ctx.self), record, { signal: ctx.signal() })
        this.published++
      } catch (err: any) {
        ctx.log('publishing %s offers: %e', cls, err)
      }
    }))
  }

  /** Another hub's record of a class, verified; cached for `offerCacheMs` unless `fresh`. */
  async record (cls: ResourceClass, hub: PeerId, fresh = false): Promise<VerifiedOfferRecord | undefined> {
    const ctx = this.ctx
    const key = `${cls}/${hub.toString()}`
    const hit = this.cache.get(key)
    const now = ctx.now()
    if (!fresh && hit != null && now - hit.at < ctx.options.offerCacheMs) return hit.record
    let record: VerifiedOfferRecord | undefined
    try {
      const bytes = await ctx.directory.get(offerKey(cls, hub), { signal: ctx.signal() })
      record = bytes == null ? undefined : await verifyOfferRecord(bytes, ctx.network(), { key: offerKey(cls, hub), now })
    } catch (err: any) {
      ctx.log('fetching %s offers of %p: %e', cls, hub, err)
    }
    this.cache.set(key, { at: now, record })
    return record
  }

  /** Forget cached records (of one hub, or all), e.g. when a hub (re)joins. */
  invalidate (hub?: PeerId): void {
    if (hub == null) this.cache.clear()
    else for (const cls of RESOURCE_CLASSES) this.cache.delete(`${cls}/${hub.toString()}`)
  }
}
