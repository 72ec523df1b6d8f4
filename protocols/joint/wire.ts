/**
 * Framing helpers shared by both sides: a length-prefixed protobuf stream with this protocol's
 * limit, blobs after a header, errors as one JointResponse, bigints as big-endian bytes.
 */
import { pbStream } from '@libp2p/utils'
import { MAX_BLOBS, MAX_MESSAGE_SIZE } from './constants.js'
import { JointProtocolError } from './errors.js'
import { JointBlob, JointResponse } from './pb/joint.js'
import type { JointProtocolErrorCode } from './errors.js'
import type { Stream } from '@libp2p/interface'

export type Pb = ReturnType<typeof pbStream<Stream>>

export function framed (stream: Stream): Pb {
  return pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
}

export function response (fields: Partial<JointResponse> = {}): JointResponse {
  return { kind: JointResponse.Kind.OK, code: '', message: '', blobs: 0, residualCounts: [], masked: 0, round: 0, forwardedBytes: 0n, ...fields }
}

export async function writeBlobs (pb: Pb, blobs: readonly Uint8Array[], signal: () => AbortSignal): Promise<number> {
  let n = 0
  for (const data of blobs) {
    await pb.write({ data: data as Uint8Array<ArrayBuffer> }, JointBlob, { signal: signal() })
    n += data.byteLength
  }
  return n
}

export async function readBlobs (pb: Pb, count: number, signal: () => AbortSignal, maxBytes = Infinity): Promise<Uint8Array[]> {
  if (count > MAX_BLOBS) throw new JointProtocolError('MALFORMED', `${count} blobs announced, over the limit of ${MAX_BLOBS}`)
  const out: Uint8Array[] = []
  let total = 0
  for (let i = 0; i < count; i++) {
    const b = await pb.read(JointBlob, { signal: signal() })
    total += b.data.byteLength
    if (total > maxBytes) throw new JointProtocolError('MALFORMED', `more than ${maxBytes} bytes of blobs`)
    out.push(b.data)
  }
  return out
}

/** Read a response; an ERROR becomes a JointProtocolError with the peer's code and message. */
export async function readResponse (pb: Pb, signal: AbortSignal): Promise<JointResponse> {
  const r = await pb.read(JointResponse, { signal })
  if (r.kind === JointResponse.Kind.ERROR) throw new JointProtocolError((r.code === '' ? 'FAILED' : r.code) as JointProtocolErrorCode, r.message === '' ? 'the peer gave no reason' : r.message)
  if (r.kind !== JointResponse.Kind.OK) throw new JointProtocolError('MALFORMED', `unexpected response kind ${r.kind}`)
  return r
}

export function oneLine (s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 500)
}

export function bigintBytes (v: bigint): Uint8Array {
  if (v < 0n) throw new RangeError('negative')
  let hex = v.toString(16)
  if (hex.length % 2 === 1) hex = `0${hex}`
  return new Uint8Array(Buffer.from(hex, 'hex'))
}

export function bytesBigint (b: Uint8Array): bigint {
  return b.byteLength === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString('hex')}`)
}
