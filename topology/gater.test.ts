import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { allowedPeer, createGater } from './gater.js'
import { parseBootstrap } from './network.js'
import type { GaterInit } from './gater.js'
import type { PeerEntry } from './network.js'
import type { MultiaddrConnection, PeerId } from '@libp2p/interface'

const keys = await Promise.all(Array.from({ length: 8 }, async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))))
const [hubA, hubB, a1, a2, b1, , , stranger] = keys as [PeerId, PeerId, PeerId, PeerId, PeerId, PeerId, PeerId, PeerId]
const net = parseBootstrap({
  network: 't',
  subnets: [
    { name: 'a', hub: { peerId: hubA.toString(), addrs: ['/ip4/127.0.0.1/tcp/4001'] }, members: [{ peerId: a1.toString() }, { peerId: a2.toString() }] },
    { name: 'b', hub: { peerId: hubB.toString(), addrs: ['/ip4/127.0.0.1/tcp/4002'] }, members: [{ peerId: b1.toString() }] }
  ]
})

function initFor (self: PeerId, relayed = false): GaterInit {
  const e = net.peer(self) as PeerEntry
  return { self, role: e.role, subnet: e.subnet, network: () => net, relayed }
}

const direct = (id: PeerId): MultiaddrConnection => ({ remoteAddr: multiaddr(`/ip4/127.0.0.1/tcp/5000/p2p/${id.toString()}`) }) as any
const circuit = (hub: PeerId, id: PeerId): MultiaddrConnection => ({ remoteAddr: multiaddr(`/p2p/${hub.toString()}/p2p-circuit/p2p/${id.toString()}`) }) as any

describe('gater: every pair of roles, direct connections', () => {
  // [self, other, allowed, why]
  const cases: Array<[string, PeerId, PeerId, boolean]> = [
    ['hub ↔ its own member', hubA, a1, true],
    ['hub ↔ other hub', hubA, hubB, true],
    ['hub ↔ member of another subnet', hubA, b1, false],
    ['hub ↔ stranger', hubA, stranger, false],
    ['participant ↔ own hub', a1, hubA, true],
    ['participant ↔ other hub', a1, hubB, false],
    ['participant ↔ participant, same subnet', a1, a2, false],
    ['participant ↔ participant, other subnet', a1, b1, false],
    ['participant ↔ stranger', a1, stranger, false],
    ['anyone ↔ itself', hubA, hubA, false]
  ]
  for (const [name, self, other, allowed] of cases) {
    it(`${name}: ${allowed ? 'allowed' : 'denied'} at every checkpoint`, async () => {
      const g = createGater(initFor(self, true))
      const deny = !allowed
      assert.equal(await g.denyInboundEncryptedConnection?.(other, direct(other)), deny)
      assert.equal(await g.denyOutboundEncryptedConnection?.(other, direct(other)), deny)
      assert.equal(await g.denyInboundUpgradedConnection?.(other, direct(other)), deny)
      assert.equal(await g.denyOutboundUpgradedConnection?.(other, direct(other)), deny)
      assert.equal(await g.denyOutboundConnection?.(other, direct(other)), deny)
      assert.equal(await g.denyDialMultiaddr?.(direct(other).remoteAddr), deny)
    })
  }
})

describe('gater: relayed (circuit) connections', () => {
  it('a participant accepts a circuit connection from another participant only when relaying is enabled', () => {
    assert.equal(allowedPeer(initFor(a1, true), a2, true), true)
    assert.equal(allowedPeer(initFor(a1, true), b1, true), true)
    assert.equal(allowedPeer(initFor(a1, false), a2, true), false)
  })

  it('never a circuit to a hub, a stranger, or on a hub', async () => {
    assert.equal(allowedPeer(initFor(a1, true), hubB, true), false)
    assert.equal(allowedPeer(initFor(a1, true), stranger, true), false)
    assert.equal(allowedPeer(initFor(hubA, true), hubB, true), false)
    const g = createGater(initFor(hubA, true))
    assert.equal(await g.denyInboundEncryptedConnection?.(a1, circuit(hubB, a1)), true)
  })

  it('a direct connection between participants stays denied with relaying enabled', async () => {
    const g = createGater(initFor(a1, true))
    assert.equal(await g.denyInboundEncryptedConnection?.(a2, direct(a2)), true)
    assert.equal(await g.denyOutboundEncryptedConnection?.(b1, direct(b1)), true)
    assert.equal(await g.denyInboundEncryptedConnection?.(a2, circuit(hubA, a2)), false)
  })

  it('refuses circuit-relay-v2 reservations and relayed connections', async () => {
    const g = createGater(initFor(hubA))
    assert.equal(await g.denyInboundRelayReservation?.(a1), true)
    assert.equal(await g.denyOutboundRelayedConnection?.(a1, a2), true)
  })
})
