/**
 * A minimal client of the hub tier's Kademlia DHT (`/shulian/kad/1.0.0`, the libp2p kad-dht wire
 * format): PUT_VALUE a record to one hub and GET_VALUE it back, to check what the hub's validators
 * accept. A hub answers a PUT it accepts by echoing it and resets the stream on one it refuses.
 */
import { pbStream } from '@libp2p/utils'
import { Message, MessageType, Record } from './pb/kad.js'
import type { SuiteNode, TargetContext } from './context.js'

export const KAD_PROTOCOL = '/shulian/kad/1.0.0'

const MAX_KAD_MESSAGE = 4 * 1024 * 1024

async function rpc (ctx: TargetContext, node: SuiteNode, msg: Partial<Message>): Promise<Message> {
  const stream = await ctx.open(node, KAD_PROTOCOL)
  const pb = pbStream(stream, { maxDataLength: MAX_KAD_MESSAGE })
  const signal = AbortSignal.timeout(ctx.options.timeout)
  try {
    await pb.write({ closer: [], providers: [], ...msg } as Message, Message, { signal })
    const res = await pb.read(Message, { signal })
    await stream.close({ signal }).catch(() => {})
    return res
  } catch (e) {
    stream.abort(e as Error)
    throw e
  }
}

/** PUT_VALUE `value` under `key` at the target: true when the hub accepted (echoed) it. */
export async function putValue (ctx: TargetContext, node: SuiteNode, key: Uint8Array, value: Uint8Array): Promise<boolean> {
  const k = key as Uint8Array<ArrayBuffer>
  const record = Record.encode({ key: k, value: value as Uint8Array<ArrayBuffer>, timeReceived: new Date().toISOString() })
  try {
    const res = await rpc(ctx, node, { type: MessageType.PUT_VALUE, key: k, record })
    return res.type === MessageType.PUT_VALUE && res.record != null
  } catch {
    return false
  }
}

/** GET_VALUE `key` at the target: the value it holds, if any. */
export async function getValue (ctx: TargetContext, node: SuiteNode, key: Uint8Array): Promise<Uint8Array | undefined> {
  const res = await rpc(ctx, node, { type: MessageType.GET_VALUE, key: key as Uint8Array<ArrayBuffer> })
  if (res.record == null || res.record.byteLength === 0) return undefined
  return Record.decode(res.record).value
}
