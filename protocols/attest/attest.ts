import { randomBytes } from 'node:crypto'
import { pbStream } from '@libp2p/utils'
import { acceptAttestation, describeAttestation, generateX25519, plainBytes, X25519_PUBLIC_KEY_LENGTH } from '../../keys/index.js'
import {
  DEFAULT_MAX_INBOUND_STREAMS, DEFAULT_MAX_OUTBOUND_STREAMS, DEFAULT_TIMEOUT_MS, MAX_ID_LENGTH, MAX_MESSAGE_SIZE, MAX_SUBTASKS, NONCE_LENGTH, PROTOCOL
} from './constants.js'
import { AttestNotAuthorizedError, AttestProtocolError, AttestRefusedError } from './errors.js'
import { AttestRequest, AttestResponse, AttestStatus } from './pb/attest.js'
import type { Attest as AttestInterface, AttestComponents, AttestInit, NegotiateRequest, TeeSession } from './index.js'
import type { NegotiationContext } from '../../keys/index.js'
import type { AbortOptions, Connection, CounterGroup, Logger, PeerId, Startable, Stream } from '@libp2p/interface'

export class Attest implements AttestInterface, Startable {
  private readonly components: AttestComponents
  private readonly init: AttestInit
  private readonly log: Logger
  private readonly timeout: number
  private started = false
  private readonly metrics?: { failures: CounterGroup, refusals: CounterGroup }

  constructor (components: AttestComponents, init: AttestInit) {
    this.components = components
    this.init = init
    this.log = components.logger.forComponent('shulian:attest')
    this.timeout = init.timeout ?? DEFAULT_TIMEOUT_MS
    this.onStream = this.onStream.bind(this)
    const m = components.metrics
    if (m != null) {
      this.metrics = {
        failures: m.registerCounterGroup('shulian_attest_failures_total', { label: 'reason', help: 'attestations of lessors that this renter did not accept, by reason (the refusal code; LESSOR_<code> when the lessor refused)' }),
        refusals: m.registerCounterGroup('shulian_attest_refusals_total', { label: 'reason', help: 'attestation requests this lessor refused, by code' })
      }
    }
  }

  readonly [Symbol.toStringTag] = '@shulian/attest'

  async start (): Promise<void> {
    if (this.init.enclave !== undefined) {
      await this.components.registrar.handle(PROTOCOL, this.onStream, {
        maxInboundStreams: this.init.maxInboundStreams ?? DEFAULT_MAX_INBOUND_STREAMS,
        maxOutboundStreams: this.init.maxOutboundStreams ?? DEFAULT_MAX_OUTBOUND_STREAMS,
        runOnLimitedConnection: this.init.runOnLimitedConnection ?? true
      })
    }
    this.started = true
  }

  async stop (): Promise<void> {
    if (this.init.enclave !== undefined) await this.components.registrar.unhandle(PROTOCOL)
    this.started = false
  }

  isStarted (): boolean {
    return this.started
  }

