import { loadCiphertext, loadSecretKey, peekHeParameters } from '../../keys/index.js'
import { ExecError, runPlain } from '../exec/index.js'
import { Column, PartialSpec, Program } from '../program/index.js'
import { splitRows } from '../split/index.js'
import { decodeSlots } from './encode.js'
import { slotsOf } from './plan.js'
import type { HeContext } from '../../keys/index.js'
import type { PartialValue, SubtaskPartials } from '../exec/index.js'
import type { Table } from '../data/index.js'
import { ownBytes } from '../pool/index.js'
import type { TaskRunner } from '../pool/index.js'

/** Most ciphertexts a SUM partial may hold (one per lessor worker thread in practice). */
export const MAX_SUM_CIPHERTEXTS = 1024

/** A decoded HE result: per partial, its ciphertexts (see EncryptedResult in pb/he-task.proto). */
export interface ResultCiphertexts {
  rows: number
  padRows: number
  partials: Uint8Array[][]
}

type Slots = Float64Array | BigInt64Array

/** Decrypt and decode ciphertexts (checked first) into their slots: the work a thread does. */
export function decryptSlots (he: HeContext, secretKey: Uint8Array, cts: ReadonlyArray<{ bytes: Uint8Array, what: string }>): Slots[] {
  const sk = loadSecretKey(he, secretKey)
  const dec = new he.seal.Decryptor(he.context, sk)
  const pt = new he.seal.Plaintext()
  try {
    return cts.map(({ bytes, what }) => {
      const ct = loadCiphertext(he, bytes, what)
      try {
        dec.decrypt(ct, pt)
        return decodeSlots(he, pt)
      } finally {
        ct.delete()
      }
    })
  } finally {
    pt.delete()
    dec.delete()
    sk.delete()
  }
}

/** Each partial's value on an all-zero row: what a padding row adds to a sum. */
function zeroRow (program: Program): PartialValue[] {
  const columns: Record<string, Float64Array> = {}
  const types: Table['types'] = {}
  for (const c of program.columns) { columns[c.name] = new Float64Array(1); types[c.name] = c.type === Column.Type.INT ? 'int' : 'float' }
  const sums = { ...program, partials: program.partials.map(p => ({ ...p, kind: PartialSpec.Kind.SUM })) }
  return runPlain(sums, { rowCount: 1, types, columns }).values
}

/** Check a result's shape against the program before decrypting anything. */
function checkShape (program: Program, result: ResultCiphertexts, slots: number): number {
  const chunks = Math.max(1, Math.ceil(result.rows / slots))
  if (result.partials.length !== program.partials.length) {
    throw new ExecError('SHAPE', `result has ${result.partials.length} partials, the program ${program.partials.length}`)
  }
  if (result.padRows > chunks * slots - result.rows) throw new ExecError('SHAPE', `result claims ${result.padRows} padding rows for ${result.rows} rows`)
  program.partials.forEach((p, k) => {
    const n = (result.partials[k] as Uint8Array[]).length
    if (p.kind === PartialSpec.Kind.ROWS && n !== chunks) throw new ExecError('SHAPE', `partial ${k}: ${n} ciphertexts for ${chunks} chunks`)
    if (p.kind === PartialSpec.Kind.SUM && (n === 0 || n > MAX_SUM_CIPHERTEXTS)) throw new ExecError('SHAPE', `partial ${k}: ${n} ciphertexts for a sum`)
  })
  return chunks
}

/**
 * The renter's side: decrypt a subtask's result on the runner's threads, add up the slots of each
 * sum and subtract what the padding rows contributed, and cut per-row values to the subtask's rows.
 * Ciphertexts from the lessor go through the checks of keys/he first.
 */
export async function decryptResult (runner: TaskRunner, params: Uint8Array, secretKey: Uint8Array, program: Program, result: ResultCiphertexts): Promise<SubtaskPartials> {
  const slots = slotsOf(peekHeParameters(params).set)
  checkShape(program, result, slots)
  const all = result.partials.flatMap((cts, k) => cts.map((bytes, j) => ({ bytes: ownBytes(bytes), what: `result partial ${k}, ciphertext ${j}` })))
  const shares = splitRows(all.length, new Array(Math.min(runner.size, all.length)).fill(1)).filter(r => r.end > r.start)
  const opened = (await Promise.all(shares.map(async r => runner.run<Slots[]>('decryptSlots', { params, secretKey, cts: all.slice(r.start, r.end) })))).flat()
  const exact = program.numeric === Program.Numeric.INT
  const zero = result.padRows > 0 ? zeroRow(program) : []
  let at = 0
  const values = program.partials.map((p, k): PartialValue => {
    const decrypted = opened.slice(at, at + (result.partials[k] as Uint8Array[]).length)
    at += decrypted.length
    if (p.kind === PartialSpec.Kind.ROWS) {
      const out = new Float64Array(result.rows)
      decrypted.forEach((s, j) => {
        const n = Math.min(slots, result.rows - j * slots)
        for (let i = 0; i < n; i++) out[j * slots + i] = Number(s[i])
      })
      return { kind: 'rows', values: out }
    }
    const pad = zero[k]
    if (exact) {
      let total = 0n
      for (const s of decrypted) for (const v of s as BigInt64Array) total += v
      if (pad?.kind === 'sum') total -= BigInt(result.padRows) * BigInt(pad.value)
      return { kind: 'sum', value: total }
    }
    let s = 0
    let c = 0
    for (const slotsOfCt of decrypted) {
      for (const x of slotsOfCt as Float64Array) {
        const t = s + x
        c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s
        s = t
      }
    }
    if (pad?.kind === 'sum') s -= result.padRows * Number(pad.value)
    return { kind: 'sum', value: s + c }
  })
  return { rows: result.rows, values }
}
