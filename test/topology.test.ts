/**
 * The subnet topology on real node processes (DESIGN §1): participants connect only to their hub,
 * hubs form a full mesh and a DHT, and nobody else gets in — not even someone holding a
 * participant's own key, and not a node asked by its operator to break the rules.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair, privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { ping } from '@libp2p/ping'
import { callApi } from '../node/api/client.js'
import { cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import type { TestNetwork } from './helpers/net.js'
import type { PrivateKey } from '@libp2p/interface'

interface Status { peerId: string, role: string, subnet: string, listenAddrs: string[], connections: Array<{ peerId: string, role: string, subnet: string }>, dht?: { routingTable: string[] } }

// the control API directly (the `status` command's output is checked once, below)
const status = async (dir: string): Promise<Status> => callApi<Status>(dir, '/status')

/** A libp2p node with no gater at all: what an attacker would run. */
async function plainNode (privateKey: PrivateKey): Promise<Awaited<ReturnType<typeof createLibp2p>>> {
  return createLibp2p({ privateKey, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()], services: { ping: ping() } })
}

/**
 * Assert that the node at `addr` refuses `from`. The remote's gater runs right after the Noise
 * handshake; the dialer may already have finished its side of the upgrade by then, so the refusal
 * shows either as a failed dial or as a connection the remote closes before any stream works.
 */
async function assertRefused (from: Awaited<ReturnType<typeof plainNode>>, addr: string, who: string): Promise<void> {
  let conn
  try {
    conn = await from.dial(multiaddr(addr), { signal: AbortSignal.timeout(10_000) })
  } catch {
    return
  }
  await assert.rejects(conn.newStream('/ipfs/ping/1.0.0', { signal: AbortSignal.timeout(10_000) }), `${who}: no stream may open`)
  await waitFor(`${who} to close the connection`, () => conn.status === 'open' ? undefined : true)
}

