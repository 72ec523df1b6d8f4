/**
 * What `GET /status` answers. The shape is a public contract (`shulian status --json`): fields may
 * be added, never renamed.
 */
import type { NodeConfig } from './config.js'
import type { DefinitionStatus } from './network-state.js'
import type { ShulianLibp2p } from './create-libp2p.js'

export interface ConnectionStatus {
  peerId: string
  role: string
  subnet: string | null
  name: string | null
  remoteAddr: string
  direction: string
  /** carried through hubs (participant to participant) */
  relayed: boolean
}

/** A circuit a hub is relaying. */
export interface CircuitStatus {
  source: string
  target: string
  route: string[]
  bytesForward: number
  bytesBackward: number
  ageMs: number
}

export interface NodeStatus {
  name: string
  network: string
  peerId: string
  role: string
  subnet: string
  listenAddrs: string[]
  connections: ConnectionStatus[]
  /** hubs only: the peers in the hub-tier DHT's routing table */
  dht?: { routingTable: string[] }
  /** hubs only: circuits being relayed now */
  circuits?: CircuitStatus[]
  /** the network definition in force: version, whether signed, where it came from, recent refusals */
  definition?: DefinitionStatus
  /** participants that offer an enclave: its kind, and whether its process is up (it starts when the node offers TEE compute, or a renter attests) */
  enclave?: { kind: string, simulated: boolean, running: boolean }
  /** this process: pid and memory in bytes (as process.memoryUsage() reports it) */
  process: { pid: number, uptimeS: number, rss: number, heapUsed: number, heapTotal: number, external: number, arrayBuffers: number }
}

export function nodeStatus (config: NodeConfig, libp2p: ShulianLibp2p): NodeStatus {
  const mem = process.memoryUsage()
  const status: NodeStatus = {
    process: { pid: process.pid, uptimeS: Math.round(process.uptime()), rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, arrayBuffers: mem.arrayBuffers },
    name: config.name,
    network: config.network.id,
    peerId: libp2p.peerId.toString(),
    role: config.role,
    subnet: config.subnet,
    listenAddrs: libp2p.getMultiaddrs().map(a => a.toString()),
    connections: libp2p.getConnections().map(c => {
      const entry = config.network.peer(c.remotePeer)
      return {
        peerId: c.remotePeer.toString(),
        role: entry?.role ?? 'unknown',
        subnet: entry?.subnet ?? null,
        name: entry?.name ?? null,
        remoteAddr: c.remoteAddr.toString(),
        direction: c.direction,
        relayed: c.remoteAddr.getComponents().some(p => p.name === 'p2p-circuit')
      }
    })
  }
  const dht = libp2p.services.dht as undefined | { routingTable?: { kb?: { toIterable: () => Iterable<{ peerId: { toString: () => string } }> } } }
  const kb = dht?.routingTable?.kb
  if (kb != null) {
    status.dht = { routingTable: [...kb.toIterable()].map(p => p.peerId.toString()) }
  }
  const relay = libp2p.services.relay
  if (relay != null) {
    const now = Date.now()
    status.circuits = relay.circuits().map(c => ({ source: c.source, target: c.target, route: c.route, bytesForward: c.bytesForward, bytesBackward: c.bytesBackward, ageMs: now - c.startedAt }))
  }
  return status
}
