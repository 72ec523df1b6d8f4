import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { parse } from 'csv-parse'
import { DataError } from './errors.js'
import type { ColumnType } from '../program/index.js'
import type { Table } from './table.js'
import { Growable } from './growable.js'


const INT = /^[+-]?\d+$/

/**
 * Read a CSV file with a header row into typed columns. Only the named columns are kept (others
 * are ignored); each value must be a number, and an integer for `int` columns. Errors name the
 * file, line and column.
 */
export async function readCsvTable (path: string, types: Record<string, ColumnType>): Promise<Table> {
  try {
    await stat(path)
  } catch (e: any) {
    throw new DataError('NOT_FOUND', `${path}: cannot read the data file (${e.code ?? e.message})`)
  }
  const names = Object.keys(types)
  const cols = names.map(() => new Growable())
  const parser = createReadStream(path).pipe(parse({ trim: true, skip_empty_lines: true, info: true }))
  let index: number[] | undefined
  try {
    index = await fill(path, parser as AsyncIterable<{ record: string[], info: { lines: number } }>, names, types, cols)
  } catch (e: any) {
    if (e instanceof DataError) throw e
    // csv-parse's own errors (ragged rows, bad quoting) carry a CSV_* code and a line
    throw new DataError('VALUE', `${path}: ${String(e.message).replace(/\n.*/s, '')}`)
  }
  const rowCount = cols[0]?.length ?? 0
  if (index === undefined || rowCount === 0) throw new DataError('EMPTY', `${path}: no data rows`)
  const columns: Record<string, Float64Array> = {}
  names.forEach((n, i) => { columns[n] = (cols[i] as Growable).values.subarray(0, rowCount) })
  return { rowCount, types, columns }
}

async function fill (path: string, parser: AsyncIterable<{ record: string[], info: { lines: number } }>, names: string[], types: Record<string, ColumnType>, cols: Growable[]): Promise<number[] | undefined> {
  let index: number[] | undefined
  for await (const { record, info } of parser) {
    if (index === undefined) {
      index = names.map(n => record.indexOf(n))
      const missing = names.filter((_, i) => index?.[i] === -1)
      if (missing.length > 0) {
        throw new DataError('HEADER', `${path}: header has no column ${missing.map(m => `"${m}"`).join(', ')} (it has ${record.map(r => `"${r}"`).join(', ')})`)
      }
      continue
    }
    for (let c = 0; c < names.length; c++) {
      const text = record[index[c] as number] ?? ''
      const name = names[c] as string
      const isInt = types[name] === 'int'
      const v = Number(text)
      if (text === '' || !Number.isFinite(v) || (isInt && (!INT.test(text) || !Number.isSafeInteger(v)))) {
        throw new DataError('VALUE', `${path}:${info.lines}: column "${name}": ${JSON.stringify(text)} is not ${isInt ? 'an integer' : 'a number'}`)
      }
      cols[c]?.push(v)
    }
  }
  return index
}
