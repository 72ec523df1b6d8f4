/**
 * Length-prefixed frames (u32 big-endian length, then the payload) over the host ↔ enclave pipe.
 * The decoder never buffers more than `maxFrameSize` bytes of one frame: an oversized frame is
 * reported and its bytes skipped as they arrive, so a bad frame costs the reader nothing and the
 * stream stays in sync for the next one.
 */

/** Bytes of the length prefix. */
export const FRAME_PREFIX = 4

/** The length prefix of a payload of `length` bytes (write it, then the payload: no copy). */
export function framePrefix (length: number): Uint8Array {
  const out = new Uint8Array(FRAME_PREFIX)
  new DataView(out.buffer).setUint32(0, length)
  return out
}

/** The frame of a payload. */
export function encodeFrame (payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_PREFIX + payload.byteLength)
  new DataView(out.buffer).setUint32(0, payload.byteLength)
  out.set(payload, FRAME_PREFIX)
  return out
}

export interface FrameDecoderEvents {
  /** A whole frame within the size limit. */
  onFrame: (payload: Uint8Array) => void
  /** A frame announced larger than the limit; its bytes will be skipped. */
  onOversized: (length: number) => void
}

/** Incremental decoder: push bytes as they arrive, get frames through the callbacks. */
export class FrameDecoder {
  private readonly maxFrameSize: number
  private readonly events: FrameDecoderEvents
  private prefix = new Uint8Array(FRAME_PREFIX)
  private prefixFill = 0
  private body: Uint8Array | undefined
  private bodyFill = 0
  private skip = 0

  constructor (maxFrameSize: number, events: FrameDecoderEvents) {
    this.maxFrameSize = maxFrameSize
    this.events = events
  }

  push (chunk: Uint8Array): void {
    let at = 0
    while (at < chunk.byteLength) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.byteLength - at)
        this.skip -= n
        at += n
      } else if (this.body !== undefined) {
        const n = Math.min(this.body.byteLength - this.bodyFill, chunk.byteLength - at)
        this.body.set(chunk.subarray(at, at + n), this.bodyFill)
        this.bodyFill += n
        at += n
        if (this.bodyFill === this.body.byteLength) this.emit()
      } else {
        const n = Math.min(FRAME_PREFIX - this.prefixFill, chunk.byteLength - at)
        this.prefix.set(chunk.subarray(at, at + n), this.prefixFill)
        this.prefixFill += n
        at += n
        if (this.prefixFill === FRAME_PREFIX) this.startFrame()
      }
    }
  }

  private startFrame (): void {
    const length = new DataView(this.prefix.buffer).getUint32(0)
    this.prefix = new Uint8Array(FRAME_PREFIX)
    this.prefixFill = 0
    if (length > this.maxFrameSize) {
      this.skip = length
      this.events.onOversized(length)
      return
    }
    this.body = new Uint8Array(length)
    this.bodyFill = 0
    if (length === 0) this.emit()
  }

  private emit (): void {
    const frame = this.body as Uint8Array
    this.body = undefined
    this.bodyFill = 0
    this.events.onFrame(frame)
  }
}
