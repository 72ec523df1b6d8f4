import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { pbStream, streamPair } from '@libp2p/utils'
import { parseBootstrap } from '../../topology/index.js'
import { circuitAddr, hubRelay, circuitTransport, RelayError, RelayRequest, RelayResponse } from './index.js'
import { request } from './messages.js'
import type { Connection, PeerId, Stream, StreamHandler } from '@libp2p/interface'

const newId = async (): Promise<PeerId> => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))

async function network (): Promise<{ net: ReturnType<typeof parseBootstrap>, hubA: PeerId, hubB: PeerId, a: PeerId[] }> {
  const hubA = await newId()
  const hubB = await newId()
  const a = [await newId(), await newId(), await newId()]
  const net = parseBootstrap({
    network: 'relay-test',
    version: 1,
    attestationRoots: [],
    subnets: [
      { name: 'a', hub: { peerId: hubA.toString(), addrs: ['/ip4/127.0.0.1/tcp/1'] }, members: a.map(p => ({ peerId: p.toString() })) },
      { name: 'b', hub: { peerId: hubB.toString(), addrs: ['/ip4/127.0.0.1/tcp/2'] }, members: [{ peerId: (await newId()).toString() }] }
    ]
  }, 'test')
  return { net, hubA, hubB, a }
}

describe('/shulian/relay/1.0.0', () => {
  const open: Stream[] = []
  after(() => { for (const s of open) s.abort(new Error('test over')) })

  it('a response with STATUS_UNSET is a MALFORMED refusal', async () => {
    const [outbound, inbound] = await streamPair()
    const hub = (async () => {
      const pb = pbStream(inbound)
      await pb.read(RelayRequest)
      await pb.write({ status: RelayResponse.Status.STATUS_UNSET, message: '', route: [] }, RelayResponse)
    })()
    await assert.rejects(request(outbound, { type: RelayRequest.Type.CONNECT, target: (await newId()).toMultihash().bytes as Uint8Array<ArrayBuffer> }, AbortSignal.timeout(5000)),
      (e: any) => e instanceof RelayError && e.status === RelayResponse.Status.MALFORMED)
    await hub
  })

  it('a participant refuses to dial a circuit through a hub other than its own', async () => {
    const { net, hubA, hubB, a } = await network()
    let opened = 0
    const transport = circuitTransport({ network: () => net })({
      peerId: a[0] as PeerId,
      registrar: {} as any,
      upgrader: {} as any,
      connectionManager: { openStream: async () => { opened++; throw new Error('no') } } as any,
      logger: defaultLogger()
    })
    await assert.rejects(transport.dial(circuitAddr(hubB, a[1] as PeerId), { signal: AbortSignal.timeout(5000) } as any),
      (e: any) => e instanceof RelayError && e.status === RelayResponse.Status.REFUSED && /own hub/.test(e.message))
    assert.equal(opened, 0, 'nothing was asked of the other hub')
    await assert.rejects(transport.dial(circuitAddr(hubA, a[1] as PeerId), { signal: AbortSignal.timeout(5000) } as any), /no/, 'through its own hub it does ask')
    assert.equal(opened, 1)
  })

  it('a hub whose config leaves the limits out applies the defaults (16 circuits per member)', async () => {
    const { net, hubA, a } = await network()
    let handler: StreamHandler | undefined
    // the target member answers every STOP with OK and keeps the circuit open
    const target = {
      status: 'open',
      newStream: async () => {
        const [toTarget, atTarget] = await streamPair()
        void (async () => {
          const pb = pbStream(atTarget)
          await pb.read(RelayRequest)
          await pb.write({ status: RelayResponse.Status.OK, message: 'ok', route: [] }, RelayResponse)
          open.push(pb.unwrap())
        })()
        return toTarget
      }
    }
    const relay = hubRelay({
      network: () => net,
      findRoute: async () => undefined,
      // what node/create-libp2p passes for a node.json without a relay section
      maxCircuits: undefined,
      maxCircuitsPerMember: undefined,
      maxInFlight: undefined,
      idleTimeout: undefined
    })({
      peerId: hubA,
      registrar: { handle: async (_p: string, h: StreamHandler) => { handler = h }, unhandle: async () => {} } as any,
      connectionManager: { getConnections: () => [target] } as any,
      logger: defaultLogger()
    })
    await relay.start()
    const connect = async (): Promise<RelayResponse.Status> => {
      const [caller, atHub] = await streamPair()
      void (handler as StreamHandler)(atHub, { remotePeer: a[0] } as unknown as Connection)
      try {
        const r = await request(caller, { type: RelayRequest.Type.CONNECT, target: (a[1] as PeerId).toMultihash().bytes as Uint8Array<ArrayBuffer> }, AbortSignal.timeout(5000))
        open.push(r.stream)
        return RelayResponse.Status.OK
      } catch (e: any) {
        if (e instanceof RelayError) return e.status
        throw e
      }
    }
    for (let i = 0; i < 16; i++) assert.equal(await connect(), RelayResponse.Status.OK, `circuit ${i + 1}`)
    assert.equal(await connect(), RelayResponse.Status.LIMIT_REACHED)
    await relay.stop()
  })
})
