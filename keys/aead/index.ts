export { AeadPurpose, contextDigest } from './context.js'
export type { AeadContext, AeadPurposeLabel } from './context.js'
export { AEAD_KEY_LENGTH, ChunkOpener, ChunkSealer, DEFAULT_CHUNK_SIZE, FRAME_OVERHEAD, HEADER_LENGTH, MAX_CHUNK_SIZE, MAX_FRAME_LENGTH } from './chunked.js'
export { decryptStream, encryptStream, joinFrames, openBuffer, sealBuffer, splitFrames } from './stream.js'
export type { EncryptOptions } from './stream.js'
export {
  AeadError, AeadKeyMismatchError, AeadMalformedError, AeadReorderedChunkError, AeadReplayedChunkError,
  AeadSplicedChunkError, AeadTamperedChunkError, AeadTrailingDataError, AeadTruncatedError
} from './errors.js'
export type { AeadErrorCode } from './errors.js'
