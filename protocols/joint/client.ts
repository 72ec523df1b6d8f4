/**
 * The initiator side of `/shulian/joint/1.0.0`: each function runs one exchange on a stream the
 * caller opened to the peer, closes it, and aborts it on failure.
 */
import { DEFAULT_COMPUTE_TIMEOUT, DEFAULT_IDLE_TIMEOUT } from './constants.js'
import { JointProtocolError } from './errors.js'
import { JointConstants, JointRequest } from './pb/joint.js'
import { bigintBytes, framed, readBlobs, readResponse, writeBlobs } from './wire.js'
import type { JointOpenRequest } from './service.js'
import type { JointShare } from '../../compute/joint/index.js'
import type { AbortOptions, Stream } from '@libp2p/interface'

function request (fields: Partial<JointRequest>): JointRequest {
  return {
    kind: JointRequest.Kind.KIND_UNSET, trainingId: '', round: 0, idColumn: '', features: [], rows: 0, idDigest: new Uint8Array(0), heParams: new Uint8Array(0), hePublicKey: new Uint8Array(0), shareKey: new Uint8Array(0), ranges: [], step: 0,
    start: 0, shareRows: 0, keyFingerprint: new Uint8Array(0), tag: new Uint8Array(0), blobs: 0, leaseId: '', subtaskId: '', sessionId: '', params: new Uint8Array(0), partner: '', hePublicBundle: new Uint8Array(0), renterOffset: 0,
    ...fields
  }
}

function signals (options: AbortOptions): { idle: () => AbortSignal, long: () => AbortSignal } {
  const extra = options.signal != null ? [options.signal] : []
  return {
    idle: () => AbortSignal.any([AbortSignal.timeout(DEFAULT_IDLE_TIMEOUT), ...extra]),
    long: () => AbortSignal.any([AbortSignal.timeout(DEFAULT_COMPUTE_TIMEOUT), ...extra])
  }
}

async function exchange<T> (stream: Stream, run: () => Promise<T>): Promise<T> {
  try {
    const r = await run()
    await stream.close({ signal: AbortSignal.timeout(DEFAULT_IDLE_TIMEOUT) }).catch(() => {})
    return r
  } catch (err: any) {
    stream.abort(err)
    if (err instanceof JointProtocolError) throw err
    throw new JointProtocolError('FAILED', `the joint stream failed: ${err.message}`)
  }
}

/** Traffic of one exchange (payload bytes: ciphertexts, frames, keys). */
export interface Traffic { sent: number, received: number }

/** Renter → partner: open (or resume) a training. Returns the round the partner resumes from. */
export async function openTraining (stream: Stream, req: JointOpenRequest, options: AbortOptions = {}): Promise<{ round: number, traffic: Traffic }> {
  const s = signals(options)
  const pb = framed(stream)
  return exchange(stream, async () => {
    await pb.write(request({ kind: JointRequest.Kind.OPEN, ...req, idDigest: req.idDigest as Uint8Array<ArrayBuffer>, heParams: req.heParams as Uint8Array<ArrayBuffer>, hePublicKey: req.hePublicKey as Uint8Array<ArrayBuffer>, shareKey: req.shareKey as Uint8Array<ArrayBuffer> }), JointRequest, { signal: s.idle() })
    const r = await readResponse(pb, s.long())
    return { round: r.round, traffic: { sent: req.heParams.byteLength + req.hePublicKey.byteLength + 64, received: 0 } }
  })
}

/** Lessor → partner: a share the lessor's enclave made. Returns the bytes of ciphertext sent. */
export async function sendShare (stream: Stream, share: JointShare, options: AbortOptions = {}): Promise<number> {
  const s = signals(options)
  const pb = framed(stream)
  return exchange(stream, async () => {
    await pb.write(request({
      kind: JointRequest.Kind.SHARE, trainingId: share.trainingId, round: share.round, start: share.start, shareRows: share.rows, keyFingerprint: share.keyFingerprint, tag: share.tag, blobs: share.ciphertexts.length
    }), JointRequest, { signal: s.idle() })
    const n = await writeBlobs(pb, share.ciphertexts, s.idle)
    await readResponse(pb, s.long())
    return n
  })
}

