/**
 * Joining two streams at a hub: every byte from one is sent on the other, with backpressure, so a
 * hub never holds a transfer in memory. When the onward stream's unsent buffer passes `maxInFlight`
 * (or `send()` says it is full), the hub pauses reading the sending side until the onward side
 * drains; a paused yamux stream stops granting window, and flow control pushes back to the sender.
 * Half-close is carried across, and an error on either side aborts both.
 */
import { PAUSED_READ_BUFFER } from './constants.js'
import type { Stream } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

export type Direction = 'forward' | 'backward'

export interface SpliceInit {
  /** logs half-closes and failures */
  log?: (fmt: string, ...args: any[]) => void
  /** bytes queued on the onward side before the hub stops reading */
  maxInFlight: number
  /** close both streams after this long without bytes either way, ms (0: never) */
  idleTimeout: number
  /** aborts the circuit (hub shutdown) */
  signal?: AbortSignal
  /** called for every chunk the hub forwards (byte counting, audit taps) */
  onData?: (direction: Direction, data: Uint8Array | Uint8ArrayList) => void
}

/**
 * Pipe `a` ⇄ `b` (`forward` is a → b). Resolves when both streams are closed, with the error that
 * ended the circuit, if any.
 */
export async function splice (a: Stream, b: Stream, init: SpliceInit): Promise<Error | undefined> {
  let failure: Error | undefined
  const abortBoth = (err: Error): void => {
    failure ??= err
    if (a.status === 'open' || a.status === 'closing') a.abort(err)
    if (b.status === 'open' || b.status === 'closing') b.abort(err)
  }

  const pump = (src: Stream, dst: Stream, direction: Direction): void => {
    src.maxReadBufferLength = Math.max(src.maxReadBufferLength, PAUSED_READ_BUFFER)
    src.addEventListener('message', (evt) => {
      init.onData?.(direction, evt.data)
      let canSendMore: boolean
      try {
        canSendMore = dst.send(evt.data)
      } catch (err: any) {
        abortBoth(err)
        return
      }
      if (!canSendMore || dst.writeBufferLength > init.maxInFlight) {
        src.pause()
        dst.onDrain({ signal: init.signal }).then(() => {
          if (src.status === 'open') src.resume()
        }, (err) => { abortBoth(err) })
      }
    })
    // every byte of src has been delivered and src will send no more: finish dst's writing side
    src.addEventListener('end', () => {
      init.log?.('%s: sender finished (status %s), closing the onward write side', direction, src.status)
      if (dst.status === 'open') {
        dst.close({ signal: init.signal }).catch(err => { abortBoth(err) })
      }
    })
  }

  const closed = (s: Stream): Promise<void> => new Promise(resolve => {
    if (s.status === 'closed' || s.status === 'aborted' || s.status === 'reset') {
      resolve()
      return
    }
    s.addEventListener('close', (evt) => {
      if (evt.error != null) {
        init.log?.('stream closed with error %s (local %s)', evt.error.message, evt.local)
        abortBoth(evt.error)
      }
      resolve()
    }, { once: true })
  })

  a.inactivityTimeout = init.idleTimeout
  b.inactivityTimeout = init.idleTimeout
  const onAbort = (): void => { abortBoth(init.signal?.reason ?? new Error('relay stopped')) }
  init.signal?.addEventListener('abort', onAbort, { once: true })

  pump(a, b, 'forward')
  pump(b, a, 'backward')
  // reading may have been paused while the circuit was being set up
  a.resume()
  b.resume()

  await Promise.all([closed(a), closed(b)])
  init.signal?.removeEventListener('abort', onAbort)
  return failure
}
