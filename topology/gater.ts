/**
 * The connection gater that enforces the topology of DESIGN §1 on every node, at every checkpoint
 * libp2p offers: a participant talks directly to its own hub only; a hub talks to the other hubs and
 * to its own subnet's members only. Peer ids are checked after the Noise handshake
 * (`deny*EncryptedConnection`), where they are authenticated, not only at dial time.
 *
 * The one participant-to-participant connection allowed is an end-to-end connection carried inside
 * a hub circuit (its remote address contains `/p2p-circuit`, which a direct TCP connection cannot
 * claim because its address comes from the socket). That is enabled by `relayed: true`.
 */
import type { Network, Role } from './network.js'
import type { ConnectionGater, MultiaddrConnection, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface GaterInit {
  /** this node */
  self: PeerId
  role: Role
  subnet: string
  /** the current network definition (a function, so a newer signed version can replace it) */
  network: () => Network
  /** allow participant-to-participant connections carried in a hub circuit (default false) */
  relayed?: boolean
}

/** True when the address is a relayed one (`.../p2p-circuit/...`). */
export function isCircuitAddr (addr: Multiaddr): boolean {
  return addr.getComponents().some(c => c.name === 'p2p-circuit')
}

function targetOf (addr: Multiaddr): string | undefined {
  const comps = addr.getComponents()
  for (let i = comps.length - 1; i >= 0; i--) {
    const c = comps[i]
    if (c?.name === 'p2p') {
      return c.value
    }
  }
  return undefined
}

/**
 * Decide whether this node may have a connection with `peer`, and how it is carried.
 * Pure; the gater below calls it at each checkpoint.
 */
export function allowedPeer (init: GaterInit, peer: PeerId | string, relayed: boolean): boolean {
  const id = peer.toString()
  if (id === init.self.toString()) {
    return false
  }
  const net = init.network()
  const entry = net.peer(id)
  if (entry == null) {
    return false
  }
  if (init.role === 'hub') {
    // hubs never use circuits themselves; they relay them
    return !relayed && (entry.role === 'hub' || entry.subnet === init.subnet)
  }
  if (relayed) {
    return init.relayed === true && entry.role === 'participant'
  }
  return entry.role === 'hub' && entry.subnet === init.subnet
}

export function createGater (init: GaterInit): ConnectionGater {
  const byConn = (peerId: PeerId, maConn: MultiaddrConnection): boolean => {
    const relayed = isCircuitAddr(maConn.remoteAddr)
    // a circuit is announced by the hub as coming from a given participant; Noise must agree
    if (relayed && targetOf(maConn.remoteAddr) !== peerId.toString()) {
      return true
    }
    return !allowedPeer(init, peerId, relayed)
  }

  return {
    denyDialPeer: (peerId) => {
      // a dial by peer id may still be carried by a circuit; the encrypted-connection check below
      // decides on the way it is actually carried
      return !allowedPeer(init, peerId, false) && !allowedPeer(init, peerId, true)
    },
    denyDialMultiaddr: (addr) => {
      const target = targetOf(addr)
      const relayed = isCircuitAddr(addr)
      if (target === undefined) {
        // no peer id to judge yet (e.g. a bare address): allowed to dial, judged after Noise
        return relayed && init.role === 'hub'
      }
      return !allowedPeer(init, target, relayed)
    },
    denyOutboundConnection: byConn,
    denyInboundEncryptedConnection: byConn,
    denyOutboundEncryptedConnection: byConn,
    denyInboundUpgradedConnection: byConn,
    denyOutboundUpgradedConnection: byConn,
    // keep in the peer store only addresses this node may dial: a participant learns another's
    // TCP addresses through identify over a circuit, and a stored direct address would keep the
    // dialer from routing through the hub
    filterMultiaddrForPeer: (peer, addr) => allowedPeer(init, peer, isCircuitAddr(addr)),
    // shulian does not use circuit-relay-v2 reservations; refuse them outright
    denyInboundRelayReservation: () => true,
    denyOutboundRelayedConnection: () => true
  }
}