export interface RunRequest {
  trainingId: string
  round: number
  leaseId: string
  subtaskId: string
  sessionId: string
  /** compute/joint enclaveOpParams */
  params: Uint8Array
  /** FORWARD: where the lessor sends the share, and the renter's HE public bundle */
  partner?: string
  hePublicBundle?: Uint8Array
}

/** Renter → lessor: one enclave run. LOAD/BACKWARD: the enclave's AEAD frames; FORWARD: none (the share went to the partner). */
export async function runEnclave (stream: Stream, req: RunRequest, frames: readonly Uint8Array[], options: AbortOptions = {}): Promise<{ frames: Uint8Array[], forwardedBytes: number, traffic: Traffic }> {
  const s = signals(options)
  const pb = framed(stream)
  return exchange(stream, async () => {
    await pb.write(request({ kind: JointRequest.Kind.RUN, ...req, partner: req.partner ?? '', hePublicBundle: (req.hePublicBundle ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>, params: req.params as Uint8Array<ArrayBuffer>, blobs: frames.length }), JointRequest, { signal: s.idle() })
    const sent = await writeBlobs(pb, frames, s.idle) + (req.hePublicBundle?.byteLength ?? 0)
    const r = await readResponse(pb, s.long())
    const out = await readBlobs(pb, r.blobs, s.idle)
    return { frames: out, forwardedBytes: Number(r.forwardedBytes), traffic: { sent, received: out.reduce((n, f) => n + f.byteLength, 0) } }
  })
}

/** What the renter does with a round's ciphertexts: decrypt, and return the masked sums' constant terms. */
export type RoundDecrypt = (residuals: Uint8Array[][], masked: Uint8Array[]) => Promise<bigint[]>

/** Renter → partner: run a round; `decrypt` turns its ciphertexts into the constants the partner unmasks. */
export async function roundWithPartner (stream: Stream, trainingId: string, round: number, decrypt: RoundDecrypt, options: AbortOptions = {}): Promise<Traffic> {
  const s = signals(options)
  const pb = framed(stream)
  return exchange(stream, async () => {
    await pb.write(request({ kind: JointRequest.Kind.ROUND, trainingId, round }), JointRequest, { signal: s.idle() })
    const head = await readResponse(pb, s.long())
    const total = head.residualCounts.reduce((a, b) => a + b, 0) + head.masked
    if (total !== head.blobs) throw new JointProtocolError('MALFORMED', `the partner announced ${head.blobs} ciphertexts for ${total}`)
    const blobs = await readBlobs(pb, head.blobs, s.idle)
    const residuals: Uint8Array[][] = []
    let at = 0
    for (const n of head.residualCounts) { residuals.push(blobs.slice(at, at + n)); at += n }
    const constants = await decrypt(residuals, blobs.slice(at))
    const values = constants.map(bigintBytes)
    await pb.write({ values: values as Array<Uint8Array<ArrayBuffer>> }, JointConstants, { signal: s.idle() })
    await readResponse(pb, s.long())
    return { sent: values.reduce((n, v) => n + v.byteLength, 0), received: blobs.reduce((n, b) => n + b.byteLength, 0) }
  })
}

/** Renter → partner: the training is over; the offset lets the partner state its intercept on raw features. */
export async function finishTraining (stream: Stream, trainingId: string, renterOffset: number, options: AbortOptions = {}): Promise<void> {
  const s = signals(options)
  const pb = framed(stream)
  await exchange(stream, async () => {
    await pb.write(request({ kind: JointRequest.Kind.FINISH, trainingId, renterOffset }), JointRequest, { signal: s.idle() })
    await readResponse(pb, s.long())
  })
}
