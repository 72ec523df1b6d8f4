/**
 * What the dashboard shows, as topics: each a function that assembles one view's data from the
 * same JSON the control API serves (`ControlApi.invoke`), so the page and the CLI read one
 * contract. The event stream sends a topic again only when it changed.
 */
import { leaseJson, verifyLease } from '../../market/index.js'
import type { ControlApi } from '../api/server.js'
import type { JointRuns } from './joint-runs.js'
import type { ShulianNode } from '../shulian-node.js'
import type { LeaseJson, OrderJson } from '../../market/index.js'
import type { Registry } from 'prom-client'

export type Topic = () => Promise<unknown>

/** How long the hub tier's offers (DHT lookups) are reused between snapshots, ms. */
export const OFFERS_REFRESH_MS = 5_000
/** Job reports sent in full (the newest ones); older jobs appear in the list only. */
export const JOB_DETAILS = 20
/** Leases and matches listed at most. */
export const MAX_LISTED = 100

export type SignatureState = 'valid' | 'invalid' | 'missing'

export interface LeaseView extends LeaseJson {
  /** each hub's signature, checked here against the network definition */
  signatureState: { renterHub: SignatureState, lessorHub: SignatureState }
  role?: string
  confirmed?: boolean
}

/** Orders grouped by the resource class they offer or ask for (a SELL offering both is in both). */
export interface OrderBook {
  he: { sell: OrderJson[], buy: OrderJson[] }
  tee: { sell: OrderJson[], buy: OrderJson[] }
}

export function orderBook (orders: OrderJson[]): OrderBook {
  const book: OrderBook = { he: { sell: [], buy: [] }, tee: { sell: [], buy: [] } }
  for (const o of orders) {
    if (o.status !== 'open') continue
    const classes = o.side === 'sell'
      ? [...(o.protection?.he === true ? ['he'] : []), ...(o.protection?.tee != null ? ['tee'] : [])]
      : o.requirements?.protection === 'he' ? ['he'] : o.requirements?.protection === 'any' ? ['he', 'tee'] : ['tee']
    for (const c of classes as Array<keyof OrderBook>) book[c][o.side].push(o)
  }
  // price priority, then time: best SELL (cheapest) and best BUY (highest bid) first
  for (const side of [book.he, book.tee]) {
    side.sell.sort((a: OrderJson, b: OrderJson) => (a.pricePerCoreHour ?? 0) - (b.pricePerCoreHour ?? 0) || String(a.acceptedAt).localeCompare(String(b.acceptedAt)))
    side.buy.sort((a: OrderJson, b: OrderJson) => (b.maxPricePerCoreHour ?? 0) - (a.maxPricePerCoreHour ?? 0) || String(a.acceptedAt).localeCompare(String(b.acceptedAt)))
  }
  return book
}

/** The `shulian_` metrics of a registry, as name → samples (histogram buckets left out). */
export async function shulianMetrics (registry: Registry): Promise<Array<{ name: string, help: string, type: string, samples: Array<{ labels: Record<string, string | number>, value: number }> }>> {
  const all = await registry.getMetricsAsJSON()
  return all.filter(m => m.name.startsWith('shulian_')).map(m => ({
    name: m.name,
    help: m.help,
    type: String(m.type),
    samples: (m.values ?? [])
      .filter((v: any) => v.metricName === undefined || !String(v.metricName).endsWith('_bucket'))
      .map((v: any) => ({ labels: { ...(v.metricName !== undefined && v.metricName !== m.name ? { sample: String(v.metricName).slice(m.name.length + 1) } : {}), ...v.labels }, value: Number(v.value) }))
  }))
}

/** The topics of `node`'s dashboard, by role; joint runs come from whatever feeds `joint`. */
export function dashboardTopics (node: ShulianNode, joint: JointRuns): Record<string, Topic> {
  const api = node.api
  const topics: Record<string, Topic> = {
    node: async () => api.invoke('GET', '/status'),
    network: async () => api.invoke('GET', '/network'),
    // with the time of the scrape, so that it is sent every tick and the page can plot rates
    metrics: async () => ({ at: Date.now(), metrics: await shulianMetrics(node.registry) }),
    market: marketTopic(node, api)
  }
  if (api.has('GET', '/jobs')) {
    topics.jobs = async () => {
      const { jobs } = await api.invoke<{ jobs: Array<{ id: string }> }>('GET', '/jobs')
      const details = []
      for (const j of jobs.slice(0, JOB_DETAILS)) details.push(await api.invoke('GET', `/jobs/${encodeURIComponent(j.id)}`))
      return { jobs, details }
    }
  }
  topics.joint = async () => joint.topic()
  return topics
}

