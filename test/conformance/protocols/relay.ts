/**
 * `/shulian/relay/1.0.0` (protocols/relay/README.md): CONNECT and HOP at a hub, STOP at a
 * participant, route records in the hub tier's DHT, and the limits.
 */
import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { lpStream, pbStream } from '@libp2p/utils'
import { PROTOCOL, RelayRequest, RelayResponse } from '../../../protocols/relay/index.js'
import { routeKey, signRouteRecord } from '../../../topology/index.js'
import { RouteRecord as RouteRecordPb } from '../../../topology/pb/route-record.js'
import { mh, relayedConnection, stop } from '../circuit.js'
import { Skip, endedWithin } from '../context.js'
import { getValue, putValue } from '../kad.js'
import type { SuiteNode, TargetContext, Who } from '../context.js'
import type { ProtocolSuite } from '../requirement.js'
import type { PeerId, Stream } from '@libp2p/interface'

const S = RelayResponse.Status
const codec = { req: RelayRequest, res: RelayResponse }
const EMPTY = { type: RelayRequest.Type.CONNECT, target: new Uint8Array(0), source: new Uint8Array(0), route: [] }

/** One relay request as `who`; the response and, on OK, the raw stream (the caller must end it). */
async function ask (ctx: TargetContext, who: Who | SuiteNode, req: Partial<RelayRequest>): Promise<{ res: RelayResponse, stream: Stream }> {
  const stream = await ctx.open(who, PROTOCOL)
  const pb = pbStream(stream, { maxDataLength: 4096 })
  const signal = AbortSignal.timeout(ctx.options.timeout)
  await pb.write({ ...EMPTY, ...req } as RelayRequest, RelayRequest, { signal })
  const res = await pb.read(RelayResponse, { signal })
  return { res, stream: pb.unwrap() }
}

async function status (ctx: TargetContext, who: Who | SuiteNode, req: Partial<RelayRequest>): Promise<RelayResponse> {
  const { res, stream } = await ask(ctx, who, req)
  stream.abort(new Error('conformance: done'))
  return res
}

function expectStatus (res: RelayResponse, want: RelayResponse.Status): void {
  assert.equal(res.status, want, `answered ${res.status} (${res.message}), expected ${want}`)
}

/** A participant of the target hub's subnet that the suite holds no connection for. */
function memberOf (ctx: TargetContext, subnet: string, n = 0): PeerId {
  const m = ctx.network.subnet(subnet)?.members[n]
  if (m == null) throw new Skip(`subnet ${subnet} has no member ${n + 1}`)
  return m.peerId
}

/** A member of the target hub's subnet that accepts STOPs and never reads: the far end of test circuits. */
async function sink (ctx: TargetContext, who: Who): Promise<{ node: SuiteNode, streams: Stream[] }> {
  const streams: Stream[] = []
  const node = await ctx.node(who)
  await ctx.handle(node, PROTOCOL, (stream) => {
    void (async () => {
      const pb = pbStream(stream, { maxDataLength: 4096 })
      await pb.read(RelayRequest, { signal: AbortSignal.timeout(10_000) })
      await pb.write({ status: S.OK, message: 'ok', route: [] }, RelayResponse)
      const raw = pb.unwrap()
      raw.pause()
      streams.push(raw)
    })().catch(err => { stream.abort(err) })
  })
  await ctx.connect(node)
  return { node, streams }
}

/** A connection the gater refuses: no stream opens (or the target refuses the request). */
async function refusedOrStatus (ctx: TargetContext, who: Who, req: Partial<RelayRequest>, want: RelayResponse.Status): Promise<void> {
  const out = await ctx.outcome(status(ctx, who, req))
  if ('answer' in out) expectStatus(out.answer, want)
}

async function hopRoute (ctx: TargetContext): Promise<{ hub: SuiteNode, source: PeerId }> {
  const hub = await ctx.node('otherHub')
  return { hub, source: memberOf(ctx, ctx.network.peer(hub.peerId)?.subnet ?? '') }
}

