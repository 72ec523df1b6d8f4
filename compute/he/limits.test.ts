import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateHeKeys, heContext, heParamSet, heParameters, loadRelinKeys, loadSecretKey, loadSeal } from '../../keys/index.js'
import { compileProgram, encodeProgram } from '../program/index.js'
import { tableOf } from '../data/index.js'
import { ExecError } from '../exec/index.js'
import { EncryptedInput, HeRenter, evaluateSubtask, inProcessHe, planHe } from './index.js'
import type { HeParamSet } from '../../keys/index.js'

const set = (name: string): HeParamSet => heParamSet(name) as HeParamSet

describe('BFV overflow and depth limits', () => {
  const runner = inProcessHe()

  it('refuses, before encrypting, integer values that could wrap around the plain modulus', async () => {
    const t = tableOf({ a: 'int' }, { a: [3_000_000, -2_000_000, 5] })
    const program = compileProgram({ outputs: { s: 'sum(a*a*a)' } }, t.types)
    assert.throws(() => planHe({ program, ranges: [{ lo: -2e6, hi: 3e6 }], maxSubtaskRows: 3 }),
      (e: unknown) => e instanceof ExecError && e.code === 'OVERFLOW' && /values may reach 2\^6[0-9]/.test(e.message) && /plain modulus/.test(e.message))
    // a set chosen by someone else for smaller data refuses this data too
    const small = await HeRenter.create(set('bfv-8192-t20'), runner)
    const fits = compileProgram({ outputs: { s: 'sum(a*a)' } }, t.types)
    await assert.rejects(small.encryptSubtask(fits, t), (e: unknown) => e instanceof ExecError && e.code === 'OVERFLOW')
  })

  it('picks a bigger plain modulus when the values need it, and stays exact', async () => {
    const t = tableOf({ a: 'int' }, { a: [40_000, -30_000, 7] })
    const program = compileProgram({ outputs: { s: 'sum(a*a)', r: 'a*a' } }, t.types)
    const chosen = planHe({ program, ranges: [{ lo: -30_000, hi: 40_000 }], maxSubtaskRows: 3 })
    assert.ok(chosen.magnitudeBits >= Math.log2(1.6e9), chosen.name)
    const renter = await HeRenter.create(chosen, runner)
    const result = await evaluateSubtask((await renter.encryptSubtask(program, t)).subarray(), runner)
    const partials = await renter.decryptResult(program, result)
    assert.deepEqual(partials.values[0], { kind: 'sum', value: 40_000n ** 2n + 30_000n ** 2n + 49n })
  })

  it('the lessor refuses a program deeper than the parameters evaluate', async () => {
    const t = tableOf({ a: 'int' }, { a: [1, 2, 3] })
    const shallow = compileProgram({ outputs: { s: 'sum(a)' } }, t.types)
    const deep = compileProgram({ outputs: { s: 'sum(a*a*a)' } }, t.types)
    const renter = await HeRenter.create(set('bfv-8192-t40'), runner)
    const input = EncryptedInput.decode((await renter.encryptSubtask(shallow, t)).subarray())
    const forged = EncryptedInput.encode({ ...input, program: encodeProgram(deep) as Uint8Array<ArrayBuffer>, relinKeys: renter.keys.relinKeys as Uint8Array<ArrayBuffer> })
    await assert.rejects(evaluateSubtask(forged, runner), (e: unknown) => e instanceof ExecError && e.code === 'DEPTH')
  })

  it('BFV sets keep ≥ 30 bits of noise budget at their stated depth, constants as large as t/2 included', async () => {
    const seal = await loadSeal()
    for (const name of ['bfv-8192-t20', 'bfv-8192-t40']) {
      const he = heContext(seal, heParameters(seal, set(name)))
      const keys = generateHeKeys(he)
      const sk = loadSecretKey(he, keys.secretKey)
      const rk = loadRelinKeys(he, keys.relinKeys)
      const kg = new seal.KeyGenerator(he.context, sk)
      const enc = new seal.Encryptor(he.context, kg.createPublicKey(), sk)
      const dec = new seal.Decryptor(he.context, sk)
      const t = he.params.plainModulus
      const pt = new seal.Plaintext()
      he.batchEncoder?.encode(new BigInt64Array(he.slots).fill(t / 2n - 1n), pt)
      const x = new seal.Ciphertext()
      enc.encrypt(pt, x)
      let c = x.copy()
      for (let d = 0; d < he.set.maxDepth; d++) {
        const m = new seal.Ciphertext()
        he.evaluator.multiply(c, x, m)
        he.evaluator.relinearizeInplace(m, rk)
        he.evaluator.multiplyPlainInplace(m, pt)
        c = m
      }
      const budget = dec.invariantNoiseBudget(c)
      assert.ok(budget >= 30, `${name}: ${budget} bits left at depth ${he.set.maxDepth}`)
    }
  })
})
