/**
 * A running shulian node: its libp2p peer, the links it keeps, and its control API.
 */
import { logger } from '@libp2p/logger'
import { Registry } from 'prom-client'
import { allowedPeer, isCircuitAddr } from '../topology/index.js'
import { registerDiagnostics } from './api/diagnostics.js'
import { registerCoreRoutes } from './api/routes.js'
import { ControlApi } from './api/server.js'
import { createShulianLibp2p } from './create-libp2p.js'
import { ensureApiToken, removeApiInfo, writeApiInfo } from './data-dir.js'
import { Links } from './links.js'
import { LeaseGuard } from './lease-guard.js'
import { NodeMarket } from './market/index.js'
import { NetworkState, storeNetwork } from './network-state.js'
import { Routes } from './routes.js'
import { nodeTee } from './tee.js'
import { registerJobRoutes } from './job/routes.js'
import { MAX_JOINT_RUNS, registerDashboard } from './dashboard/index.js'
import type { Dashboard } from './dashboard/index.js'
import { JobError, JobRunner } from './job/runner.js'
import { JobStore } from './job/store.js'
import { JointPartner, JointRunner, JointStore, registerJointRoutes } from './joint/index.js'
import { createJointPool } from '../compute/index.js'
import { LazyEnclave } from '../compute/enclave/index.js'
import type { LeaseTerms } from './lease-guard.js'
import type { Job } from '../compute/index.js'
import type { JobPolicyChoice } from './job/types.js'
import { createHePool } from '../compute/index.js'
import type { NodeTee } from './tee.js'
import type { TaskRunner, WorkerPool } from '../compute/index.js'
import { nodeStatus } from './status.js'
import type { NodeConfig } from './config.js'
import type { Assembled, ShulianLibp2p } from './create-libp2p.js'
import type { CircuitTransport } from '../protocols/relay/index.js'
import type { Network } from '../topology/index.js'
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
  tee: NodeTee = {}
  guard?: LeaseGuard
  hePool: () => TaskRunner = () => { throw new Error('no HE pool') }
  private closePool: () => Promise<void> = async () => {}
  jobStore?: JobStore
  jointStore?: JointStore
  /** the leases a job runs on; the market provides them */
  leasesForJob: (job: Job, policy?: JobPolicyChoice) => Promise<LeaseTerms[]> = async () => {
    throw new JobError('this node has no market to lease compute from')
  }
  /** participants: the transport of relayed connections */
  readonly circuits?: CircuitTransport
  /** the network definition in force and its signed updates */
  readonly networkState: NetworkState
  /** the compute market: orders, leases, their ledger */
  readonly market: NodeMarket
  /** the operator dashboard on the control API (node/dashboard) */
  dashboard?: Dashboard

  private constructor (config: NodeConfig, assembled: Assembled, api: ControlApi, registry: Registry, routes: Routes, networkState: NetworkState, market: NodeMarket) {
    this.config = config
    this.libp2p = assembled.libp2p
    this.circuits = assembled.circuits
    this.api = api
    this.registry = registry
    this.routes = routes
    this.networkState = networkState
    this.market = market
    this.links = new Links(this.libp2p, logger(`shulian:links:${config.name}`))
    networkState.onChange(async (next) => { await this.onNetworkChange(next) })
  }

  /** Build (but do not start) the node of `config`. */
  static async create (config: NodeConfig): Promise<ShulianNode> {
    const registry = new Registry()
    const routes = new Routes(config, config.relay.routeTtlMs)
    const tee = await nodeTee(config)
    const market = NodeMarket.open(config)
    // a lessor attests and takes subtasks only under leases its hub delivered
    const guard = new LeaseGuard(config.self.peerId, market.leaseSource())
    let pool: WorkerPool | undefined
    const hePool = (): WorkerPool => { pool ??= createHePool(); return pool }
    const networkState = new NetworkState(config, config.networkSource, config.networkRefusals)
    // joint trainings: their own worker pool (HE keygen and decryption, the partner's rounds)
    let jointPool: WorkerPool | undefined
    const jointPoolOf = (): WorkerPool => { jointPool ??= createJointPool(); return jointPool }
    const jointStore = config.role === 'participant' ? new JointStore(config.dataDir) : undefined
    const partner = jointStore === undefined ? undefined : new JointPartner(jointStore, jointPoolOf)
    const assembled = await createShulianLibp2p(config, registry, { routes, tee, guard, hePool, networkState, market, jointPartner: () => partner?.handlers() })
    const api = new ControlApi(await ensureApiToken(config.dataDir))
    const node = new ShulianNode(config, assembled, api, registry, routes, networkState, market)
    // a lessor starts its enclave when it offers TEE compute, not when a renter first attests: a
    // simulated enclave is an OS process that takes most of a second to start, and the renter's
    // job would wait for it
    market.attach(node.libp2p, api, registry, {
      onOrder: (order) => {
        if (order.side === 'sell' && order.protection.tee !== null && tee.enclave instanceof LazyEnclave) {
          tee.enclave.warm(err => { logger(`shulian:tee:${config.name}`).error('could not start the enclave for a TEE offer: %s', err.message) })
        }
      }
    })
    node.leasesForJob = async (job, policy) => market.leasesForJob(job, tee.policy, policy)
    node.tee = tee
    node.guard = guard
    node.closePool = async () => { await pool?.close(); pool = undefined; await jointPool?.close(); jointPool = undefined }
    node.hePool = hePool
    if (config.role === 'participant') {
      const store = new JobStore(config.dataDir)
      node.jobStore = store
      registerJobRoutes(api, { runner: new JobRunner(node, store), store, leases: async (job, policy) => node.leasesForJob(job, policy) })
      if (jointStore !== undefined && partner !== undefined) {
        node.jointStore = jointStore
        registerJointRoutes(api, { runner: new JointRunner(node, jointStore, jointPoolOf), partner, store: jointStore })
      }
    }
    registerCoreRoutes(api, node)
    registerDiagnostics(node)
    node.dashboard = registerDashboard(node)
    if (jointStore !== undefined) {
      // joint trainings in the Jobs view, read from the store while someone watches
      node.dashboard.joint.source(() => (['renter', 'partner'] as const).flatMap(role => jointStore.list(role, MAX_JOINT_RUNS).map(r => ({
        id: r.id,
        name: role === 'renter' ? r.name : `${r.name} (as the partner)`,
        status: r.status,
        rounds: r.round,
        // only the renter learns the loss; the partner's rounds carry none
        loss: role === 'renter' ? jointStore.losses(r.id, role) : [],
        peer: r.peer,
        ...(r.error != null ? { error: r.error } : {}),
        updated: r.updated
      }))))
    }
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
    this.dashboard?.stop()
    await this.api.close()
    this.market.stop()
    await this.libp2p.stop()
    this.market.close()
    await this.tee.enclave?.stop()
    await this.closePool()
    this.jobStore?.close()
    this.jointStore?.close()
  }

  status (): NodeStatus {
    const enclave = this.tee.enclave
    return {
      ...nodeStatus(this.config, this.libp2p),
      definition: this.networkState.status(),
      ...(enclave !== undefined ? { enclave: { kind: String(enclave.kind).toLowerCase(), simulated: enclave.simulated, running: enclave instanceof LazyEnclave ? enclave.started : true } } : {})
    }
  }

  /**
   * A newer network definition was adopted (the gater, routing and relay already read it): keep it
   * for restarts, link to the hubs it adds, stop linking to those it drops, and close connections
   * it no longer allows.
   */
  private async onNetworkChange (next: Network): Promise<void> {
    await storeNetwork(this.config.dataDir, next)
    const wanted = this.linkTargets()
    const known = new Set(this.links.wanted().map(String))
    for (const t of wanted) {
      if (!known.has(t.peerId.toString()) || this.libp2p.getConnections(t.peerId).length === 0) {
        await this.links.add(t)
      }
    }
    for (const p of this.links.wanted()) {
      if (!wanted.some(t => t.peerId.equals(p))) this.links.remove(p)
    }
    const gate = { self: this.config.self.peerId, role: this.config.role, subnet: this.config.subnet, network: () => next, relayed: this.config.role !== 'hub' }
    for (const c of this.libp2p.getConnections()) {
      if (!allowedPeer(gate, c.remotePeer, isCircuitAddr(c.remoteAddr))) {
        await c.close().catch((err: Error) => { c.abort(err) })
      }
    }
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
