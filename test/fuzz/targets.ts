/**
 * What the fuzzer aims at: one entry per protocol and side, with the peer it plays (so that
 * mutations get past the caller check into the parsing behind it) and the valid messages it mutates.
 */
import { randomBytes } from 'node:crypto'
import { ATTEST_PROTOCOL } from '../../protocols/attest/index.js'
import { AttestRequest, AttestResponse, AttestStatus } from '../../protocols/attest/pb/attest.js'
import { LEASE_PROTOCOL, LeaseRequest, LeaseResponse } from '../../protocols/lease/index.js'
import { NetworkOffer, NetworkOfferResponse } from '../../protocols/network/pb/network.js'
import { PROTOCOL as NETWORK_PROTOCOL } from '../../protocols/network/constants.js'
import { ORDERS_PROTOCOL, OrdersRequest, OrdersResponse } from '../../protocols/orders/index.js'
import { PROTOCOL as RELAY_PROTOCOL, RelayRequest, RelayResponse } from '../../protocols/relay/index.js'
import { JOINT_PROTOCOL } from '../../protocols/joint/index.js'
import { JointBlob, JointConstants, JointRequest, JointResponse } from '../../protocols/joint/pb/joint.js'
import { enclaveOpParams } from '../../compute/joint/index.js'
import { TASK_PROTOCOL } from '../../protocols/task/index.js'
import { TaskData, TaskEvent, TaskRequest } from '../../protocols/task/pb/task.js'
import { offerKey } from '../../market/index.js'
import { generateX25519, plainBytes } from '../../keys/index.js'
import { routeKey, signRouteRecord, toSigned } from '../../topology/index.js'
import { mh } from '../conformance/circuit.js'
import { KAD_PROTOCOL } from '../conformance/kad.js'
import { buy, freshId, offerRecord, published, sell } from '../conformance/market.js'
import { Message, MessageType, Record as KadRecord } from '../conformance/pb/kad.js'
import { signedLease } from '../conformance/protocols/lease.js'
import type { CaseSource } from './mutate.js'
import type { TargetContext, Who } from '../conformance/context.js'

export interface FuzzTarget {
  /** the protocol's row in the table */
  protocol: string
  /** which side and as whom, for the detail line */
  label: string
  id: string
  role: 'hub' | 'participant'
  /** the peer the fuzzer plays */
  as: Who
  /** over a circuit the fuzzer makes as the participant's own hub (participants take no direct connections) */
  circuit?: boolean
  /** streams at once per connection: below the receiver's inbound stream limit per connection */
  concurrency: number
  /** connections at once (default 1), where the per-connection stream limit is low: circuits only (a direct dial reuses the connection) */
  connections?: number
  source: (ctx: TargetContext) => Promise<CaseSource>
}

const ORDERS_EMPTY: OrdersRequest = { type: OrdersRequest.Type.TYPE_UNSET, order: new Uint8Array(0), id: '', ids: [], sellId: '', cores: 0, memoryMiB: 0n }
const LEASE_EMPTY: LeaseRequest = { type: LeaseRequest.Type.TYPE_UNSET, lease: new Uint8Array(0), id: '', endedAt: 0n, state: LeaseRequest.State.STATE_UNSET }
const RELAY_EMPTY: RelayRequest = { type: RelayRequest.Type.CONNECT, target: new Uint8Array(0), source: new Uint8Array(0), route: [] }

const u8 = (b: Uint8Array): Uint8Array<ArrayBuffer> => b as Uint8Array<ArrayBuffer>

