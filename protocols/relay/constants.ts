/** Protocol id of hub relaying (see README.md). */
export const PROTOCOL = '/shulian/relay/1.0.0'

/** Largest RelayRequest / RelayResponse accepted, bytes. */
export const MAX_MESSAGE_SIZE = 4096

/** Longest route a request may carry (participant, hub, hub, participant). */
export const MAX_ROUTE_LENGTH = 4

/** Time allowed for the handshake of one hop (request + response), ms. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 10_000

/** A circuit with no bytes in either direction for this long is closed, ms. */
export const DEFAULT_IDLE_TIMEOUT = 120_000

/** Circuits one member may have open through its hub at once (as source or target). */
export const DEFAULT_MAX_CIRCUITS_PER_MEMBER = 16

/** Circuits one hub carries at once, in total. */
export const DEFAULT_MAX_CIRCUITS = 256

/**
 * Bytes a hub holds in flight per circuit and direction before it stops reading from the sending
 * side (the onward stream's unsent buffer). Flow control then pushes back to the sender.
 */
export const DEFAULT_MAX_IN_FLIGHT = 1024 * 1024

/**
 * Read buffer allowed on a relayed stream while it is paused. A paused yamux stream stops granting
 * window, but the sender may still use the window it holds (up to yamux's 16 MiB maximum), so the
 * default 4 MiB cap would reset a healthy circuit.
 */
export const PAUSED_READ_BUFFER = 17 * 1024 * 1024

/** The address component that marks a relayed connection. */
export const CIRCUIT = 'p2p-circuit'