function marketTopic (node: ShulianNode, api: ControlApi): Topic {
  const checked = new Map<string, LeaseView['signatureState']>()
  let offers: { at: number, value: unknown } | undefined
  const signatures = async (l: LeaseJson): Promise<LeaseView['signatureState']> => {
    let s = checked.get(l.id)
    if (s === undefined) {
      s = await signatureState(l, node.config.network)
      checked.set(l.id, s)
    }
    return s
  }
  return async () => {
    if (node.market.hub != null) {
      const hub = node.market.hub.market
      const status = await api.invoke('GET', '/market/status')
      const { orders } = await api.invoke<{ orders: OrderJson[] }>('GET', '/market/orders')
      if (offers === undefined || Date.now() - offers.at > OFFERS_REFRESH_MS) {
        offers = { at: Date.now(), value: await api.invoke('GET', '/market/offers').catch((e: Error) => ({ error: e.message, offers: [] })) }
      }
      // leases straight from the ledger: one lease that fails to verify must show as such, not
      // hide the others (the API route refuses the whole list then)
      const leases: LeaseView[] = []
      for (const row of hub.leases().slice(-MAX_LISTED).reverse()) {
        let view: LeaseView
        try {
          const v = await verifyLease(row.signed, node.config.network, { signatures: 'renterHub' })
          const json = leaseJson(v, { status: row.status, endedAt: row.endedAt })
          view = { ...json, role: row.role, confirmed: row.confirmed === 1, signatureState: await signatures(json) }
        } catch (e: any) {
          view = { id: row.id, renter: row.renter, lessor: row.lessor, renterHub: row.renterHub, lessorHub: row.lessorHub, resources: { cores: row.cores, memoryMiB: row.memory }, status: row.status, role: row.role, confirmed: row.confirmed === 1, signatureState: { renterHub: 'invalid', lessorHub: 'invalid' }, error: e.message } as unknown as LeaseView
        }
        leases.push(view)
      }
      const matches = leases.filter(l => l.role !== 'lessor').slice(0, MAX_LISTED).map(l => ({
        lease: l.id, at: l.start, buy: l.orders?.buy, sell: l.orders?.sell, renter: l.renter, lessor: l.lessor, lessorHub: l.lessorHub, cores: l.resources.cores, memoryMiB: l.resources.memoryMiB, pricePerCoreHour: l.pricePerCoreHour
      }))
      return withoutSigned({ role: 'hub', status, book: orderBook(orders), orders, offers: offers.value, matches, leases })
    }
    const status = await api.invoke('GET', '/market/status')
    const { orders } = await api.invoke<{ orders: OrderJson[] }>('GET', '/market/orders')
    const { leases } = await api.invoke<{ leases: LeaseJson[] }>('GET', '/market/leases')
    const views: LeaseView[] = []
    for (const l of leases.slice(-MAX_LISTED).reverse()) views.push({ ...l, signatureState: await signatures(l) })
    return withoutSigned({ role: 'participant', status, orders, leases: views })
  }
}

/** A copy without the signed documents (base64 blobs a person does not read; the API has them). */
function withoutSigned (value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (k, v) => k === 'signed' ? undefined : v))
}

/** Check each hub's signature of a lease on its own: which one is bad, if any. */
async function signatureState (l: LeaseJson, network: ShulianNode['config']['network']): Promise<LeaseView['signatureState']> {
  const signed = Buffer.from(l.signed, 'base64')
  const renterHub: SignatureState = l.signatures.renterHub === '' ? 'missing' : await verifyLease(signed, network, { signatures: 'renterHub' }).then(() => 'valid' as const, () => 'invalid' as const)
  if (l.signatures.lessorHub === '') return { renterHub, lessorHub: 'missing' }
  if (renterHub !== 'valid') return { renterHub, lessorHub: 'invalid' }
  const lessorHub: SignatureState = await verifyLease(signed, network).then(() => 'valid' as const, () => 'invalid' as const)
  return { renterHub, lessorHub }
}
