/**
 * One thread encrypting for several keys in turn (the encryptor kept per thread must follow the
 * key it is given), and a subtask spread as pieces over a pool: every value back in its place.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { generateHeKeys, heContext, heParamSet, heParameters, loadSeal } from '../../keys/index.js'
import { compileProgram } from '../program/index.js'
import { tableOf } from '../data/index.js'
import { combine } from '../exec/index.js'
import { decryptSlots } from './decrypt.js'
import { encryptChunks } from './encrypt.js'
import { HeRenter, createHePool, evaluateSubtask } from './index.js'
import type { HeParamSet } from '../../keys/index.js'

describe('encryptChunks', () => {
  it('follows the key it is given: alternating secret and public keys, each decrypts under its own key only', async () => {
    const seal = await loadSeal()
    const he = heContext(seal, heParameters(seal, heParamSet('bfv-8192-t20') as HeParamSet))
    const [k1, k2] = [generateHeKeys(he), generateHeKeys(he)]
    const column = Float64Array.from({ length: he.slots }, (_, i) => (i * 7) % 1000)
    const keys = [{ secretKey: k1.secretKey }, { secretKey: k2.secretKey }, { publicKey: k1.publicKey }, { secretKey: k2.secretKey }, { publicKey: k2.publicKey }, { secretKey: k1.secretKey }]
    for (const [i, key] of keys.entries()) {
      const [[ct]] = encryptChunks(he, key, [column], 0, 1) as [[Uint8Array]]
      const own = 'secretKey' in key ? (key.secretKey === k1.secretKey ? k1 : k2) : (key.publicKey === k1.publicKey ? k1 : k2)
      const other = own === k1 ? k2 : k1
      const [mine] = decryptSlots(he, own.secretKey, [{ bytes: ct, what: `ciphertext ${i}` }])
      assert.deepEqual(Array.from(mine as BigInt64Array, Number), Array.from(column), `key ${i}: decrypts under its own key`)
      const [theirs] = decryptSlots(he, other.secretKey, [{ bytes: ct, what: `ciphertext ${i}` }])
      assert.notDeepEqual(Array.from(theirs as BigInt64Array, Number), Array.from(column), `key ${i}: not under the other key`)
    }
  })
})

describe('a renter\'s key generation on a pool', () => {
  it('has every thread build its context for the set meanwhile, not at its first encryption', async () => {
    const pool = createHePool(2)
    try {
      const set = heParamSet('ckks-8192-d1') as HeParamSet
      await HeRenter.create(set, pool)
      // two tasks at once on two idle threads: one each
      const built = await Promise.all([pool.run<string[]>('contexts', null), pool.run<string[]>('contexts', null)])
      assert.deepEqual(built, [[set.name], [set.name]])
    } finally {
      await pool.close()
    }
  })
})

describe('encrypting a subtask on a pool', () => {
  const pool = createHePool(2)
  after(async () => { await pool.close() })

  it('spreads the chunks over the threads as pieces and keeps every value in its row', async () => {
    const set = heParamSet('bfv-8192-t20') as HeParamSet
    // 21 chunks and a part: more pieces than threads, of unequal sizes
    const rows = 21 * 8192 + 100
    const x = Array.from({ length: rows }, (_, i) => (i * 31) % 997)
    const program = compileProgram({ outputs: { s: 'sum(x)', y: 'x + 1' } }, { x: 'int' })
    const renter = await HeRenter.create(set, pool)
    const result = await renter.decryptResult(program, await evaluateSubtask((await renter.encryptSubtask(program, tableOf({ x: 'int' }, { x }))).subarray(), pool))
    const outputs = combine(program, [result])
    assert.equal(outputs.s, x.reduce((a, b) => a + b, 0))
    assert.deepEqual(outputs.y, x.map(v => v + 1))
  })
})
