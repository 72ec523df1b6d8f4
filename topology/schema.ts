/**
 * Zod schemas for the network definition (`bootstrap.json`). Peer ids and multiaddrs are parsed
 * here, at the edge, so the rest of the code holds `PeerId` and `Multiaddr` values it can trust.
 */
import { publicKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { z } from 'zod'
import type { PeerId, PublicKey } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** Names of subnets and nodes: short, safe as directory names. */
export const NAME = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'must be 1-63 characters of a-z, 0-9, ".", "_", "-", starting with a letter or digit')

export const PEER_ID = z.string().transform((s, ctx): PeerId => {
  try {
    const id = peerIdFromString(s)
    if (id.type !== 'Ed25519') {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is a ${id.type} peer id; shulian peers use Ed25519 keys` })
      return z.NEVER
    }
    return id
  } catch {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a peer id` })
    return z.NEVER
  }
})

export const MULTIADDR = z.string().transform((s, ctx): Multiaddr => {
  try {
    return multiaddr(s)
  } catch {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not a multiaddr` })
    return z.NEVER
  }
})

export const BASE64 = z.string().regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'must be base64')

/** A protobuf-encoded Ed25519 public key, base64. */
export const PUBLIC_KEY = BASE64.transform((s, ctx): PublicKey => {
  try {
    const key = publicKeyFromProtobuf(Buffer.from(s, 'base64'))
    if (key.type !== 'Ed25519') {
      ctx.addIssue({ code: 'custom', message: `is a ${key.type} key; shulian signs with Ed25519` })
      return z.NEVER
    }
    return key
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a protobuf-encoded public key (base64)' })
    return z.NEVER
  }
})

export const HUB = z.strictObject({
  name: NAME.optional(),
  peerId: PEER_ID,
  addrs: z.array(MULTIADDR).min(1, 'a hub needs at least one address')
})

export const MEMBER = z.strictObject({
  name: NAME.optional(),
  peerId: PEER_ID
})

export const SUBNET = z.strictObject({
  name: NAME,
  hub: HUB,
  members: z.array(MEMBER).min(1, 'a subnet needs at least one member (an empty subnet serves nobody)')
})

export const ATTESTATION_ROOT = z.strictObject({
  name: NAME,
  publicKey: BASE64
})

export const BOOTSTRAP = z.strictObject({
  network: NAME,
  version: z.int().min(1).max(Number.MAX_SAFE_INTEGER).default(1),
  /** the key that signs versions of this definition (`shulian network add-subnet`); none: no live updates */
  authority: PUBLIC_KEY.optional(),
  attestationRoots: z.array(ATTESTATION_ROOT).default([]),
  subnets: z.array(SUBNET).min(1, 'a network needs at least one subnet'),
  /** the authority's signature over the canonical encoding (`topology/definition.ts`) */
  signature: BASE64.optional()
})

export type BootstrapInput = z.input<typeof BOOTSTRAP>
export type BootstrapParsed = z.output<typeof BOOTSTRAP>
