import { loadCiphertext, loadSecretKey } from '../../keys/index.js'
import { ExecError, runPlain } from '../exec/index.js'
import { Column, PartialSpec, Program } from '../program/index.js'
import { chunkCount, decodeSlots } from './encode.js'
import type { HeContext } from '../../keys/index.js'
import type { PartialValue, SubtaskPartials } from '../exec/index.js'
import type { Table } from '../data/index.js'

/** Most ciphertexts a SUM partial may hold (one per lessor worker thread in practice). */
export const MAX_SUM_CIPHERTEXTS = 1024

/** A decoded HE result: per partial, its ciphertexts (see EncryptedResult in pb/he-task.proto). */
export interface ResultCiphertexts {
  rows: number
  padRows: number
  partials: Uint8Array[][]
}

/** Each partial's value on an all-zero row: what a padding row adds to a sum. */
function zeroRow (program: Program): PartialValue[] {
  const columns: Record<string, Float64Array> = {}
  const types: Table['types'] = {}
  for (const c of program.columns) { columns[c.name] = new Float64Array(1); types[c.name] = c.type === Column.Type.INT ? 'int' : 'float' }
  const sums = { ...program, partials: program.partials.map(p => ({ ...p, kind: PartialSpec.Kind.SUM })) }
  return runPlain(sums, { rowCount: 1, types, columns }).values
}

/**
 * The renter's side: decrypt a subtask's result, add up the slots of each sum and subtract what the
 * padding rows contributed, and cut per-row values to the subtask's rows. Ciphertexts from the
 * lessor go through the checks of keys/he first.
 */
export function decryptResult (he: HeContext, secretKey: Uint8Array, program: Program, result: ResultCiphertexts): SubtaskPartials {
  const chunks = chunkCount(he, result.rows)
  if (result.partials.length !== program.partials.length) {
    throw new ExecError('SHAPE', `result has ${result.partials.length} partials, the program ${program.partials.length}`)
  }
  if (result.padRows > chunks * he.slots - result.rows) throw new ExecError('SHAPE', `result claims ${result.padRows} padding rows for ${result.rows} rows`)
  const exact = program.numeric === Program.Numeric.INT
  const zero = result.padRows > 0 ? zeroRow(program) : []
  const sk = loadSecretKey(he, secretKey)
  const dec = new he.seal.Decryptor(he.context, sk)
  const pt = new he.seal.Plaintext()
  const open = (bytes: Uint8Array, what: string): Float64Array | BigInt64Array => {
    const ct = loadCiphertext(he, bytes, what)
    try {
      dec.decrypt(ct, pt)
      return decodeSlots(he, pt)
    } finally {
      ct.delete()
    }
  }
  try {
    const values = program.partials.map((p, k): PartialValue => {
      const cts = result.partials[k] as Uint8Array[]
      if (p.kind === PartialSpec.Kind.ROWS) {
        if (cts.length !== chunks) throw new ExecError('SHAPE', `partial ${k}: ${cts.length} ciphertexts for ${chunks} chunks`)
        const out = new Float64Array(result.rows)
        cts.forEach((bytes, j) => {
          const slots = open(bytes, `result partial ${k}, chunk ${j}`)
          const n = Math.min(he.slots, result.rows - j * he.slots)
          for (let i = 0; i < n; i++) out[j * he.slots + i] = Number(slots[i])
        })
        return { kind: 'rows', values: out }
      }
      if (cts.length === 0 || cts.length > MAX_SUM_CIPHERTEXTS) throw new ExecError('SHAPE', `partial ${k}: ${cts.length} ciphertexts for a sum`)
      const pad = zero[k]
      if (exact) {
        let total = 0n
        cts.forEach((bytes, j) => { for (const v of open(bytes, `result partial ${k}, part ${j}`) as BigInt64Array) total += v })
        if (pad?.kind === 'sum') total -= BigInt(result.padRows) * BigInt(pad.value)
        return { kind: 'sum', value: total }
      }
      let s = 0
      let c = 0
      cts.forEach((bytes, j) => {
        for (const x of open(bytes, `result partial ${k}, part ${j}`) as Float64Array) {
          const t = s + x
          c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s
          s = t
        }
      })
      if (pad?.kind === 'sum') s -= result.padRows * Number(pad.value)
      return { kind: 'sum', value: s + c }
    })
    return { rows: result.rows, values }
  } finally {
    pt.delete()
    dec.delete()
    sk.delete()
  }
}
