/**
 * Leases: the contract between a renter and a lessor, signed by both of their hubs. The terms
 * (an encoded LeaseTerms) embed the two signed orders they fill, so a lease verifies offline
 * against the network definition alone: both hub signatures, both order signatures, and every
 * term against the orders (resources within both, the SELL's price within the BUY's maximum, the
 * BUY's duration within the SELL's bounds, the protection the BUY required).
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { fromHex, toHex } from '../keys/index.js'
import { LeaseVerificationError, MarketError } from './errors.js'
import { ID_LENGTH, MAX_LEASE_SIZE } from './limits.js'
import { buyCandidate, incompatibility, leaseProtection, sameProtection, sellCandidate } from './match.js'
import { expectSide, verifyOrder } from './order.js'
import { LeaseTerms as LeaseTermsPb, SignedLease, SignedOrder, TeeKind } from './pb/market.js'
import { DOMAIN, decodePeerId, peerBytes, signBody, verifyBody } from './signing.js'
import type { BuyOrder, ProtectionOffer, SellOrder, SignedOrderInfo, TeeKindName } from './order.js'
import type { Network } from '../topology/index.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export type HubRole = 'renterHub' | 'lessorHub'

export interface LeaseTermsInit {
  network: string
  /** 32 hex characters */
  id: string
  renterHub: PeerId
  lessorHub: PeerId
  cores: number
  memoryMiB: number
  protection: ProtectionOffer
  start: number
  end: number
  buy: SignedOrderInfo<BuyOrder>
  sell: SignedOrderInfo<SellOrder>
}

/** A lease whose signatures and terms have been checked. */
export interface VerifiedLease {
  id: string
  network: string
  renter: string
  lessor: string
  renterHub: string
  lessorHub: string
  cores: number
  memoryMiB: number
  protection: ProtectionOffer
  heElementsPerS: number
  /** micro-credits */
  pricePerCoreHour: number
  start: number
  end: number
  buy: SignedOrderInfo<BuyOrder>
  sell: SignedOrderInfo<SellOrder>
  /** the encoded LeaseTerms, as both hubs signed them */
  terms: Uint8Array
  renterHubSignature: Uint8Array
  lessorHubSignature: Uint8Array
  /** the encoded SignedLease */
  signed: Uint8Array
}

const TEE_KIND: Record<TeeKindName, TeeKind> = { simulated: TeeKind.SIMULATED, 'sgx-dcap': TeeKind.SGX_DCAP, 'sev-snp': TeeKind.SEV_SNP }

/** Encode the terms of a lease (what both hubs sign). Price and HE throughput come from the SELL. */
export function encodeLeaseTerms (t: LeaseTermsInit): Uint8Array<ArrayBuffer> {
  if (!/^[0-9a-f]{32}$/.test(t.id)) throw new MarketError('INVALID', 'lease id must be 32 hex characters')
  const sell = t.sell.order
  return LeaseTermsPb.encode({
    network: t.network,
    id: fromHex(t.id) as Uint8Array<ArrayBuffer>,
    renter: peerBytes(peerIdFromString(t.buy.order.owner)),
    lessor: peerBytes(peerIdFromString(sell.owner)),
    renterHub: peerBytes(t.renterHub),
    lessorHub: peerBytes(t.lessorHub),
    cores: t.cores,
    memoryMiB: BigInt(t.memoryMiB),
    protection: {
      he: t.protection.he,
      tee: t.protection.tee == null ? undefined : { kind: TEE_KIND[t.protection.tee.kind], measurement: fromHex(t.protection.tee.measurement) as Uint8Array<ArrayBuffer> }
    },
    heElementsPerS: BigInt(sell.heElementsPerS),
    pricePerCoreHour: BigInt(sell.pricePerCoreHour),
    start: BigInt(t.start),
    end: BigInt(t.end),
    buy: SignedOrder.decode(t.buy.signed),
    sell: SignedOrder.decode(t.sell.signed)
  })
}

/** One hub's signature on lease terms, in its role. */
export async function signLeaseTerms (terms: Uint8Array, role: HubRole, key: PrivateKey): Promise<Uint8Array<ArrayBuffer>> {
  return signBody(key, role === 'renterHub' ? DOMAIN.leaseRenterHub : DOMAIN.leaseLessorHub, terms)
}

export function encodeSignedLease (terms: Uint8Array, renterHubSignature: Uint8Array, lessorHubSignature: Uint8Array = new Uint8Array(0)): Uint8Array<ArrayBuffer> {
  return SignedLease.encode({ terms: terms as Uint8Array<ArrayBuffer>, renterHubSignature: renterHubSignature as Uint8Array<ArrayBuffer>, lessorHubSignature: lessorHubSignature as Uint8Array<ArrayBuffer> })
}

function fail (code: LeaseVerificationError['code'], message: string): never {
  throw new LeaseVerificationError(code, message)
}

export interface VerifyLeaseOptions {
  /** 'renterHub': a proposal, signed by the renter's hub only (what the lessor's hub countersigns) */
  signatures?: 'both' | 'renterHub'
}

/**
 * Decode and check a lease against the network definition. Throws a LeaseVerificationError that
 * names the first check that failed. Expiry is not a failure: a lease that has ended still
 * verifies (its `end` says when it ended).
 */
