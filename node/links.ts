/**
 * Keeps this node's required links up: a hub's links to every other hub, a participant's link to
 * its hub. Dials at start and, whenever a link drops, redials with exponential backoff (with jitter,
 * so that the participants of a restarted hub do not all knock at the same instant) until it is back
 * or the node stops. libp2p's own reconnect queue gives up after a few tries; a hub that is down for
 * minutes must still be reconnected when it returns, so this does not.
 */
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Logger } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface LinkTarget {
  peerId: PeerId
  addrs: Multiaddr[]
}

export interface LinksInit {
  /** first retry delay, ms */
  minBackoff?: number
  /** largest retry delay, ms */
  maxBackoff?: number
  /** time allowed for one dial, ms */
  dialTimeout?: number
}

export const DEFAULT_MIN_BACKOFF = 200
export const DEFAULT_MAX_BACKOFF = 5_000
export const DEFAULT_DIAL_TIMEOUT = 5_000

export class Links {
  private readonly node: Libp2p
  private readonly log: Logger
  private readonly targets = new Map<string, LinkTarget>()
  private readonly attempts = new Map<string, number>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly dialing = new Set<string>()
  private readonly init: Required<LinksInit>
  private running = false

  constructor (node: Libp2p, log: Logger, init: LinksInit = {}) {
    this.node = node
    this.log = log
    this.init = {
      minBackoff: init.minBackoff ?? DEFAULT_MIN_BACKOFF,
      maxBackoff: init.maxBackoff ?? DEFAULT_MAX_BACKOFF,
      dialTimeout: init.dialTimeout ?? DEFAULT_DIAL_TIMEOUT
    }
  }

  async start (targets: LinkTarget[]): Promise<void> {
    this.running = true
    this.node.addEventListener('peer:disconnect', this.onDisconnect)
    for (const t of targets) {
      await this.add(t)
    }
  }

  stop (): void {
    this.running = false
    this.node.removeEventListener('peer:disconnect', this.onDisconnect)
    for (const t of this.timers.values()) {
      clearTimeout(t)
    }
    this.timers.clear()
  }

  /** Keep a link to `target` from now on (e.g. a hub added to the network later). */
  async add (target: LinkTarget): Promise<void> {
    const key = target.peerId.toString()
    this.targets.set(key, target)
    await this.node.peerStore.merge(target.peerId, { multiaddrs: target.addrs })
    this.schedule(key, 0)
  }

  /** Stop keeping a link to `peer` (e.g. a hub that a newer network definition no longer lists). */
  remove (peer: PeerId): void {
    const key = peer.toString()
    this.targets.delete(key)
    this.attempts.delete(key)
    clearTimeout(this.timers.get(key))
    this.timers.delete(key)
  }

  /** Peer ids this node keeps links to. */
  wanted (): PeerId[] {
    return [...this.targets.values()].map(t => t.peerId)
  }

  private readonly onDisconnect = (evt: CustomEvent<PeerId>): void => {
    const key = evt.detail.toString()
    if (this.targets.has(key)) {
      this.log('link to %p dropped, redialing', evt.detail)
      this.schedule(key, this.init.minBackoff)
    }
  }

  private schedule (key: string, delay: number): void {
    if (!this.running || this.timers.has(key) || this.dialing.has(key)) {
      return
    }
    const timer = setTimeout(() => {
      this.timers.delete(key)
      void this.dial(key)
    }, delay)
    this.timers.set(key, timer)
  }

  private async dial (key: string): Promise<void> {
    const target = this.targets.get(key)
    if (target == null || !this.running) {
      return
    }
    if (this.node.getConnections(target.peerId).length > 0) {
      this.attempts.delete(key)
      return
    }
    this.dialing.add(key)
    try {
      await this.node.dial(target.peerId, { signal: AbortSignal.timeout(this.init.dialTimeout) })
      this.attempts.delete(key)
      this.log('link to %p up', target.peerId)
    } catch (err: any) {
      const n = (this.attempts.get(key) ?? 0) + 1
      this.attempts.set(key, n)
      const base = Math.min(this.init.maxBackoff, this.init.minBackoff * 2 ** Math.min(n, 16))
      const delay = Math.round(base / 2 + Math.random() * base / 2)
      this.log('dial %p failed (attempt %d, retry in %d ms): %s', target.peerId, n, delay, err.message)
      this.dialing.delete(key)
      this.schedule(key, delay)
      return
    }
    this.dialing.delete(key)
    // the link may have dropped again between the dial and now
    if (this.node.getConnections(target.peerId).length === 0) {
      this.schedule(key, this.init.minBackoff)
    }
  }
}
