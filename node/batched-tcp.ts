/**
 * `@libp2p/tcp` with one socket write per send instead of one per buffer.
 *
 * A libp2p connection hands its TCP socket lists of small buffers: every Noise frame is a 2-byte
 * length, then the ciphertext in as many pieces as the yamux frame it carries had (a 12-byte
 * header, the data, often split), then a 16-byte tag; every yamux window update is a frame of its
 * own. `@libp2p/tcp` calls `socket.write()` once per buffer, and each is a system call and, on
 * loopback or with TCP_NODELAY, a TCP segment: strace of a hub relaying showed ~8 writes of 5 KB
 * on average per 64 KiB carried. This transport joins each list into buffers of up to
 * `MAX_JOINED_BYTES` before they reach the socket (a copy of at most that much per write).
 * Measured in bench/relay: see ARCHITECTURE.md.
 *
 * It hooks the only point where libp2p hands a raw TCP connection on: the upgrader passed to
 * `dial` and `createListener`. Everything else is `@libp2p/tcp` itself.
 */
import { tcp } from '@libp2p/tcp'
import { Uint8ArrayList } from 'uint8arraylist'
import type { CreateListenerOptions, DialTransportOptions, MultiaddrConnection, Transport, Upgrader } from '@libp2p/interface'
import type { TCPComponents, TCPOptions } from '@libp2p/tcp'
import type { SendResult } from '@libp2p/utils'

/** Largest buffer built by joining the pieces of one send, bytes. */
export const MAX_JOINED_BYTES = 256 * 1024

/**
 * Join consecutive small buffers of `data` into buffers of up to `max` bytes; a buffer already
 * larger than `max` is passed on as it is. Returns `data` itself when there is nothing to join.
 */
export function joinSmallBuffers (data: Uint8ArrayList, max: number = MAX_JOINED_BYTES): Uint8ArrayList {
  const bufs = [...data]
  if (bufs.length < 2) return data
  const out = new Uint8ArrayList()
  let group: Uint8Array[] = []
  let groupBytes = 0
  const flush = (): void => {
    if (group.length === 1) out.append(group[0] as Uint8Array)
    else if (group.length > 1) out.append(Buffer.concat(group, groupBytes))
    group = []
    groupBytes = 0
  }
  for (const buf of bufs) {
    if (groupBytes + buf.byteLength > max) flush()
    group.push(buf)
    groupBytes += buf.byteLength
  }
  flush()
  return out
}

type Sender = (data: Uint8ArrayList) => SendResult

function batchWrites (maConn: MultiaddrConnection): MultiaddrConnection {
  const conn = maConn as unknown as { sendData?: Sender }
  const sendData = conn.sendData
  // an @libp2p/tcp that no longer sends this way is left as it is
  if (typeof sendData !== 'function') return maConn
  conn.sendData = function (this: unknown, data: Uint8ArrayList): SendResult {
    return sendData.call(this, joinSmallBuffers(data))
  }
  return maConn
}

function batchingUpgrader (upgrader: Upgrader): Upgrader {
  return new Proxy(upgrader, {
    get (target, prop, receiver) {
      if (prop === 'upgradeInbound' || prop === 'upgradeOutbound') {
        const upgrade = target[prop].bind(target) as (maConn: MultiaddrConnection, ...rest: any[]) => Promise<any>
        return async (maConn: MultiaddrConnection, ...rest: any[]) => upgrade(batchWrites(maConn), ...rest)
      }
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
}

/** The TCP transport of `@libp2p/tcp`, writing each send in as few socket writes as it can. */
export function batchedTcp (init?: TCPOptions): (components: TCPComponents) => Transport {
  const factory = tcp(init)
  return (components) => {
    const transport = factory(components)
    const dial = transport.dial.bind(transport)
    const createListener = transport.createListener.bind(transport)
    transport.dial = async (ma, options: DialTransportOptions) => dial(ma, { ...options, upgrader: batchingUpgrader(options.upgrader) })
    transport.createListener = (options: CreateListenerOptions) => createListener({ ...options, upgrader: batchingUpgrader(options.upgrader) })
    return transport
  }
}
