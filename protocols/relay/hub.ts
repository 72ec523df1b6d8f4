/**
 * The hub side of `/shulian/relay/1.0.0`: a member asks for a circuit (CONNECT), another hub carries
 * one to a member of ours (HOP). The hub checks who is asking, finds the target (its own member, or
 * through the target's route record and the target's hub), opens the onward stream, and splices the
 * two. It never looks into the bytes: the endpoints run Noise over them.
 */
import { RelayError, STATUS_TEXT } from './errors.js'
import { RelayRequest, RelayResponse, decodePeerId, encodePeerId, readRequest, request, respond } from './messages.js'
import { DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CIRCUITS, DEFAULT_MAX_CIRCUITS_PER_MEMBER, DEFAULT_MAX_IN_FLIGHT, MAX_ROUTE_LENGTH, PROTOCOL } from './constants.js'
import { splice } from './splice.js'
import type { Direction } from './splice.js'
import type { Network, RouteRecord } from '../../topology/index.js'
import type { ComponentLogger, Connection, Counter, Logger, Metrics, PeerId, Startable, Stream } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface HubRelayInit {
  network: () => Network
  /** the route record of a participant of another subnet, if one is published */
  findRoute: (peer: PeerId, options: { signal: AbortSignal }) => Promise<RouteRecord | undefined>
  /** the route to `peer` failed at its hub: a cached record should be looked up again next time */
  routeFailed?: (peer: PeerId) => void
  maxCircuits?: number
  maxCircuitsPerMember?: number
  maxInFlight?: number
  idleTimeout?: number
  handshakeTimeout?: number
  /** sees every chunk this hub forwards (diagnostics: audit that it is ciphertext) */
  tap?: (circuit: CircuitInfo, direction: Direction, data: Uint8Array | Uint8ArrayList) => void
}

export interface HubRelayComponents {
  peerId: PeerId
  registrar: Registrar
  connectionManager: ConnectionManager
  logger: ComponentLogger
  metrics?: Metrics
}

/** A circuit this hub is carrying, as `GET /status` shows it. */
export interface CircuitInfo {
  id: number
  source: string
  target: string
  route: string[]
  startedAt: number
  bytesForward: number
  bytesBackward: number
}

export class HubRelay implements Startable {
  private readonly components: HubRelayComponents
  private readonly init: Required<Omit<HubRelayInit, 'tap' | 'routeFailed'>> & Pick<HubRelayInit, 'tap' | 'routeFailed'>
  private readonly log: Logger
  private readonly active = new Map<number, CircuitInfo>()
  private readonly perMember = new Map<string, number>()
  private nextId = 1
  private pending = 0
  private shutdown = new AbortController()
  private readonly metrics?: { circuits: Counter, bytes: Counter, refused: Counter }

  constructor (components: HubRelayComponents, init: HubRelayInit) {
    this.components = components
    this.log = components.logger.forComponent('shulian:relay:hub')
    // a limit the node's config leaves out arrives as `undefined`: it must not replace the default
    this.init = {
      ...init,
      maxCircuits: init.maxCircuits ?? DEFAULT_MAX_CIRCUITS,
      maxCircuitsPerMember: init.maxCircuitsPerMember ?? DEFAULT_MAX_CIRCUITS_PER_MEMBER,
      maxInFlight: init.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
      idleTimeout: init.idleTimeout ?? DEFAULT_IDLE_TIMEOUT,
      handshakeTimeout: init.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT
    }
    const m = components.metrics
    if (m != null) {
      this.metrics = {
        circuits: m.registerCounter('shulian_relay_circuits_total', { help: 'circuits this hub opened' }),
        bytes: m.registerCounter('shulian_relay_bytes_total', { help: 'bytes this hub forwarded in circuits' }),
        refused: m.registerCounter('shulian_relay_refused_total', { help: 'relay requests this hub refused' })
      }
      m.registerMetric('shulian_relay_circuits_open', { help: 'circuits open now', calculate: () => this.active.size })
    }
  }

  readonly [Symbol.toStringTag] = 'shulian:relay:hub'

  async start (): Promise<void> {
    this.shutdown = new AbortController()
    await this.components.registrar.handle(PROTOCOL, (stream, connection) => { void this.onStream(stream, connection) }, {
      // circuits of many members share one hub-to-hub connection; our own limits apply per circuit
      maxInboundStreams: this.init.maxCircuits + 1,
      maxOutboundStreams: this.init.maxCircuits + 1
    })
  }

  async stop (): Promise<void> {
    this.shutdown.abort(new Error('hub stopping'))
    await this.components.registrar.unhandle(PROTOCOL)
  }

  /** Circuits being relayed now. */
  circuits (): CircuitInfo[] {
    return [...this.active.values()].map(c => ({ ...c }))
  }

