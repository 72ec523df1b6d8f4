/**
 * The host side of the simulated enclave, living in the lessor node's process: starts the enclave
 * as a separate OS process and relays frames to and from it over a pipe (fd 3), with size limits.
 * It never holds the platform key, the session keys or plaintext: what passes here is ciphertext,
 * public keys, quotes and program parameters.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { logger } from '@libp2p/logger'
import { EnclaveKind, MAX_FRAME_LENGTH, plainBytes } from '../../../keys/index.js'
import { EnclaveError, EnclaveUnavailableError } from '../errors.js'
import { FrameDecoder, framePrefix } from '../ipc/framing.js'
import { AttestRequest, AttestResult, CloseSession, EnclaveMessage, Kind, Ready, ResultProtection, RunBegin } from '../ipc/pb/enclave.js'
import { SIMULATED_ENCLAVE_ENTRY } from './entry.js'
import { AsyncQueue } from './queue.js'
import type { Enclave, EnclaveAttestation, EnclaveTask } from '../enclave.js'
import type { EnclaveErrorCode } from '../errors.js'
import type { NegotiationContext } from '../../../keys/index.js'
import type { AbortOptions } from '@libp2p/interface'
import type { ChildProcess } from 'node:child_process'
import type { Socket } from 'node:net'

const log = logger('shulian:enclave:host')

/** IPC frame limit: one AEAD frame (≤ 1 MiB + overhead) plus the envelope, with room to spare. */
export const DEFAULT_MAX_IPC_FRAME = 2 * 1024 * 1024
export const DEFAULT_START_TIMEOUT_MS = 15_000
const STOP_TIMEOUT_MS = 5_000
const WRITE_BUFFER = 4 * 1024 * 1024

export type TapDirection = 'to-enclave' | 'from-enclave'

export interface SimulatedEnclaveInit {
  /** Data directory holding `tee/platform.key` and `tee/platform.cert` (`shulian tee provision`). */
  platformDir: string
  maxFrameSize?: number
  /** Decrypted input bytes one run may hold inside the enclave. */
  maxInputBytes?: number
  startTimeoutMs?: number
  /** Sees every byte the host writes to or reads from the enclave pipe (tests, audits). */
  tap?: (direction: TapDirection, bytes: Uint8Array) => void
}

/** Start a simulated enclave process and wait until it is ready. */
export async function startSimulatedEnclave (init: SimulatedEnclaveInit): Promise<SimulatedEnclave> {
  const enclave = new SimulatedEnclave(init)
  await enclave.start()
  return enclave
}

export class SimulatedEnclave implements Enclave {
  readonly kind = EnclaveKind.SIMULATED
  readonly simulated = true
  private readonly init: SimulatedEnclaveInit
  private readonly maxFrameSize: number
  private readonly pending = new Map<number, (msg: EnclaveMessage) => void>()
  private child: ChildProcess | undefined
  private pipe: Socket | undefined
  private lastId = 0
  private ready: AsyncQueue<EnclaveMessage> | undefined
  private closed: Error | undefined
  private _measurement: Uint8Array | undefined

  constructor (init: SimulatedEnclaveInit) {
    this.init = init
    this.maxFrameSize = init.maxFrameSize ?? DEFAULT_MAX_IPC_FRAME
  }

  get measurement (): Uint8Array {
    if (this._measurement === undefined) throw new EnclaveUnavailableError('simulated enclave not started')
    return this._measurement
  }

  /** The enclave process id (for tests and operators). */
  get pid (): number | undefined {
    return this.child?.pid
  }