  /** Lessor side: one renter's request, answered with evidence from the enclave or with an error. */
  async onStream (stream: Stream, connection: Connection): Promise<void> {
    const enclave = this.init.enclave
    const renter = connection.remotePeer
    const signal = AbortSignal.timeout(this.timeout)
    const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE }).pb(AttestResponse)
    try {
      const req = await pb.unwrap().read(AttestRequest, { signal })
      let response: AttestResponse
      try {
        if (enclave === undefined) throw new AttestProtocolError('this node hosts no enclave')
        checkRequest(req)
        await this.init.authorize?.({ renter, leaseId: req.leaseId, subtaskIds: req.subtaskIds }, { signal })
        const context: NegotiationContext = {
          leaseId: req.leaseId,
          subtaskIds: req.subtaskIds,
          renterPeerId: renter.toString(),
          lessorPeerId: this.components.peerId.toString(),
          renterPublicKey: req.renterPublicKey
        }
        const a = await enclave.attest(req.nonce, context, { signal })
        response = {
          status: AttestStatus.OK,
          certificate: plainBytes(a.certificate),
          quote: plainBytes(a.quote),
          enclavePublicKey: plainBytes(a.enclavePublicKey),
          nonce: req.nonce,
          sessionId: a.sessionId,
          errorCode: '',
          error: ''
        }
        this.log('attested session %s for %p, lease %s', a.sessionId, renter, req.leaseId)
      } catch (e: any) {
        if (!isRefusal(e)) throw e
        this.log('refused attestation for %p: %s', renter, e.message)
        response = refusal(e.code === 'ATTEST_PROTOCOL' ? 'BAD_REQUEST' : e.code, e.message)
        this.metrics?.refusals.increment({ [String(response.errorCode || 'UNKNOWN')]: 1 })
      }
      await pb.write(response, { signal })
      await stream.close({ signal })
    } catch (e: any) {
      this.log.error('attestation for %p failed - %e', renter, e)
      stream.abort(e)
    }
  }

  async negotiate (lessor: PeerId, request: NegotiateRequest, options: AbortOptions = {}): Promise<TeeSession> {
    const signal = options.signal === undefined ? AbortSignal.timeout(this.timeout) : AbortSignal.any([options.signal, AbortSignal.timeout(this.timeout)])
    let stream: Stream
    try {
      stream = await this.components.connectionManager.openStream(lessor, PROTOCOL, { signal, runOnLimitedConnection: this.init.runOnLimitedConnection ?? true })
    } catch (e) {
      this.metrics?.failures.increment({ UNREACHABLE: 1 })
      throw e
    }
    return this.negotiateOn(stream, lessor, request, { signal })
  }

  /** Renter side over an open stream: request, verify, derive. */
  async negotiateOn (stream: Stream, lessor: PeerId, request: NegotiateRequest, options: AbortOptions = {}): Promise<TeeSession> {
    try {
      return await this.exchange(stream, lessor, request, options)
    } catch (e: any) {
      this.metrics?.failures.increment({ [failureReason(e)]: 1 })
      throw e
    }
  }

  private async exchange (stream: Stream, lessor: PeerId, request: NegotiateRequest, options: AbortOptions): Promise<TeeSession> {
    const policy = this.init.policy
    if (policy === undefined) throw new Error('attest: negotiate() needs a verification policy (AttestInit.policy)')
    const renterKey = generateX25519()
    const nonce = new Uint8Array(randomBytes(NONCE_LENGTH))
    const req: AttestRequest = { nonce, leaseId: request.leaseId, subtaskIds: [...request.subtaskIds], renterPublicKey: plainBytes(renterKey.publicKey) }
    checkRequest(req)
    const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
    let res: AttestResponse
    try {
      await pb.write(req, AttestRequest, options)
      res = await pb.read(AttestResponse, options)
      await stream.close(options)
    } catch (e: any) {
      stream.abort(e)
      throw e
    }
    if (res.status !== AttestStatus.OK) throw new AttestRefusedError(lessor.toString(), res.errorCode.slice(0, 64), oneLine(res.error))
    if (res.enclavePublicKey.byteLength !== X25519_PUBLIC_KEY_LENGTH) throw new AttestProtocolError(`lessor ${lessor} sent an enclave key of ${res.enclavePublicKey.byteLength} bytes`)
    const context: NegotiationContext = {
      leaseId: request.leaseId,
      subtaskIds: req.subtaskIds,
      renterPeerId: this.components.peerId.toString(),
      lessorPeerId: lessor.toString(),
      renterPublicKey: renterKey.publicKey
    }
    const { verified, keys } = await acceptAttestation({
      offer: { certificate: res.certificate, quote: res.quote, enclavePublicKey: res.enclavePublicKey, nonce: res.nonce },
      sessionId: res.sessionId,
      nonce,
      context,
      renterKey,
      policy
    })
    const description = describeAttestation(verified)
    this.log('negotiated session %s with %p: %s', keys.sessionId, lessor, description)
    return { lessor, leaseId: request.leaseId, subtaskIds: req.subtaskIds, sessionId: keys.sessionId, keys, attestation: verified, description }
  }
}

/** The metric label of a failed negotiation: the refusal's code, else what kind of failure. */
function failureReason (e: any): string {
  if (e instanceof AttestRefusedError) return `LESSOR_${e.lessorCode.replace(/[^A-Z0-9_]/gi, '_') || 'UNKNOWN'}`
  if (typeof e?.code === 'string' && /^[A-Z0-9_]{1,64}$/.test(e.code)) return e.code
  return e?.name === 'AbortError' || e?.name === 'TimeoutError' ? 'TIMEOUT' : 'STREAM'
}

function checkRequest (req: AttestRequest): void {
  if (req.nonce.byteLength !== NONCE_LENGTH) throw new AttestProtocolError(`nonce must be ${NONCE_LENGTH} bytes, got ${req.nonce.byteLength}`)
  if (req.renterPublicKey.byteLength !== X25519_PUBLIC_KEY_LENGTH) throw new AttestProtocolError(`renter key must be ${X25519_PUBLIC_KEY_LENGTH} bytes, got ${req.renterPublicKey.byteLength}`)
  if (req.leaseId.length === 0 || req.leaseId.length > MAX_ID_LENGTH) throw new AttestProtocolError(`lease id must be 1 to ${MAX_ID_LENGTH} characters`)
  if (req.subtaskIds.length === 0 || req.subtaskIds.length > MAX_SUBTASKS) throw new AttestProtocolError(`a request names 1 to ${MAX_SUBTASKS} subtasks`)
  if (req.subtaskIds.some(s => s.length === 0 || s.length > MAX_ID_LENGTH)) throw new AttestProtocolError(`subtask ids must be 1 to ${MAX_ID_LENGTH} characters`)
}

/** Errors whose message is meant for the renter; anything else is a bug and resets the stream. */
function isRefusal (e: any): boolean {
  return e instanceof AttestProtocolError || e instanceof AttestNotAuthorizedError || e?.name === 'EnclaveError' || e?.name === 'EnclaveUnavailableError'
}

function refusal (code: string, message: string): AttestResponse {
  return { status: AttestStatus.ERROR, certificate: new Uint8Array(0), quote: new Uint8Array(0), enclavePublicKey: new Uint8Array(0), nonce: new Uint8Array(0), sessionId: '', errorCode: code, error: oneLine(message) }
}

function oneLine (s: string): string {
  return s.replace(/[\r\n]+/g, ' ').slice(0, 512)
}
