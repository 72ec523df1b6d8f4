import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { MarketError } from './errors.js'
import { checkOrderFields, claimedOwner, signOrder, verifyOrder } from './order.js'
import { Order as OrderPb, SignedOrder } from './pb/market.js'
import { DOMAIN, signBody } from './signing.js'
import { testNet } from './test-support.js'
import type { TestNet } from './test-support.js'

const refused = (code: MarketError['code'], re?: RegExp) => (err: unknown): boolean => {
  assert.ok(err instanceof MarketError, `a MarketError, got ${String(err)}`)
  assert.equal(err.code, code, err.message)
  if (re != null) assert.match(err.message, re)
  return true
}

describe('orders', () => {
  let t: TestNet
  before(async () => { t = await testNet([2, 1]) })

  it('a signed SELL and BUY verify, with a stable content id', async () => {
    const s = await t.sell('a-1')
    const v = await verifyOrder(s.signed, t.network)
    assert.equal(v.id, s.id)
    assert.equal(v.order.side, 'sell')
    assert.deepEqual(v.order, s.order)
    const b = await t.buy('b-1', { cores: 8, requirements: { protection: 'tee', allowedMeasurements: ['cd'.repeat(32)], avoidSubnets: ['a'], preferSubnets: [] } })
    const w = await verifyOrder(b.signed, t.network)
    assert.deepEqual(w.order, b.order)
    assert.notEqual(v.id, w.id)
    assert.match(v.id, /^[0-9a-f]{32}$/)
  })

  it('a tampered body or a foreign signature: bad signature', async () => {
    const s = await t.sell('a-1')
    const outer = SignedOrder.decode(s.signed)
    const pb = OrderPb.decode(outer.body)
    const cheaper = OrderPb.encode({ ...pb, pricePerCoreHour: 1n })
    await assert.rejects(verifyOrder(SignedOrder.encode({ body: cheaper, signature: outer.signature }), t.network), refused('BAD_SIGNATURE'))
    // signed by a-2 but claiming to be a-1's
    const forged = SignedOrder.encode({ body: outer.body, signature: await signBody(t.key('a-2'), DOMAIN.order, outer.body) })
    await assert.rejects(verifyOrder(forged, t.network), refused('BAD_SIGNATURE', /owner's key/))
    assert.equal(claimedOwner(forged), t.id('a-1').toString())
  })

  it('signing for someone else is refused', async () => {
    const s = await t.sell('a-1')
    await assert.rejects(signOrder(s.order, t.key('a-2'), t.id('a-2')), refused('NOT_OWNER'))
  })

  it('a body that is not canonically encoded is refused', async () => {
    const s = await t.sell('a-1')
    const outer = SignedOrder.decode(s.signed)
    // the same field twice: decodes to the same order, but is not how it encodes
    const body = new Uint8Array([...outer.body, 0x30, 0x01])
    const signed = SignedOrder.encode({ body, signature: await signBody(t.key('a-1'), DOMAIN.order, body) })
    await assert.rejects(verifyOrder(signed, t.network), refused('MALFORMED', /canonical/))
    await assert.rejects(verifyOrder(new Uint8Array([0xff, 0xff, 0x01]), t.network), refused('MALFORMED'))
    await assert.rejects(verifyOrder(new Uint8Array(5000), t.network), refused('MALFORMED', /limit/))
  })

  it('absurd or contradictory fields: invalid, with the reason', async () => {
    const now = Date.now()
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ cores: 0 }, /cores 0 is out of range/],
      [{ cores: 5000 }, /cores 5000 is out of range/],
      [{ memoryMiB: 0 }, /memoryMiB/],
      [{ pricePerCoreHour: 0 }, /pricePerCoreHour/],
      [{ minDurationS: 100, maxDurationS: 10 }, /minDurationS 100 is above/],
      [{ protection: { he: false, tee: null } }, /must offer protection/],
      [{ protection: { he: true, tee: null }, heElementsPerS: 0 }, /heElementsPerS/],
      [{ expires: now + 40 * 24 * 3600_000 }, /30 days/],
      [{ network: 'elsewhere' }, /network "elsewhere"/],
      [{ seq: 0n }, /seq/]
    ]
    const base = (await t.sell('a-1')).order
    for (const [change, re] of cases) {
      assert.throws(() => { checkOrderFields({ ...base, ...change } as any, t.network, now) }, refused('INVALID', re), JSON.stringify(change, (_, v) => typeof v === 'bigint' ? String(v) : v))
    }
    const buy = (await t.buy('a-1')).order
    assert.throws(() => { checkOrderFields({ ...buy, durationS: 0 }, t.network, now) }, refused('INVALID', /durationS/))
    assert.throws(() => { checkOrderFields({ ...buy, requirements: { ...buy.requirements, avoidSubnets: ['zz'] } }, t.network, now) }, refused('INVALID', /"zz" is not a subnet/))
    assert.throws(() => { checkOrderFields({ ...buy, requirements: { ...buy.requirements, avoidSubnets: ['a'], preferSubnets: ['a'] } }, t.network, now) }, refused('INVALID', /both avoided and preferred/))
    assert.throws(() => { checkOrderFields({ ...buy, owner: t.id('hub-a').toString() }, t.network, now) }, refused('INVALID', /not a participant/))
  })

  it('an expired order: expired (unless expiry is not judged)', async () => {
    const s = await t.sell('a-1', { expires: Date.now() + 1000 })
    await assert.rejects(verifyOrder(s.signed, t.network, { now: Date.now() + 2000 }), refused('EXPIRED'))
    const v = await verifyOrder(s.signed, t.network, { now: Date.now() + 2000, checkExpiry: false })
    assert.equal(v.id, s.id)
  })

  it('a BUY carrying SELL fields is invalid', async () => {
    const b = await t.buy('a-1')
    const pb = OrderPb.decode(SignedOrder.decode(b.signed).body)
    const body = OrderPb.encode({ ...pb, pricePerCoreHour: 5n })
    const signed = SignedOrder.encode({ body, signature: await signBody(t.key('a-1'), DOMAIN.order, body) })
    await assert.rejects(verifyOrder(signed, t.network), refused('INVALID', /BUY carries no SELL fields/))
  })
})
