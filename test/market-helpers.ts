/** Helpers of the market's integration tests (real node processes). */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { callApi } from '../node/api/client.js'
import { waitFor } from './helpers/cli.js'
import type { PrivateKey } from '@libp2p/interface'

/** Call a node's control API directly (no CLI process: timing-sensitive tests need that). */
export async function api<T = any> (dir: string, path: string, body?: unknown, timeout = 90_000): Promise<T> {
  return callApi<T>(dir, path, { body, timeout })
}

/** Write a lease list (or anything) as JSON for `lease verify`. */
export async function writeJson (dir: string, name: string, value: unknown): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, JSON.stringify(value, null, 2))
  return path
}

/** Wait until no hub among `hubs` has interrupted work left (formations, confirmations, deliveries, ends, held reservations). */
export async function quiescent (hubDirs: string[], ms = 60_000): Promise<void> {
  await waitFor('the hubs to finish their market work', async () => {
    for (const d of hubDirs) {
      const s = await api(d, '/market/status')
      if (s.formationsPending + s.formationsDriving + s.leasesUnconfirmed + s.deliveriesPending + s.endsUnsynced + s.reservationsHeld > 0) return undefined
    }
    return true
  }, ms)
}

/**
 * A libp2p node with a member's real key and none of the rules: it speaks the market protocols
 * and (with `dht`) the hub-tier DHT, accepting any record itself, to attack a hub.
 */
export async function rogueMember (key: PrivateKey, options: { dht?: boolean } = {}): Promise<any> {
  const services: Record<string, any> = { identify: identify(), ping: ping() }
  if (options.dht === true) {
    services.dht = kadDHT({
      protocol: '/shulian/kad/1.0.0',
      clientMode: false,
      peerInfoMapper: passthroughMapper,
      allowQueryWithZeroPeers: true,
      validators: { 'shulian-route': async () => {}, 'shulian-offers': async () => {} },
      selectors: { 'shulian-route': () => 0, 'shulian-offers': () => 0 }
    })
  }
  return createLibp2p({
    privateKey: key,
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services
  })
}