export const TARGETS: FuzzTarget[] = [
  {
    protocol: 'relay',
    label: 'hub: CONNECT/HOP as a member',
    id: RELAY_PROTOCOL,
    role: 'hub',
    as: 'member',
    concurrency: 12,
    source: async (ctx) => {
      const me = ctx.held('member')
      // targets that are not running (TARGET_OFFLINE) or not in the network: no circuit forms
      const offline = ctx.held('member2').peerId
      const stranger = mh(ctx.peerIdOf(ctx.network.hubs()[0]?.name ?? ''))
      return {
        seeds: [
          RelayRequest.encode({ ...RELAY_EMPTY, target: mh(offline) }),
          RelayRequest.encode({ ...RELAY_EMPTY, target: stranger }),
          RelayRequest.encode({ type: RelayRequest.Type.HOP, target: mh(offline), source: mh(me.peerId), route: [mh(me.peerId)] })
        ],
        others: [RelayResponse.encode({ status: RelayResponse.Status.OK, message: 'ok', route: [mh(me.peerId)] })],
        limit: 4096
      }
    }
  },
  {
    protocol: 'relay',
    label: 'participant: STOP as its own hub',
    id: RELAY_PROTOCOL,
    role: 'participant',
    as: 'ownHub',
    concurrency: 12,
    source: async (ctx) => {
      const hub = ctx.held('ownHub').peerId
      // not the peer the honest probe plays: a circuit from a source replaces the target's connection to it
      const peer = (ctx.lease != null ? ctx.held('renter') : ctx.held('peer')).peerId
      return {
        seeds: [
          RelayRequest.encode({ type: RelayRequest.Type.STOP, target: mh(ctx.target.peerId), source: mh(peer), route: [mh(peer), mh(hub)] }),
          RelayRequest.encode({ type: RelayRequest.Type.STOP, target: mh(ctx.target.peerId), source: mh(hub), route: [mh(hub)] })
        ],
        others: [RelayResponse.encode({ status: RelayResponse.Status.OK, message: '', route: [] })],
        limit: 4096
      }
    }
  },
  ...(['hub', 'participant'] as const).map((role): FuzzTarget => ({
    protocol: 'network',
    label: `${role}: offers as ${role === 'hub' ? 'another hub' : 'its own hub'}`,
    id: NETWORK_PROTOCOL,
    role,
    as: role === 'hub' ? 'otherHub' : 'ownHub',
    // the receiver takes 2 inbound streams per connection
    concurrency: 2,
    source: async (ctx) => {
      const offer = toSigned(ctx.network) as NetworkOffer
      return {
        seeds: [NetworkOffer.encode(offer), NetworkOffer.encode({ ...offer, signature: new Uint8Array(0) })],
        others: [NetworkOfferResponse.encode({ status: NetworkOfferResponse.Status.ACCEPTED, version: 99n, message: '' })],
        limit: 2 * 1024 * 1024 + 1024
      }
    }
  })),
  {
    protocol: 'orders',
    label: 'hub: PLACE/CANCEL/LIST as a member',
    id: ORDERS_PROTOCOL,
    role: 'hub',
    as: 'member',
    concurrency: 16,
    source: async (ctx) => {
      const me = await ctx.node('member')
      // an order whose every mutation is refused; the valid one is placed once and then a retry
      const order = await sell(ctx, me)
      return {
        seeds: [
          OrdersRequest.encode({ ...ORDERS_EMPTY, type: OrdersRequest.Type.PLACE, order: u8(order.signed) }),
          OrdersRequest.encode({ ...ORDERS_EMPTY, type: OrdersRequest.Type.LIST }),
          OrdersRequest.encode({ ...ORDERS_EMPTY, type: OrdersRequest.Type.CANCEL, id: freshId() })
        ],
        others: [OrdersResponse.encode({ status: OrdersResponse.Status.OK, message: '', orders: [], leases: [], duplicate: false, expires: 0n })],
        limit: 2 * 1024 * 1024
      }
    }
  },
  {
    protocol: 'orders',
    label: 'hub: QUOTE/RESERVE/RELEASE as another hub',
    id: ORDERS_PROTOCOL,
    role: 'hub',
    as: 'otherHub',
    concurrency: 16,
    source: async (ctx) => {
      const b = await buy(ctx, ctx.held('otherMember'))
      return {
        seeds: [
          OrdersRequest.encode({ ...ORDERS_EMPTY, type: OrdersRequest.Type.QUOTE, ids: [freshId(), freshId()] }),
          OrdersRequest.encode({ ...ORDERS_EMPTY, type: OrdersRequest.Type.RESERVE, id: freshId(), sellId: freshId(), order: u8(b.signed), cores: 1, memoryMiB: 16n }),
          OrdersRequest.encode({ ...ORDERS_EMPTY, type: OrdersRequest.Type.RELEASE, id: freshId() })
        ],
        others: [OrdersResponse.encode({ status: OrdersResponse.Status.OK, message: '', orders: [], leases: [], duplicate: false, expires: 0n })],
        limit: 2 * 1024 * 1024
      }
    }
  },
  {
    protocol: 'lease',
    label: 'hub: PROPOSE/CONFIRM/END as another hub',
    id: LEASE_PROTOCOL,
    role: 'hub',
    as: 'otherHub',
    concurrency: 16,
    source: async (ctx) => {
      const hub = await ctx.node('otherHub')
      // no reservation backs it: every variant is refused (NOT_FOUND at best)
      const lease = await signedLease(ctx, { renterHub: hub, lessorHub: ctx.target, buy: await buy(ctx, ctx.held('otherMember')), sell: await sell(ctx, ctx.held('member')) })
      return {
        seeds: [
          LeaseRequest.encode({ ...LEASE_EMPTY, type: LeaseRequest.Type.PROPOSE, lease: lease.signed }),
          LeaseRequest.encode({ ...LEASE_EMPTY, type: LeaseRequest.Type.CONFIRM, id: freshId() }),
          LeaseRequest.encode({ ...LEASE_EMPTY, type: LeaseRequest.Type.END, id: freshId(), endedAt: BigInt(Date.now()) })
        ],
        others: [LeaseResponse.encode({ status: LeaseResponse.Status.OK, message: '', signature: new Uint8Array(64), endedAt: 0n })],
        limit: 32 * 1024
      }
    }
  },
  {
    protocol: 'lease',
    label: 'participant: DELIVER as its own hub',
    id: LEASE_PROTOCOL,
    role: 'participant',
    as: 'ownHub',
    concurrency: 16,
    source: async (ctx) => {
      const lease = ctx.lease?.signed ?? new Uint8Array(100)
      return {
        seeds: [
          LeaseRequest.encode({ ...LEASE_EMPTY, type: LeaseRequest.Type.DELIVER, lease: u8(lease), state: LeaseRequest.State.ACTIVE }),
          LeaseRequest.encode({ ...LEASE_EMPTY, type: LeaseRequest.Type.DELIVER, lease: u8(lease), state: LeaseRequest.State.ENDED, endedAt: BigInt(Date.now() + 3_600_000) })
        ],
        others: [LeaseResponse.encode({ status: LeaseResponse.Status.OK, message: '', signature: new Uint8Array(0), endedAt: 0n })],
        limit: 32 * 1024
      }
    }
  },
  {
    protocol: 'attest',
    label: 'participant: requests as the lease\'s renter',
    id: ATTEST_PROTOCOL,
    role: 'participant',
    as: 'renter',
    circuit: true,
    concurrency: 6,
    connections: 8,
    source: async (ctx) => {
      const req = (): Uint8Array => AttestRequest.encode({ nonce: new Uint8Array(randomBytes(32)), leaseId: ctx.lease?.id ?? 'x', subtaskIds: ['s-1', 's-2'], renterPublicKey: plainBytes(generateX25519().publicKey) })
      return {
        seeds: [req(), req(), req()],
        others: [AttestResponse.encode({ status: AttestStatus.OK, certificate: new Uint8Array(10), quote: new Uint8Array(10), enclavePublicKey: new Uint8Array(32), nonce: new Uint8Array(32), sessionId: '', errorCode: '', error: '' })],
        limit: 16 * 1024
      }
    }
  },
  {
    protocol: 'task',
    label: 'participant: subtasks as the lease\'s renter',
    id: TASK_PROTOCOL,
    role: 'participant',
    as: 'renter',
    circuit: true,
    concurrency: 6,
    connections: 6,
    source: async (ctx) => {
      const req = (mode: TaskRequest.Mode, inputBytes: bigint): Uint8Array => TaskRequest.encode({ leaseId: ctx.lease?.id ?? 'x', subtaskId: 's-fuzz', mode, program: new Uint8Array(16), rows: 4, inputBytes, sessionId: mode === TaskRequest.Mode.HE ? '' : 'ab'.repeat(16), hePublicBundle: new Uint8Array(0) })
      return {
        seeds: [req(TaskRequest.Mode.HE, 64n), req(TaskRequest.Mode.TEE, 32n), req(TaskRequest.Mode.HE, 0n)],
        others: [TaskData.encode({ chunk: new Uint8Array(64), end: true }), TaskEvent.encode({ kind: TaskEvent.Kind.ACCEPTED, phase: '', done: 0n, total: 0n, chunk: new Uint8Array(0), code: '', message: '', computeMs: 0n })],
        limit: 2 * 1024 * 1024 + 1024
      }
    }
  },
  {
    protocol: 'joint',
    label: 'participant: OPEN/SHARE/ROUND/FINISH/RUN as the lease\'s renter',
    id: JOINT_PROTOCOL,
    role: 'participant',
    as: 'renter',
    circuit: true,
    concurrency: 6,
    connections: 6,
    source: async (ctx) => {
      const empty: JointRequest = {
        kind: JointRequest.Kind.KIND_UNSET, trainingId: 'fuzz-1', round: 0, idColumn: '', features: [], rows: 0, idDigest: new Uint8Array(0), heParams: new Uint8Array(0), hePublicKey: new Uint8Array(0), shareKey: new Uint8Array(0), ranges: [], step: 0,
        start: 0, shareRows: 0, keyFingerprint: new Uint8Array(0), tag: new Uint8Array(0), blobs: 0, leaseId: '', subtaskId: '', sessionId: '', params: new Uint8Array(0), partner: '', hePublicBundle: new Uint8Array(0), renterOffset: 0
      }
      const req = (fields: Partial<JointRequest>): Uint8Array => JointRequest.encode({ ...empty, ...fields })
      const served = ctx.ring.joint
      const rows = served?.ids.length ?? 10
      return {
        seeds: [
          req({ kind: JointRequest.Kind.OPEN, idColumn: served?.id ?? 'id', features: served?.features ?? ['a'], rows, idDigest: u8(randomBytes(32)), heParams: u8(randomBytes(64)), hePublicKey: u8(randomBytes(256)), shareKey: u8(randomBytes(32)), ranges: [{ lessor: ctx.target.peerId.toString(), start: 0, rows }], step: 0.5 }),
          req({ kind: JointRequest.Kind.SHARE, round: 1, start: 0, shareRows: rows, keyFingerprint: u8(randomBytes(32)), tag: u8(randomBytes(32)) }),
          req({ kind: JointRequest.Kind.ROUND, round: 1 }),
          req({ kind: JointRequest.Kind.FINISH, renterOffset: 1.5 }),
          req({ kind: JointRequest.Kind.RUN, leaseId: ctx.lease?.id ?? 'x', subtaskId: 's-fuzz', sessionId: 'ab'.repeat(16), params: u8(enclaveOpParams('forward', 1)), partner: ctx.target.peerId.toString(), hePublicBundle: u8(randomBytes(32)) })
        ],
        others: [JointBlob.encode({ data: u8(randomBytes(64)) }), JointConstants.encode({ values: [u8(randomBytes(16))] }), JointResponse.encode({ kind: JointResponse.Kind.OK, code: '', message: '', blobs: 1, residualCounts: [1], masked: 1, round: 1, forwardedBytes: 0n })],
        limit: 4 * 1024 * 1024
      }
    }
  },
  {
    protocol: 'kad (route and offer records)',
    label: 'hub: PUT/GET_VALUE as another hub',
    id: KAD_PROTOCOL,
    role: 'hub',
    as: 'otherHub',
    concurrency: 12,
    source: async (ctx) => {
      const hub = await ctx.node('otherHub')
      const member = ctx.network.subnet(ctx.network.peer(hub.peerId)?.subnet ?? '')?.members[0]?.peerId ?? hub.peerId
      const entry = ctx.network.peer(hub.peerId) as any
      const route = await signRouteRecord({ peer: member, hub: hub.peerId, addrs: entry?.addrs ?? [], seq: 1n, expires: Date.now() + 600_000 }, hub.key)
      const offerOwner = ctx.ring.keys.find(k => k.entry.role === 'participant' && k.entry.subnet === entry?.subnet)
      const offers = offerOwner == null ? [] : [published(await sell(ctx, offerOwner))]
      const put = (key: Uint8Array, value: Uint8Array): Uint8Array => Message.encode({ type: MessageType.PUT_VALUE, key: u8(key), record: u8(KadRecord.encode({ key: u8(key), value: u8(value), timeReceived: new Date().toISOString() })), closer: [], providers: [] })
      return {
        seeds: [
          put(routeKey(member), route),
          // seq 1: never selected over the hub's own record
          put(offerKey('he', hub.peerId), await offerRecord(ctx, hub, 'he', offers)),
          Message.encode({ type: MessageType.GET_VALUE, key: u8(routeKey(member)), closer: [], providers: [] }),
          Message.encode({ type: MessageType.FIND_NODE, key: u8(ctx.target.peerId.toMultihash().bytes), closer: [], providers: [] })
        ],
        others: [],
        limit: 4 * 1024 * 1024
      }
    }
  }
]
