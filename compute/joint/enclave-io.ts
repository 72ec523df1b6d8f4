/**
 * The renter's side of a lessor enclave's `joint-linreg` runs (compute/enclave/programs/joint.ts):
 * the inputs it AEAD-encrypts for the enclave, and the checks on what comes back.
 */
import { f64Bytes } from './share.js'
import { EnclaveBackward, EnclaveForward, EnclaveLoad, EnclaveOp, EnclaveReply } from './pb/joint.js'

export type EnclaveOpName = 'load' | 'forward' | 'backward'

const OPS: Record<EnclaveOpName, EnclaveOp.Op> = { load: EnclaveOp.Op.LOAD, forward: EnclaveOp.Op.FORWARD, backward: EnclaveOp.Op.BACKWARD }

/** The public parameters of a run. */
export function enclaveOpParams (op: EnclaveOpName, round: number): Uint8Array {
  return EnclaveOp.encode({ op: OPS[op], round })
}

export interface LoadRequest {
  trainingId: string
  start: number
  names: string[]
  /** the renter's means over all rows */
  means: ArrayLike<number>
  /** the lessor's rows of each feature */
  columns: readonly Float64Array[]
  heParams: Uint8Array
  publicKey: Uint8Array
  shareKey: Uint8Array
}

/** LOAD's input: the lessor's rows, column after column, with the keys its shares need. */
export function loadInput (r: LoadRequest): Uint8Array {
  const rows = r.columns[0]?.length ?? 0
  const values = new Float64Array(rows * r.columns.length)
  r.columns.forEach((c, j) => { values.set(c, j * rows) })
  const out = EnclaveLoad.encode({
    trainingId: r.trainingId,
    start: r.start,
    rows,
    names: r.names,
    means: Array.from(r.means),
    values: f64Bytes(values) as Uint8Array<ArrayBuffer>,
    heParams: r.heParams as Uint8Array<ArrayBuffer>,
    hePublicKey: r.publicKey as Uint8Array<ArrayBuffer>,
    shareKey: r.shareKey as Uint8Array<ArrayBuffer>
  })
  values.fill(0)
  return out
}

export function forwardInput (trainingId: string, round: number, weights: ArrayLike<number>): Uint8Array {
  return EnclaveForward.encode({ trainingId, round, weights: Array.from(weights) })
}

export function backwardInput (trainingId: string, round: number, residuals: Float64Array): Uint8Array {
  return EnclaveBackward.encode({ trainingId, round, residuals: f64Bytes(residuals) as Uint8Array<ArrayBuffer> })
}

/** An enclave's reply, checked against what was asked; throws with what differs. */
export function decodeEnclaveReply (bytes: Uint8Array, want: { trainingId: string, round: number, rows: number, sums: number }): EnclaveReply {
  let r: EnclaveReply
  try {
    r = EnclaveReply.decode(bytes)
  } catch {
    throw new Error('the enclave\'s reply does not decode')
  }
  if (r.trainingId !== want.trainingId || r.round !== want.round || r.rows !== want.rows || r.sums.length !== want.sums || r.sums.some(s => !Number.isFinite(s))) {
    throw new Error(`the enclave replied for training ${r.trainingId.slice(0, 64)} round ${r.round}, ${r.rows} rows, ${r.sums.length} sums (asked: round ${want.round}, ${want.rows} rows, ${want.sums} sums)`)
  }
  return r
}
