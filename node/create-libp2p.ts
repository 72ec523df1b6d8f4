/**
 * Assemble the libp2p peer of a node from its config: TCP + Noise + yamux, the topology gater,
 * identify, ping and echo everywhere; on hubs the hub-tier Kademlia DHT (with the route record
 * validator) and the relay service; on participants the circuit transport and hub routing, so that
 * they dial each other by peer id through their hubs. Everything that consults the network
 * definition reads `config.network` through a function, so a newer signed version takes effect
 * everywhere at once.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { echo } from '@libp2p/echo'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import { createLibp2p } from 'libp2p'
import { evaluateSubtask } from '../compute/index.js'
import { AttestNotAuthorizedError, attest } from '../protocols/attest/index.js'
import { ECHO_STREAM_TIMEOUT } from '../protocols/diagnostics/echo.js'
import { networkSync } from '../protocols/network/index.js'
import { circuitTransport, hubRelay, hubRouting } from '../protocols/relay/index.js'
import { TaskError, taskLessor } from '../protocols/task/index.js'
import { joint } from '../protocols/joint/index.js'
import type { JointPartnerHandlers } from '../protocols/joint/index.js'
import { ROUTE_NAMESPACE, createGater, routeSelector, routeValidator } from '../topology/index.js'
import { batchedTcp } from './batched-tcp.js'
import { noiseCrypto } from './noise-crypto.js'
import { tapWriter } from './tap.js'
import { jointAudit } from './joint/audit.js'
import type { NodeConfig } from './config.js'
import type { LeaseGuard } from './lease-guard.js'
import type { NodeMarket } from './market/index.js'
import type { NetworkState } from './network-state.js'
import type { Routes } from './routes.js'
import type { NodeTee } from './tee.js'
import type { TaskRunner } from '../compute/index.js'
import type { Attest } from '../protocols/attest/index.js'
import type { Lease } from '../protocols/lease/index.js'
import type { NetworkSync } from '../protocols/network/index.js'
import type { Orders } from '../protocols/orders/index.js'
import type { CircuitTransport, HubRelay } from '../protocols/relay/index.js'
import type { Echo } from '@libp2p/echo'
import type { Identify } from '@libp2p/identify'
import type { Libp2p } from '@libp2p/interface'
import type { KadDHT } from '@libp2p/kad-dht'
import type { Ping } from '@libp2p/ping'
import type { Registry } from 'prom-client'

/** Protocol id of the hub-tier DHT: not the public IPFS DHT, and never mixed with it. */
export const KAD_PROTOCOL = '/shulian/kad/1.0.0'

/** Largest yamux receive window of a hub's streams. */
export const HUB_STREAM_WINDOW = 2 * 1024 * 1024

export interface ShulianServices extends Record<string, unknown> {
  identify: Identify
  ping: Ping
  echo: Echo
  /** signed versions of the network definition, pushed hub to hub and hub to member */
  network: NetworkSync
  dht?: KadDHT
  relay?: HubRelay
  /** participants: attest lessors' enclaves (renter) and, with an enclave, be attested (lessor) */
  attest?: Attest
  /** the compute market: /shulian/orders/1.0.0 and /shulian/lease/1.0.0 */
  orders?: Orders
  lease?: Lease
}

/** What a node's services are built from besides its config. */
export interface NodeParts {
  routes: Routes
  tee: NodeTee
  guard: LeaseGuard
  /** the HE worker pool, started on first use */
  hePool: () => TaskRunner
  /** the network definition in force and its signed updates */
  networkState: NetworkState
  /** the compute market (its services, and its offer records' DHT validator and selector) */
  market: NodeMarket
  /** participants: the partner's side of joint trainings while the node serves data */
  jointPartner?: () => JointPartnerHandlers | undefined
}

export type ShulianLibp2p = Libp2p<ShulianServices>

export interface Assembled {
  libp2p: ShulianLibp2p
  /** participants: the circuit transport (routes of relayed connections) */
  circuits?: CircuitTransport
}

