/**
 * The HE executor's public surface, as the network layers call it:
 *   renter:  HeRenter.create → encryptSubtask (per subtask) → … → decryptResult → combine
 *   lessor:  evaluateSubtask(input bytes) → result bytes
 *   enclave: encryptResultFor (tee+he: the result HE-encrypted under the renter's public key)
 * Work runs on a TaskRunner: a worker pool sized to the cores (`createHePool`), or this thread.
 */
import { HeObjectError, peekHeParameters } from '../../keys/index.js'
import { columnRange } from '../data/index.js'
import { ExecError, programColumns } from '../exec/index.js'
import { Instruction, decodeProgram, encodeProgram, registerDepths } from '../program/index.js'
import { splitRows } from '../split/index.js'
import { WorkerPool, inProcessRunner, ownBytes } from '../pool/index.js'
import { EncryptedInput, EncryptedResult } from './pb/he-task.js'
import { decryptResult } from './decrypt.js'
import { encodeEncryptedInput, encodeEncryptedResult } from './wire.js'
import { checkFits, slotsOf } from './plan.js'
import { HE_TASKS, tasks } from './tasks.js'
import type { HeKeySet, HeParamSet, HeParameters } from '../../keys/index.js'
import type { Table } from '../data/index.js'
import type { SubtaskPartials } from '../exec/index.js'
import type { Program } from '../program/index.js'
import type { TaskRunner } from '../pool/index.js'
import type { ResultCiphertexts } from './decrypt.js'
import type { EncryptionKey } from './encrypt.js'
import type { Uint8ArrayList } from 'uint8arraylist'

/** Limits on a received EncryptedInput / EncryptedResult (2^20 chunks is 4 G rows under CKKS). */
export const HE_MESSAGE_LIMITS = { chunks: 1 << 20, columns: 256, partials: 256, ciphertexts: 1 << 20 }

/** A pool of HE worker threads, one per core unless `size` says otherwise. Close it when done. */
export function createHePool (size?: number): WorkerPool {
  return new WorkerPool(size === undefined ? { tasks: HE_TASKS } : { tasks: HE_TASKS, size })
}

/** The HE tasks in this thread (no workers). */
export function inProcessHe (): TaskRunner {
  return inProcessRunner(tasks)
}

/** True when the program multiplies two encrypted values (and so needs relinearization keys). */
export function needsRelinKeys (program: Program): boolean {
  const depths = registerDepths(program)
  return program.code.some(i => i.op === Instruction.Op.MUL && depths[i.a] !== undefined && depths[i.b] !== undefined)
}

/**
 * Tasks per thread when encrypting: the threads take the pieces from one queue, so a thread that
 * the machine slows down (another process, the garbage collector) takes fewer of them instead of
 * holding up the subtask with a fixed half. A piece costs a message, not a key load (encrypt.ts).
 */
const ENCRYPT_PIECES_PER_THREAD = 4

/**
 * Ranges of `n` items for the runner's queue: `perThread` per thread (more than one only pays
 * where there are threads to balance), never an empty one.
 */
function shares (n: number, runner: TaskRunner, perThread = 1): Array<{ start: number, end: number }> {
  const count = runner.size === 1 ? 1 : runner.size * perThread
  return splitRows(n, new Array(Math.min(count, Math.max(n, 1))).fill(1)).filter(r => r.end > r.start)
}

/** Encrypt columns chunk-wise across the runner's threads. */
async function encryptColumns (runner: TaskRunner, params: Uint8Array, key: EncryptionKey, slots: number, columns: Float64Array[], rows: number): Promise<Uint8Array[][]> {
  const chunks = Math.max(1, Math.ceil(rows / slots))
  const parts = await Promise.all(shares(chunks, runner, ENCRYPT_PIECES_PER_THREAD).map(async r => {
    const share = columns.map(c => c.slice(r.start * slots, Math.min(r.end * slots, rows)))
    return runner.run<Uint8Array[][]>('encrypt', { params, key, chunks: r.end - r.start, columns: share }, share.map(c => c.buffer))
  }))
  return parts.flat()
}

