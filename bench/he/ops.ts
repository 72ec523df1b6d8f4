/** Per-operation timings of SEAL through node-seal, one thread, after a warm-up pass. */
import { HeContext, generateHeKeys, heContext, heParamSet, heParameters, loadRelinKeys, loadSecretKey, loadSeal, saveHeObject } from '../../keys/index.js'
import type { HeParamSet } from '../../keys/index.js'

export interface OpRow { set: string, slots: number, op: string, ms: number, note: string }

function time (fn: () => void, rounds: number): number {
  for (let i = 0; i < 3; i++) fn()
  const t = performance.now()
  for (let i = 0; i < rounds; i++) fn()
  return (performance.now() - t) / rounds
}

export async function measureOps (name: string, rounds: number): Promise<OpRow[]> {
  const seal = await loadSeal()
  const set = heParamSet(name) as HeParamSet
  const he = heContext(seal, heParameters(seal, set))
  const keys = generateHeKeys(he)
  const sk = loadSecretKey(he, keys.secretKey)
  const rk = loadRelinKeys(he, keys.relinKeys)
  const kg = new seal.KeyGenerator(he.context, sk)
  const enc = new seal.Encryptor(he.context, kg.createPublicKey(), sk)
  const dec = new seal.Decryptor(he.context, sk)
  const ev = he.evaluator
  const pt = new seal.Plaintext()
  const ckks = set.scheme === 'ckks'
  const encode = (): void => {
    if (ckks) he.ckksEncoder?.encode(new Float64Array(he.slots).map((_, i) => i * 0.25), 2 ** set.scaleBits, pt)
    else he.batchEncoder?.encode(new BigInt64Array(he.slots).map((_, i) => BigInt(i % 1000)), pt)
  }
  encode()
  const a = new seal.Ciphertext()
  const b = new seal.Ciphertext()
  enc.encryptSymmetric(pt, a)
  enc.encryptSymmetric(pt, b)
  const out = new seal.Ciphertext()
  const row = (op: string, ms: number, note = ''): OpRow => ({ set: name, slots: he.slots, op, ms, note })
  const rows: OpRow[] = []
  rows.push(row('encode+encrypt (secret key, seeded)', time(() => { encode(); enc.encryptSymmetricSerializable(pt).delete() }, rounds)))
  rows.push(row('encode+encrypt (public key)', time(() => { encode(); enc.encrypt(pt, out) }, rounds)))
  rows.push(row('add', time(() => ev.add(a, b, out), rounds)))
  rows.push(row('multiplyPlain', time(() => ev.multiplyPlain(a, pt, out), rounds)))
  rows.push(row('multiply+relinearize', time(() => { ev.multiply(a, b, out); ev.relinearizeInplace(out, rk) }, rounds)))
  const p2 = new seal.Plaintext()
  rows.push(row('decrypt+decode', time(() => {
    dec.decrypt(a, p2)
    if (ckks) he.ckksEncoder?.decodeFloat64(p2); else he.batchEncoder?.decodeBigInt64(p2)
  }, rounds)))
  const seeded = saveHeObject(he, enc.encryptSymmetricSerializable(pt))
  const full = saveHeObject(he, a)
  const rawFull = a.saveToArray(seal.ComprModeType.none) as Uint8Array
  const sealZlib = (a.saveToArray(seal.ComprModeType.zlib) as Uint8Array).byteLength
  rows.push(row('ciphertext bytes, seeded, zstd', 0, `${(seeded.byteLength / 1024).toFixed(0)} KiB`))
  rows.push(row('ciphertext bytes, full, zstd', 0, `${(full.byteLength / 1024).toFixed(0)} KiB (uncompressed ${(rawFull.byteLength / 1024).toFixed(0)}, SEAL zlib ${(sealZlib / 1024).toFixed(0)})`))
  rows.push(row('zstd (node) one full ciphertext', time(() => saveHeObject(he, a), rounds)))
  rows.push(row('zlib (SEAL) one full ciphertext', time(() => a.saveToArray(seal.ComprModeType.zlib), Math.max(3, rounds >> 2))))
  for (const o of [pt, p2, a, b, out, enc, dec, kg, sk, rk]) o.delete()
  return rows
}

/**
 * What a thread's first use of a parameter set costs: SEAL building its context (the modulus
 * chain's NTT tables and the rest) in WebAssembly, once per thread and set, timed once each.
 */
export async function measureContexts (names: readonly string[]): Promise<Array<{ set: string, ms: number }>> {
  const seal = await loadSeal()
  const rows: Array<{ set: string, ms: number }> = []
  for (const name of names) {
    const params = heParameters(seal, heParamSet(name) as HeParamSet)
    const t = performance.now()
    const he = new HeContext(seal, params)
    rows.push({ set: name, ms: performance.now() - t })
    he.delete()
  }
  return rows
}
