/**
 * `f64-stats`: count, per-column sum and per-column mean of a table of float64 rows.
 *
 * Input: little-endian float64 values, row-major, `columns` per row. Params: UTF-8 JSON
 * `{"columns": n}`. Output: little-endian float64 `[count, sum_0..sum_{n-1}, mean_0..mean_{n-1}]`.
 *
 * A small real program for the enclave seam, its tests and its benchmark; the job executor of
 * `compute/` plugs in beside it through the same `EnclaveProgram` interface.
 */
import { EnclaveProgramError } from '../programs.js'
import type { EnclaveProgram } from '../programs.js'

export const F64_STATS = 'f64-stats'
const MAX_COLUMNS = 4096

/** The result of `f64Stats`, decoded. */
export interface F64Stats { count: number, sums: number[], means: number[] }

/** Encode `{"columns": n}` params. */
export function f64StatsParams (columns: number): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ columns }))
}

function parseParams (params: Uint8Array): number {
  let columns: unknown
  try {
    columns = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(params))?.columns
  } catch {
    throw new EnclaveProgramError('f64-stats: params must be UTF-8 JSON {"columns": n}')
  }
  if (typeof columns !== 'number' || !Number.isInteger(columns) || columns < 1 || columns > MAX_COLUMNS) {
    throw new EnclaveProgramError(`f64-stats: columns must be an integer in [1, ${MAX_COLUMNS}]`)
  }
  return columns
}

/** Compute the statistics of `input` rows of `columns` float64 values. */
export function f64Stats (input: Uint8Array, columns: number): Uint8Array {
  const rowBytes = columns * 8
  if (input.byteLength % rowBytes !== 0) {
    throw new EnclaveProgramError(`f64-stats: input of ${input.byteLength} bytes is not a whole number of ${columns}-column float64 rows`)
  }
  const rows = input.byteLength / rowBytes
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength)
  const sums = new Float64Array(columns)
  let at = 0
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++, at += 8) sums[c] = (sums[c] as number) + view.getFloat64(at, true)
  }
  const out = new Float64Array(1 + 2 * columns)
  out[0] = rows
  out.set(sums, 1)
  for (let c = 0; c < columns; c++) out[1 + columns + c] = rows === 0 ? 0 : (sums[c] as number) / rows
  return toLittleEndian(out)
}

/** Decode an `f64-stats` result. */
export function decodeF64Stats (result: Uint8Array): F64Stats {
  if (result.byteLength % 8 !== 0 || result.byteLength < 24 || (result.byteLength / 8 - 1) % 2 !== 0) {
    throw new EnclaveProgramError('f64-stats: malformed result')
  }
  const view = new DataView(result.buffer, result.byteOffset, result.byteLength)
  const values = Array.from({ length: result.byteLength / 8 }, (_, i) => view.getFloat64(i * 8, true))
  const columns = (values.length - 1) / 2
  return { count: values[0] as number, sums: values.slice(1, 1 + columns), means: values.slice(1 + columns) }
}

function toLittleEndian (values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length * 8)
  const view = new DataView(out.buffer)
  values.forEach((v, i) => { view.setFloat64(i * 8, v, true) })
  return out
}

/** The `f64-stats` enclave program. */
export const f64StatsProgram: EnclaveProgram = {
  kind: F64_STATS,
  run: async (input, params) => f64Stats(input, parseParams(params))
}
