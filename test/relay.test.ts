/**
 * Participants reach each other only through hubs (DESIGN §1): ping and bulk data within a subnet
 * (one hub) and across subnets (two hubs), both directions, on real node processes; and what
 * happens when the target's hub dies and comes back.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import type { TestNetwork } from './helpers/net.js'

const MB50 = 50 * 1024 * 1024

describe('relayed connections on real processes', () => {
  let net: TestNetwork
  const id = (name: string): string => net.node(name).peerId
  const dir = (name: string): string => net.node(name).dataDir

  before(async () => { net = await startNetwork() })
  after(async () => { await net?.down() })

  it('ping within a subnet goes participant → hub → participant, both ways', async () => {
    const there = await cliJson(['ping', id('a-2'), '--dir', dir('a-1'), '--count', '2'])
    assert.deepEqual(there.route, [id('a-1'), id('hub-a'), id('a-2')])
    assert.equal(there.rttMs.length, 2)
    assert.ok(there.rttMs.every((ms: number) => ms >= 0))
    const back = await cliJson(['ping', id('a-1'), '--dir', dir('a-2')])
    assert.deepEqual(back.route, [id('a-2'), id('hub-a'), id('a-1')])
  })

  it('ping across subnets goes through both hubs, both ways', async () => {
    const there = await cliJson(['ping', id('b-1'), '--dir', dir('a-1')])
    assert.deepEqual(there.route, [id('a-1'), id('hub-a'), id('hub-b'), id('b-1')])
    const back = await cliJson(['ping', id('a-1'), '--dir', dir('b-1')])
    assert.deepEqual(back.route, [id('b-1'), id('hub-b'), id('hub-a'), id('a-1')])
    const c = await cliJson(['ping', id('c-2'), '--dir', dir('b-3')])
    assert.deepEqual(c.route, [id('b-3'), id('hub-b'), id('hub-c'), id('c-2')])
  })

  it('the relayed connection is end to end: the participants see each other, not the hub', async () => {
    const s = await cliJson(['status', '--dir', dir('a-1')])
    const relayed = s.connections.filter((c: any) => c.relayed)
    assert.ok(relayed.some((c: any) => c.peerId === id('b-1') && c.role === 'participant'), 'a-1 holds a relayed connection to b-1')
    const direct = s.connections.filter((c: any) => !c.relayed)
    assert.deepEqual(direct.map((c: any) => c.peerId), [id('hub-a')], 'the only direct connection is still its hub')
    const hub = await cliJson(['status', '--dir', dir('hub-a')])
    assert.ok(hub.circuits.some((c: any) => c.source === id('a-1') && c.target === id('b-1') && c.route.length === 4), 'hub-a lists the circuit it relays')
  })

  for (const [from, to] of [['a-1', 'a-2'], ['a-2', 'a-1'], ['a-1', 'b-1'], ['b-1', 'a-1']] as const) {
    it(`50 MB echo ${from} → ${to} arrives intact`, async () => {
      const r = await cliJson(['echo', id(to), '--dir', dir(from), '--bytes', String(MB50)], { timeout: 600_000 })
      assert.equal(r.received, MB50)
      assert.equal(r.intact, true)
    })
  }

  it("a dial whose target's hub is down fails with a clear error; it works again once the hub is back", async () => {
    const hubC = net.node('hub-c')
    process.kill(Number((await readFile(join(hubC.dataDir, 'node.pid'), 'utf8')).trim()), 'SIGKILL')
    await waitFor('c-1 to lose its hub', async () => (await cliJson(['status', '--dir', dir('c-1')])).connections.length === 0 ? true : undefined)

    const r = await cli(['ping', id('c-1'), '--dir', dir('a-1')])
    assert.notEqual(r.code, 0)
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`)
    assert.match(r.stderr, /cannot reach .*(no route|unreachable|offline)/)

    await net.up()
    const ok = await cliJson(['ping', id('c-1'), '--dir', dir('a-1')])
    assert.deepEqual(ok.route, [id('a-1'), id('hub-a'), id('hub-c'), id('c-1')])
  })

  it('a participant still cannot connect directly: the circuit is the only way', async () => {
    const b1 = await cliJson(['status', '--dir', dir('b-1')])
    const r = await cli(['connect', b1.listenAddrs[0], '--dir', dir('a-1')])
    assert.notEqual(r.code, 0)
  })
})
