/**
 * Diagnostics a participant serves on its control API: ping another participant through the hubs
 * (round-trip times and the route taken), and echo data off it (integrity and throughput).
 */
import { createHash, randomBytes } from 'node:crypto'
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { byteStream } from '@libp2p/utils'
import { ApiError } from './server.js'
import type { ShulianNode } from '../shulian-node.js'
import type { PeerId } from '@libp2p/interface'

const ECHO_PROTOCOL = '/echo/1.0.0'
/** Largest echo a diagnostic may ask for. */
export const MAX_ECHO_BYTES = 1024 * 1024 * 1024
const CHUNK = 64 * 1024
const WINDOW = 3 * 1024 * 1024

function peerParam (body: any): PeerId {
  if (typeof body?.peerId !== 'string') {
    throw new ApiError(400, 'body must name { "peerId": "<peer id>" }')
  }
  try {
    return peerIdFromString(body.peerId)
  } catch {
    throw new ApiError(400, `"${body.peerId}" is not a peer id`)
  }
}

function intParam (body: any, name: string, def: number, min: number, max: number): number {
  const v = body?.[name] ?? def
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new ApiError(400, `${name} must be an integer from ${min} to ${max}`)
  }
  return v
}

const log = logger('shulian:diagnostics')

async function connect (node: ShulianNode, peer: PeerId, timeout: number): Promise<void> {
  try {
    await node.libp2p.dial(peer, { signal: AbortSignal.timeout(timeout) })
  } catch (e: any) {
    log.error('dial %p failed: %e', peer, e)
    // the relay's own one-line reason when there is one (errors may come wrapped in an AggregateError)
    const reason = e.name === 'RelayError' ? e.message : (e.errors?.find((x: any) => x.name === 'RelayError')?.message ?? e.message)
    throw new ApiError(502, `cannot reach ${peer.toString()}: ${reason}`)
  }
}

export function registerDiagnostics (node: ShulianNode): void {
  const { api, libp2p } = node

  api.route('POST', '/ping', async (req) => {
    const peer = peerParam(req.body)
    const count = intParam(req.body, 'count', 3, 1, 100)
    await connect(node, peer, 30_000)
    const rttMs: number[] = []
    for (let i = 0; i < count; i++) {
      rttMs.push(await libp2p.services.ping.ping(peer, { signal: AbortSignal.timeout(10_000) }))
    }
    return { body: { rttMs, route: node.circuits?.routeTo(peer) ?? [libp2p.peerId.toString(), peer.toString()] } }
  })

  api.route('POST', '/echo', async (req) => {
    const peer = peerParam(req.body)
    const bytes = intParam(req.body, 'bytes', 1024 * 1024, 1, MAX_ECHO_BYTES)
    const pattern = typeof req.body === 'object' && typeof (req.body as any).pattern === 'string' ? Buffer.from((req.body as any).pattern) : undefined
    await connect(node, peer, 30_000)
    const started = Date.now()
    const stream = await libp2p.dialProtocol(peer, ECHO_PROTOCOL, { signal: AbortSignal.timeout(30_000) })
    const sent = createHash('sha256')
    const received = createHash('sha256')
    const bs = byteStream(stream)
    let got = 0
    // keep at most WINDOW bytes unanswered: the echo comes back as fast as it goes out, and unread
    // bytes would pile up in the reader's buffer (which resets the stream past 4 MiB)
    let readable: (() => void) | undefined
    const writer = (async () => {
      for (let off = 0; off < bytes; off += CHUNK) {
        while (off - got > WINDOW) {
          await new Promise<void>(resolve => { readable = resolve })
        }
        const n = Math.min(CHUNK, bytes - off)
        const chunk = pattern == null ? randomBytes(n) : Buffer.alloc(n, pattern)
        sent.update(chunk)
        await bs.write(chunk, { signal: AbortSignal.timeout(60_000) })
      }
    })()
    writer.catch(() => {})
    while (got < bytes) {
      const buf = await bs.read({ signal: AbortSignal.timeout(60_000) })
      if (buf == null) break
      got += buf.byteLength
      received.update(buf.subarray())
      readable?.()
      readable = undefined
    }
    await writer
    await stream.close()
    const ms = Date.now() - started
    const intact = got === bytes && sent.digest('hex') === received.digest('hex')
    return { body: { bytes, received: got, intact, ms, mbPerS: Math.round(bytes / 1e6 / (ms / 1000) * 10) / 10, route: node.circuits?.routeTo(peer) ?? [] } }
  })
}
