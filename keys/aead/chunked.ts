/**
 * STREAM-style chunked AES-256-GCM (Hoang, Reyhanitabar, Rogaway, Vizár 2015; the layout follows
 * Tink's AES-GCM-HKDF streaming AEAD):
 *
 * - a fresh 16-byte salt per stream; the stream key is HKDF-SHA256(session key, salt,
 *   context digest), so each stream (and each lease, subtask and purpose) has its own AES key and
 *   nonces never repeat under one key;
 * - chunk `i` is sealed with nonce `0^7 ‖ u32be(i) ‖ final`, and AAD `context digest ‖ frame
 *   header`, so a chunk is only accepted at its own index, in its own stream, with the right final
 *   flag: truncation, reordering, replay and splicing all fail authentication;
 * - the header carries a key-check value, so a wrong key or context is refused before any chunk
 *   (and AES-GCM, which is not key-committing, gets a commitment to the stream key).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { bytesEqual, concatBytes, encodeFields } from '../encoding.js'
import { contextDigest } from './context.js'
import {
  AeadKeyMismatchError, AeadMalformedError, AeadReorderedChunkError, AeadReplayedChunkError,
  AeadSplicedChunkError, AeadTamperedChunkError, AeadTrailingDataError, AeadTruncatedError
} from './errors.js'
import type { AeadContext } from './context.js'

/** Bytes of a session key. */
export const AEAD_KEY_LENGTH = 32
/** Plaintext bytes per chunk unless told otherwise. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024
/** The largest chunk a reader accepts: bounds the memory one frame can make it hold. */
export const MAX_CHUNK_SIZE = 1024 * 1024

const MAGIC = new Uint8Array([0x53, 0x4c, 0x41, 0x45]) // "SLAE"
const VERSION = 1
const SALT_LENGTH = 16
const CHECK_LENGTH = 16
const TAG_LENGTH = 16
/** magic ‖ version ‖ salt ‖ key check */
export const HEADER_LENGTH = MAGIC.byteLength + 1 + SALT_LENGTH + CHECK_LENGTH
/** stream id (= salt) ‖ u32be index ‖ flags */
const FRAME_HEADER_LENGTH = SALT_LENGTH + 4 + 1
/** Bytes a frame adds to its chunk's plaintext. */
export const FRAME_OVERHEAD = FRAME_HEADER_LENGTH + TAG_LENGTH
/** The largest frame a reader accepts. */
export const MAX_FRAME_LENGTH = MAX_CHUNK_SIZE + FRAME_OVERHEAD
const FLAG_FINAL = 1
const MAX_CHUNKS = 0xffffffff

interface StreamKeys { aesKey: Uint8Array, check: Uint8Array, aadPrefix: Uint8Array }

function deriveStreamKeys (key: Uint8Array, ctx: AeadContext, salt: Uint8Array): StreamKeys {
  if (key.byteLength !== AEAD_KEY_LENGTH) {
    throw new TypeError(`AEAD key must be ${AEAD_KEY_LENGTH} bytes, got ${key.byteLength}`)
  }
  const digest = contextDigest(ctx)
  const okm = new Uint8Array(hkdfSync('sha256', key, salt, encodeFields('shulian/aead/stream/v1', [digest]), 64))
  return { aesKey: okm.subarray(0, 32), check: okm.subarray(32, 32 + CHECK_LENGTH), aadPrefix: digest }
}

function nonceFor (index: number, final: boolean): Uint8Array {
  const nonce = new Uint8Array(12)
  new DataView(nonce.buffer).setUint32(7, index)
  nonce[11] = final ? 1 : 0
  return nonce
}

function frameHeader (salt: Uint8Array, index: number, final: boolean): Uint8Array {
  const h = new Uint8Array(FRAME_HEADER_LENGTH)
  h.set(salt, 0)
  new DataView(h.buffer).setUint32(SALT_LENGTH, index)
  h[SALT_LENGTH + 4] = final ? FLAG_FINAL : 0
  return h
}

/** Seals the chunks of one stream, in order. Make one per stream; never reuse it. */
export class ChunkSealer {
  readonly header: Uint8Array
  private readonly keys: StreamKeys
  private readonly salt: Uint8Array
  private index = 0
  private done = false

  constructor (key: Uint8Array, ctx: AeadContext) {
    this.salt = new Uint8Array(randomBytes(SALT_LENGTH))
    this.keys = deriveStreamKeys(key, ctx, this.salt)
    this.header = new Uint8Array(HEADER_LENGTH)
    this.header.set(MAGIC, 0)
    this.header[MAGIC.byteLength] = VERSION
    this.header.set(this.salt, MAGIC.byteLength + 1)
    this.header.set(this.keys.check, MAGIC.byteLength + 1 + SALT_LENGTH)
  }

