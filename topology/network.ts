import { publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { InvalidInputError, parseWith, readJsonFile } from '../keys/index.js'
import { BOOTSTRAP } from './schema.js'
import type { BootstrapInput, BootstrapParsed } from './schema.js'
import type { PeerId, PublicKey } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export type Role = 'hub' | 'participant'

/** One peer of the network definition. */
export interface PeerEntry {
  name: string
  role: Role
  subnet: string
  peerId: PeerId
}

export interface HubEntry extends PeerEntry {
  role: 'hub'
  addrs: Multiaddr[]
}

export interface SubnetEntry {
  name: string
  hub: HubEntry
  members: PeerEntry[]
}

export interface AttestationRoot {
  name: string
  /** base64 of the protobuf-encoded Ed25519 public key */
  publicKey: string
}

/**
 * The validated network definition: who is a hub, who is a member of which subnet. Everything in
 * it has been checked (`parseBootstrap`), so lookups never need to re-validate.
 */
export class Network {
  readonly id: string
  readonly version: number
  readonly attestationRoots: AttestationRoot[]
  readonly subnets: SubnetEntry[]
  /** the key that signs versions of this definition; without one the network takes no live updates */
  readonly authority?: PublicKey
  /** the authority's signature (checked by `verifyNetwork`, not by parsing) */
  readonly signature?: Uint8Array
  private readonly byPeer = new Map<string, PeerEntry | HubEntry>()
  private readonly byName = new Map<string, PeerEntry | HubEntry>()

  constructor (parsed: BootstrapParsed) {
    this.id = parsed.network
    this.version = parsed.version
    this.attestationRoots = parsed.attestationRoots
    this.authority = parsed.authority
    this.signature = parsed.signature === undefined ? undefined : new Uint8Array(Buffer.from(parsed.signature, 'base64'))
    this.subnets = parsed.subnets.map(s => {
      const hub: HubEntry = { name: s.hub.name ?? `hub-${s.name}`, role: 'hub', subnet: s.name, peerId: s.hub.peerId, addrs: s.hub.addrs }
      const members = s.members.map((m, i): PeerEntry => ({ name: m.name ?? `${s.name}-${i + 1}`, role: 'participant', subnet: s.name, peerId: m.peerId }))
      return { name: s.name, hub, members }
    })
    for (const s of this.subnets) {
      for (const p of [s.hub, ...s.members]) {
        this.byPeer.set(p.peerId.toString(), p)
        this.byName.set(p.name, p)
      }
    }
  }

  /** The entry of a peer, or undefined when the peer is not part of this network. */
  peer (peerId: PeerId | string): PeerEntry | HubEntry | undefined {
    return this.byPeer.get(peerId.toString())
  }

  /** The entry of a node by its name (as used for data directories). */
  named (name: string): PeerEntry | HubEntry | undefined {
    return this.byName.get(name)
  }

  subnet (name: string): SubnetEntry | undefined {
    return this.subnets.find(s => s.name === name)
  }

  hubs (): HubEntry[] {
    return this.subnets.map(s => s.hub)
  }

  isHub (peerId: PeerId | string): boolean {
    return this.peer(peerId)?.role === 'hub'
  }

  /** The hub serving a participant (or the hub itself for a hub). */
  hubOf (peerId: PeerId | string): HubEntry | undefined {
    const entry = this.peer(peerId)
    return entry == null ? undefined : this.subnet(entry.subnet)?.hub
  }

  /** Every peer of the network, hubs first. */
  peers (): PeerEntry[] {
    return [...this.hubs(), ...this.subnets.flatMap(s => s.members)]
  }

  /** This definition as `bootstrap.json` holds it (names resolved); `parseBootstrap` reads it back. */
  toJSON (): BootstrapInput {
    return {
      network: this.id,
      version: this.version,
      ...(this.authority == null ? {} : { authority: Buffer.from(publicKeyToProtobuf(this.authority)).toString('base64') }),
      attestationRoots: this.attestationRoots.map(r => ({ name: r.name, publicKey: r.publicKey })),
      subnets: this.subnets.map(s => ({
        name: s.name,
        hub: { name: s.hub.name, peerId: s.hub.peerId.toString(), addrs: s.hub.addrs.map(a => a.toString()) },
        members: s.members.map(m => ({ name: m.name, peerId: m.peerId.toString() }))
      })),
      ...(this.signature == null ? {} : { signature: Buffer.from(this.signature).toString('base64') })
    }
  }
}

/**
 * Validate a parsed JSON value as a network definition: the schema (peer ids, multiaddrs, names)
 * and the rules of the topology (DESIGN §1) that a schema cannot express.
 */
export function parseBootstrap (value: unknown, source = 'bootstrap.json'): Network {
  const parsed = parseWith(BOOTSTRAP, value, source)
  checkTopology(parsed, source)
  return new Network(parsed)
}

/** Read, parse and validate a `bootstrap.json` file. */
export async function loadBootstrap (path: string): Promise<Network> {
  return parseBootstrap(await readJsonFile(path), path)
}

function checkTopology (parsed: BootstrapParsed, source: string): void {
  const fail = (path: string, problem: string): never => { throw new InvalidInputError(source, path, problem) }
  const subnetNames = new Map<string, number>()
  const seen = new Map<string, { path: string, role: Role, subnet: string }>()
  const names = new Map<string, string>()

  parsed.subnets.forEach((s, i) => {
    const prev = subnetNames.get(s.name)
    if (prev !== undefined) {
      fail(`subnets[${i}].name`, `subnet name "${s.name}" is already used by subnets[${prev}]`)
    }
    subnetNames.set(s.name, i)

    const nodes: Array<{ path: string, role: Role, peerId: PeerId, name: string }> = [
      { path: `subnets[${i}].hub`, role: 'hub', peerId: s.hub.peerId, name: s.hub.name ?? `hub-${s.name}` },
      ...s.members.map((m, j) => ({ path: `subnets[${i}].members[${j}]`, role: 'participant' as const, peerId: m.peerId, name: m.name ?? `${s.name}-${j + 1}` }))
    ]
    for (const n of nodes) {
      const key = n.peerId.toString()
      const other = seen.get(key)
      if (other != null) {
        if (other.role === 'participant' && n.role === 'participant' && other.subnet !== s.name) {
          fail(`${n.path}.peerId`, `participant ${key} is already a member of subnet "${other.subnet}" (${other.path}); a participant belongs to exactly one subnet`)
        }
        if (other.role !== n.role) {
          fail(`${n.path}.peerId`, `peer ${key} is both a hub and a member (${other.path}); a hub cannot be a participant`)
        }
        fail(`${n.path}.peerId`, `duplicate peer id ${key} (also at ${other.path})`)
      }
      seen.set(key, { path: n.path, role: n.role, subnet: s.name })
      const sameName = names.get(n.name)
      if (sameName !== undefined) {
        fail(`${n.path}.name`, `node name "${n.name}" is already used at ${sameName}`)
      }
      names.set(n.name, n.path)
    }

    s.hub.addrs.forEach((addr, k) => {
      const id = addr.getComponents().find(c => c.name === 'p2p')?.value
      if (id !== undefined && id !== s.hub.peerId.toString()) {
        fail(`subnets[${i}].hub.addrs[${k}]`, `address names peer ${id}, not this hub (${s.hub.peerId.toString()})`)
      }
      if (addr.getComponents().some(c => c.name === 'p2p-circuit')) {
        fail(`subnets[${i}].hub.addrs[${k}]`, 'a hub must be directly reachable, not through a relay')
      }
      const undialable = undialableReason(addr)
      if (undialable !== undefined) {
        fail(`subnets[${i}].hub.addrs[${k}]`, `${undialable}; list the address others dial (the hub's announce address)`)
      }
    })
  })
}

/**
 * Why other machines could not dial `addr` as written (a wildcard host or port 0, which only mean
 * something to a listener), or undefined when they could.
 */
export function undialableReason (addr: Multiaddr): string | undefined {
  const comps = addr.getComponents()
  const host = comps[0]
  if ((host?.name === 'ip4' && host.value === '0.0.0.0') || (host?.name === 'ip6' && (host.value === '::' || host.value === '0:0:0:0:0:0:0:0'))) {
    return `${addr.toString()} names the wildcard address, which nobody can dial`
  }
  const port = comps.find(c => c.name === 'tcp' || c.name === 'udp')
  if (port?.value === '0') {
    return `${addr.toString()} has port 0, which only a listener can use`
  }
  return undefined
}
