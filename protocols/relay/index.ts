/**
 * `/shulian/relay/1.0.0`: participants reach each other only through hubs, over circuits the hubs
 * cannot read. See README.md for the wire spec.
 */
import { HubRelay } from './hub.js'
import { HubRouting } from './routing.js'
import { CircuitTransport } from './transport.js'
import type { HubRelayComponents, HubRelayInit } from './hub.js'
import type { HubRoutingComponents } from './routing.js'
import type { CircuitTransportComponents, CircuitTransportInit } from './transport.js'
import type { Network } from '../../topology/index.js'

export { PROTOCOL, MAX_MESSAGE_SIZE, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CIRCUITS, DEFAULT_MAX_CIRCUITS_PER_MEMBER, DEFAULT_MAX_IN_FLIGHT } from './constants.js'
export { RelayError, STATUS_TEXT } from './errors.js'
export { RelayRequest, RelayResponse } from './pb/relay.js'
export { circuitAddr } from './transport.js'
export { splice } from './splice.js'
export type { HubRelay, CircuitInfo, HubRelayInit } from './hub.js'
export type { CircuitTransport, CircuitTransportInit } from './transport.js'

/** The hub side: a libp2p service. */
export function hubRelay (init: HubRelayInit): (components: HubRelayComponents) => HubRelay {
  return (components) => new HubRelay(components, init)
}

/** The participant side: a libp2p transport for `/p2p/<hub>/p2p-circuit/p2p/<target>`. */
export function circuitTransport (init: CircuitTransportInit, onCreate?: (t: CircuitTransport) => void): (components: CircuitTransportComponents) => CircuitTransport {
  return (components) => {
    const t = new CircuitTransport(components, init)
    onCreate?.(t)
    return t
  }
}

/** Peer routing for participants: every other participant is reached through the own hub. */
export function hubRouting (network: () => Network): (components: HubRoutingComponents) => HubRouting {
  return (components) => new HubRouting(components, network)
}