/** A route record signed by `hub` (a held hub key) for `peer`. */
async function routeRecord (ctx: TargetContext, hub: SuiteNode, peer: PeerId, change: { expires?: number } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const entry = ctx.network.peer(hub.peerId)
  const addrs = entry?.role === 'hub' ? (entry as any).addrs : []
  return await signRouteRecord({ peer, hub: hub.peerId, addrs, seq: 1n, expires: change.expires ?? Date.now() + 600_000 }, hub.key) as Uint8Array<ArrayBuffer>
}

async function refusesRecord (ctx: TargetContext, key: Uint8Array, value: Uint8Array): Promise<void> {
  const node = await ctx.node('otherHub')
  assert.equal(await putValue(ctx, node, key, value), false, 'the hub accepted the record')
  const held = await getValue(ctx, node, key).catch(() => undefined)
  assert.ok(held == null || !Buffer.from(held).equals(Buffer.from(value)), 'the hub holds the refused record')
}

export const suite: ProtocolSuite = {
  protocol: PROTOCOL,
  name: 'relay',
  readme: 'protocols/relay/README.md',
  requirements: [
    {
      id: 'relay-1.1',
      must: 'CONNECT from a hub (not a member of this subnet): REFUSED',
      quote: 'The hub MUST refuse (REFUSED) a CONNECT from a peer that is not a participant of its own subnet',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await status(ctx, 'otherHub', { target: mh(memberOf(ctx, ctx.target.entry.subnet)) }), S.REFUSED)
      }
    },
    {
      id: 'relay-1.2',
      must: 'CONNECT from a member of another subnet or a stranger: refused',
      quote: 'The hub MUST refuse (REFUSED) a CONNECT from a peer that is not a participant of its own subnet',
      role: 'hub',
      run: async (ctx) => {
        const target = mh(memberOf(ctx, ctx.target.entry.subnet))
        await refusedOrStatus(ctx, 'stranger', { target }, S.REFUSED)
        await refusedOrStatus(ctx, 'otherMember', { target }, S.REFUSED)
      }
    },
    {
      id: 'relay-1.3',
      must: 'CONNECT whose target is not a peer id: MALFORMED',
      quote: 'target MUST decode as a peer id; otherwise MALFORMED',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await status(ctx, 'member', { target: Uint8Array.from([1, 2, 3, 4]) }), S.MALFORMED)
        expectStatus(await status(ctx, 'member', { target: new Uint8Array(0) }), S.MALFORMED)
      }
    },
    {
      id: 'relay-1.6',
      must: 'out of order: a RelayResponse where the request belongs: MALFORMED or reset',
      quote: 'target MUST decode as a peer id; otherwise MALFORMED',
      role: 'hub',
      run: async (ctx) => {
        const stream = await ctx.open('member', PROTOCOL)
        const lp = lpStream(stream)
        const signal = AbortSignal.timeout(ctx.options.timeout)
        await lp.write(RelayResponse.encode({ status: S.OK, message: 'ok', route: [] }), { signal })
        const out = await ctx.outcome(lp.read({ signal }).then(b => RelayResponse.decode(b)))
        stream.abort(new Error('done'))
        if ('answer' in out) expectStatus(out.answer, S.MALFORMED)
      }
    },
    {
      id: 'relay-1.4',
      must: 'CONNECT to a non-participant: TARGET_UNKNOWN; to a hub or oneself: REFUSED',
      quote: 'The hub MUST answer TARGET_UNKNOWN to a target that is not a participant of the network, and REFUSED to a target that is a hub or the caller itself',
      role: 'hub',
      run: async (ctx) => {
        const stranger = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
        expectStatus(await status(ctx, 'member', { target: mh(stranger) }), S.TARGET_UNKNOWN)
        const me = await ctx.node('member')
        expectStatus(await status(ctx, me, { target: mh(me.peerId) }), S.REFUSED)
        const hub = ctx.network.hubs().find(h => !h.peerId.equals(ctx.target.peerId)) ?? ctx.network.hubs()[0]
        expectStatus(await status(ctx, 'member', { target: mh(hub?.peerId ?? stranger) }), S.REFUSED)
      }
    },
    {
      id: 'relay-1.5',
      must: 'CONNECT to a connected member: OK with the full route, then raw bytes',
      quote: 'The hub MUST refuse (REFUSED) a CONNECT from a peer that is not a participant of its own subnet',
      role: 'hub',
      run: async (ctx) => {
        const far = await sink(ctx, 'member2')
        try {
          const me = await ctx.node('member')
          const { res, stream } = await ask(ctx, me, { target: mh(far.node.peerId) })
          expectStatus(res, S.OK)
          assert.deepEqual(res.route.map(r => Buffer.from(r).toString('hex')), [me.peerId, ctx.target.peerId, far.node.peerId].map(p => Buffer.from(mh(p)).toString('hex')), 'route: source, hub, target')
          stream.abort(new Error('done'))
        } finally {
          await ctx.stopNode(far.node)
        }
      }
    },
    {
      id: 'relay-2.1',
      must: 'HOP from a member (not a hub): REFUSED',
      quote: 'The receiving hub MUST refuse (REFUSED) a HOP whose caller is not a hub of the network',
      role: 'hub',
      run: async (ctx) => {
        const me = await ctx.node('member')
        const target = mh(memberOf(ctx, ctx.target.entry.subnet))
        expectStatus(await status(ctx, me, { type: RelayRequest.Type.HOP, target, source: mh(me.peerId), route: [mh(me.peerId)] }), S.REFUSED)
      }
    },
    {
      id: 'relay-2.2',
      must: 'HOP whose source is not a member of the calling hub\'s subnet: REFUSED',
      quote: 'or whose source is not a participant of the caller\'s subnet',
      role: 'hub',
      run: async (ctx) => {
        const hub = await ctx.node('otherHub')
        // a member of the receiving hub's own subnet, vouched for by another hub
        const source = memberOf(ctx, ctx.target.entry.subnet)
        const target = memberOf(ctx, ctx.target.entry.subnet, 1)
        expectStatus(await status(ctx, hub, { type: RelayRequest.Type.HOP, target: mh(target), source: mh(source), route: [mh(source), mh(hub.peerId)] }), S.REFUSED)
      }
    },
    {
      id: 'relay-2.3',
      must: 'HOP to a target not of this hub\'s subnet: TARGET_UNKNOWN',
      quote: 'The receiving hub MUST answer TARGET_UNKNOWN to a target that is not a member of its subnet',
      role: 'hub',
      run: async (ctx) => {
        const { hub, source } = await hopRoute(ctx)
        const hubSubnet = ctx.network.peer(hub.peerId)?.subnet ?? ''
        // a participant of the network outside the receiving hub's subnet
        const elsewhere = ctx.network.subnets.find(s => s.name !== ctx.target.entry.subnet)?.members.find(m => !m.peerId.equals(source)) ?? ctx.network.subnet(hubSubnet)?.members[1]
        if (elsewhere == null) throw new Skip('needs a second participant outside the target\'s subnet')
        expectStatus(await status(ctx, hub, { type: RelayRequest.Type.HOP, target: mh(elsewhere.peerId), source: mh(source), route: [mh(source), mh(hub.peerId)] }), S.TARGET_UNKNOWN)
      }
    },
    {
      id: 'relay-2.4',
      must: 'HOP whose route is empty, too long or not peer ids: MALFORMED',
      quote: 'route MUST hold 1 or 2 valid peer ids; otherwise MALFORMED',
      role: 'hub',
      run: async (ctx) => {
        const { hub, source } = await hopRoute(ctx)
        const target = mh(memberOf(ctx, ctx.target.entry.subnet))
        const hop = { type: RelayRequest.Type.HOP, target, source: mh(source) }
        expectStatus(await status(ctx, hub, { ...hop, route: [] }), S.MALFORMED)
        expectStatus(await status(ctx, hub, { ...hop, route: [mh(source), mh(hub.peerId), mh(source)] }), S.MALFORMED)
        expectStatus(await status(ctx, hub, { ...hop, route: [mh(source), Uint8Array.from([9, 9, 9])] }), S.MALFORMED)
      }
    },
    {
      id: 'relay-2.5',
      must: 'HOP from a hub for its member to a connected member: OK, route extended',
      quote: 'The receiving hub MUST refuse (REFUSED) a HOP whose caller is not a hub of the network',
      role: 'hub',
      run: async (ctx) => {
        const { hub, source } = await hopRoute(ctx)
        // member2: the suite stops the sink afterwards, and 'member' holds streams of slow
        // requirements that run meanwhile (diag-2.2)
        const far = await sink(ctx, 'member2')
        try {
          const { res, stream } = await ask(ctx, hub, { type: RelayRequest.Type.HOP, target: mh(far.node.peerId), source: mh(source), route: [mh(source), mh(hub.peerId)] })
          expectStatus(res, S.OK)
          assert.equal(res.route.length, 4, 'source, calling hub, this hub, target')
          stream.abort(new Error('done'))
        } finally {
          await ctx.stopNode(far.node)
        }
      }
    },
    {
      id: 'relay-3.1',
      must: 'STOP from the own hub with a stranger, itself or a hub as source: REFUSED',
      quote: 'The target MUST refuse (REFUSED) a STOP that does not come from its own hub, or whose source is not another participant of the network',
      role: 'participant',
      run: async (ctx) => {
        const hub = await ctx.node('ownHub')
        const stranger = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
        for (const source of [stranger, ctx.target.peerId, hub.peerId]) {
          const { res, stream } = await stop(ctx, hub, { source: mh(source), route: [mh(source), mh(hub.peerId)] })
          stream.abort(new Error('done'))
          expectStatus(res, S.REFUSED)
        }
      }
    },
    {
      id: 'relay-3.2',
      must: 'STOP from a peer other than the own hub: refused',
      quote: 'The target MUST refuse (REFUSED) a STOP that does not come from its own hub',
      role: 'participant',
      run: async (ctx) => {
        let tried = 0
        for (const who of ['otherHub', 'peer', 'stranger'] as Who[]) {
          let node: SuiteNode
          try {
            node = await ctx.node(who)
          } catch (e) {
            if (e instanceof Skip) continue
            throw e
          }
          tried++
          const src = ctx.network.subnets.flatMap(s => s.members).find(m => !m.peerId.equals(ctx.target.peerId) && !m.peerId.equals(node.peerId))
          const out = await ctx.outcome(stop(ctx, node, { source: mh(src?.peerId ?? node.peerId) }).then(r => { r.stream.abort(new Error('done')); return r.res }))
          if ('answer' in out) expectStatus(out.answer, S.REFUSED)
        }
        assert.ok(tried > 0)
      }
    },
    {
      id: 'relay-3.3',
      must: 'circuit upgraded by a peer other than STOP\'s source: connection closed',
      quote: 'The target MUST close the connection if the peer id that Noise authenticates is not source',
      role: 'participant',
      run: async (ctx) => {
        // control: the source itself gets a working connection
        const source = await ctx.node('peer')
        const good = await relayedConnection(ctx, source)
        try {
          assert.equal(good.remotePeer.toString(), ctx.target.peerId.toString())
          const s = await good.newStream('/ipfs/ping/1.0.0', { signal: AbortSignal.timeout(ctx.options.timeout) })
          s.abort(new Error('done'))
        } finally {
          await good.close().catch(() => {})
        }
        const impostor = await ctx.node('stranger')
        const out = await ctx.outcome((async () => {
          const conn = await relayedConnection(ctx, source, { as: impostor })
          // the target may finish its side after ours: the connection must not carry a stream
          const s = await conn.newStream('/ipfs/ping/1.0.0', { signal: AbortSignal.timeout(ctx.options.timeout) })
          s.abort(new Error('done'))
          return conn
        })())
        assert.ok('cut' in out, 'the target accepted a connection from a peer that is not the STOP\'s source')
      }
    },
    {
      id: 'relay-3.4',
      must: 'CONNECT to a member not connected to its hub: TARGET_OFFLINE',
      quote: 'A hub MUST NOT send STOP to a member that is not connected to it; it answers TARGET_OFFLINE',
      role: 'hub',
      run: async (ctx) => {
        const offline = ctx.held('member2')
        expectStatus(await status(ctx, 'member', { target: mh(offline.peerId) }), S.TARGET_OFFLINE)
      }
    },
    {
      id: 'relay-4.1',
      must: 'a participant dials through its own hub only',
      quote: 'it MUST NOT ask another hub',
      kind: 'client',
      unit: { file: 'protocols/relay/relay.test.ts', test: 'a participant refuses to dial a circuit through a hub other than its own' }
    },
    ...([
      ['relay-5.1', 'over 4096 bytes', 'is larger than 4096 bytes or does not decode', async (ctx: TargetContext, hub: SuiteNode, member: PeerId) => {
        const pb = RouteRecordPb.decode(await routeRecord(ctx, hub, member))
        return { key: routeKey(member), value: RouteRecordPb.encode({ ...pb, addrs: [...pb.addrs, new Uint8Array(5000).fill(4)] }) }
      }],
      ['relay-5.2', 'that does not decode', 'is larger than 4096 bytes or does not decode', async (_ctx: TargetContext, _hub: SuiteNode, member: PeerId) => ({ key: routeKey(member), value: Uint8Array.from([0x0a, 0xff, 0xff, 0x01, 0x02]) })],
      ['relay-5.3', 'stored under another peer\'s key', 'is stored under another peer\'s key', async (ctx: TargetContext, hub: SuiteNode, member: PeerId) => ({ key: routeKey(ctx.target.peerId), value: await routeRecord(ctx, hub, member) })],
      ['relay-5.4', 'signed by a non-hub', 'names a hub that is not a hub of the network', async (ctx: TargetContext, _hub: SuiteNode, member: PeerId) => {
        const k = await generateKeyPair('Ed25519')
        return { key: routeKey(member), value: await signRouteRecord({ peer: member, hub: peerIdFromPrivateKey(k), addrs: [], seq: 1n, expires: Date.now() + 600_000 }, k) }
      }],
      ['relay-5.5', 'for a peer outside the hub\'s subnet', 'names a peer that is not a participant of that hub\'s subnet', async (ctx: TargetContext, hub: SuiteNode) => {
        const other = ctx.network.subnets.find(s => s.hub.peerId.toString() !== hub.peerId.toString())?.members[0]
        if (other == null) throw new Skip('needs a second subnet')
        return { key: routeKey(other.peerId), value: await routeRecord(ctx, hub, other.peerId) }
      }],
      ['relay-5.6', 'with a bad signature', 'has a bad signature', async (ctx: TargetContext, hub: SuiteNode, member: PeerId) => {
        const v = await routeRecord(ctx, hub, member)
        v[v.length - 1] = (v[v.length - 1] ?? 0) ^ 0x01
        return { key: routeKey(member), value: v }
      }],
      ['relay-5.7', 'that has expired', 'or has expired', async (ctx: TargetContext, hub: SuiteNode, member: PeerId) => ({ key: routeKey(member), value: await routeRecord(ctx, hub, member, { expires: Date.now() - 1000 }) })]
    ] as const).map(([id, what, quote, make]) => ({
      id,
      must: `DHT: a route record ${what} is rejected`,
      quote,
      role: 'hub' as const,
      run: async (ctx: TargetContext) => {
        const hub = await ctx.node('otherHub')
        const member = ctx.network.subnet(ctx.network.peer(hub.peerId)?.subnet ?? '')?.members[0]?.peerId
        if (member == null) throw new Skip('the held hub\'s subnet has no member')
        const { key, value } = await make(ctx, hub, member)
        await refusesRecord(ctx, key, value)
      }
    })),
    {
      id: 'relay-5.8',
      must: 'DHT: a valid route record is accepted (control for 5.1-5.7)',
      quote: 'Every hub MUST reject (as a DHT validator) a record that',
      role: 'hub',
      run: async (ctx) => {
        const hub = await ctx.node('otherHub')
        const member = ctx.network.subnet(ctx.network.peer(hub.peerId)?.subnet ?? '')?.members[0]?.peerId
        if (member == null) throw new Skip('the held hub\'s subnet has no member')
        // the same route the hub itself publishes (its definition addresses), at the lowest seq
        assert.equal(await putValue(ctx, hub, routeKey(member), await routeRecord(ctx, hub, member)), true, 'a valid record was refused')
      }
    },
    {
      id: 'relay-6.1',
      must: 'a request over 4096 bytes: MALFORMED or reset',
      quote: 'A hub MUST answer a request larger than the size limit with MALFORMED or by resetting the stream',
      role: 'hub',
      run: async (ctx) => {
        const stream = await ctx.open('member', PROTOCOL)
        const lp = lpStream(stream, { maxDataLength: 64 * 1024 })
        const signal = AbortSignal.timeout(ctx.options.timeout)
        // a length prefix of 64 KiB and a little of the body: the hub must not wait for the rest
        stream.send(Uint8Array.from([0x80, 0x80, 0x04, 1, 2, 3]))
        const out = await ctx.outcome(lp.read({ signal }).then(b => RelayResponse.decode(b)))
        if ('answer' in out) expectStatus(out.answer, S.MALFORMED)
        stream.abort(new Error('done'))
      }
    },
    {
      id: 'relay-6.2',
      must: 'no request within the handshake time (10 s): exchange ended',
      quote: 'MUST end the exchange (MALFORMED and close, or abort the stream) when the request has not arrived within the handshake time',
      role: 'hub',
      slow: true,
      run: async (ctx) => {
        // a node of its own (a key no other requirement receives circuits on)
        const node = await ctx.node('otherHub', { fresh: true }).catch(async () => ctx.node('otherMember', { fresh: true }))
        const stream = await ctx.open(node, PROTOCOL)
        // half a request, then nothing: the hub must end the exchange by itself
        stream.send(Uint8Array.from([0x10, 0x08]))
        await endedWithin(stream, 20_000)
      }
    },
    {
      id: 'relay-6.3',
      must: 'a circuit over a circuit limit: LIMIT_REACHED',
      quote: 'MUST answer LIMIT_REACHED to a request that would exceed a circuit limit',
      role: 'hub',
      run: async (ctx) => {
        const far = await sink(ctx, 'member2')
        const held: Stream[] = []
        try {
          const me = await ctx.node('member')
          // this node opens more relay streams than libp2p's default outbound limit
          await ctx.handle(me, PROTOCOL, (s) => { s.abort(new Error('not here')) })
          for (let i = 0; i < 300; i++) {
            const { res, stream } = await ask(ctx, me, { target: mh(far.node.peerId) })
            if (res.status === S.OK) {
              held.push(stream)
              continue
            }
            stream.abort(new Error('done'))
            expectStatus(res, S.LIMIT_REACHED)
            assert.ok(held.length >= 1, 'no circuit at all was allowed')
            return
          }
          assert.fail('300 circuits between two members and no LIMIT_REACHED')
        } finally {
          for (const s of held) s.abort(new Error('done'))
          await ctx.stopNode(far.node)
        }
      }
    },
    {
      id: 'relay-6.4',
      must: 'a circuit whose far end does not read: the hub stops reading (backpressure)',
      quote: 'A hub MUST apply backpressure instead of buffering',
      role: 'hub',
      run: async (ctx) => {
        const far = await sink(ctx, 'member2')
        try {
          const me = await ctx.node('member')
          const { res, stream } = await ask(ctx, me, { target: mh(far.node.peerId) })
          expectStatus(res, S.OK)
          // send() queues locally what the hub does not take: what left this node is sent - queued
          const chunk = new Uint8Array(64 * 1024).fill(0x5a)
          let sent = 0
          while (sent < 64 * 1024 * 1024 && stream.writeBufferLength < 4 * 1024 * 1024) {
            stream.send(chunk)
            sent += chunk.byteLength
            if (stream.writeBufferLength > 0) await new Promise(resolve => setImmediate(resolve))
          }
          // wait until the hub takes no more
          let queued = -1
          for (let i = 0; i < 40 && queued !== stream.writeBufferLength; i++) {
            queued = stream.writeBufferLength
            await new Promise(resolve => setTimeout(resolve, 250))
          }
          const taken = sent - stream.writeBufferLength
          const heldBack = stream.writeBufferLength > 0
          stream.abort(new Error('done'))
          // yamux windows (at most 16 MiB each way) and the hub's 1 MiB in flight, not everything
          assert.ok(heldBack, 'the sender was never held back')
          assert.ok(taken < 24 * 1024 * 1024, `the hub took ${taken} bytes for a far end that reads nothing`)
        } finally {
          await ctx.stopNode(far.node)
        }
      }
    },
    {
      id: 'relay-7.1',
      must: 'a response with STATUS_UNSET is treated as MALFORMED',
      quote: 'A response with STATUS_UNSET MUST be treated as MALFORMED',
      kind: 'client',
      unit: { file: 'protocols/relay/relay.test.ts', test: 'a response with STATUS_UNSET is a MALFORMED refusal' }
    }
  ]
}
