/**
 * `/shulian/network/1.0.0` (protocols/network/README.md): who may push a network definition to a
 * hub or a participant, what a receiver refuses as INVALID, and the pushes a hub makes by itself.
 */
import assert from 'node:assert/strict'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { pbStream } from '@libp2p/utils'
import { NetworkOffer, NetworkOfferResponse } from '../../../protocols/network/pb/network.js'
import { PROTOCOL } from '../../../protocols/network/constants.js'
import { encodeDefinition, parseBootstrap, signNetwork, toSigned, verifyNetwork, fromSigned } from '../../../topology/index.js'
import { NetworkDefinition } from '../../../topology/pb/network-definition.js'
import { relayedConnection } from '../circuit.js'
import { Skip } from '../context.js'
import type { SuiteNode, TargetContext, Who } from '../context.js'
import type { ProtocolSuite } from '../requirement.js'
import type { Network } from '../../../topology/index.js'
import type { Stream } from '@libp2p/interface'

const S = NetworkOfferResponse.Status
const codec = { req: NetworkOffer, res: NetworkOfferResponse }

/** The peer allowed to push to the target: another hub for a hub, the own hub for a participant. */
function pusher (ctx: TargetContext): Who {
  return ctx.role === 'hub' ? 'otherHub' : 'ownHub'
}

async function offer (ctx: TargetContext, who: Who | SuiteNode, o: Partial<NetworkOffer>): Promise<NetworkOfferResponse> {
  return ctx.ask(who, PROTOCOL, codec, { definition: new Uint8Array(0), signature: new Uint8Array(0), ...o } as NetworkOffer)
}

async function offerOn (ctx: TargetContext, stream: Stream, o: NetworkOffer): Promise<NetworkOfferResponse> {
  return ctx.askOn(stream, codec, o)
}

function expectStatus (res: NetworkOfferResponse, ...want: NetworkOfferResponse.Status[]): void {
  assert.ok(want.includes(res.status), `answered ${res.status} (${res.message}), expected ${want.join(' or ')}`)
}

function signed (ctx: TargetContext): NetworkOffer {
  if (ctx.network.signature == null) throw new Skip('the network definition given is not signed')
  return toSigned(ctx.network) as NetworkOffer
}

/** A version of the definition: `version`, and changes to its JSON, signed by `key`. */
async function version (ctx: TargetContext, v: number, change: (json: any) => any = j => j, key = ctx.ring.authority): Promise<NetworkOffer> {
  if (key == null) throw new Skip('needs the network\'s authority key')
  const json = change({ ...ctx.network.toJSON(), version: v, signature: undefined })
  const unsigned = parseBootstrap(json, 'conformance')
  return toSigned(await signNetwork(unsigned, key)) as NetworkOffer
}

/** The version the target runs with: what it answers to the version the suite was given. */
async function current (ctx: TargetContext): Promise<number> {
  const res = await offer(ctx, pusher(ctx), signed(ctx))
  expectStatus(res, S.CURRENT, S.OLDER, S.ACCEPTED)
  return Number(res.version)
}

/** A node that records the offers pushed to it and answers CURRENT. */
async function listener (ctx: TargetContext, who: Who): Promise<{ node: SuiteNode, offers: Network[] }> {
  const offers: Network[] = []
  const node = await ctx.node(who, { fresh: true })
  await ctx.handle(node, PROTOCOL, (stream) => {
    void (async () => {
      const pb = pbStream(stream, { maxDataLength: 3 * 1024 * 1024 })
      const o = await pb.read(NetworkOffer, { signal: AbortSignal.timeout(10_000) })
      const n = fromSigned(o, 'pushed')
      if (await verifyNetwork(n, ctx.network.authority)) offers.push(n)
      await pb.write({ status: S.CURRENT, version: BigInt(n.version), message: 'conformance suite' }, NetworkOfferResponse)
      await stream.close()
    })().catch(err => { stream.abort(err) })
  })
  return { node, offers }
}

