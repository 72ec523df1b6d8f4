import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { OrderBook, planFills } from './book.js'
import { allocate } from './match.js'
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
