/**
 * The inside of the simulated enclave: holds the session keys and the plaintext, answers the
 * host's requests one message at a time. It only runs in the enclave process (process-main.ts);
 * nothing of the host imports it.
 */
import { logger } from '@libp2p/logger'
import {
  AeadError, AeadPurpose, ChunkOpener, EnclaveKind, computeReportData, concatBytes, deriveSessionKeys, encryptStream,
  generateX25519, negotiationContextDigest, plainBytes, signQuote, x25519SharedSecret
} from '../../../keys/index.js'
import { EnclaveError } from '../errors.js'
import { AttestRequest, AttestResult, CloseSession, EnclaveMessage, Kind, ResultProtection, RunBegin } from '../ipc/pb/enclave.js'
import { EnclaveProgramError } from '../programs.js'
import type { LoadedPlatform, NegotiationContext, SessionKeys } from '../../../keys/index.js'
import type { EnclaveProgram, EnclaveRuntime } from '../programs.js'

const log = logger('shulian:enclave')

export interface EnclaveLimits {
  /** Decrypted input bytes one run may hold. */
  maxInputBytes: number
  /** Sessions kept; the oldest is dropped beyond this. */
  maxSessions: number
  /** Runs in progress at once. */
  maxRuns: number
  /** Session lifetime, ms. */
  sessionTtlMs: number
}

export const DEFAULT_ENCLAVE_LIMITS: EnclaveLimits = {
  maxInputBytes: 512 * 1024 * 1024,
  maxSessions: 1024,
  maxRuns: 16,
  sessionTtlMs: 3600_000
}

/** Largest RUN_RESULT body for an HE result: HE ciphertexts go back in pieces of this size. */
const RESULT_PIECE = 1024 * 1024
const MAX_ID_LENGTH = 256
const MAX_SUBTASKS = 4096

interface Session { keys: SessionKeys, leaseId: string, subtaskIds: Set<string>, expires: number, state: Map<string, unknown> }

interface Run {
  session: Session
  begin: RunBegin
  program: EnclaveProgram
  opener?: ChunkOpener
  parts: Uint8Array[]
  bytes: number
}

export interface EnclaveCoreInit {
  platform: LoadedPlatform
  measurement: Uint8Array
  runtime: EnclaveRuntime
  limits: EnclaveLimits
  send: (msg: EnclaveMessage) => void
}

type Handler = (id: number, body: Uint8Array) => Promise<void>

export class EnclaveCore {
  private readonly init: EnclaveCoreInit
  private readonly sessions = new Map<string, Session>()
  private readonly runs = new Map<number, Run>()
  private readonly handlers: Partial<Record<Kind, Handler>>
  /** Messages of one request id are handled in order; different ids interleave. */
  private readonly chains = new Map<number, Promise<void>>()
  /** runs the host cancelled, until their last message has been handled */
  private readonly cancelled = new Set<number>()

  constructor (init: EnclaveCoreInit) {
    this.init = init
    this.handlers = {
      [Kind.ATTEST]: this.attest.bind(this),
      [Kind.RUN_BEGIN]: this.runBegin.bind(this),
      [Kind.RUN_DATA]: this.runData.bind(this),
      [Kind.RUN_END]: this.runEnd.bind(this),
      [Kind.CLOSE_SESSION]: this.closeSession.bind(this),
      [Kind.RUN_CANCEL]: async (id) => { this.dropRun(id) }
    }
  }

  /** Handle one frame from the host. Never throws: every failure is answered with ERROR. */
  async handleFrame (frame: Uint8Array): Promise<void> {
    let msg: EnclaveMessage
    try {
      msg = EnclaveMessage.decode(frame)
    } catch {
      this.fail(0, new EnclaveError('MALFORMED', `undecodable frame of ${frame.byteLength} bytes`))
      return
    }
    const id = msg.id
    // a cancel takes effect when it arrives. The host sent it before whatever follows, but messages
    // of different ids interleave: a batch of abandoned runs followed by a new run's begin would
    // otherwise have the begin counted against runs whose cancels were still queued (BUSY)
    if (msg.kind === Kind.RUN_CANCEL && id !== 0) {
      this.cancelled.add(id)
      this.dropRun(id)
    }
    const next = (this.chains.get(id) ?? Promise.resolve()).then(async () => { await this.handle(msg) })
    this.chains.set(id, next)
    await next
    if (this.chains.get(id) === next) {
      this.chains.delete(id)
      this.cancelled.delete(id)
    }
  }

