import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { lpStream, pbStream, streamPair } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { TypedEventEmitter } from 'main-event'
import { checkUpdate, encodeDefinition, parseBootstrap, signNetwork, toSigned, withSubnet } from '../../topology/index.js'
import { NETWORK_PROTOCOL, NetworkOffer, NetworkOfferResponse, networkSync } from './index.js'
import type { Network } from '../../topology/index.js'
import type { NetworkSync } from './index.js'
import type { Connection, PeerId, Stream, StreamHandler } from '@libp2p/interface'

const key = async (): Promise<PeerId> => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
const [hubA, hubB, hubC, a1, b1, c1] = await Promise.all([key(), key(), key(), key(), key(), key()]) as [PeerId, PeerId, PeerId, PeerId, PeerId, PeerId]
const authority = await generateKeyPair('Ed25519')

const v1 = await signNetwork(parseBootstrap({
  network: 'test',
  authority: Buffer.from(publicKeyToProtobuf(authority.publicKey)).toString('base64'),
  subnets: [
    { name: 'a', hub: { peerId: hubA.toString(), addrs: ['/ip4/198.18.1.2/tcp/4001'] }, members: [{ peerId: a1.toString() }] },
    { name: 'b', hub: { peerId: hubB.toString(), addrs: ['/ip4/198.18.2.2/tcp/4001'] }, members: [{ peerId: b1.toString() }] }
  ]
}), authority)
const v2 = await signNetwork(withSubnet(v1, { name: 'c', hub: { peerId: hubC.toString(), addrs: ['/ip4/198.18.3.2/tcp/4001'] }, members: [{ peerId: c1.toString() }] }, 'test'), authority)

const DIRECT = multiaddr('/ip4/198.18.1.2/tcp/4001')

/** A node's service with a state that adopts what `checkUpdate` accepts, as the node does. */
interface TestNode {
  peerId: PeerId
  service: NetworkSync
  current: () => Network
  adopted: Network[]
  /** the handler registered for the protocol */
  handler: () => StreamHandler
}

async function node (peerId: PeerId, role: 'hub' | 'participant', start: Network, dial?: (peer: PeerId) => Promise<Stream>): Promise<TestNode> {
  let current = start
  const adopted: Network[] = []
  let handler: StreamHandler | undefined
  const service = networkSync({
    role,
    network: () => current,
    offer: async (offered) => {
      await checkUpdate(current, offered, peerId)
      current = offered
      adopted.push(offered)
    },
    retryDelay: 10
  })({
    peerId,
    registrar: { handle: async (protocol: string, h: StreamHandler) => { assert.equal(protocol, NETWORK_PROTOCOL); handler = h }, unhandle: async () => {} } as any,
    connectionManager: {
      openStream: async (peer: PeerId) => {
        if (dial == null) throw new Error('dials nobody')
        return dial(peer)
      },
      getConnections: () => []
    } as any,
    events: new TypedEventEmitter() as any,
    logger: defaultLogger()
  })
  await service.start()
  return { peerId, service, current: () => current, adopted, handler: () => handler as StreamHandler }
}

/** `from` pushes to `to`, which sees the stream arrive over a connection with `remoteAddr`. */
async function pusher (from: PeerId, network: Network, to: () => TestNode, remoteAddr = DIRECT): Promise<TestNode> {
  return node(from, 'hub', network, async () => {
    const [outbound, inbound] = await streamPair({ protocol: NETWORK_PROTOCOL })
    void to().handler()(inbound, { remotePeer: from, remoteAddr } as unknown as Connection)
    return outbound
  })
}

/** Send raw bytes to `to` as `from` and return what comes back (null when the stream is reset). */
async function raw (to: TestNode, from: PeerId, send: (s: Stream) => Promise<void>): Promise<NetworkOfferResponse | null> {
  const [outbound, inbound] = await streamPair({ protocol: NETWORK_PROTOCOL })
  const handled = to.handler()(inbound, { remotePeer: from, remoteAddr: DIRECT } as unknown as Connection)
  await send(outbound)
  try {
    return await pbStream(outbound).read(NetworkOfferResponse, { signal: AbortSignal.timeout(5000) })
  } catch {
    return null
  } finally {
    await handled
  }
}

