/**
 * `/ipfs/ping/1.0.0` and `/echo/1.0.0` (protocols/diagnostics/README.md): a hub answers a member
 * directly, a participant answers another participant over a circuit.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { byteStream } from '@libp2p/utils'
import { ECHO_PROTOCOL, echoRoundTrip } from '../../../protocols/diagnostics/echo.js'
import { relayedConnection } from '../circuit.js'
import { endedWithin } from '../context.js'
import type { TargetContext } from '../context.js'
import type { ProtocolSuite } from '../requirement.js'
import type { Stream } from '@libp2p/interface'

const PING = '/ipfs/ping/1.0.0'

/** A stream of `protocol` to the target as a peer it serves: a member for a hub, a peer over a circuit for a participant. */
async function open (ctx: TargetContext, protocol: string): Promise<{ stream: Stream, done: () => Promise<void> }> {
  if (ctx.role === 'hub') {
    const stream = await ctx.open('member', protocol)
    return { stream, done: async () => { stream.abort(new Error('done')) } }
  }
  const conn = await relayedConnection(ctx, await ctx.node('peer'))
  const stream = await conn.newStream(protocol, { signal: AbortSignal.timeout(ctx.options.timeout) })
  return { stream, done: async () => { await conn.close().catch(() => {}) } }
}

/** Write `size` random bytes and read as many back: undefined when the same bytes came back, else what happened. */
async function bounce (ctx: TargetContext, bs: ReturnType<typeof byteStream<Stream>>, size: number): Promise<string | undefined> {
  const payload = randomBytes(size)
  await bs.write(payload, { signal: AbortSignal.timeout(ctx.options.timeout) })
  const back = await bs.read({ bytes: size, signal: AbortSignal.timeout(ctx.options.timeout) })
  return back == null ? 'the node ended the stream' : Buffer.from(back.subarray()).equals(payload) ? undefined : 'another payload came back'
}

export const suite: ProtocolSuite = {
  protocol: PING,
  name: 'diag',
  readme: 'protocols/diagnostics/README.md',
  requirements: [
    {
      id: 'diag-1.1',
      must: 'ping: each 32-byte payload comes back unchanged, on one stream',
      quote: 'A node MUST send back every 32-byte payload of a ping stream unchanged, in order, on the same stream',
      run: async (ctx) => {
        const { stream, done } = await open(ctx, PING)
        try {
          const bs = byteStream(stream)
          for (let i = 0; i < 3; i++) {
            const wrong = await bounce(ctx, bs, 32)
            assert.equal(wrong, undefined, `round ${i + 1}: ${wrong}`)
          }
        } finally {
          await done()
        }
      }
    },
    {
      id: 'diag-1.2',
      must: 'ping: a stream held open is ended by the node within its 10 s timeout',
      quote: 'A node MUST end a ping stream that is still open after its ping timeout (10 s)',
      slow: true,
      run: async (ctx) => {
        const { stream, done } = await open(ctx, PING)
        try {
          await byteStream(stream).write(randomBytes(32), { signal: AbortSignal.timeout(ctx.options.timeout) })
          await endedWithin(stream, 15_000)
        } finally {
          await done()
        }
      }
    },
    {
      id: 'diag-2.1',
      must: 'echo: 4 MiB come back intact, and the stream ends after ours',
      quote: 'A node MUST write back every byte it reads on an echo stream, in order and unchanged',
      run: async (ctx) => {
        const { stream, done } = await open(ctx, ECHO_PROTOCOL)
        try {
          const r = await echoRoundTrip(stream, 4 * 1024 * 1024, { timeout: ctx.options.timeout })
          assert.equal(r.received, 4 * 1024 * 1024)
          assert.equal(r.intact, true, 'the bytes came back changed')
        } finally {
          await done()
        }
      }
    },
    {
      id: 'diag-2.2',
      must: 'echo: a stream still echoes 25 s after it opened (longer than @libp2p/echo\'s 20 s default)',
      quote: 'A node MUST keep an echo stream open for at least 15 minutes while bytes flow',
      slow: true,
      run: async (ctx) => {
        const { stream, done } = await open(ctx, ECHO_PROTOCOL)
        try {
          const bs = byteStream(stream)
          const opened = Date.now()
          // a trickle: a few bytes every second, each read back before the next, past the 20 s mark
          for (let i = 0; Date.now() - opened < 25_000; i++) {
            if (stream.status !== 'open') throw new Error(`after ${Math.round((Date.now() - opened) / 1000)} s: stream ${stream.status}, read ${stream.readStatus}, write ${stream.writeStatus}, remote write ${stream.remoteWriteStatus}, remote read ${stream.remoteReadStatus}`)
            const wrong = await bounce(ctx, bs, 16)
            assert.equal(wrong, undefined, `after ${Math.round((Date.now() - opened) / 1000)} s (payload ${i + 1}): ${wrong}`)
            await new Promise(resolve => setTimeout(resolve, 1000))
          }
        } finally {
          await done()
        }
      }
    }
  ]
}