  private async handle (msg: EnclaveMessage): Promise<void> {
    // what is still queued of a cancelled run: the host no longer listens for it
    if (this.cancelled.has(msg.id) && msg.kind !== Kind.RUN_CANCEL) return
    const handler = this.handlers[msg.kind]
    if (handler === undefined || msg.id === 0) {
      this.fail(msg.id, new EnclaveError('BAD_REQUEST', msg.id === 0 ? 'request id 0 is reserved' : `unexpected message kind ${msg.kind}`))
      return
    }
    try {
      await handler(msg.id, msg.body)
    } catch (e) {
      this.dropRun(msg.id)
      this.fail(msg.id, e)
    }
  }

  /** Answer an oversized frame; the framing layer skips its bytes. */
  oversized (length: number, limit: number): void {
    this.fail(0, new EnclaveError('FRAME_TOO_LARGE', `frame of ${length} bytes exceeds the ${limit}-byte limit`))
  }

  private async attest (id: number, body: Uint8Array): Promise<void> {
    const req = decode(AttestRequest, body, 'attest request')
    checkLength(req.nonce, 32, 'nonce')
    checkLength(req.renterPublicKey, 32, 'renter public key')
    for (const [v, what] of [[req.leaseId, 'lease id'], [req.renterPeerId, 'renter peer id'], [req.lessorPeerId, 'lessor peer id']] as const) checkId(v, what)
    if (req.subtaskIds.length === 0 || req.subtaskIds.length > MAX_SUBTASKS) throw new EnclaveError('BAD_REQUEST', `a session needs 1 to ${MAX_SUBTASKS} subtask ids`)
    req.subtaskIds.forEach(s => { checkId(s, 'subtask id') })

    const context: NegotiationContext = {
      leaseId: req.leaseId, subtaskIds: req.subtaskIds, renterPeerId: req.renterPeerId, lessorPeerId: req.lessorPeerId, renterPublicKey: req.renterPublicKey
    }
    const ephemeral = generateX25519()
    const secret = x25519SharedSecret(ephemeral.privateKey, req.renterPublicKey)
    const { measurement, platform } = this.init
    const quote = await signQuote(platform.key, {
      measurement,
      reportData: computeReportData(req.nonce, ephemeral.publicKey, negotiationContextDigest(context)),
      timestamp: Date.now(),
      simulated: true,
      enclaveKind: EnclaveKind.SIMULATED
    })
    const keys = deriveSessionKeys(secret, { context, measurement, nonce: req.nonce, enclavePublicKey: ephemeral.publicKey })
    secret.fill(0)
    this.addSession(keys.sessionId, { keys, leaseId: req.leaseId, subtaskIds: new Set(req.subtaskIds), expires: Date.now() + this.init.limits.sessionTtlMs, state: new Map() })
    log('session %s for lease %s (%d subtasks)', keys.sessionId, req.leaseId, req.subtaskIds.length)
    this.reply(id, Kind.ATTEST_OK, AttestResult.encode({
      certificate: plainBytes(platform.certificate), quote: plainBytes(quote), enclavePublicKey: plainBytes(ephemeral.publicKey), sessionId: keys.sessionId
    }))
  }

  private async runBegin (id: number, body: Uint8Array): Promise<void> {
    if (this.runs.has(id)) throw new EnclaveError('BAD_REQUEST', `run ${id} already started`)
    if (this.runs.size >= this.init.limits.maxRuns) throw new EnclaveError('BUSY', `${this.runs.size} runs in progress; try again later`)
    const begin = decode(RunBegin, body, 'run request')
    const session = this.session(begin.sessionId)
    if (begin.leaseId !== session.leaseId || !session.subtaskIds.has(begin.subtaskId)) {
      throw new EnclaveError('NOT_IN_SESSION', `lease ${begin.leaseId.slice(0, 64)} subtask ${begin.subtaskId.slice(0, 64)} is not covered by session ${begin.sessionId}`)
    }
    const program = this.init.runtime.programs.get(begin.program)
    if (program === undefined) throw new EnclaveError('UNKNOWN_PROGRAM', `this enclave build has no program '${begin.program.slice(0, 64)}'`)
    if (begin.protection === ResultProtection.HE) {
      if (this.init.runtime.heEncryptor === undefined) throw new EnclaveError('HE_UNAVAILABLE', 'this enclave build cannot HE-encrypt results (tee+he not wired)')
      if (begin.hePublicKey.byteLength === 0) throw new EnclaveError('BAD_REQUEST', 'tee+he needs the renter\'s HE public key')
    }
    this.runs.set(id, { session, begin, program, parts: [], bytes: 0 })
  }

  private async runData (id: number, frame: Uint8Array): Promise<void> {
    const run = this.run(id)
    if (run.opener === undefined) {
      run.opener = new ChunkOpener(run.session.keys.toEnclave, { purpose: AeadPurpose.data, leaseId: run.begin.leaseId, subtaskId: run.begin.subtaskId }, frame)
      return
    }
    const plain = run.opener.open(frame)
    run.bytes += plain.byteLength
    if (run.bytes > this.init.limits.maxInputBytes) throw new EnclaveError('INPUT_TOO_LARGE', `input exceeds the enclave's ${this.init.limits.maxInputBytes}-byte limit`)
    run.parts.push(plain)
  }