  async start (): Promise<void> {
    const args = [SIMULATED_ENCLAVE_ENTRY, '--platform-dir', this.init.platformDir, '--max-frame', String(this.maxFrameSize)]
    if (this.init.maxInputBytes !== undefined) args.push('--max-input', String(this.init.maxInputBytes))
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] })
    this.child = child
    this.pipe = child.stdio[3] as Socket
    this.ready = new AsyncQueue()
    const decoder = new FrameDecoder(this.maxFrameSize, {
      onFrame: frame => { this.onFrame(frame) },
      onOversized: length => { log.error('enclave sent an oversized frame of %d bytes; skipped', length) }
    })
    this.pipe.on('data', (chunk: Buffer) => {
      this.init.tap?.('from-enclave', chunk)
      decoder.push(chunk)
    })
    this.pipe.on('error', e => { log.error('enclave pipe error - %e', e) })
    child.on('exit', (code, signal) => { this.onExit(code, signal) })

    const signal = AbortSignal.timeout(this.init.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS)
    let msg: EnclaveMessage
    try {
      msg = await this.ready.next(signal)
    } catch (e: any) {
      await this.stop()
      throw new EnclaveUnavailableError(`simulated enclave did not start: ${e.message}`)
    }
    if (msg.kind !== Kind.READY) {
      await this.stop()
      throw new EnclaveUnavailableError(`simulated enclave did not start: ${msg.error}`)
    }
    const ready = Ready.decode(msg.body)
    if (!ready.simulated || ready.measurement.byteLength !== 32) throw new EnclaveUnavailableError('simulated enclave sent a malformed READY')
    this._measurement = ready.measurement
    this.ready = undefined
    log('simulated enclave pid %d ready', child.pid)
  }

  async attest (nonce: Uint8Array, context: NegotiationContext, options: AbortOptions = {}): Promise<EnclaveAttestation> {
    const body = AttestRequest.encode({
      nonce: plainBytes(nonce),
      leaseId: context.leaseId,
      subtaskIds: [...context.subtaskIds],
      renterPeerId: context.renterPeerId,
      lessorPeerId: context.lessorPeerId,
      renterPublicKey: plainBytes(context.renterPublicKey)
    })
    const reply = await this.request(Kind.ATTEST, body, Kind.ATTEST_OK, options)
    const r = AttestResult.decode(reply.body)
    return { certificate: r.certificate, quote: r.quote, enclavePublicKey: r.enclavePublicKey, sessionId: r.sessionId }
  }

  async * run (task: EnclaveTask, input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: AbortOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
    const id = this.nextId()
    const queue = new AsyncQueue<EnclaveMessage>()
    let stopped = false
    let finished = false
    this.pending.set(id, msg => {
      if (msg.kind === Kind.ERROR) stopped = finished = true
      if (msg.kind === Kind.RUN_DONE) finished = true
      queue.push(msg)
    })
    try {
      await this.send(id, Kind.RUN_BEGIN, RunBegin.encode({
        sessionId: task.sessionId,
        leaseId: task.leaseId,
        subtaskId: task.subtaskId,
        program: task.program,
        params: plainBytes(task.params),
        protection: task.resultProtection === 'he' ? ResultProtection.HE : ResultProtection.AEAD,
        hePublicKey: plainBytes(task.hePublicKey ?? new Uint8Array(0))
      }))
      const pump = (async () => {
        for await (const frame of input) {
          if (stopped) return
          if (frame.byteLength > MAX_FRAME_LENGTH) throw new EnclaveError('FRAME_TOO_LARGE', `input frame of ${frame.byteLength} bytes exceeds the ${MAX_FRAME_LENGTH}-byte limit`)
          await this.send(id, Kind.RUN_DATA, frame)
        }
        if (!stopped) await this.send(id, Kind.RUN_END, new Uint8Array(0))
      })()
      pump.catch(e => {
        stopped = true
        queue.fail(e)
      })
      for (;;) {
        const msg = await queue.next(options.signal)
        if (msg.kind === Kind.RUN_RESULT) yield msg.body
        else if (msg.kind === Kind.RUN_DONE) break
        else throw toError(msg)
      }
      await pump
    } finally {
      stopped = true
      this.pending.delete(id)
      // abandoned (consumer stopped early, aborted, input failed): free the enclave's run state
      if (!finished) await this.send(id, Kind.RUN_CANCEL, new Uint8Array(0)).catch(() => {})
    }
  }

  async closeSession (sessionId: string, options: AbortOptions = {}): Promise<void> {
    await this.request(Kind.CLOSE_SESSION, CloseSession.encode({ sessionId }), Kind.OK, options)
  }

  async stop (): Promise<void> {
    const child = this.child
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    this.pipe?.end()
    const timer = setTimeout(() => { child.kill('SIGKILL') }, STOP_TIMEOUT_MS)
    try {
      await exited
    } finally {
      clearTimeout(timer)
    }
  }

  private async request (kind: Kind, body: Uint8Array, expect: Kind, options: AbortOptions): Promise<EnclaveMessage> {
    const id = this.nextId()
    const queue = new AsyncQueue<EnclaveMessage>()
    this.pending.set(id, msg => { queue.push(msg) })
    try {
      await this.send(id, kind, body)
      const msg = await queue.next(options.signal)
      if (msg.kind !== expect) throw toError(msg)
      return msg
    } finally {
      this.pending.delete(id)
    }
  }

  private nextId (): number {
    this.lastId = this.lastId >= 0xffffffff ? 1 : this.lastId + 1
    return this.lastId
  }

  private async send (id: number, kind: Kind, body: Uint8Array): Promise<void> {
    const pipe = this.pipe
    if (this.closed !== undefined || pipe === undefined || pipe.destroyed) throw this.closed ?? new EnclaveUnavailableError('simulated enclave not started')
    const message = EnclaveMessage.encode({ id, kind, body: plainBytes(body), errorCode: '', error: '' })
    const prefix = framePrefix(message.byteLength)
    this.init.tap?.('to-enclave', prefix)
    this.init.tap?.('to-enclave', message)
    pipe.write(prefix)
    pipe.write(message)
    // the pipe's own high-water mark (16 KiB) would make every 64 KiB frame wait for a drain, a
    // round trip through both event loops; buffer up to WRITE_BUFFER before waiting instead
    if (pipe.writableLength > WRITE_BUFFER) await once(pipe, 'drain')
  }

  private onFrame (frame: Uint8Array): void {
    let msg: EnclaveMessage
    try {
      msg = EnclaveMessage.decode(frame)
    } catch {
      log.error('undecodable frame from the enclave; skipped')
      return
    }
    if (msg.id === 0) {
      if (this.ready !== undefined) this.ready.push(msg)
      else log('enclave refused an unreadable request: %s %s', msg.errorCode, msg.error)
      return
    }
    this.pending.get(msg.id)?.(msg)
  }

  private onExit (code: number | null, signal: string | null): void {
    this.closed = new EnclaveUnavailableError(`simulated enclave process exited (${signal ?? `code ${code}`})`)
    log('enclave process exited: %s', this.closed.message)
    this.ready?.fail(this.closed)
    const fail: EnclaveMessage = { id: 0, kind: Kind.ERROR, body: new Uint8Array(0), errorCode: 'ENCLAVE_UNAVAILABLE', error: this.closed.message }
    for (const deliver of this.pending.values()) deliver(fail)
  }
}

function toError (msg: EnclaveMessage): Error {
  if (msg.errorCode === 'ENCLAVE_UNAVAILABLE') return new EnclaveUnavailableError(msg.error)
  if (msg.kind === Kind.ERROR) return new EnclaveError(msg.errorCode as EnclaveErrorCode, `enclave refused: ${msg.error}`)
  return new EnclaveError('BAD_REQUEST', `unexpected answer of kind ${msg.kind} from the enclave`)
}
