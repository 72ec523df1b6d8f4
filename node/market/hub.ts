/**
 * A hub's market wired to its libp2p peer: other hubs through /shulian/orders and /shulian/lease,
 * offer records through the hub-tier DHT, members through lease delivery. Also the backends the
 * two protocol services answer from.
 */
import { logger } from '@libp2p/logger'
import { HubMarket, orderState } from '../../market/index.js'
import { failpoints } from './failpoints.js'
import { hubMarketMetrics } from './metrics.js'
import type { HubLedger, HubOrderState, OrderRow } from '../../market/index.js'
import type { LeaseHubBackend } from '../../protocols/lease/index.js'
import type { OrdersBackend } from '../../protocols/orders/index.js'
import type { NodeConfig } from '../config.js'
import type { ShulianLibp2p } from '../create-libp2p.js'
import type { PeerId } from '@libp2p/interface'
import type { Registry } from 'prom-client'

const state = (row: OrderRow): HubOrderState => ({ order: row.signed, state: orderState(row) })

export interface HubSide {
  market: HubMarket
  orders: OrdersBackend
  lease: LeaseHubBackend
  start: () => void
  stop: () => void
}

export function hubSide (config: NodeConfig, libp2p: ShulianLibp2p, ledger: HubLedger, registry: Registry): HubSide {
  const services = (): Required<Pick<ShulianLibp2p['services'], 'orders' | 'lease' | 'dht'>> => {
    const { orders, lease, dht } = libp2p.services
    if (orders == null || lease == null || dht == null) throw new Error('a hub\'s market needs the orders and lease services and the DHT')
    return { orders, lease, dht }
  }
  const market: HubMarket = new HubMarket({
    network: () => config.network,
    peerId: libp2p.peerId,
    key: config.privateKey,
    ledger,
    log: logger(`shulian:market:${config.name}`),
    failpoint: failpoints(config.dataDir),
    options: config.market,
    events: hubMarketMetrics(registry, () => ledger.counts()),
    peers: {
      quote: async (hub, ids, o) => services().orders.quote(hub, ids, o),
      reserve: async (hub, r, o) => services().orders.reserve(hub, r, o),
      release: async (hub, id, o) => services().orders.release(hub, id, o),
      propose: async (hub, p, o) => services().lease.propose(hub, p, o),
      confirm: async (hub, id, o) => services().lease.confirm(hub, id, o),
      end: async (hub, id, at, o) => { await services().lease.end(hub, id, at, o) }
    },
    directory: {
      put: async (key, value, o) => {
        for await (const _ of services().dht.put(key, value, o)) {}
      },
      get: async (key, o) => {
        let best: Uint8Array | undefined
        try {
          for await (const ev of services().dht.get(key, o)) {
            if (ev.name === 'VALUE') best = ev.value
          }
        } catch (err: any) {
          if (best == null && err.name !== 'NotFoundError') throw err
        }
        return best
      }
    },
    members: {
      connected: (m) => libp2p.getConnections(m).some(c => c.status === 'open'),
      deliver: async (m, lease, s, o) => services().lease.deliver(m, lease, s, o)
    }
  })

  const onConnect = (evt: CustomEvent<PeerId>): void => {
    const entry = config.network.peer(evt.detail)
    if (entry?.role === 'hub') market.hubConnected(evt.detail)
    else if (entry?.subnet === config.subnet) market.memberConnected()
  }

  return {
    market,
    orders: {
      place: async (caller, order) => {
        const r = await market.place(caller, order)
        return { order: state(r.order), leases: r.leases.map(l => l.signed), duplicate: r.duplicate }
      },
      cancel: (caller, id) => state(market.cancel(caller, id)),
      list: (caller, limit) => market.list(caller, limit).map(state),
      quote: (caller, ids) => market.quote(caller, ids),
      reserve: async (caller, r) => market.reserve(caller, r),
      release: (caller, id) => { market.release(caller, id) }
    },
    lease: {
      propose: async (caller, lease) => market.propose(caller, lease),
      confirm: (caller, id) => { market.confirm(caller, id) },
      endByHub: (caller, id, at) => market.endByHub(caller, id, at).endedAt ?? at,
      endByMember: async (caller, id) => {
        const row = await market.endByMember(caller, id)
        return row.endedAt ?? Math.min(Date.now(), row.end)
      }
    },
    start: () => {
      libp2p.addEventListener('peer:connect', onConnect)
      market.start()
    },
    stop: () => {
      libp2p.removeEventListener('peer:connect', onConnect)
      market.stop()
    }
  }
}
