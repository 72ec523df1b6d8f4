/**
 * A data round trip over libp2p's echo protocol (`/echo/1.0.0`, @libp2p/echo): send `bytes`, read
 * them back, compare digests. Used by `shulian echo` and by bench/relay.
 */
import { createHash, randomBytes } from 'node:crypto'
import { byteStream } from '@libp2p/utils'
import type { Stream } from '@libp2p/interface'

export const ECHO_PROTOCOL = '/echo/1.0.0'
/**
 * How long a node keeps one echo stream open, ms. Long enough for the largest echo a diagnostic
 * may ask for (1 GiB) at a few MB/s; `maxInboundStreams` bounds how many such streams one
 * connection holds.
 */
export const ECHO_STREAM_TIMEOUT = 15 * 60_000
const CHUNK = 64 * 1024
/**
 * Bytes allowed out but not yet back. The echo returns data as fast as it goes out; unread replies
 * would pile up in the reader's buffer, which resets the stream past 4 MiB.
 */
const WINDOW = 3 * 1024 * 1024

export interface EchoResult {
  bytes: number
  received: number
  intact: boolean
  ms: number
}

export interface EchoOptions {
  /** repeat this text instead of random bytes */
  pattern?: Uint8Array
  /** time allowed without progress, ms */
  timeout?: number
}

/** Echo `bytes` over an open echo stream and close it. */
export async function echoRoundTrip (stream: Stream, bytes: number, options: EchoOptions = {}): Promise<EchoResult> {
  const timeout = options.timeout ?? 60_000
  const started = Date.now()
  const sent = createHash('sha256')
  const received = createHash('sha256')
  const bs = byteStream(stream)
  let got = 0
  let readable: (() => void) | undefined
  const writer = (async () => {
    for (let off = 0; off < bytes; off += CHUNK) {
      while (off - got > WINDOW) {
        await new Promise<void>(resolve => { readable = resolve })
      }
      const n = Math.min(CHUNK, bytes - off)
      const chunk = options.pattern == null ? randomBytes(n) : fill(n, options.pattern)
      sent.update(chunk)
      await bs.write(chunk, { signal: AbortSignal.timeout(timeout) })
    }
  })()
  writer.catch(() => {})
  while (got < bytes) {
    const buf = await bs.read({ signal: AbortSignal.timeout(timeout) })
    if (buf == null) break
    got += buf.byteLength
    received.update(buf.subarray())
    readable?.()
    readable = undefined
  }
  await writer
  await stream.close()
  return { bytes, received: got, intact: got === bytes && sent.digest('hex') === received.digest('hex'), ms: Date.now() - started }
}

function fill (n: number, pattern: Uint8Array): Buffer {
  return Buffer.alloc(n, pattern)
}
