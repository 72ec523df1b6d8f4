import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { defaultLogger } from '@libp2p/logger'
import { streamPair } from '@libp2p/utils'
import { MarketError } from '../../market/index.js'
import { testNet } from '../../market/test-support.js'
import { LEASE_PROTOCOL, lease } from './index.js'
import type { Lease, LeaseHubBackend, LeaseMemberBackend } from './index.js'
import type { TestNet } from '../../market/test-support.js'
import type { Connection, StreamHandler } from '@libp2p/interface'

/** `node`'s lease service answering from its backends, and a client for any caller. */
async function wire (t: TestNet, node: string, backends: { hub?: Partial<LeaseHubBackend>, member?: Partial<LeaseMemberBackend> }): Promise<(caller: string) => Lease> {
  let handler: StreamHandler | undefined
  const service = lease({
    network: () => t.network,
    hub: backends.hub == null ? undefined : () => backends.hub as LeaseHubBackend,
    member: backends.member == null ? undefined : () => backends.member as LeaseMemberBackend
  })({
    peerId: t.id(node),
    registrar: { handle: async (protocol, h) => { assert.equal(protocol, LEASE_PROTOCOL); handler = h }, unhandle: async () => {} },
    connectionManager: { openStream: async () => { throw new Error('unused') } },
    logger: defaultLogger()
  }) as unknown as { start: () => Promise<void> }
  await service.start()
  return (caller) => lease({ network: () => t.network })({
    peerId: t.id(caller),
    registrar: { handle: async () => {}, unhandle: async () => {} },
    connectionManager: {
      openStream: async () => {
        const [outbound, inbound] = await streamPair({ protocol: LEASE_PROTOCOL })
        void (handler as StreamHandler)(inbound, { remotePeer: t.id(caller) } as unknown as Connection)
        return outbound
      }
    },
    logger: defaultLogger()
  })
}

const ID = 'cd'.repeat(16)

describe('/shulian/lease/1.0.0', () => {
  let t: TestNet
  before(async () => { t = await testNet([2, 1]) })

  it('PROPOSE from another hub returns the countersignature; from a member it is refused', async () => {
    const client = await wire(t, 'hub-a', { hub: { propose: async (caller, l) => { assert.ok(caller.equals(t.id('hub-b'))); return Uint8Array.from([...l].reverse()) } } })
    assert.deepEqual(await client('hub-b').propose(t.id('hub-a'), Uint8Array.from([1, 2, 3])), Uint8Array.from([3, 2, 1]))
    await assert.rejects(client('a-1').propose(t.id('hub-a'), Uint8Array.from([1])), (e: any) => e instanceof MarketError && e.code === 'REFUSED' && /hubs only/.test(e.message))
  })

  it('END: a member ends at its own hub, a hub tells the other hub; anyone else is refused', async () => {
    const calls: string[] = []
    const client = await wire(t, 'hub-a', {
      hub: {
        endByMember: async (caller, id) => { calls.push(`member ${caller.toString() === t.id('a-1').toString()} ${id}`); return 111 },
        endByHub: (caller, id, at) => { calls.push(`hub ${caller.toString() === t.id('hub-b').toString()} ${id} ${at}`); return at }
      }
    })
    assert.equal(await client('a-1').end(t.id('hub-a'), ID), 111)
    assert.equal(await client('hub-b').end(t.id('hub-a'), ID, 222), 222)
    await assert.rejects(client('b-1').end(t.id('hub-a'), ID), (e: any) => e.code === 'REFUSED')
    await assert.rejects(client('a-1').end(t.id('hub-a'), 'not-an-id'), (e: any) => e.code === 'MALFORMED')
    assert.deepEqual(calls, [`member true ${ID}`, `hub true ${ID} 222`])
  })

  it('DELIVER: a participant takes leases from its own hub only, with their state', async () => {
    const got: Array<[number, string, number | null]> = []
    const client = await wire(t, 'a-1', { member: { deliver: async (l, status, endedAt) => { got.push([l.byteLength, status, endedAt]) } } })
    await client('hub-a').deliver(t.id('a-1'), new Uint8Array(5), { status: 'active', endedAt: null })
    await client('hub-a').deliver(t.id('a-1'), new Uint8Array(6), { status: 'ended', endedAt: 999 })
    await assert.rejects(client('hub-b').deliver(t.id('a-1'), new Uint8Array(5), { status: 'active', endedAt: null }), (e: any) => e.code === 'REFUSED' && /own hub only/.test(e.message))
    await assert.rejects(client('a-2').deliver(t.id('a-1'), new Uint8Array(5), { status: 'active', endedAt: null }), (e: any) => e.code === 'REFUSED')
    assert.deepEqual(got, [[5, 'active', null], [6, 'ended', 999]])
  })

  it('a hub takes no deliveries; a participant no proposals', async () => {
    const hub = await wire(t, 'hub-a', { hub: {} })
    await assert.rejects(hub('hub-b').deliver(t.id('hub-a'), new Uint8Array(1), { status: 'active', endedAt: null }), (e: any) => e.code === 'REFUSED' && /not a participant/.test(e.message))
    const member = await wire(t, 'a-1', { member: {} })
    await assert.rejects(member('hub-a').propose(t.id('a-1'), new Uint8Array(1)), (e: any) => e.code === 'REFUSED' && /not a hub/.test(e.message))
  })
})
