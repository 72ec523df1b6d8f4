/**
 * Partials on the wire: what a local or TEE subtask returns, checked against the program on decode
 * so that a lessor (or a broken enclave) cannot hand the renter a result of the wrong shape.
 */
import { ExecError } from './errors.js'
import { PartialValue as PartialValuePb, Partials as PartialsPb } from './pb/partials.js'
import type { SubtaskPartials } from './partials.js'
import { PartialSpec, Program } from '../program/index.js'

const INT_SUM = /^-?\d{1,400}$/

export function encodePartials (p: SubtaskPartials): Uint8Array {
  return PartialsPb.encode({
    rows: p.rows,
    values: p.values.map(v => v.kind === 'rows'
      ? { kind: PartialValuePb.Kind.ROWS, rows: new Uint8Array(v.values.buffer, v.values.byteOffset, v.values.byteLength) as Uint8Array<ArrayBuffer>, sum: 0, intSum: '' }
      : typeof v.value === 'bigint'
        ? { kind: PartialValuePb.Kind.SUM_INT, rows: new Uint8Array(0), sum: 0, intSum: v.value.toString() }
        : { kind: PartialValuePb.Kind.SUM_REAL, rows: new Uint8Array(0), sum: v.value, intSum: '' })
  })
}

/** Decode partials and check them against `program` and the subtask's row count. */
export function decodePartials (bytes: Uint8Array, program: Program, expectedRows: number): SubtaskPartials {
  let pb: PartialsPb
  try {
    pb = PartialsPb.decode(bytes, { limits: { values: program.partials.length } })
  } catch (e: any) {
    throw new ExecError('RESULT', `result does not decode: ${e.message}`)
  }
  if (pb.rows !== expectedRows) {
    throw new ExecError('RESULT', `result covers ${pb.rows} rows, the subtask has ${expectedRows}`)
  }
  if (pb.values.length !== program.partials.length) {
    throw new ExecError('RESULT', `result has ${pb.values.length} values, the program makes ${program.partials.length}`)
  }
  const integer = program.numeric === Program.Numeric.INT
  return {
    rows: pb.rows,
    values: pb.values.map((v, i) => {
      const wantRows = program.partials[i]?.kind === PartialSpec.Kind.ROWS
      if (wantRows) {
        if (v.kind !== PartialValuePb.Kind.ROWS || v.rows.byteLength !== expectedRows * 8) {
          throw new ExecError('RESULT', `result value ${i} should hold ${expectedRows} per-row values`)
        }
        const copy = new Float64Array(expectedRows)
        new Uint8Array(copy.buffer).set(v.rows)
        return { kind: 'rows' as const, values: copy }
      }
      if (integer) {
        if (v.kind !== PartialValuePb.Kind.SUM_INT || !INT_SUM.test(v.intSum)) {
          throw new ExecError('RESULT', `result value ${i} should be an exact integer sum`)
        }
        return { kind: 'sum' as const, value: BigInt(v.intSum) }
      }
      if (v.kind !== PartialValuePb.Kind.SUM_REAL || !Number.isFinite(v.sum)) {
        throw new ExecError('RESULT', `result value ${i} should be a finite real sum`)
      }
      return { kind: 'sum' as const, value: v.sum }
    })
  }
}
