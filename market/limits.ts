/** Bounds of what an order may ask for. Anything outside is refused as INVALID ("absurd"). */

export const MAX_CORES = 1024
/** 16 TiB */
export const MAX_MEMORY_MIB = 16 * 1024 * 1024
/** micro-credits per core-hour: at most one million credits */
export const MAX_PRICE = 1_000_000_000_000
/** elements per second a lessor may claim for its HE throughput */
export const MAX_HE_ELEMENTS_PER_S = 1_000_000_000_000
export const MIN_DURATION_S = 1
/** one year */
export const MAX_DURATION_S = 365 * 24 * 3600
/** an order may stand for at most 30 days */
export const MAX_ORDER_LIFETIME_MS = 30 * 24 * 3600 * 1000
/** allowed enclave measurements a BUY may list */
export const MAX_MEASUREMENTS = 64
/** subnets a BUY may avoid or prefer (each list) */
export const MAX_SUBNET_PREFERENCES = 64
export const MEASUREMENT_LENGTH = 32
/** largest encoded SignedOrder */
export const MAX_ORDER_SIZE = 4096
/** largest encoded SignedLease (two orders and the terms) */
export const MAX_LEASE_SIZE = 12 * 1024
/** largest encoded offer record */
export const MAX_OFFER_RECORD_SIZE = 512 * 1024
/** offers in one record: a hub publishes its best ones per resource class */
export const MAX_OFFERS_PER_RECORD = 256
/** ids are 16 bytes (32 hex characters) */
export const ID_LENGTH = 16
/** micro-credits per credit */
export const MICROS = 1_000_000
/** open orders one member may have at its hub at once */
export const MAX_OPEN_ORDERS_PER_MEMBER = 256
