/**
 * Assemble the libp2p peer of a node from its config: TCP + Noise + yamux, the topology gater,
 * identify and ping everywhere, and the hub-tier Kademlia DHT on hubs only.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { Registry } from 'prom-client'
import { createGater } from '../topology/index.js'
import type { NodeConfig } from './config.js'
import type { Identify } from '@libp2p/identify'
import type { Libp2p } from '@libp2p/interface'
import type { KadDHT } from '@libp2p/kad-dht'
import type { Ping } from '@libp2p/ping'

/** Protocol id of the hub-tier DHT: not the public IPFS DHT, and never mixed with it. */
export const KAD_PROTOCOL = '/shulian/kad/1.0.0'

export interface ShulianServices extends Record<string, unknown> {
  identify: Identify
  ping: Ping
  dht?: KadDHT
}

export type ShulianLibp2p = Libp2p<ShulianServices>

export async function createShulianLibp2p (config: NodeConfig, registry: Registry): Promise<ShulianLibp2p> {
  const hub = config.role === 'hub'
  const gater = createGater({
    self: config.self.peerId,
    role: config.role,
    subnet: config.subnet,
    network: () => config.network
  })

  const services: Record<string, any> = {
    identify: identify(),
    ping: ping()
  }
  if (hub) {
    services.dht = kadDHT({
      protocol: KAD_PROTOCOL,
      clientMode: false,
      // the default mapper drops private and loopback addresses, which would leave a local
      // network's hubs unable to find each other; the gater already limits who may talk to whom
      peerInfoMapper: passthroughMapper,
      // a hub tier has few peers; do not wait for a full bucket before querying
      allowQueryWithZeroPeers: true
    })
  }

  const node = await createLibp2p({
    privateKey: config.privateKey,
    start: false,
    addresses: {
      listen: config.listen.map(a => a.toString()),
      announce: config.announce.map(a => a.toString())
    },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: gater,
    metrics: prometheusMetrics({ registry, collectDefaultMetrics: true }),
    services
  })
  return node as unknown as ShulianLibp2p
}