  private async runEnd (id: number): Promise<void> {
    const run = this.run(id)
    if (run.opener === undefined) throw new EnclaveError('AEAD_MALFORMED', 'input stream is empty: no header')
    run.opener.end()
    const input = concatBytes(run.parts, run.bytes)
    run.parts.forEach(p => p.fill(0))
    const { begin } = run
    const context = { leaseId: begin.leaseId, subtaskId: begin.subtaskId, state: run.session.state }
    let output: Uint8Array
    try {
      output = begin.protection === ResultProtection.HE
        ? await (this.init.runtime.heEncryptor as NonNullable<EnclaveRuntime['heEncryptor']>).encrypt(input, begin.params, begin.hePublicKey, begin.program, context)
        : await run.program.run(input, begin.params, context)
    } finally {
      input.fill(0)
      this.runs.delete(id)
    }
    if (begin.protection === ResultProtection.HE) {
      // HE ciphertext under the renter's key: it needs no AEAD to leave the enclave
      for (let at = 0; at < output.byteLength; at += RESULT_PIECE) this.reply(id, Kind.RUN_RESULT, output.subarray(at, at + RESULT_PIECE))
    } else {
      const ctx = { purpose: AeadPurpose.result, leaseId: begin.leaseId, subtaskId: begin.subtaskId }
      for await (const frame of encryptStream(run.session.keys.fromEnclave, ctx, [output])) this.reply(id, Kind.RUN_RESULT, frame)
      output.fill(0)
    }
    this.reply(id, Kind.RUN_DONE, new Uint8Array(0))
  }

  private async closeSession (id: number, body: Uint8Array): Promise<void> {
    const { sessionId } = decode(CloseSession, body, 'close request')
    const s = this.sessions.get(sessionId)
    if (s !== undefined) wipe(s)
    this.sessions.delete(sessionId)
    this.reply(id, Kind.OK, new Uint8Array(0))
  }

  private session (sessionId: string): Session {
    const s = this.sessions.get(sessionId)
    if (s === undefined || s.expires < Date.now()) throw new EnclaveError('UNKNOWN_SESSION', `no session ${sessionId.slice(0, 64)} (expired or never negotiated)`)
    return s
  }

  private addSession (sessionId: string, s: Session): void {
    for (const [k, v] of this.sessions) {
      if (v.expires < Date.now() || this.sessions.size >= this.init.limits.maxSessions) {
        wipe(v)
        this.sessions.delete(k)
      }
    }
    this.sessions.set(sessionId, s)
  }

  private run (id: number): Run {
    const run = this.runs.get(id)
    if (run === undefined) throw new EnclaveError('BAD_REQUEST', `no run ${id} in progress`)
    return run
  }

  private dropRun (id: number): void {
    const run = this.runs.get(id)
    if (run === undefined) return
    run.parts.forEach(p => p.fill(0))
    this.runs.delete(id)
  }

  private reply (id: number, kind: Kind, body: Uint8Array): void {
    this.init.send({ id, kind, body: plainBytes(body), errorCode: '', error: '' })
  }

  private fail (id: number, e: unknown): void {
    let code: string
    let message: string
    if (e instanceof EnclaveError || e instanceof AeadError || e instanceof EnclaveProgramError) {
      code = e.code
      message = e.message
    } else {
      // a bug: keep the details inside, tell the host only that it happened
      log.error('internal error on request %d - %e', id, e)
      code = 'INTERNAL'
      message = 'internal enclave error'
    }
    log('refused request %d: %s %s', id, code, message)
    this.init.send({ id, kind: Kind.ERROR, body: new Uint8Array(0), errorCode: code, error: message })
  }
}

function decode<T> (codec: { decode: (b: Uint8Array) => T }, body: Uint8Array, what: string): T {
  try {
    return codec.decode(body)
  } catch {
    throw new EnclaveError('MALFORMED', `undecodable ${what}`)
  }
}

function checkLength (b: Uint8Array, n: number, what: string): void {
  if (b.byteLength !== n) throw new EnclaveError('BAD_REQUEST', `${what} must be ${n} bytes, got ${b.byteLength}`)
}

function checkId (s: string, what: string): void {
  if (s.length === 0 || s.length > MAX_ID_LENGTH) throw new EnclaveError('BAD_REQUEST', `${what} must be 1 to ${MAX_ID_LENGTH} characters`)
}

function wipe (s: Session): void {
  s.keys.toEnclave.fill(0)
  s.keys.fromEnclave.fill(0)
  for (const v of s.state.values()) (v as { dispose?: () => void } | undefined)?.dispose?.()
  s.state.clear()
}
