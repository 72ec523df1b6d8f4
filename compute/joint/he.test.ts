/**
 * A joint round's HE work against the same round in the clear: the partner's masked sums unmask to
 * its exact gradient, the renter's residuals are r, and what the renter can decrypt of a masked
 * sum is unrelated to the gradient.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeSlots } from '../he/index.js'
import { heContext, heParameters, heParamSet, loadCiphertext, loadSeal, loadSecretKey } from '../../keys/index.js'
import { inProcessRunner } from '../pool/index.js'
import { seededRandom } from '../data/index.js'
import { JOINT_HE_SET, unmaskedSum } from './he.js'
import { dot, sum } from './linalg.js'
import { PartnerModel } from './model.js'
import { MAX_RESIDUAL, partnerRound, renterDecrypt } from './round.js'
import { keyFingerprint, shareTag, verifyShareTag } from './share.js'
import { tasks } from './tasks.js'
import type { HeKeySet } from '../../keys/index.js'

const runner = { ...inProcessRunner(tasks), size: 2 }
const seal = await loadSeal()
const he = heContext(seal, heParameters(seal, heParamSet(JOINT_HE_SET) as NonNullable<ReturnType<typeof heParamSet>>))
const { params, keys } = await runner.run<{ params: Uint8Array, keys: HeKeySet }>('keygen', { set: JOINT_HE_SET })

// 9000 rows: two lessors' ranges of 5000 and 4000 rows (2 and 1 chunks, with padding)
const n = 9000
const rnd = seededRandom(5)
const g = (): number => rnd() + rnd() + rnd() - 1.5
const x = [0, 1].map(() => Float64Array.from({ length: n }, () => 10 + 3 * g()))
const y = Float64Array.from({ length: n }, (_, i) => 1 + 0.5 * (x[0] as Float64Array)[i]! - 0.2 * (x[1] as Float64Array)[i]! + g())
const u = Float64Array.from({ length: n }, () => 2 * g())
const model = new PartnerModel('C', ['p', 'q'], x, y, { w: [0.3, -0.7], b: 0.25 })
const ranges = [{ start: 0, rows: 5000 }, { start: 5000, rows: 4000 }]

describe('joint round under HE', () => {
  it('gives the renter r = u + v and the partner its exact gradient sums, masked in between', async () => {
    const shares = await Promise.all(ranges.map(async r => ({ ...r, shares: await runner.run<Uint8Array[]>('jointEncryptUnder', { params, publicKey: keys.publicKey, values: u.slice(r.start, r.start + r.rows) }) })))
    const result = await partnerRound(runner, params, keys.publicKey, model, shares)
    const view = await renterDecrypt(runner, params, keys.secretKey, ranges.map((r, k) => ({ rows: r.rows, residuals: result.residuals[k] as Uint8Array[] })), result.masked.map(m => m.masked))

    const v = model.residualPart()
    const r = u.map((ui, i) => ui + v[i]!)
    let worst = 0
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(view.r[i]! - r[i]!))
    assert.ok(worst < 1e-6, `residuals within 1e-6 (worst ${worst})`)

    const want = [sum(r), ...model.scaled.map(s => dot(s, r))]
    result.masked.forEach((m, k) => {
      const got = unmaskedSum(view.constants[k] as bigint, m, he.slots)
      assert.ok(Math.abs(got - want[k]!) < 1e-4, `sum ${k}: ${got} vs ${want[k]!}`)
      // what the renter holds is the masked value: as if uniform mod Q, nowhere near the sum
      const seen = unmaskedSum(view.constants[k] as bigint, { ...m, mu: 0n }, he.slots)
      assert.ok(Math.abs(seen - want[k]!) > 1e6, `renter's view of sum ${k} is masked (${seen})`)
    })
  })

  it('refuses residuals beyond MAX_RESIDUAL', async () => {
    // the renter's own share u beyond 2^24 in one row: r = u + v decrypts beyond the limit
    const big = Float64Array.from({ length: 4096 }, (_, i) => i === 17 ? 2 * MAX_RESIDUAL : 0.5)
    const shares = [{ start: 0, rows: 4096, shares: await runner.run<Uint8Array[]>('jointEncryptUnder', { params, publicKey: keys.publicKey, values: big }) }]
    const small = new PartnerModel('C', ['p', 'q'], x.map(c => c.slice(0, 4096)), y.slice(0, 4096), { w: [0.3, -0.7], b: 0.25 })
    const result = await partnerRound(runner, params, keys.publicKey, small, shares)
    await assert.rejects(renterDecrypt(runner, params, keys.secretKey, [{ rows: 4096, residuals: result.residuals[0] as Uint8Array[] }], result.masked.map(m => m.masked)),
      (e: any) => e.code === 'RANGE' && /beyond the 16777216/.test(e.message))
  })

  it('masks every slot: a masked sum decrypts to values unrelated to the products', async () => {
    const shares = [{ start: 0, rows: 4096, shares: await runner.run<Uint8Array[]>('jointEncryptUnder', { params, publicKey: keys.publicKey, values: u.slice(0, 4096) }) }]
    const one = new PartnerModel('C', ['p', 'q'], x.map(c => c.slice(0, 4096)), y.slice(0, 4096), { w: [0.3, -0.7], b: 0.25 })
    const a = await partnerRound(runner, params, keys.publicKey, one, shares)
    const b = await partnerRound(runner, params, keys.publicKey, one, shares)
    const sk = loadSecretKey(he, keys.secretKey)
    const dec = new he.seal.Decryptor(he.context, sk)
    const pt = new he.seal.Plaintext()
    const slotsOf = (bytes: Uint8Array): Float64Array => {
      const ct = loadCiphertext(he, bytes)
      dec.decrypt(ct, pt)
      ct.delete()
      return decodeSlots(he, pt) as Float64Array
    }
    const v = one.residualPart()
    const products = (one.scaled[0] as Float64Array).map((s, i) => s * (u[i]! + v[i]!))
    const sa = slotsOf(a.masked[1]!.masked)
    const sb = slotsOf(b.masked[1]!.masked)
    // the plain products are O(1); the masked slots are of the order of the modulus over the scale
    let small = 0
    let corr = 0
    for (let i = 0; i < he.slots; i++) {
      if (Math.abs(sa[i]!) < 1e3) small++
      corr += (sa[i]! - products[i]!) === 0 ? 1 : 0
    }
    assert.ok(small < 10, `${small} of ${he.slots} masked slots look like data`)
    assert.equal(corr, 0)
    // fresh masks each time: the same sum masks to different values
    assert.notDeepEqual(Array.from(sa.slice(0, 8)), Array.from(sb.slice(0, 8)))
    pt.delete(); dec.delete(); sk.delete()
  })

  it('authenticates shares: fields, ciphertexts and the key they are under', () => {
    const key = new Uint8Array(32).fill(7)
    const fields = { trainingId: 't-1', round: 3, start: 0, rows: 10, keyFingerprint: keyFingerprint(keys.publicKey) }
    const cts = [new Uint8Array([1, 2, 3])]
    const tag = shareTag(key, fields, cts)
    assert.ok(verifyShareTag(key, fields, cts, tag))
    assert.ok(!verifyShareTag(key, { ...fields, round: 4 }, cts, tag))
    assert.ok(!verifyShareTag(key, { ...fields, keyFingerprint: keyFingerprint(new Uint8Array(5)) }, cts, tag))
    assert.ok(!verifyShareTag(key, fields, [new Uint8Array([1, 2, 4])], tag))
    assert.ok(!verifyShareTag(new Uint8Array(32).fill(8), fields, cts, tag))
  })
})
