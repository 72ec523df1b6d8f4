import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { LeaseVerificationError } from './errors.js'
import { leaseJson, leaseJsonMismatches, signedLeaseOf } from './json.js'
import { encodeLeaseTerms, encodeSignedLease, signLeaseTerms, verifyLease } from './lease.js'
import { LeaseTerms, SignedLease } from './pb/market.js'
import { MEASUREMENT, testNet } from './test-support.js'
import type { LeaseTermsInit } from './lease.js'
import type { TestNet } from './test-support.js'

const failsWith = (code: LeaseVerificationError['code'], re?: RegExp) => (err: unknown): boolean => {
  assert.ok(err instanceof LeaseVerificationError, `a LeaseVerificationError, got ${String(err)}`)
  assert.equal(err.code, code, err.message)
  if (re != null) assert.match(err.message, re)
  return true
}

describe('leases', () => {
  let t: TestNet
  let init: LeaseTermsInit
  let terms: Uint8Array
  let signed: Uint8Array

  before(async () => {
    t = await testNet([1, 1, 1])
    const now = Date.now()
    const buy = await t.buy('a-1', { cores: 8, memoryMiB: 8192, durationS: 600, requirements: { protection: 'tee', allowedMeasurements: [MEASUREMENT], avoidSubnets: ['c'], preferSubnets: [] } })
    const sell = await t.sell('b-1')
    init = { network: t.network.id, id: '0f'.repeat(16), renterHub: t.id('hub-a'), lessorHub: t.id('hub-b'), cores: 4, memoryMiB: 4096, protection: { he: false, tee: { kind: 'simulated', measurement: MEASUREMENT } }, start: now, end: now + 600_000, buy, sell }
    terms = encodeLeaseTerms(init)
    signed = encodeSignedLease(terms, await signLeaseTerms(terms, 'renterHub', t.key('hub-a')), await signLeaseTerms(terms, 'lessorHub', t.key('hub-b')))
  })

  it('a lease signed by both hubs verifies offline, with the orders it fills', async () => {
    const v = await verifyLease(signed, t.network)
    assert.equal(v.id, init.id)
    assert.equal(v.renter, t.id('a-1').toString())
    assert.equal(v.lessorHub, t.id('hub-b').toString())
    assert.equal(v.pricePerCoreHour, 250_000, 'the SELL\'s price')
    assert.equal(v.heElementsPerS, 600_000)
    assert.deepEqual([v.buy.id, v.sell.id], [init.buy.id, init.sell.id])
  })

  it('each hub signs in its own role: swapped or missing signatures fail', async () => {
    const s = SignedLease.decode(signed)
    await assert.rejects(verifyLease(encodeSignedLease(terms, s.lessorHubSignature, s.renterHubSignature), t.network), failsWith('BAD_SIGNATURE', /renter's hub/))
    await assert.rejects(verifyLease(encodeSignedLease(terms, s.renterHubSignature), t.network), failsWith('BAD_SIGNATURE', /lessor's hub/))
    const proposal = await verifyLease(encodeSignedLease(terms, s.renterHubSignature), t.network, { signatures: 'renterHub' })
    assert.equal(proposal.id, init.id)
    // the lessor's hub role signed by the renter's hub
    await assert.rejects(verifyLease(encodeSignedLease(terms, s.renterHubSignature, await signLeaseTerms(terms, 'lessorHub', t.key('hub-a'))), t.network), failsWith('BAD_SIGNATURE'))
  })

  it('terms that do not follow from the orders fail even when both hubs signed them', async () => {
    const sign = async (change: Partial<LeaseTermsInit>, lessorHub = 'hub-b'): Promise<Uint8Array> => {
      const tt = encodeLeaseTerms({ ...init, ...change })
      return encodeSignedLease(tt, await signLeaseTerms(tt, 'renterHub', t.key('hub-a')), await signLeaseTerms(tt, 'lessorHub', t.key(lessorHub)))
    }
    await assert.rejects(verifyLease(await sign({ cores: 16 }), t.network), failsWith('MISMATCH', /cores/))
    await assert.rejects(verifyLease(await sign({ end: init.start + 1000 }), t.network), failsWith('MISMATCH', /duration/))
    await assert.rejects(verifyLease(await sign({ protection: { he: true, tee: null } }), t.network), failsWith('MISMATCH', /protection/))
    await assert.rejects(verifyLease(await sign({ renterHub: t.id('hub-c') }), t.network), failsWith('NOT_IN_NETWORK', /renter/))
    const dear = await t.sell('b-1', { pricePerCoreHour: 900_000 })
    await assert.rejects(verifyLease(await sign({ sell: dear }), t.network), failsWith('MISMATCH', /price/))
    const avoided = await t.sell('c-1')
    await assert.rejects(verifyLease(await sign({ sell: avoided, lessorHub: t.id('hub-c') }, 'hub-c'), t.network), failsWith('MISMATCH', /avoids subnet c/))
    const stale = await t.buy('a-1', { expires: Date.now() + 1000, durationS: 600, requirements: init.buy.order.requirements })
    await assert.rejects(verifyLease(await sign({ buy: stale, start: init.start + 5000, end: init.start + 605_000 }), t.network), failsWith('BAD_ORDER', /expired/))
  })

  it('tampered terms break both signatures', async () => {
    const s = SignedLease.decode(signed)
    const tt = LeaseTerms.decode(s.terms)
    const cheaper = LeaseTerms.encode({ ...tt, pricePerCoreHour: 1n })
    await assert.rejects(verifyLease(SignedLease.encode({ ...s, terms: cheaper }), t.network), failsWith('BAD_SIGNATURE'))
    await assert.rejects(verifyLease(new Uint8Array([1, 2, 3]), t.network), failsWith('MALFORMED'))
  })

  it('the JSON object is a faithful copy: every field checked against the signed lease', async () => {
    const v = await verifyLease(signed, t.network)
    const json = JSON.parse(JSON.stringify(leaseJson(v, { status: 'active', endedAt: null })))
    assert.deepEqual(leaseJsonMismatches(json, v), [])
    assert.equal(await verifyLease(signedLeaseOf(json), t.network).then(x => x.id), v.id)
    json.resources.cores = 99
    json.pricePerCoreHour = 0.01
    json.status = 'ended'
    assert.deepEqual(leaseJsonMismatches(json, v), ['resources.cores', 'pricePerCoreHour'])
    assert.throws(() => signedLeaseOf({ id: 'x' }), failsWith('MALFORMED'))
  })
})
