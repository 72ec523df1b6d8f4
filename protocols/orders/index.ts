/**
 * `/shulian/orders/1.0.0`: members place, cancel and list orders at their own hub; hubs quote and
 * reserve each other's SELLs. See README.md for the wire spec.
 */
import { Orders as OrdersClass } from './orders.js'
import type { HubOrderState, QuoteEntry, ReserveRequest, ReserveResult } from '../../market/index.js'
import type { Network } from '../../topology/index.js'
import type { AbortOptions, ComponentLogger, PeerId } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'

export { PROTOCOL as ORDERS_PROTOCOL, MAX_MESSAGE_SIZE as ORDERS_MAX_MESSAGE_SIZE, MAX_IDS as ORDERS_MAX_IDS } from './constants.js'
export { STATUS_TEXT as ORDERS_STATUS_TEXT } from './errors.js'
export { OrdersRequest, OrdersResponse, OrderState as OrderStateMessage } from './pb/orders.js'

/** What a hub answers with (its market). Refusals throw a MarketError; its code becomes the status. */
export interface OrdersBackend {
  place: (caller: PeerId, order: Uint8Array) => Promise<{ order: HubOrderState, leases: Uint8Array[], duplicate: boolean }>
  cancel: (caller: PeerId, id: string) => Promise<HubOrderState> | HubOrderState
  list: (caller: PeerId, limit: number) => Promise<HubOrderState[]> | HubOrderState[]
  quote: (caller: PeerId, ids: string[]) => Promise<QuoteEntry[]> | QuoteEntry[]
  reserve: (caller: PeerId, request: ReserveRequest) => Promise<ReserveResult>
  release: (caller: PeerId, reservationId: string) => Promise<void> | void
}

/** The calls every node can make (a non-OK answer throws a MarketError with its status as code). */
export interface Orders {
  place: (hub: PeerId, order: Uint8Array, options?: AbortOptions) => Promise<{ order: HubOrderState, leases: Uint8Array[], duplicate: boolean }>
  cancel: (hub: PeerId, id: string, options?: AbortOptions) => Promise<HubOrderState>
  list: (hub: PeerId, options?: AbortOptions) => Promise<HubOrderState[]>
  quote: (hub: PeerId, ids: string[], options?: AbortOptions) => Promise<QuoteEntry[]>
  reserve: (hub: PeerId, request: ReserveRequest, options?: AbortOptions) => Promise<ReserveResult>
  release: (hub: PeerId, reservationId: string, options?: AbortOptions) => Promise<void>
}

export interface OrdersInit {
  network: () => Network
  /** hubs: the market that answers requests; without one the node only makes requests */
  backend?: () => OrdersBackend | undefined
  timeout?: number
  placeTimeout?: number
  maxInboundStreams?: number
  maxOutboundStreams?: number
}

export interface OrdersComponents {
  peerId: PeerId
  registrar: Pick<Registrar, 'handle' | 'unhandle'>
  connectionManager: Pick<ConnectionManager, 'openStream'>
  logger: ComponentLogger
}

/** The service factory, for `createLibp2p({ services: { orders: orders(init) } })`. */
export function orders (init: OrdersInit): (components: OrdersComponents) => Orders {
  return (components) => new OrdersClass(components, init)
}
