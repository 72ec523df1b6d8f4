/**
 * `readCsvTable` off this thread, and in parallel: a large file is cut into byte ranges at line
 * breaks, one per core, each parsed on a worker thread of its own (with a young generation sized
 * for parsing), and the columns joined in order. Any failure of the parallel read (a bad value, or
 * a cut that fell inside a quoted field) reads the file again in one piece, whose error names the
 * exact line.
 */
import { open } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { parse } from 'csv-parse/sync'
import { WorkerPool } from '../pool/index.js'
import { DataError } from './errors.js'
import { DATA_TASKS } from './tasks.js'
import type { CsvRange } from './csv.js'
import type { ReadCsvPayload } from './tasks.js'
import type { Table } from './table.js'
import type { ColumnType } from '../program/index.js'

/** Young generation of a parsing thread, MiB: a million-row parse runs ~1.3× faster than in 8. */
const PARSE_YOUNG_GENERATION_MB = 48
/** Least bytes per parsing thread: a smaller range costs more in thread start than it saves. */
const PARALLEL_FROM_BYTES = 4 * 1024 * 1024
/** At most this many parsing threads, whatever the cores (each is an isolate of its own). */
const MAX_THREADS = 8
/** How far past a cut point the next line break is looked for. */
const LINE_SEARCH_BYTES = 64 * 1024

export interface ReadCsvOptions {
  /** parsing threads; default: this machine's cores */
  threads?: number
  /** least bytes per parsing thread (default 4 MiB): smaller files are read in one piece */
  parallelFromBytes?: number
}

/** Read a CSV file like `readCsvTable`, off this thread; the same table and the same errors (`DataError`). */
export async function readCsvTableOffThread (path: string, types: Record<string, ColumnType>, options: ReadCsvOptions = {}): Promise<Table> {
  const ranges = await cutCsv(path, options.threads ?? availableParallelism(), options.parallelFromBytes ?? PARALLEL_FROM_BYTES).catch(() => undefined)
  const pool = new WorkerPool({ tasks: DATA_TASKS, size: ranges?.length ?? 1, resourceLimits: { maxYoungGenerationSizeMb: PARSE_YOUNG_GENERATION_MB } })
  const read = async (range?: CsvRange): Promise<Table> => pool.run<Table>('readCsv', { path, types, ...(range !== undefined ? { range } : {}) } satisfies ReadCsvPayload)
  try {
    if (ranges !== undefined) {
      const parts = await Promise.all(ranges.map(read)).catch(() => undefined)
      if (parts !== undefined && parts.some(p => p.rowCount > 0)) return joinTables(parts, types)
    }
    return await read()
  } catch (e: any) {
    if (e?.name === 'DataError') throw new DataError(e.code, e.message)
    throw e
  } finally {
    await pool.close()
  }
}

/**
 * Byte ranges of the data rows of `path`, cut at line breaks, `threads` of them; undefined when the
 * file is small, or its lines too long to cut.
 */
async function cutCsv (path: string, threads: number, minBytes: number): Promise<CsvRange[] | undefined> {
  const fh = await open(path, 'r')
  try {
    const size = (await fh.stat()).size
    // a range of at least minBytes each, so that a thread pays for its start
    threads = Math.min(threads, MAX_THREADS, minBytes > 0 ? Math.floor(size / minBytes) : threads)
    if (threads < 2) return undefined
    const buf = Buffer.alloc(LINE_SEARCH_BYTES)
    const lineEnd = async (from: number): Promise<number | undefined> => {
      const { bytesRead } = await fh.read(buf, 0, LINE_SEARCH_BYTES, from)
      const nl = buf.subarray(0, bytesRead).indexOf(0x0a)
      return nl === -1 ? undefined : from + nl + 1
    }
    const dataStart = await lineEnd(0)
    if (dataStart === undefined) return undefined
    const { bytesRead } = await fh.read(buf, 0, dataStart, 0)
    const header = (parse(buf.subarray(0, bytesRead), { trim: true }) as string[][])[0]
    if (header === undefined) return undefined
    const cuts = [dataStart]
    for (let k = 1; k < threads; k++) {
      const at = await lineEnd(dataStart + Math.floor((size - dataStart) * k / threads))
      if (at === undefined) return undefined
      cuts.push(Math.max(at, cuts[cuts.length - 1] as number))
    }
    cuts.push(size)
    return cuts.slice(0, -1).map((start, k) => ({ start, end: cuts[k + 1] as number, header }))
  } finally {
    await fh.close()
  }
}

/** The parts' columns one after the other. */
function joinTables (parts: Table[], types: Record<string, ColumnType>): Table {
  const rowCount = parts.reduce((n, p) => n + p.rowCount, 0)
  const columns: Record<string, Float64Array> = {}
  for (const name of Object.keys(types)) {
    const col = new Float64Array(rowCount)
    let at = 0
    for (const p of parts) {
      col.set(p.columns[name] as Float64Array, at)
      at += p.rowCount
    }
    columns[name] = col
  }
  return { rowCount, types, columns }
}
