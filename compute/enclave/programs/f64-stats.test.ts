import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeF64Stats, f64StatsParams, f64StatsProgram } from './f64-stats.js'

function rows (values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8)
  values.forEach((v, i) => { new DataView(out.buffer).setFloat64(i * 8, v, true) })
  return out
}

describe('f64-stats program', () => {
  it('computes count, sums and means per column', async () => {
    const r = decodeF64Stats(await f64StatsProgram.run(rows([1, 10, 2, 20, 3, 30]), f64StatsParams(2)))
    assert.deepEqual(r, { count: 3, sums: [6, 60], means: [2, 20] })
  })

  it('refuses bad params and ragged input', async () => {
    await assert.rejects(f64StatsProgram.run(rows([1]), new TextEncoder().encode('nope')), { name: 'EnclaveProgramError' })
    await assert.rejects(f64StatsProgram.run(rows([1]), f64StatsParams(0)), { name: 'EnclaveProgramError' })
    await assert.rejects(f64StatsProgram.run(rows([1, 2, 3]), f64StatsParams(2)), { name: 'EnclaveProgramError', message: /whole number/ })
  })
})
