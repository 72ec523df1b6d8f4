/**
 * What a requirement's test gets: the target (address, peer id, role and subnet by the network
 * definition), the keys it may play, libp2p nodes holding those keys (with no gater and no rules,
 * so they can say anything), and small helpers to exchange framed messages and to tell a refusal
 * with a status from a reset stream.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { pbStream } from '@libp2p/utils'
import { createLibp2p } from 'libp2p'
import type { HeldKey, KeyRing } from './keys.js'
import type { LeaseInfo } from './lease-file.js'
import type { Network, PeerEntry } from '../../topology/index.js'
import type { Connection, Libp2p, PeerId, PrivateKey, Stream, StreamHandler } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** A requirement that cannot run against this target with these keys (reported as SKIP). */
export class Skip extends Error {
  static name = 'Skip'
  constructor (message: string) {
    super(message)
    this.name = 'Skip'
  }
}

export interface Target {
  addr: Multiaddr
  peerId: PeerId
  entry: PeerEntry
}

/** Who the suite plays, relative to the target. */
export type Who =
  | 'stranger' // a fresh key, not in the network
  | 'member' | 'member2' // participants of the target hub's subnet
  | 'otherMember' // a participant of another subnet
  | 'otherHub' // a hub other than the target
  | 'ownHub' // the target participant's own hub
  | 'peer' // a participant other than the target (any subnet)
  | 'renter' // the renter of the lease given with --lease

export interface SuiteNode {
  who: Who
  key: PrivateKey
  peerId: PeerId
  name: string
  libp2p: Libp2p
}

export interface Options {
  /** default limit for one exchange, ms */
  timeout: number
}

/** Errors of a connection the target's rate limit or gater cut short while it was being set up. */
function retryable (e: unknown): boolean {
  return /ECONNRESET|EPIPE|Encryption failed|connection was closed|stream reset|closed before/i.test(messageOf(e))
}

