/** The market's Prometheus metrics (prefixed `shulian_market_`), on the node's registry. */
import { Counter, Gauge, Summary } from 'prom-client'
import type { HubMarketEvents } from '../../market/index.js'
import type { Registry } from 'prom-client'

export function hubMarketMetrics (registry: Registry, counts: () => Record<string, number>): HubMarketEvents {
  const orders = new Counter({ name: 'shulian_market_orders_total', help: 'orders this hub accepted', labelNames: ['side'], registers: [registry] })
  const leases = new Counter({ name: 'shulian_market_leases_total', help: 'leases this hub formed as the renter\'s hub', labelNames: ['hubs'], registers: [registry] })
  const formation = new Summary({ name: 'shulian_market_lease_formation_seconds', help: 'from the decision to lease to the second hub signature kept', percentiles: [0.5, 0.9, 0.99], maxAgeSeconds: 600, ageBuckets: 5, registers: [registry] })
  const rounds = new Counter({ name: 'shulian_market_match_rounds_total', help: 'matching rounds', registers: [registry] })
  const fills = new Counter({ name: 'shulian_market_fills_total', help: 'fills planned by matching rounds', registers: [registry] })
  // eslint-disable-next-line no-new
  new Gauge({
    name: 'shulian_market_ledger',
    help: 'what the ledger holds now',
    labelNames: ['what'],
    registers: [registry],
    collect () {
      for (const [what, n] of Object.entries(counts())) this.set({ what }, n)
    }
  })
  return {
    order: (side) => { orders.inc({ side }) },
    leaseFormed: (lease, ms) => {
      leases.inc({ hubs: lease.role === 'both' ? 'one' : 'two' })
      if (ms != null) formation.observe(ms / 1000)
    },
    round: (n) => { rounds.inc(); fills.inc(n) }
  }
}
