import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { metricValue, parseSamples } from './prometheus-text.js'

const TEXT = `# HELP shulian_jobs_total Jobs by policy and outcome
# TYPE shulian_jobs_total counter
shulian_jobs_total{policy="tee",outcome="done"} 2
shulian_jobs_total{policy="he",outcome="done"} 1
shulian_jobs_total{policy="he",outcome="failed"} 4
shulian_relay_bytes_total 1.5e6
shulian_market_lease_formation_seconds_bucket{le="0.5"} 1
shulian_market_lease_formation_seconds_count 2
`

describe('prometheus text', () => {
  it('reads samples with their labels', () => {
    const s = parseSamples(TEXT)
    assert.equal(s.length, 6)
    assert.deepEqual(s[0], { name: 'shulian_jobs_total', labels: { policy: 'tee', outcome: 'done' }, value: 2 })
    assert.equal(s[3]?.value, 1_500_000)
  })

  it('sums the samples of a name that carry the given labels', () => {
    assert.equal(metricValue(TEXT, 'shulian_jobs_total'), 7)
    assert.equal(metricValue(TEXT, 'shulian_jobs_total', { outcome: 'done' }), 3)
    assert.equal(metricValue(TEXT, 'shulian_jobs_total', { policy: 'he', outcome: 'failed' }), 4)
    assert.equal(metricValue(TEXT, 'shulian_market_lease_formation_seconds_count'), 2, 'not its buckets')
    assert.equal(metricValue(TEXT, 'shulian_nothing'), 0)
  })
})
