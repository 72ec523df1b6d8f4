/**
 * The fuzzer's loop: for each target, `cases` mutated messages, each on its own stream of one
 * long-lived connection (reopened if the node drops it), a few streams at once; what came back is
 * counted by kind. Meanwhile honest probes (a ping, an orders LIST) must keep being answered, and
 * the node's memory (RSS of its process tree) is sampled. Every loop here is bounded.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { byteStream, pbStream } from '@libp2p/utils'
import { ORDERS_PROTOCOL, OrdersRequest, OrdersResponse } from '../../protocols/orders/index.js'
import { relayedConnection } from '../conformance/circuit.js'
import { Skip, TargetContext } from '../conformance/context.js'
import { cases } from './mutate.js'
import type { FuzzTarget } from './targets.js'
import type { Case } from './mutate.js'
import type { Target } from '../conformance/context.js'
import type { KeyRing } from '../conformance/keys.js'
import type { LeaseInfo } from '../conformance/lease-file.js'
import type { Connection, Stream } from '@libp2p/interface'

/** How a case ended, from the fuzzer's side. */
export const OUTCOMES = ['answered', 'closed', 'reset', 'timeout', 'refused-stream', 'connection-closed'] as const
export type Outcome = typeof OUTCOMES[number]

export interface TargetResult {
  protocol: string
  label: string
  target: string
  cases: number
  outcomes: Record<Outcome, number>
  /** connections the node closed under us (reopened) */
  reconnects: number
  /** why streams could not be opened, by error (the first line of each, counted) */
  streamErrors: Record<string, number>
  /** the node process was gone afterwards, or no connection could be made at all */
  crashed: boolean
  skipped?: string
  ms: number
}

export interface Probe {
  name: string
  run: () => Promise<void>
}

export interface ProbeResult {
  name: string
  ok: number
  failed: number
  lastError: string
  maxMs: number
}

export interface MemorySample {
  at: number
  rssMiB: number
  /** the node's live JS heap, when it can be asked (its status API) */
  heapMiB?: number
}

export interface FuzzInit {
  target: Target
  ring: KeyRing
  lease?: LeaseInfo
  targets: FuzzTarget[]
  /** cases for each target (a protocol's count is shared among its sides) */
  cases: (t: FuzzTarget) => number
  seed: number
  /** the node's pid on this machine, for liveness and RSS (optional: remote nodes) */
  pid?: number
  /** the node's live heap in MiB (e.g. from its status API), sampled with RSS */
  heap?: () => Promise<number | undefined>
  /** after the last case, wait (up to 60 s) until the live heap is this close to where it started */
  heapSettleMiB?: number
  /** extra probes (e.g. a ping across hubs through a node's control API) */
  probes?: (ctx: TargetContext) => Probe[]
  onTarget?: (r: TargetResult) => void
  /** per-case limit, ms */
  caseTimeout?: number
}

export interface FuzzReport {
  /** the node fuzzed */
  node: string
  results: TargetResult[]
  probes: ProbeResult[]
  memory: MemorySample[]
  seed: number
}

export function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** RSS of `pid` and its descendants (a lessor's enclave runs as a child process), MiB. */
export function treeRssMiB (pid: number): number | undefined {
  const rss = (p: number): number => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))
      return m == null ? 0 : Number(m[1]) / 1024
    } catch {
      return 0
    }
  }
  const children = (p: number): number[] => {
    const out: number[] = []
    try {
      for (const t of readdirSync(`/proc/${p}/task`)) {
        out.push(...readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(s => s !== '').map(Number))
      }
    } catch {}
    return out
  }
  if (!alive(pid)) return undefined
  let total = 0
  const seen = new Set<number>()
  const todo = [pid]
  while (todo.length > 0 && seen.size < 64) {
    const p = todo.pop() as number
    if (seen.has(p)) continue
    seen.add(p)
    total += rss(p)
    todo.push(...children(p))
  }
  return Math.round(total)
}

