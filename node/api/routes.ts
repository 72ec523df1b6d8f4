/** The control API endpoints every node has. */
import { multiaddr } from '@multiformats/multiaddr'
import { ApiError } from './server.js'
import type { ControlApi } from './server.js'
import type { ShulianNode } from '../shulian-node.js'

export function registerCoreRoutes (api: ControlApi, node: ShulianNode): void {
  api.route('GET', '/status', () => ({ body: node.status() }))

  // the network definition this node runs with (names for peer ids, for the CLI and dashboard)
  api.route('GET', '/network', () => {
    const net = node.config.network
    return {
      body: {
        id: net.id,
        version: net.version,
        subnets: net.subnets.map(s => ({
          name: s.name,
          hub: { name: s.hub.name, peerId: s.hub.peerId.toString(), addrs: s.hub.addrs.map(String) },
          members: s.members.map(m => ({ name: m.name, peerId: m.peerId.toString() }))
        }))
      }
    }
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
