/**
 * Offer records: a hub's open SELL offers of one resource class, signed by the hub and published
 * in the hub-tier DHT under `/shulian-offers/<class>/<hub peer id>`. A buyer's hub looks up every
 * other hub's record of the classes its BUYs need. Every hub registers `offerValidator` and
 * `offerSelector`, so a record that is forged (not signed by a hub of the network, or holding
 * orders that are not its members' or do not verify), misfiled (another hub's key, another class),
 * expired or oversized is refused wherever it arrives, and among valid ones the highest `seq` wins.
 */
import { createHash } from 'node:crypto'
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { toString as uint8ArrayToString } from 'uint8arrays/to-string'
import { MAX_CORES, MAX_MEMORY_MIB, MAX_OFFERS_PER_RECORD, MAX_OFFER_RECORD_SIZE } from './limits.js'
import { expectSide, verifyOrder } from './order.js'
import { OfferRecord, OfferRecordBody, SignedOrder } from './pb/market.js'
import { DOMAIN, decodePeerId, peerBytes, signBody, verifyBody } from './signing.js'
import type { SellOrder, SignedOrderInfo } from './order.js'
import type { Network } from '../topology/index.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

/** DHT namespace of offer records. */
export const OFFER_NAMESPACE = 'shulian-offers'

/** Resource classes: the coarse index a buyer's hub looks offers up by. */
export type ResourceClass = 'he' | 'tee'
export const RESOURCE_CLASSES: readonly ResourceClass[] = ['he', 'tee']

/** An offer record that failed validation; `code` says why. */
export class InvalidOfferRecordError extends Error {
  static name = 'InvalidOfferRecordError'
  readonly code: 'MALFORMED' | 'BAD_KEY' | 'NOT_A_HUB' | 'NOT_A_MEMBER' | 'BAD_SIGNATURE' | 'BAD_OFFER' | 'EXPIRED'

  constructor (code: InvalidOfferRecordError['code'], message: string) {
    super(message)
    this.name = 'InvalidOfferRecordError'
    this.code = code
  }
}

export interface PublishedOffer {
  order: SignedOrderInfo<SellOrder>
  freeCores: number
  freeMemoryMiB: number
  acceptedAt: number
}

export interface OfferRecordInit {
  network: string
  hub: PeerId
  resourceClass: ResourceClass
  seq: bigint
  expires: number
  offers: PublishedOffer[]
}

export interface VerifiedOfferRecord extends OfferRecordInit {}

/** The classes a SELL is published under. */
export function resourceClassesOf (sell: SellOrder): ResourceClass[] {
  return RESOURCE_CLASSES.filter(c => c === 'he' ? sell.protection.he : sell.protection.tee != null)
}

/** The DHT key of `hub`'s record of class `resourceClass`. */
export function offerKey (resourceClass: ResourceClass, hub: PeerId | string): Uint8Array {
  return uint8ArrayFromString(`/${OFFER_NAMESPACE}/${resourceClass}/${hub.toString()}`)
}

export async function signOfferRecord (init: OfferRecordInit, hubKey: PrivateKey): Promise<Uint8Array> {
  if (init.offers.length > MAX_OFFERS_PER_RECORD) throw new Error(`at most ${MAX_OFFERS_PER_RECORD} offers per record`)
  const body = OfferRecordBody.encode({
    network: init.network,
    hub: peerBytes(init.hub),
    resourceClass: init.resourceClass,
    seq: init.seq,
    expires: BigInt(init.expires),
    offers: init.offers.map(o => ({ order: SignedOrder.decode(o.order.signed), freeCores: o.freeCores, freeMemoryMiB: BigInt(o.freeMemoryMiB), acceptedAt: BigInt(o.acceptedAt) }))
  })
  return OfferRecord.encode({ body, signature: await signBody(hubKey, DOMAIN.offerRecord, body) })
}

/**
 * Decode and check an offer record against the network. When `key` is given, the record must be
 * stored under its own hub's key of its own class. Orders inside may have expired since the record
 * was signed (the record still is valid); consumers drop expired offers.
 */
export async function verifyOfferRecord (bytes: Uint8Array, network: Network, options: { key?: Uint8Array, now?: number } = {}): Promise<VerifiedOfferRecord> {
  const now = options.now ?? Date.now()
  if (bytes.byteLength > MAX_OFFER_RECORD_SIZE) throw new InvalidOfferRecordError('MALFORMED', `offer record of ${bytes.byteLength} bytes is over the ${MAX_OFFER_RECORD_SIZE} byte limit`)
  // the DHT validates the same record on every put, get and selection: its signatures (up to
  // 257 of them) are checked once per network definition; key and expiry every time
  const digest = createHash('sha256').update(bytes).digest('base64')
  const hit = verified.get(digest)
  if (hit?.network === network) {
    checkPlacement(hit.record, options.key, now)
    return hit.record
  }
  const record = await verifyUncached(bytes, network, now)
  checkPlacement(record, options.key, now)
  if (verified.size >= VERIFIED_CACHE) verified.delete(verified.keys().next().value as string)
  verified.set(digest, { network, record })
  return record
}

