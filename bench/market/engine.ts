/**
 * The matching engine under a stream of orders: a continuous double auction with a resting book
 * of a given depth, mixed protections, partial fills. Measures every order's latency (add + match)
 * and the throughput; the baseline is a naive matcher that filters and sorts the resting offers
 * for every BUY, run on the same orders.
 */
import { OrderBook, allocate, incompatibility } from '../../market/index.js'
import type { BuyCandidate, SellCandidate } from '../../market/index.js'

export interface EngineResult {
  name: string
  orders: number
  fills: number
  perSecond: number
  p50us: number
  p99us: number
  maxUs: number
  /** orders resting in the book, on average */
  depth: number
  /** orders per second of this process's CPU time (what the throughput is when the machine is not shared) */
  perCpuSecond: number
}

const MEASUREMENTS = ['aa'.repeat(32), 'bb'.repeat(32), 'cc'.repeat(32)]
const SUBNETS = ['a', 'b', 'c', 'd']

/** A deterministic stream of orders (xorshift), prices around 100 000 micro-credits. */
export function workload (n: number, seed = 7): Array<SellCandidate | BuyCandidate> {
  let x = seed
  const rnd = (): number => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return ((x >>> 0) % 1_000_000) / 1_000_000 }
  const out: Array<SellCandidate | BuyCandidate> = []
  for (let i = 0; i < n; i++) {
    const cores = 1 + Math.floor(rnd() * 8)
    const subnet = SUBNETS[Math.floor(rnd() * SUBNETS.length)] as string
    const tee = rnd() < 0.4 ? { kind: 'simulated' as const, measurement: MEASUREMENTS[Math.floor(rnd() * 3)] as string } : null
    if (rnd() < 0.5) {
      out.push({ id: `s${i}`, owner: `l${i % 500}`, hub: `hub-${subnet}`, subnet, price: 90_000 + Math.floor(rnd() * 20_000), acceptedAt: i, expires: Number.MAX_SAFE_INTEGER, freeCores: cores, freeMemoryMiB: cores * 1024, minDurationS: 60, maxDurationS: 86_400, he: tee == null || rnd() < 0.5, tee })
    } else {
      const mode = (['he', 'tee', 'tee+he', 'any'] as const)[Math.floor(rnd() * 4)] as BuyCandidate['mode']
      out.push({ id: `b${i}`, owner: `r${i % 500}`, subnet, maxPrice: 90_000 + Math.floor(rnd() * 20_000), acceptedAt: i, expires: Number.MAX_SAFE_INTEGER, freeCores: cores, freeMemoryMiB: cores * 1024, durationS: 3600, mode, allowed: new Set(mode === 'he' || rnd() < 0.5 ? [] : [MEASUREMENTS[Math.floor(rnd() * 3)] as string]), avoid: new Set(rnd() < 0.2 ? [SUBNETS[Math.floor(rnd() * 4)] as string] : []), prefer: new Set(rnd() < 0.2 ? [SUBNETS[Math.floor(rnd() * 4)] as string] : []) })
    }
  }
  return out
}

const isSell = (o: SellCandidate | BuyCandidate): o is SellCandidate => 'price' in o

function summarize (name: string, r: ReturnType<typeof drive>): EngineResult {
  const sorted = Float64Array.from(r.times).sort()
  const at = (p: number): number => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number) * 1000
  return { name, orders: r.times.length, fills: r.fills, perSecond: r.times.length / (r.totalMs / 1000), perCpuSecond: r.times.length / (r.cpuMs / 1000), p50us: at(0.5), p99us: at(0.99), maxUs: at(1), depth: r.depth }
}

/**
 * Run `orders` through a matcher. Each order leaves the book `lifetime` orders after it arrived
 * (cancelled or expired, as the hub's sweep does), so the book holds a steady depth; the time of
 * those removals counts in the throughput.
 */
function drive (orders: Array<SellCandidate | BuyCandidate>, lifetime: number, m: { add: (o: SellCandidate | BuyCandidate) => number, remove: (id: string) => void, size: () => number }): { times: Float64Array, fills: number, totalMs: number, cpuMs: number, depth: number } {
  const times = new Float64Array(orders.length)
  let fills = 0
  let depth = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i] as SellCandidate | BuyCandidate
    const t = performance.now()
    fills += m.add(o)
    times[i] = performance.now() - t
    if (i >= lifetime) m.remove((orders[i - lifetime] as SellCandidate | BuyCandidate).id)
    if ((i & 1023) === 0) depth += m.size()
  }
  const totalMs = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { times, fills, totalMs, cpuMs: (used.user + used.system) / 1000, depth: depth / Math.ceil(orders.length / 1024) }
}

export function engine (orders: Array<SellCandidate | BuyCandidate>, lifetime: number): EngineResult {
  const book = new OrderBook()
  const r = drive(orders, lifetime, {
    add: (o) => (isSell(o) ? book.addOffer(o, 1) : book.addBid(o, 1)).length,
    remove: (id) => { book.remove(id) },
    size: () => book.size
  })
  return summarize('engine', r)
}

/**
 * Baseline: offers and bids in plain arrays; an incoming order filters the other side for what it
 * can match, sorts that by priority, and fills (what one writes without an indexed book).
 */
export function naive (orders: Array<SellCandidate | BuyCandidate>, lifetime: number): EngineResult {
  let offers: SellCandidate[] = []
  let bids: BuyCandidate[] = []
  const fill = (s: SellCandidate, b: BuyCandidate): boolean => {
    const a = allocate(s, b)
    if (a == null) return false
    s.freeCores -= a.cores
    s.freeMemoryMiB -= a.memoryMiB
    b.freeCores -= a.cores
    b.freeMemoryMiB -= a.memoryMiB
    return true
  }
  const r = drive(orders, lifetime, {
    add: (o) => {
      let n = 0
      if (isSell(o)) {
        const s = { ...o }
        for (const b of bids.filter(b => b.freeCores > 0 && incompatibility(s, b, 1) === undefined).sort((p, q) => q.maxPrice - p.maxPrice || p.acceptedAt - q.acceptedAt)) {
          if (fill(s, b)) n++
          if (s.freeCores <= 0) break
        }
        if (s.freeCores > 0) offers.push(s)
      } else {
        const b = { ...o }
        for (const s of offers.filter(s => s.freeCores > 0 && incompatibility(s, b, 1) === undefined).sort((p, q) => p.price - q.price || p.acceptedAt - q.acceptedAt)) {
          if (fill(s, b)) n++
          if (b.freeCores <= 0) break
        }
        if (b.freeCores > 0) bids.push(b)
      }
      return n
    },
    remove: (id) => {
      offers = offers.filter(s => s.id !== id && s.freeCores > 0)
      bids = bids.filter(b => b.id !== id && b.freeCores > 0)
    },
    size: () => offers.length + bids.length
  })
  return summarize('baseline: filter + sort per order', r)
}
