import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { OrderBook, planFills } from './book.js'
import { allocate, incompatibility } from './match.js'
import type { Fill } from './book.js'
import type { BuyCandidate, SellCandidate } from './match.js'

const NOW = 1_000_000
let n = 0
const sell = (o: Partial<SellCandidate> = {}): SellCandidate => ({
  id: `s${String(++n).padStart(3, '0')}`, owner: `lessor-${n}`, hub: 'hub-b', subnet: 'b', price: 100, acceptedAt: n, expires: NOW + 1e6,
  freeCores: 4, freeMemoryMiB: 4096, minDurationS: 1, maxDurationS: 86400, he: true, tee: null, ...o
})
const buy = (o: Partial<BuyCandidate> = {}): BuyCandidate => ({
  id: `b${String(++n).padStart(3, '0')}`, owner: `renter-${n}`, subnet: 'a', maxPrice: 500, acceptedAt: n, expires: NOW + 1e6,
  freeCores: 4, freeMemoryMiB: 4096, durationS: 3600, mode: 'any', allowed: new Set(), avoid: new Set(), prefer: new Set(), ...o
})

describe('matching engine', () => {
  it('price first, then time: the cheapest offer, and of equal prices the earliest', () => {
    const late = sell({ price: 100, acceptedAt: 50 })
    const early = sell({ price: 100, acceptedAt: 10 })
    const cheap = sell({ price: 90, acceptedAt: 99 })
    const dear = sell({ price: 300, acceptedAt: 1 })
    const fills = planFills([late, dear, early, cheap], [buy({ freeCores: 10, freeMemoryMiB: 10240 })], NOW)
    assert.deepEqual(fills.map(f => [f.sellId, f.cores, f.pricePerCoreHour]), [[cheap.id, 4, 90], [early.id, 4, 100], [late.id, 2, 100]])
  })

  it('a BUY never pays above its maximum; the fill is at the SELL\'s price', () => {
    const fills = planFills([sell({ price: 600 }), sell({ price: 400 })], [buy({ maxPrice: 500, freeCores: 8, freeMemoryMiB: 8192 })], NOW)
    assert.equal(fills.length, 1)
    assert.equal(fills[0]?.pricePerCoreHour, 400)
  })

  it('partial fills across several lessors, memory in proportion and summing exactly', () => {
    const a = sell({ freeCores: 3, freeMemoryMiB: 100_000 })
    const b = sell({ freeCores: 3, freeMemoryMiB: 100_000 })
    const c = sell({ freeCores: 3, freeMemoryMiB: 100_000 })
    const fills = planFills([a, b, c], [buy({ freeCores: 8, freeMemoryMiB: 1000 })], NOW)
    assert.deepEqual(fills.map(f => f.cores), [3, 3, 2])
    assert.equal(fills.reduce((m, f) => m + f.memoryMiB, 0), 1000)
  })

  it('a SELL short of memory gives fewer cores', () => {
    assert.deepEqual(allocate({ freeCores: 8, freeMemoryMiB: 3000 }, { freeCores: 8, freeMemoryMiB: 8192 }), { cores: 2, memoryMiB: 2048 })
    assert.equal(allocate({ freeCores: 8, freeMemoryMiB: 500 }, { freeCores: 8, freeMemoryMiB: 8192 }), undefined)
  })

  it('constraints: protection, allowed measurements, avoided subnets, duration bounds, own offers', () => {
    const heOnly = sell({ he: true, tee: null, price: 10 })
    const teeBad = sell({ he: false, tee: { kind: 'simulated', measurement: 'aa'.repeat(32) }, price: 20 })
    const teeGood = sell({ he: false, tee: { kind: 'simulated', measurement: 'bb'.repeat(32) }, price: 30 })
    const avoided = sell({ subnet: 'c', price: 1 })
    const short = sell({ maxDurationS: 60, price: 2 })
    const b = buy({ mode: 'tee', allowed: new Set(['bb'.repeat(32)]), avoid: new Set(['c']) })
    assert.deepEqual(planFills([heOnly, teeBad, teeGood, avoided, short], [b], NOW).map(f => f.sellId), [teeGood.id])
    const mine = sell({ owner: 'me', price: 1 })
    assert.deepEqual(planFills([mine, heOnly], [buy({ owner: 'me', mode: 'he' })], NOW).map(f => f.sellId), [heOnly.id])
  })

  it('preferred subnets win ties of price, never price', () => {
    const cheapOther = sell({ subnet: 'b', price: 50, acceptedAt: 1 })
    const otherSame = sell({ subnet: 'b', price: 100, acceptedAt: 2 })
    const preferredSame = sell({ subnet: 'c', price: 100, acceptedAt: 3 })
    const fills = planFills([cheapOther, otherSame, preferredSame], [buy({ freeCores: 8, freeMemoryMiB: 8192, prefer: new Set(['c']) })], NOW)
    assert.deepEqual(fills.map(f => f.sellId), [cheapOther.id, preferredSame.id])
  })

  it('bids keep price–time priority too: the highest bid, then the earliest, gets a scarce offer', () => {
    const only = sell({ freeCores: 4 })
    const low = buy({ maxPrice: 200, acceptedAt: 1 })
    const highLate = buy({ maxPrice: 300, acceptedAt: 9 })
    const highEarly = buy({ maxPrice: 300, acceptedAt: 5 })
    assert.deepEqual(planFills([only], [low, highLate, highEarly], NOW).map(f => f.buyId), [highEarly.id])
  })

  it('continuous: a resting BUY fills when a matching SELL arrives; exhausted orders leave the book', () => {
    const book = new OrderBook()
    assert.deepEqual(book.addBid(buy({ id: 'b-rest', freeCores: 6, freeMemoryMiB: 6144 }), NOW), [])
    assert.deepEqual(book.addOffer(sell({ id: 's-tee-only', he: false, tee: { kind: 'simulated', measurement: 'aa'.repeat(32) }, price: 999 }), NOW), [], 'too dear: rests')
    const f1 = book.addOffer(sell({ id: 's-1', freeCores: 4 }), NOW)
    assert.deepEqual(f1.map(f => [f.buyId, f.sellId, f.cores]), [['b-rest', 's-1', 4]])
    const f2 = book.addOffer(sell({ id: 's-2', freeCores: 4 }), NOW)
    assert.deepEqual(f2.map(f => f.cores), [2])
    assert.deepEqual(book.bids(), [], 'the filled BUY left the book')
    assert.deepEqual(book.offers().map(o => [o.id, o.freeCores]), [['s-2', 2], ['s-tee-only', 4]])
    assert.equal(book.remove('s-2'), true)
    assert.equal(book.remove('s-2'), false)
    assert.equal(book.size, 1)
  })

  it('expired orders do not match and leave the book', () => {
    const book = new OrderBook()
    book.addOffer(sell({ id: 's-old', expires: NOW + 10 }), NOW)
    assert.deepEqual(book.addBid(buy(), NOW + 20), [])
    assert.deepEqual(book.offers(), [])
  })
})

