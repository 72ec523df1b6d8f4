/**
 * The worker tasks of joint rounds, with the HE executor's (keygen, decryptSlots, …): a pool made
 * from this module runs both. Every task gets serialized parameters and keys and checks them again.
 */
import { decodeHeParameters, heContext, loadSeal, loadSecretKey } from '../../keys/index.js'
import { heTasks } from '../he/index.js'
import { WorkerPool } from '../pool/index.js'
import { constantTerms, encryptUnder, partnerChunks, sumAndMask } from './he.js'
import type { HeContext } from '../../keys/index.js'
import type { TaskResult, TaskTable } from '../pool/index.js'
import type { MaskedSum, PartnerChunks } from './he.js'

async function context (params: Uint8Array): Promise<HeContext> {
  const seal = await loadSeal()
  return heContext(seal, decodeHeParameters(seal, params).params)
}

export interface PartnerChunksPayload { params: Uint8Array, publicKey: Uint8Array, shares: Uint8Array[], v: Float64Array, xs: Float64Array[], what: string }
export interface SumAndMaskPayload { params: Uint8Array, groups: Uint8Array[][] }
export interface ConstantTermsPayload { params: Uint8Array, secretKey: Uint8Array, cts: Uint8Array[] }
export interface EncryptUnderPayload { params: Uint8Array, publicKey: Uint8Array, values: Float64Array }

const done = (result: unknown): TaskResult => ({ result })

export const tasks: TaskTable = {
  ...heTasks,
  jointPartnerChunks: async (p: PartnerChunksPayload): Promise<TaskResult> =>
    done(partnerChunks(await context(p.params), p.publicKey, p.shares, p.v, p.xs, p.what) satisfies PartnerChunks),
  jointSumAndMask: async (p: SumAndMaskPayload): Promise<TaskResult> =>
    done(sumAndMask(await context(p.params), p.groups) satisfies MaskedSum[]),
  jointConstantTerms: async (p: ConstantTermsPayload): Promise<TaskResult> => {
    const he = await context(p.params)
    const sk = loadSecretKey(he, p.secretKey)
    try {
      return done(constantTerms(he, sk, p.cts))
    } finally {
      sk.delete()
    }
  },
  jointEncryptUnder: async (p: EncryptUnderPayload): Promise<TaskResult> =>
    done(encryptUnder(await context(p.params), p.publicKey, p.values))
}

/** Instantiate SEAL as soon as a worker starts. */
export async function warmup (): Promise<void> {
  await loadSeal()
}

/** Where this module is, for `new WorkerPool({ tasks: JOINT_TASKS })`. */
export const JOINT_TASKS = new URL(import.meta.url)

/** A pool of worker threads for joint rounds (and HE keygen/decryption), one per core unless told. */
export function createJointPool (size?: number): WorkerPool {
  return new WorkerPool(size === undefined ? { tasks: JOINT_TASKS } : { tasks: JOINT_TASKS, size })
}
