import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { FrameDecoder, encodeFrame } from './framing.js'

describe('IPC framing', () => {
  it('reassembles frames split at any byte and skips oversized ones without losing sync', () => {
    const frames: string[] = []
    const oversized: number[] = []
    const d = new FrameDecoder(8, { onFrame: f => frames.push(Buffer.from(f).toString()), onOversized: n => oversized.push(n) })
    const wire = Buffer.concat([encodeFrame(Buffer.from('abc')), encodeFrame(Buffer.from('x'.repeat(20))), encodeFrame(new Uint8Array(0)), encodeFrame(Buffer.from('12345678'))])
    for (const b of wire) d.push(new Uint8Array([b]))
    assert.deepEqual(frames, ['abc', '', '12345678'])
    assert.deepEqual(oversized, [20])
  })
})
