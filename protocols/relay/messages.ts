/** Reading and writing relay messages, and the peer ids inside them. */
import { peerIdFromMultihash } from '@libp2p/peer-id'
import { pbStream } from '@libp2p/utils'
import * as Digest from 'multiformats/hashes/digest'
import { MAX_MESSAGE_SIZE, MAX_ROUTE_LENGTH } from './constants.js'
import { RelayError } from './errors.js'
import { RelayRequest, RelayResponse } from './pb/relay.js'
import type { PeerId, Stream } from '@libp2p/interface'

export { RelayRequest, RelayResponse }

/** A peer id from message bytes, or undefined if they are not one. */
export function decodePeerId (bytes: Uint8Array): PeerId | undefined {
  if (bytes.byteLength === 0) {
    return undefined
  }
  try {
    return peerIdFromMultihash(Digest.decode(bytes))
  } catch {
    return undefined
  }
}

export function encodePeerId (id: PeerId): Uint8Array<ArrayBuffer> {
  return id.toMultihash().bytes as Uint8Array<ArrayBuffer>
}

/** A stream framed for relay messages, with the protocol's size limit. */
export function relayStream (stream: Stream): ReturnType<typeof pbStream<Stream>> {
  return pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
}

/**
 * Read a request from a stream. The framing reader is unwrapped afterwards: left attached, it would
 * keep buffering every byte that later flows through the circuit.
 */
export async function readRequest (stream: Stream, signal: AbortSignal): Promise<RelayRequest> {
  const pb = relayStream(stream)
  const req = await pb.read(RelayRequest, { signal, limits: { route: MAX_ROUTE_LENGTH } } as any)
  pb.unwrap()
  return req
}

/** Write a request, read the response, and unwrap the stream for raw bytes if it is OK. */
export async function request (stream: Stream, req: Partial<RelayRequest>, signal: AbortSignal): Promise<{ stream: Stream, route: PeerId[] }> {
  const pb = relayStream(stream)
  await pb.write({ type: RelayRequest.Type.TYPE_UNSET, target: new Uint8Array(0), source: new Uint8Array(0), route: [], ...req }, RelayRequest, { signal })
  const res = await pb.read(RelayResponse, { signal, limits: { route: 8 } } as any)
  if (res.status !== RelayResponse.Status.OK) {
    throw new RelayError(res.status === RelayResponse.Status.STATUS_UNSET ? RelayResponse.Status.MALFORMED : res.status, res.message !== '' ? res.message : 'no reason given')
  }
  const route = res.route.map(decodePeerId)
  if (route.some(p => p == null)) {
    throw new RelayError(RelayResponse.Status.MALFORMED, 'response route holds something that is not a peer id')
  }
  return { stream: pb.unwrap(), route: route as PeerId[] }
}

/** Answer a request with a status (and for OK, the route); returns the unwrapped stream. */
export async function respond (stream: Stream, status: RelayResponse.Status, message: string, route: PeerId[], signal: AbortSignal): Promise<Stream> {
  const pb = relayStream(stream)
  await pb.write({ status, message, route: route.map(encodePeerId) }, RelayResponse, { signal })
  return pb.unwrap()
}
