/**
 * The participant side of `/shulian/relay/1.0.0`, as a libp2p transport: dialing
 * `/p2p/<own hub>/p2p-circuit/p2p/<target>` asks the hub for a circuit (CONNECT) and upgrades the
 * relayed stream with Noise + yamux end to end; a circuit handed over by the hub (STOP) is upgraded
 * as an inbound connection. Either way the result is an ordinary libp2p `Connection` between the two
 * participants, authenticated by their own keys, that the hubs carry but cannot read.
 */
import { serviceCapabilities, transportSymbol } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { DEFAULT_HANDSHAKE_TIMEOUT, PROTOCOL } from './constants.js'
import { RelayError } from './errors.js'
import { RelayRequest, RelayResponse, decodePeerId, encodePeerId, readRequest, request, respond } from './messages.js'
import { streamToMaConnection } from './stream-to-conn.js'
import type { Network } from '../../topology/index.js'
import type { ComponentLogger, Connection, CreateListenerOptions, DialTransportOptions, Listener, Logger, PeerId, Startable, Stream, Transport, Upgrader } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import type { Multiaddr } from '@multiformats/multiaddr'
import { TypedEventEmitter } from 'main-event'

export interface CircuitTransportInit {
  network: () => Network
  /** circuits a participant accepts at once */
  maxInboundCircuits?: number
  handshakeTimeout?: number
}

export interface CircuitTransportComponents {
  peerId: PeerId
  registrar: Registrar
  upgrader: Upgrader
  connectionManager: ConnectionManager
  logger: ComponentLogger
}

/** `/p2p/<hub>/p2p-circuit/p2p/<target>` */
export function circuitAddr (hub: PeerId | string, target: PeerId | string): Multiaddr {
  return multiaddr(`/p2p/${hub.toString()}/p2p-circuit/p2p/${target.toString()}`)
}

function parseCircuit (ma: Multiaddr): { hub: PeerId, target: PeerId } | undefined {
  const parts = ma.getComponents()
  const i = parts.findIndex(c => c.name === 'p2p-circuit')
  const hub = parts.slice(0, i).findLast(c => c.name === 'p2p')?.value
  const target = parts.slice(i + 1).find(c => c.name === 'p2p')?.value
  if (i < 0 || hub == null || target == null) {
    return undefined
  }
  try {
    return { hub: peerIdFromString(hub), target: peerIdFromString(target) }
  } catch {
    return undefined
  }
}

class NoListener extends TypedEventEmitter<any> implements Listener {
  async listen (): Promise<void> {}
  getAddrs (): Multiaddr[] { return [] }
  updateAnnounceAddrs (): void {}
  async close (): Promise<void> {}
}

export class CircuitTransport implements Transport, Startable {
  private readonly components: CircuitTransportComponents
  private readonly init: Required<CircuitTransportInit>
  private readonly log: Logger
  private readonly routes = new Map<string, string[]>()
  private shutdown = new AbortController()

  constructor (components: CircuitTransportComponents, init: CircuitTransportInit) {
    this.components = components
    this.init = { maxInboundCircuits: 32, handshakeTimeout: DEFAULT_HANDSHAKE_TIMEOUT, ...init }
    this.log = components.logger.forComponent('shulian:relay:transport')
  }

  readonly [Symbol.toStringTag] = 'shulian:relay:transport'
  readonly [transportSymbol] = true
  readonly [serviceCapabilities] = ['@libp2p/transport']

  async start (): Promise<void> {
    this.shutdown = new AbortController()
    await this.components.registrar.handle(PROTOCOL, (stream, connection) => { void this.onStop(stream, connection) }, {
      maxInboundStreams: this.init.maxInboundCircuits,
      maxOutboundStreams: this.init.maxInboundCircuits
    })
  }

  async stop (): Promise<void> {
    this.shutdown.abort()
    await this.components.registrar.unhandle(PROTOCOL)
  }

  /** The route (peer ids, this node first) of the relayed connection with `peer`, if there is one. */
  routeTo (peer: PeerId | string): string[] | undefined {
    return this.routes.get(peer.toString())
  }

  private hub (): PeerId {
    const hub = this.init.network().hubOf(this.components.peerId)
    if (hub == null) {
      throw new RelayError(RelayResponse.Status.REFUSED, 'this node is not a participant of the network')
    }
    return hub.peerId
  }

