/** A contiguous range of rows given to one subtask; `index` is its place in the split. */
export interface RowRange {
  index: number
  start: number
  end: number
}

export interface SplitOptions {
  /**
   * Give subtasks whole multiples of this many rows (the HE slot count), except the last range,
   * so that no subtask but one pads a ciphertext. Default 1.
   */
  align?: number
}

/**
 * Split `rowCount` rows into one contiguous range per weight, in order (so per-row results
 * reassemble by concatenation), with sizes proportional to the weights (largest-remainder
 * apportionment of `align`-row blocks: each share is within one block of exact). A zero weight
 * gets no rows. Weights are leased capacities: cores, or cores × speed.
 */
export function splitRows (rowCount: number, weights: readonly number[], options: SplitOptions = {}): RowRange[] {
  if (!Number.isSafeInteger(rowCount) || rowCount < 0) throw new RangeError(`row count must be a non-negative integer, got ${rowCount}`)
  if (weights.length === 0) throw new RangeError('at least one weight is needed')
  if (weights.some(w => !Number.isFinite(w) || w < 0)) throw new RangeError(`weights must be finite and non-negative, got ${weights.join(', ')}`)
  const total = weights.reduce((a, b) => a + b, 0)
  if (total <= 0) throw new RangeError('at least one weight must be positive')
  const align = Math.max(1, Math.floor(options.align ?? 1))
  const blocks = Math.ceil(rowCount / align)
  const exact = weights.map(w => blocks * w / total)
  const share = exact.map(Math.floor)
  let left = blocks - share.reduce((a, b) => a + b, 0)
  const order = exact.map((e, i) => ({ i, rem: e - Math.floor(e) })).sort((x, y) => y.rem - x.rem || x.i - y.i)
  for (const { i } of order) {
    if (left === 0) break
    if ((weights[i] as number) > 0) { share[i] = (share[i] as number) + 1; left-- }
  }
  const ranges: RowRange[] = []
  let at = 0
  share.forEach((s, index) => {
    const start = Math.min(at * align, rowCount)
    at += s
    ranges.push({ index, start, end: Math.min(at * align, rowCount) })
  })
  return ranges
}
