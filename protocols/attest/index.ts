/**
 * `/shulian/attest/1.0.0`: a renter attests a lessor's enclave and negotiates per-lessor session
 * keys bound to the quote (wire spec in README.md).
 *
 * A lessor node runs the service with its `enclave`; a renter runs it with its verification
 * `policy` and calls `negotiate()`. A node can be both.
 */
import { Attest as AttestClass } from './attest.js'
import type { Enclave } from '../../compute/enclave/index.js'
import type { SessionKeys, VerificationPolicy, VerifiedAttestation } from '../../keys/index.js'
import type { AbortOptions, ComponentLogger, Metrics, PeerId, Stream, StreamHandler, StreamHandlerOptions } from '@libp2p/interface'

export { PROTOCOL as ATTEST_PROTOCOL, MAX_MESSAGE_SIZE as ATTEST_MAX_MESSAGE_SIZE } from './constants.js'
export { AttestNotAuthorizedError, AttestProtocolError, AttestRefusedError } from './errors.js'

/** What a renter asks a lessor's enclave to negotiate. */
export interface NegotiateRequest {
  leaseId: string
  /** Subtasks the session will carry (at least one). */
  subtaskIds: readonly string[]
}

/** A negotiated, attested session with one lessor's enclave. */
export interface TeeSession {
  lessor: PeerId
  leaseId: string
  subtaskIds: readonly string[]
  /** Names the enclave session in tasks. */
  sessionId: string
  keys: SessionKeys
  attestation: VerifiedAttestation
  /** One line for reports; says "simulated TEE" when it is one. */
  description: string
}

/** What the lessor's `authorize` hook gets. */
export interface AttestAuthorizationRequest {
  renter: PeerId
  leaseId: string
  subtaskIds: readonly string[]
}

export interface Attest {
  /** Attest `lessor`'s enclave and derive the session keys. Throws an `AttestationError` when the evidence is refused. */
  negotiate: (lessor: PeerId, request: NegotiateRequest, options?: AbortOptions) => Promise<TeeSession>
}

export interface AttestInit {
  /** Lessor side: the enclave to attest. Without one the node does not handle the protocol. */
  enclave?: Enclave
  /**
   * Lessor side: refuse renters that hold no lease for this lessor (throw
   * `AttestNotAuthorizedError`). Wired to the lease store by the node; default allows all.
   */
  authorize?: (request: AttestAuthorizationRequest, options: AbortOptions) => Promise<void>
  /** Renter side: what evidence to accept. Required to call `negotiate`. */
  policy?: VerificationPolicy
  /** Whole exchange, ms. */
  timeout?: number
  maxInboundStreams?: number
  maxOutboundStreams?: number
  /** Relayed connections may be limited ones; attestation is small, so it runs on them by default. */
  runOnLimitedConnection?: boolean
}

/** The part of libp2p's registrar the service uses. */
export interface AttestRegistrar {
  handle: (protocol: string, handler: StreamHandler, options?: StreamHandlerOptions) => Promise<void>
  unhandle: (protocol: string) => Promise<void>
}

/** The part of libp2p's connection manager the service uses. */
export interface AttestConnectionManager {
  openStream: (peer: PeerId, protocol: string, options?: AbortOptions & { runOnLimitedConnection?: boolean }) => Promise<Stream>
}

export interface AttestComponents {
  peerId: PeerId
  registrar: AttestRegistrar
  connectionManager: AttestConnectionManager
  logger: ComponentLogger
  /** optional: `shulian_attest_failures_total` (renter) and `shulian_attest_refusals_total` (lessor), by reason */
  metrics?: Metrics
}

/** The attest service factory, for `createLibp2p({ services: { attest: attest(init) } })`. */
export function attest (init: AttestInit = {}): (components: AttestComponents) => Attest {
  return (components) => new AttestClass(components, init)
}
