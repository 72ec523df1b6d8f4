import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { AeadPurpose, decryptStream, encryptStream, openBuffer, sealBuffer } from './index.js'
import type { AeadContext } from './index.js'

const key = new Uint8Array(randomBytes(32))
const ctx: AeadContext = { purpose: AeadPurpose.data, leaseId: 'lease-1', subtaskId: 'sub-1' }

async function frames (plaintext: Uint8Array, c: AeadContext = ctx, k: Uint8Array = key, chunkSize = 1024): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  for await (const f of encryptStream(k, c, [plaintext], { chunkSize })) out.push(f)
  return out
}

async function decrypt (fs: Uint8Array[], c: AeadContext = ctx, k: Uint8Array = key): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const p of decryptStream(k, c, fs)) parts.push(p)
  return new Uint8Array(Buffer.concat(parts))
}

const data = new Uint8Array(randomBytes(4096 + 100)) // 5 chunks of 1 KiB, the last one short

describe('chunked AEAD', () => {
  it('round-trips streams of any length, whole-buffer and piecewise', async () => {
    for (const n of [0, 1, 1023, 1024, 1025, 4096 + 100]) {
      const p = data.subarray(0, n)
      assert.deepEqual(await decrypt(await frames(p)), p)
      assert.deepEqual(await openBuffer(key, ctx, await sealBuffer(key, ctx, p, { chunkSize: 1024 })), p)
    }
    // input pieces of odd sizes are rechunked; a chunk is never bigger than chunkSize
    const pieces = [data.subarray(0, 7), data.subarray(7, 3000), data.subarray(3000)]
    const fs: Uint8Array[] = []
    for await (const f of encryptStream(key, ctx, pieces, { chunkSize: 1024 })) fs.push(f)
    assert.equal(fs.length, 1 + 5)
    assert.deepEqual(await decrypt(fs), data)
  })

  it('ciphertext does not contain the plaintext', async () => {
    const marker = Buffer.from('MARKER-'.repeat(300))
    const sealed = Buffer.from(await sealBuffer(key, ctx, marker))
    assert.equal(sealed.includes('MARKER-'), false)
  })

  it('detects a truncated stream', async () => {
    const fs = await frames(data)
    await assert.rejects(decrypt(fs.slice(0, -1)), { name: 'AeadTruncatedError', code: 'AEAD_TRUNCATED' })
    await assert.rejects(decrypt(fs.slice(0, 1)), { name: 'AeadTruncatedError' })
    await assert.rejects(decrypt([]), { name: 'AeadMalformedError' })
  })

  it('detects reordered chunks', async () => {
    const fs = await frames(data)
    const swapped = [fs[0], fs[2], fs[1], ...fs.slice(3)] as Uint8Array[]
    await assert.rejects(decrypt(swapped), { name: 'AeadReorderedChunkError', code: 'AEAD_REORDERED', expected: 0, received: 1 })
    const dropped = [fs[0], fs[1], fs[3], ...fs.slice(4)] as Uint8Array[]
    await assert.rejects(decrypt(dropped), { name: 'AeadReorderedChunkError', expected: 1, received: 2 })
  })

  it('detects a replayed chunk', async () => {
    const fs = await frames(data)
    const replayed = [fs[0], fs[1], fs[2], fs[2], ...fs.slice(3)] as Uint8Array[]
    await assert.rejects(decrypt(replayed), { name: 'AeadReplayedChunkError', code: 'AEAD_REPLAYED', expected: 2, received: 1 })
  })

  it('detects a chunk spliced in from another subtask', async () => {
    const mine = await frames(data)
    const other = await frames(data, { ...ctx, subtaskId: 'sub-2' })
    const spliced = [...mine.slice(0, 2), other[2], ...mine.slice(3)] as Uint8Array[]
    await assert.rejects(decrypt(spliced), { name: 'AeadSplicedChunkError', code: 'AEAD_SPLICED', index: 1 })
    // the same chunk with its stream id rewritten to ours still fails: the id is bound into the AAD and key
    const forged = new Uint8Array(other[2] as Uint8Array)
    forged.set((mine[2] as Uint8Array).subarray(0, 16), 0)
    await assert.rejects(decrypt([...mine.slice(0, 2), forged, ...mine.slice(3)] as Uint8Array[]), { name: 'AeadTamperedChunkError' })
  })

  it('detects a flipped bit in a chunk, its tag or its final flag', async () => {
    const fs = await frames(data)
    for (const [i, offset] of [[1, 30], [3, -1], [2, 20]] as const) {
      const bad = fs.map(f => new Uint8Array(f))
      const frame = bad[i] as Uint8Array
      const at = offset < 0 ? frame.byteLength + offset : offset
      frame[at] = (frame[at] as number) ^ 0x01
      await assert.rejects(decrypt(bad), { name: 'AeadTamperedChunkError', code: 'AEAD_TAMPERED', index: i - 1 })
    }
  })

  it('refuses data after the final chunk', async () => {
    const fs = await frames(data)
    await assert.rejects(decrypt([...fs, fs[1] as Uint8Array]), { name: 'AeadTrailingDataError', code: 'AEAD_TRAILING_DATA' })
  })

  it('refuses a stream sealed under another key, lease, subtask or purpose before any chunk', async () => {
    const fs = await frames(data)
    await assert.rejects(decrypt(fs, ctx, new Uint8Array(randomBytes(32))), { name: 'AeadKeyMismatchError', code: 'AEAD_KEY_MISMATCH' })
    await assert.rejects(decrypt(fs, { ...ctx, leaseId: 'lease-2' }), { name: 'AeadKeyMismatchError' })
    await assert.rejects(decrypt(fs, { ...ctx, subtaskId: 'sub-2' }), { name: 'AeadKeyMismatchError' })
    await assert.rejects(decrypt(fs, { ...ctx, purpose: AeadPurpose.result }), { name: 'AeadKeyMismatchError' })
  })

  it('refuses malformed headers and frames', async () => {
    const fs = await frames(data)
    const badMagic = new Uint8Array(fs[0] as Uint8Array)
    badMagic[0] = 0
    await assert.rejects(decrypt([badMagic, ...fs.slice(1)]), { name: 'AeadMalformedError' })
    await assert.rejects(decrypt([fs[0] as Uint8Array, new Uint8Array(10)]), { name: 'AeadMalformedError' })
    const sealed = await sealBuffer(key, ctx, data)
    await assert.rejects(openBuffer(key, ctx, sealed.subarray(0, sealed.byteLength - 3)), { name: 'AeadMalformedError' })
    await assert.rejects(openBuffer(key, ctx, sealed, 10), { name: 'AeadMalformedError' })
  })
})
