import { loadPublicKey, saveHeObject } from '../../keys/index.js'
import { runPlain } from '../exec/index.js'
import { PartialSpec, Program } from '../program/index.js'
import { chunkCount, encodeChunk } from './encode.js'
import type { HeContext } from '../../keys/index.js'
import type { Table } from '../data/index.js'
import type { ResultCiphertexts } from './decrypt.js'

/**
 * Compute a subtask in the clear and HE-encrypt its result under someone's public key, in the
 * same shape a lessor's HE evaluation returns: what a TEE enclave does in tee+he, so the renter
 * decrypts both the same way. Sums are folded into slots (row i into slot i mod slots) exactly as
 * slot-wise evaluation adds them, so they obey the same bounds as `planHe` checked.
 */
export function encryptPlainResult (he: HeContext, publicKey: Uint8Array, program: Program, table: Table): ResultCiphertexts {
  const perRow = { ...program, partials: program.partials.map(p => ({ ...p, kind: PartialSpec.Kind.ROWS })) }
  const plain = runPlain(perRow, table)
  const pk = loadPublicKey(he, publicKey)
  const enc = new he.seal.Encryptor(he.context, pk)
  const pt = new he.seal.Plaintext()
  const seal = (): Uint8Array => {
    const ct = enc.encryptSerializable(pt)
    try { return saveHeObject(he, ct) } finally { ct.delete() }
  }
  try {
    const partials = program.partials.map((p, k) => {
      const v = plain.values[k]
      const values = v?.kind === 'rows' ? v.values : new Float64Array(0)
      if (p.kind === PartialSpec.Kind.ROWS) {
        const out: Uint8Array[] = []
        for (let j = 0; j < chunkCount(he, table.rowCount); j++) {
          encodeChunk(he, values.subarray(j * he.slots, (j + 1) * he.slots), pt)
          out.push(seal())
        }
        return out
      }
      if (program.numeric === Program.Numeric.INT) {
        const slots = new BigInt64Array(he.slots)
        for (let i = 0; i < values.length; i++) slots[i % he.slots] = (slots[i % he.slots] as bigint) + BigInt(values[i] as number)
        he.batchEncoder?.encode(slots, pt)
      } else {
        const slots = new Float64Array(he.slots)
        for (let i = 0; i < values.length; i++) slots[i % he.slots] = (slots[i % he.slots] as number) + (values[i] as number)
        encodeChunk(he, slots, pt)
      }
      return [seal()]
    })
    return { rows: table.rowCount, padRows: 0, partials }
  } finally {
    pt.delete()
    enc.delete()
    pk.delete()
  }
}
