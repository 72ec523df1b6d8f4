/**
 * `/shulian/network/1.0.0`: hubs push signed versions of the network definition to each other and
 * to their members, so that a version the authority signs reaches every node of a running network
 * without restarting any. A hub pushes its version to every hub and own member when it connects to
 * them and after it adopts a newer one; whoever receives a newer valid version adopts it and (if a
 * hub) pushes it on. Participants only receive, from their own hub.
 */
import { pbStream } from '@libp2p/utils'
import { fromSigned, isCircuitAddr, toSigned } from '../../topology/index.js'
import { DEFAULT_RETRIES, DEFAULT_RETRY_DELAY, DEFAULT_TIMEOUT, MAX_INBOUND_STREAMS, MAX_MESSAGE_SIZE, MAX_OUTBOUND_STREAMS, MAX_RESPONSE_SIZE, PROTOCOL } from './constants.js'
import { NetworkPushNotAllowedError, NetworkPushRefusedError } from './errors.js'
import { NetworkOffer, NetworkOfferResponse } from './pb/network.js'
import type { Network, NetworkUpdateError } from '../../topology/index.js'
import type { AbortOptions, ComponentLogger, Connection, Counter, Libp2pEvents, Logger, Metrics, PeerId, Startable, Stream, TypedEventTarget } from '@libp2p/interface'
import type { ConnectionManager, Registrar } from '@libp2p/interface-internal'

export interface NetworkSyncInit {
  role: 'hub' | 'participant'
  /** the definition this node runs with now */
  network: () => Network
  /**
   * Take a decoded definition that `from` offered: adopt it, or throw a `NetworkUpdateError`
   * saying why not (`CURRENT` and `OLDER` are answered as such, every other code as INVALID).
   */
  offer: (offered: Network, from: PeerId) => Promise<void>
  timeout?: number
  retries?: number
  retryDelay?: number
}

export interface NetworkSyncComponents {
  peerId: PeerId
  registrar: Registrar
  connectionManager: ConnectionManager
  events: TypedEventTarget<Libp2pEvents>
  logger: ComponentLogger
  metrics?: Metrics
}

/** How one push went, as `announce` reports it. */
export interface PushResult {
  peer: string
  status: keyof typeof NetworkOfferResponse.Status | 'FAILED'
  version?: number
  message?: string
}

const STATUS_OF: Record<string, NetworkOfferResponse.Status> = {
  CURRENT: NetworkOfferResponse.Status.CURRENT,
  OLDER: NetworkOfferResponse.Status.OLDER
}

export class NetworkSync implements Startable {
  private readonly components: NetworkSyncComponents
  private readonly init: Required<NetworkSyncInit>
  private readonly log: Logger
  private readonly shutdown = new AbortController()
  private readonly metrics?: { offers: Counter, refused: Counter }
  private started = false

  constructor (components: NetworkSyncComponents, init: NetworkSyncInit) {
    this.components = components
    this.init = { timeout: DEFAULT_TIMEOUT, retries: DEFAULT_RETRIES, retryDelay: DEFAULT_RETRY_DELAY, ...init }
    this.log = components.logger.forComponent('shulian:network')
    const m = components.metrics
    if (m != null) {
      m.registerMetric('shulian_network_version', { help: 'version of the network definition this node runs with', calculate: () => this.init.network().version })
      this.metrics = {
        offers: m.registerCounter('shulian_network_offers_total', { help: 'network definitions offered to this node' }),
        refused: m.registerCounter('shulian_network_offers_refused_total', { help: 'offered network definitions this node refused as invalid or not allowed' })
      }
    }
  }

  readonly [Symbol.toStringTag] = 'shulian:network'

  async start (): Promise<void> {
    await this.components.registrar.handle(PROTOCOL, (stream, connection) => { void this.onStream(stream, connection) }, {
      maxInboundStreams: MAX_INBOUND_STREAMS,
      maxOutboundStreams: MAX_OUTBOUND_STREAMS
    })
    if (this.init.role === 'hub') {
      this.components.events.addEventListener('peer:connect', this.onConnect)
    }
    this.started = true
  }

  async stop (): Promise<void> {
    this.started = false
    this.shutdown.abort(new Error('node stopping'))
    this.components.events.removeEventListener('peer:connect', this.onConnect)
    await this.components.registrar.unhandle(PROTOCOL)
  }

  isStarted (): boolean {
    return this.started
  }

  /** Who may push to this node: a hub takes pushes from hubs, a participant from its own hub only. */
  private mayPush (from: PeerId, connection: Connection): boolean {
    const network = this.init.network()
    const entry = network.peer(from)
    if (entry?.role !== 'hub' || isCircuitAddr(connection.remoteAddr)) {
      return false
    }
    return this.init.role === 'hub' || network.hubOf(this.components.peerId)?.peerId.equals(from) === true
  }

  /** Peers this hub pushes to: every connected hub and own member (directly connected). */
  private audience (): PeerId[] {
    const network = this.init.network()
    const self = network.peer(this.components.peerId)
    const seen = new Set<string>()
    const out: PeerId[] = []
    for (const c of this.components.connectionManager.getConnections()) {
      const entry = network.peer(c.remotePeer)
      const key = c.remotePeer.toString()
      if (entry == null || seen.has(key) || isCircuitAddr(c.remoteAddr)) continue
      if (entry.role === 'hub' || entry.subnet === self?.subnet) {
        seen.add(key)
        out.push(c.remotePeer)
      }
    }
    return out
  }

