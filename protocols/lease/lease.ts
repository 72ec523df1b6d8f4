/**
 * `/shulian/lease/1.0.0`: one request and one response per stream. Hubs answer PROPOSE and
 * CONFIRM from other hubs and END from other hubs or their members; participants answer DELIVER
 * from their own hub. Each request type has its small handler in the table below.
 */
import { pbStream } from '@libp2p/utils'
import { MarketError } from '../../market/index.js'
import { DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_MAX_OUTBOUND_STREAMS, DEFAULT_TIMEOUT, MAX_MESSAGE_SIZE, PROTOCOL } from './constants.js'
import { errorOf, statusOf } from './errors.js'
import { LeaseRequest, LeaseResponse } from './pb/lease.js'
import type { LeaseComponents, LeaseInit, Lease as LeaseInterface } from './index.js'
import type { LeaseStatus } from '../../market/index.js'
import type { Network } from '../../topology/index.js'
import type { AbortOptions, Connection, Logger, PeerId, Startable, Stream } from '@libp2p/interface'

interface Context {
  init: LeaseInit
  network: Network
  self: PeerId
  caller: PeerId
}

type Handler = (ctx: Context, req: LeaseRequest) => Promise<Partial<LeaseResponse>>

const EMPTY: LeaseResponse = { status: LeaseResponse.Status.OK, message: '', signature: new Uint8Array(0), endedAt: 0n }

const STATES: Record<LeaseStatus, LeaseRequest.State> = { active: LeaseRequest.State.ACTIVE, ended: LeaseRequest.State.ENDED, expired: LeaseRequest.State.EXPIRED }

function requireId (id: string): string {
  if (!/^[0-9a-f]{32}$/.test(id)) throw new MarketError('MALFORMED', 'a lease id is 32 lower-case hex characters')
  return id
}

function hubBackend (ctx: Context): NonNullable<ReturnType<NonNullable<LeaseInit['hub']>>> {
  const b = ctx.init.hub?.()
  if (b == null) throw new MarketError('REFUSED', 'this node is not a hub')
  return b
}

function fromHub (ctx: Context): void {
  if (ctx.network.peer(ctx.caller)?.role !== 'hub') throw new MarketError('REFUSED', 'this request is for hubs only')
}

const HANDLERS: Record<LeaseRequest.Type, Handler | undefined> = {
  [LeaseRequest.Type.TYPE_UNSET]: undefined,
  [LeaseRequest.Type.PROPOSE]: async (ctx, req) => {
    fromHub(ctx)
    return { signature: await hubBackend(ctx).propose(ctx.caller, req.lease) as Uint8Array<ArrayBuffer> }
  },
  [LeaseRequest.Type.CONFIRM]: async (ctx, req) => {
    fromHub(ctx)
    await hubBackend(ctx).confirm(ctx.caller, requireId(req.id))
    return {}
  },
  [LeaseRequest.Type.END]: async (ctx, req) => {
    const b = hubBackend(ctx)
    const caller = ctx.network.peer(ctx.caller)
    if (caller?.role === 'hub') return { endedAt: BigInt(await b.endByHub(ctx.caller, requireId(req.id), Number(req.endedAt))) }
    if (caller?.role === 'participant' && caller.subnet === ctx.network.peer(ctx.self)?.subnet) return { endedAt: BigInt(await b.endByMember(ctx.caller, requireId(req.id))) }
    throw new MarketError('REFUSED', 'a lease is ended by a member at its own hub, or by the lease\'s other hub')
  },
  [LeaseRequest.Type.DELIVER]: async (ctx, req) => {
    const b = ctx.init.member?.()
    if (b == null) throw new MarketError('REFUSED', 'this node is not a participant')
    if (!ctx.network.hubOf(ctx.self)?.peerId.equals(ctx.caller)) throw new MarketError('REFUSED', 'leases are delivered by one\'s own hub only')
    const status = (Object.keys(STATES) as LeaseStatus[]).find(k => STATES[k] === req.state)
    if (status == null) throw new MarketError('MALFORMED', 'DELIVER needs the lease\'s state')
    await b.deliver(req.lease, status, status === 'ended' ? Number(req.endedAt) : null)
    return {}
  }
}

export class Lease implements LeaseInterface, Startable {
  private readonly components: LeaseComponents
  private readonly init: LeaseInit
  private readonly log: Logger
  private readonly timeout: number

  constructor (components: LeaseComponents, init: LeaseInit) {
    this.components = components
    this.init = init
    this.log = components.logger.forComponent('shulian:lease')
    this.timeout = init.timeout ?? DEFAULT_TIMEOUT
  }

  readonly [Symbol.toStringTag] = 'shulian:lease'