function messageOf (e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** The outcome of a request the target may answer or cut off. */
export type Outcome<T> = { answer: T } | { cut: string }

export class TargetContext {
  readonly target: Target
  readonly ring: KeyRing
  readonly network: Network
  readonly lease?: LeaseInfo
  readonly options: Options
  private readonly nodes = new Map<string, Promise<SuiteNode>>()
  private readonly started: SuiteNode[] = []

  constructor (target: Target, ring: KeyRing, options: Options, lease?: LeaseInfo) {
    this.target = target
    this.ring = ring
    this.network = ring.network
    this.options = options
    if (lease != null) this.lease = lease
  }

  get role (): 'hub' | 'participant' {
    return this.target.entry.role
  }

  /** The key for `who`, or a Skip saying which key the requirement needs. */
  held (who: Who): HeldKey {
    const t = this.target.entry
    const keys = this.ring.keys.filter(k => !k.peerId.equals(this.target.peerId))
    const pick = (what: string, ok: (k: HeldKey) => boolean, n = 0): HeldKey => {
      const found = keys.filter(ok)[n]
      if (found == null) throw new Skip(`needs the key of ${what}`)
      return found
    }
    switch (who) {
      case 'member': return pick(`a participant of subnet ${t.subnet}`, k => k.entry.role === 'participant' && k.entry.subnet === t.subnet)
      case 'member2': return pick(`two participants of subnet ${t.subnet}`, k => k.entry.role === 'participant' && k.entry.subnet === t.subnet, 1)
      case 'otherMember': return pick(`a participant of a subnet other than ${t.subnet}`, k => k.entry.role === 'participant' && k.entry.subnet !== t.subnet)
      case 'otherHub': return pick(t.role === 'hub' ? 'a hub other than the target' : `a hub other than ${t.subnet}'s`, k => k.entry.role === 'hub' && k.entry.subnet !== t.subnet)
      case 'ownHub': return pick(`the hub of subnet ${t.subnet}`, k => k.entry.role === 'hub' && k.entry.subnet === t.subnet)
      case 'peer': return pick('another participant', k => k.entry.role === 'participant' && k.name !== this.lease?.renterName)
      case 'renter': {
        if (this.lease == null) throw new Skip('needs a lease naming the target as lessor (--lease)')
        return pick(`the lease's renter ${this.lease.renterName}`, k => k.peerId.toString() === this.lease?.renter)
      }
      case 'stranger': throw new Error('a stranger has no held key')
    }
  }

  /** Throws Skip unless the target has `role`. */
  expectRole (role: 'hub' | 'participant'): void {
    if (this.role !== role) throw new Skip(`applies to ${role}s`)
  }

  /** A libp2p node playing `who` (one per key, kept until `close`). With `fresh`, a node of its own. */
  async node (who: Who, options: { fresh?: boolean } = {}): Promise<SuiteNode> {
    const make = async (): Promise<SuiteNode> => {
      const key = who === 'stranger' ? await generateKeyPair('Ed25519') : this.held(who).key
      const libp2p = await createLibp2p({
        privateKey: key,
        transports: [tcp()],
        connectionEncrypters: [noise()],
        streamMuxers: [yamux()],
        connectionManager: { maxConnections: 64 },
        // an honest peer answers pings: the target's connection monitor closes connections that do not
        services: { ping: ping({ maxInboundStreams: 8, maxOutboundStreams: 8 }) }
      })
      const node: SuiteNode = { who, key, peerId: peerIdFromPrivateKey(key), name: this.nameOf(who), libp2p }
      this.started.push(node)
      return node
    }
    if (options.fresh === true || who === 'stranger') return make()
    const cacheKey = this.held(who).peerId.toString()
    let p = this.nodes.get(cacheKey)
    if (p == null) {
      p = make()
      this.nodes.set(cacheKey, p)
    }
    return p
  }

  /** Let `node` answer `protocol` (replacing an earlier handler). */
  async handle (node: SuiteNode, protocol: string, handler: StreamHandler): Promise<void> {
    await node.libp2p.unhandle(protocol)
    await node.libp2p.handle(protocol, handler, { maxInboundStreams: 1024, maxOutboundStreams: 1024 })
  }

  private nameOf (who: Who): string {
    return who === 'stranger' ? 'stranger' : this.held(who).name
  }

  /** Stop a node the suite started (e.g. so that its peer counts as offline again). */
  async stopNode (node: SuiteNode): Promise<void> {
    for (const [k, p] of this.nodes) {
      if ((await p) === node) this.nodes.delete(k)
    }
    await node.libp2p.stop()
  }

  /**
   * A connection to the target as `node`. A node limits how many connections one host may open per
   * second, and the suite opens many: a refused attempt is tried again, a few times, a little later.
   */
  async connect (node: SuiteNode): Promise<Connection> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await node.libp2p.dial(this.target.addr, { signal: AbortSignal.timeout(this.options.timeout) })
      } catch (e) {
        if (attempt >= 6 || !retryable(e)) throw e
        await new Promise(resolve => setTimeout(resolve, 300 * attempt))
      }
    }
  }

  /** A stream of `protocol` to the target, opened as `who`. */
  async open (who: Who | SuiteNode, protocol: string): Promise<Stream> {
    const node = typeof who === 'string' ? await this.node(who) : who
    const conn = await this.connect(node)
    return conn.newStream(protocol, { signal: AbortSignal.timeout(this.options.timeout) })
  }

  /** One request, one response, on a new stream (framing: varint length + protobuf). */
  async ask<Req, Res> (who: Who | SuiteNode, protocol: string, codec: { req: Codec<Req>, res: Codec<Res> }, req: Req, options: { maxDataLength?: number, timeout?: number } = {}): Promise<Res> {
    const stream = await this.open(who, protocol)
    return this.askOn(stream, codec, req, options)
  }

  async askOn<Req, Res> (stream: Stream, codec: { req: Codec<Req>, res: Codec<Res> }, req: Req, options: { maxDataLength?: number, timeout?: number } = {}): Promise<Res> {
    const signal = AbortSignal.timeout(options.timeout ?? this.options.timeout)
    const pb = pbStream(stream, { maxDataLength: options.maxDataLength ?? 4 * 1024 * 1024 })
    try {
      await pb.write(req, codec.req, { signal })
      const res = await pb.read(codec.res, { signal })
      // one exchange per stream: end ours, so that the target's per-connection stream limit frees up
      await stream.close({ signal }).catch(() => { stream.abort(new Error('conformance: done')) })
      return res
    } catch (e) {
      stream.abort(e as Error)
      throw e
    }
  }

  /** Like `ask`, but a reset or closed stream is an outcome too (the spec allows either for some refusals). */
  async outcome<T> (p: Promise<T>): Promise<Outcome<T>> {
    try {
      return { answer: await p }
    } catch (e) {
      return { cut: messageOf(e) }
    }
  }

  /** Stop every node the suite started for this target. */
  async close (): Promise<void> {
    await Promise.all(this.started.map(async n => { try { await n.libp2p.stop() } catch {} }))
    this.started.length = 0
    this.nodes.clear()
  }

  peerIdOf (name: string): PeerId {
    const e = this.network.named(name)
    if (e == null) throw new Error(`no peer ${name} in the network`)
    return e.peerId
  }
}

export interface Codec<T> {
  encode: (value: Partial<T>) => Uint8Array
  decode: (bytes: Uint8Array | any, opts?: any) => T
}

/** `peerIdFromString` without throwing: for ids read from files. */
export function parsePeerId (s: string): PeerId | undefined {
  try {
    return peerIdFromString(s)
  } catch {
    return undefined
  }
}

/**
 * Resolves when the remote side has ended `stream` (closed its write side, reset or closed it),
 * rejects when it is still going after `ms`.
 */
export async function endedWithin (stream: Stream, ms: number): Promise<void> {
  // the remote may have ended its side already (the event is gone, our readable end stays open)
  if (stream.status !== 'open' || stream.readStatus !== 'readable' || stream.remoteWriteStatus === 'closed') return
  await new Promise<void>((resolve, reject) => {
    const done = (): void => { clearTimeout(timer); resolve() }
    const timer = setTimeout(() => { reject(new Error(`the stream is still open after ${ms / 1000} s`)) }, ms)
    stream.addEventListener('remoteCloseWrite', done, { once: true })
    stream.addEventListener('close', done, { once: true })
  })
}
