/**
 * The HE work a thread does, as named tasks for the worker pool (or the in-process runner). Each
 * task gets serialized parameters and keys and checks them again: a worker trusts nothing.
 */
import { HeObjectError, decodeHeParameters, generateHeKeys, heContext, heContextsBuilt, heParamSet, heParameters, loadRelinKeys, loadSeal } from '../../keys/index.js'
import { calibrateHe } from '../policy/calibrate.js'
import { decodeProgram } from '../program/index.js'
import { decryptSlots } from './decrypt.js'
import { encryptChunks } from './encrypt.js'
import { evaluateChunks } from './evaluate.js'
import { encryptPlainResult } from './plain-result.js'
import type { HeContext, HeKeySet } from '../../keys/index.js'
import type { Table } from '../data/index.js'
import type { CalibrateOptions } from '../policy/calibrate.js'
import type { TaskResult, TaskTable } from '../pool/index.js'
import type { EncryptionKey } from './encrypt.js'

async function context (params: Uint8Array): Promise<HeContext> {
  const seal = await loadSeal()
  return heContext(seal, decodeHeParameters(seal, params).params)
}

export interface KeygenPayload { set: string }
export interface EncryptPayload { params: Uint8Array, key: EncryptionKey, columns: Float64Array[], chunks: number }
export interface EvaluatePayload { params: Uint8Array, relinKeys: Uint8Array, program: Uint8Array, chunks: Uint8Array[][], firstChunk: number }
export interface DecryptPayload { params: Uint8Array, secretKey: Uint8Array, cts: Array<{ bytes: Uint8Array, what: string }> }
export interface EncryptPlainPayload { params: Uint8Array, publicKey: Uint8Array, program: Uint8Array, table: Table }

async function contextOfSet (name: string): Promise<HeContext> {
  const seal = await loadSeal()
  const set = heParamSet(name)
  if (set === undefined) throw new HeObjectError('PARAMS_NOT_ALLOWED', `unknown HE parameter set "${name}"`)
  return heContext(seal, heParameters(seal, set))
}

const done = (result: unknown): TaskResult => ({ result })

export const tasks: TaskTable = {
  /** this machine's HE throughput (policy/calibrate.ts), measured on a worker thread */
  calibrate: async (p: CalibrateOptions): Promise<TaskResult> => done(await calibrateHe(p)),
  keygen: async (p: KeygenPayload): Promise<TaskResult> => {
    const he = await contextOfSet(p.set)
    return done({ params: he.paramsBytes, keys: generateHeKeys(he) satisfies HeKeySet })
  },

  /** build this thread's context for a parameter set now, before its first ciphertext arrives */
  prepare: async (p: KeygenPayload): Promise<TaskResult> => {
    await contextOfSet(p.set)
    return done(null)
  },

  /** the parameter sets this thread has a context for */
  contexts: async (): Promise<TaskResult> => done(heContextsBuilt()),

  encrypt: async (p: EncryptPayload): Promise<TaskResult> => {
    // tens of MB of ciphertexts: hand their buffers to the caller rather than clone them
    const chunks = encryptChunks(await context(p.params), p.key, p.columns, 0, p.chunks)
    return { result: chunks, transfer: chunks.flat().map(ct => ct.buffer as ArrayBuffer) }
  },

  evaluate: async (p: EvaluatePayload): Promise<TaskResult> => {
    const he = await context(p.params)
    const relin = p.relinKeys.byteLength > 0 ? loadRelinKeys(he, p.relinKeys) : undefined
    try {
      return done(evaluateChunks(he, relin, decodeProgram(p.program), p.chunks, p.firstChunk).partials)
    } finally {
      relin?.delete()
    }
  },

  decryptSlots: async (p: DecryptPayload): Promise<TaskResult> => done(decryptSlots(await context(p.params), p.secretKey, p.cts)),

  encryptPlain: async (p: EncryptPlainPayload): Promise<TaskResult> =>
    done(encryptPlainResult(await context(p.params), p.publicKey, decodeProgram(p.program), p.table))
}

/** Instantiate SEAL as soon as a worker starts (it takes a few hundred ms). */
export async function warmup (): Promise<void> {
  await loadSeal()
}

/** Where this module is, for `new WorkerPool({ tasks: HE_TASKS })`. */
export const HE_TASKS = new URL(import.meta.url)