  async start (): Promise<void> {
    await this.components.registrar.handle(PROTOCOL, (stream, connection) => { void this.onStream(stream, connection) }, {
      maxInboundStreams: this.init.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS,
      maxOutboundStreams: this.init.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS
    })
  }

  async stop (): Promise<void> {
    await this.components.registrar.unhandle(PROTOCOL)
  }

  private async onStream (stream: Stream, connection: Connection): Promise<void> {
    const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
    const caller = connection.remotePeer
    let res: LeaseResponse
    try {
      const req = await pb.read(LeaseRequest, { signal: AbortSignal.timeout(this.timeout) })
      res = await this.answer(caller, req)
    } catch (err: any) {
      this.log('unreadable lease request from %p: %e', caller, err)
      res = { ...EMPTY, status: LeaseResponse.Status.MALFORMED, message: oneLine(`unreadable request: ${err.message}`) }
    }
    try {
      await pb.write(res, LeaseResponse, { signal: AbortSignal.timeout(this.timeout) })
      await stream.close({ signal: AbortSignal.timeout(this.timeout) })
    } catch (err: any) {
      stream.abort(err)
    }
  }

  private async answer (caller: PeerId, req: LeaseRequest): Promise<LeaseResponse> {
    try {
      const handler = HANDLERS[req.type]
      if (handler == null) throw new MarketError('MALFORMED', 'the request has no type')
      return { ...EMPTY, ...await handler({ init: this.init, network: this.init.network(), self: this.components.peerId, caller }, req) }
    } catch (err: any) {
      if (err instanceof MarketError) {
        this.log('%s from %p refused: %s', req.type, caller, err.message)
        return { ...EMPTY, status: statusOf(err), message: oneLine(err.message) }
      }
      this.log.error('%s from %p failed: %e', req.type, caller, err)
      return { ...EMPTY, status: LeaseResponse.Status.UNAVAILABLE, message: 'internal error; try again' }
    }
  }

  private async call (peer: PeerId, req: Partial<LeaseRequest>, options: AbortOptions): Promise<LeaseResponse> {
    const signal = AbortSignal.any([AbortSignal.timeout(this.timeout), ...(options.signal != null ? [options.signal] : [])])
    let stream: Stream
    try {
      stream = await this.components.connectionManager.openStream(peer, PROTOCOL, { signal })
    } catch (err: any) {
      throw new MarketError('UNAVAILABLE', `cannot reach ${peer.toString()}: ${err.message}`)
    }
    let res: LeaseResponse
    try {
      const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
      await pb.write({ type: LeaseRequest.Type.TYPE_UNSET, lease: new Uint8Array(0), id: '', endedAt: 0n, state: LeaseRequest.State.STATE_UNSET, ...req }, LeaseRequest, { signal })
      res = await pb.read(LeaseResponse, { signal })
      await stream.close({ signal }).catch(() => {})
    } catch (err: any) {
      stream.abort(err)
      throw new MarketError('UNAVAILABLE', `${peer.toString()} did not answer: ${err.message}`)
    }
    if (res.status !== LeaseResponse.Status.OK) throw errorOf(res.status, res.message)
    return res
  }

  async propose (hub: PeerId, lease: Uint8Array, options: AbortOptions = {}): Promise<Uint8Array> {
    const res = await this.call(hub, { type: LeaseRequest.Type.PROPOSE, lease: lease as Uint8Array<ArrayBuffer> }, options)
    if (res.signature.byteLength === 0) throw new MarketError('MALFORMED', 'the lessor\'s hub answered a PROPOSE without a signature')
    return res.signature
  }

  async confirm (hub: PeerId, id: string, options: AbortOptions = {}): Promise<void> {
    await this.call(hub, { type: LeaseRequest.Type.CONFIRM, id }, options)
  }

  async end (peer: PeerId, id: string, endedAt?: number, options: AbortOptions = {}): Promise<number> {
    const res = await this.call(peer, { type: LeaseRequest.Type.END, id, endedAt: BigInt(endedAt ?? 0) }, options)
    return Number(res.endedAt)
  }

  async deliver (member: PeerId, lease: Uint8Array, state: { status: LeaseStatus, endedAt: number | null }, options: AbortOptions = {}): Promise<void> {
    await this.call(member, { type: LeaseRequest.Type.DELIVER, lease: lease as Uint8Array<ArrayBuffer>, state: STATES[state.status], endedAt: BigInt(state.endedAt ?? 0) }, options)
  }
}

function oneLine (s: string): string {
  const line = s.split('\n')[0] ?? ''
  return line.length > 512 ? `${line.slice(0, 509)}...` : line
}
