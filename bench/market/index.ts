/**
 * bench/market: the matching engine's throughput and per-order latency against a naive matcher on
 * the same orders, and lease formation across two hubs on loopback against one hub and a bare
 * round trip, with the cost of verifying one signed order as a reference.
 *
 * Targets: engine ≥ 50 000 orders/s with p99 < 1 ms; lease formation across two hubs p50 < 100 ms.
 */
import { availableParallelism, loadavg } from 'node:os'
import { verifyOrder } from '../../market/index.js'
import { testNet } from '../../market/test-support.js'
import { table } from '../table.js'
import { engine, naive, workload } from './engine.js'
import { formation } from './formation.js'

const out = (s: string): void => { process.stdout.write(s + '\n') }
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export async function run (args: string[]): Promise<void> {
  const orders = Number(args.find(a => a.startsWith('--orders='))?.slice(9) ?? 200_000)
  const leases = Number(args.find(a => a.startsWith('--leases='))?.slice(9) ?? 100)

  out(`### matching engine: ${fmt(orders)} orders (half SELL, half BUY; he/tee mix, measurements, avoided and preferred subnets), one thread\n`)
  out('Each order leaves the book a fixed number of orders after it came (cancelled or expired), so the book holds a steady depth.\n')
  const stream = workload(orders)
  engine(workload(50_000, 3), 2_000) // warm-up: let V8 optimize
  const rows = [
    engine(stream, 2_000),
    engine(stream, 20_000),
    // the baseline is slow: enough orders to reach the same steady depth, not more
    naive(stream.slice(0, Math.min(orders, 20_000)), 2_000),
    naive(stream.slice(0, Math.min(orders, 40_000)), 20_000)
  ]
  out(table(['matcher', 'book depth', 'orders', 'fills', 'orders/s', 'orders/CPU-s', 'p50 µs', 'p99 µs', 'max µs'],
    rows.map(r => [r.name, fmt(r.depth), fmt(r.orders), fmt(r.fills), fmt(r.perSecond), fmt(r.perCpuSecond), fmt(r.p50us, 1), fmt(r.p99us, 1), fmt(r.maxUs, 0)])))
  const ours = rows.slice(0, 2)
  out(`\n(load average ${loadavg().map(l => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores: wall-clock rates and the max include time this process waited for a CPU; orders/CPU-s does not)`)
  out(`target ≥ 50,000 orders/s and p99 < 1 ms: ${ours.every(r => r.perSecond >= 50_000 && r.p99us < 1000) ? 'met' : 'NOT met'} (${ours.map(r => `depth ${fmt(r.depth)}: ${fmt(r.perSecond)}/s, p99 ${fmt(r.p99us, 1)} µs`).join('; ')})`)

  const t = await testNet([1, 1])
  const signed = await t.sell('a-1')
  const n = 2000
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await verifyOrder(signed.signed, t.network)
  out(`reference: verifying one signed order (what a hub does for every order placed) takes ${fmt((performance.now() - t0) / n * 1000, 1)} µs`)

  out(`\n### lease formation on loopback (separate processes, ${leases} leases of 1 core each, sequential, after 10 warm-up leases)\n`)
  const f = await formation(leases)
  out(table(['path', 'leases', 'p50 ms', 'p90 ms', 'p99 ms', 'hub-measured formation p50 / p99 ms'],
    f.map(r => [r.name, r.n, fmt(r.p50, 1), fmt(r.p90, 1), fmt(r.p99, 1), r.hub == null ? '' : `${fmt(r.hub.p50, 1)} / ${fmt(r.hub.p99, 1)}`])))
  const two = f[0]
  out(`\ntarget p50 < 100 ms across two hubs: ${two != null && two.p50 < 100 ? 'met' : 'NOT met'} (end to end ${fmt(two?.p50 ?? NaN, 1)} ms; the hub's formation ${fmt(two?.hub?.p50 ?? NaN, 1)} ms)`)
}
