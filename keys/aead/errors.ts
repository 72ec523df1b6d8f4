/**
 * Why a chunked-AEAD stream was refused. Every refusal has its own class and `code`, so a caller
 * (and a test) can tell truncation from reordering from tampering.
 *
 * The labels of reorder, replay and splice come from the clear frame header (stream id, chunk
 * index). That header is bound into each chunk's nonce and AAD, so an attacker who edits it only
 * changes which refusal is raised: no chunk is ever accepted out of place.
 */
export type AeadErrorCode =
  | 'AEAD_MALFORMED'
  | 'AEAD_KEY_MISMATCH'
  | 'AEAD_TRUNCATED'
  | 'AEAD_REORDERED'
  | 'AEAD_REPLAYED'
  | 'AEAD_SPLICED'
  | 'AEAD_TAMPERED'
  | 'AEAD_TRAILING_DATA'

/** Base class of every chunked-AEAD refusal. */
export class AeadError extends Error {
  static name = 'AeadError'
  readonly code: AeadErrorCode

  constructor (code: AeadErrorCode, message: string) {
    super(message)
    this.name = 'AeadError'
    this.code = code
  }
}

/** A header or frame that is not a chunked-AEAD encoding at all (wrong magic, version, size). */
export class AeadMalformedError extends AeadError {
  static name = 'AeadMalformedError'

  constructor (message: string) {
    super('AEAD_MALFORMED', message)
    this.name = 'AeadMalformedError'
  }
}

/** The stream was sealed under another key, or for another lease, subtask or purpose. */
export class AeadKeyMismatchError extends AeadError {
  static name = 'AeadKeyMismatchError'

  constructor () {
    super('AEAD_KEY_MISMATCH', 'encrypted stream was not sealed for this key, lease, subtask and purpose')
    this.name = 'AeadKeyMismatchError'
  }
}

/** The stream ended before its final chunk. */
export class AeadTruncatedError extends AeadError {
  static name = 'AeadTruncatedError'
  readonly chunksReceived: number

  constructor (chunksReceived: number) {
    super('AEAD_TRUNCATED', `encrypted stream truncated: it ended after ${chunksReceived} chunk(s) without its final chunk`)
    this.name = 'AeadTruncatedError'
    this.chunksReceived = chunksReceived
  }
}

/** A chunk arrived ahead of its place: chunks were reordered or one was dropped. */
export class AeadReorderedChunkError extends AeadError {
  static name = 'AeadReorderedChunkError'
  readonly expected: number
  readonly received: number

  constructor (expected: number, received: number) {
    super('AEAD_REORDERED', `encrypted stream out of order: expected chunk ${expected}, got chunk ${received}`)
    this.name = 'AeadReorderedChunkError'
    this.expected = expected
    this.received = received
  }
}

/** A chunk that was already received came again. */
export class AeadReplayedChunkError extends AeadError {
  static name = 'AeadReplayedChunkError'
  readonly expected: number
  readonly received: number

  constructor (expected: number, received: number) {
    super('AEAD_REPLAYED', `encrypted stream replayed: chunk ${received} came again where chunk ${expected} was expected`)
    this.name = 'AeadReplayedChunkError'
    this.expected = expected
    this.received = received
  }
}

/** A chunk of another stream (another subtask, lease, purpose or message) was spliced in. */
export class AeadSplicedChunkError extends AeadError {
  static name = 'AeadSplicedChunkError'
  readonly index: number

  constructor (index: number) {
    super('AEAD_SPLICED', `encrypted stream spliced: chunk ${index} belongs to another stream`)
    this.name = 'AeadSplicedChunkError'
    this.index = index
  }
}

/** A chunk in its right place failed authentication: its bytes were changed. */
export class AeadTamperedChunkError extends AeadError {
  static name = 'AeadTamperedChunkError'
  readonly index: number

  constructor (index: number) {
    super('AEAD_TAMPERED', `encrypted stream tampered with: chunk ${index} failed authentication`)
    this.name = 'AeadTamperedChunkError'
    this.index = index
  }
}

/** Data arrived after the final chunk. */
export class AeadTrailingDataError extends AeadError {
  static name = 'AeadTrailingDataError'

  constructor (chunks: number) {
    super('AEAD_TRAILING_DATA', `encrypted stream extended: data after its final chunk (chunk ${chunks - 1})`)
    this.name = 'AeadTrailingDataError'
  }
}
