import { createHash } from 'node:crypto'
import { encodeFields } from '../encoding.js'

/**
 * What a stream is for. Data and results travel under different labels (and different session
 * keys), so a data stream can never be accepted as a result, nor the other way round.
 */
export const AeadPurpose = {
  /** Renter's protected input, renter → enclave. */
  data: 'data:renter->enclave',
  /** Result, enclave → renter. */
  result: 'result:enclave->renter',
  /** A joint-computation value sent back to an enclave for the next round, renter → enclave. */
  round: 'round:renter->enclave'
} as const

export type AeadPurposeLabel = typeof AeadPurpose[keyof typeof AeadPurpose]

/** The context a stream is bound to: every chunk's AAD and the stream key depend on all of it. */
export interface AeadContext {
  purpose: AeadPurposeLabel
  leaseId: string
  subtaskId: string
}

/** SHA-256 of the canonical encoding of `ctx`: 32 bytes that go into every chunk's AAD. */
export function contextDigest (ctx: AeadContext): Uint8Array {
  const encoded = encodeFields('shulian/aead/context/v1', [ctx.purpose, ctx.leaseId, ctx.subtaskId])
  return new Uint8Array(createHash('sha256').update(encoded).digest())
}
