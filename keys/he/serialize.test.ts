/**
 * Fuzz-ish: received keys and ciphertexts that are truncated, oversized, built for other
 * parameters, or corrupted are refused with an HeObjectError, never crash the process, and a good
 * object still loads afterwards.
 */
import assert from 'node:assert/strict'
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib'
import { before, describe, it } from 'node:test'
import { HeObjectError, HeParameters, decodeHeParameters, encodeHeParameters, generateHeKeys, heContext, heParamSet, heParameters, loadCiphertext, loadPublicKey, loadRelinKeys, loadSeal, saveHeObject } from '../index.js'
import type { HeContext, HeKeySet, Seal } from '../index.js'

let seal: Seal
let he: HeContext
let other: HeContext
let keys: HeKeySet
let ct: Uint8Array
let foreignCt: Uint8Array

function raw (bytes: Uint8Array): Uint8Array { return new Uint8Array(zstdDecompressSync(bytes)) }
function pack (bytes: Uint8Array): Uint8Array { return new Uint8Array(zstdCompressSync(bytes)) }

function refused (fn: () => unknown, code: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof HeObjectError, `not an HeObjectError: ${String(e)}`)
    if (typeof code === 'string') assert.equal(e.code, code, e.message)
    else assert.match(e.code, code)
    assert.ok(!e.message.includes('\n'))
    return true
  })
}

before(async () => {
  seal = await loadSeal()
  he = heContext(seal, heParameters(seal, heParamSet('ckks-8192-d1') as NonNullable<ReturnType<typeof heParamSet>>))
  other = heContext(seal, heParameters(seal, heParamSet('ckks-8192-d2') as NonNullable<ReturnType<typeof heParamSet>>))
  keys = generateHeKeys(he)
  const encrypt = (ctx: HeContext, k: HeKeySet): Uint8Array => {
    const kg = new seal.KeyGenerator(ctx.context)
    const enc = new seal.Encryptor(ctx.context, kg.createPublicKey(), kg.secretKey())
    const pt = new seal.Plaintext()
    ctx.ckksEncoder?.encode(new Float64Array(ctx.slots).fill(2.5), 2 ** 40, pt)
    void k
    return saveHeObject(ctx, enc.encryptSymmetricSerializable(pt))
  }
  ct = encrypt(he, keys)
  foreignCt = encrypt(other, generateHeKeys(other))
})

