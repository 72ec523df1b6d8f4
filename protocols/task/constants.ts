/** Protocol id (see README.md). */
export const PROTOCOL = '/shulian/task/1.0.0'

/** Largest TaskRequest (programs are small; see compute PROGRAM_LIMITS). */
export const MAX_REQUEST_SIZE = 1024 * 1024

/** Largest TaskData or TaskEvent message: a chunk of input or result plus framing. */
export const MAX_MESSAGE_SIZE = 2 * 1024 * 1024 + 1024

/** Size of the chunks senders cut input and results into. */
export const CHUNK_SIZE = 1024 * 1024

/**
 * Input a renter may have sent that the lessor has not yet acknowledged (PROGRESS receiving). A
 * lessor consumes input at its executor's pace (an enclave may be slower than the network), and
 * what it has not consumed waits in its stream buffer, which resets the stream past 4 MiB.
 */
export const INPUT_WINDOW = 2 * 1024 * 1024

/**
 * The window a shulian lessor offers in ACCEPTED (a renter keeps to `INPUT_WINDOW` when a lessor
 * offers none). Through two hubs a 2 MiB window left HE input waiting for acknowledgements (110 MB
 * took 4.6 s); the lessor reads each subtask stream with a buffer this large plus one message.
 */
export const OFFERED_INPUT_WINDOW = 16 * 1024 * 1024

/** The largest window a renter uses, whatever a lessor offers. */
export const MAX_INPUT_WINDOW = 64 * 1024 * 1024

/** A lessor acknowledges input at least every this many bytes consumed. */
export const ACK_EVERY = 512 * 1024

/** Time to wait for the request, and between two chunks of input, ms. */
export const DEFAULT_IDLE_TIMEOUT = 60_000

/** Longest a subtask may compute, ms. */
export const DEFAULT_COMPUTE_TIMEOUT = 30 * 60_000

/** Largest input a lessor accepts at all, whatever its lease says. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024 * 1024

/** Concurrent subtasks a lessor accepts per connection. */
export const MAX_INBOUND_STREAMS = 8
