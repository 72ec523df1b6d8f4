/**
 * The lessor side of `/shulian/task/1.0.0`: take a subtask from a renter that holds a lease for it,
 * receive the protected input, compute on it (HE evaluation here, or inside the enclave for TEE
 * modes), and stream the protected result back. The lessor node never sees the renter's plaintext.
 */
import { pbStream } from '@libp2p/utils'
import { JOB } from '../../compute/enclave/index.js'
import { ACK_EVERY, CHUNK_SIZE, DEFAULT_COMPUTE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, MAX_INBOUND_STREAMS, MAX_INPUT_BYTES, MAX_MESSAGE_SIZE, MAX_REQUEST_SIZE, OFFERED_INPUT_WINDOW, PROTOCOL } from './constants.js'
import { TaskError } from './errors.js'
import { TaskData, TaskEvent, TaskRequest } from './pb/task.js'
import type { Enclave } from '../../compute/enclave/index.js'
import type { ComponentLogger, Connection, CounterGroup, HistogramGroup, Logger, Metrics, PeerId, Startable, Stream } from '@libp2p/interface'
import type { Registrar } from '@libp2p/interface-internal'

export type TaskMode = 'he' | 'tee' | 'tee+he'

export const MODE_NAMES: Record<TaskRequest.Mode, TaskMode | undefined> = {
  [TaskRequest.Mode.MODE_UNSET]: undefined,
  [TaskRequest.Mode.HE]: 'he',
  [TaskRequest.Mode.TEE]: 'tee',
  [TaskRequest.Mode.TEE_HE]: 'tee+he'
}

export interface TaskAuthorizeRequest {
  renter: PeerId
  leaseId: string
  subtaskId: string
  mode: TaskMode
  inputBytes: number
}

/** A granted subtask slot under a lease; released when the subtask ends. */
export interface TaskGrant {
  release: () => void
}

export interface TaskLessorInit {
  /** Check the lease (names this lessor and this renter, in force, mode, memory, cores) or throw a `TaskError`. */
  authorize: (request: TaskAuthorizeRequest, options: { signal: AbortSignal }) => Promise<TaskGrant>
  /** HE evaluation of an EncryptedInput (compute `evaluateSubtask`); absent: HE tasks are refused. */
  evaluateHe?: (input: Uint8Array) => Promise<Uint8Array>
  /** The enclave for TEE modes; absent: TEE tasks are refused. */
  enclave?: () => Enclave | undefined
  idleTimeout?: number
  computeTimeout?: number
  /** Sees every input chunk this node receives (tests: the lessor never holds plaintext). */
  tap?: (chunk: Uint8Array) => void
}

export interface TaskLessorComponents {
  registrar: Registrar
  logger: ComponentLogger
  metrics?: Metrics
}

/** Buckets of `shulian_task_seconds`: a fraction of a second to half an hour. */
const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]

const ID = /^[A-Za-z0-9._:-]{1,128}$/

export class TaskLessor implements Startable {
  private readonly components: TaskLessorComponents
  private readonly init: TaskLessorInit
  private readonly log: Logger
  private shutdown = new AbortController()
  private readonly metrics?: { subtasks: CounterGroup, seconds: HistogramGroup, heRefused: CounterGroup }

  constructor (components: TaskLessorComponents, init: TaskLessorInit) {
    this.components = components
    this.init = init
    this.log = components.logger.forComponent('shulian:task:lessor')
    const m = components.metrics
    if (m != null) {
      this.metrics = {
        subtasks: m.registerCounterGroup('shulian_task_subtasks_total', { label: 'outcome', help: 'subtasks this lessor took, by outcome (done, or the error code sent to the renter)' }),
        seconds: m.registerHistogramGroup('shulian_task_seconds', { label: 'mode', help: 'from a subtask\'s acceptance to its last result byte, by protection mode', buckets: SECONDS_BUCKETS }),
        heRefused: m.registerCounterGroup('shulian_he_objects_refused_total', { label: 'reason', help: 'received HE objects (keys, ciphertexts, parameters) refused, by reason' })
      }
    }
  }

  readonly [Symbol.toStringTag] = 'shulian:task:lessor'

