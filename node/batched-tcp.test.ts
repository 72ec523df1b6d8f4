import { strict as assert } from 'node:assert'
import { Socket } from 'node:net'
import { describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { echo } from '@libp2p/echo'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { ECHO_PROTOCOL, echoRoundTrip } from '../protocols/diagnostics/echo.js'
import { Uint8ArrayList } from 'uint8arraylist'
import { GATHER_BYTES, batchedTcp, writeAll } from './batched-tcp.js'
import type { EchoResult } from '../protocols/diagnostics/echo.js'

/**
 * Echo `n` bytes between two in-process peers on loopback; count meanwhile the writes Node hands
 * to a socket's handle (`_writeGeneric`: one `write` or `writev` system call each, corked or not).
 */
async function countWrites (transport: typeof tcp, n: number): Promise<{ writes: number, result: EchoResult }> {
  const make = async (listen: string[]): Promise<Awaited<ReturnType<typeof createLibp2p>>> => createLibp2p({
    addresses: { listen },
    transports: [transport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { echo: echo() }
  })
  const server = await make(['/ip4/127.0.0.1/tcp/0'])
  const client = await make([])
  const proto = Socket.prototype as unknown as { _writeGeneric: (...args: any[]) => unknown }
  const write = proto._writeGeneric
  let writes = 0
  try {
    const addr = server.getMultiaddrs()[0]
    assert.ok(addr != null)
    await echoRoundTrip(await client.dialProtocol(addr, ECHO_PROTOCOL), 64 * 1024)
    proto._writeGeneric = function (this: Socket, ...args: any[]) {
      writes++
      return write.apply(this, args)
    }
    const result = await echoRoundTrip(await client.dialProtocol(addr, ECHO_PROTOCOL), n)
    return { writes, result }
  } finally {
    proto._writeGeneric = write
    await client.stop()
    await server.stop()
  }
}

describe('batchedTcp', () => {
  it('carries a connection intact with far fewer system-call writes than @libp2p/tcp', async () => {
    const n = 8 * 1024 * 1024
    const stock = await countWrites(tcp, n)
    const batched = await countWrites(batchedTcp, n)
    assert.equal(stock.result.intact, true)
    assert.equal(batched.result.intact, true)
    assert.equal(batched.result.received, n)
    // @libp2p/tcp writes a Noise frame's length, header, data pieces and tag one by one
    assert.ok(batched.writes * 2 < stock.writes, `batched ${batched.writes} writes vs stock ${stock.writes}`)
  })
})

/** A TCP connection on loopback: the client socket, and the server handing its side to `onSocket`. */
async function loopback (onSocket: (socket: Socket) => void): Promise<{ client: Socket, close: () => Promise<void> }> {
  const { createServer, connect } = await import('node:net')
  const server = createServer(onSocket)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const client = connect((server.address() as { port: number }).port, '127.0.0.1')
  await new Promise<void>(resolve => client.once('connect', resolve))
  return {
    client,
    close: async () => {
      client.destroy()
      await new Promise<void>(resolve => server.close(() => { resolve() }))
    }
  }
}

describe('writeAll', () => {
  it('gathers the small sends of one turn of the event loop into one write, and writes a large one at once', async () => {
    const chunks: Buffer[] = []
    let serverSocket: Socket | undefined
    const { client, close } = await loopback(socket => {
      serverSocket = socket
      socket.on('data', buf => { chunks.push(buf) })
    })
    const handle = client as unknown as { _writeGeneric: (...args: any[]) => unknown }
    const write = handle._writeGeneric.bind(client)
    let writes = 0
    handle._writeGeneric = (...args: any[]) => { writes++; return write(...args) }
    try {
      // 40 sends of 1 KiB in one turn (as a hub forwards the pieces of what it read): one write
      const expected: number[] = []
      for (let i = 0; i < 40; i++) {
        const piece = new Uint8Array(1024).fill(i)
        expected.push(...piece)
        assert.equal(writeAll(client, new Uint8ArrayList(piece)).canSendMore, true)
      }
      assert.equal(writes, 0, 'nothing is written before the turn ends')
      await new Promise(resolve => setImmediate(resolve))
      assert.equal(writes, 1, 'the turn\'s sends go in one write')
      // a send of GATHER_BYTES or more is written at once, with what waited before it
      writeAll(client, new Uint8ArrayList(new Uint8Array([7])))
      const big = new Uint8Array(GATHER_BYTES).fill(8)
      writeAll(client, new Uint8ArrayList(big))
      expected.push(7, ...big)
      assert.equal(writes, 2, 'a large send does not wait for the turn to end')
      await new Promise(resolve => setImmediate(resolve))
      assert.equal(writes, 2)
      client.end()
      await new Promise<void>(resolve => serverSocket?.once('end', resolve))
      assert.deepEqual([...Buffer.concat(chunks)], expected, 'every byte arrives, in order')
    } finally {
      await close()
    }
  })

  it('takes whole sends, says stop when the peer does not read, and drains when it does', async () => {
    const received: number[] = []
    let serverSocket: Socket | undefined
    const { client, close } = await loopback(socket => {
      serverSocket = socket
      socket.pause()
      socket.on('data', buf => { received.push(buf.byteLength) })
    })
    try {
      const piece = new Uint8Array(64 * 1024).fill(9)
      let sent = 0
      let result = { sentBytes: 0, canSendMore: true }
      // the kernel's buffers on loopback hold a few MB: stop at the first "no more", or fail at 256 MB
      for (let i = 0; i < 256 && result.canSendMore; i++) {
        result = writeAll(client, new Uint8ArrayList(new Uint8Array([1, 2]), piece, piece.subarray(0, 1000), piece))
        assert.equal(result.sentBytes, 2 + 64 * 1024 * 2 + 1000)
        sent += result.sentBytes
      }
      assert.equal(result.canSendMore, false, 'a peer that does not read must stop the sender')
      const drained = new Promise<void>(resolve => client.once('drain', resolve))
      serverSocket?.resume()
      await drained
      client.end()
      await new Promise<void>(resolve => serverSocket?.once('end', resolve))
      assert.equal(received.reduce((a, b) => a + b, 0), sent)
    } finally {
      await close()
    }
  })
})
