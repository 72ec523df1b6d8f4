/** Protocol id of leases (see README.md). */
export const PROTOCOL = '/shulian/lease/1.0.0'

/** Largest request or response either side reads, bytes (a lease with its two orders is a few KiB). */
export const MAX_MESSAGE_SIZE = 32 * 1024

/** Reading a request, writing a response, and a whole exchange, ms. */
export const DEFAULT_TIMEOUT = 10_000

export const DEFAULT_MAX_INBOUND_STREAMS = 64
export const DEFAULT_MAX_OUTBOUND_STREAMS = 64
