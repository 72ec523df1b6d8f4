/**
 * Signed market documents the orders and lease requirements send: orders of held member keys
 * (valid, or deliberately wrong and signed anyway), and offer records of held hub keys.
 */
import { randomBytes } from 'node:crypto'
import { signOfferRecord, signOrder } from '../../market/index.js'
import type { SuiteNode, TargetContext } from './context.js'
import type { HeldKey } from './keys.js'
import type { BuyOrder, PublishedOffer, ResourceClass, SellOrder, SignedOrderInfo } from '../../market/index.js'

let lastSeq = 0n

/** Increasing across one run and above what an earlier run used (the hub refuses a lower seq). */
export function nextSeq (): bigint {
  const now = BigInt(Date.now()) * 1000n
  lastSeq = now > lastSeq ? now : lastSeq + 1n
  return lastSeq
}

export type Owner = HeldKey | SuiteNode

function ownerOf (o: Owner): { key: HeldKey['key'], peerId: HeldKey['peerId'] } {
  return { key: o.key, peerId: o.peerId }
}

/** A SELL of `owner` (HE only, 2 cores, 512 MiB, 1 credit per core-hour), with `change` applied before signing. */
export async function sell (ctx: TargetContext, owner: Owner, change: Partial<SellOrder> = {}): Promise<SignedOrderInfo<SellOrder>> {
  const { key, peerId } = ownerOf(owner)
  const order: SellOrder = {
    side: 'sell',
    network: ctx.network.id,
    owner: peerId.toString(),
    seq: nextSeq(),
    expires: Date.now() + 600_000,
    cores: 2,
    memoryMiB: 512,
    protection: { he: true, tee: null },
    heElementsPerS: 500_000,
    pricePerCoreHour: 1_000_000,
    minDurationS: 60,
    maxDurationS: 86_400,
    ...change
  }
  return signOrder(order, key, peerId)
}

/** A BUY of `owner` (2 cores, 64 MiB, one hour, HE or TEE, at most 1 credit per core-hour). */
export async function buy (ctx: TargetContext, owner: Owner, change: Partial<BuyOrder> = {}): Promise<SignedOrderInfo<BuyOrder>> {
  const { key, peerId } = ownerOf(owner)
  const order: BuyOrder = {
    side: 'buy',
    network: ctx.network.id,
    owner: peerId.toString(),
    seq: nextSeq(),
    expires: Date.now() + 600_000,
    cores: 2,
    memoryMiB: 64,
    durationS: 3600,
    maxPricePerCoreHour: 1_000_000,
    requirements: { protection: 'any', allowedMeasurements: [], avoidSubnets: [], preferSubnets: [] },
    ...change
  }
  return signOrder(order, key, peerId)
}

/** The same bytes with one bit of the last byte (in the signature) flipped. */
export function flipLast (bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes)
  out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0x01
  return out
}

/** A fresh reservation or lease id: 32 lower-case hex characters. */
export function freshId (): string {
  return randomBytes(16).toString('hex')
}

/** An offer record of `hub` (a held hub key) of class `cls`, signed, with the offers given. */
export async function offerRecord (ctx: TargetContext, hub: SuiteNode, cls: ResourceClass, offers: PublishedOffer[], change: { expires?: number, seq?: bigint, network?: string } = {}): Promise<Uint8Array> {
  return signOfferRecord({ network: change.network ?? ctx.network.id, hub: hub.peerId, resourceClass: cls, seq: change.seq ?? 1n, expires: change.expires ?? Date.now() + 600_000, offers }, hub.key)
}

export function published (order: SignedOrderInfo<SellOrder>, free?: { cores?: number, memoryMiB?: number }): PublishedOffer {
  return { order, freeCores: free?.cores ?? order.order.cores, freeMemoryMiB: free?.memoryMiB ?? order.order.memoryMiB, acceptedAt: Date.now() }
}
