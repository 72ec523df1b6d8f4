/** Protocol id. */
export const PROTOCOL = '/shulian/attest/1.0.0'
/** Largest message either side reads (a response carries a certificate and a quote of ≤ 4 KiB each). */
export const MAX_MESSAGE_SIZE = 16 * 1024
/** Whole exchange, either side. */
export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_MAX_INBOUND_STREAMS = 8
export const DEFAULT_MAX_OUTBOUND_STREAMS = 8
export const NONCE_LENGTH = 32
export const MAX_ID_LENGTH = 256
export const MAX_SUBTASKS = 4096
