/** Protocol id of orders (see README.md). */
export const PROTOCOL = '/shulian/orders/1.0.0'

/** Largest request or response either side reads, bytes. */
export const MAX_MESSAGE_SIZE = 2 * 1024 * 1024

/** Most ids in a QUOTE, and most orders a LIST answers with (the newest). */
export const MAX_IDS = 256

/** Reading a request, writing a response, and every exchange but a PLACE, ms. */
export const DEFAULT_TIMEOUT = 10_000

/** A PLACE of a BUY is answered after the hub's first matching round, ms. */
export const DEFAULT_PLACE_TIMEOUT = 60_000

/** Concurrent streams per connection: formations between two hubs run in parallel. */
export const DEFAULT_MAX_INBOUND_STREAMS = 64
export const DEFAULT_MAX_OUTBOUND_STREAMS = 64
