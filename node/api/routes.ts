/** The control API endpoints every node has. */
import { publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'
import { parseBootstrap } from '../../topology/index.js'
import { ApiError } from './server.js'
import type { ControlApi } from './server.js'
import type { ShulianNode } from '../shulian-node.js'

export function registerCoreRoutes (api: ControlApi, node: ShulianNode): void {
  api.route('GET', '/status', () => ({ body: node.status() }))

  // a full garbage collection, then the live heap: tells garbage a burst left from a leak (the
  // fuzzer judges memory this way). Token only (a dashboard session cannot POST).
  api.route('POST', '/debug/gc', () => {
    const gc = (globalThis as { gc?: () => void }).gc
    if (typeof gc !== 'function') throw new ApiError(409, 'this node runs without --expose-gc (`shulian node start` and `net up` add it)')
    const before = process.memoryUsage().heapUsed
    gc()
    return { body: { heapUsedBefore: before, heapUsedAfter: process.memoryUsage().heapUsed } }
  })

  // the network definition this node runs with (names for peer ids, for the CLI and dashboard)
  api.route('GET', '/network', () => {
    const net = node.config.network
    return {
      body: {
        id: net.id,
        version: net.version,
        signed: net.signature != null,
        authority: net.authority == null ? null : Buffer.from(publicKeyToProtobuf(net.authority)).toString('base64'),
        subnets: net.subnets.map(s => ({
          name: s.name,
          hub: { name: s.hub.name, peerId: s.hub.peerId.toString(), addrs: s.hub.addrs.map(String) },
          members: s.members.map(m => ({ name: m.name, peerId: m.peerId.toString() }))
        }))
      }
    }
  })

  // an operator hands a hub (or a participant) a newer signed version of the network definition
  // (`shulian network push`); a hub that adopts it pushes it to the other hubs and its members
  api.route('POST', '/network', async (req) => {
    let offered
    try {
      offered = parseBootstrap(req.body, 'the pushed definition')
    } catch (e: any) {
      node.networkState.refuse('api', e)
      throw new ApiError(400, e.message)
    }
    let status: 'accepted' | 'current' = 'accepted'
    try {
      await node.networkState.offer(offered, 'api')
    } catch (e: any) {
      if (e.code !== 'CURRENT') {
        throw new ApiError(409, `refused: ${e.message as string}`)
      }
      status = 'current'
    }
    // pushed again even when current: a push is how a lagging hub catches up
    const pushed = await node.libp2p.services.network.announce()
    return { body: { status, version: node.config.network.version, pushed } }
  })

  api.route('GET', '/metrics', async () => ({ body: await node.registry.metrics(), contentType: node.registry.contentType }))

  // ask the node to open a direct connection, as an operator would when debugging; the gater
  // still decides, so this is also how one checks that a forbidden link is refused
  api.route('POST', '/connect', async (req) => {
    const addr = (req.body as { addr?: unknown } | undefined)?.addr
    if (typeof addr !== 'string') {
      throw new ApiError(400, 'body must be { "addr": "<multiaddr with /p2p/<peer id>>" }')
    }
    let ma
    try {
      ma = multiaddr(addr)
    } catch {
      throw new ApiError(400, `"${addr}" is not a multiaddr`)
    }
    try {
      const conn = await node.libp2p.dial(ma, { signal: AbortSignal.timeout(10_000) })
      return { body: { peerId: conn.remotePeer.toString(), remoteAddr: conn.remoteAddr.toString() } }
    } catch (e: any) {
      throw new ApiError(409, `dial ${addr} refused: ${e.message}`)
    }
  })
}