describe('loading received HE objects', () => {
  it('loads good objects', () => {
    loadCiphertext(he, ct).delete()
    loadPublicKey(he, keys.publicKey).delete()
    loadRelinKeys(he, keys.relinKeys).delete()
  })

  it('refuses truncated objects, at every cut', () => {
    const r = raw(ct)
    for (const cut of [0, 1, 15, 16, 17, 48, 89, 120, r.length / 2, r.length - 81, r.length - 1]) {
      refused(() => loadCiphertext(he, pack(r.subarray(0, Math.floor(cut)))), /TRUNCATED|MALFORMED/)
    }
    refused(() => loadCiphertext(he, ct.subarray(0, ct.length - 10)), 'MALFORMED') // a cut zstd frame
    refused(() => loadRelinKeys(he, pack(raw(keys.relinKeys).subarray(0, 5000))), /TRUNCATED|MALFORMED/)
  })

  it('refuses oversized objects before inflating them', () => {
    refused(() => loadCiphertext(he, new Uint8Array(10 * 2 ** 20)), 'OVERSIZED')
    const r = raw(ct)
    const grown = new Uint8Array(r.length + 64)
    grown.set(r)
    refused(() => loadCiphertext(he, pack(grown)), 'OVERSIZED')
    // a zstd bomb: small on the wire, huge inflated
    refused(() => loadCiphertext(he, pack(new Uint8Array(64 * 2 ** 20))), 'OVERSIZED')
    refused(() => loadPublicKey(he, keys.relinKeys), 'OVERSIZED')
  })

  it('refuses objects built for other parameters', () => {
    refused(() => loadCiphertext(he, foreignCt), 'PARAMS_MISMATCH')
    refused(() => loadCiphertext(other, ct), 'PARAMS_MISMATCH')
    refused(() => loadRelinKeys(other, keys.relinKeys), /PARAMS_MISMATCH|OVERSIZED/)
    refused(() => loadCiphertext(he, keys.publicKey), /PARAMS_MISMATCH|OVERSIZED/) // a key-level object is no ciphertext
  })

  it('refuses corrupted headers, counts and coefficients', () => {
    const r = raw(ct)
    const edit = (at: number, f: (v: DataView) => void): Uint8Array => {
      const c = r.slice()
      f(new DataView(c.buffer, c.byteOffset + at))
      return pack(c)
    }
    refused(() => loadCiphertext(he, edit(0, v => v.setUint16(0, 0xbeef, true))), 'MALFORMED') // magic
    refused(() => loadCiphertext(he, edit(0, v => v.setUint8(5, 2))), 'MALFORMED') // SEAL-compressed inside
    refused(() => loadCiphertext(he, edit(0, v => v.setBigUint64(8, 1n << 40n, true))), 'TRUNCATED') // size
    refused(() => loadCiphertext(he, edit(16 + 33, v => v.setBigUint64(0, 3n, true))), /MALFORMED|OVERSIZED/) // 3 polys
    refused(() => loadCiphertext(he, edit(16 + 33 + 16, v => v.setBigUint64(0, 99n, true))), 'PARAMS_MISMATCH') // primes
    refused(() => loadCiphertext(he, edit(16 + 33 + 24, v => v.setFloat64(0, Number.NaN, true))), 'MALFORMED') // scale
    refused(() => loadCiphertext(he, edit(16 + 73 + 16, v => v.setBigUint64(0, 1n << 50n, true))), 'OVERSIZED') // count
    refused(() => loadCiphertext(he, edit(16 + 73 + 24, v => v.setBigUint64(0, 0xffffffffffffffffn, true))), 'MALFORMED') // unreduced
  })

  it('survives random corruption without crashing, then still works', () => {
    const r = raw(ct)
    let state = 12345
    const next = (): number => { state = (state * 1103515245 + 12345) & 0x7fffffff; return state }
    for (let i = 0; i < 200; i++) {
      const c = r.slice()
      for (let k = 0; k < 1 + next() % 4; k++) { const at = next() % 256; c[at] = (c[at] as number) ^ (1 << (next() % 8)) }
      try { loadCiphertext(he, pack(c)).delete() } catch (e) { assert.ok(e instanceof HeObjectError, String(e)) }
    }
    loadCiphertext(he, ct).delete()
  })
})

describe('HE parameters', () => {
  it('accepts every allowed set and SEAL agrees it is 128-bit secure', () => {
    for (const name of ['ckks-8192-d1', 'ckks-16384-d3', 'bfv-8192-t20', 'bfv-16384-t60']) {
      const set = heParamSet(name) as NonNullable<ReturnType<typeof heParamSet>>
      const { set: back } = decodeHeParameters(seal, encodeHeParameters(heParameters(seal, set)))
      assert.equal(back.name, name)
      assert.ok(heContext(seal, heParameters(seal, set)).context.parametersSet())
    }
  })

  it('refuses sets that are not allowed, or that differ from the set they name', () => {
    const p = heParameters(seal, heParamSet('ckks-8192-d1') as NonNullable<ReturnType<typeof heParamSet>>)
    refused(() => decodeHeParameters(seal, encodeHeParameters({ ...p, set: 'ckks-4096-weak' })), 'PARAMS_NOT_ALLOWED')
    refused(() => decodeHeParameters(seal, encodeHeParameters({ ...p, coeffModulus: p.coeffModulus.map((q, i) => i === 0 ? q + 2n : q) })), 'PARAMS_NOT_ALLOWED')
    refused(() => decodeHeParameters(seal, encodeHeParameters({ ...p, polyModulusDegree: 4096 })), 'PARAMS_NOT_ALLOWED')
    refused(() => decodeHeParameters(seal, encodeHeParameters({ ...p, scheme: HeParameters.Scheme.BFV })), 'PARAMS_NOT_ALLOWED')
    refused(() => decodeHeParameters(seal, new Uint8Array(4096)), 'OVERSIZED')
    refused(() => decodeHeParameters(seal, new Uint8Array([0x0a, 0xff])), 'MALFORMED')
  })
})
