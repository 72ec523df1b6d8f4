import { MAX_DEFINITION_SIZE } from '../../topology/index.js'

/** Protocol id of network definition pushes (see README.md). */
export const PROTOCOL = '/shulian/network/1.0.0'

/** Largest NetworkOffer accepted: the largest definition plus its signature and framing. */
export const MAX_MESSAGE_SIZE = MAX_DEFINITION_SIZE + 1024

/** Largest NetworkOfferResponse accepted. */
export const MAX_RESPONSE_SIZE = 4096

/** Time allowed for one push (offer and response), ms. */
export const DEFAULT_TIMEOUT = 10_000

/** A push that failed in transit (not refused) is tried again this many times while the peer stays connected. */
export const DEFAULT_RETRIES = 3

/** First delay before trying a failed push again, ms (doubles each time). */
export const DEFAULT_RETRY_DELAY = 1_000

export const MAX_INBOUND_STREAMS = 2
export const MAX_OUTBOUND_STREAMS = 2
