/**
 * Route records on a hub: publish "member X is served by me" in the hub-tier DHT for every member
 * connected to this hub (on connect, when another hub joins, and before expiry), and find the route
 * record of another subnet's participant when a member asks for a circuit to it.
 */
import { logger } from '@libp2p/logger'
import { routeKey, signRouteRecord, verifyRouteRecord } from '../topology/index.js'
import type { NodeConfig } from './config.js'
import type { ShulianLibp2p } from './create-libp2p.js'
import type { RouteRecord } from '../topology/index.js'
import type { PeerId } from '@libp2p/interface'
import type { KadDHT } from '@libp2p/kad-dht'

/** How long a route record is valid. */
export const DEFAULT_ROUTE_TTL = 60 * 60 * 1000
/** Time allowed for one DHT put or get. */
const DHT_TIMEOUT = 10_000

export class Routes {
  private readonly config: NodeConfig
  private readonly ttl: number
  private readonly log = logger('shulian:routes')
  private readonly cache = new Map<string, RouteRecord>()
  private node?: ShulianLibp2p
  private timer?: ReturnType<typeof setInterval>
  private seq = 0n

  constructor (config: NodeConfig, ttl = DEFAULT_ROUTE_TTL) {
    this.config = config
    this.ttl = ttl
  }

  private get dht (): KadDHT {
    const dht = this.node?.services.dht
    if (dht == null) throw new Error('route records need the hub-tier DHT')
    return dht
  }

  start (node: ShulianLibp2p): void {
    this.node = node
    node.addEventListener('peer:connect', this.onConnect)
    this.timer = setInterval(() => { void this.publishAll() }, Math.max(1000, Math.floor(this.ttl / 3)))
    void this.publishAll()
  }

  stop (): void {
    this.node?.removeEventListener('peer:connect', this.onConnect)
    clearInterval(this.timer)
  }

  private readonly onConnect = (evt: CustomEvent<PeerId>): void => {
    const entry = this.config.network.peer(evt.detail)
    if (entry?.role === 'participant' && entry.subnet === this.config.subnet) {
      void this.publish(evt.detail)
    } else if (entry?.role === 'hub') {
      // a hub that (re)joins may hold none of our records yet
      void this.publishAll()
    }
  }

  /** Publish the route of every member connected now. */
  async publishAll (): Promise<void> {
    const members = this.config.network.subnet(this.config.subnet)?.members ?? []
    for (const m of members) {
      if ((this.node?.getConnections(m.peerId).length ?? 0) > 0) {
        await this.publish(m.peerId)
      }
    }
  }

  async publish (member: PeerId): Promise<void> {
    const node = this.node
    if (node == null) return
    // unique and increasing even across restarts of this hub
    const seq = BigInt(Date.now()) * 1000n + (this.seq++ % 1000n)
    const record: RouteRecord = { peer: member, hub: node.peerId, addrs: node.getMultiaddrs().map(a => a.decapsulateCode(421)), seq, expires: Date.now() + this.ttl }
    try {
      const value = await signRouteRecord(record, this.config.privateKey)
      for await (const _ of this.dht.put(routeKey(member), value, { signal: AbortSignal.timeout(DHT_TIMEOUT) })) {}
      this.log('published route for %p', member)
    } catch (err: any) {
      this.log('publishing the route for %p: %e', member, err)
    }
  }

  /** The valid route record of `peer`, from the cache or the DHT. */
  async find (peer: PeerId, options: { signal: AbortSignal }): Promise<RouteRecord | undefined> {
    const cached = this.cache.get(peer.toString())
    if (cached != null && cached.expires > Date.now()) {
      return cached
    }
    let best: RouteRecord | undefined
    try {
      for await (const event of this.dht.get(routeKey(peer), { signal: AbortSignal.any([options.signal, AbortSignal.timeout(DHT_TIMEOUT)]) })) {
        if (event.name === 'VALUE') {
          const rec = await verifyRouteRecord(event.value, this.config.network, { key: routeKey(peer) }).catch(() => undefined)
          if (rec != null && (best == null || rec.seq > best.seq)) best = rec
        }
      }
    } catch (err: any) {
      this.log('looking up the route of %p: %e', peer, err)
    }
    if (best != null) {
      this.cache.set(peer.toString(), best)
    }
    return best
  }

  /** Forget a cached route (its hub did not take the circuit). */
  forget (peer: PeerId): void {
    this.cache.delete(peer.toString())
  }
}
