/** The joint records: rounds survive a restart, a re-run round replaces what a failed run left, a running training is marked interrupted. */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { JointStore } from './store.js'

describe('JointStore', () => {
  it('keeps completed rounds across restarts, and marks a training left running as interrupted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'joint-store-'))
    try {
      let store = new JointStore(dir)
      store.begin({ id: 't', role: 'renter', name: 'n', file: 'f', hash: 'h', peer: 'p' })
      store.round('t', 'renter', 1, 0.5, { weights: [1] })
      store.round('t', 'renter', 2, 0.25, { weights: [2] })
      store.round('t', 'renter', 3, 0.2, { weights: [3] })
      // a resumed run re-does round 2: round 3 of the failed run is gone
      store.round('t', 'renter', 2, 0.24, { weights: [2.5] })
      store.begin({ id: 't', role: 'partner', name: 't', file: 'c.csv', hash: '', peer: 'a' })
      store.close()
      store = new JointStore(dir)
      assert.deepEqual(store.rounds('t', 'renter'), [{ round: 1, loss: 0.5, state: { weights: [1] } }, { round: 2, loss: 0.24, state: { weights: [2.5] } }])
      assert.deepEqual(store.rounds('t', 'partner'), [])
      const rec = store.get('t', 'renter')
      assert.equal(rec?.status, 'interrupted')
      assert.equal(rec?.round, 2)
      store.finish('t', 'renter', 'done', { ok: true })
      assert.deepEqual(store.get('t', 'renter')?.report, { ok: true })
      assert.equal(store.list('renter').length, 1)
      store.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
