/** What a hub's market needs from the network, injected so that it runs (and is tested) without libp2p. */
import type { LeaseStatus, OrderState } from '../json.js'
import type { AbortOptions, PeerId } from '@libp2p/interface'

/** A SELL's live state, as its hub answers a QUOTE. */
export interface QuoteEntry {
  id: string
  /** the encoded SignedOrder */
  order: Uint8Array
  state: OrderState
}

export interface ReserveRequest {
  /** chosen by the renter's hub; becomes the lease id */
  reservationId: string
  sellId: string
  /** the renter's encoded SignedOrder (BUY) */
  buy: Uint8Array
  cores: number
  memoryMiB: number
}

export interface ReserveResult {
  /** ms: the reservation is released if no lease is proposed for it by then */
  expires: number
  duplicate: boolean
}

/**
 * Calls to other hubs. A refusal throws a MarketError with the remote's code; a failure whose
 * outcome is unknown (unreachable, timed out) throws anything else, or MarketError UNAVAILABLE.
 */
export interface HubPeers {
  quote: (hub: PeerId, ids: string[], options: AbortOptions) => Promise<QuoteEntry[]>
  reserve: (hub: PeerId, request: ReserveRequest, options: AbortOptions) => Promise<ReserveResult>
  release: (hub: PeerId, reservationId: string, options: AbortOptions) => Promise<void>
  /** send a lease signed by us as renter's hub; resolves to the lessor's hub signature */
  propose: (hub: PeerId, proposal: Uint8Array, options: AbortOptions) => Promise<Uint8Array>
  confirm: (hub: PeerId, leaseId: string, options: AbortOptions) => Promise<void>
  end: (hub: PeerId, leaseId: string, endedAt: number, options: AbortOptions) => Promise<void>
}

/** The hub-tier DHT, as far as offer records go. */
export interface OfferDirectory {
  put: (key: Uint8Array, value: Uint8Array, options: AbortOptions) => Promise<void>
  /** the best valid record under `key`, or undefined when there is none */
  get: (key: Uint8Array, options: AbortOptions) => Promise<Uint8Array | undefined>
}

/** This hub's own members. */
export interface MemberLink {
  connected: (member: PeerId) => boolean
  deliver: (member: PeerId, lease: Uint8Array, state: { status: LeaseStatus, endedAt: number | null }, options: AbortOptions) => Promise<void>
}
