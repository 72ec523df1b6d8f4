/** What the parts of a hub's market share: its identity, ledger, links to the network, options. */
import { randomBytes } from 'node:crypto'
import { toHex } from '../../keys/index.js'
import { ID_LENGTH } from '../limits.js'
import { decodeStoredOrder } from '../order.js'
import type { HubPeers, MemberLink, OfferDirectory } from './types.js'
import type { HubLedger, LeaseRow } from '../ledger/hub-ledger.js'
import type { SignedOrderInfo } from '../order.js'
import type { Network } from '../../topology/index.js'
import type { Logger, PeerId, PrivateKey } from '@libp2p/interface'

export interface HubMarketOptions {
  /** a reservation not turned into a lease by then is released, ms */
  reservationTtlMs: number
  /** how often open BUYs look for new offers, ms */
  rematchIntervalMs: number
  /** how long offer records are valid (republished at a third of it), ms */
  offerTtlMs: number
  /** how long a fetched offer record is reused before the DHT is asked again, ms */
  offerCacheMs: number
  /** how often interrupted work (formations, confirmations, deliveries, ends) is retried, ms */
  retryIntervalMs: number
  /** one request to another hub or a member, ms */
  requestTimeoutMs: number
  /** how far a proposed lease's start may be from the lessor's hub's clock, ms */
  maxClockSkewMs: number
}

export const DEFAULT_HUB_MARKET_OPTIONS: HubMarketOptions = {
  reservationTtlMs: 30_000,
  rematchIntervalMs: 2_000,
  offerTtlMs: 10 * 60_000,
  offerCacheMs: 1_000,
  retryIntervalMs: 1_000,
  requestTimeoutMs: 10_000,
  maxClockSkewMs: 60_000
}

/** Hooks for metrics and logs. */
export interface HubMarketEvents {
  order?: (side: 'sell' | 'buy') => void
  /** a lease was formed; `ms` from the decision to the second signature, when measured in this process */
  leaseFormed?: (lease: LeaseRow, ms: number | undefined) => void
  round?: (fills: number) => void
}

export interface HubMarketInit {
  network: () => Network
  peerId: PeerId
  key: PrivateKey
  ledger: HubLedger
  peers: HubPeers
  directory: OfferDirectory
  members: MemberLink
  log: Logger
  now?: () => number
  /**
   * Called at named points of lease formation (tests use it to kill the process there, see
   * market/README.md); does nothing by default.
   */
  failpoint?: (name: string) => void
  options?: Partial<HubMarketOptions>
  events?: HubMarketEvents
}

export class HubContext {
  readonly network: () => Network
  readonly self: PeerId
  readonly selfId: string
  readonly key: PrivateKey
  readonly ledger: HubLedger
  readonly peers: HubPeers
  readonly directory: OfferDirectory
  readonly members: MemberLink
  readonly log: Logger
  readonly now: () => number
  readonly failpoint: (name: string) => void
  readonly options: HubMarketOptions
  readonly events: HubMarketEvents
  private readonly decoded = new Map<string, SignedOrderInfo>()

  constructor (init: HubMarketInit) {
    this.network = init.network
    this.self = init.peerId
    this.selfId = init.peerId.toString()
    this.key = init.key
    this.ledger = init.ledger
    this.peers = init.peers
    this.directory = init.directory
    this.members = init.members
    this.log = init.log
    this.now = init.now ?? Date.now
    this.failpoint = init.failpoint ?? (() => {})
    this.options = { ...DEFAULT_HUB_MARKET_OPTIONS, ...init.options }
    this.events = init.events ?? {}
  }

  get subnet (): string {
    return this.network().peer(this.self)?.subnet ?? ''
  }

  /** The subnet of a peer of the network ('' if unknown). */
  subnetOf (peer: string): string {
    return this.network().peer(peer)?.subnet ?? ''
  }

  /** An order from our own ledger (verified when it was stored), decoded once. */
  stored (signed: Uint8Array, id?: string): SignedOrderInfo {
    const hit = id == null ? undefined : this.decoded.get(id)
    if (hit != null) return hit
    const info = decodeStoredOrder(signed)
    if (this.decoded.size > 10_000) this.decoded.clear()
    this.decoded.set(info.id, info)
    return info
  }

  signal (): AbortSignal {
    return AbortSignal.timeout(this.options.requestTimeoutMs)
  }
}

/** A fresh lease / reservation id. */
export function newId (): string {
  return toHex(randomBytes(ID_LENGTH))
}
