/**
 * `@libp2p/tcp` with one socket write per send instead of one per buffer.
 *
 * A libp2p connection hands its TCP socket lists of small buffers: every Noise frame is a 2-byte
 * length, then the ciphertext in as many pieces as the yamux frame it carries had (a 12-byte
 * header, the data, often split), then a 16-byte tag; every yamux window update is a frame of its
 * own. `@libp2p/tcp` calls `socket.write()` once per buffer, and each is a system call and, on
 * loopback or with TCP_NODELAY, a TCP segment: strace of a hub relaying showed ~8 writes of 5 KB
 * on average per 64 KiB carried. This transport corks the socket while it writes one send's
 * buffers and uncorks it after, so Node hands them to the kernel in one `writev` — no copy, where
 * joining them into one buffer (this module's first version) copied every byte and left a garbage
 * buffer per send for the collector, which a relaying hub's memory paid for.
 * Measured in bench/relay: see ARCHITECTURE.md.
 *
 * It hooks the only point where libp2p hands a raw TCP connection on: the upgrader passed to
 * `dial` and `createListener`. Everything else is `@libp2p/tcp` itself.
 */
import { tcp } from '@libp2p/tcp'
import type { CreateListenerOptions, DialTransportOptions, MultiaddrConnection, Transport, Upgrader } from '@libp2p/interface'
import type { TCPComponents, TCPOptions } from '@libp2p/tcp'
import type { SendResult } from '@libp2p/utils'
import type { Socket } from 'node:net'
import type { Uint8ArrayList } from 'uint8arraylist'

/**
 * Bytes a socket gathers before it writes: a send of at least this much is written at once, smaller
 * ones wait, corked, for the sends that follow in the same turn of the event loop (the socket's
 * high-water mark: corked bytes below it never make Node ask for a drain).
 */
export const GATHER_BYTES = 64 * 1024

/** Sockets corked until the end of this turn of the event loop. */
const gathering = new WeakSet<Socket>()

/**
 * Write every buffer of `data` to `socket`, and small sends of one turn of the event loop
 * together, in as few system calls (`writev`) as Node allows: the socket stays corked while
 * buffers come, until `GATHER_BYTES` are waiting or the turn ends (`setImmediate`). A relaying hub
 * forwards each piece of a frame as it decrypts it, and yamux's window updates are frames of their
 * own: written one by one, they made ~3 writes per 53 KB read. All of `data` is taken, as
 * `@libp2p/tcp` takes what it has written; `canSendMore` is false when Node holds bytes the kernel
 * did not take and asked for a drain, which says when to go on.
 */
export function writeAll (socket: Socket, data: Uint8ArrayList): SendResult {
  if (!gathering.has(socket)) {
    socket.cork()
    gathering.add(socket)
    setImmediate(() => { flush(socket) })
  }
  for (const buf of data) socket.write(buf)
  if (socket.writableLength >= GATHER_BYTES) flush(socket)
  // when Node still holds bytes and asked for a drain, wait for the drain it will emit
  return { sentBytes: data.byteLength, canSendMore: socket.writableLength === 0 || !socket.writableNeedDrain }
}

function flush (socket: Socket): void {
  if (!gathering.delete(socket)) return
  socket.uncork()
}

function batchWrites (maConn: MultiaddrConnection): MultiaddrConnection {
  const conn = maConn as unknown as { sendData?: unknown, socket?: Socket }
  const socket = conn.socket
  // an @libp2p/tcp that no longer sends this way is left as it is
  if (typeof conn.sendData !== 'function' || socket == null || typeof socket.cork !== 'function') return maConn
  conn.sendData = (data: Uint8ArrayList): SendResult => writeAll(socket, data)
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

/** The TCP transport of `@libp2p/tcp`, writing each send in one system call. */
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
