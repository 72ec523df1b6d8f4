/** Protocol id (see README.md). */
export const PROTOCOL = '/shulian/joint/1.0.0'

/** Largest message: one ciphertext, an AEAD frame, or an OPEN with the HE public key. */
export const MAX_MESSAGE_SIZE = 4 * 1024 * 1024

/** Most JointBlob messages after one header (100 M rows of ciphertexts, or a 4 GiB AEAD stream). */
export const MAX_BLOBS = 25_000

/** Largest input of one RUN, whatever its lease says. */
export const MAX_RUN_INPUT = 1024 * 1024 * 1024

/** Wait for the next message, ms. */
export const DEFAULT_IDLE_TIMEOUT = 60_000

/** Longest a partner's round or an enclave run may compute, ms. */
export const DEFAULT_COMPUTE_TIMEOUT = 30 * 60_000

/** Concurrent joint streams per connection. */
export const MAX_INBOUND_STREAMS = 16
