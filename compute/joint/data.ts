/**
 * The data of a joint task's owners: a CSV with an id column and numeric feature (and label)
 * columns. Rows are aligned across owners by id: each side sorts its rows by id (as strings, by
 * UTF-16 code units), and both sides must hold the same ids, which they check by comparing a digest
 * of the sorted id list (`idDigest`) before anything else is exchanged.
 */
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { JointError } from './errors.js'
import { eachCsvRecord } from '../data/csv.js'
import { Growable } from '../data/growable.js'

/** One owner's rows, sorted by id. */
export interface JointData {
  path: string
  /** sorted, unique */
  ids: string[]
  /** the requested columns, in the order requested, rows sorted by id */
  names: string[]
  columns: Float64Array[]
  rows: number
}

/** Most rows a joint task takes (the wire format counts rows in 32 bits). */
export const MAX_JOINT_ROWS = 50_000_000

/**
 * Read `path`: the `id` column as strings, `names` as numbers. Errors are one line that names the
 * file and, for a value, its line: a missing column, a row with another number of fields than the
 * header (csv-parse), a value that is not a number, an empty or repeated id.
 */
export async function readJointCsv (path: string, id: string, names: readonly string[]): Promise<JointData> {
  try {
    await stat(path)
  } catch (e: any) {
    throw new JointError('DATA', `${path}: cannot read the data file (${e.code ?? e.message})`)
  }
  const ids: string[] = []
  const lines: number[] = []
  const cols = names.map(() => new Growable())
  let index: number[] | undefined
  let idAt = -1
  try {
    await eachCsvRecord(path, (record, line) => {
      if (index === undefined) {
        idAt = record.indexOf(id)
        index = names.map(n => record.indexOf(n))
        const missing = [id, ...names].filter((n, i) => (i === 0 ? idAt : index?.[i - 1]) === -1)
        if (missing.length > 0) throw new JointError('DATA', `${path}: header has no column ${missing.map(m => `"${m}"`).join(', ')} (it has ${record.map(r => `"${r}"`).join(', ')})`)
        return
      }
      const key = record[idAt] ?? ''
      if (key === '') throw new JointError('DATA', `${path}:${line}: empty id in column "${id}"`)
      ids.push(key)
      lines.push(line)
      for (let c = 0; c < names.length; c++) {
        const text = record[index[c] as number] ?? ''
        const v = Number(text)
        if (text === '' || !Number.isFinite(v)) throw new JointError('DATA', `${path}:${line}: column "${names[c] as string}": ${JSON.stringify(text.slice(0, 40))} is not a number`)
        ;(cols[c] as Growable).push(v)
      }
      if (ids.length > MAX_JOINT_ROWS) throw new JointError('DATA', `${path}: more than ${MAX_JOINT_ROWS} rows`)
    })
  } catch (e: any) {
    if (e instanceof JointError) throw e
    // csv-parse's own errors: a row with more or fewer fields than the header, bad quoting
    throw new JointError('DATA', `${path}: ${String(e.message).replace(/\n.*/s, '')}`)
  }
  if (ids.length === 0) throw new JointError('DATA', `${path}: no data rows`)
  const order = ids.map((_, i) => i).sort((a, b) => compareIds(ids[a] as string, ids[b] as string))
  const sorted = order.map(i => ids[i] as string)
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new JointError('DATA', `${path}: id ${JSON.stringify(sorted[i])} appears twice (lines ${lines[order[i - 1] as number] ?? '?'} and ${lines[order[i] as number] ?? '?'}); ids must be unique`)
    }
  }
  const columns = cols.map(g => {
    const out = new Float64Array(order.length)
    for (let i = 0; i < order.length; i++) out[i] = g.values[order[i] as number] as number
    return out
  })
  return { path, ids: sorted, names: [...names], columns, rows: sorted.length }
}

/** The order rows are aligned in: ids compared as strings. */
export function compareIds (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * SHA-256 of the sorted id list, bound to a training: equal digests mean the same ids in the same
 * order. (Anyone who can guess the whole id set can confirm the guess; nothing else is revealed.)
 */
export function idDigest (ids: readonly string[], trainingId: string): Uint8Array {
  const h = createHash('sha256').update('shulian/joint/ids/v1\0').update(trainingId).update('\0')
  const len = Buffer.alloc(4)
  for (const id of ids) {
    const b = Buffer.from(id, 'utf8')
    len.writeUInt32BE(b.length)
    h.update(len).update(b)
  }
  return new Uint8Array(h.digest())
}

