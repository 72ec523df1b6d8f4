/**
 * Signatures of the market's documents: an Ed25519 signature over `F(domain, body)` (the
 * length-prefixed encoding of keys/encoding), where `body` is the exact encoded protobuf that
 * travels beside the signature. Each document type and signer role has its own domain, so a
 * signature made for one can never pass for another.
 */
import { createHash } from 'node:crypto'
import { peerIdFromMultihash } from '@libp2p/peer-id'
import * as Digest from 'multiformats/hashes/digest'
import { encodeFields, toHex } from '../keys/index.js'
import { ID_LENGTH } from './limits.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export const DOMAIN = {
  order: 'shulian/market/order/v1',
  orderId: 'shulian/market/order-id/v1',
  leaseRenterHub: 'shulian/market/lease/renter-hub/v1',
  leaseLessorHub: 'shulian/market/lease/lessor-hub/v1',
  offerRecord: 'shulian/market/offer-record/v1'
} as const

export async function signBody (key: PrivateKey, domain: string, body: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await key.sign(encodeFields(domain, [body])))
}

/** True when `signature` is `signer`'s over `F(domain, body)`; false for any other key or bytes. */
export async function verifyBody (signer: PeerId, domain: string, body: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signer.publicKey == null || signer.type !== 'Ed25519' || signature.byteLength !== 64) return false
  try {
    return await signer.publicKey.verify(encodeFields(domain, [body]), signature)
  } catch {
    return false
  }
}

/** A peer id from message bytes, or undefined if they are not one. */
export function decodePeerId (bytes: Uint8Array): PeerId | undefined {
  if (bytes.byteLength === 0) return undefined
  try {
    return peerIdFromMultihash(Digest.decode(bytes))
  } catch {
    return undefined
  }
}

export function peerBytes (id: PeerId): Uint8Array<ArrayBuffer> {
  return id.toMultihash().bytes as Uint8Array<ArrayBuffer>
}

/** The first ID_LENGTH bytes of SHA-256(F(domain, body)), as hex: a content id. */
export function contentId (domain: string, body: Uint8Array): string {
  return toHex(createHash('sha256').update(encodeFields(domain, [body])).digest().subarray(0, ID_LENGTH))
}

/** True for a lower-case hex id of ID_LENGTH bytes. */
export function isId (id: string): boolean {
  return id.length === ID_LENGTH * 2 && /^[0-9a-f]+$/.test(id)
}

export function bytesEqualPlain (a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0
}
