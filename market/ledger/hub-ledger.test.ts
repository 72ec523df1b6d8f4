import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { MarketError } from '../errors.js'
import { testNet } from '../test-support.js'
import { HubLedger } from './hub-ledger.js'
import { ParticipantLedger } from './participant-ledger.js'
import type { TestNet } from '../test-support.js'
import type { LeaseInsert } from './hub-ledger.js'

const code = (c: MarketError['code']) => (e: unknown): boolean => e instanceof MarketError && e.code === c

describe('the hub ledger', () => {
  let t: TestNet
  let dir: string
  before(async () => {
    t = await testNet([1, 1])
    dir = await mkdtemp(join(tmpdir(), 'shulian-ledger-'))
  })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('keeps an order once; an older seq is replayed; all of it survives reopening the file', async () => {
    const path = join(dir, 'orders.db')
    const l = new HubLedger(path)
    const older = await t.sell('a-1')
    const newer = await t.sell('a-1')
    assert.equal(l.insertOrder(newer, 1, ['he']).duplicate, false)
    assert.equal(l.insertOrder(newer, 2, ['he']).duplicate, true)
    assert.throws(() => l.insertOrder(older, 3, ['he']), code('REPLAYED'))
    l.close()
    const again = new HubLedger(path)
    assert.equal(again.order(newer.id)?.acceptedAt, 1)
    assert.throws(() => again.insertOrder(older, 3, ['he']), code('REPLAYED'), 'the highest seq is durable too')
    assert.equal(again.db.get<any>('PRAGMA journal_mode')?.journal_mode, 'wal')
    assert.equal(again.db.get<any>('PRAGMA synchronous')?.synchronous, 2, 'synchronous = FULL')
    again.close()
  })

  it('reservations are atomic and idempotent; expiry and release give capacity back', async () => {
    const l = new HubLedger(join(dir, 'reserve.db'))
    const sell = await t.sell('b-1', { cores: 4, memoryMiB: 400 })
    l.insertOrder(sell, 1, ['he'])
    const buy = new Uint8Array([1])
    const r = (id: string, cores: number, now = 10): ReturnType<HubLedger['reserve']> => l.reserve({ id, sellId: sell.id, renterHub: 'hub-x', buy, cores, memory: cores * 100, now, ttlMs: 1000 })
    assert.equal(r('a'.repeat(32), 3).duplicate, false)
    assert.equal(r('a'.repeat(32), 3).duplicate, true, 'the same id again: the same reservation, no more capacity taken')
    assert.equal(l.order(sell.id)?.freeCores, 1)
    assert.throws(() => r('b'.repeat(32), 2), code('INSUFFICIENT'))
    assert.throws(() => l.reserve({ id: 'a'.repeat(32), sellId: sell.id, renterHub: 'hub-x', buy, cores: 1, memory: 100, now: 10, ttlMs: 1000 }), code('INVALID'), 'an id reused with other terms')
    assert.deepEqual(l.expireReservations(2000), [sell.id])
    assert.equal(l.order(sell.id)?.freeCores, 4)
    assert.throws(() => r('a'.repeat(32), 3, 2001), code('EXPIRED'), 'a released reservation does not come back')
    r('c'.repeat(32), 2, 3000)
    assert.equal(l.releaseReservation('c'.repeat(32)), true)
    assert.equal(l.releaseReservation('c'.repeat(32)), false)
    assert.equal(l.order(sell.id)?.freeCores, 4)
    l.close()
  })

  it('a countersigned lease holds capacity until it ends or expires; the BUY side counts what it leased', async () => {
    const lessor = new HubLedger(join(dir, 'lessor.db'))
    const renter = new HubLedger(join(dir, 'renter.db'))
    const sell = await t.sell('b-1', { cores: 4, memoryMiB: 400 })
    const buy = await t.buy('a-1', { cores: 2, memoryMiB: 200 })
    lessor.insertOrder(sell, 1, ['he'])
    renter.insertOrder(buy, 1, [])
    const lease = (id: string): LeaseInsert => ({ id, signed: new Uint8Array([7]), renter: 'r', lessor: 'l', renterHub: 'hub-a', lessorHub: 'hub-b', buyId: buy.id, sellId: sell.id, cores: 2, memory: 200, start: 0, end: 5000 })
    renter.beginFormation({ id: 'd'.repeat(32), buyId: buy.id, sellId: sell.id, sell: sell.signed, lessorHub: 'hub-b', cores: 2, memory: 200, now: 1 })
    assert.throws(() => renter.beginFormation({ id: 'e'.repeat(32), buyId: buy.id, sellId: sell.id, sell: sell.signed, lessorHub: 'hub-b', cores: 1, memory: 1, now: 1 }), code('INSUFFICIENT'), 'the BUY is held by the formation')
    lessor.reserve({ id: 'd'.repeat(32), sellId: sell.id, renterHub: 'hub-a', buy: buy.signed, cores: 2, memory: 200, now: 1, ttlMs: 1000 })
    assert.throws(() => lessor.countersign({ ...lease('d'.repeat(32)), cores: 3 }, 2), code('INVALID'))
    assert.equal(lessor.countersign(lease('d'.repeat(32)), 2).duplicate, false)
    assert.equal(lessor.countersign(lease('d'.repeat(32)), 3).duplicate, true)
    assert.equal(lessor.expireReservations(99_999).length, 0, 'a leased reservation does not expire')
    renter.formationProposed('d'.repeat(32), new Uint8Array([1]), 2)
    renter.completeFormation('d'.repeat(32), lease('d'.repeat(32)), 3)
    assert.equal(renter.order(buy.id)?.status, 'filled')
    assert.deepEqual(renter.pendingDeliveries().map(d => ({ ...d })), [{ leaseId: 'd'.repeat(32), peer: 'r' }])
    assert.deepEqual(lessor.pendingDeliveries(), [], 'the lessor gets it once the renter\'s hub confirms')
    lessor.confirmLease('d'.repeat(32))
    assert.deepEqual(lessor.pendingDeliveries().map(d => ({ ...d })), [{ leaseId: 'd'.repeat(32), peer: 'l' }])
    assert.deepEqual([lessor.order(sell.id)?.freeCores, lessor.order(sell.id)?.filledCores], [2, 2])
    assert.deepEqual(lessor.expireLeases(5000), [sell.id])
    assert.deepEqual([lessor.order(sell.id)?.freeCores, lessor.order(sell.id)?.filledCores], [4, 0])
    assert.equal(lessor.endLease('d'.repeat(32), 6000, true).changed, false, 'an expired lease does not end again')
    lessor.close()
    renter.close()
  })

  it('a participant keeps a lease once and only moves its status forward', () => {
    const p = new ParticipantLedger(join(dir, 'participant.db'))
    const l = { id: 'f'.repeat(32), signed: new Uint8Array([1]), role: 'renter' as const, buyId: 'b', sellId: 's', cores: 1, end: 100, status: 'active' as const, endedAt: null, now: 1 }
    assert.equal(p.putLease(l), true)
    assert.equal(p.putLease(l), false)
    assert.equal(p.putLease({ ...l, status: 'ended', endedAt: 50 }), false)
    assert.equal(p.lease(l.id)?.status, 'ended')
    assert.equal(p.putLease(l), false)
    assert.equal(p.lease(l.id)?.status, 'ended', 'a late redelivery of the active lease does not reopen it')
    assert.ok(p.nextSeq(5) < p.nextSeq(5))
    p.close()
  })
})
