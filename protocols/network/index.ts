/**
 * `/shulian/network/1.0.0`: signed versions of the network definition pushed hub to hub and hub to
 * member, so a running network takes a new version without restarts. See README.md for the wire spec.
 */
import { NetworkSync } from './network-sync.js'
import type { NetworkSyncComponents, NetworkSyncInit } from './network-sync.js'

export { PROTOCOL as NETWORK_PROTOCOL, MAX_MESSAGE_SIZE as NETWORK_MAX_MESSAGE_SIZE } from './constants.js'
export { NetworkPushNotAllowedError, NetworkPushRefusedError } from './errors.js'
export { NetworkOffer, NetworkOfferResponse } from './pb/network.js'
export type { NetworkSync, NetworkSyncComponents, NetworkSyncInit, PushResult } from './network-sync.js'

/** The service factory, for `createLibp2p({ services: { network: networkSync(init) } })`. */
export function networkSync (init: NetworkSyncInit): (components: NetworkSyncComponents) => NetworkSync {
  return (components) => new NetworkSync(components, init)
}
