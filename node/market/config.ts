/** The `market` section of node.json (all optional; defaults in market/hub/context.ts). */
import { z } from 'zod'

export const MARKET_CONFIG = z.strictObject({
  /** a reservation not turned into a lease by then is released, ms */
  reservationTtlMs: z.int().min(1000).max(3_600_000).optional(),
  /** how often open BUYs look for new offers, ms */
  rematchIntervalMs: z.int().min(100).max(3_600_000).optional(),
  /** how long this hub's offer records are valid (republished at a third of it), ms */
  offerTtlMs: z.int().min(10_000).max(86_400_000).optional(),
  /** how long a fetched offer record is reused, ms */
  offerCacheMs: z.int().min(0).max(600_000).optional(),
  /** how often interrupted work is retried, ms */
  retryIntervalMs: z.int().min(100).max(600_000).optional()
})

export type MarketConfig = z.infer<typeof MARKET_CONFIG>
