/**
 * A new subnet joins a running network from a config (issue 10, part 2): `subnet create` prepares
 * its hub and member, the authority signs the next version of the network definition, one hub is
 * handed it, and every hub and member learns it through the hubs, without any restart. The new
 * member then reaches subnet 1 through the hubs, leases compute there and runs a job on it. Unsigned, tampered and older versions are refused.
 */
import assert from 'node:assert/strict'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { combine, loadJobFile, readCsvTable, runPlain, writeSyntheticCsv } from '../compute/index.js'
import { freePorts } from '../node/net/init.js'
import { cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import type { TestNetwork } from './helpers/net.js'

describe('a new subnet joins a running network', () => {
  let net: TestNetwork
  let newDir: string
  let next: string
  const pids = new Map<string, number>()
  const created = new Map<string, { peerId: string, dir: string }>()
  const status = async (dir: string): Promise<any> => cliJson(['status', '--dir', dir])
  const id = (name: string): string => created.get(name)?.peerId ?? net.node(name).peerId
  const dir = (name: string): string => created.get(name)?.dir ?? net.node(name).dataDir

  before(async () => {
    net = await startNetwork({ subnets: '1,1,1' })
    for (const n of net.nodes) {
      pids.set(n.name, (await status(n.dataDir)).process.pid)
    }
    newDir = join(net.dir, 'new-subnet')
    next = join(newDir, 'bootstrap.json')
  })
  after(async () => {
    if (newDir !== undefined) await cli(['net', 'down', '--dir', newDir])
    await net?.down()
  })

  it('subnet create prepares a hub and a member from a config; the authority signs version 2', async () => {
    const [port] = await freePorts('127.0.0.1', 1)
    await mkdir(newDir, { recursive: true })
    const config = join(newDir, 'subnet.json')
    // the member listens nowhere: it only dials its hub, as a participant behind NAT would
    await writeFile(config, JSON.stringify({ name: 'd', hub: { listen: [`/ip4/127.0.0.1/tcp/${port}`] }, members: 1 }))
    const r = await cliJson(['subnet', 'create', '--config', config, '--out', newDir])
    assert.deepEqual(r.nodes.map((n: any) => [n.name, n.role]), [['hub-d', 'hub'], ['d-1', 'participant']])
    for (const n of r.nodes) {
      created.set(n.name, { peerId: n.peerId, dir: n.dir })
      assert.equal((await stat(join(n.dir, 'peer.key'))).mode & 0o777, 0o600)
    }
    const node = JSON.parse(await readFile(join(dir('hub-d'), 'node.json'), 'utf8'))
    assert.deepEqual(node.listen, [`/ip4/127.0.0.1/tcp/${port}`])
    // a second run over the same directory would replace keys: refused
    const again = await cli(['subnet', 'create', '--config', config, '--out', newDir])
    assert.equal(again.code, 2)
    assert.match(again.stderr, /already exists/)

    const v2 = await cliJson(['network', 'add-subnet', '--bootstrap', net.bootstrap, '--subnet', r.entry, '--authority-key', join(net.dir, 'authority.key'), '--out', next])
    assert.equal(v2.version, 2)
    assert.deepEqual(v2.subnets, ['a', 'b', 'c', 'd'])
    assert.equal(v2.signed, true)
  })

  it('an unsigned or tampered version is refused, and the refusal shows in status', async () => {
    const v2 = JSON.parse(await readFile(next, 'utf8'))
    const unsigned = join(newDir, 'unsigned.json')
    await writeFile(unsigned, JSON.stringify({ ...v2, signature: undefined }))
    const u = await cli(['network', 'push', unsigned, '--dir', dir('hub-a')])
    assert.equal(u.code, 1)
    assert.match(u.stderr, /refused: version 2 is not signed/)
    const tampered = join(newDir, 'tampered.json')
    await writeFile(tampered, JSON.stringify({ ...v2, subnets: v2.subnets.map((s: any) => s.name === 'd' ? { ...s, hub: { ...s.hub, addrs: ['/ip4/127.0.0.1/tcp/9'] } } : s) }))
    const t = await cli(['network', 'push', tampered, '--dir', dir('hub-a')])
    assert.equal(t.code, 1)
    assert.match(t.stderr, /signature that is not the authority's/)
    const s = await status(dir('hub-a'))
    assert.equal(s.definition.version, 1)
    assert.deepEqual(s.definition.refused.map((r: any) => r.code), ['UNSIGNED', 'BAD_SIGNATURE'])
    assert.equal((await status(dir('hub-b'))).definition.version, 1, 'nothing was pushed on')
  })

  it('one hub is handed version 2; every hub and member learns it through the hubs', async () => {
    const r = await cliJson(['network', 'push', next, '--dir', dir('hub-a')])
    assert.equal(r.status, 'accepted')
    assert.equal(r.version, 2)
    for (const n of net.nodes) {
      await waitFor(`${n.name} to run version 2`, async () => (await status(n.dataDir)).definition.version === 2 ? true : undefined)
    }
    const b1 = await status(dir('b-1'))
    assert.equal(b1.definition.source, 'pushed')
    assert.equal(b1.definition.from, id('hub-b'), 'a member learns it from its own hub')
  })

  it('an older version is refused', async () => {
    const r = await cli(['network', 'push', net.bootstrap, '--dir', dir('hub-c')])
    assert.equal(r.code, 1)
    assert.match(r.stderr, /refused: version 1 is older than version 2/)
    assert.equal((await status(dir('hub-c'))).definition.refused.at(-1).code, 'OLDER')
  })

  it('the new subnet starts; the hubs connect to its hub, and its member pings subnet 1 through the hubs', async () => {
    const old = net.nodes.map(n => n.name).join(',')
    await cliJson(['net', 'up', '--dir', newDir, '--bootstrap', next, '--skip', old], { timeout: 120_000 })
    for (const hub of ['hub-a', 'hub-b', 'hub-c']) {
      await waitFor(`${hub} to connect to hub-d`, async () => (await status(dir(hub))).connections.some((c: any) => c.peerId === id('hub-d')) ? true : undefined)
    }
    // the route record of d-1 reaches the hub tier when hub-d publishes it: wait for the ping to go through
    const there = await waitFor('d-1 to reach a-1', async () => cliJson<{ route: string[] }>(['ping', id('a-1'), '--dir', dir('d-1')]))
    assert.deepEqual(there.route, [id('d-1'), id('hub-d'), id('hub-a'), id('a-1')])
    const back = await cliJson(['ping', id('d-1'), '--dir', dir('a-1')])
    assert.deepEqual(back.route, [id('a-1'), id('hub-a'), id('hub-d'), id('d-1')])
  })

  it('d-1 leases compute from subnet a and runs a job on it, through hub-d and hub-a', async () => {
    await cliJson(['order', 'sell', '--dir', dir('a-1'), '--cores', '2', '--memory', '2048', '--price', '1', '--he', '--he-throughput', '500000', '--expires', '1h'])
    // hub-d, new to the network, finds the offer in the hub-tier DHT it joined
    await waitFor('hub-d to find a-1\'s offer', async () => {
      const { offers } = await cliJson(['order', 'list', '--offers', '--dir', dir('hub-d')])
      return offers.some((o: any) => o.owner === id('a-1')) ? true : undefined
    }, 60_000)
    await writeSyntheticCsv(join(newDir, 'd.csv'), 3_000, 11)
    const jobPath = join(newDir, 'd-job.json')
    await writeFile(jobPath, JSON.stringify({
      name: 'new-subnet-job',
      data: { path: 'd.csv', columns: { income: 'float', debt: 'float', age: 'int' } },
      program: { let: { score: '0.3*income - 0.2*debt + 0.01*age*age' }, outputs: { mean_score: 'mean(score)', total_debt: 'sum(debt)', rows: 'count()' } },
      lease: { cores: 2, memoryMiB: 1024, maxPrice: 10, duration: '30m' },
      budget: { maxSeconds: 600, maxMemoryMiB: 4096 }
    }))
    const job = await loadJobFile(jobPath)
    const want = combine(job.program, [runPlain(job.program, await readCsvTable(job.dataPath, job.spec.data.columns))])
    const report = await cliJson(['job', 'run', jobPath, '--dir', dir('d-1'), '--policy', 'he'], { timeout: 300_000 })
    assert.equal(report.status, 'done')
    assert.equal(report.leases.length, 1)
    const remote = report.subtasks.filter((s: any) => s.ranOn === 'lessor')
    assert.equal(remote.length, 1, JSON.stringify(report.subtasks))
    assert.equal(remote[0].peerId, id('a-1'))
    assert.deepEqual(remote[0].route, [id('d-1'), id('hub-d'), id('hub-a'), id('a-1')])
    for (const [k, w] of Object.entries(want)) {
      const g = report.outputs[k] as number
      assert.ok(Math.abs(g - (w as number)) <= 1e-6 * Math.max(1, Math.abs(w as number)), `${k}: ${g} vs ${String(w)}`)
    }
    // the lease is signed by both hubs, the new one included, and verifies against version 2
    const { leases } = await cliJson(['lease', 'list', '--dir', dir('d-1')])
    const lease = leases.find((l: any) => l.id === report.leases[0])
    assert.equal(lease.renterHub, id('hub-d'))
    assert.equal(lease.lessorHub, id('hub-a'))
    const file = join(newDir, 'd-lease.json')
    await writeFile(file, JSON.stringify(lease))
    const ok = await cli(['lease', 'verify', file, '--bootstrap', next])
    assert.equal(ok.code, 0, ok.stderr)
  })

  it('no existing node was restarted', async () => {
    for (const n of net.nodes) {
      assert.equal((await status(n.dataDir)).process.pid, pids.get(n.name), `${n.name} kept its process`)
    }
  })

  it('a restarted hub keeps version 2 from its data dir, though its bootstrap.json is version 1', async () => {
    const pid = pids.get('hub-b') as number
    process.kill(pid, 'SIGTERM')
    await waitFor('hub-b to exit', () => { try { process.kill(pid, 0); return undefined } catch { return true } })
    await net.up()
    const s = await status(dir('hub-b'))
    assert.notEqual(s.process.pid, pid)
    assert.equal(s.definition.version, 2)
    assert.equal(s.definition.source, 'stored')
    await waitFor('hub-b to reconnect to hub-d', async () => (await status(dir('hub-b'))).connections.some((c: any) => c.peerId === id('hub-d')) ? true : undefined)
  })
})
