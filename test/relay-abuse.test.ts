/**
 * What a hub does when peers misbehave: forged route records, garbage, oversized and unauthorized
 * requests, a circuit flood — refused with a status, while honest members keep being served. And
 * what a hub can see of a circuit: ciphertext only.
 */
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey, peerIdFromString } from '@libp2p/peer-id'
import { lpStream, pbStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { PROTOCOL, RelayRequest, RelayResponse } from '../protocols/relay/index.js'
import { routeKey, signRouteRecord } from '../topology/index.js'
import { cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import { keyOf, rogueNode } from './helpers/rogue.js'
import type { TestNetwork } from './helpers/net.js'

describe('relay under abuse', () => {
  let net: TestNetwork
  let bootstrap: any
  const peer = (name: string): string => {
    for (const s of bootstrap.subnets) {
      if (s.hub.name === name) return s.hub.peerId
      const m = s.members.find((m: any) => m.name === name)
      if (m != null) return m.peerId
    }
    throw new Error(`no ${name}`)
  }
  const hubAddr = (name: string): string => {
    const s = bootstrap.subnets.find((s: any) => s.hub.name === name)
    return `${s.hub.addrs[0]}/p2p/${s.hub.peerId}`
  }
  const dir = (name: string): string => net.node(name).dataDir

  before(async () => {
    net = await startNetwork({
      subnets: '3,3,2,1',
      // a-3 and hub-d are played by the test; d-1 never comes online
      skip: ['a-3', 'hub-d', 'd-1'],
      configure: { 'hub-a': { relay: { tapDir: 'tap', maxCircuitsPerMember: 4 } } }
    })
    bootstrap = JSON.parse(await readFile(net.bootstrap, 'utf8'))
  })
  after(async () => { await net?.down() })

  it('a hub forwards ciphertext only: a marker sent through a circuit never appears in what it forwards', async () => {
    const marker = `SHULIAN-MARKER-${Math.random().toString(36).slice(2)}-`
    const r = await cliJson(['echo', peer('b-1'), '--dir', dir('a-1'), '--bytes', String(1024 * 1024), '--pattern', marker])
    assert.equal(r.intact, true, 'the receiver got the marker data intact (and echoed it back unchanged)')
    const tapDir = join(dir('hub-a'), 'tap')
    const files = (await readdir(tapDir)).filter(f => f.endsWith('.bin'))
    assert.ok(files.length >= 2, 'the tap saw both directions of the circuit')
    let seen = 0
    for (const f of files) {
      const bytes = await readFile(join(tapDir, f))
      seen += bytes.byteLength
      assert.equal(bytes.indexOf(marker), -1, `${f} must not contain the marker`)
      assert.equal(bytes.indexOf(Buffer.from(marker).subarray(0, 12)), -1, `${f} must not contain part of the marker`)
    }
    assert.ok(seen >= 2 * 1024 * 1024, `the hub forwarded the whole echo (${seen} bytes seen)`)
  })

  it('forged route records are refused by every hub; a target with only forged routes has no route', async () => {
    const rogue = await rogueNode(await keyOf(net.dir, 'hub-d'), { dht: true })
    try {
      for (const h of ['hub-a', 'hub-b', 'hub-c']) {
        await rogue.dial(multiaddr(hubAddr(h)))
      }
      await waitFor('the rogue hub to know the hubs\' DHT', () => rogue.services.dht.routingTable.size >= 3 ? true : undefined)
      const forge = async (member: string, signer: string, hubField: string): Promise<Uint8Array> => {
        const key = signer === 'hub-a' || signer === 'a-3' || signer === 'hub-d' ? await keyOf(net.dir, signer) : await generateKeyPair('Ed25519')
        return signRouteRecord({ peer: peerIdFromString(peer(member)), hub: peerIdFromString(hubField), addrs: [], seq: BigInt(Date.now()) * 1000n, expires: Date.now() + 3_600_000 }, key)
      }
      const cases = [
        // a participant signs a route for d-1 through itself
        { member: 'd-1', record: await forge('d-1', 'a-3', peer('a-3')) },
        // a hub signs a route for a peer that is not in its subnet
        { member: 'd-1', record: await forge('d-1', 'hub-a', peer('hub-a')) },
        { member: 'c-1', record: await forge('c-1', 'hub-d', peer('hub-d')) }
      ]
      for (const c of cases) {
        const accepted: string[] = []
        for await (const ev of rogue.services.dht.put(routeKey(peer(c.member)), c.record, { signal: AbortSignal.timeout(20_000) })) {
          if (ev.name === 'PEER_RESPONSE' && ev.record != null) accepted.push(ev.from.toString())
        }
        assert.deepEqual(accepted, [], `no hub stored the forged record for ${c.member}`)
      }
      const r = await cli(['ping', peer('d-1'), '--dir', dir('a-1')])
      assert.notEqual(r.code, 0)
      assert.match(r.stderr, /no route/)
      const c1 = await cliJson(['ping', peer('c-1'), '--dir', dir('a-1')])
      assert.deepEqual(c1.route, [peer('a-1'), peer('hub-a'), peer('hub-c'), peer('c-1')], 'the genuine route to c-1 is still used')
    } finally {
      await rogue.stop()
    }
  })

  describe('a member speaking the relay protocol badly', () => {
    let rogue: any
    before(async () => {
      rogue = await rogueNode(await keyOf(net.dir, 'a-3'))
      await rogue.dial(multiaddr(hubAddr('hub-a')))
    })
    after(async () => { await rogue?.stop() })

    const ask = async (req: Partial<RelayRequest>): Promise<{ res: RelayResponse, stream: any }> => {
      const stream = await rogue.dialProtocol(multiaddr(hubAddr('hub-a')), PROTOCOL)
      const pb = pbStream(stream)
      await pb.write({ type: RelayRequest.Type.CONNECT, target: new Uint8Array(0), source: new Uint8Array(0), route: [], ...req }, RelayRequest)
      const res = await pb.read(RelayResponse, { signal: AbortSignal.timeout(15_000) })
      return { res, stream: pb.unwrap() }
    }
    const mh = (name: string): Uint8Array<ArrayBuffer> => peerIdFromString(peer(name)).toMultihash().bytes as Uint8Array<ArrayBuffer>
    const servesOthers = async (): Promise<void> => {
      const ok = await cliJson(['ping', peer('b-2'), '--dir', dir('a-2')])
      assert.equal(ok.rttMs.length, 3, 'the hub keeps serving honest members')
    }

    it('a circuit to a peer outside the network: target unknown', async () => {
      const stranger = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
      const { res } = await ask({ target: stranger.toMultihash().bytes as Uint8Array<ArrayBuffer> })
      assert.equal(res.status, RelayResponse.Status.TARGET_UNKNOWN)
      assert.match(res.message, /not a participant/)
    })

    it('a circuit to a hub, or a HOP from a member: refused', async () => {
      assert.equal((await ask({ target: mh('hub-b') })).res.status, RelayResponse.Status.REFUSED)
      assert.equal((await ask({ type: RelayRequest.Type.HOP, target: mh('a-1'), source: mh('a-3'), route: [mh('a-3')] })).res.status, RelayResponse.Status.REFUSED)
    })

    it('a target that no hub announces: no route', async () => {
      const { res } = await ask({ target: mh('d-1') })
      assert.equal(res.status, RelayResponse.Status.NO_ROUTE)
    })

    it('garbage bytes: malformed, and the hub serves on', async () => {
      const stream = await rogue.dialProtocol(multiaddr(hubAddr('hub-a')), PROTOCOL)
      const lp = lpStream(stream)
      await lp.write(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12, 0x99]))
      const res = RelayResponse.decode(await lp.read({ signal: AbortSignal.timeout(15_000) }))
      assert.equal(res.status, RelayResponse.Status.MALFORMED)
      await servesOthers()
    })

    it('an oversized message: refused without reading it, and the hub serves on', async () => {
      const stream = await rogue.dialProtocol(multiaddr(hubAddr('hub-a')), PROTOCOL)
      const lp = lpStream(stream, { maxDataLength: 10 * 1024 * 1024 })
      await lp.write(new Uint8Array(1024 * 1024).fill(7)).catch(() => {})
      const answer = await lp.read({ signal: AbortSignal.timeout(15_000) }).then(b => RelayResponse.decode(b), () => undefined)
      assert.ok(answer == null || answer.status === RelayResponse.Status.MALFORMED, 'refused or cut off')
      await servesOthers()
    })

    it('a circuit flood beyond the per-member limit: limit reached, and the hub serves on', async () => {
      const held = []
      for (let i = 0; i < 4; i++) {
        const { res, stream } = await ask({ target: mh('b-3') })
        assert.equal(res.status, RelayResponse.Status.OK, `circuit ${i + 1} of 4 is allowed`)
        held.push(stream)
      }
      const { res } = await ask({ target: mh('b-3') })
      assert.equal(res.status, RelayResponse.Status.LIMIT_REACHED)
      assert.match(res.message, /already has 4 circuits/)
      await servesOthers()
      for (const s of held) s.abort(new Error('done'))
    })
  })
})
