import assert from 'node:assert/strict'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { readJointCsv } from './data.js'
import { PartnerModel, RenterModel, pooledLeastSquares, trainPlain } from './model.js'
import { SYNTHETIC_LABEL, SYNTHETIC_PARTNER_FEATURES, SYNTHETIC_RENTER_FEATURES, writeJointSynthetic } from './synth.js'

const dir = await mkdtemp(join(tmpdir(), 'shulian-joint-model-'))
const paths = await writeJointSynthetic(dir, 3000, 11)
const a = await readJointCsv(paths.renter, 'id', [...SYNTHETIC_RENTER_FEATURES])
const c = await readJointCsv(paths.partner, 'id', [...SYNTHETIC_PARTNER_FEATURES, SYNTHETIC_LABEL])
const y = c.columns.at(-1) as Float64Array
const cx = c.columns.slice(0, -1)

describe('vertical linear regression, preconditioned per owner', () => {
  it('reaches the pooled least-squares solution, the loss falling every round', () => {
    assert.deepEqual(a.ids, c.ids)
    const t = trainPlain({ names: a.names, columns: a.columns }, { names: cx.map((_, j) => c.names[j] as string), columns: cx, y }, { maxRounds: 200, tolerance: 1e-13, step: 1 })
    const ls = pooledLeastSquares(a.columns, cx, y)
    const got = [...t.weightsA, ...Object.values(t.weightsC), t.intercept]
    const want = [...ls.weights, ls.intercept]
    got.forEach((g, j) => { assert.ok(Math.abs(g - (want[j] as number)) <= 1e-6 * Math.max(1, Math.abs(want[j] as number)), `weight ${j}: ${g} vs ${String(want[j])}`) })
    for (let i = 1; i < t.loss.length; i++) assert.ok((t.loss[i] as number) <= (t.loss[i - 1] as number) * (1 + 1e-14), `round ${i + 1}: ${String(t.loss[i])} after ${String(t.loss[i - 1])}`)
    assert.ok(Math.abs((t.loss.at(-1) as number) - ls.loss) <= 1e-9 * ls.loss)
    // the error shrinks by the canonical correlation (about 0.5 here) per round: tens of rounds, not thousands
    assert.ok(t.loss.length < 60, `${t.loss.length} rounds`)
  })

  it('names the feature that makes a block singular', () => {
    const dup = [a.columns[0] as Float64Array, a.columns[1] as Float64Array, (a.columns[0] as Float64Array).map((v, i) => 2 * v - ((a.columns[1] as Float64Array)[i] as number))]
    assert.throws(() => new RenterModel('A.csv', ['income', 'debt', 'twice'], dup), (e: any) => e.name === 'JointError' && e.code === 'SINGULAR' && /A\.csv: feature "twice" is constant or a linear combination of the features before it \(income, debt\)/.test(e.message))
    assert.throws(() => new PartnerModel('C.csv', ['k'], [new Float64Array(y.length).fill(3)], y), /C\.csv: feature "k" is constant/)
  })
})
