/**
 * Route records: "peer X is served by hub H (at these addresses)", signed by H, published in the
 * hub-tier DHT. Every hub registers `routeValidator` and `routeSelector` for the namespace, so a
 * record that is forged (not signed by a hub of the network), misattributed (X is not in H's
 * subnet), expired, or stored under another peer's key is refused wherever it arrives.
 */
import { peerIdFromMultihash } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import * as Digest from 'multiformats/hashes/digest'
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { RouteRecord as RouteRecordPb } from './pb/route-record.js'
import type { Network } from './network.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** DHT namespace of route records. */
export const ROUTE_NAMESPACE = 'shulian-route'
/** Domain separation for the signature, so a route signature can never pass for another record's. */
const SIGNATURE_DOMAIN = uint8ArrayFromString('shulian-route-record:')
/** Largest encoded route record accepted. */
export const MAX_ROUTE_RECORD_SIZE = 4096

export interface RouteRecord {
  peer: PeerId
  hub: PeerId
  addrs: Multiaddr[]
  seq: bigint
  /** ms since the Unix epoch */
  expires: number
}

/** A route record that failed validation; `code` says why. */
export class InvalidRouteRecordError extends Error {
  static name = 'InvalidRouteRecordError'
  readonly code: 'MALFORMED' | 'BAD_KEY' | 'NOT_A_HUB' | 'NOT_A_MEMBER' | 'BAD_SIGNATURE' | 'EXPIRED'

  constructor (code: InvalidRouteRecordError['code'], message: string) {
    super(message)
    this.name = 'InvalidRouteRecordError'
    this.code = code
  }
}

/** The DHT key of `peer`'s route record. */
export function routeKey (peer: PeerId | string): Uint8Array {
  return uint8ArrayFromString(`/${ROUTE_NAMESPACE}/${peer.toString()}`)
}

function signedBytes (pb: RouteRecordPb): Uint8Array {
  const body = RouteRecordPb.encode({ ...pb, signature: new Uint8Array(0) })
  const out = new Uint8Array(SIGNATURE_DOMAIN.length + body.length)
  out.set(SIGNATURE_DOMAIN)
  out.set(body, SIGNATURE_DOMAIN.length)
  return out
}

/** Sign a route record with the hub's key (the record's `hub` must be that key's peer id). */
export async function signRouteRecord (record: RouteRecord, hubKey: PrivateKey): Promise<Uint8Array> {
  const pb: RouteRecordPb = {
    peer: record.peer.toMultihash().bytes,
    hub: record.hub.toMultihash().bytes,
    addrs: record.addrs.map(a => a.bytes),
    seq: record.seq,
    expires: BigInt(record.expires),
    signature: new Uint8Array(0)
  }
  pb.signature = await hubKey.sign(signedBytes(pb)) as Uint8Array<ArrayBuffer>
  return RouteRecordPb.encode(pb)
}

function decodePeer (bytes: Uint8Array, field: string): PeerId {
  try {
    return peerIdFromMultihash(Digest.decode(bytes))
  } catch {
    throw new InvalidRouteRecordError('MALFORMED', `route record: ${field} is not a peer id`)
  }
}

/**
 * Decode and check a route record against the network: the signature is the hub's, the hub is a hub
 * of the network, the peer is a member of that hub's subnet, and the record has not expired. When
 * `key` is given, the record must be stored under the peer's own key.
 */
export async function verifyRouteRecord (bytes: Uint8Array, network: Network, options: { key?: Uint8Array, now?: number } = {}): Promise<RouteRecord> {
  if (bytes.byteLength > MAX_ROUTE_RECORD_SIZE) {
    throw new InvalidRouteRecordError('MALFORMED', `route record of ${bytes.byteLength} bytes is over the ${MAX_ROUTE_RECORD_SIZE} byte limit`)
  }
  let pb: RouteRecordPb
  try {
    pb = RouteRecordPb.decode(bytes, { limits: { addrs: 16 } })
  } catch (e: any) {
    throw new InvalidRouteRecordError('MALFORMED', `route record does not decode: ${e.message}`)
  }
  const peer = decodePeer(pb.peer, 'peer')
  const hub = decodePeer(pb.hub, 'hub')
  if (options.key != null && uint8ArrayToString(options.key) !== uint8ArrayToString(routeKey(peer))) {
    throw new InvalidRouteRecordError('BAD_KEY', `route record for ${peer.toString()} stored under another key`)
  }
  const hubEntry = network.peer(hub)
  if (hubEntry?.role !== 'hub') {
    throw new InvalidRouteRecordError('NOT_A_HUB', `route record for ${peer.toString()} is signed by ${hub.toString()}, which is not a hub of network ${network.id}`)
  }
  if (network.peer(peer)?.subnet !== hubEntry.subnet || network.peer(peer)?.role !== 'participant') {
    throw new InvalidRouteRecordError('NOT_A_MEMBER', `route record says hub ${hubEntry.name} serves ${peer.toString()}, which is not a member of subnet ${hubEntry.subnet}`)
  }
  if (hub.publicKey == null) {
    throw new InvalidRouteRecordError('MALFORMED', 'route record hub id carries no public key')
  }
  const ok = await hub.publicKey.verify(signedBytes(pb), pb.signature)
  if (!ok) {
    throw new InvalidRouteRecordError('BAD_SIGNATURE', `route record for ${peer.toString()} has a bad signature`)
  }
  const expires = Number(pb.expires)
  if (expires <= (options.now ?? Date.now())) {
    throw new InvalidRouteRecordError('EXPIRED', `route record for ${peer.toString()} expired at ${new Date(expires).toISOString()}`)
  }
  let addrs: Multiaddr[]
  try {
    addrs = pb.addrs.map(a => multiaddr(a))
  } catch {
    throw new InvalidRouteRecordError('MALFORMED', 'route record holds an invalid multiaddr')
  }
  return { peer, hub, addrs, seq: pb.seq, expires }
}

/** A kad-dht validator for the route namespace (throws to reject). */
export function routeValidator (network: () => Network): (key: Uint8Array, value: Uint8Array) => Promise<void> {
  return async (key, value) => {
    await verifyRouteRecord(value, network(), { key })
  }
}

/** A kad-dht selector for the route namespace: the valid record with the highest sequence number. */
export function routeSelector (network: () => Network): (key: Uint8Array, records: Uint8Array[]) => Promise<number> {
  return async (key, records) => {
    let best = -1
    let bestSeq = -1n
    for (const [i, r] of records.entries()) {
      try {
        const rec = await verifyRouteRecord(r, network(), { key })
        if (rec.seq > bestSeq) {
          best = i
          bestSeq = rec.seq
        }
      } catch {}
    }
    return Math.max(best, 0)
  }
}