  private readonly onConnect = (evt: CustomEvent<PeerId>): void => {
    const network = this.init.network()
    const entry = network.peer(evt.detail)
    if (entry != null && (entry.role === 'hub' || entry.subnet === network.peer(this.components.peerId)?.subnet)) {
      void this.pushWithRetry(evt.detail)
    }
  }

  /** Receiver side: one offer, one response. */
  private async onStream (stream: Stream, connection: Connection): Promise<void> {
    const from = connection.remotePeer
    const signal = AbortSignal.any([AbortSignal.timeout(this.init.timeout), this.shutdown.signal])
    this.metrics?.offers.increment()
    const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE, maxBufferSize: MAX_MESSAGE_SIZE + 16 })
    const respond = async (status: NetworkOfferResponse.Status, message: string): Promise<void> => {
      await pb.write({ status, version: BigInt(this.init.network().version), message: oneLine(message) }, NetworkOfferResponse, { signal })
      await stream.close({ signal })
    }
    try {
      if (!this.mayPush(from, connection)) {
        // refused before reading: nobody else gets to make this node parse megabytes
        this.metrics?.refused.increment()
        const why = new NetworkPushNotAllowedError(this.init.role === 'hub' ? 'only hubs of the network push definitions to a hub' : "only this participant's own hub pushes definitions to it")
        this.log('push from %p not allowed: %s', from, why.message)
        await respond(NetworkOfferResponse.Status.NOT_ALLOWED, why.message)
        return
      }
      const offer = await pb.read(NetworkOffer, { signal })
      try {
        const offered = fromSigned(offer, `network definition from ${from.toString()}`)
        await this.init.offer(offered, from)
      } catch (e: any) {
        const code = (e as Partial<NetworkUpdateError>).code
        if (e?.name !== 'NetworkUpdateError' || code == null) throw e
        const status = STATUS_OF[code] ?? NetworkOfferResponse.Status.INVALID
        if (status === NetworkOfferResponse.Status.INVALID) this.metrics?.refused.increment()
        await respond(status, e.message)
        return
      }
      await respond(NetworkOfferResponse.Status.ACCEPTED, `now running version ${this.init.network().version}`)
      if (this.init.role === 'hub') {
        void this.announce({ except: from })
      }
    } catch (e: any) {
      this.log('offer from %p failed: %e', from, e)
      stream.abort(e)
    }
  }

  /** Pusher side: offer this node's version to `peer`. Resolves with the peer's answer. */
  async push (peer: PeerId, options: AbortOptions = {}): Promise<{ status: NetworkOfferResponse.Status, version: number, message: string }> {
    const network = this.init.network()
    const signal = AbortSignal.any([AbortSignal.timeout(this.init.timeout), this.shutdown.signal, ...(options.signal == null ? [] : [options.signal])])
    const stream = await this.components.connectionManager.openStream(peer, PROTOCOL, { signal })
    try {
      // the limit is on what this side reads: the response, which is small
      const pb = pbStream(stream, { maxDataLength: MAX_RESPONSE_SIZE })
      await pb.write(toSigned(network), NetworkOffer, { signal })
      const res = await pb.read(NetworkOfferResponse, { signal })
      await stream.close({ signal })
      const version = Number(res.version)
      if (res.status !== NetworkOfferResponse.Status.ACCEPTED && res.status !== NetworkOfferResponse.Status.CURRENT && res.status !== NetworkOfferResponse.Status.OLDER) {
        throw new NetworkPushRefusedError(res.status === NetworkOfferResponse.Status.STATUS_UNSET ? NetworkOfferResponse.Status.INVALID : res.status, version, oneLine(res.message))
      }
      return { status: res.status, version, message: oneLine(res.message) }
    } catch (e: any) {
      stream.abort(e)
      throw e
    }
  }

  /**
   * Push this node's version to every connected hub and own member (but `except`), a hub's duty
   * after it adopts a version. Each push is tried again a few times if it fails in transit.
   */
  async announce (options: { except?: PeerId } = {}): Promise<PushResult[]> {
    if (this.init.role !== 'hub' || this.init.network().signature == null) {
      return []
    }
    const peers = this.audience().filter(p => options.except == null || !p.equals(options.except))
    return Promise.all(peers.map(async p => this.pushWithRetry(p)))
  }

  private async pushWithRetry (peer: PeerId): Promise<PushResult> {
    const key = peer.toString()
    if (this.init.network().signature == null) {
      return { peer: key, status: 'FAILED', message: 'this node runs an unsigned definition; there is nothing to push' }
    }
    let delay = this.init.retryDelay
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.push(peer)
        this.log('pushed version %d to %p: %s (it runs %d)', this.init.network().version, peer, NetworkOfferResponse.Status[r.status], r.version)
        return { peer: key, status: NetworkOfferResponse.Status[r.status] as PushResult['status'], version: r.version, message: r.message }
      } catch (e: any) {
        if (e instanceof NetworkPushRefusedError) {
          this.log('%p refused version %d: %s', peer, this.init.network().version, e.message)
          return { peer: key, status: NetworkOfferResponse.Status[e.status] as PushResult['status'], version: e.version, message: e.message }
        }
        const connected = this.components.connectionManager.getConnections(peer).length > 0
        if (attempt >= this.init.retries || !connected || this.shutdown.signal.aborted) {
          this.log('pushing version %d to %p failed: %e', this.init.network().version, peer, e)
          return { peer: key, status: 'FAILED', message: oneLine(e.message ?? String(e)) }
        }
        await new Promise(resolve => setTimeout(resolve, delay))
        delay *= 2
      }
    }
  }
}

function oneLine (s: string): string {
  return s.replace(/[\r\n]+/g, ' ').slice(0, 512)
}
