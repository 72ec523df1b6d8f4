import { concatBytes } from '../encoding.js'
import { ChunkOpener, ChunkSealer, DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE, MAX_FRAME_LENGTH } from './chunked.js'
import { AeadMalformedError } from './errors.js'
import type { AeadContext } from './context.js'

export interface EncryptOptions {
  /** Plaintext bytes per chunk (default 64 KiB, at most 1 MiB). */
  chunkSize?: number
}

type Source = AsyncIterable<Uint8Array> | Iterable<Uint8Array>

/**
 * Encrypt a stream of plaintext pieces of any size into frames: first the stream header, then one
 * frame per `chunkSize` bytes of plaintext, the last one marked final. Holds at most one chunk
 * plus one input piece in memory.
 */
export async function * encryptStream (key: Uint8Array, ctx: AeadContext, source: Source, options: EncryptOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`chunkSize must be an integer in [1, ${MAX_CHUNK_SIZE}], got ${chunkSize}`)
  }
  const sealer = new ChunkSealer(key, ctx)
  yield sealer.header
  let pending: Uint8Array[] = []
  let pendingBytes = 0
  const take = (n: number): Uint8Array => {
    const head = pending[0]
    if (head !== undefined && head.byteLength >= n) {
      // the common case (large input pieces): a view, no copy
      if (head.byteLength === n) pending.shift()
      else pending[0] = head.subarray(n)
      pendingBytes -= n
      return head.subarray(0, n)
    }
    const out = new Uint8Array(n)
    let at = 0
    while (at < n) {
      const head = pending[0] as Uint8Array
      const want = Math.min(n - at, head.byteLength)
      out.set(head.subarray(0, want), at)
      at += want
      if (want === head.byteLength) pending.shift()
      else pending[0] = head.subarray(want)
    }
    pendingBytes -= n
    return out
  }
  for await (const piece of source) {
    if (piece.byteLength === 0) continue
    pending.push(piece)
    pendingBytes += piece.byteLength
    // only a chunk with more bytes behind it is known not to be the last
    while (pendingBytes > chunkSize) {
      yield sealer.seal(take(chunkSize), false)
    }
  }
  const last = take(pendingBytes)
  pending = []
  yield sealer.seal(last, true)
}

/**
 * Decrypt frames made by `encryptStream`, yielding each chunk's plaintext once it authenticated.
 * Every yielded chunk is authentic and in place, but the stream as a whole is only complete when
 * the iteration ends without an error: a truncated stream throws `AeadTruncatedError` at its end,
 * so consumers must not act on a partial result.
 */
export async function * decryptStream (key: Uint8Array, ctx: AeadContext, frames: Source): AsyncGenerator<Uint8Array, void, undefined> {
  let opener: ChunkOpener | undefined
  for await (const frame of frames) {
    if (opener === undefined) {
      opener = new ChunkOpener(key, ctx, frame)
      continue
    }
    yield opener.open(frame)
  }
  if (opener === undefined) throw new AeadMalformedError('encrypted stream is empty: no header')
  opener.end()
}

/** Encrypt a whole buffer into one byte string: its frames, each prefixed with its u32be length. */
export async function sealBuffer (key: Uint8Array, ctx: AeadContext, plaintext: Uint8Array, options: EncryptOptions = {}): Promise<Uint8Array> {
  const frames: Uint8Array[] = []
  for await (const f of encryptStream(key, ctx, [plaintext], options)) frames.push(f)
  return joinFrames(frames)
}

/** Decrypt a byte string made by `sealBuffer`, refusing more than `maxPlaintext` bytes of output. */
export async function openBuffer (key: Uint8Array, ctx: AeadContext, sealed: Uint8Array, maxPlaintext = Number.MAX_SAFE_INTEGER): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let total = 0
  for await (const p of decryptStream(key, ctx, splitFrames(sealed))) {
    total += p.byteLength
    if (total > maxPlaintext) throw new AeadMalformedError(`decrypted data exceeds the ${maxPlaintext}-byte limit`)
    parts.push(p)
  }
  return concatBytes(parts, total)
}

/** Length-prefix and concatenate frames (the `sealBuffer` layout). */
export function joinFrames (frames: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(frames.reduce((n, f) => n + 4 + f.byteLength, 0))
  const view = new DataView(out.buffer)
  let at = 0
  for (const f of frames) {
    view.setUint32(at, f.byteLength)
    out.set(f, at + 4)
    at += 4 + f.byteLength
  }
  return out
}

/** The frames of a `sealBuffer` byte string, refusing frames over the size limit or cut short. */
export function * splitFrames (sealed: Uint8Array): Generator<Uint8Array, void, undefined> {
  const view = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  let at = 0
  while (at < sealed.byteLength) {
    if (at + 4 > sealed.byteLength) throw new AeadMalformedError('encrypted buffer cut inside a frame length')
    const len = view.getUint32(at)
    if (len > MAX_FRAME_LENGTH) throw new AeadMalformedError(`encrypted frame of ${len} bytes exceeds the ${MAX_FRAME_LENGTH}-byte limit`)
    if (at + 4 + len > sealed.byteLength) throw new AeadMalformedError('encrypted buffer cut inside a frame')
    yield sealed.subarray(at + 4, at + 4 + len)
    at += 4 + len
  }
}
