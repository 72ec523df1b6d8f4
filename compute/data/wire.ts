/**
 * A subtask's table on the wire (inside the enclave's AEAD stream, or to a local worker): the
 * program's columns in the program's order, float64 little-endian, after a small header.
 *
 *   "SLT1" | u32 rows | u32 columns | u32 0 | columns × rows × f64
 *
 * The decoder takes the program, so names and types come from it, never from the sender; it checks
 * the sizes exactly, that every value is finite and that integer columns hold integers.
 *
 * On the wire to an enclave the encoding travels inside a zstd frame (`encodeTableCompressed`):
 * a job's numbers often halve, and through two hubs (or a WAN) bytes cost more than the
 * compression. `decodeTable` takes either, and inflates a frame to at most `MAX_TABLE_BYTES`.
 */
import { promisify } from 'node:util'
import { constants, zstdCompress, zstdDecompressSync } from 'node:zlib'
import { DataError } from './errors.js'
import type { Table } from './table.js'
import type { Program } from '../program/index.js'

const MAGIC = 0x534c5431 // "SLT1"
const HEADER = 16 // magic, rows, columns, reserved (0): keeps the float64 columns 8-byte aligned
const ZSTD_MAGIC = 0xfd2fb528 // a zstd frame's first four bytes, little-endian
/** Largest table a compressed encoding may inflate to (a bound against decompression bombs). */
export const MAX_TABLE_BYTES = 1024 * 1024 * 1024
const compress = promisify(zstdCompress)
/**
 * Output chunk of an async compression: at zlib's default (16 KiB) every 16 KiB of output is a
 * round trip to libuv's thread pool: the demo job's two 500,000-row tables (12 MB each) took
 * 127–234 ms that way, at once, against 68–115 ms in 4 MiB chunks (measured here, level 2).
 */
const COMPRESS_CHUNK = 4 * 1024 * 1024

/** Encode the columns `program` reads from `table`. */
export function encodeTable (program: Program, table: Table): Uint8Array {
  const n = table.rowCount
  const out = new Uint8Array(HEADER + program.columns.length * n * 8)
  const view = new DataView(out.buffer)
  view.setUint32(0, MAGIC)
  view.setUint32(4, n, true)
  view.setUint32(8, program.columns.length, true)
  program.columns.forEach((c, i) => {
    const col = table.columns[c.name]
    if (col === undefined || col.length !== n) throw new DataError('VALUE', `the table has no column "${c.name}" of ${n} rows`)
    new Float64Array(out.buffer, HEADER + i * n * 8, n).set(col)
  })
  return out
}

/**
 * `encodeTable` inside a zstd frame, compressed on libuv's thread pool rather than this thread.
 * Level 2: on the demo's 500,000-row tables (12 MB of float64) it gives 4.6 MB in 47 ms, where
 * level 3 gave 5.1 MB in 83 ms and level 1 6.9 MB in 48 ms (byte-planing the float64s first, as
 * Blosc does, gave 5.5 MB: numbers read from decimal text repeat in their mantissas, and zstd
 * finds that in the values as they are).
 */
export async function encodeTableCompressed (program: Program, table: Table): Promise<Uint8Array> {
  const z = await compress(encodeTable(program, table), { chunkSize: COMPRESS_CHUNK, params: { [constants.ZSTD_c_compressionLevel]: 2 } })
  return new Uint8Array(z.buffer, z.byteOffset, z.byteLength)
}

/** Decode a table encoded for `program`, plain or inside a zstd frame. */
export function decodeTable (bytes: Uint8Array, program: Program, maxBytes = MAX_TABLE_BYTES): Table {
  if (bytes.byteLength >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === ZSTD_MAGIC) {
    let inflated: Uint8Array
    try {
      inflated = zstdDecompressSync(bytes, { maxOutputLength: maxBytes })
    } catch (e: any) {
      throw new DataError('VALUE', e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError ? `table: inflates to more than ${maxBytes} bytes` : `table: a broken zstd frame (${String(e.message)})`)
    }
    return decodeTable(inflated, program, maxBytes)
  }
  if (bytes.byteLength < HEADER) throw new DataError('VALUE', 'table: truncated header')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0) !== MAGIC) throw new DataError('VALUE', 'table: not a shulian table (bad magic)')
  const n = view.getUint32(4, true)
  const cols = view.getUint32(8, true)
  if (cols !== program.columns.length) throw new DataError('VALUE', `table: ${cols} columns, the program reads ${program.columns.length}`)
  if (bytes.byteLength !== HEADER + cols * n * 8) throw new DataError('VALUE', `table: ${bytes.byteLength} bytes, expected ${HEADER + cols * n * 8} for ${n} rows × ${cols} columns`)
  // copy: the input may not be 8-byte aligned, and the caller may wipe it
  const all = new Float64Array(cols * n)
  new Uint8Array(all.buffer).set(bytes.subarray(HEADER))
  const table: Table = { rowCount: n, types: {}, columns: {} }
  program.columns.forEach((c, i) => {
    const values = all.subarray(i * n, (i + 1) * n)
    const int = c.type === 'INT'
    for (let r = 0; r < n; r++) {
      const v = values[r] as number
      if (!Number.isFinite(v) || (int && !Number.isInteger(v))) throw new DataError('VALUE', `table: column "${c.name}" row ${r + 1} is not a${int ? 'n integer' : ' finite number'}`)
    }
    table.types[c.name] = int ? 'int' : 'float'
    table.columns[c.name] = values
  })
  return table
}
