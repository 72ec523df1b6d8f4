/**
 * `/shulian/lease/1.0.0`: the renter's hub proposes a lease and the lessor's hub countersigns it;
 * hubs confirm and end leases between them and deliver them to their members. See README.md.
 */
import { Lease as LeaseClass } from './lease.js'
import type { LeaseStatus } from '../../market/index.js'
import type { Network } from '../../topology/index.js'
import type { AbortOptions, ComponentLogger, PeerId } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'

export { PROTOCOL as LEASE_PROTOCOL, MAX_MESSAGE_SIZE as LEASE_MAX_MESSAGE_SIZE } from './constants.js'
export { STATUS_TEXT as LEASE_STATUS_TEXT } from './errors.js'
export { LeaseRequest, LeaseResponse } from './pb/lease.js'

/** A hub's answers (its market). Refusals throw a MarketError. */
export interface LeaseHubBackend {
  /** countersign; resolves to the lessor's hub signature */
  propose: (caller: PeerId, lease: Uint8Array) => Promise<Uint8Array>
  confirm: (caller: PeerId, id: string) => Promise<void> | void
  /** the lease's other hub ended it */
  endByHub: (caller: PeerId, id: string, endedAt: number) => Promise<number> | number
  /** a member ends its lease; resolves to when it ended */
  endByMember: (caller: PeerId, id: string) => Promise<number>
}

/** A participant's answer to its hub's deliveries. */
export interface LeaseMemberBackend {
  deliver: (lease: Uint8Array, status: LeaseStatus, endedAt: number | null) => Promise<void>
}

export interface Lease {
  propose: (hub: PeerId, lease: Uint8Array, options?: AbortOptions) => Promise<Uint8Array>
  confirm: (hub: PeerId, id: string, options?: AbortOptions) => Promise<void>
  /** to the lease's other hub (with `endedAt`), or to one's own hub (a member: without) */
  end: (peer: PeerId, id: string, endedAt?: number, options?: AbortOptions) => Promise<number>
  deliver: (member: PeerId, lease: Uint8Array, state: { status: LeaseStatus, endedAt: number | null }, options?: AbortOptions) => Promise<void>
}

export interface LeaseInit {
  network: () => Network
  /** hubs */
  hub?: () => LeaseHubBackend | undefined
  /** participants */
  member?: () => LeaseMemberBackend | undefined
  timeout?: number
  maxInboundStreams?: number
  maxOutboundStreams?: number
}

export interface LeaseComponents {
  peerId: PeerId
  registrar: Pick<Registrar, 'handle' | 'unhandle'>
  connectionManager: Pick<ConnectionManager, 'openStream'>
  logger: ComponentLogger
}

/** The service factory, for `createLibp2p({ services: { lease: lease(init) } })`. */
export function lease (init: LeaseInit): (components: LeaseComponents) => Lease {
  return (components) => new LeaseClass(components, init)
}
