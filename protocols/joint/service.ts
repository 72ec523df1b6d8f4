/**
 * The responder side of `/shulian/joint/1.0.0`. On the partner (C) it passes OPEN, SHARE, ROUND and
 * FINISH to the partner's handlers (node/joint); on a lessor (B) it runs RUN in the attested enclave
 * under a lease and, for FORWARD, delivers the enclave's HE-encrypted share to the partner itself.
 */
import { JOINT_LINREG } from '../../compute/enclave/index.js'
import { EnclaveOp, JointShare } from '../../compute/joint/index.js'
import {
  DEFAULT_COMPUTE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, MAX_INBOUND_STREAMS, MAX_RUN_INPUT, PROTOCOL
} from './constants.js'
import { JointProtocolError } from './errors.js'
import { JointConstants, JointRequest, JointResponse } from './pb/joint.js'
import { sendShare } from './client.js'
import { bytesBigint, framed, oneLine, readBlobs, response, writeBlobs } from './wire.js'
import type { Pb } from './wire.js'
import type { Enclave } from '../../compute/enclave/index.js'
import type { TaskAuthorizeRequest, TaskGrant } from '../../protocols/task/index.js'
import type { AbortOptions, ComponentLogger, Connection, Logger, PeerId, Startable, Stream } from '@libp2p/interface'
import type { Registrar } from '@libp2p/interface-internal'
import { peerIdFromString } from '@libp2p/peer-id'

/** OPEN as the partner's handler gets it. */
export interface JointOpenRequest {
  trainingId: string
  /** rounds the renter has completed (0: a new training) */
  round: number
  idColumn: string
  features: string[]
  rows: number
  idDigest: Uint8Array
  heParams: Uint8Array
  hePublicKey: Uint8Array
  shareKey: Uint8Array
  ranges: Array<{ lessor: string, start: number, rows: number }>
  step: number
}

export interface JointShareIn {
  trainingId: string
  round: number
  start: number
  rows: number
  keyFingerprint: Uint8Array
  tag: Uint8Array
  ciphertexts: Uint8Array[]
}

/** What the partner sends back for a round, and how it finishes the round with the renter's constants. */
export interface JointRoundOutput {
  residuals: Uint8Array[][]
  masked: Uint8Array[]
  commit: (constants: bigint[]) => Promise<void>
}

/** The partner's side (C), provided by the node while it serves data. Throw JointProtocolError to refuse. */
export interface JointPartnerHandlers {
  open: (from: PeerId, req: JointOpenRequest, options: AbortOptions) => Promise<{ round: number }>
  share: (from: PeerId, share: JointShareIn) => Promise<void>
  round: (from: PeerId, trainingId: string, round: number, options: AbortOptions) => Promise<JointRoundOutput>
  finish: (from: PeerId, trainingId: string, renterOffset: number) => Promise<void>
}

export interface JointServiceInit {
  /** partner side: the handlers while this node serves data (undefined: NOT_SERVING) */
  partner?: () => JointPartnerHandlers | undefined
  /** lessor side: the lease checks of /shulian/task/1.0.0 */
  authorize?: (request: TaskAuthorizeRequest, options: { signal: AbortSignal }) => Promise<TaskGrant>
  /** lessor side: the enclave (absent: RUN is refused) */
  enclave?: () => Enclave | undefined
  idleTimeout?: number
  computeTimeout?: number
  /** Sees every payload this node receives or sends on the protocol (audits and tests: what a lessor's node or the partner holds). */
  tap?: (role: 'lessor' | 'partner', bytes: Uint8Array) => void
}

export interface JointServiceComponents {
  registrar: Registrar
  connectionManager: { openStream: (peer: PeerId, protocol: string, options?: AbortOptions & { runOnLimitedConnection?: boolean }) => Promise<Stream> }
  logger: ComponentLogger
}

type Handler = (pb: Pb, req: JointRequest, connection: Connection, stream: Stream) => Promise<void>

const ID = /^[A-Za-z0-9._:-]{1,128}$/

export class JointService implements Startable {
  private readonly components: JointServiceComponents
  private readonly init: JointServiceInit
  private readonly log: Logger
  private shutdown = new AbortController()
  private readonly handlers: Partial<Record<JointRequest.Kind, Handler>>

  constructor (components: JointServiceComponents, init: JointServiceInit) {
    this.components = components
    this.init = init
    this.log = components.logger.forComponent('shulian:joint')
    this.handlers = {
      [JointRequest.Kind.OPEN]: async (pb, req, c) => { await this.onOpen(pb, req, c) },
      [JointRequest.Kind.SHARE]: async (pb, req, c) => { await this.onShare(pb, req, c) },
      [JointRequest.Kind.ROUND]: async (pb, req, c) => { await this.onRound(pb, req, c) },
      [JointRequest.Kind.FINISH]: async (pb, req, c) => { await this.onFinish(pb, req, c) },
      [JointRequest.Kind.RUN]: async (pb, req, c) => { await this.onRun(pb, req, c) }
    }
  }