describe('/shulian/network/1.0.0', () => {
  it('a hub takes a newer signed version from another hub and answers ACCEPTED', async () => {
    const b = await node(hubB, 'hub', v1)
    const a = await pusher(hubA, v2, () => b)
    const r = await a.service.push(hubB)
    assert.equal(r.status, NetworkOfferResponse.Status.ACCEPTED)
    assert.equal(r.version, 2)
    assert.equal(b.current().version, 2)
    assert.ok(b.current().peer(c1), 'the new subnet is known')
  })

  it('the same version is CURRENT and an older one OLDER, and neither changes the receiver', async () => {
    const b = await node(hubB, 'hub', v2)
    const same = await (await pusher(hubA, v2, () => b)).service.push(hubB)
    assert.equal(same.status, NetworkOfferResponse.Status.CURRENT)
    const older = await (await pusher(hubA, v1, () => b)).service.push(hubB)
    assert.equal(older.status, NetworkOfferResponse.Status.OLDER)
    assert.equal(older.version, 2)
    assert.match(older.message, /version 1 is older than version 2/)
    assert.equal(b.adopted.length, 0)
  })

  it('an unsigned or forged version is INVALID, with the reason', async () => {
    const b = await node(hubB, 'hub', v1)
    const unsigned = parseBootstrap({ ...v2.toJSON(), signature: undefined })
    const offer = { ...toSigned(v2), signature: new Uint8Array(0) }
    const r = await raw(b, hubA, async s => { await pbStream(s).write(offer, NetworkOffer) })
    assert.equal(r?.status, NetworkOfferResponse.Status.INVALID)
    assert.match(r?.message ?? '', /version 2 is not signed/)
    const forger = await generateKeyPair('Ed25519')
    // the real definition, signed the proper way, but by another key
    const definition = encodeDefinition(unsigned)
    const forged = { definition, signature: new Uint8Array(await forger.sign(new Uint8Array([...Buffer.from('shulian-network-definition:'), ...definition]))) }
    const f = await raw(b, hubA, async s => { await pbStream(s).write(forged, NetworkOffer) })
    assert.equal(f?.status, NetworkOfferResponse.Status.INVALID)
    assert.match(f?.message ?? '', /not the authority's/)
    assert.equal(b.current().version, 1)
  })

  it('a participant takes pushes from its own hub only, never over a circuit', async () => {
    const member = await node(a1, 'participant', v1)
    const fromOther = await (await pusher(hubB, v2, () => member)).service.push(a1).catch(e => e)
    assert.equal(fromOther.name, 'NetworkPushRefusedError')
    assert.equal(fromOther.status, NetworkOfferResponse.Status.NOT_ALLOWED)
    const viaCircuit = await (await pusher(hubA, v2, () => member, multiaddr(`/p2p/${hubA.toString()}/p2p-circuit/p2p/${hubA.toString()}`))).service.push(a1).catch(e => e)
    assert.equal(viaCircuit.status, NetworkOfferResponse.Status.NOT_ALLOWED)
    assert.equal(member.current().version, 1)
    const fromOwn = await (await pusher(hubA, v2, () => member)).service.push(a1)
    assert.equal(fromOwn.status, NetworkOfferResponse.Status.ACCEPTED)
    assert.equal(member.current().version, 2)
  })

  it('a hub refuses pushes from participants and from strangers', async () => {
    const b = await node(hubB, 'hub', v1)
    for (const from of [b1, c1]) {
      const r = await (await pusher(from, v2, () => b)).service.push(hubB).catch(e => e)
      assert.equal(r.status, NetworkOfferResponse.Status.NOT_ALLOWED, from.toString())
    }
    assert.equal(b.current().version, 1)
  })

  it('garbage and oversized offers reset the stream; the receiver keeps serving', async () => {
    const b = await node(hubB, 'hub', v1)
    assert.equal(await raw(b, hubA, async s => { await lpStream(s).write(new Uint8Array([0xff, 0xff, 0xff, 0x01])) }), null)
    assert.equal(await raw(b, hubA, async s => { await s.send(new Uint8Array([0xff, 0xff, 0xff, 0x7f])) }), null)
    const r = await (await pusher(hubA, v2, () => b)).service.push(hubB)
    assert.equal(r.status, NetworkOfferResponse.Status.ACCEPTED)
  })

  it('a hub that runs an unsigned definition announces nothing', async () => {
    const unsigned = parseBootstrap({ ...v1.toJSON(), signature: undefined })
    const a = await node(hubA, 'hub', unsigned, async () => { throw new Error('must not dial') })
    assert.deepEqual(await a.service.announce(), [])
  })

  it('a pusher treats a STATUS_UNSET answer as INVALID', async () => {
    const hub = await node(hubA, 'hub', v1, async () => {
      const [outbound, inbound] = await streamPair({ protocol: NETWORK_PROTOCOL })
      void (async () => {
        const pb = pbStream(inbound)
        await pb.read(NetworkOffer)
        await pb.write({ status: NetworkOfferResponse.Status.STATUS_UNSET, version: 0n, message: '' }, NetworkOfferResponse)
      })()
      return outbound
    })
    await assert.rejects(hub.service.push(hubB), (e: any) => e.name === 'NetworkPushRefusedError' && e.status === NetworkOfferResponse.Status.INVALID)
  })
})