export async function verifyLease (signed: Uint8Array, network: Network, options: VerifyLeaseOptions = {}): Promise<VerifiedLease> {
  if (signed.byteLength > MAX_LEASE_SIZE) fail('MALFORMED', `lease of ${signed.byteLength} bytes is over the ${MAX_LEASE_SIZE} byte limit`)
  let outer: SignedLease
  let t: LeaseTermsPb
  try {
    outer = SignedLease.decode(signed)
    t = LeaseTermsPb.decode(outer.terms)
  } catch (e: any) {
    fail('MALFORMED', `lease does not decode: ${e.message}`)
  }
  if (t.network !== network.id) fail('NOT_IN_NETWORK', `lease is for network "${t.network}", not "${network.id}"`)
  if (t.id.byteLength !== ID_LENGTH) fail('MALFORMED', `lease id must be ${ID_LENGTH} bytes`)
  const id = toHex(t.id)
  const peer = (bytes: Uint8Array, field: string): PeerId => decodePeerId(bytes) ?? fail('MALFORMED', `lease ${id}: ${field} is not a peer id`)
  const renter = peer(t.renter, 'renter')
  const lessor = peer(t.lessor, 'lessor')
  const renterHub = peer(t.renterHub, 'renterHub')
  const lessorHub = peer(t.lessorHub, 'lessorHub')
  for (const [p, hub, field] of [[renter, renterHub, 'renter'], [lessor, lessorHub, 'lessor']] as const) {
    const hubEntry = network.peer(hub)
    if (hubEntry?.role !== 'hub') fail('NOT_IN_NETWORK', `lease ${id}: ${field}Hub ${hub.toString()} is not a hub of network ${network.id}`)
    const entry = network.peer(p)
    if (entry?.role !== 'participant' || entry.subnet !== hubEntry.subnet) fail('NOT_IN_NETWORK', `lease ${id}: ${field} ${p.toString()} is not a member of ${hubEntry.name}'s subnet`)
  }
  if (!await verifyBody(renterHub, DOMAIN.leaseRenterHub, outer.terms, outer.renterHubSignature)) fail('BAD_SIGNATURE', `lease ${id}: the renter's hub signature does not verify`)
  if (options.signatures !== 'renterHub' && !await verifyBody(lessorHub, DOMAIN.leaseLessorHub, outer.terms, outer.lessorHubSignature)) fail('BAD_SIGNATURE', `lease ${id}: the lessor's hub signature does not verify`)

  const start = Number(t.start)
  const end = Number(t.end)
  const order = async (o: SignedOrder | undefined, side: 'buy' | 'sell'): Promise<SignedOrderInfo> => {
    if (o == null) fail('BAD_ORDER', `lease ${id} carries no ${side.toUpperCase()} order`)
    try {
      return expectSide(await verifyOrder(SignedOrder.encode(o), network, { now: start }), side)
    } catch (e: any) {
      fail('BAD_ORDER', `lease ${id}: its ${side.toUpperCase()} order does not verify: ${e.message}`)
    }
  }
  const buy = await order(t.buy, 'buy') as SignedOrderInfo<BuyOrder>
  const sell = await order(t.sell, 'sell') as SignedOrderInfo<SellOrder>
  const mismatch = (what: string): never => fail('MISMATCH', `lease ${id}: ${what}`)
  if (buy.order.owner !== renter.toString()) mismatch('the BUY is not the renter\'s')
  if (sell.order.owner !== lessor.toString()) mismatch('the SELL is not the lessor\'s')
  if (t.cores < 1 || t.cores > Math.min(buy.order.cores, sell.order.cores)) mismatch(`${t.cores} cores is not within both orders`)
  const memoryMiB = Number(t.memoryMiB)
  if (memoryMiB > Math.min(buy.order.memoryMiB, sell.order.memoryMiB)) mismatch(`${memoryMiB} MiB is not within both orders`)
  if (!(end > start) || end - start !== buy.order.durationS * 1000) mismatch('start and end do not span the BUY\'s duration')
  if (Number(t.pricePerCoreHour) !== sell.order.pricePerCoreHour) mismatch('price is not the SELL\'s price')
  if (Number(t.heElementsPerS) !== sell.order.heElementsPerS) mismatch('HE throughput is not the SELL\'s')
  const s = sellCandidate(sell, { hub: lessorHub.toString(), subnet: network.peer(lessor)?.subnet ?? '', acceptedAt: 0, freeCores: t.cores, freeMemoryMiB: memoryMiB })
  const b = buyCandidate(buy, { subnet: network.peer(renter)?.subnet ?? '', acceptedAt: 0, freeCores: t.cores, freeMemoryMiB: memoryMiB })
  // judged at the lease's start: both orders were live when it was made
  const why = incompatibility(s, b, start)
  if (why !== undefined) mismatch(`the orders do not match: ${why}`)
  const protection = protectionOf(t)
  const expected = leaseProtection(s, b)
  if (expected == null || !sameProtection(protection, expected)) mismatch('protection is not what the SELL offers and the BUY requires')
  return {
    id,
    network: t.network,
    renter: renter.toString(),
    lessor: lessor.toString(),
    renterHub: renterHub.toString(),
    lessorHub: lessorHub.toString(),
    cores: t.cores,
    memoryMiB,
    protection,
    heElementsPerS: Number(t.heElementsPerS),
    pricePerCoreHour: Number(t.pricePerCoreHour),
    start,
    end,
    buy,
    sell,
    terms: outer.terms,
    renterHubSignature: outer.renterHubSignature,
    lessorHubSignature: outer.lessorHubSignature,
    signed
  }
}

function protectionOf (t: LeaseTermsPb): ProtectionOffer {
  const tee = t.protection?.tee
  const kind = tee == null ? undefined : (Object.keys(TEE_KIND) as TeeKindName[]).find(k => TEE_KIND[k] === tee.kind)
  return { he: t.protection?.he === true, tee: tee == null || kind == null ? null : { kind, measurement: toHex(tee.measurement) } }
}
