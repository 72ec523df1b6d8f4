/** A participant's market wired to its libp2p peer: everything goes to (and comes from) its own hub. */
import { logger } from '@libp2p/logger'
import { ParticipantMarket } from '../../market/index.js'
import type { ParticipantLedger, ParticipantMarketInit } from '../../market/index.js'
import type { LeaseMemberBackend } from '../../protocols/lease/index.js'
import type { NodeConfig } from '../config.js'
import type { ShulianLibp2p } from '../create-libp2p.js'
import type { PeerId } from '@libp2p/interface'

/** How often orders whose fate is unknown are sent again, ms. */
const RESEND_INTERVAL = 5_000

/** What the rest of the node hears of this participant's market. */
export type ParticipantHooks = Pick<ParticipantMarketInit, 'onOrder'>

export interface ParticipantSide {
  market: ParticipantMarket
  lease: LeaseMemberBackend
  start: () => void
  stop: () => void
}

export function participantSide (config: NodeConfig, libp2p: ShulianLibp2p, ledger: ParticipantLedger, hooks: ParticipantHooks = {}): ParticipantSide {
  const hub = config.network.hubOf(libp2p.peerId)?.peerId
  if (hub == null) throw new Error(`${config.name} has no hub in the network definition`)
  const services = (): Required<Pick<ShulianLibp2p['services'], 'orders' | 'lease'>> => {
    const { orders, lease } = libp2p.services
    if (orders == null || lease == null) throw new Error('a participant\'s market needs the orders and lease services')
    return { orders, lease }
  }
  const market = new ParticipantMarket({
    network: () => config.network,
    peerId: libp2p.peerId,
    key: config.privateKey,
    ledger,
    ...hooks,
    log: logger(`shulian:market:${config.name}`),
    hub: {
      place: async (signed, o) => services().orders.place(hub, signed, o),
      cancel: async (id, o) => services().orders.cancel(hub, id, o),
      list: async (o) => services().orders.list(hub, o),
      end: async (id, o) => { await services().lease.end(hub, id, undefined, o) }
    }
  })
  // orders whose fate a crash (ours or the hub's) left unknown go out again when the hub is back
  const onConnect = (evt: CustomEvent<PeerId>): void => {
    if (evt.detail.equals(hub)) void market.resubmitPending()
  }
  let timer: ReturnType<typeof setInterval> | undefined
  return {
    market,
    lease: { deliver: async (lease, status, endedAt) => market.deliver(lease, status, endedAt) },
    start: () => {
      libp2p.addEventListener('peer:connect', onConnect)
      // and now and then, in case a PLACE failed while the connection stayed up
      timer = setInterval(() => { if (market.status().ordersPending > 0) void market.resubmitPending() }, RESEND_INTERVAL)
      void market.resubmitPending()
    },
    stop: () => {
      clearInterval(timer)
      libp2p.removeEventListener('peer:connect', onConnect)
    }
  }
}