  readonly [Symbol.toStringTag] = 'shulian:joint'

  async start (): Promise<void> {
    this.shutdown = new AbortController()
    await this.components.registrar.handle(PROTOCOL, (stream, connection) => { void this.onStream(stream, connection) }, {
      maxInboundStreams: MAX_INBOUND_STREAMS,
      maxOutboundStreams: MAX_INBOUND_STREAMS,
      runOnLimitedConnection: true
    })
  }

  async stop (): Promise<void> {
    this.shutdown.abort(new JointProtocolError('FAILED', 'the node is stopping'))
    await this.components.registrar.unhandle(PROTOCOL)
  }

  private idle (): AbortSignal {
    return AbortSignal.any([AbortSignal.timeout(this.init.idleTimeout ?? DEFAULT_IDLE_TIMEOUT), this.shutdown.signal])
  }

  private computing (): AbortSignal {
    return AbortSignal.any([AbortSignal.timeout(this.init.computeTimeout ?? DEFAULT_COMPUTE_TIMEOUT), this.shutdown.signal])
  }

  private async onStream (stream: Stream, connection: Connection): Promise<void> {
    const pb = framed(stream)
    try {
      const req = await pb.read(JointRequest, { signal: this.idle() }).catch((err: Error) => {
        throw new JointProtocolError('MALFORMED', `unreadable request: ${err.message}`)
      })
      if (!ID.test(req.trainingId)) throw new JointProtocolError('MALFORMED', 'training ids are 1-128 characters of A-Z a-z 0-9 . _ : -')
      const handler = this.handlers[req.kind]
      if (handler === undefined) throw new JointProtocolError('MALFORMED', `unknown request kind ${req.kind}`)
      await handler(pb, req, connection, stream)
      await stream.close({ signal: this.idle() })
    } catch (err: any) {
      // an HE object from a peer that does not load (keys/he validation) does not decode: MALFORMED, not FAILED
      const code = err.name === 'TaskError' ? err.code : err.name === 'EnclaveError' ? 'BAD_INPUT' : err.name === 'HeObjectError' ? 'MALFORMED' : 'FAILED'
      const e = err instanceof JointProtocolError ? err : new JointProtocolError(code, err.message ?? String(err))
      this.log('joint request from %p refused or failed: %s %s', connection.remotePeer, e.code, e.message)
      try {
        await pb.write(response({ kind: JointResponse.Kind.ERROR, code: e.code, message: oneLine(e.message) }), JointResponse, { signal: AbortSignal.timeout(5_000) })
        await stream.close({ signal: AbortSignal.timeout(5_000) })
      } catch {
        stream.abort(e)
      }
    }
  }

  private partner (): JointPartnerHandlers {
    const p = this.init.partner?.()
    if (p === undefined) throw new JointProtocolError('NOT_SERVING', 'this node serves no data for joint trainings now (run `shulian joint serve` on it)')
    return p
  }

  private async onOpen (pb: Pb, req: JointRequest, c: Connection): Promise<void> {
    const partner = this.partner()
    for (const b of [req.heParams, req.hePublicKey, req.idDigest, req.shareKey]) this.init.tap?.('partner', b)
    const r = await partner.open(c.remotePeer, {
      trainingId: req.trainingId,
      round: req.round,
      idColumn: req.idColumn,
      features: req.features,
      rows: req.rows,
      idDigest: req.idDigest,
      heParams: req.heParams,
      hePublicKey: req.hePublicKey,
      shareKey: req.shareKey,
      ranges: req.ranges.map(x => ({ lessor: x.lessor, start: x.start, rows: x.rows })),
      step: req.step
    }, { signal: this.computing() })
    await pb.write(response({ round: r.round }), JointResponse, { signal: this.idle() })
  }

  private async onShare (pb: Pb, req: JointRequest, c: Connection): Promise<void> {
    const partner = this.partner()
    const ciphertexts = await readBlobs(pb, req.blobs, () => this.idle())
    for (const b of ciphertexts) this.init.tap?.('partner', b)
    await partner.share(c.remotePeer, { trainingId: req.trainingId, round: req.round, start: req.start, rows: req.shareRows, keyFingerprint: req.keyFingerprint, tag: req.tag, ciphertexts })
    await pb.write(response(), JointResponse, { signal: this.idle() })
  }

