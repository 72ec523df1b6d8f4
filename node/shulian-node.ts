/**
 * A running shulian node: its libp2p peer, the links it keeps, and its control API.
 */
import { logger } from '@libp2p/logger'
import { Registry } from 'prom-client'
import { registerDiagnostics } from './api/diagnostics.js'
import { registerCoreRoutes } from './api/routes.js'
import { ControlApi } from './api/server.js'
import { createShulianLibp2p } from './create-libp2p.js'
import { ensureApiToken, removeApiInfo, writeApiInfo } from './data-dir.js'
import { Links } from './links.js'
import { NodeMarket } from './market/index.js'
import { Routes } from './routes.js'
import { nodeStatus } from './status.js'
import type { NodeConfig } from './config.js'
import type { Assembled, ShulianLibp2p } from './create-libp2p.js'
import type { CircuitTransport } from '../protocols/relay/index.js'
import type { LinkTarget } from './links.js'
import type { NodeStatus } from './status.js'

export class ShulianNode {
  readonly config: NodeConfig
  readonly libp2p: ShulianLibp2p
  readonly api: ControlApi
  readonly registry: Registry
  readonly links: Links
  apiUrl?: string

  readonly routes: Routes
  /** the compute market: orders, leases, their ledger */
  readonly market: NodeMarket
  /** participants: the transport of relayed connections */
  readonly circuits?: CircuitTransport

  private constructor (config: NodeConfig, assembled: Assembled, api: ControlApi, registry: Registry, routes: Routes, market: NodeMarket) {
    this.config = config
    this.libp2p = assembled.libp2p
    this.circuits = assembled.circuits
    this.api = api
    this.registry = registry
    this.routes = routes
    this.market = market
    this.links = new Links(this.libp2p, logger(`shulian:links:${config.name}`))
  }

  /** Build (but do not start) the node of `config`. */
  static async create (config: NodeConfig): Promise<ShulianNode> {
    const registry = new Registry()
    const routes = new Routes(config, config.relay.routeTtlMs)
    const market = NodeMarket.open(config)
    const assembled = await createShulianLibp2p(config, registry, routes, market)
    const api = new ControlApi(await ensureApiToken(config.dataDir))
    const node = new ShulianNode(config, assembled, api, registry, routes, market)
    market.attach(node.libp2p, api, registry)
    registerCoreRoutes(api, node)
    registerDiagnostics(node)
    return node
  }

  /** Start libp2p, the links to the peers this role needs, and the control API. */
  async start (): Promise<void> {
    await this.libp2p.start()
    await this.links.start(this.linkTargets())
    if (this.config.role === 'hub') {
      this.routes.start(this.libp2p)
    }
    this.market.start()
    this.apiUrl = await this.api.listen(this.config.api.host, this.config.api.port)
    // written last: its presence tells `net up` and the CLI that the node is serving
    await writeApiInfo(this.config.dataDir, { url: this.apiUrl, pid: process.pid, peerId: this.libp2p.peerId.toString() })
  }

  async stop (): Promise<void> {
    await removeApiInfo(this.config.dataDir)
    this.links.stop()
    this.routes.stop()
    await this.api.close()
    this.market.stop()
    await this.libp2p.stop()
    this.market.close()
  }

  status (): NodeStatus {
    return nodeStatus(this.config, this.libp2p)
  }

  /** A hub keeps a link to every other hub; a participant to its own hub. */
  private linkTargets (): LinkTarget[] {
    const { network, self } = this.config
    if (self.role === 'hub') {
      return network.hubs().filter(h => !h.peerId.equals(self.peerId)).map(h => ({ peerId: h.peerId, addrs: h.addrs }))
    }
    const hub = network.hubOf(self.peerId)
    return hub == null ? [] : [{ peerId: hub.peerId, addrs: hub.addrs }]
  }
}
