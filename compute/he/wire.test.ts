/**
 * The hand-appended ciphertext fields of wire.ts decode with protons (the generated decoder every
 * receiver uses) to exactly the message protons itself would have encoded.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { EncryptedInput, EncryptedResult } from './pb/he-task.js'
import { encodeEncryptedInput, encodeEncryptedResult } from './wire.js'

const bytes = (n: number): Uint8Array<ArrayBuffer> => new Uint8Array(randomBytes(n))
// sizes on both sides of each varint length boundary (1, 2, 3 bytes), and empty values
const SIZES = [0, 1, 127, 128, 300, 16_383, 16_384, 200_000]

describe('HE messages on the wire', () => {
  it('an EncryptedInput decodes to the same fields, and to the same bytes as protons encodes', () => {
    const chunks = [SIZES.map(bytes), [bytes(5)], [], SIZES.slice(2).map(bytes)]
    const fields = { params: bytes(90), relinKeys: new Uint8Array(0), program: bytes(40), rows: 123_456 }
    const pieces = encodeEncryptedInput(fields, chunks)
    const wire = pieces.subarray()
    // the ciphertexts themselves are pieces of the message, not copies
    const all = [...pieces]
    for (const c of chunks.flat()) if (c.byteLength > 0) assert.ok(all.includes(c))
    const back = EncryptedInput.decode(wire)
    assert.deepEqual(back.params, fields.params)
    assert.deepEqual(back.program, fields.program)
    assert.equal(back.rows, fields.rows)
    assert.equal(back.chunks.length, chunks.length)
    back.chunks.forEach((c, i) => { assert.deepEqual(c.columns.map(b => Buffer.from(b)), (chunks[i] ?? []).map(b => Buffer.from(b))) })
    // protons writes its fields in number order too, so the bytes are the same
    assert.deepEqual(Buffer.from(wire), Buffer.from(EncryptedInput.encode({ ...fields, chunks: chunks.map(columns => ({ columns })) })))
  })

  it('an EncryptedResult decodes to the same fields, and to the same bytes as protons encodes', () => {
    const partials = [[bytes(3)], SIZES.map(bytes), []]
    const wire = encodeEncryptedResult({ rows: 70_000, padRows: 3 }, partials)
    const back = EncryptedResult.decode(wire)
    assert.equal(back.rows, 70_000)
    assert.equal(back.padRows, 3)
    assert.deepEqual(back.partials.map(p => p.ciphertexts.map(b => Buffer.from(b))), partials.map(p => p.map(b => Buffer.from(b))))
    assert.deepEqual(Buffer.from(wire), Buffer.from(EncryptedResult.encode({ rows: 70_000, padRows: 3, partials: partials.map(ciphertexts => ({ ciphertexts })) })))
  })

  it('a message with no ciphertexts is what protons encodes', () => {
    assert.deepEqual(Buffer.from(encodeEncryptedResult({ rows: 0, padRows: 0 }, [])), Buffer.from(EncryptedResult.encode({ rows: 0, padRows: 0, partials: [] })))
  })
})