  async dial (ma: Multiaddr, options: DialTransportOptions): Promise<Connection> {
    const circuit = parseCircuit(ma)
    if (circuit == null) {
      throw new RelayError(RelayResponse.Status.MALFORMED, `${ma.toString()} is not /p2p/<hub>/p2p-circuit/p2p/<target>`)
    }
    const hub = this.hub()
    if (!circuit.hub.equals(hub)) {
      throw new RelayError(RelayResponse.Status.REFUSED, `circuits go through this participant's own hub ${hub.toString()}, not ${circuit.hub.toString()}`)
    }
    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(this.init.handshakeTimeout * 3)])
    const stream = await this.components.connectionManager.openStream(hub, PROTOCOL, { signal })
    let relayed: { stream: Stream, route: PeerId[] }
    try {
      relayed = await request(stream, { type: RelayRequest.Type.CONNECT, target: encodePeerId(circuit.target) }, signal)
    } catch (err: any) {
      stream.abort(err)
      throw err
    }
    const maConn = streamToMaConnection({
      stream: relayed.stream,
      remoteAddr: ma,
      localAddr: circuitAddr(hub, this.components.peerId),
      log: this.log.newScope('conn')
    })
    try {
      const conn = await this.components.upgrader.upgradeOutbound(maConn, { ...options, signal })
      this.routes.set(circuit.target.toString(), relayed.route.map(String))
      conn.addEventListener('close', () => { this.routes.delete(circuit.target.toString()) }, { once: true })
      return conn
    } catch (err: any) {
      maConn.abort(err)
      throw err
    }
  }

  /** Our hub hands us a circuit. */
  private async onStop (stream: Stream, connection: Connection): Promise<void> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.init.handshakeTimeout), this.shutdown.signal])
    let accepted: { raw: Stream, hub: PeerId, source: PeerId, route: string[] }
    try {
      accepted = await this.acceptStop(stream, connection, signal)
    } catch (err: any) {
      this.log('inbound circuit via %p refused: %e', connection.remotePeer, err)
      const status = err instanceof RelayError ? err.status : RelayResponse.Status.REFUSED
      await respond(stream, status, err instanceof RelayError ? err.detail : err.message, [], signal).then(async () => stream.close({ signal }), () => { stream.abort(err) })
      return
    }
    const { raw, hub, source, route } = accepted
    const maConn = streamToMaConnection({
      stream: raw,
      // the gater checks that the peer Noise authenticates is this very source
      remoteAddr: circuitAddr(hub, source),
      localAddr: circuitAddr(hub, this.components.peerId),
      log: this.log.newScope('conn')
    })
    this.routes.set(source.toString(), route)
    try {
      await this.components.upgrader.upgradeInbound(maConn, { signal: this.components.upgrader.createInboundAbortSignal(this.shutdown.signal) })
    } catch (err: any) {
      this.routes.delete(source.toString())
      this.log('inbound circuit from %p failed to upgrade: %e', source, err)
      maConn.abort(err)
    }
  }

  private async acceptStop (stream: Stream, connection: Connection, signal: AbortSignal): Promise<{ raw: Stream, hub: PeerId, source: PeerId, route: string[] }> {
    const hub = this.hub()
    if (!connection.remotePeer.equals(hub)) {
      throw new RelayError(RelayResponse.Status.REFUSED, 'circuits arrive from this participant\'s own hub only')
    }
    const req = await readRequest(stream, signal)
    const source = decodePeerId(req.source)
    if (req.type !== RelayRequest.Type.STOP || source == null) {
      throw new RelayError(RelayResponse.Status.MALFORMED, 'expected STOP with a source')
    }
    if (this.init.network().peer(source)?.role !== 'participant' || source.equals(this.components.peerId)) {
      throw new RelayError(RelayResponse.Status.REFUSED, `${source.toString()} is not another participant of the network`)
    }
    // the route as seen from here: this node first, the source last
    const route = [...req.route.map(p => decodePeerId(p)?.toString() ?? '?'), this.components.peerId.toString()].reverse()
    const raw = await respond(stream, RelayResponse.Status.OK, 'ok', [], signal)
    return { raw, hub, source, route }
  }

  createListener (_options: CreateListenerOptions): Listener {
    return new NoListener()
  }

  listenFilter = (): Multiaddr[] => []

  dialFilter = (mas: Multiaddr[]): Multiaddr[] => mas.filter(ma => parseCircuit(ma) != null)
}