/** The rules written the slow, obvious way: what the indexed book must agree with, fill for fill. */
function reference (stream: Array<SellCandidate | BuyCandidate>, now: number): Fill[] {
  const offers: SellCandidate[] = []
  const bids: BuyCandidate[] = []
  const fills: Fill[] = []
  const take = (s: SellCandidate, b: BuyCandidate): void => {
    const a = allocate(s, b)
    if (a == null) return
    s.freeCores -= a.cores
    s.freeMemoryMiB -= a.memoryMiB
    b.freeCores -= a.cores
    b.freeMemoryMiB -= a.memoryMiB
    fills.push({ buyId: b.id, sellId: s.id, cores: a.cores, memoryMiB: a.memoryMiB, pricePerCoreHour: s.price })
  }
  for (const o of stream) {
    if ('price' in o) {
      const s = { ...o }
      const fit = bids.filter(b => b.freeCores > 0 && b.maxPrice >= s.price && incompatibility(s, b, now) === undefined)
        .sort((p, q) => q.maxPrice - p.maxPrice || p.acceptedAt - q.acceptedAt || (p.id < q.id ? -1 : 1))
      for (const b of fit) { if (s.freeCores > 0) take(s, b) }
      if (s.freeCores > 0) offers.push(s)
    } else {
      const b = { ...o }
      const pref = (s: SellCandidate): number => b.prefer.has(s.subnet) ? 0 : 1
      const fit = offers.filter(s => s.freeCores > 0 && incompatibility(s, b, now) === undefined)
        .sort((p, q) => p.price - q.price || pref(p) - pref(q) || p.acceptedAt - q.acceptedAt || (p.id < q.id ? -1 : 1))
      for (const s of fit) { if (b.freeCores > 0) take(s, b) }
      if (b.freeCores > 0) bids.push(b)
    }
  }
  return fills
}

describe('matching engine against the obvious implementation', () => {
  it('the same fills, in the same order, on random streams with every kind of constraint', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      let x = seed * 2654435761
      const rnd = (k: number): number => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) % k }
      const ms = ['aa', 'bb', 'cc'].map(c => c.repeat(32))
      const subnets = ['a', 'b', 'c']
      const stream: Array<SellCandidate | BuyCandidate> = []
      for (let i = 0; i < 1500; i++) {
        const cores = 1 + rnd(6)
        if (rnd(2) === 0) {
          stream.push(sell({ id: `s${seed}-${i}`, owner: `o${rnd(20)}`, subnet: subnets[rnd(3)], price: 10 + rnd(8), acceptedAt: i, freeCores: cores, freeMemoryMiB: cores * (50 + rnd(100)), minDurationS: 1 + rnd(100), maxDurationS: 100 + rnd(4000), he: rnd(3) > 0, tee: rnd(2) === 0 ? { kind: 'simulated', measurement: ms[rnd(3)] as string } : null }))
        } else {
          const mode = (['he', 'tee', 'tee+he', 'any'] as const)[rnd(4)] as BuyCandidate['mode']
          stream.push(buy({ id: `b${seed}-${i}`, owner: `o${rnd(20)}`, maxPrice: 10 + rnd(8), acceptedAt: i, freeCores: cores, freeMemoryMiB: cores * (50 + rnd(100)), durationS: 1 + rnd(4000), mode, allowed: new Set(mode === 'he' || rnd(2) === 0 ? [] : [ms[rnd(3)] as string]), avoid: new Set(rnd(4) === 0 ? [subnets[rnd(3)] as string] : []), prefer: new Set(rnd(3) === 0 ? [subnets[rnd(3)] as string] : []) }))
        }
      }
      const book = new OrderBook()
      const got: Fill[] = []
      for (const o of stream) got.push(...('price' in o ? book.addOffer(o, NOW) : book.addBid(o, NOW)))
      const want = reference(stream, NOW)
      assert.ok(want.length > 200, `seed ${seed}: a stream that fills (${want.length})`)
      assert.deepEqual(got, want, `seed ${seed}`)
    }
  })
})
