/**
 * Signed versions of the network definition. A network's **authority** (an Ed25519 key whose public
 * half is in `bootstrap.json`) signs each version over a canonical protobuf encoding; a node takes a
 * version it receives at run time only when `checkUpdate` accepts it: same network, same authority,
 * a valid signature, and a higher version than the one in force.
 */
import { publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromMultihash } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import * as Digest from 'multiformats/hashes/digest'
import { fromString as uint8ArrayFromString } from 'uint8arrays/from-string'
import { InvalidInputError } from '../keys/index.js'
import { parseBootstrap } from './network.js'
import { NetworkDefinition } from './pb/network-definition.js'
import type { Network } from './network.js'
import type { BootstrapInput } from './schema.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

/** Domain separation: a definition signature can never pass for another record's. */
const SIGNATURE_DOMAIN = uint8ArrayFromString('shulian-network-definition:')

/** Largest encoded definition accepted (a member takes about 60 bytes: tens of thousands of members). */
export const MAX_DEFINITION_SIZE = 2 * 1024 * 1024

const DECODE_LIMITS = { attestationRoots: 64, subnets: 4096, subnets$: { hub: { addrs: 16 }, members: 100_000 } }

/** A definition as it travels: the canonical encoding and the authority's signature over it. */
export interface SignedDefinition {
  definition: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

/** Why a definition was refused. `code` is for programs, the message for people. */
export class NetworkUpdateError extends Error {
  static name = 'NetworkUpdateError'
  readonly code: 'MALFORMED' | 'OTHER_NETWORK' | 'NO_AUTHORITY' | 'UNSIGNED' | 'AUTHORITY_CHANGED' | 'BAD_SIGNATURE' | 'EXCLUDED' | 'OLDER' | 'CURRENT'
  /** the version offered, when it could be read */
  readonly version?: number

