/**
 * `npm run conformance -- --target MULTIADDR --keys DIR [...]`: run the requirement index of every
 * protocol README against running nodes and print a table of results per requirement. Exit code
 * 0 when nothing failed, 1 when a requirement failed, 2 on bad usage. See README.md here.
 */
import { Command } from 'commander'
import { multiaddr } from '@multiformats/multiaddr'
import { loadKeyRing } from './keys.js'
import { loadLease } from './lease-file.js'
import { run, table } from './runner.js'
import { loadSuites } from './suites.js'
import type { Target } from './context.js'
import type { KeyRing } from './keys.js'
import type { LeaseInfo } from './lease-file.js'
import type { Row } from './runner.js'

export interface ConformanceOptions {
  targets: string[]
  keys: string
  bootstrap?: string
  lease?: string
  only?: string[]
  timeout?: number
  onRow?: (row: Row) => void
}

class UsageError extends Error {}

/** A target given as a multiaddr ending in /p2p/<id>, or as the name of a hub of the network. */
export function parseTarget (spec: string, ring: KeyRing): Target {
  const hub = ring.network.named(spec)
  if (hub?.role === 'hub') {
    const addr = (hub as any).addrs[0]
    return { addr: multiaddr(`${addr.toString()}/p2p/${hub.peerId.toString()}`), peerId: hub.peerId, entry: hub }
  }
  let addr
  try {
    addr = multiaddr(spec)
  } catch (e: any) {
    throw new UsageError(`--target ${spec}: not a multiaddr (${e.message}) nor the name of a hub of the network`)
  }
  const id = addr.getComponents().findLast(c => c.name === 'p2p')?.value
  if (id == null) throw new UsageError(`--target ${spec}: the address must end in /p2p/<peer id>`)
  const entry = ring.network.peer(id)
  if (entry == null) throw new UsageError(`--target ${spec}: ${id} is not a peer of network ${ring.network.id} (${ring.bootstrap})`)
  return { addr, peerId: entry.peerId, entry }
}

/** Run the suite; resolves to every row. */
export async function conformance (o: ConformanceOptions): Promise<{ rows: Row[], ring: KeyRing }> {
  const ring = await loadKeyRing(o.keys, o.bootstrap)
  const targets = o.targets.map(t => parseTarget(t, ring))
  const leases = new Map<string, LeaseInfo>()
  if (o.lease != null) {
    for (const t of targets) {
      const l = await loadLease(o.lease, ring.network, t.peerId.toString())
      if (l != null) leases.set(t.peerId.toString(), l)
    }
  }
  const rows = await run({
    suites: await loadSuites(),
    targets,
    ring,
    lease: (t) => leases.get(t.peerId.toString()),
    options: { timeout: o.timeout ?? 15_000 },
    ...(o.only != null ? { only: o.only } : {}),
    ...(o.onRow != null ? { onRow: o.onRow } : {})
  })
  return { rows, ring }
}

async function main (): Promise<void> {
  const program = new Command('conformance')
    .description('test running shulian nodes against the wire specs (protocols/*/README.md)')
    .requiredOption('--target <multiaddr...>', 'a node to test: /ip4/…/tcp/…/p2p/<id>, or a hub\'s name (repeatable)')
    .requiredOption('--keys <dir>', 'bootstrap.json of the target\'s network and peer keys (*.key, or <name>/peer.key as `net init` makes) that the suite may play')
    .option('--bootstrap <file>', 'the network definition, when it is not DIR/bootstrap.json')
    .option('--lease <file>', 'leases the target holds as lessor (`shulian lease list --json`), whose renter key is in --keys')
    .option('--only <ids>', 'comma-separated requirement ids or prefixes, e.g. relay,orders-1')
    .option('--timeout <ms>', 'limit for one exchange', '15000')
    .option('--json', 'print the rows as JSON')
    .parse()
  const opts = program.opts()
  const { rows, ring } = await conformance({
    targets: opts.target,
    keys: opts.keys,
    bootstrap: opts.bootstrap,
    lease: opts.lease,
    only: opts.only?.split(',').map((s: string) => s.trim()).filter((s: string) => s !== ''),
    timeout: Number(opts.timeout),
    onRow: opts.json === true ? undefined : (r) => { process.stderr.write(`${r.result.padEnd(4)} ${r.id} ${r.target}${r.detail !== '' && r.result !== 'PASS' ? ` — ${r.detail}` : ''}\n`) }
  })
  if (opts.json === true) {
    process.stdout.write(`${JSON.stringify({ network: ring.network.id, rows }, null, 2)}\n`)
  } else {
    for (const i of ring.ignored) process.stderr.write(`key ${i.file} not used: ${i.why}\n`)
    process.stdout.write(`${table(rows)}\n`)
  }
  process.exitCode = rows.some(r => r.result === 'FAIL') ? 1 : 0
}

if (process.argv[1]?.endsWith('conformance/main.js') === true) {
  main().catch((e) => {
    process.stderr.write(`conformance: ${e instanceof UsageError || e?.name === 'InvalidInputError' ? e.message : e?.stack ?? String(e)}\n`)
    process.exitCode = 2
  })
}
