/**
 * Diagnostics a participant serves on its control API: ping another participant through the hubs
 * (round-trip times and the route taken), and echo data off it (integrity and throughput).
 */
import { logger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { ECHO_PROTOCOL, echoRoundTrip } from '../../protocols/diagnostics/echo.js'
import { ApiError } from './server.js'
import type { ShulianNode } from '../shulian-node.js'
import type { PeerId } from '@libp2p/interface'

/** Largest echo a diagnostic may ask for. */
export const MAX_ECHO_BYTES = 1024 * 1024 * 1024

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
    const body = req.body as { pattern?: unknown } | undefined
    const pattern = typeof body?.pattern === 'string' && body.pattern !== '' ? Buffer.from(body.pattern) : undefined
    await connect(node, peer, 30_000)
    const stream = await libp2p.dialProtocol(peer, ECHO_PROTOCOL, { signal: AbortSignal.timeout(30_000) })
    const r = await echoRoundTrip(stream, bytes, { pattern })
    return { body: { ...r, mbPerS: Math.round(bytes / 1e6 / (r.ms / 1000) * 10) / 10, route: node.circuits?.routeTo(peer) ?? [] } }
  })
}