export async function createShulianLibp2p (config: NodeConfig, registry: Registry, parts: NodeParts): Promise<Assembled> {
  const { routes, tee, guard, networkState, market } = parts
  const hub = config.role === 'hub'
  const network = (): typeof config.network => config.network
  const gater = createGater({ self: config.self.peerId, role: config.role, subnet: config.subnet, network, relayed: !hub })
  let circuits: CircuitTransport | undefined

  const services: Record<string, any> = {
    identify: identify(),
    // the connection monitor pings every connection too; with the default of one outbound ping
    // stream, a user's ping and the monitor's collide and the monitor aborts the connection
    ping: ping({ maxInboundStreams: 8, maxOutboundStreams: 8 }),
    // diagnostics: `shulian echo` moves data to a peer and checks it comes back intact. @libp2p/echo
    // aborts an echo stream 20 s after it opens, whatever is still flowing: 50 MB through two hubs
    // on a loaded machine takes longer, and the echo came back cut short (it failed CI once)
    echo: echo({ maxInboundStreams: 4, maxOutboundStreams: 4, timeout: ECHO_STREAM_TIMEOUT }),
    network: networkSync({ role: config.role, network, offer: async (offered, from) => { await networkState.offer(offered, from.toString()) } }),
    ...market.services()
  }
  if (hub) {
    services.dht = kadDHT({
      protocol: KAD_PROTOCOL,
      clientMode: false,
      // the default mapper drops private and loopback addresses, which would leave a local
      // network's hubs unable to find each other; the gater already limits who may talk to whom
      peerInfoMapper: passthroughMapper,
      // a hub tier has few peers; do not wait for a full bucket before querying
      allowQueryWithZeroPeers: true,
      validators: { [ROUTE_NAMESPACE]: routeValidator(network), ...market.dht().validators },
      selectors: { [ROUTE_NAMESPACE]: routeSelector(network), ...market.dht().selectors }
    })
    services.relay = hubRelay({
      network,
      findRoute: async (peer, options) => routes.find(peer, options),
      routeFailed: (peer) => { routes.forget(peer) },
      maxCircuits: config.relay.maxCircuits,
      maxCircuitsPerMember: config.relay.maxCircuitsPerMember,
      maxInFlight: config.relay.maxInFlight,
      idleTimeout: config.relay.idleTimeoutMs,
      tap: config.relay.tapDir === undefined ? undefined : tapWriter(config.relay.tapDir)
    })
  } else {
    services.attest = attest({
      enclave: tee.enclave,
      policy: tee.policy,
      // the guard speaks task codes (NO_LEASE, LEASE_EXPIRED, MODE_UNAVAILABLE); attest answers them all
      // as NOT_AUTHORIZED (anything else thrown there would reset the stream as a bug)
      authorize: async (req) => {
        await guard.authorizeAttest(req.renter, req.leaseId).catch((err: unknown) => {
          throw err instanceof TaskError ? new AttestNotAuthorizedError(`${err.code}: ${err.message}`) : err
        })
      }
    })
    services.task = taskLessor({
      authorize: async (req) => guard.authorizeTask(req),
      evaluateHe: async (input) => evaluateSubtask(input, parts.hePool()),
      enclave: () => tee.enclave
    })
    // joint trainings: a lessor's enclave runs, and the partner's side while it serves data
    services.joint = joint({
      authorize: async (req) => guard.authorizeTask(req),
      enclave: () => tee.enclave,
      partner: () => parts.jointPartner?.(),
      tap: jointAudit(config.dataDir)?.tap
    })
  }

  const node = await createLibp2p({
    privateKey: config.privateKey,
    start: false,
    addresses: {
      listen: config.listen.map(a => a.toString()),
      announce: config.announce.map(a => a.toString())
    },
    transports: hub ? [batchedTcp()] : [batchedTcp(), circuitTransport({ network }, (t) => { circuits = t })],
    peerRouters: hub ? [] : [hubRouting(network)],
    connectionEncrypters: [noise({ crypto: noiseCrypto })],
    // a hub pauses a circuit's sending side when the onward side is full; the sender may still
    // use the window it was granted, which lands in the hub's memory. A 2 MiB window (yamux
    // allows up to 16 MiB) bounds that, and loopback or LAN round trips do not need more
    streamMuxers: [hub ? yamux({ streamOptions: { maxStreamWindowSize: HUB_STREAM_WINDOW } }) : yamux()],
    connectionGater: gater,
    // libp2p pings every connection and aborts it when a ping times out. A relayed connection that
    // carries bulk data queues pings behind megabytes in the hubs' and yamux's buffers, and a busy
    // machine makes that worse: a 2 s adaptive timeout killed healthy 50 MB transfers. Dead links
    // are still found, within a minute.
    connectionMonitor: { pingTimeout: { minTimeout: 30_000, maxTimeout: 60_000 } },
    metrics: prometheusMetrics({ registry, collectDefaultMetrics: true }),
    services
  })
  return { libp2p: node as unknown as ShulianLibp2p, circuits }
}