/** Send one case on a fresh stream, end our side, and see how the node ends its. */
async function runCase (conn: Connection, protocol: string, c: Case, timeout: number, errors: Record<string, number>): Promise<Outcome> {
  let stream: Stream
  try {
    stream = await conn.newStream(protocol, { signal: AbortSignal.timeout(timeout) })
  } catch (e: any) {
    const why = `${String(e?.name ?? 'Error')}: ${String(e?.message ?? e).split('\n')[0]?.slice(0, 120) ?? ''}`
    errors[why] = (errors[why] ?? 0) + 1
    return e?.name === 'ConnectionClosedError' || /muxer is "clos/.test(why) ? 'connection-closed' : 'refused-stream'
  }
  const signal = AbortSignal.timeout(timeout)
  let got = 0
  try {
    if (c.bytes.byteLength > 0) stream.send(c.bytes)
    // our side is done: a receiver waiting for the rest of a lying prefix must see the end
    await stream.close({ signal }).catch(() => {})
    got = 0
    for await (const chunk of stream) {
      got += chunk.byteLength
      // a node that answers with a stream of data (a circuit, a subtask) is answered enough
      if (got > 1024 * 1024) break
    }
    stream.abort(new Error('fuzz: done'))
    return got > 0 ? 'answered' : 'closed'
  } catch (e: any) {
    stream.abort(new Error('fuzz: done'))
    if (signal.aborted) return 'timeout'
    // an answer, then a reset (kad-dht resets a stream whose initiator ended its side after one request)
    if (got > 0) return 'answered'
    return /reset|abort/i.test(String(e?.name) + String(e?.message)) || stream.status === 'reset' ? 'reset' : 'closed'
  }
}

/**
 * A connection to the target as `t.as`. `fresh`: a new one even when libp2p still lists one (a
 * connection whose muxer has closed can still be listed, and dial would hand it back).
 */
async function connect (ctx: TargetContext, t: FuzzTarget, fresh = false): Promise<Connection> {
  const node = await ctx.node(t.as)
  if (t.circuit === true) return relayedConnection(ctx, node)
  if (!fresh) return ctx.connect(node)
  return node.libp2p.dial(ctx.target.addr, { force: true, signal: AbortSignal.timeout(ctx.options.timeout) })
}

/** One target: all its cases, `concurrency` at a time, reconnecting when the node drops us. */
async function fuzzTarget (ctx: TargetContext, t: FuzzTarget, init: FuzzInit): Promise<TargetResult> {
  const started = Date.now()
  const result: TargetResult = { protocol: t.protocol, label: t.label, target: `${ctx.target.entry.name} (${ctx.role})`, cases: 0, outcomes: { answered: 0, closed: 0, reset: 0, timeout: 0, 'refused-stream': 0, 'connection-closed': 0 }, reconnects: 0, streamErrors: {}, crashed: false, ms: 0 }
  let list: Case[]
  try {
    list = cases(await t.source(ctx), init.cases(t), init.seed)
  } catch (e) {
    if (e instanceof Skip) return { ...result, skipped: e.message, ms: Date.now() - started }
    throw e
  }
  // several connections where one's stream limit is low: workers share them round-robin
  const conns = await Promise.all(Array.from({ length: t.connections ?? 1 }, async () => connect(ctx, t)))
  const reconnecting = new Map<number, Promise<Connection>>()
  // a connection whose muxer closed may still say 'open' for a moment: a closed-muxer error marks it dead
  const dead = new Set<Connection>()
  const current = async (slot: number): Promise<Connection> => {
    const c = conns[slot] as Connection
    if (c.status === 'open' && !dead.has(c)) return c
    let p = reconnecting.get(slot)
    if (p == null) {
      result.reconnects++
      p = connect(ctx, t, true).finally(() => { reconnecting.delete(slot) })
      reconnecting.set(slot, p)
    }
    conns[slot] = await p
    return conns[slot] as Connection
  }
  // a case the node could not get (its connection closed first) goes back in the queue, at most 3 times
  const queue = [...list]
  const tries = new Map<Case, number>()
  const worker = async (w: number): Promise<void> => {
    while (queue.length > 0) {
      const c = queue.shift() as Case
      let c2: Connection
      try {
        c2 = await current(w % conns.length)
      } catch {
        result.crashed = init.pid == null || !alive(init.pid)
        if (result.crashed) return
        continue
      }
      const outcome = await runCase(c2, t.id, c, init.caseTimeout ?? 15_000, result.streamErrors)
      if (outcome === 'connection-closed') {
        // the node closed the connection under us: the next case opens another
        dead.add(c2)
        const n = (tries.get(c) ?? 0) + 1
        tries.set(c, n)
        if (n <= 3) {
          queue.push(c)
          continue
        }
      }
      result.outcomes[outcome]++
      result.cases++
    }
  }
  await Promise.all(Array.from({ length: t.concurrency * conns.length }, async (_, w) => worker(w)))
  // circuits are ours alone: close them; a direct connection stays for the next target of this peer
  // (closing it and dialing again at once can hand back the closing one)
  if (t.circuit === true) await Promise.all(conns.map(async c => c.close().catch(() => {})))
  if (init.pid != null && !alive(init.pid)) result.crashed = true
  result.ms = Date.now() - started
  return result
}

