import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { orderBook } from './state.js'
import type { OrderJson } from '../../market/index.js'

const order = (o: Partial<OrderJson>): OrderJson => ({ id: 'x', side: 'sell', owner: 'p', network: 'n', seq: 1, cores: 1, memoryMiB: 1, expires: '', status: 'open', freeCores: 1, freeMemoryMiB: 1, filledCores: 0, filledMemoryMiB: 0, acceptedAt: '2026-01-01T00:00:00.000Z', signed: '', ...o })

describe('dashboard order book', () => {
  it('groups open orders by resource class, best price first, then time', () => {
    const book = orderBook([
      order({ id: 'he-dear', protection: { he: true, tee: null }, pricePerCoreHour: 2 }),
      order({ id: 'both', protection: { he: true, tee: { kind: 'simulated', measurement: 'm' } }, pricePerCoreHour: 1 }),
      order({ id: 'tee-late', protection: { he: false, tee: { kind: 'simulated', measurement: 'm' } }, pricePerCoreHour: 1, acceptedAt: '2026-01-02T00:00:00.000Z' }),
      order({ id: 'closed', protection: { he: true, tee: null }, status: 'filled' }),
      order({ id: 'buy-any', side: 'buy', maxPricePerCoreHour: 1, requirements: { protection: 'any', allowedMeasurements: [], avoidSubnets: [], preferSubnets: [] } }),
      order({ id: 'buy-he', side: 'buy', maxPricePerCoreHour: 3, requirements: { protection: 'he', allowedMeasurements: [], avoidSubnets: [], preferSubnets: [] } }),
      order({ id: 'buy-teehe', side: 'buy', maxPricePerCoreHour: 1, requirements: { protection: 'tee+he', allowedMeasurements: [], avoidSubnets: [], preferSubnets: [] } })
    ])
    assert.deepEqual(book.he.sell.map(o => o.id), ['both', 'he-dear'])
    assert.deepEqual(book.tee.sell.map(o => o.id), ['both', 'tee-late'])
    assert.deepEqual(book.he.buy.map(o => o.id), ['buy-he', 'buy-any'])
    assert.deepEqual(book.tee.buy.map(o => o.id), ['buy-any', 'buy-teehe'])
  })
})
