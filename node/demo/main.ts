/**
 * `npm run demo`: the example network of ./bootstrap.json brought up as real processes on
 * loopback, shown working, and taken down again. Later parts of shulian add their steps here.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { callApi } from '../api/client.js'
import { out, reportFailure, table } from '../cli/output.js'
import { downNetwork, upNetwork } from '../net/up.js'
import type { NodeStatus } from '../status.js'

const bootstrapPath = resolve(process.argv[2] ?? 'bootstrap.json')
const dir = await mkdtemp(join(tmpdir(), 'shulian-demo-'))
let failed = false

const stop = async (): Promise<void> => {
  await downNetwork(dir).catch(() => {})
  await rm(dir, { recursive: true, force: true })
}
process.once('SIGINT', () => { void stop().then(() => process.exit(130)) })

try {
  out(`shulian demo: starting every node of ${bootstrapPath} as its own process (data in ${dir})`)
  const t0 = Date.now()
  const nodes = await upNetwork({ bootstrapPath, dir })
  out(`all links up in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)

  const rows: Array<Array<string | number>> = []
  for (const n of nodes) {
    const s = await callApi<NodeStatus>(n.dataDir, '/status')
    const linked = s.connections.map(c => c.name ?? c.peerId.slice(-6))
    rows.push([n.name, n.role, n.subnet, n.peerId.slice(0, 16) + '…', [...new Set(linked)].sort().join(' '), s.dht?.routingTable.length ?? '-'])
  }
  out(table(['node', 'role', 'subnet', 'peer id', 'connected to', 'dht peers'], rows))
  out('\nparticipants reach only their hub; hubs form a full mesh and the hub-tier DHT.')
} catch (e) {
  failed = true
  process.exitCode = reportFailure(e)
} finally {
  await stop()
  out(failed ? '\nnetwork taken down after a failure' : '\nnetwork taken down')
}