  async start (): Promise<void> {
    this.shutdown = new AbortController()
    await this.components.registrar.handle(PROTOCOL, (stream, connection) => { void this.onStream(stream, connection) }, {
      maxInboundStreams: MAX_INBOUND_STREAMS,
      // every participant runs this service and is a renter too: its own subtasks go out on this protocol
      maxOutboundStreams: MAX_INBOUND_STREAMS
    })
  }

  async stop (): Promise<void> {
    this.shutdown.abort(new TaskError('CANCELLED', 'the lessor is stopping'))
    await this.components.registrar.unhandle(PROTOCOL)
  }

  private async onStream (stream: Stream, connection: Connection): Promise<void> {
    // input up to the window offered in ACCEPTED, and one message more, may wait here unread
    const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE, maxBufferSize: OFFERED_INPUT_WINDOW + 2 * MAX_MESSAGE_SIZE })
    const idle = (): AbortSignal => AbortSignal.any([AbortSignal.timeout(this.init.idleTimeout ?? DEFAULT_IDLE_TIMEOUT), this.shutdown.signal])
    let grant: TaskGrant | undefined
    try {
      const req = await pb.read(TaskRequest, { signal: idle() }).catch((err: Error) => {
        throw new TaskError('MALFORMED', `unreadable request: ${err.message}`)
      })
      const mode = this.check(req)
      grant = await this.init.authorize({ renter: connection.remotePeer, leaseId: req.leaseId, subtaskId: req.subtaskId, mode, inputBytes: Number(req.inputBytes) }, { signal: idle() })
      await pb.write({ ...event(TaskEvent.Kind.ACCEPTED), window: BigInt(OFFERED_INPUT_WINDOW) }, TaskEvent, { signal: idle() })
      this.log('subtask %s of lease %s from %p: %s, %d bytes', req.subtaskId, req.leaseId, connection.remotePeer, mode, Number(req.inputBytes))
      const started = Date.now()
      const results = mode === 'he' ? this.runHe(pb, req, idle) : this.runTee(pb, req, mode, idle)
      let sent = 0
      for await (const chunk of results) {
        // a TEE result is a chunked-AEAD stream: each RESULT carries exactly one frame
        const step = mode === 'tee' ? Math.max(chunk.byteLength, 1) : CHUNK_SIZE
        if (step > MAX_MESSAGE_SIZE - 1024) throw new TaskError('FAILED', `the enclave produced a ${step}-byte frame, over the protocol's limit`)
        for (let at = 0; at < chunk.byteLength; at += step) {
          const piece = chunk.subarray(at, at + step)
          await pb.write({ ...event(TaskEvent.Kind.RESULT), chunk: piece as Uint8Array<ArrayBuffer> }, TaskEvent, { signal: idle() })
          sent += piece.byteLength
        }
      }
      await pb.write({ ...event(TaskEvent.Kind.DONE), computeMs: BigInt(Date.now() - started), done: BigInt(sent) }, TaskEvent, { signal: idle() })
      await stream.close({ signal: idle() })
      this.metrics?.subtasks.increment({ done: 1 })
      this.metrics?.seconds.observe({ [mode]: (Date.now() - started) / 1000 })
    } catch (err: any) {
      const e = err instanceof TaskError ? err : new TaskError(err.name === 'HeObjectError' || err.name === 'EnclaveError' || err.name === 'ProgramError' ? 'BAD_INPUT' : 'FAILED', err.message ?? String(err))
      this.metrics?.subtasks.increment({ [e.code]: 1 })
      if (err?.name === 'HeObjectError') this.metrics?.heRefused.increment({ [String(err.code ?? 'unknown')]: 1 })
      this.log('subtask from %p refused or failed: %s %s', connection.remotePeer, e.code, e.message)
      try {
        await pb.write({ ...event(TaskEvent.Kind.ERROR), code: e.code, message: oneLine(e.message) }, TaskEvent, { signal: AbortSignal.timeout(5_000) })
        await stream.close({ signal: AbortSignal.timeout(5_000) })
      } catch {
        stream.abort(e)
      }
    } finally {
      grant?.release()
    }
  }

  private check (req: TaskRequest): TaskMode {
    const mode = MODE_NAMES[req.mode]
    if (mode === undefined) throw new TaskError('MALFORMED', 'no mode')
    if (!ID.test(req.leaseId) || !ID.test(req.subtaskId)) throw new TaskError('MALFORMED', 'lease and subtask ids are 1-128 characters of A-Z a-z 0-9 . _ : -')
    if (req.inputBytes > BigInt(MAX_INPUT_BYTES)) throw new TaskError('OVER_LEASE', `input of ${req.inputBytes} bytes is over this lessor's limit of ${MAX_INPUT_BYTES}`)
    if (req.program.byteLength > MAX_REQUEST_SIZE) throw new TaskError('MALFORMED', 'program too large')
    if (mode === 'he' && this.init.evaluateHe === undefined) throw new TaskError('MODE_UNAVAILABLE', 'this lessor does not evaluate HE subtasks')
    if (mode !== 'he') {
      if (this.init.enclave?.() === undefined) throw new TaskError('MODE_UNAVAILABLE', 'this lessor has no enclave')
      if (req.sessionId === '') throw new TaskError('MALFORMED', 'TEE modes need the attested session id')
      if (mode === 'tee+he' && req.hePublicBundle.byteLength === 0) throw new TaskError('MALFORMED', 'tee+he needs the renter\'s HE public key')
    }
    return mode
  }

  /** The renter's input chunks, checked against the declared size, with progress events. */
  private async * input (pb: ReturnType<typeof pbStream<Stream>>, total: number, idle: () => AbortSignal): AsyncGenerator<Uint8Array> {
    let got = 0
    let reported = 0
    while (true) {
      const data = await pb.read(TaskData, { signal: idle() })
      if (data.chunk.byteLength > 0) {
        got += data.chunk.byteLength
        if (got > total) throw new TaskError('MALFORMED', `more input than the ${total} bytes declared`)
        this.init.tap?.(data.chunk)
        // resumes once the executor has taken the chunk: acknowledge it, so the renter sends more
        yield data.chunk
        if (got - reported >= ACK_EVERY || got === total) {
          reported = got
          await pb.write({ ...event(TaskEvent.Kind.PROGRESS), phase: 'receiving', done: BigInt(got), total: BigInt(total) }, TaskEvent, { signal: idle() })
        }
      }
      if (data.end) break
    }
    if (got !== total) throw new TaskError('MALFORMED', `input ended after ${got} of the ${total} bytes declared`)
  }

  private async * runHe (pb: ReturnType<typeof pbStream<Stream>>, req: TaskRequest, idle: () => AbortSignal): AsyncGenerator<Uint8Array> {
    const total = Number(req.inputBytes)
    const input = new Uint8Array(total)
    let at = 0
    for await (const chunk of this.input(pb, total, idle)) {
      input.set(chunk, at)
      at += chunk.byteLength
    }
    await pb.write({ ...event(TaskEvent.Kind.PROGRESS), phase: 'computing' }, TaskEvent, { signal: idle() })
    yield await withTimeout((this.init.evaluateHe as NonNullable<TaskLessorInit['evaluateHe']>)(input), this.init.computeTimeout ?? DEFAULT_COMPUTE_TIMEOUT)
  }

  private async * runTee (pb: ReturnType<typeof pbStream<Stream>>, req: TaskRequest, mode: TaskMode, idle: () => AbortSignal): AsyncGenerator<Uint8Array> {
    const enclave = this.init.enclave?.() as Enclave
    yield * enclave.run({
      sessionId: req.sessionId,
      leaseId: req.leaseId,
      subtaskId: req.subtaskId,
      program: JOB,
      params: req.program,
      resultProtection: mode === 'tee+he' ? 'he' : 'aead',
      hePublicKey: req.hePublicBundle
    }, this.input(pb, Number(req.inputBytes), idle), { signal: AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(this.init.computeTimeout ?? DEFAULT_COMPUTE_TIMEOUT)]) })
  }
}

function event (kind: TaskEvent.Kind): TaskEvent {
  return { kind, phase: '', done: 0n, total: 0n, chunk: new Uint8Array(0), code: '', message: '', computeMs: 0n, window: 0n }
}

function oneLine (s: string): string {
  return s.replace(/\s+/g, ' ').slice(0, 500)
}

async function withTimeout<T> (p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([p, new Promise<never>((_resolve, reject) => { timer = setTimeout(() => { reject(new TaskError('FAILED', `computation took longer than ${Math.round(ms / 1000)} s`)) }, ms) })])
  } finally {
    clearTimeout(timer)
  }
}