/** Records whose signatures and offers have been checked, by the SHA-256 of their bytes. */
const verified = new Map<string, { network: Network, record: VerifiedOfferRecord }>()
const VERIFIED_CACHE = 128

function checkPlacement (record: VerifiedOfferRecord, key: Uint8Array | undefined, now: number): void {
  if (key != null && uint8ArrayToString(key) !== uint8ArrayToString(offerKey(record.resourceClass, record.hub))) {
    throw new InvalidOfferRecordError('BAD_KEY', `offer record of ${record.hub.toString()} (${record.resourceClass}) stored under another key`)
  }
  if (record.expires <= now) throw new InvalidOfferRecordError('EXPIRED', `offer record of hub ${record.hub.toString()} expired at ${new Date(record.expires).toISOString()}`)
}

async function verifyUncached (bytes: Uint8Array, network: Network, now: number): Promise<VerifiedOfferRecord> {
  let outer: OfferRecord
  let body: OfferRecordBody
  try {
    outer = OfferRecord.decode(bytes)
    body = OfferRecordBody.decode(outer.body, { limits: { offers: MAX_OFFERS_PER_RECORD } } as any)
  } catch (e: any) {
    throw new InvalidOfferRecordError('MALFORMED', `offer record does not decode: ${e.message}`)
  }
  const hub = decodePeerId(body.hub)
  if (hub == null) throw new InvalidOfferRecordError('MALFORMED', 'offer record: hub is not a peer id')
  const cls = body.resourceClass as ResourceClass
  if (!RESOURCE_CLASSES.includes(cls)) throw new InvalidOfferRecordError('MALFORMED', `offer record: unknown resource class "${body.resourceClass}"`)
  if (body.network !== network.id) throw new InvalidOfferRecordError('MALFORMED', `offer record is for network "${body.network}", not "${network.id}"`)
  const hubEntry = network.peer(hub)
  if (hubEntry?.role !== 'hub') throw new InvalidOfferRecordError('NOT_A_HUB', `offer record signed by ${hub.toString()}, which is not a hub of network ${network.id}`)
  if (!await verifyBody(hub, DOMAIN.offerRecord, outer.body, outer.signature)) throw new InvalidOfferRecordError('BAD_SIGNATURE', `offer record of hub ${hubEntry.name} has a bad signature`)
  const expires = Number(body.expires)

  const seen = new Set<string>()
  const offers: PublishedOffer[] = []
  for (const [i, o] of body.offers.entries()) {
    if (o.order == null) throw new InvalidOfferRecordError('BAD_OFFER', `offer ${i} has no order`)
    let info: SignedOrderInfo<SellOrder>
    try {
      info = expectSide(await verifyOrder(SignedOrder.encode(o.order), network, { now, checkExpiry: false }), 'sell')
    } catch (e: any) {
      throw new InvalidOfferRecordError('BAD_OFFER', `offer ${i} of hub ${hubEntry.name}: ${e.message}`)
    }
    const owner = network.peer(info.order.owner)
    if (owner?.subnet !== hubEntry.subnet) throw new InvalidOfferRecordError('NOT_A_MEMBER', `offer ${i}: ${info.order.owner} is not a member of hub ${hubEntry.name}'s subnet`)
    if (!resourceClassesOf(info.order).includes(cls)) throw new InvalidOfferRecordError('BAD_OFFER', `offer ${i} does not offer ${cls}`)
    if (seen.has(info.id)) throw new InvalidOfferRecordError('BAD_OFFER', `offer ${i} repeats order ${info.id}`)
    seen.add(info.id)
    const freeMemoryMiB = Number(o.freeMemoryMiB)
    if (o.freeCores > Math.min(info.order.cores, MAX_CORES) || freeMemoryMiB > Math.min(info.order.memoryMiB, MAX_MEMORY_MIB)) {
      throw new InvalidOfferRecordError('BAD_OFFER', `offer ${i} claims more free capacity than its order has`)
    }
    offers.push({ order: info, freeCores: o.freeCores, freeMemoryMiB, acceptedAt: Number(o.acceptedAt) })
  }
  return { network: body.network, hub, resourceClass: cls, seq: body.seq, expires, offers }
}

/** A kad-dht validator for the offer namespace (throws to reject). */
export function offerValidator (network: () => Network): (key: Uint8Array, value: Uint8Array) => Promise<void> {
  return async (key, value) => {
    await verifyOfferRecord(value, network(), { key })
  }
}

/** A kad-dht selector for the offer namespace: the valid record with the highest sequence number. */
export function offerSelector (network: () => Network): (key: Uint8Array, records: Uint8Array[]) => Promise<number> {
  return async (key, records) => {
    let best = -1
    let bestSeq = -1n
    for (const [i, r] of records.entries()) {
      try {
        const rec = await verifyOfferRecord(r, network(), { key })
        if (rec.seq > bestSeq) {
          best = i
          bestSeq = rec.seq
        }
      } catch {}
    }
    return Math.max(best, 0)
  }
}
