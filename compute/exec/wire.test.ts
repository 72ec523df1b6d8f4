import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tableOf } from '../data/index.js'
import { compileProgram } from '../program/index.js'
import { combine } from './combine.js'
import { runPlain } from './plain.js'
import { decodePartials, encodePartials } from './wire.js'

describe('partials wire format', () => {
  it('round-trips real and exact integer partials, per-row values included', () => {
    const real = tableOf({ x: 'float' }, { x: [0.5, 1.25, -3] })
    const rp = compileProgram({ outputs: { m: 'mean(x)', r: 'x*2' } }, real.types)
    const p = runPlain(rp, real)
    assert.deepEqual(combine(rp, [decodePartials(encodePartials(p), rp, 3)]), combine(rp, [p]))
    const ints = tableOf({ a: 'int' }, { a: [2 ** 52, 2 ** 52, 7] })
    const ip = compileProgram({ outputs: { s: 'sum(a)' } }, ints.types)
    const q = decodePartials(encodePartials(runPlain(ip, ints)), ip, 3)
    assert.equal(q.values[0]?.kind === 'sum' ? q.values[0].value : undefined, 2n ** 53n + 7n)
  })

  it('refuses results of the wrong shape', () => {
    const t = tableOf({ x: 'float' }, { x: [1, 2] })
    const p = compileProgram({ outputs: { s: 'sum(x)', r: 'x+1' } }, t.types)
    const good = encodePartials(runPlain(p, t))
    assert.throws(() => decodePartials(good, p, 3), /covers 2 rows, the subtask has 3/)
    assert.throws(() => decodePartials(new Uint8Array([0xff, 0xff]), p, 2), /does not decode/)
    const other = compileProgram({ outputs: { s: 'sum(x)' } }, t.types)
    assert.throws(() => decodePartials(encodePartials(runPlain(other, t)), p, 2), /has 1 values, the program makes 2|does not decode/)
  })
})