describe('topology on real processes', () => {
  let net: TestNetwork

  before(async () => { net = await startNetwork() })
  after(async () => { await net?.down() })

  it('`status --json` prints the public shape', async () => {
    const s = await cliJson(['status', '--dir', net.node('a-1').dataDir])
    assert.equal(s.peerId, net.node('a-1').peerId)
    assert.equal(s.role, 'participant')
    assert.equal(s.subnet, 'a')
    assert.ok(Array.isArray(s.listenAddrs) && s.listenAddrs.length > 0)
    assert.deepEqual(s.connections.map((c: any) => [c.peerId, c.role, c.subnet]), [[net.node('hub-a').peerId, 'hub', 'a']])
  })

  it('serves Prometheus metrics of the libp2p stack, to the token holder only', async () => {
    const hub = net.node('hub-a')
    const text = await callApi<string>(hub.dataDir, '/metrics', { text: true })
    assert.match(text, /^libp2p_connection_manager_connections\{.*\} [1-9]/m, 'libp2p connection gauge with a non-zero value')
    const res = await fetch(new URL('/status', hub.api), { headers: { authorization: 'Bearer wrong' } })
    assert.equal(res.status, 401)
    const none = await fetch(new URL('/metrics', hub.api))
    assert.equal(none.status, 401)
  })

  it('every participant is connected to its own hub only; hubs form a full mesh', async () => {
    const hubs = net.nodes.filter(n => n.role === 'hub')
    for (const n of net.nodes) {
      const s = await status(n.dataDir)
      assert.equal(s.peerId, n.peerId)
      assert.equal(s.role, n.role)
      const peers = new Set(s.connections.map(c => c.peerId))
      if (n.role === 'participant') {
        const hub = hubs.find(h => h.subnet === n.subnet)
        assert.deepEqual([...peers], [hub?.peerId], `${n.name} connects to its hub only`)
        assert.equal(s.connections[0]?.role, 'hub')
      } else {
        const otherHubs = hubs.filter(h => h.name !== n.name).map(h => h.peerId)
        const members = net.nodes.filter(m => m.role === 'participant' && m.subnet === n.subnet).map(m => m.peerId)
        assert.deepEqual([...peers].sort(), [...otherHubs, ...members].sort(), `${n.name}: other hubs and own members`)
        for (const c of s.connections) {
          assert.ok(c.role === 'hub' || c.subnet === n.subnet, `${n.name} has no link to ${c.peerId} of subnet ${c.subnet}`)
        }
      }
    }
  })

  it("the hubs' DHT routing tables contain the other hubs, and no participant", async () => {
    const hubs = net.nodes.filter(n => n.role === 'hub')
    for (const h of hubs) {
      const others = hubs.filter(o => o.name !== h.name).map(o => o.peerId).sort()
      const table = await waitFor(`${h.name}'s routing table to hold ${others.length} hubs`, async () => {
        const rt = (await status(h.dataDir)).dht?.routingTable ?? []
        return others.every(o => rt.includes(o)) ? rt : undefined
      })
      assert.deepEqual([...table].sort(), others)
    }
    for (const p of net.nodes.filter(n => n.role === 'participant')) {
      assert.equal((await status(p.dataDir)).dht, undefined, `${p.name} runs no DHT`)
    }
  })

  it("a gater-less node holding P1's own key is refused by P2", async () => {
    const p1 = net.node('a-1')
    const p2 = net.node('a-2')
    const key = privateKeyFromProtobuf(await readFile(join(p1.dataDir, 'peer.key')))
    const p2addr = (await status(p2.dataDir)).listenAddrs[0] as string
    const attacker = await plainNode(key)
    try {
      await assertRefused(attacker, p2addr, 'a-2')
      const s2 = await status(p2.dataDir)
      assert.ok(!s2.connections.some(c => c.peerId === p1.peerId), 'P2 holds no connection from P1')
    } finally {
      await attacker.stop()
    }
  })

  it("P1's node refuses to dial P2 when asked to", async () => {
    const p2 = net.node('b-1')
    const p2addr = (await status(p2.dataDir)).listenAddrs[0] as string
    for (const from of ['a-1', 'b-2']) {
      const r = await cli(['connect', p2addr, '--dir', net.node(from).dataDir])
      assert.notEqual(r.code, 0, `${from} must not connect to b-1`)
      assert.match(r.stderr, /refused/)
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line')
    }
    // a hub also refuses to dial a participant of another subnet
    const r = await cli(['connect', p2addr, '--dir', net.node('hub-a').dataDir])
    assert.notEqual(r.code, 0)
    // while a permitted dial works (the participant's own hub, already connected)
    const hubAddr = (await status(net.node('hub-b').dataDir)).listenAddrs[0] as string
    const ok = await cliJson(['connect', hubAddr, '--dir', p2.dataDir])
    assert.equal(ok.peerId, net.node('hub-b').peerId)
  })

  it('a node with a random key is refused by every node', async () => {
    const stranger = await plainNode(await generateKeyPair('Ed25519'))
    try {
      for (const n of net.nodes) {
        const addr = (await status(n.dataDir)).listenAddrs[0] as string
        await assertRefused(stranger, addr, n.name)
      }
      for (const n of net.nodes) {
        const s = await status(n.dataDir)
        assert.ok(!s.connections.some(c => c.peerId === stranger.peerId.toString()), `${n.name} holds no connection from the stranger`)
      }
    } finally {
      await stranger.stop()
    }
  })

  it('a killed hub, restarted, is rejoined by its participants and the other hubs without restarting them', async () => {
    const hub = net.node('hub-b')
    const pidOf = async (name: string): Promise<number> => Number((await readFile(join(net.dir, name, 'node.pid'), 'utf8')).trim())
    const others = net.nodes.filter(n => n.name !== hub.name)
    const pidsBefore = new Map(await Promise.all(others.map(async n => [n.name, await pidOf(n.name)] as const)))

    process.kill(await pidOf(hub.name), 'SIGKILL')
    // its members notice the link is gone
    await waitFor('b-1 to lose its hub', async () => (await status(net.node('b-1').dataDir)).connections.length === 0 ? true : undefined)

    // `net up` starts only what is down, then waits for every link
    const { nodes } = await cliJson<{ nodes: Array<{ name: string, started: boolean }> }>(['net', 'up', '--dir', net.dir])
    assert.deepEqual(nodes.filter(n => n.started).map(n => n.name), [hub.name])
    for (const n of others) {
      assert.equal(await pidOf(n.name), pidsBefore.get(n.name), `${n.name} was not restarted`)
    }
    for (const m of ['b-1', 'b-2', 'b-3']) {
      const s = await status(net.node(m).dataDir)
      assert.deepEqual(s.connections.map(c => c.peerId), [hub.peerId], `${m} is back on its hub`)
    }
    for (const h of ['hub-a', 'hub-c']) {
      const s = await status(net.node(h).dataDir)
      assert.ok(s.connections.some(c => c.peerId === hub.peerId), `${h} is linked to the restarted hub`)
    }
  })
})