  private async onStream (stream: Stream, connection: Connection): Promise<void> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.init.handshakeTimeout), this.shutdown.signal])
    let req: RelayRequest
    try {
      req = await readRequest(stream, signal)
    } catch (err: any) {
      this.log('unreadable relay request from %p: %e', connection.remotePeer, err)
      await this.refuse(stream, RelayResponse.Status.MALFORMED, `unreadable request: ${err.message}`, signal)
      return
    }
    // nothing may flow until the onward stream is open and spliced
    stream.pause()
    try {
      if (req.type === RelayRequest.Type.CONNECT) {
        await this.onConnect(stream, connection.remotePeer, req, signal)
      } else if (req.type === RelayRequest.Type.HOP) {
        await this.onHop(stream, connection.remotePeer, req, signal)
      } else {
        throw new RelayError(RelayResponse.Status.MALFORMED, `a hub takes CONNECT or HOP, not ${req.type}`)
      }
    } catch (err: any) {
      const status = err instanceof RelayError ? err.status : RelayResponse.Status.REFUSED
      this.log('relay request from %p refused: %s', connection.remotePeer, err.message)
      await this.refuse(stream, status, err instanceof RelayError ? err.detail : err.message, signal)
    }
  }

  private async refuse (stream: Stream, status: RelayResponse.Status, message: string, signal: AbortSignal): Promise<void> {
    this.metrics?.refused.increment()
    try {
      await respond(stream, status, message, [], signal)
      await stream.close({ signal })
    } catch (err: any) {
      stream.abort(err)
    }
  }

  /** A member of ours asks for a circuit to `target`. */
  private async onConnect (stream: Stream, caller: PeerId, req: RelayRequest, signal: AbortSignal): Promise<void> {
    const network = this.init.network()
    const self = this.components.peerId
    const me = network.peer(self)
    const from = network.peer(caller)
    if (from?.role !== 'participant' || from.subnet !== me?.subnet) {
      throw new RelayError(RelayResponse.Status.REFUSED, 'only members of this hub may open circuits through it')
    }
    const target = this.targetOf(req, caller, network)
    const route = [caller, self]
    let onward: { stream: Stream, route: PeerId[] }
    if (network.peer(target)?.subnet === me?.subnet) {
      onward = await this.withLimits(caller, target, () => this.handOver(target, caller, route, signal))
    } else {
      onward = await this.withLimits(caller, target, async () => {
        const record = await this.init.findRoute(target, { signal })
        if (record == null) {
          throw new RelayError(RelayResponse.Status.NO_ROUTE, `no hub publishes a valid route to ${target.toString()}`)
        }
        return this.hop(record, caller, target, route, signal)
      })
    }
    await this.open(stream, onward, caller, target, signal)
  }

  /** Another hub carries a circuit from one of its members to one of ours. */
  private async onHop (stream: Stream, caller: PeerId, req: RelayRequest, signal: AbortSignal): Promise<void> {
    const network = this.init.network()
    const callerHub = network.peer(caller)
    if (callerHub?.role !== 'hub') {
      throw new RelayError(RelayResponse.Status.REFUSED, 'HOP is for hubs only')
    }
    const source = decodePeerId(req.source)
    if (source == null || network.peer(source)?.role !== 'participant' || network.peer(source)?.subnet !== callerHub.subnet) {
      throw new RelayError(RelayResponse.Status.REFUSED, `the source must be a member of the calling hub's subnet "${callerHub.subnet}"`)
    }
    const target = this.targetOf(req, source, network)
    if (network.peer(target)?.subnet !== network.peer(this.components.peerId)?.subnet) {
      throw new RelayError(RelayResponse.Status.TARGET_UNKNOWN, `${target.toString()} is not a member of this hub`)
    }
    const route = req.route.map(decodePeerId)
    if (route.length === 0 || route.length > MAX_ROUTE_LENGTH - 2 || route.some(p => p == null)) {
      throw new RelayError(RelayResponse.Status.MALFORMED, 'bad route in HOP')
    }
    const onward = await this.withLimits(source, target, () => this.handOver(target, source, [...route as PeerId[], this.components.peerId], signal))
    await this.open(stream, onward, source, target, signal)
  }

  private targetOf (req: RelayRequest, source: PeerId, network: Network): PeerId {
    const target = decodePeerId(req.target)
    if (target == null) {
      throw new RelayError(RelayResponse.Status.MALFORMED, 'target is not a peer id')
    }
    const entry = network.peer(target)
    if (entry == null) {
      throw new RelayError(RelayResponse.Status.TARGET_UNKNOWN, `${target.toString()} is not a participant of network ${network.id}`)
    }
    if (entry.role !== 'participant' || target.equals(source)) {
      throw new RelayError(RelayResponse.Status.REFUSED, 'circuits go from one participant to another')
    }
    return target
  }

  /** STOP: hand the circuit to our member `target`, which must be connected to us. */
  private async handOver (target: PeerId, source: PeerId, route: PeerId[], signal: AbortSignal): Promise<{ stream: Stream, route: PeerId[] }> {
    const conn = this.components.connectionManager.getConnections(target).find(c => c.status === 'open')
    if (conn == null) {
      throw new RelayError(RelayResponse.Status.TARGET_OFFLINE, `${target.toString()} is not connected to its hub`)
    }
    let stream: Stream
    try {
      stream = await conn.newStream(PROTOCOL, { signal })
    } catch (err: any) {
      throw new RelayError(RelayResponse.Status.TARGET_OFFLINE, `${target.toString()} did not take the circuit: ${err.message}`)
    }
    try {
      const res = await request(stream, { type: RelayRequest.Type.STOP, target: encodePeerId(target), source: encodePeerId(source), route: route.map(encodePeerId) }, signal)
      return { stream: res.stream, route: [...route, target] }
    } catch (err: any) {
      stream.abort(err)
      throw err instanceof RelayError ? err : new RelayError(RelayResponse.Status.TARGET_OFFLINE, `${target.toString()} did not answer: ${err.message}`)
    }
  }

  /** HOP: carry the circuit to the target's hub, as its route record names it. */
  private async hop (record: RouteRecord, source: PeerId, target: PeerId, route: PeerId[], signal: AbortSignal): Promise<{ stream: Stream, route: PeerId[] }> {
    const hubName = this.init.network().peer(record.hub)?.name ?? record.hub.toString()
    let stream: Stream
    try {
      stream = await this.components.connectionManager.openStream(record.hub, PROTOCOL, { signal })
    } catch (err: any) {
      this.init.routeFailed?.(target)
      throw new RelayError(RelayResponse.Status.NO_ROUTE, `the target's hub ${hubName} is unreachable (${err.message})`)
    }
    try {
      return await request(stream, { type: RelayRequest.Type.HOP, target: encodePeerId(target), source: encodePeerId(source), route: route.map(encodePeerId) }, signal)
    } catch (err: any) {
      stream.abort(err)
      this.init.routeFailed?.(target)
      if (err instanceof RelayError) {
        throw new RelayError(err.status, `${hubName}: ${err.detail}`)
      }
      throw new RelayError(RelayResponse.Status.NO_ROUTE, `the target's hub ${hubName} did not answer (${err.message})`)
    }
  }

  /** Reserve circuit slots for both members for the duration of `open`, or refuse. */
  private async withLimits<T> (source: PeerId, target: PeerId, open: () => Promise<T>): Promise<T> {
    const keys = [source.toString(), target.toString()]
    if (this.active.size + this.pending >= this.init.maxCircuits) {
      throw new RelayError(RelayResponse.Status.LIMIT_REACHED, `this hub carries its maximum of ${this.init.maxCircuits} circuits`)
    }
    for (const k of keys) {
      if ((this.perMember.get(k) ?? 0) >= this.init.maxCircuitsPerMember) {
        throw new RelayError(RelayResponse.Status.LIMIT_REACHED, `${k} already has ${this.init.maxCircuitsPerMember} circuits through this hub`)
      }
    }
    for (const k of keys) this.perMember.set(k, (this.perMember.get(k) ?? 0) + 1)
    this.pending++
    try {
      return await open()
    } catch (err) {
      this.release(keys)
      throw err
    } finally {
      this.pending--
    }
  }

  private release (keys: string[]): void {
    for (const k of keys) {
      const n = (this.perMember.get(k) ?? 1) - 1
      if (n <= 0) this.perMember.delete(k)
      else this.perMember.set(k, n)
    }
  }

  /** Tell the caller the circuit is open, then splice until either side ends. */
  private async open (stream: Stream, onward: { stream: Stream, route: PeerId[] }, source: PeerId, target: PeerId, signal: AbortSignal): Promise<void> {
    const info: CircuitInfo = {
      id: this.nextId++,
      source: source.toString(),
      target: target.toString(),
      route: onward.route.map(String),
      startedAt: Date.now(),
      bytesForward: 0,
      bytesBackward: 0
    }
    let inbound: Stream
    try {
      inbound = await respond(stream, RelayResponse.Status.OK, STATUS_TEXT[RelayResponse.Status.OK], onward.route, signal)
    } catch (err: any) {
      onward.stream.abort(err)
      stream.abort(err)
      this.release([info.source, info.target])
      return
    }
    this.active.set(info.id, info)
    this.metrics?.circuits.increment()
    this.log('circuit %d open: %s', info.id, info.route.join(' → '))
    const err = await splice(inbound, onward.stream, {
      maxInFlight: this.init.maxInFlight,
      idleTimeout: this.init.idleTimeout,
      signal: this.shutdown.signal,
      log: (fmt, ...args) => { this.log(`circuit %d: ${fmt}`, info.id, ...args) },
      onData: (direction, data) => {
        if (direction === 'forward') info.bytesForward += data.byteLength
        else info.bytesBackward += data.byteLength
        this.metrics?.bytes.increment(data.byteLength)
        this.init.tap?.(info, direction, data)
      }
    })
    this.active.delete(info.id)
    this.release([info.source, info.target])
    this.log('circuit %d closed after %d/%d bytes%s', info.id, info.bytesForward, info.bytesBackward, err != null ? `: ${err.message}` : '')
  }
}
