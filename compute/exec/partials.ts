/**
 * What one subtask yields once decrypted (or computed in the clear): one value per entry of
 * `program.partials`. Every executor produces this shape, so the renter combines local, TEE and
 * HE subtasks the same way.
 */
export type PartialValue =
  | { kind: 'rows', values: Float64Array }
  /** sums are exact bigints for integer programs, numbers for real ones */
  | { kind: 'sum', value: number | bigint }

export interface SubtaskPartials {
  /** rows of the subtask */
  rows: number
  values: PartialValue[]
}

/** A job's results: aggregates are numbers, per-row outputs arrays in row order. */
export type Outputs = Record<string, number | number[]>