/** The honest traffic that must keep working: a ping and, at a hub, an orders LIST. */
export function defaultProbes (ctx: TargetContext): Probe[] {
  const ping = async (conn: Connection): Promise<void> => {
    const stream = await conn.newStream('/ipfs/ping/1.0.0', { signal: AbortSignal.timeout(10_000) })
    const bs = byteStream(stream)
    const payload = randomBytes(32)
    await bs.write(payload, { signal: AbortSignal.timeout(10_000) })
    const back = await bs.read({ bytes: 32, signal: AbortSignal.timeout(10_000) })
    stream.abort(new Error('done'))
    if (back == null || !Buffer.from(back.subarray()).equals(payload)) throw new Error('ping: another payload came back')
  }
  if (ctx.role === 'hub') {
    return [
      { name: `ping ${ctx.target.entry.name} as ${ctx.held('member2').name}`, run: async () => { await ping(await ctx.connect(await ctx.node('member2'))) } },
      {
        name: `orders LIST at ${ctx.target.entry.name} as ${ctx.held('member2').name}`,
        run: async () => {
          const stream = await ctx.open('member2', ORDERS_PROTOCOL)
          const pb = pbStream(stream)
          const signal = AbortSignal.timeout(10_000)
          await pb.write({ type: OrdersRequest.Type.LIST, order: new Uint8Array(0), id: '', ids: [], sellId: '', cores: 0, memoryMiB: 0n }, OrdersRequest, { signal })
          const res = await pb.read(OrdersResponse, { signal })
          stream.abort(new Error('done'))
          if (res.status !== OrdersResponse.Status.OK) throw new Error(`LIST answered ${res.status}`)
        }
      }
    ]
  }
  let relayed: Connection | undefined
  return [{
    name: `ping ${ctx.target.entry.name} over a circuit as ${ctx.held('peer').name}`,
    run: async () => {
      if (relayed?.status !== 'open') relayed = await relayedConnection(ctx, await ctx.node('peer'))
      await ping(relayed)
    }
  }]
}

/** Run every target that applies to the node's role, with the probes going meanwhile. */
export async function fuzz (init: FuzzInit): Promise<FuzzReport> {
  const ctx = new TargetContext(init.target, init.ring, { timeout: 15_000 }, init.lease)
  const results: TargetResult[] = []
  const memory: MemorySample[] = []
  const sample = async (): Promise<void> => {
    const rss = init.pid == null ? undefined : treeRssMiB(init.pid)
    const heap = await init.heap?.().catch(() => undefined)
    if (rss != null) memory.push({ at: Date.now(), rssMiB: rss, ...(heap != null ? { heapMiB: Math.round(heap) } : {}) })
  }
  const probes = [...defaultProbes(ctx), ...(init.probes?.(ctx) ?? [])]
  const probeResults: ProbeResult[] = probes.map(p => ({ name: p.name, ok: 0, failed: 0, lastError: '', maxMs: 0 }))
  let fuzzing = true
  let phase = 'before the first case'
  const probing = (async () => {
    // bounded: one round every 250 ms at most, for as long as the fuzzing runs (and at most ~2 h)
    for (let round = 0; round < 30_000 && fuzzing; round++) {
      for (const [i, p] of probes.entries()) {
        const r = probeResults[i] as ProbeResult
        const t0 = Date.now()
        try {
          await p.run()
          r.ok++
        } catch (e: any) {
          r.failed++
          r.lastError = `during ${phase}: ${String(e?.message ?? e).split('\n')[0] ?? ''}`
        }
        r.maxMs = Math.max(r.maxMs, Date.now() - t0)
      }
      await sample()
      await new Promise(resolve => setTimeout(resolve, 250))
    }
  })()
  try {
    await sample()
    for (const t of init.targets.filter(t => t.role === ctx.role)) {
      phase = `${t.protocol} (${t.label})`
      const r = await fuzzTarget(ctx, t, init)
      results.push(r)
      await sample()
      init.onTarget?.(r)
      if (r.crashed) break
    }
  } finally {
    fuzzing = false
    await probing
    phase = 'after the last case'
    // the probes once more after the last case: the node still serves
    for (const [i, p] of probes.entries()) {
      const r = probeResults[i] as ProbeResult
      await p.run().then(() => { r.ok++ }, (e: any) => { r.failed++; r.lastError = String(e?.message ?? e) })
    }
    await sample()
    // the fuzzer's connections go first: what the node keeps for an open connection is not a leak
    await ctx.close()
    // let the node settle: V8 collects the garbage of a burst some seconds after it (a live heap
    // sampled at once counts it). Samples once a second until the heap is back within
    // `heapSettleMiB` of where it started, for at most 60 s; memory is judged on these samples.
    for (let i = 0; i < 60 && init.heap != null; i++) {
      await new Promise(resolve => setTimeout(resolve, 1000))
      await sample()
      const growth = heapGrowthOf(memory)
      if (i >= 2 && growth != null && growth <= (init.heapSettleMiB ?? 64)) break
    }
  }
  return { node: `${init.target.entry.name} (${init.target.entry.role})`, results, probes: probeResults, memory, seed: init.seed }
}

