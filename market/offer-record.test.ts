import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { InvalidOfferRecordError, offerKey, offerSelector, offerValidator, signOfferRecord, verifyOfferRecord } from './offer-record.js'
import { testNet } from './test-support.js'
import type { OfferRecordInit } from './offer-record.js'
import type { TestNet } from './test-support.js'

const invalid = (code: InvalidOfferRecordError['code'], re?: RegExp) => (err: unknown): boolean => {
  assert.ok(err instanceof InvalidOfferRecordError, String(err))
  assert.equal(err.code, code, err.message)
  if (re != null) assert.match(err.message, re)
  return true
}

describe('offer records', () => {
  let t: TestNet
  let init: OfferRecordInit
  before(async () => {
    t = await testNet([2, 1])
    const sell = await t.sell('a-1')
    init = { network: t.network.id, hub: t.id('hub-a'), resourceClass: 'he', seq: 5n, expires: Date.now() + 60_000, offers: [{ order: sell, freeCores: 2, freeMemoryMiB: 2048, acceptedAt: 123 }] }
  })

  it('a hub\'s record verifies under its own key, offers intact', async () => {
    const bytes = await signOfferRecord(init, t.key('hub-a'))
    const v = await verifyOfferRecord(bytes, t.network, { key: offerKey('he', t.id('hub-a')) })
    assert.equal(v.offers.length, 1)
    assert.equal(v.offers[0]?.order.id, init.offers[0]?.order.id)
    assert.equal(v.offers[0]?.freeCores, 2)
    await offerValidator(() => t.network)(offerKey('he', t.id('hub-a')), bytes)
  })

  it('forgeries and misfilings are refused, each with its reason', async () => {
    const key = offerKey('he', t.id('hub-a'))
    // a participant signs a record as if it were a hub
    const byMember = await signOfferRecord({ ...init, hub: t.id('a-2') }, t.key('a-2'))
    await assert.rejects(verifyOfferRecord(byMember, t.network, { key: offerKey('he', t.id('a-2')) }), invalid('NOT_A_HUB'))
    // a participant's key over a record naming the hub
    await assert.rejects(verifyOfferRecord(await signOfferRecord(init, t.key('a-2')), t.network, { key }), invalid('BAD_SIGNATURE'))
    // another hub's offers
    await assert.rejects(verifyOfferRecord(await signOfferRecord({ ...init, hub: t.id('hub-b') }, t.key('hub-b')), t.network, { key: offerKey('he', t.id('hub-b')) }), invalid('NOT_A_MEMBER'))
    // stored under another hub's key or class
    const good = await signOfferRecord(init, t.key('hub-a'))
    await assert.rejects(verifyOfferRecord(good, t.network, { key: offerKey('he', t.id('hub-b')) }), invalid('BAD_KEY'))
    await assert.rejects(verifyOfferRecord(good, t.network, { key: offerKey('tee', t.id('hub-a')) }), invalid('BAD_KEY'))
    // more free than the order has, an order that is not HE in the HE class, expired
    await assert.rejects(verifyOfferRecord(await signOfferRecord({ ...init, offers: [{ ...init.offers[0]!, freeCores: 99 }] }, t.key('hub-a')), t.network, { key }), invalid('BAD_OFFER', /more free capacity/))
    const teeOnly = await t.sell('a-1', { protection: { he: false, tee: { kind: 'simulated', measurement: 'cd'.repeat(32) } }, heElementsPerS: 0 })
    await assert.rejects(verifyOfferRecord(await signOfferRecord({ ...init, offers: [{ ...init.offers[0]!, order: teeOnly }] }, t.key('hub-a')), t.network, { key }), invalid('BAD_OFFER', /does not offer he/))
    await assert.rejects(verifyOfferRecord(await signOfferRecord({ ...init, expires: Date.now() - 1 }, t.key('hub-a')), t.network, { key }), invalid('EXPIRED'))
    await assert.rejects(verifyOfferRecord(new Uint8Array(600 * 1024), t.network), invalid('MALFORMED'))
  })

  it('a record verified before is still checked for its key and its expiry every time', async () => {
    const bytes = await signOfferRecord({ ...init, seq: 77n, expires: Date.now() + 5000 }, t.key('hub-a'))
    await verifyOfferRecord(bytes, t.network, { key: offerKey('he', t.id('hub-a')) })
    await assert.rejects(verifyOfferRecord(bytes, t.network, { key: offerKey('he', t.id('hub-b')) }), invalid('BAD_KEY'))
    await assert.rejects(verifyOfferRecord(bytes, t.network, { now: Date.now() + 6000 }), invalid('EXPIRED'))
  })

  it('the selector picks the valid record with the highest seq', async () => {
    const key = offerKey('he', t.id('hub-a'))
    const older = await signOfferRecord({ ...init, seq: 1n }, t.key('hub-a'))
    const newer = await signOfferRecord({ ...init, seq: 9n, offers: [] }, t.key('hub-a'))
    const forged = await signOfferRecord({ ...init, seq: 99n }, t.key('a-2'))
    assert.equal(await offerSelector(() => t.network)(key, [older, forged, newer]), 2)
  })
})