  private async onRound (pb: Pb, req: JointRequest, c: Connection): Promise<void> {
    const partner = this.partner()
    const out = await partner.round(c.remotePeer, req.trainingId, req.round, { signal: this.computing() })
    const blobs = [...out.residuals.flat(), ...out.masked]
    await pb.write(response({ blobs: blobs.length, residualCounts: out.residuals.map(r => r.length), masked: out.masked.length, round: req.round }), JointResponse, { signal: this.idle() })
    await writeBlobs(pb, blobs, () => this.idle())
    // the renter decrypts meanwhile
    const constants = await pb.read(JointConstants, { signal: this.computing() })
    for (const b of constants.values) this.init.tap?.('partner', b)
    if (constants.values.length !== out.masked.length) throw new JointProtocolError('MALFORMED', `${constants.values.length} constants for ${out.masked.length} masked sums`)
    await out.commit(constants.values.map(bytesBigint))
    await pb.write(response({ round: req.round }), JointResponse, { signal: this.idle() })
  }

  private async onFinish (pb: Pb, req: JointRequest, c: Connection): Promise<void> {
    if (!Number.isFinite(req.renterOffset)) throw new JointProtocolError('MALFORMED', 'the renter offset is not a finite number')
    await this.partner().finish(c.remotePeer, req.trainingId, req.renterOffset)
    await pb.write(response(), JointResponse, { signal: this.idle() })
  }

  private async onRun (pb: Pb, req: JointRequest, c: Connection): Promise<void> {
    const enclave = this.init.enclave?.()
    if (enclave === undefined || this.init.authorize === undefined) throw new JointProtocolError('MODE_UNAVAILABLE', 'this node has no enclave for joint runs')
    if (!ID.test(req.leaseId) || !ID.test(req.subtaskId) || req.sessionId === '') throw new JointProtocolError('MALFORMED', 'RUN needs lease and subtask ids (1-128 characters of A-Z a-z 0-9 . _ : -) and the attested session id')
    let op: EnclaveOp
    try {
      op = EnclaveOp.decode(req.params)
    } catch {
      throw new JointProtocolError('MALFORMED', 'RUN parameters do not decode')
    }
    const forward = op.op === EnclaveOp.Op.FORWARD
    let partner: PeerId | undefined
    if (forward) {
      try {
        partner = peerIdFromString(req.partner)
      } catch {
        throw new JointProtocolError('MALFORMED', 'a FORWARD run names no valid partner peer id')
      }
      if (req.hePublicBundle.byteLength === 0) throw new JointProtocolError('MALFORMED', 'a FORWARD run needs the renter\'s HE public key')
    }
    const grant = await this.init.authorize({ renter: c.remotePeer, leaseId: req.leaseId, subtaskId: req.subtaskId, mode: 'tee+he', inputBytes: 0 }, { signal: this.idle() })
    try {
      const frames = await readBlobs(pb, req.blobs, () => this.idle(), MAX_RUN_INPUT)
      for (const b of frames) this.init.tap?.('lessor', b)
      const out: Uint8Array[] = []
      for await (const chunk of enclave.run({
        sessionId: req.sessionId,
        leaseId: req.leaseId,
        subtaskId: req.subtaskId,
        program: JOINT_LINREG,
        params: req.params,
        resultProtection: forward ? 'he' : 'aead',
        ...(forward ? { hePublicKey: req.hePublicBundle } : {})
      }, frames, { signal: this.computing() })) {
        this.init.tap?.('lessor', chunk)
        out.push(chunk)
      }
      if (!forward) {
        await pb.write(response({ blobs: out.length }), JointResponse, { signal: this.idle() })
        await writeBlobs(pb, out, () => this.idle())
        return
      }
      // the share goes to the partner, never back: only the partner can combine it
      let share: JointShare
      try {
        share = JointShare.decode(Buffer.concat(out))
      } catch {
        throw new JointProtocolError('FAILED', 'the enclave\'s share does not decode')
      }
      const to = partner as PeerId
      let bytes: number
      try {
        const stream = await this.components.connectionManager.openStream(to, PROTOCOL, { signal: this.idle(), runOnLimitedConnection: true })
        bytes = await sendShare(stream, share, { signal: this.computing() })
      } catch (err: any) {
        throw new JointProtocolError(err instanceof JointProtocolError && err.code !== 'FAILED' ? err.code : 'PARTNER_FAILED', `the partner ${to.toString()} did not take the share of round ${share.round}: ${err.message}`)
      }
      this.log('round %d share of %d rows forwarded to %p (%d bytes)', share.round, share.rows, to, bytes)
      await pb.write(response({ forwardedBytes: BigInt(bytes) }), JointResponse, { signal: this.idle() })
    } finally {
      grant.release()
    }
  }
}