/** The table: one row per protocol and side, counts by outcome, then the probes and memory. */
export function table (reports: FuzzReport[]): string {
  const cols = ['protocol', 'side', 'cases', ...OUTCOMES, 'reconn', 'crash', 's']
  const widths = [30, 44, 7, 9, 7, 7, 8, 15, 18, 7, 6, 6]
  const row = (cells: string[]): string => cells.map((c, i) => i < 2 ? c.padEnd(widths[i] ?? 8) : c.padStart(widths[i] ?? 8)).join(' ')
  const lines = [row(cols), '-'.repeat(widths.reduce((a, b) => a + b + 1, 0))]
  const byProtocol = new Map<string, { cases: number, crashes: number }>()
  for (const rep of reports) {
    for (const r of rep.results) {
      const side = `${r.label} → ${r.target}`
      if (r.skipped != null) {
        lines.push(row([r.protocol, side.slice(0, 44), 'SKIP', r.skipped]))
        continue
      }
      lines.push(row([r.protocol, side.slice(0, 44), String(r.cases), ...OUTCOMES.map(o => String(r.outcomes[o])), String(r.reconnects), r.crashed ? 'YES' : '0', (r.ms / 1000).toFixed(1)]))
      for (const [why, n] of Object.entries(r.streamErrors).slice(0, 3)) lines.push(`    ${n} streams not opened: ${why}`)
      const p = byProtocol.get(r.protocol) ?? { cases: 0, crashes: 0 }
      p.cases += r.cases
      p.crashes += r.crashed ? 1 : 0
      byProtocol.set(r.protocol, p)
    }
  }
  lines.push('')
  lines.push(`per protocol: ${[...byProtocol].map(([p, v]) => `${p} ${v.cases} cases, ${v.crashes} crashes`).join('; ')}`)
  for (const rep of reports) {
    for (const p of rep.probes) lines.push(`probe while fuzzing ${rep.node}: ${p.name}: ${p.ok} ok, ${p.failed} failed, slowest ${p.maxMs} ms${p.failed > 0 ? ` (last: ${p.lastError})` : ''}`)
    if (rep.memory.length > 0) {
      const first = rep.memory[0]?.rssMiB ?? 0
      const peak = Math.max(...rep.memory.map(m => m.rssMiB))
      const last = rep.memory.at(-1)?.rssMiB ?? 0
      lines.push(`memory of ${rep.node} (RSS of its process tree): start ${first} MiB, peak ${peak} MiB, end ${last} MiB, ${rep.memory.length} samples`)
      const heaps = rep.memory.filter(m => m.heapMiB != null).map(m => m.heapMiB as number)
      if (heaps.length > 0) lines.push(`  live JS heap (after a full GC): start ${heaps[0] ?? 0} MiB, peak ${Math.max(...heaps)} MiB, end ${heaps.at(-1) ?? 0} MiB`)
    }
  }
  lines.push(`seed ${reports[0]?.seed ?? 0} (--seed repeats the run)`)
  return lines.join('\n')
}

/** RSS growth over a run, MiB (end minus start), or undefined when not measured. */
export function rssGrowth (rep: FuzzReport): number | undefined {
  if (rep.memory.length < 2) return undefined
  return (rep.memory.at(-1)?.rssMiB ?? 0) - (rep.memory[0]?.rssMiB ?? 0)
}

/**
 * Live heap growth over a run, MiB, or undefined when not measured: the lowest of the last samples
 * against the lowest of the first (a sample between two collections counts garbage too).
 */
export function heapGrowth (rep: FuzzReport): number | undefined {
  return heapGrowthOf(rep.memory)
}

function heapGrowthOf (memory: MemorySample[]): number | undefined {
  const heaps = memory.filter(m => m.heapMiB != null).map(m => m.heapMiB as number)
  if (heaps.length < 2) return undefined
  return Math.min(...heaps.slice(-3)) - Math.min(...heaps.slice(0, 3))
}
