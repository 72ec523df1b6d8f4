/**
 * The compute market in a node: its ledger (`<dataDir>/market.db`), the /shulian/orders and
 * /shulian/lease services, the offer records' DHT validator and selector (hubs), the hub's or
 * participant's side of the market, and its control API routes. `ShulianNode` calls
 * `NodeMarket.open` before assembling libp2p, `attach` after, and `start`/`stop` with the node.
 */
import { join } from 'node:path'
import { HubLedger, MarketError, OFFER_NAMESPACE, ParticipantLedger, offerSelector, offerValidator } from '../../market/index.js'
import { lease } from '../../protocols/lease/index.js'
import { orders } from '../../protocols/orders/index.js'
import { registerMarketRoutes } from './api.js'
import { hubSide } from './hub.js'
import { leaseSource, leasesForJob } from './jobs.js'
import { participantSide } from './participant.js'
import type { HubSide } from './hub.js'
import type { ParticipantHooks, ParticipantSide } from './participant.js'
import type { Job } from '../../compute/index.js'
import type { VerificationPolicy } from '../../keys/index.js'
import type { ProtectionMode } from '../../market/index.js'
import type { ControlApi } from '../api/server.js'
import type { LeaseSource, LeaseTerms } from '../lease-guard.js'
import type { NodeConfig } from '../config.js'
import type { ShulianLibp2p } from '../create-libp2p.js'
import type { Registry } from 'prom-client'

export { MARKET_CONFIG } from './config.js'
export type { MarketConfig } from './config.js'

/** The market's database file in a data directory. */
export const MARKET_DB = 'market.db'

export class NodeMarket {
  readonly config: NodeConfig
  readonly ledger: HubLedger | ParticipantLedger
  hub?: HubSide
  participant?: ParticipantSide

  private constructor (config: NodeConfig) {
    this.config = config
    const path = join(config.dataDir, MARKET_DB)
    this.ledger = config.role === 'hub' ? new HubLedger(path) : new ParticipantLedger(path)
  }

  static open (config: NodeConfig): NodeMarket {
    return new NodeMarket(config)
  }

  /** libp2p services: orders and lease, answering from this market once attached. */
  services (): Record<string, unknown> {
    const network = (): NodeConfig['network'] => this.config.network
    return this.config.role === 'hub'
      ? { orders: orders({ network, backend: () => this.hub?.orders }), lease: lease({ network, hub: () => this.hub?.lease }) }
      : { orders: orders({ network }), lease: lease({ network, member: () => this.participant?.lease }) }
  }

  /** kad-dht validators and selectors of the offer records. */
  dht (): { validators: Record<string, ReturnType<typeof offerValidator>>, selectors: Record<string, ReturnType<typeof offerSelector>> } {
    const network = (): NodeConfig['network'] => this.config.network
    return { validators: { [OFFER_NAMESPACE]: offerValidator(network) }, selectors: { [OFFER_NAMESPACE]: offerSelector(network) } }
  }

  /** Build this role's side of the market on the assembled libp2p peer and serve its API routes. */
  attach (libp2p: ShulianLibp2p, api: ControlApi, registry: Registry, hooks: ParticipantHooks = {}): void {
    if (this.ledger instanceof HubLedger) this.hub = hubSide(this.config, libp2p, this.ledger, registry)
    else this.participant = participantSide(this.config, libp2p, this.ledger, hooks)
    registerMarketRoutes(api, this)
  }

  /** For the lease guard: the lease a renter names, as this participant's hub delivered it. */
  leaseSource (): LeaseSource {
    return leaseSource(() => this.participant?.market)
  }

  /** For the job flow: the leases a job runs on (a BUY from its lease section, or those held). */
  async leasesForJob (job: Job, tee: VerificationPolicy | undefined, forced?: ProtectionMode | 'auto'): Promise<LeaseTerms[]> {
    const market = this.participant?.market
    if (market == null) throw new MarketError('REFUSED', 'only participants rent compute')
    return leasesForJob(market, job, tee, forced)
  }

  start (): void {
    this.hub?.start()
    this.participant?.start()
  }

  /** Stop the market's timers and listeners (requests still in flight may finish). */
  stop (): void {
    this.hub?.stop()
    this.participant?.stop()
  }

  /** Close the ledger; after libp2p has stopped, so that no request is left to use it. */
  close (): void {
    this.ledger.close()
  }
}
