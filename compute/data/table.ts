import type { Interval } from '../program/index.js'
import type { ColumnType } from '../program/index.js'

/**
 * A table in memory: one Float64Array per column (integers are exact in float64 up to 2^53, and
 * `int` columns are checked to be integers when read).
 */
export interface Table {
  rowCount: number
  types: Record<string, ColumnType>
  columns: Record<string, Float64Array>
}

/** The rows [start, end) of a table, sharing its memory. */
export function sliceTable (table: Table, start: number, end: number): Table {
  const columns: Record<string, Float64Array> = {}
  for (const [name, values] of Object.entries(table.columns)) columns[name] = values.subarray(start, end)
  return { rowCount: end - start, types: table.types, columns }
}

/** The smallest and largest value of a column. */
export function columnRange (values: Float64Array): Interval {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return values.length === 0 ? { lo: 0, hi: 0 } : { lo, hi }
}

/** Build a table from plain arrays (tests, generated data). */
export function tableOf (types: Record<string, ColumnType>, columns: Record<string, ArrayLike<number>>): Table {
  const out: Record<string, Float64Array> = {}
  let rowCount = -1
  for (const name of Object.keys(types)) {
    const v = Float64Array.from(columns[name] ?? [])
    if (rowCount !== -1 && v.length !== rowCount) throw new Error(`column ${name} has ${v.length} rows, others ${rowCount}`)
    rowCount = v.length
    out[name] = v
  }
  return { rowCount: Math.max(rowCount, 0), types, columns: out }
}
