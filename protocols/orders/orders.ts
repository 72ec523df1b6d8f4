/**
 * `/shulian/orders/1.0.0`: one request and one response per stream. A hub answers its members
 * (PLACE, CANCEL, LIST) and the other hubs (QUOTE, RESERVE, RELEASE) from its market; every node
 * can call. Each request type has its small handler in the table below.
 */
import { pbStream } from '@libp2p/utils'
import { MarketError, orderIdOf } from '../../market/index.js'
import {
  DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_MAX_OUTBOUND_STREAMS, DEFAULT_PLACE_TIMEOUT, DEFAULT_TIMEOUT, MAX_IDS, MAX_MESSAGE_SIZE, PROTOCOL
} from './constants.js'
import { errorOf, statusOf, STATUS_TEXT } from './errors.js'
import { decodeState, encodeState } from './messages.js'
import { OrdersRequest, OrdersResponse } from './pb/orders.js'
import type { OrdersBackend, OrdersComponents, OrdersInit, Orders as OrdersInterface } from './index.js'
import type { HubOrderState, QuoteEntry, ReserveRequest, ReserveResult } from '../../market/index.js'
import type { AbortOptions, Connection, Logger, PeerId, Startable, Stream } from '@libp2p/interface'

type Handler = (backend: OrdersBackend, caller: PeerId, req: OrdersRequest) => Promise<Partial<OrdersResponse>>

const EMPTY: OrdersResponse = { status: OrdersResponse.Status.OK, message: '', orders: [], leases: [], duplicate: false, expires: 0n }

const HANDLERS: Record<OrdersRequest.Type, Handler | undefined> = {
  [OrdersRequest.Type.TYPE_UNSET]: undefined,
  [OrdersRequest.Type.PLACE]: async (b, caller, req) => {
    const r = await b.place(caller, req.order)
    return { orders: [encodeState(r.order)], leases: r.leases as Array<Uint8Array<ArrayBuffer>>, duplicate: r.duplicate }
  },
  [OrdersRequest.Type.CANCEL]: async (b, caller, req) => ({ orders: [encodeState(await b.cancel(caller, req.id))] }),
  [OrdersRequest.Type.LIST]: async (b, caller) => ({ orders: (await b.list(caller, MAX_IDS)).map(encodeState) }),
  [OrdersRequest.Type.QUOTE]: async (b, caller, req) => ({ orders: (await b.quote(caller, req.ids)).map(q => encodeState(q)) }),
  [OrdersRequest.Type.RESERVE]: async (b, caller, req) => {
    const r = await b.reserve(caller, { reservationId: req.id, sellId: req.sellId, buy: req.order, cores: req.cores, memoryMiB: Number(req.memoryMiB) })
    return { duplicate: r.duplicate, expires: BigInt(r.expires) }
  },
  [OrdersRequest.Type.RELEASE]: async (b, caller, req) => { await b.release(caller, req.id); return {} }
}

export class Orders implements OrdersInterface, Startable {
  private readonly components: OrdersComponents
  private readonly init: OrdersInit
  private readonly log: Logger
  private readonly timeout: number

  constructor (components: OrdersComponents, init: OrdersInit) {
    this.components = components
    this.init = init
    this.log = components.logger.forComponent('shulian:orders')
    this.timeout = init.timeout ?? DEFAULT_TIMEOUT
  }

  readonly [Symbol.toStringTag] = 'shulian:orders'

  async start (): Promise<void> {
    if (this.init.backend == null) return
    await this.components.registrar.handle(PROTOCOL, (stream, connection) => { void this.onStream(stream, connection) }, {
      maxInboundStreams: this.init.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS,
      maxOutboundStreams: this.init.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS
    })
  }

  async stop (): Promise<void> {
    if (this.init.backend != null) await this.components.registrar.unhandle(PROTOCOL)
  }

  private async onStream (stream: Stream, connection: Connection): Promise<void> {
    const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
    const caller = connection.remotePeer
    let res: OrdersResponse
    try {
      const req = await pb.read(OrdersRequest, { signal: AbortSignal.timeout(this.timeout), limits: { ids: MAX_IDS } } as any)
      res = await this.answer(caller, req)
    } catch (err: any) {
      this.log('unreadable orders request from %p: %e', caller, err)
      res = { ...EMPTY, status: OrdersResponse.Status.MALFORMED, message: oneLine(`unreadable request: ${err.message}`) }
    }
    try {
      await pb.write(res, OrdersResponse, { signal: AbortSignal.timeout(this.timeout) })
      await stream.close({ signal: AbortSignal.timeout(this.timeout) })
    } catch (err: any) {
      stream.abort(err)
    }
  }

