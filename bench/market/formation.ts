/**
 * Lease formation on loopback, separate node processes: BUYs of one core placed by a renter in
 * subnet a, filled (a) from a SELL at hub b — two hubs, RESERVE + PROPOSE + countersign — and,
 * as the baseline in the same run, (b) from a SELL in the renter's own subnet — one hub, one
 * transaction — and (c) a LIST round trip participant → hub, the floor of any market request.
 * Reports the renter's end-to-end time (API call to the lease in hand) and the renter's hub's own
 * measure of formation (decision to countersigned lease kept, its Prometheus summary).
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const CLI = join(here, '..', '..', 'node', 'cli', 'main.js')

export interface Latencies {
  name: string
  n: number
  p50: number
  p90: number
  p99: number
  /** the hub's own measure of formation (p50, p99), ms */
  hub?: { p50: number, p99: number }
}

async function cli (...args: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args, '--json'], { maxBuffer: 16 * 1024 * 1024, timeout: 300_000 }, (err, stdout, stderr) => {
      if (err != null) reject(new Error(`${args.join(' ')}: ${stderr.trim() || err.message}`))
      else resolve(JSON.parse(stdout))
    })
  })
}

/** A node's control API, called directly (no CLI process per request). */
async function client (dataDir: string): Promise<(path: string, body?: unknown) => Promise<any>> {
  const info = JSON.parse(await readFile(join(dataDir, 'api.json'), 'utf8'))
  const token = (await readFile(join(dataDir, 'api.token'), 'utf8')).trim()
  return async (path, body) => {
    const res = await fetch(new URL(path, info.url), { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${path}: ${text}`)
    return path === '/metrics' ? text : JSON.parse(text)
  }
}

function stats (name: string, ms: number[]): Latencies {
  const s = [...ms].sort((a, b) => a - b)
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number
  return { name, n: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99) }
}

function quantile (metrics: string, q: string): number {
  const m = new RegExp(`^shulian_market_lease_formation_seconds\\{quantile="${q}"\\} ([0-9.e+-]+)$`, 'm').exec(metrics)
  return m == null ? NaN : Number(m[1]) * 1000
}

export async function formation (leases: number): Promise<Latencies[]> {
  const dir = await mkdtemp(join(tmpdir(), 'shulian-bench-market-'))
  try {
    await cli('net', 'init', '--dir', dir, '--subnets', '2,1')
    await cli('net', 'up', '--dir', dir)
    const renter = await client(join(dir, 'a-1'))
    const hubA = await client(join(dir, 'hub-a'))
    const sell = async (who: string, price: number): Promise<string> => (await (await client(join(dir, who)))('/market/orders', {
      side: 'sell', cores: 1024, memoryMiB: 1024 * 1024, expiresInS: 86400, protection: { he: true }, heElementsPerS: 500_000, pricePerCoreHour: price, minDurationS: 1, maxDurationS: 86400
    })).order.id
    const buy = async (): Promise<any> => renter('/market/orders', { side: 'buy', cores: 1, memoryMiB: 64, durationS: 3600, maxPricePerCoreHour: 1, expiresInS: 600, requirements: { protection: 'he' } })
    const round = async (n: number, expectHub: string): Promise<number[]> => {
      const out: number[] = []
      for (let i = 0; i < n; i++) {
        const t = performance.now()
        const r = await buy()
        out.push(performance.now() - t)
        if (r.leases.length !== 1 || r.leases[0].lessorHub !== expectHub) throw new Error(`BUY ${i} was not filled by ${expectHub}`)
      }
      return out
    }
    const { nodes } = await cli('status', '--dir', join(dir, 'hub-b')).then(s => ({ nodes: [s] }))
    const hubB = nodes[0].peerId as string
    const hubAId = (await cli('status', '--dir', join(dir, 'hub-a'))).peerId as string

    // (a) two hubs
    const remote = await sell('b-1', 0.5)
    for (;;) {
      if ((await hubA('/market/offers')).offers.some((o: any) => o.id === remote)) break
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    await round(10, hubB)
    const before = await hubA('/metrics')
    const two = stats('(a) two hubs: renter in a, lessor in b', await round(leases, hubB))
    const after = await hubA('/metrics')
    two.hub = { p50: quantile(after, '0.5'), p99: quantile(after, '0.99') }
    void before

    // (b) one hub: a cheaper SELL in the renter's own subnet takes every BUY from now on
    await sell('a-2', 0.1)
    await round(10, hubAId)
    const one = stats('(b) baseline: renter and lessor in subnet a (one hub)', await round(leases, hubAId))

    // (c) the floor: a request to the hub that forms nothing
    const lists: number[] = []
    for (let i = 0; i < leases; i++) {
      const t = performance.now()
      await renter('/market/orders')
      lists.push(performance.now() - t)
    }
    return [two, one, stats('(c) baseline: LIST round trip participant → hub', lists)]
  } finally {
    await cli('net', 'down', '--dir', dir).catch(() => {})
    await rm(dir, { recursive: true, force: true })
  }
}