/** The renter's HE session: parameters and keys for one job, and the work done with them. */
export class HeRenter {
  readonly set: HeParamSet
  readonly params: HeParameters
  readonly paramsBytes: Uint8Array
  /** keep `secretKey` to this node; `publicKey` and `relinKeys` may be sent to peers */
  readonly keys: HeKeySet
  private readonly runner: TaskRunner

  private constructor (paramsBytes: Uint8Array, keys: HeKeySet, runner: TaskRunner) {
    this.paramsBytes = paramsBytes
    const { params, set } = peekHeParameters(paramsBytes)
    this.params = params
    this.set = set
    this.keys = keys
    this.runner = runner
  }

  /**
   * A fresh key set for an allowed parameter set (generated on a worker thread). Meanwhile the
   * runner's other threads build their context for the set, which they need to encrypt: SEAL
   * takes 0.4–4 s per thread and set to build one in WASM (1.7–2 s for ckks-16384-d3), and done
   * beside the key generation it no longer holds up a renter's first encryption.
   */
  static async create (set: HeParamSet, runner: TaskRunner): Promise<HeRenter> {
    const keygen = runner.run<{ params: Uint8Array, keys: HeKeySet }>('keygen', { set: set.name })
    const prepared = Promise.all(Array.from({ length: runner.size - 1 }, async () => runner.run('prepare', { set: set.name })))
    const [{ params, keys }] = await Promise.all([keygen, prepared])
    return new HeRenter(params, keys, runner)
  }

  /** A session from saved parameters and keys (checked when first used). */
  static restore (paramsBytes: Uint8Array, keys: HeKeySet, runner: TaskRunner): HeRenter {
    return new HeRenter(paramsBytes, keys, runner)
  }

  /**
   * Encrypt one subtask's rows for a lessor (secret-key, seeded ciphertexts). Refuses, before
   * encrypting anything, a table whose values could overflow these parameters. The EncryptedInput
   * message comes as pieces, the workers' ciphertexts not copied (`.subarray()` joins them).
   */
  async encryptSubtask (program: Program, table: Table): Promise<Uint8ArrayList> {
    const columns = programColumns(program, table)
    checkFits(this.set, { program, ranges: columns.map(columnRange), maxSubtaskRows: table.rowCount })
    const chunks = await encryptColumns(this.runner, this.paramsBytes, { secretKey: this.keys.secretKey }, slotsOf(this.set), columns, table.rowCount)
    return encodeEncryptedInput({
      params: this.paramsBytes,
      relinKeys: needsRelinKeys(program) ? this.keys.relinKeys : new Uint8Array(0),
      program: encodeProgram(program),
      rows: table.rowCount
    } as EncryptedInput, chunks)
  }

  /** Decrypt a subtask's result (from a lessor or an enclave) into partials for `combine`. */
  async decryptResult (program: Program, resultBytes: Uint8Array): Promise<SubtaskPartials> {
    return decryptResult(this.runner, this.paramsBytes, this.keys.secretKey, program, decodeEncryptedResult(resultBytes))
  }
}

/** Parse a received EncryptedInput within limits; the HE objects inside are checked when loaded. */
export function decodeEncryptedInput (bytes: Uint8Array): EncryptedInput {
  try {
    return EncryptedInput.decode(bytes, { limits: { chunks: HE_MESSAGE_LIMITS.chunks, chunks$: { columns: HE_MESSAGE_LIMITS.columns } } })
  } catch (e: any) {
    throw new HeObjectError('MALFORMED', `subtask input is not an EncryptedInput message (${e.message})`)
  }
}

/** Parse a received EncryptedResult within limits. */
export function decodeEncryptedResult (bytes: Uint8Array): ResultCiphertexts {
  let r: EncryptedResult
  try {
    r = EncryptedResult.decode(bytes, { limits: { partials: HE_MESSAGE_LIMITS.partials, partials$: { ciphertexts: HE_MESSAGE_LIMITS.ciphertexts } } })
  } catch (e: any) {
    throw new HeObjectError('MALFORMED', `subtask result is not an EncryptedResult message (${e.message})`)
  }
  return { rows: r.rows, padRows: r.padRows, partials: r.partials.map(p => p.ciphertexts) }
}