  private async answer (caller: PeerId, req: OrdersRequest): Promise<OrdersResponse> {
    try {
      const handler = HANDLERS[req.type]
      const backend = this.init.backend?.()
      if (handler == null) throw new MarketError('MALFORMED', 'the request has no type')
      if (backend == null) throw new MarketError('UNAVAILABLE', 'this node keeps no orders')
      this.checkCaller(caller, req.type)
      return { ...EMPTY, ...await handler(backend, caller, req) }
    } catch (err: any) {
      if (err instanceof MarketError) {
        this.log('%s from %p refused: %s', req.type, caller, err.message)
        return { ...EMPTY, status: statusOf(err), message: oneLine(err.message) }
      }
      // a bug: say so without details, the caller may retry
      this.log.error('%s from %p failed: %e', req.type, caller, err)
      return { ...EMPTY, status: OrdersResponse.Status.UNAVAILABLE, message: 'internal error; try again' }
    }
  }

  /** Members ask their own hub; hubs ask each other. */
  private checkCaller (caller: PeerId, type: OrdersRequest.Type): void {
    const net = this.init.network()
    const entry = net.peer(caller)
    const self = net.peer(this.components.peerId)
    const fromHub = type === OrdersRequest.Type.QUOTE || type === OrdersRequest.Type.RESERVE || type === OrdersRequest.Type.RELEASE
    if (fromHub ? entry?.role !== 'hub' : (entry?.role !== 'participant' || entry.subnet !== self?.subnet)) {
      throw new MarketError('REFUSED', fromHub ? `${type} is for hubs only` : `${type} is for members of this hub only`)
    }
  }

  private async call (peer: PeerId, req: Partial<OrdersRequest>, options: AbortOptions, timeout = this.timeout): Promise<OrdersResponse> {
    const signal = AbortSignal.any([AbortSignal.timeout(timeout), ...(options.signal != null ? [options.signal] : [])])
    let stream: Stream
    try {
      stream = await this.components.connectionManager.openStream(peer, PROTOCOL, { signal })
    } catch (err: any) {
      throw new MarketError('UNAVAILABLE', `cannot reach ${peer.toString()}: ${err.message}`)
    }
    let res: OrdersResponse
    try {
      const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
      await pb.write({ type: OrdersRequest.Type.TYPE_UNSET, order: new Uint8Array(0), id: '', ids: [], sellId: '', cores: 0, memoryMiB: 0n, ...req }, OrdersRequest, { signal })
      res = await pb.read(OrdersResponse, { signal, limits: { orders: MAX_IDS, leases: MAX_IDS } } as any)
      await stream.close({ signal }).catch(() => {})
    } catch (err: any) {
      stream.abort(err)
      throw new MarketError('UNAVAILABLE', `${peer.toString()} did not answer: ${err.message}`)
    }
    if (res.status !== OrdersResponse.Status.OK) throw errorOf(res.status, res.message)
    return res
  }

  private states (res: OrdersResponse): HubOrderState[] {
    const out = res.orders.map(decodeState)
    if (out.some(s => s == null)) throw new MarketError('MALFORMED', `the hub answered with an order state that makes no sense (${STATUS_TEXT[res.status]})`)
    return out as HubOrderState[]
  }

  async place (hub: PeerId, order: Uint8Array, options: AbortOptions = {}): Promise<{ order: HubOrderState, leases: Uint8Array[], duplicate: boolean }> {
    const res = await this.call(hub, { type: OrdersRequest.Type.PLACE, order: order as Uint8Array<ArrayBuffer> }, options, this.init.placeTimeout ?? DEFAULT_PLACE_TIMEOUT)
    const [state] = this.states(res)
    if (state == null) throw new MarketError('MALFORMED', 'the hub answered a PLACE without the order')
    return { order: state, leases: res.leases, duplicate: res.duplicate }
  }

  async cancel (hub: PeerId, id: string, options: AbortOptions = {}): Promise<HubOrderState> {
    const [state] = this.states(await this.call(hub, { type: OrdersRequest.Type.CANCEL, id }, options))
    if (state == null) throw new MarketError('MALFORMED', 'the hub answered a CANCEL without the order')
    return state
  }

  async list (hub: PeerId, options: AbortOptions = {}): Promise<HubOrderState[]> {
    return this.states(await this.call(hub, { type: OrdersRequest.Type.LIST }, options))
  }

  async quote (hub: PeerId, ids: string[], options: AbortOptions = {}): Promise<QuoteEntry[]> {
    return this.states(await this.call(hub, { type: OrdersRequest.Type.QUOTE, ids }, options)).map(s => ({ ...s, id: orderIdOf(s.order) ?? '' }))
  }

  async reserve (hub: PeerId, r: ReserveRequest, options: AbortOptions = {}): Promise<ReserveResult> {
    const res = await this.call(hub, { type: OrdersRequest.Type.RESERVE, id: r.reservationId, sellId: r.sellId, order: r.buy as Uint8Array<ArrayBuffer>, cores: r.cores, memoryMiB: BigInt(r.memoryMiB) }, options)
    return { expires: Number(res.expires), duplicate: res.duplicate }
  }

  async release (hub: PeerId, reservationId: string, options: AbortOptions = {}): Promise<void> {
    await this.call(hub, { type: OrdersRequest.Type.RELEASE, id: reservationId }, options)
  }
}

function oneLine (s: string): string {
  const line = s.split('\n')[0] ?? ''
  return line.length > 512 ? `${line.slice(0, 509)}...` : line
}