  /** The frame of the next chunk; `final` must be set on the last one, and nothing comes after it. */
  seal (plaintext: Uint8Array, final: boolean): Uint8Array {
    if (this.done) throw new Error('ChunkSealer: stream already finished')
    if (plaintext.byteLength > MAX_CHUNK_SIZE) throw new RangeError(`chunk of ${plaintext.byteLength} bytes exceeds ${MAX_CHUNK_SIZE}`)
    if (this.index >= MAX_CHUNKS) throw new RangeError('stream too long')
    const fh = frameHeader(this.salt, this.index, final)
    const cipher = createCipheriv('aes-256-gcm', this.keys.aesKey, nonceFor(this.index, final), { authTagLength: TAG_LENGTH })
    cipher.setAAD(concatBytes([this.keys.aadPrefix, fh]))
    const frame = new Uint8Array(FRAME_HEADER_LENGTH + plaintext.byteLength + TAG_LENGTH)
    frame.set(fh, 0)
    let at = FRAME_HEADER_LENGTH
    const body = cipher.update(plaintext)
    frame.set(body, at)
    at += body.byteLength
    const tail = cipher.final()
    frame.set(tail, at)
    at += tail.byteLength
    frame.set(cipher.getAuthTag(), at)
    this.index++
    this.done = final
    return frame
  }
}

/** Opens the chunks of one stream, refusing anything out of place. */
export class ChunkOpener {
  private readonly keys: StreamKeys
  private readonly salt: Uint8Array
  private index = 0
  private done = false

  /** Checks the stream header against `key` and `ctx`; throws `AeadKeyMismatchError` if it was sealed for others. */
  constructor (key: Uint8Array, ctx: AeadContext, header: Uint8Array) {
    if (header.byteLength !== HEADER_LENGTH || !bytesEqual(header.subarray(0, MAGIC.byteLength), MAGIC)) {
      throw new AeadMalformedError('not a shulian encrypted stream (bad header)')
    }
    if (header[MAGIC.byteLength] !== VERSION) {
      throw new AeadMalformedError(`encrypted stream version ${header[MAGIC.byteLength]} is not supported (expected ${VERSION})`)
    }
    this.salt = header.slice(MAGIC.byteLength + 1, MAGIC.byteLength + 1 + SALT_LENGTH)
    this.keys = deriveStreamKeys(key, ctx, this.salt)
    if (!bytesEqual(this.keys.check, header.subarray(MAGIC.byteLength + 1 + SALT_LENGTH))) {
      throw new AeadKeyMismatchError()
    }
  }

  /** True once the final chunk was opened. */
  get finished (): boolean {
    return this.done
  }

  /** Chunks opened so far. */
  get chunks (): number {
    return this.index
  }

  /** The plaintext of the next frame, or the refusal that says what is wrong with it. */
  open (frame: Uint8Array): Uint8Array {
    if (this.done) throw new AeadTrailingDataError(this.index)
    if (frame.byteLength < FRAME_OVERHEAD) throw new AeadMalformedError(`encrypted chunk of ${frame.byteLength} bytes is shorter than its ${FRAME_OVERHEAD}-byte overhead`)
    if (frame.byteLength > MAX_FRAME_LENGTH) throw new AeadMalformedError(`encrypted chunk of ${frame.byteLength} bytes exceeds the ${MAX_FRAME_LENGTH}-byte limit`)
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
    const index = view.getUint32(SALT_LENGTH)
    if (!bytesEqual(frame.subarray(0, SALT_LENGTH), this.salt)) throw new AeadSplicedChunkError(index)
    if (index < this.index) throw new AeadReplayedChunkError(this.index, index)
    if (index > this.index) throw new AeadReorderedChunkError(this.index, index)
    const flags = frame[SALT_LENGTH + 4] ?? 0
    if ((flags & ~FLAG_FINAL) !== 0) throw new AeadTamperedChunkError(index)
    const final = (flags & FLAG_FINAL) !== 0
    const decipher = createDecipheriv('aes-256-gcm', this.keys.aesKey, nonceFor(index, final), { authTagLength: TAG_LENGTH })
    decipher.setAAD(concatBytes([this.keys.aadPrefix, frame.subarray(0, FRAME_HEADER_LENGTH)]))
    decipher.setAuthTag(frame.subarray(frame.byteLength - TAG_LENGTH))
    let plaintext: Uint8Array
    try {
      const body = decipher.update(frame.subarray(FRAME_HEADER_LENGTH, frame.byteLength - TAG_LENGTH))
      decipher.final()
      plaintext = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    } catch {
      throw new AeadTamperedChunkError(index)
    }
    this.index++
    this.done = final
    return plaintext
  }

  /** Call when the input ends: throws `AeadTruncatedError` unless the final chunk was opened. */
  end (): void {
    if (!this.done) throw new AeadTruncatedError(this.index)
  }
}