function encodeResult (r: ResultCiphertexts): Uint8Array {
  return encodeEncryptedResult({ rows: r.rows, padRows: r.padRows }, r.partials)
}

/**
 * The lessor's work: evaluate a subtask's program on its ciphertexts, chunks spread over the
 * runner's threads, and return the encrypted partials. Refuses (HeObjectError, ProgramError,
 * ExecError) parameters outside the allowed sets, malformed or mismatched keys and ciphertexts,
 * and inputs whose shape does not match the program.
 */
export async function evaluateSubtask (inputBytes: Uint8Array, runner: TaskRunner): Promise<Uint8Array> {
  const input = decodeEncryptedInput(inputBytes)
  const program = decodeProgram(input.program)
  const { set } = peekHeParameters(input.params)
  const slots = slotsOf(set)
  const chunks = Math.max(1, Math.ceil(input.rows / slots))
  if (input.chunks.length !== chunks) throw new ExecError('SHAPE', `subtask input has ${input.chunks.length} chunks for ${input.rows} rows (${chunks} expected)`)
  if (needsRelinKeys(program) && input.relinKeys.byteLength === 0) throw new ExecError('SHAPE', 'the program multiplies ciphertexts but the subtask input has no relinearization keys')
  const params = ownBytes(input.params)
  const relinKeys = ownBytes(input.relinKeys)
  const programBytes = ownBytes(input.program)
  const parts = await Promise.all(shares(chunks, runner).map(async r => {
    // each ciphertext in a buffer of its own, handed to the worker rather than cloned again (the
    // parameters and keys go to every worker, so those are cloned)
    const share = input.chunks.slice(r.start, r.end).map(c => c.columns.map(ct => ct.slice()))
    return runner.run<Uint8Array[][]>('evaluate', { params, relinKeys, program: programBytes, chunks: share, firstChunk: r.start }, share.flat().map(ct => ct.buffer))
  }))
  const partials = program.partials.map((_, k) => parts.flatMap(p => p[k] ?? []))
  return encodeResult({ rows: input.rows, padRows: chunks * slots - input.rows, partials })
}

/**
 * tee+he: compute a subtask in the clear (inside an enclave) and return its result HE-encrypted
 * under the renter's public key, decryptable by `HeRenter.decryptResult` like a lessor's.
 */
export async function encryptResultFor (paramsBytes: Uint8Array, publicKey: Uint8Array, program: Program, table: Table, runner: TaskRunner): Promise<Uint8Array> {
  const { set } = peekHeParameters(paramsBytes)
  const columns = programColumns(program, table)
  checkFits(set, { program, ranges: columns.map(columnRange), maxSubtaskRows: table.rowCount })
  // only the program's columns, each in a buffer of its own (see ownBytes)
  const sub: Table = { rowCount: table.rowCount, types: table.types, columns: Object.fromEntries(program.columns.map((c, i) => [c.name, ownBytes(columns[i] as Float64Array)])) }
  const result = await runner.run<ResultCiphertexts>('encryptPlain', { params: ownBytes(paramsBytes), publicKey: ownBytes(publicKey), program: encodeProgram(program), table: sub })
  return encodeResult(result)
}

/**
 * Encrypt columns under a public key (a third data owner encrypting its own data for the renter,
 * in a joint task): chunk j of column c is ciphertext [j][c].
 */
export async function encryptForPublicKey (paramsBytes: Uint8Array, publicKey: Uint8Array, columns: Float64Array[], runner: TaskRunner): Promise<Uint8Array[][]> {
  const { set } = peekHeParameters(paramsBytes)
  const rows = Math.max(0, ...columns.map(c => c.length))
  return encryptColumns(runner, paramsBytes, { publicKey }, slotsOf(set), columns, rows)
}
