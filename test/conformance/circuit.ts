/**
 * A circuit to a participant target without a real hub: the suite plays the target's own hub
 * (its key), sends STOP naming a source participant, and runs the libp2p upgrade over the stream as
 * that source (or as whoever `as` is, to test that the target checks who Noise authenticates).
 * The result is the same relayed connection a hub would have carried.
 */
import { pbStream } from '@libp2p/utils'
import { RelayRequest, RelayResponse } from '../../protocols/relay/index.js'
import { circuitAddr } from '../../protocols/relay/index.js'
import { streamToMaConnection } from '../../protocols/relay/stream-to-conn.js'
import { PROTOCOL as RELAY } from '../../protocols/relay/constants.js'
import type { SuiteNode, TargetContext } from './context.js'
import type { Connection, PeerId } from '@libp2p/interface'

export function mh (id: PeerId): Uint8Array<ArrayBuffer> {
  return id.toMultihash().bytes as Uint8Array<ArrayBuffer>
}

/** Send STOP from the target's own hub; resolves to the response and the raw stream. */
export async function stop (ctx: TargetContext, hub: SuiteNode, req: Partial<RelayRequest>): Promise<{ res: RelayResponse, stream: any }> {
  const stream = await ctx.open(hub, RELAY)
  const pb = pbStream(stream, { maxDataLength: 4096 })
  const signal = AbortSignal.timeout(ctx.options.timeout)
  await pb.write({ type: RelayRequest.Type.STOP, target: mh(ctx.target.peerId), source: new Uint8Array(0), route: [], ...req }, RelayRequest, { signal })
  const res = await pb.read(RelayResponse, { signal })
  return { res, stream: pb.unwrap() }
}

/**
 * A relayed connection to the target: STOP with `source`, then the upgrade as `as` (by default the
 * source itself). Rejects when the target refuses the STOP or the upgrade.
 */
export async function relayedConnection (ctx: TargetContext, source: SuiteNode, options: { as?: SuiteNode } = {}): Promise<Connection> {
  const hub = await ctx.node('ownHub')
  const { res, stream } = await stop(ctx, hub, { source: mh(source.peerId), route: [mh(source.peerId), mh(hub.peerId)] })
  if (res.status !== RelayResponse.Status.OK) {
    stream.abort(new Error('refused'))
    throw new Error(`the target refused STOP: ${RelayResponse.Status[res.status]} ${res.message}`)
  }
  const dialer = options.as ?? source
  const maConn = streamToMaConnection({
    stream,
    remoteAddr: circuitAddr(hub.peerId, ctx.target.peerId),
    localAddr: circuitAddr(hub.peerId, dialer.peerId),
    log: (dialer.libp2p as any).logger.forComponent('conformance:circuit')
  })
  const upgrader = (dialer.libp2p as any).components.upgrader
  try {
    return await upgrader.upgradeOutbound(maConn, { signal: AbortSignal.timeout(ctx.options.timeout) })
  } catch (e) {
    maConn.abort(e as Error)
    throw e
  }
}
