import { strict as assert } from 'node:assert'
import { Socket } from 'node:net'
import { describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { echo } from '@libp2p/echo'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { Uint8ArrayList } from 'uint8arraylist'
import { ECHO_PROTOCOL, echoRoundTrip } from '../protocols/diagnostics/echo.js'
import { batchedTcp, joinSmallBuffers } from './batched-tcp.js'
import type { EchoResult } from '../protocols/diagnostics/echo.js'

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill)

describe('joinSmallBuffers', () => {
  it('joins small buffers in order, never past the limit, and keeps every byte', () => {
    const pieces = [bytes(2, 1), bytes(12, 2), bytes(40, 3), bytes(16, 4), bytes(90, 5), bytes(3, 6)]
    const list = new Uint8ArrayList(...pieces)
    const joined = joinSmallBuffers(list, 64)
    const out = [...joined]
    assert.deepEqual(out.map(b => b.byteLength), [54, 16, 90, 3])
    assert.deepEqual(joined.subarray(), list.subarray())
  })

  it('passes a buffer larger than the limit on as it is, and a single buffer untouched', () => {
    const big = bytes(100, 7)
    const joined = [...joinSmallBuffers(new Uint8ArrayList(bytes(2, 1), big, bytes(16, 2)), 64)]
    assert.deepEqual(joined.map(b => b.byteLength), [2, 100, 16])
    assert.equal(joined[1], big)
    const one = new Uint8ArrayList(big)
    assert.equal(joinSmallBuffers(one, 64), one)
  })
})

/** Echo `n` bytes between two in-process peers on loopback; count socket.write() calls meanwhile. */
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
  const write = Socket.prototype.write
  let writes = 0
  try {
    const addr = server.getMultiaddrs()[0]
    assert.ok(addr != null)
    await echoRoundTrip(await client.dialProtocol(addr, ECHO_PROTOCOL), 64 * 1024)
    Socket.prototype.write = function (this: Socket, ...args: any[]) {
      writes++
      return (write as any).apply(this, args)
    } as typeof write
    const result = await echoRoundTrip(await client.dialProtocol(addr, ECHO_PROTOCOL), n)
    return { writes, result }
  } finally {
    Socket.prototype.write = write
    await client.stop()
    await server.stop()
  }
}

describe('batchedTcp', () => {
  it('carries a connection intact with far fewer socket writes than @libp2p/tcp', async () => {
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
