/**
 * A local network laid out for the conformance suite and the fuzzer, as an operator would give it
 * to them: a hub target (hub-b) and a participant target (a-1) holding a lease, and a keys dir
 * with peers the suite may play because they are not running:
 *
 *   subnet a: hub-a, a-1 (lessor), a-2 (renter), a-3 — hub-a and a-2 are stopped once the lease
 *             exists, a-3 never started (a peer of a-1 that holds no lease with it)
 *   subnet b: hub-b, b-1, b-2 running; b-3, b-4 never started
 *   subnet c: hub-c, c-1, c-2 running (for circuits across subnets and an honest ping b-1 → c-1)
 *
 * a-1 also serves a synthetic table for joint trainings (`joint.json` in the keys dir: its id
 * column, features and ids).
 *
 * Keys given to the suite: hub-a (a-1's own hub, another hub for hub-b), a-2 (the lease's renter,
 * a member of another subnet for hub-b), a-3, b-3 and b-4 (members of hub-b), and the authority key.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJointCsv, writeJointSynthetic } from '../../compute/joint/index.js'
import { stopNodeProcess } from '../../node/net/processes.js'
import { cliJson, waitFor } from '../helpers/cli.js'
import { startNetwork } from '../helpers/net.js'
import { api } from '../market-helpers.js'
import type { TestNetwork } from '../helpers/net.js'

export interface Fixture {
  net: TestNetwork
  /** the keys dir for --keys */
  keys: string
  /** the lease file for --lease */
  lease: string
  /** --target values */
  hubTarget: string
  participantTarget: string
  /** data dirs of running nodes, by name */
  dir: (name: string) => string
  peerId: (name: string) => string
}

export async function startFixture (): Promise<Fixture> {
  const fast = { market: { rematchIntervalMs: 300, offerCacheMs: 100 } }
  const net = await startNetwork({ subnets: '3,4,2', skip: ['a-3', 'b-3', 'b-4'], configure: { 'hub-a': fast } })
  try {
    const dir = (name: string): string => net.node(name).dataDir
    const status = async (name: string): Promise<any> => cliJson(['status', '--dir', join(net.dir, name)])
    const peerId = (name: string): string => {
      const n = net.nodes.find(x => x.name === name)
      if (n != null) return n.peerId
      throw new Error(`no running node ${name}`)
    }
    const measurement = (await cliJson(['tee', 'measure'])).measurement
    await api(dir('a-1'), '/market/orders', {
      side: 'sell', cores: 2, memoryMiB: 512, expiresInS: 3600, protection: { he: true, tee: { kind: 'simulated', measurement } }, heElementsPerS: 500_000, pricePerCoreHour: 1, minDurationS: 60, maxDurationS: 86_400
    })
    const bought = await api(dir('a-2'), '/market/orders', { side: 'buy', cores: 2, memoryMiB: 64, durationS: 3600, maxPricePerCoreHour: 1, expiresInS: 600, requirements: { protection: 'any' } })
    const leaseId: string = bought.leases[0]?.id ?? (await waitFor('a-2 to hold its lease', async () => (await api(dir('a-2'), '/market/leases')).leases[0]?.id))
    await waitFor('a-1 to hold the lease as lessor', async () => (await api(dir('a-1'), '/market/leases')).leases.some((l: any) => l.id === leaseId) ? true : undefined)
    const leases = (await api(dir('a-2'), '/market/leases')).leases.filter((l: any) => l.id === leaseId)

    const keys = join(net.dir, 'conformance-keys')
    await mkdir(keys, { recursive: true })
    await copyFile(net.bootstrap, join(keys, 'bootstrap.json'))
    await copyFile(join(net.dir, 'authority.key'), join(keys, 'authority.key'))
    for (const name of ['hub-a', 'a-2', 'a-3', 'b-3', 'b-4']) await copyFile(join(net.dir, name, 'peer.key'), join(keys, `${name}.key`))
    const lease = join(keys, 'lease.json')
    await writeFile(lease, JSON.stringify({ leases }, null, 2))
    // a-1 serves data for joint trainings too (the partner of /shulian/joint/1.0.0); the suite gets its ids as a renter would
    await mkdir(join(net.dir, 'joint-data'), { recursive: true })
    const data = await writeJointSynthetic(join(net.dir, 'joint-data'), 300)
    const served = await api(dir('a-1'), '/joint/serve', { data: data.partner, id: 'id', label: 'score' })
    const ids = (await readJointCsv(data.renter, 'id', ['income'])).ids
    await writeFile(join(keys, 'joint.json'), JSON.stringify({ id: 'id', features: served.features, ids }))

    const a1 = await status('a-1')
    const a1Addr = a1.listenAddrs.find((a: string) => a.includes('/127.0.0.1/')) ?? a1.listenAddrs[0]
    // the suite plays these two from now on
    await stopNodeProcess(join(net.dir, 'a-2'))
    await stopNodeProcess(join(net.dir, 'hub-a'))
    return { net, keys, lease, hubTarget: 'hub-b', participantTarget: a1Addr.includes("/p2p/") ? a1Addr : `${a1Addr}/p2p/${a1.peerId}`, dir, peerId }
  } catch (e) {
    await net.down()
    throw e
  }
}