  constructor (code: NetworkUpdateError['code'], message: string, version?: number) {
    super(message)
    this.name = 'NetworkUpdateError'
    this.code = code
    this.version = version
  }
}

/** The canonical encoding of a definition, without its signature: what the authority signs. */
export function encodeDefinition (network: Network): Uint8Array<ArrayBuffer> {
  return NetworkDefinition.encode({
    network: network.id,
    version: BigInt(network.version),
    authority: network.authority == null ? new Uint8Array(0) : publicKeyToProtobuf(network.authority) as Uint8Array<ArrayBuffer>,
    attestationRoots: network.attestationRoots.map(r => ({ name: r.name, publicKey: new Uint8Array(Buffer.from(r.publicKey, 'base64')) })),
    subnets: network.subnets.map(s => ({
      name: s.name,
      hub: { name: s.hub.name, peerId: s.hub.peerId.toMultihash().bytes as Uint8Array<ArrayBuffer>, addrs: s.hub.addrs.map(a => a.bytes as Uint8Array<ArrayBuffer>) },
      members: s.members.map(m => ({ name: m.name, peerId: m.peerId.toMultihash().bytes as Uint8Array<ArrayBuffer> }))
    }))
  })
}

function signedBytes (definition: Uint8Array): Uint8Array {
  const out = new Uint8Array(SIGNATURE_DOMAIN.length + definition.length)
  out.set(SIGNATURE_DOMAIN)
  out.set(definition, SIGNATURE_DOMAIN.length)
  return out
}

/**
 * Sign `network` as its authority: returns the same definition with `authority` set to the key's
 * public half and the signature attached. Refuses a key that is not the authority the definition
 * already names.
 */
export async function signNetwork (network: Network, authorityKey: PrivateKey, source = 'network definition'): Promise<Network> {
  if (authorityKey.type !== 'Ed25519') {
    throw new InvalidInputError(source, 'authority', `the authority key must be Ed25519, not ${authorityKey.type}`)
  }
  if (network.authority != null && !network.authority.equals(authorityKey.publicKey)) {
    throw new InvalidInputError(source, 'authority', 'this key is not the authority of the network (its public key differs from "authority"); sign with the authority key')
  }
  const json = { ...network.toJSON(), authority: Buffer.from(publicKeyToProtobuf(authorityKey.publicKey)).toString('base64'), signature: undefined }
  const unsigned = parseBootstrap(json, source)
  const signature = await authorityKey.sign(signedBytes(encodeDefinition(unsigned)))
  return parseBootstrap({ ...json, signature: Buffer.from(signature).toString('base64') }, source)
}

/** True when `network` carries a valid signature by `authority` (by default, its own). */
export async function verifyNetwork (network: Network, authority = network.authority): Promise<boolean> {
  if (authority == null || network.signature == null) {
    return false
  }
  try {
    return await authority.verify(signedBytes(encodeDefinition(network)), network.signature)
  } catch {
    return false
  }
}

/** The wire form of a signed definition. */
export function toSigned (network: Network): SignedDefinition {
  if (network.signature == null) {
    throw new Error(`version ${network.version} of network ${network.id} is not signed`)
  }
  return { definition: encodeDefinition(network), signature: new Uint8Array(network.signature) }
}

/**
 * Decode a definition received from a peer and check it as `bootstrap.json` is checked (schema and
 * topology rules). The signature is attached, not verified: `checkUpdate` does that.
 */
export function fromSigned (signed: SignedDefinition, source: string): Network {
  if (signed.definition.byteLength > MAX_DEFINITION_SIZE) {
    throw new NetworkUpdateError('MALFORMED', `${source}: a definition of ${signed.definition.byteLength} bytes is over the ${MAX_DEFINITION_SIZE} byte limit`)
  }
  let pb: NetworkDefinition
  try {
    pb = NetworkDefinition.decode(signed.definition, { limits: DECODE_LIMITS } as any)
  } catch (e: any) {
    throw new NetworkUpdateError('MALFORMED', `${source}: the definition does not decode (${e.message})`)
  }
  const version = pb.version <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(pb.version) : undefined
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')
  const peer = (bytes: Uint8Array): string => {
    try {
      return peerIdFromMultihash(Digest.decode(bytes)).toString()
    } catch {
      throw new NetworkUpdateError('MALFORMED', `${source}: the definition holds a peer id that does not decode`, version)
    }
  }
  const addr = (bytes: Uint8Array): string => {
    try {
      return multiaddr(bytes).toString()
    } catch {
      throw new NetworkUpdateError('MALFORMED', `${source}: the definition holds an address that does not decode`, version)
    }
  }
  const input: BootstrapInput = {
    network: pb.network,
    version: version ?? Number.MAX_SAFE_INTEGER + 1,
    ...(pb.authority.byteLength === 0 ? {} : { authority: b64(pb.authority) }),
    attestationRoots: pb.attestationRoots.map(r => ({ name: r.name, publicKey: b64(r.publicKey) })),
    subnets: pb.subnets.map(s => ({
      name: s.name,
      hub: { name: s.hub?.name, peerId: peer(s.hub?.peerId ?? new Uint8Array(0)), addrs: (s.hub?.addrs ?? []).map(addr) },
      members: s.members.map(m => ({ name: m.name, peerId: peer(m.peerId) }))
    })),
    ...(signed.signature.byteLength === 0 ? {} : { signature: b64(signed.signature) })
  }
  try {
    return parseBootstrap(input, source)
  } catch (e: any) {
    throw new NetworkUpdateError('MALFORMED', e.message, version)
  }
}

/**
 * Decide whether `offered` may replace `current`: it must be the same network, signed by the same
 * authority (an update cannot change the authority key), keep `self` (when given) in the role and
 * subnet it has, and be newer. Throws `NetworkUpdateError`.
 */
export async function checkUpdate (current: Network, offered: Network, self?: PeerId): Promise<void> {
  const v = offered.version
  if (offered.id !== current.id) {
    throw new NetworkUpdateError('OTHER_NETWORK', `version ${v} is of network "${offered.id}", not "${current.id}"`, v)
  }
  if (current.authority == null) {
    throw new NetworkUpdateError('NO_AUTHORITY', `network "${current.id}" names no authority key in its bootstrap, so it takes no signed updates; restart the node with the new bootstrap.json instead`, v)
  }
  if (offered.signature == null) {
    throw new NetworkUpdateError('UNSIGNED', `version ${v} is not signed by the network's authority`, v)
  }
  if (offered.authority == null || !offered.authority.equals(current.authority)) {
    throw new NetworkUpdateError('AUTHORITY_CHANGED', `version ${v} names another authority key; an update cannot change the authority (distribute a new bootstrap.json for that)`, v)
  }
  if (!await verifyNetwork(offered, current.authority)) {
    throw new NetworkUpdateError('BAD_SIGNATURE', `version ${v} has a signature that is not the authority's`, v)
  }
  if (self != null) {
    const now = current.peer(self)
    const then = offered.peer(self)
    if (now != null && (then?.role !== now.role || then.subnet !== now.subnet)) {
      throw new NetworkUpdateError('EXCLUDED', `version ${v} does not keep this node (${now.name}) as ${now.role} of subnet "${now.subnet}"; a node cannot be moved or removed while it runs`, v)
    }
  }
  if (v === current.version) {
    throw new NetworkUpdateError('CURRENT', `version ${v} is already in force`, v)
  }
  if (v < current.version) {
    throw new NetworkUpdateError('OLDER', `version ${v} is older than version ${current.version} in force`, v)
  }
}

/** A subnet as `shulian subnet create` describes it for the authority (`subnet-entry.json`). */
export type SubnetInput = BootstrapInput['subnets'][number]

/**
 * The next version of `current` with `subnet` added (unsigned; the authority signs it). Fails, as
 * `bootstrap.json` validation does, when a name or peer id is already in the network.
 */
export function withSubnet (current: Network, subnet: SubnetInput, source: string): Network {
  const json = current.toJSON()
  return parseBootstrap({ ...json, version: current.version + 1, subnets: [...json.subnets, subnet], signature: undefined }, source)
}