async function until<T> (what: string, check: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const v = check()
    if (v !== undefined) return v
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`no ${what} within ${ms / 1000} s`)
}

const INVALID = 'The receiver decodes definition and MUST answer INVALID when'

export const suite: ProtocolSuite = {
  protocol: PROTOCOL,
  name: 'network',
  readme: 'protocols/network/README.md',
  requirements: [
    {
      id: 'network-1.1',
      must: 'a hub takes offers from another hub (CURRENT / OLDER)',
      quote: 'A hub MUST take offers from the hubs of the network definition it runs with, over a direct connection',
      role: 'hub',
      run: async (ctx) => { expectStatus(await offer(ctx, 'otherHub', signed(ctx)), S.CURRENT, S.OLDER) }
    },
    {
      id: 'network-1.2',
      must: 'a hub answers a member (or a stranger) NOT_ALLOWED',
      quote: 'and MUST answer any other sender NOT_ALLOWED',
      role: 'hub',
      run: async (ctx) => {
        expectStatus(await offer(ctx, 'member', signed(ctx)), S.NOT_ALLOWED)
        const out = await ctx.outcome(offer(ctx, 'stranger', signed(ctx)))
        if ('answer' in out) expectStatus(out.answer, S.NOT_ALLOWED)
      }
    },
    {
      id: 'network-2.1',
      must: 'a participant takes offers from its own hub (CURRENT / OLDER)',
      quote: 'A participant MUST take offers only from its own hub, over a direct connection',
      role: 'participant',
      run: async (ctx) => { expectStatus(await offer(ctx, 'ownHub', signed(ctx)), S.CURRENT, S.OLDER) }
    },
    {
      id: 'network-2.2',
      must: 'a participant refuses offers over a circuit or from others',
      quote: 'over a direct connection (not a circuit), and MUST answer any other sender NOT_ALLOWED',
      role: 'participant',
      run: async (ctx) => {
        const conn = await relayedConnection(ctx, await ctx.node('peer'))
        try {
          const stream = await conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout) })
          expectStatus(await offerOn(ctx, stream, signed(ctx)), S.NOT_ALLOWED)
        } finally {
          await conn.close().catch(() => {})
        }
        for (const who of ['otherHub', 'stranger'] as Who[]) {
          const out = await ctx.outcome(offer(ctx, who, signed(ctx)))
          if ('answer' in out) expectStatus(out.answer, S.NOT_ALLOWED)
          else if (/needs the key/.test(out.cut)) continue
        }
      }
    },
    {
      id: 'network-3.1',
      must: 'a hub pushes its version to a member that connects',
      quote: 'A hub MUST push the version it runs with to a hub or own member when a connection to it opens',
      role: 'hub',
      run: async (ctx) => {
        signed(ctx)
        const m = await listener(ctx, 'member2')
        try {
          await ctx.connect(m.node)
          const got = await until('push from the hub', () => m.offers[0])
          assert.equal(got.id, ctx.network.id)
        } finally {
          await ctx.stopNode(m.node)
        }
      }
    },
    {
      id: 'network-3.2',
      must: 'a hub that adopts a newer version pushes it to connected members',
      quote: 'and to every connected hub and own member (but the one it came from) after it adopts a newer version',
      role: 'hub',
      run: async (ctx) => {
        if (ctx.ring.authority == null) throw new Skip('needs the network\'s authority key (it signs a new version)')
        const m = await listener(ctx, 'member2')
        try {
          await ctx.connect(m.node)
          await until('the first push', () => m.offers[0])
          const next = (await current(ctx)) + 1
          expectStatus(await offer(ctx, 'otherHub', await version(ctx, next)), S.ACCEPTED)
          await until(`version ${next} pushed on`, () => m.offers.find(o => o.version === next))
        } finally {
          await ctx.stopNode(m.node)
        }
      }
    },
    {
      id: 'network-4.1',
      must: 'INVALID: a definition that does not decode',
      quote: INVALID,
      run: async (ctx) => { expectStatus(await offer(ctx, pusher(ctx), { definition: Uint8Array.from([0x12, 0xff, 0x01]), signature: new Uint8Array(64) }), S.INVALID) }
    },
    {
      id: 'network-4.2',
      must: 'INVALID: a definition breaking the topology rules',
      quote: INVALID,
      run: async (ctx) => {
        const pb = NetworkDefinition.decode(encodeDefinition(ctx.network))
        // the same subnet twice
        const definition = NetworkDefinition.encode({ ...pb, version: pb.version + 1n, subnets: [...pb.subnets, ...pb.subnets] })
        expectStatus(await offer(ctx, pusher(ctx), { definition, signature: signed(ctx).signature }), S.INVALID)
      }
    },
    {
      id: 'network-4.3',
      must: 'INVALID: another network\'s definition',
      quote: INVALID,
      run: async (ctx) => {
        const other = await generateKeyPair('Ed25519')
        const json = { ...ctx.network.toJSON(), network: `${ctx.network.id}-other`, version: ctx.network.version + 1000, authority: undefined, signature: undefined }
        const o = toSigned(await signNetwork(parseBootstrap(json, 'conformance'), other)) as NetworkOffer
        expectStatus(await offer(ctx, pusher(ctx), o), S.INVALID)
      }
    },
    {
      id: 'network-4.4',
      must: 'INVALID: an unsigned definition',
      quote: 'signature is empty (unsigned)',
      run: async (ctx) => {
        const pb = NetworkDefinition.decode(encodeDefinition(ctx.network))
        expectStatus(await offer(ctx, pusher(ctx), { definition: NetworkDefinition.encode({ ...pb, version: pb.version + 1000n }), signature: new Uint8Array(0) }), S.INVALID)
      }
    },
    {
      id: 'network-4.5',
      must: 'INVALID: a definition naming another authority',
      quote: 'authority differs from the receiver\'s authority (an update MUST NOT change the authority key)',
      run: async (ctx) => {
        const other = await generateKeyPair('Ed25519')
        const json = { ...ctx.network.toJSON(), version: ctx.network.version + 1000, authority: undefined, signature: undefined }
        expectStatus(await offer(ctx, pusher(ctx), toSigned(await signNetwork(parseBootstrap(json, 'conformance'), other)) as NetworkOffer), S.INVALID)
      }
    },
    {
      id: 'network-4.6',
      must: 'INVALID: a signature that does not verify',
      quote: 'or the signature does not verify with the receiver\'s authority key',
      run: async (ctx) => {
        const pb = NetworkDefinition.decode(encodeDefinition(ctx.network))
        const sig = new Uint8Array(signed(ctx).signature)
        expectStatus(await offer(ctx, pusher(ctx), { definition: NetworkDefinition.encode({ ...pb, version: pb.version + 1000n }), signature: sig }), S.INVALID)
      }
    },
    {
      id: 'network-4.7',
      must: 'INVALID: a version that leaves the receiver out',
      quote: INVALID,
      role: 'participant',
      run: async (ctx) => {
        const me = ctx.target.entry
        const o = await version(ctx, ctx.network.version + 1000, (json) => ({
          ...json,
          subnets: json.subnets.map((s: any) => ({ ...s, members: s.members.filter((m: any) => m.peerId !== me.peerId.toString()) }))
        }))
        expectStatus(await offer(ctx, pusher(ctx), o), S.INVALID)
      }
    },
    {
      id: 'network-5.1',
      must: 'a response with STATUS_UNSET is treated as INVALID',
      quote: 'A response with STATUS_UNSET MUST be treated as INVALID',
      kind: 'client',
      unit: { file: 'protocols/network/network-sync.test.ts', test: 'a pusher treats a STATUS_UNSET answer as INVALID' }
    }
  ]
}
