/**
 * `npm run fuzz [-- --target MULTIADDR --keys DIR [--lease FILE] [--pid PID]] [--cases N] [--seed S]`:
 * mutated and malformed messages of every shulian protocol against running nodes, with honest
 * probes meanwhile; prints the table of counts. Without --target it starts the example network
 * (test/conformance/fixture.ts) and fuzzes a hub and a participant, then stops it. Exit code 1 when
 * a node crashed, a probe failed or memory grew past --max-growth; 2 on bad usage.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command } from 'commander'
import { callApi } from '../../node/api/client.js'
import { loadKeyRing } from '../conformance/keys.js'
import { loadLease } from '../conformance/lease-file.js'
import { parseTarget } from '../conformance/main.js'
import { fuzz, heapGrowth, rssGrowth, table } from './fuzzer.js'
import { TARGETS } from './targets.js'
import type { FuzzReport, Probe } from './fuzzer.js'

export interface FuzzOptions {
  targets: string[]
  keys: string
  lease?: string
  /** pids of the target nodes on this machine, in --target order */
  pids?: Array<number | undefined>
  /** data directories of the target nodes (their status API gives the live heap), in --target order */
  dirs?: Array<string | undefined>
  cases: number
  seed: number
  only?: string[]
  /** extra probes for every target */
  probes?: () => Probe[]
  onLine?: (line: string) => void
}

export async function fuzzNodes (o: FuzzOptions): Promise<FuzzReport[]> {
  const ring = await loadKeyRing(o.keys)
  const chosen = TARGETS.filter(t => o.only == null || o.only.some(p => t.protocol.startsWith(p)))
  // a protocol's cases are shared among its sides (a hub's and a participant's)
  const sides = (t: typeof TARGETS[number]): number => chosen.filter(x => x.protocol === t.protocol).length
  const perSide = (t: typeof TARGETS[number]): number => Math.ceil(o.cases / sides(t))
  // the nodes are fuzzed at the same time (each its own process), each by its own loop
  return Promise.all(o.targets.map(async (spec, i) => {
    const target = parseTarget(spec, ring)
    const lease = o.lease == null ? undefined : await loadLease(o.lease, ring.network, target.peerId.toString())
    const pid = o.pids?.[i]
    const dir = o.dirs?.[i]
    return fuzz({
      // the live heap after a full collection (POST /debug/gc), so a burst's garbage is not taken for a leak
      ...(dir != null ? { heap: async () => ((await callApi(dir, '/debug/gc', { method: 'POST', timeout: 10_000 })).heapUsedAfter as number) / 1024 / 1024 } : {}),
      target,
      ring,
      ...(lease != null ? { lease } : {}),
      ...(pid != null ? { pid } : {}),
      targets: chosen,
      cases: perSide,
      seed: o.seed,
      ...(o.probes != null ? { probes: o.probes } : {}),
      onTarget: (r) => o.onLine?.(`${r.protocol} (${r.label}) → ${r.target}: ${r.cases} cases in ${(r.ms / 1000).toFixed(1)} s${r.crashed ? ', CRASHED' : ''}${r.skipped != null ? `, skipped: ${r.skipped}` : ''}`)
    })
  }))
}

/** The verdict: crashes, failed probes, memory growth past `maxGrowthMiB`. Empty when all is well. */
export function problems (reports: FuzzReport[], maxGrowthMiB: number): string[] {
  const out: string[] = []
  for (const rep of reports) {
    for (const r of rep.results) if (r.crashed) out.push(`${rep.node} crashed under ${r.protocol} (${r.label})`)
    for (const p of rep.probes) if (p.failed > 0) out.push(`${rep.node}: probe "${p.name}" failed ${p.failed} times (${p.lastError})`)
    const g = rssGrowth(rep)
    if (g != null && g > maxGrowthMiB) out.push(`${rep.node}: RSS grew by ${g} MiB (limit ${maxGrowthMiB})`)
    // the live heap is what a leak fills; RSS also holds what V8 and the allocator keep after bursts
    const h = heapGrowth(rep)
    if (h != null && h > maxGrowthMiB / 4) out.push(`${rep.node}: live heap grew by ${h} MiB (limit ${maxGrowthMiB / 4})`)
  }
  return out
}

async function main (): Promise<void> {
  const program = new Command('fuzz')
    .description('send mutated and malformed messages of every shulian protocol to running nodes')
    .option('--target <multiaddr...>', 'nodes to fuzz (/ip4/…/p2p/<id> or a hub\'s name); none: start the example network and fuzz a hub and a participant')
    .option('--keys <dir>', 'as for npm run conformance: bootstrap.json and the peer keys the fuzzer may play')
    .option('--lease <file>', 'leases the target holds as lessor, to get past the attest and task lease checks')
    .option('--pid <pid...>', 'the targets\' pids on this machine (liveness and RSS)')
    .option('--cases <n>', 'cases per protocol (shared among its sides)', '10000')
    .option('--seed <n>', 'seed of the mutations', String(Date.now() % 1_000_000))
    .option('--only <protocols>', 'comma-separated protocol names, e.g. relay,orders')
    .option('--max-growth <MiB>', 'RSS growth of a node that counts as a leak', '256')
    .parse()
  const opts = program.opts()
  const cases = Number(opts.cases)
  const seed = Number(opts.seed)
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) throw new UsageError('--cases and --seed are integers, --cases at least 1')
  const only = opts.only?.split(',').map((s: string) => s.trim()).filter((s: string) => s !== '')
  const log = (line: string): void => { process.stderr.write(`${line}\n`) }
  let reports: FuzzReport[]
  if (opts.target == null) {
    const { startFixture } = await import('../conformance/fixture.js')
    log('starting the example network (test/conformance/fixture.ts)…')
    const fx = await startFixture()
    try {
      const pid = (name: string): number => Number(readFileSync(join(fx.dir(name), 'node.pid'), 'utf8').trim())
      // honest traffic across the fuzzed hub: b-1 pings c-1 through hub-b and hub-c
      const probes = (): Probe[] => [{ name: 'ping b-1 → c-1 through the hubs (control API)', run: async () => { await callApi(fx.dir('b-1'), '/ping', { body: { peerId: fx.peerId('c-1'), count: 1 }, timeout: 20_000 }) } }]
      reports = await fuzzNodes({ targets: [fx.hubTarget, fx.participantTarget], keys: fx.keys, lease: fx.lease, pids: [pid('hub-b'), pid('a-1')], dirs: [fx.dir('hub-b'), fx.dir('a-1')], cases, seed, only, probes, onLine: log })
    } finally {
      await fx.net.down()
    }
  } else {
    if (opts.keys == null) throw new UsageError('--target needs --keys DIR')
    reports = await fuzzNodes({ targets: opts.target, keys: opts.keys, lease: opts.lease, pids: (opts.pid ?? []).map(Number), cases, seed, only, onLine: log })
  }
  process.stdout.write(`${table(reports)}\n`)
  const bad = problems(reports, Number(opts.maxGrowth))
  for (const b of bad) process.stderr.write(`FAIL: ${b}\n`)
  process.exitCode = bad.length > 0 ? 1 : 0
}

class UsageError extends Error {}

if (process.argv[1]?.endsWith('fuzz/main.js') === true) {
  main().catch((e) => {
    process.stderr.write(`fuzz: ${e instanceof UsageError || e?.name === 'InvalidInputError' ? e.message : e?.stack ?? String(e)}\n`)
    process.exitCode = 2
  })
}
