/**
 * The renter side of `/shulian/task/1.0.0`: send one subtask on an open stream, stream its
 * protected input, report progress, and collect the protected result.
 */
import { pbStream } from '@libp2p/utils'
import { CHUNK_SIZE, DEFAULT_COMPUTE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, INPUT_WINDOW, MAX_INPUT_WINDOW, MAX_MESSAGE_SIZE } from './constants.js'
import { TaskError } from './errors.js'
import { TaskData, TaskEvent, TaskRequest } from './pb/task.js'
import type { TaskErrorCode } from './errors.js'
import type { TaskMode } from './lessor.js'
import type { Stream } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface SubtaskRequest {
  leaseId: string
  subtaskId: string
  mode: TaskMode
  program: Uint8Array
  rows: number
  /** TEE modes */
  sessionId?: string
  /** tee+he */
  hePublicBundle?: Uint8Array
}

export interface SubtaskProgress {
  phase: 'sending' | 'receiving' | 'computing' | 'returning'
  done: number
  total: number
}

export interface SubtaskOutcome {
  /** the result as the lessor sent it (HE ciphertext or AEAD frames) */
  result: Uint8Array[]
  bytesSent: number
  bytesReceived: number
  computeMs: number
}

const MODES: Record<TaskMode, TaskRequest.Mode> = { he: TaskRequest.Mode.HE, tee: TaskRequest.Mode.TEE, 'tee+he': TaskRequest.Mode.TEE_HE }

/**
 * Run a subtask on `stream` (opened with the task protocol to the lessor). `input` is the protected
 * input as pieces (TEE modes: one chunked-AEAD frame each, at most 1 MiB; HE: the EncryptedInput as
 * a list, sent in chunks without being joined first); `inputBytes` their
 * total. Throws `TaskError` when the lessor refuses or fails.
 */
export async function runSubtask (stream: Stream, req: SubtaskRequest, input: Iterable<Uint8Array | Uint8ArrayList>, inputBytes: number, options: { signal?: AbortSignal, onProgress?: (p: SubtaskProgress) => void, idleTimeout?: number } = {}): Promise<SubtaskOutcome> {
  const pb = pbStream(stream, { maxDataLength: MAX_MESSAGE_SIZE })
  const idleMs = options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT
  const idle = (): AbortSignal => AbortSignal.any([AbortSignal.timeout(idleMs), ...(options.signal != null ? [options.signal] : [])])
  try {
    await pb.write({
      leaseId: req.leaseId,
      subtaskId: req.subtaskId,
      mode: MODES[req.mode],
      program: req.program as Uint8Array<ArrayBuffer>,
      rows: req.rows,
      inputBytes: BigInt(inputBytes),
      sessionId: req.sessionId ?? '',
      hePublicBundle: (req.hePublicBundle ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>
    }, TaskRequest, { signal: idle() })
    const first = await pb.read(TaskEvent, { signal: idle() })
    failOn(first)
    if (first.kind !== TaskEvent.Kind.ACCEPTED) throw new TaskError('MALFORMED', `the lessor answered ${first.kind} instead of ACCEPTED`)
    // the lessor's window, or the spec's default; never more than we are willing to have in flight
    const window = first.window > 0n ? Math.min(Number(first.window), MAX_INPUT_WINDOW) : INPUT_WINDOW

    let sent = 0
    let acked = 0
    let acknowledged: (() => void) | undefined
    const writer = (async () => {
      for (const piece of input) {
        if (req.mode !== 'he' && piece.byteLength > CHUNK_SIZE) throw new TaskError('MALFORMED', `a TEE input frame of ${piece.byteLength} bytes is over ${CHUNK_SIZE}`)
        for (let at = 0; at < piece.byteLength; at += CHUNK_SIZE) {
          // a list (an HE input as pieces) is joined here, one chunk at a time
          const chunk = piece.subarray(at, Math.min(at + CHUNK_SIZE, piece.byteLength))
          // no more than the window unacknowledged (the lessor's buffer is not ours to fill), but
          // always one chunk when nothing is outstanding
          while (sent > acked && sent - acked + chunk.byteLength > window) {
            await new Promise<void>((resolve, reject) => {
              acknowledged = resolve
              idle().addEventListener('abort', () => { reject(new TaskError('FAILED', 'the lessor stopped acknowledging input')) }, { once: true })
            })
          }
          await pb.write({ chunk: chunk as Uint8Array<ArrayBuffer>, end: false }, TaskData, { signal: idle() })
          sent += chunk.byteLength
          options.onProgress?.({ phase: 'sending', done: sent, total: inputBytes })
        }
      }
      await pb.write({ chunk: new Uint8Array(0), end: true }, TaskData, { signal: idle() })
    })()
    // a failed writer is reported through the reader (the lessor's ERROR, or the stream's end)
    writer.catch(() => {})

    const result: Uint8Array[] = []
    let received = 0
    let computing = false
    while (true) {
      // while the lessor computes, no event comes for a while
      const ev: TaskEvent = await pb.read(TaskEvent, { signal: computing ? AbortSignal.any([AbortSignal.timeout(DEFAULT_COMPUTE_TIMEOUT), ...(options.signal != null ? [options.signal] : [])]) : idle() })
      failOn(ev)
      if (ev.kind === TaskEvent.Kind.PROGRESS) {
        computing = ev.phase === 'computing'
        if (ev.phase === 'receiving') {
          acked = Number(ev.done)
          acknowledged?.()
          acknowledged = undefined
        }
        options.onProgress?.({ phase: ev.phase === 'computing' ? 'computing' : 'receiving', done: Number(ev.done), total: Number(ev.total) })
      } else if (ev.kind === TaskEvent.Kind.RESULT) {
        computing = false
        result.push(ev.chunk)
        received += ev.chunk.byteLength
        options.onProgress?.({ phase: 'returning', done: received, total: 0 })
      } else if (ev.kind === TaskEvent.Kind.DONE) {
        await writer
        await stream.close({ signal: idle() }).catch(() => {})
        return { result, bytesSent: sent, bytesReceived: received, computeMs: Number(ev.computeMs) }
      } else {
        throw new TaskError('MALFORMED', `unexpected event ${ev.kind}`)
      }
    }
  } catch (err: any) {
    stream.abort(err)
    if (err instanceof TaskError) throw err
    throw new TaskError('FAILED', `the subtask stream failed: ${err.message}`)
  }
}

function failOn (ev: TaskEvent): void {
  if (ev.kind === TaskEvent.Kind.ERROR) {
    throw new TaskError((ev.code === '' ? 'FAILED' : ev.code) as TaskErrorCode, ev.message === '' ? 'the lessor gave no reason' : ev.message)
  }
}
