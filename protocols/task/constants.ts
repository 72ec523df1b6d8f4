/** Protocol id (see README.md). */
export const PROTOCOL = '/shulian/task/1.0.0'

/** Largest TaskRequest (programs are small; see compute PROGRAM_LIMITS). */
export const MAX_REQUEST_SIZE = 1024 * 1024

/** Largest TaskData or TaskEvent message: a chunk of input or result plus framing. */
export const MAX_MESSAGE_SIZE = 2 * 1024 * 1024 + 1024

/** Size of the chunks senders cut input and results into. */
export const CHUNK_SIZE = 1024 * 1024

/** Time to wait for the request, and between two chunks of input, ms. */
export const DEFAULT_IDLE_TIMEOUT = 60_000

/** Longest a subtask may compute, ms. */
export const DEFAULT_COMPUTE_TIMEOUT = 30 * 60_000

/** Largest input a lessor accepts at all, whatever its lease says. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024 * 1024

/** Concurrent subtasks a lessor accepts per connection. */
export const MAX_INBOUND_STREAMS = 8
