/**
 * Peer routing for participants: every other participant of the network is reached through this
 * node's own hub, so a participant dials another by peer id alone and libp2p finds the circuit
 * address here.
 */
import { NotFoundError, peerRoutingSymbol } from '@libp2p/interface'
import { circuitAddr } from './transport.js'
import type { Network } from '../../topology/index.js'
import type { PeerId, PeerInfo, PeerRouting } from '@libp2p/interface'

export interface HubRoutingComponents {
  peerId: PeerId
}

export class HubRouting implements PeerRouting {
  private readonly components: HubRoutingComponents
  private readonly network: () => Network

  constructor (components: HubRoutingComponents, network: () => Network) {
    this.components = components
    this.network = network
  }

  readonly [Symbol.toStringTag] = 'shulian:relay:routing'
  readonly [peerRoutingSymbol] = this

  async findPeer (peer: PeerId): Promise<PeerInfo> {
    const net = this.network()
    const hub = net.hubOf(this.components.peerId)
    const entry = net.peer(peer)
    if (hub == null || entry?.role !== 'participant' || peer.equals(this.components.peerId)) {
      throw new NotFoundError(`${peer.toString()} is not another participant of network ${net.id}`)
    }
    return { id: peer, multiaddrs: [circuitAddr(hub.peerId, peer)] }
  }

  async * getClosestPeers (): AsyncGenerator<PeerInfo> {}
}
