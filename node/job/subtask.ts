/**
 * One subtask on one lessor, by policy: HE (encrypt here, the lessor evaluates ciphertexts), TEE
 * (attest the lessor's enclave, AEAD-encrypt for it, decrypt its AEAD result) or TEE+HE (as TEE,
 * but the enclave HE-encrypts the result under this renter's key). Every result is checked against
 * the program before it is combined.
 */
import { encodeHePublicBundle } from '../../compute/enclave/index.js'
import { decodePartials, encodeProgram, encodeTableCompressed } from '../../compute/index.js'
import { AeadPurpose, decryptStream, encryptStream } from '../../keys/index.js'
import { TASK_PROTOCOL, runSubtask } from '../../protocols/task/index.js'
import type { LeaseTerms } from '../lease-guard.js'
import type { ShulianNode } from '../shulian-node.js'
import type { HeRenter, Program, SubtaskPartials, Table } from '../../compute/index.js'
import type { TeeSession } from '../../protocols/attest/index.js'
import type { SubtaskProgress } from '../../protocols/task/index.js'
import type { PeerId } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

export type RemoteMode = 'he' | 'tee' | 'tee+he'

export interface RemoteSubtask {
  id: string
  lessor: PeerId
  lease: LeaseTerms
  table: Table
  mode: RemoteMode
}

export interface RemoteContext {
  node: ShulianNode
  program: Program
  /** this job's HE keys (he and tee+he) */
  he?: HeRenter
  /** encrypted inputs by subtask id, so a re-run elsewhere does not encrypt twice */
  heInputs: Map<string, Uint8ArrayList>
  signal: AbortSignal
}

export interface RemoteResult {
  partials: SubtaskPartials
  bytesSent: number
  bytesReceived: number
  route: string[]
  /** the lessor's time from accepting the request to its result, as it reports */
  lessorMs: number
  tee?: string
}

async function collect<T> (it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

export async function runRemote (ctx: RemoteContext, sub: RemoteSubtask, onProgress: (p: SubtaskProgress) => void): Promise<RemoteResult> {
  const { node, program } = ctx
  const base = { leaseId: sub.lease.id, subtaskId: sub.id, mode: sub.mode, program: encodeProgram(program), rows: sub.table.rowCount }
  const open = async (): Promise<Awaited<ReturnType<typeof node.libp2p.dialProtocol>>> => node.libp2p.dialProtocol(sub.lessor, TASK_PROTOCOL, { signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(30_000)]) })
  const route = (): string[] => node.circuits?.routeTo(sub.lessor) ?? []

  if (sub.mode === 'he') {
    const he = ctx.he as HeRenter
    let input = ctx.heInputs.get(sub.id)
    if (input === undefined) {
      onProgress({ phase: 'sending', done: 0, total: 0 })
      input = await he.encryptSubtask(program, sub.table)
      ctx.heInputs.set(sub.id, input)
    }
    const out = await runSubtask(await open(), base, [input], input.byteLength, { signal: ctx.signal, onProgress })
    const partials = await he.decryptResult(program, Buffer.concat(out.result))
    return { partials, bytesSent: out.bytesSent, bytesReceived: out.bytesReceived, lessorMs: out.computeMs, route: route() }
  }

  const attest = node.libp2p.services.attest
  if (attest == null) throw new Error('this node cannot attest enclaves')
  // compress the table (on libuv's thread pool), attest the enclave and open the task stream (a
  // protocol negotiation through the hubs) at once: none needs another, and all take under a
  // second, well within the lessor's wait for the request
  const table = encodeTableCompressed(program, sub.table)
  table.catch(() => {})
  const stream = open()
  stream.catch(() => {})
  let frames: Uint8Array[]
  let session: TeeSession
  try {
    session = await attest.negotiate(sub.lessor, { leaseId: sub.lease.id, subtaskIds: [sub.id] }, { signal: ctx.signal })
    const data = { purpose: AeadPurpose.data, leaseId: sub.lease.id, subtaskId: sub.id }
    frames = await collect(encryptStream(session.keys.toEnclave, data, [await table]))
  } catch (err: any) {
    stream.then(s => { s.abort(err) }, () => {})
    throw err
  }
  const bytes = frames.reduce((n, f) => n + f.byteLength, 0)
  const req = sub.mode === 'tee'
    ? { ...base, sessionId: session.sessionId }
    : { ...base, sessionId: session.sessionId, hePublicBundle: encodeHePublicBundle((ctx.he as HeRenter).paramsBytes, (ctx.he as HeRenter).keys.publicKey) }
  const out = await runSubtask(await stream, req, frames, bytes, { signal: ctx.signal, onProgress })
  let partials: SubtaskPartials
  if (sub.mode === 'tee') {
    const result = { purpose: AeadPurpose.result, leaseId: sub.lease.id, subtaskId: sub.id }
    partials = decodePartials(Buffer.concat(await collect(decryptStream(session.keys.fromEnclave, result, out.result))), program, sub.table.rowCount)
  } else {
    partials = await (ctx.he as HeRenter).decryptResult(program, Buffer.concat(out.result))
  }
  return { partials, bytesSent: out.bytesSent, bytesReceived: out.bytesReceived, lessorMs: out.computeMs, route: route(), tee: session.description }
}
