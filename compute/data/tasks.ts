/**
 * Data work for a worker thread (`readCsvTableOffThread`): parsing a large CSV allocates a string
 * per field, and in a node process (run with a small young generation to keep its memory low) that
 * is slow and blocks the event loop that serves the node's connections.
 */
import { readCsvTable } from './csv.js'
import type { CsvRange } from './csv.js'
import type { Table } from './table.js'
import type { ColumnType } from '../program/index.js'
import type { TaskResult, TaskTable } from '../pool/index.js'

export interface ReadCsvPayload { path: string, types: Record<string, ColumnType>, range?: CsvRange }

export const tasks: TaskTable = {
  readCsv: async (p: ReadCsvPayload): Promise<TaskResult> => {
    const table: Table = await readCsvTable(p.path, p.types, p.range)
    // the columns' buffers move to the caller, not a copy of them
    return { result: table, transfer: [...new Set(Object.values(table.columns).map(c => c.buffer as ArrayBuffer))] }
  }
}

export const DATA_TASKS = new URL(import.meta.url)
