import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { parseBootstrap } from './network.js'

async function ids (n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()))
}

const [h1, h2, p1, p2, p3] = await ids(5) as [string, string, string, string, string]

function valid (): any {
  return {
    network: 'test',
    subnets: [
      { name: 'a', hub: { peerId: h1, addrs: ['/ip4/127.0.0.1/tcp/4001'] }, members: [{ peerId: p1 }, { peerId: p2 }] },
      { name: 'b', hub: { peerId: h2, addrs: ['/ip4/127.0.0.1/tcp/4002'] }, members: [{ peerId: p3 }] }
    ]
  }
}

/** Assert that parsing fails with exactly one line naming `path` and matching `problem`. */
function rejects (value: unknown, path: string, problem: RegExp): void {
  assert.throws(() => parseBootstrap(value, 'bootstrap.json'), (e: any) => {
    assert.equal(e.name, 'InvalidInputError')
    assert.equal(e.exitCode, 2)
    assert.ok(!e.message.includes('\n'), 'one line')
    assert.ok(e.message.startsWith(`bootstrap.json: ${path}: `), `"${e.message}" names ${path}`)
    assert.match(e.message, problem)
    return true
  })
}

describe('bootstrap validation', () => {
  it('accepts a valid network and answers lookups', () => {
    const net = parseBootstrap(valid())
    assert.equal(net.id, 'test')
    assert.equal(net.version, 1)
    assert.deepEqual(net.attestationRoots, [])
    assert.equal(net.peer(p1)?.role, 'participant')
    assert.equal(net.peer(p1)?.subnet, 'a')
    assert.equal(net.peer(p1)?.name, 'a-1')
    assert.equal(net.peer(h2)?.role, 'hub')
    assert.equal(net.peer(h2)?.name, 'hub-b')
    assert.equal(net.hubOf(p3)?.peerId.toString(), h2)
    assert.equal(net.hubs().length, 2)
    assert.equal(net.peers().length, 5)
    assert.equal(net.peer('12D3KooWNotInTheNetwork'), undefined)
  })

  it('reports a bad multiaddr with its path', () => {
    const v = valid(); v.subnets[1].hub.addrs = ['/ip4/127.0.0.1/tcp/1', '/ip4/1.2.3']
    rejects(v, 'subnets[1].hub.addrs[1]', /"\/ip4\/1\.2\.3" is not a multiaddr/)
  })

  it('refuses hub addresses that nobody can dial (wildcard host, port 0)', () => {
    const v = valid(); v.subnets[1].hub.addrs = ['/ip4/0.0.0.0/tcp/4001']
    rejects(v, 'subnets[1].hub.addrs[0]', /wildcard address.*announce address/)
    const w = valid(); w.subnets[0].hub.addrs = ['/ip6/::/tcp/4001']
    rejects(w, 'subnets[0].hub.addrs[0]', /wildcard/)
    const p = valid(); p.subnets[0].hub.addrs = ['/ip4/198.18.0.1/tcp/0']
    rejects(p, 'subnets[0].hub.addrs[0]', /port 0/)
  })

  it('reports a bad peer id', () => {
    const v = valid(); v.subnets[0].members[1].peerId = 'not-a-peer'
    rejects(v, 'subnets[0].members[1].peerId', /is not a peer id/)
  })

  it('reports a missing field', () => {
    const v = valid(); delete v.subnets[0].hub.peerId
    rejects(v, 'subnets[0].hub.peerId', /is required/)
  })

  it('reports unknown fields (typos)', () => {
    const v = valid(); v.subnets[0].member = []
    rejects(v, 'subnets[0]', /unknown field "member"/)
  })

  it('refuses duplicate peer ids', () => {
    const v = valid(); v.subnets[0].members.push({ peerId: p1 })
    rejects(v, 'subnets[0].members[2].peerId', /duplicate peer id/)
  })

  it('refuses a participant in two subnets', () => {
    const v = valid(); v.subnets[1].members.push({ peerId: p1 })
    rejects(v, 'subnets[1].members[1].peerId', /already a member of subnet "a"/)
  })

  it('refuses a hub that is also a member', () => {
    const v = valid(); v.subnets[1].members.push({ peerId: h1 })
    rejects(v, 'subnets[1].members[1].peerId', /both a hub and a member/)
  })

  it('refuses an empty subnet', () => {
    const v = valid(); v.subnets[1].members = []
    rejects(v, 'subnets[1].members', /at least one member/)
  })

  it('refuses a network without subnets', () => {
    rejects({ network: 'x', subnets: [] }, 'subnets', /at least one subnet/)
  })

  it('refuses duplicate subnet names', () => {
    const v = valid(); v.subnets[1].name = 'a'
    rejects(v, 'subnets[1].name', /already used/)
  })

  it('refuses a hub address naming another peer', () => {
    const v = valid(); v.subnets[0].hub.addrs = [`/ip4/127.0.0.1/tcp/1/p2p/${h2}`]
    rejects(v, 'subnets[0].hub.addrs[0]', /names peer/)
  })

  it('refuses a hub without addresses', () => {
    const v = valid(); v.subnets[0].hub.addrs = []
    rejects(v, 'subnets[0].hub.addrs', /at least one address/)
  })

  it('counts further problems on the same line', () => {
    const v = valid(); v.subnets[0].hub.addrs = ['x']; v.subnets[1].hub.addrs = ['y']
    rejects(v, 'subnets[0].hub.addrs[0]', /\(and 1 more problem\)$/)
  })
})
