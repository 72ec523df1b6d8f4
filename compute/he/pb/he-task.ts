import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface EncryptedInput {
  params: Uint8Array<ArrayBuffer>
  relinKeys: Uint8Array<ArrayBuffer>
  program: Uint8Array<ArrayBuffer>
  rows: number
  chunks: EncryptedChunk[]
}

export namespace EncryptedInput {
  let _codec: Codec<EncryptedInput>

  export const codec = (): Codec<EncryptedInput> => {
    if (_codec == null) {
      _codec = message<EncryptedInput>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.params != null && obj.params.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.params)
        }

        if ((obj.relinKeys != null && obj.relinKeys.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.relinKeys)
        }

        if ((obj.program != null && obj.program.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.program)
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(32)
          w.uint32(obj.rows)
        }

        if (obj.chunks != null && obj.chunks.length > 0) {
          for (const value of obj.chunks) {
            w.uint32(42)
            EncryptedChunk.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          params: uint8ArrayAlloc(0),
          relinKeys: uint8ArrayAlloc(0),
          program: uint8ArrayAlloc(0),
          rows: 0,
          chunks: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.params = reader.bytes()
              break
            }
            case 2: {
              obj.relinKeys = reader.bytes()
              break
            }
            case 3: {
              obj.program = reader.bytes()
              break
            }
            case 4: {
              obj.rows = reader.uint32()
              break
            }
            case 5: {
              if (opts.limits?.chunks != null && obj.chunks.length === opts.limits.chunks) {
                throw new MaxLengthError('Decode error - repeated field "chunks" had too many elements')
              }

              obj.chunks.push(EncryptedChunk.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chunks$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          chunks: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.params`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.relinKeys`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.program`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.rows`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              if (opts.limits?.chunks != null && obj.chunks === opts.limits.chunks) {
                throw new MaxLengthError('Streaming decode error - repeated field "chunks" had too many elements')
              }

              for (const evt of EncryptedChunk.codec().stream(reader, reader.uint32(), `${prefix}.chunks[]`, {
                limits: opts.limits?.chunks$
              })) {
                yield {
                  ...evt,
                  index: obj.chunks
                }
              }

              obj.chunks++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EncryptedInputParamsFieldEvent {
    field: '$.params'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EncryptedInputRelinKeysFieldEvent {
    field: '$.relinKeys'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EncryptedInputProgramFieldEvent {
    field: '$.program'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EncryptedInputRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface EncryptedInputChunksColumnsFieldEvent {
    field: '$.chunks[].columns[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EncryptedInput>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EncryptedInput.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedInput>): EncryptedInput {
    return decodeMessage(buf, EncryptedInput.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedInput>): Generator<EncryptedInputParamsFieldEvent | EncryptedInputRelinKeysFieldEvent | EncryptedInputProgramFieldEvent | EncryptedInputRowsFieldEvent | EncryptedInputChunksColumnsFieldEvent> {
    return streamMessage(buf, EncryptedInput.codec(), opts)
  }
}

export interface EncryptedChunk {
  columns: Uint8Array<ArrayBuffer>[]
}

export namespace EncryptedChunk {
  let _codec: Codec<EncryptedChunk>

  export const codec = (): Codec<EncryptedChunk> => {
    if (_codec == null) {
      _codec = message<EncryptedChunk>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.columns != null && obj.columns.length > 0) {
          for (const value of obj.columns) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          columns: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.columns != null && obj.columns.length === opts.limits.columns) {
                throw new MaxLengthError('Decode error - repeated field "columns" had too many elements')
              }

              obj.columns.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          columns: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.columns != null && obj.columns === opts.limits.columns) {
                throw new MaxLengthError('Streaming decode error - repeated field "columns" had too many elements')
              }

              yield {
                field: `${prefix}.columns[]`,
                index: obj.columns,
                value: reader.bytes()
              }

              obj.columns++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EncryptedChunkColumnsFieldEvent {
    field: '$.columns[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EncryptedChunk>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EncryptedChunk.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedChunk>): EncryptedChunk {
    return decodeMessage(buf, EncryptedChunk.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedChunk>): Generator<EncryptedChunkColumnsFieldEvent> {
    return streamMessage(buf, EncryptedChunk.codec(), opts)
  }
}

export interface EncryptedResult {
  rows: number
  padRows: number
  partials: EncryptedPartial[]
}

export namespace EncryptedResult {
  let _codec: Codec<EncryptedResult>

  export const codec = (): Codec<EncryptedResult> => {
    if (_codec == null) {
      _codec = message<EncryptedResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(8)
          w.uint32(obj.rows)
        }

        if ((obj.padRows != null && obj.padRows !== 0)) {
          w.uint32(16)
          w.uint32(obj.padRows)
        }

        if (obj.partials != null && obj.partials.length > 0) {
          for (const value of obj.partials) {
            w.uint32(26)
            EncryptedPartial.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          rows: 0,
          padRows: 0,
          partials: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.rows = reader.uint32()
              break
            }
            case 2: {
              obj.padRows = reader.uint32()
              break
            }
            case 3: {
              if (opts.limits?.partials != null && obj.partials.length === opts.limits.partials) {
                throw new MaxLengthError('Decode error - repeated field "partials" had too many elements')
              }

              obj.partials.push(EncryptedPartial.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.partials$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          partials: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.rows`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.padRows`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              if (opts.limits?.partials != null && obj.partials === opts.limits.partials) {
                throw new MaxLengthError('Streaming decode error - repeated field "partials" had too many elements')
              }

              for (const evt of EncryptedPartial.codec().stream(reader, reader.uint32(), `${prefix}.partials[]`, {
                limits: opts.limits?.partials$
              })) {
                yield {
                  ...evt,
                  index: obj.partials
                }
              }

              obj.partials++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EncryptedResultRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface EncryptedResultPadRowsFieldEvent {
    field: '$.padRows'
    value: number
  }

  export interface EncryptedResultPartialsCiphertextsFieldEvent {
    field: '$.partials[].ciphertexts[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EncryptedResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EncryptedResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedResult>): EncryptedResult {
    return decodeMessage(buf, EncryptedResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedResult>): Generator<EncryptedResultRowsFieldEvent | EncryptedResultPadRowsFieldEvent | EncryptedResultPartialsCiphertextsFieldEvent> {
    return streamMessage(buf, EncryptedResult.codec(), opts)
  }
}

export interface EncryptedPartial {
  ciphertexts: Uint8Array<ArrayBuffer>[]
}

export namespace EncryptedPartial {
  let _codec: Codec<EncryptedPartial>

  export const codec = (): Codec<EncryptedPartial> => {
    if (_codec == null) {
      _codec = message<EncryptedPartial>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ciphertexts != null && obj.ciphertexts.length > 0) {
          for (const value of obj.ciphertexts) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ciphertexts: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ciphertexts != null && obj.ciphertexts.length === opts.limits.ciphertexts) {
                throw new MaxLengthError('Decode error - repeated field "ciphertexts" had too many elements')
              }

              obj.ciphertexts.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          ciphertexts: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ciphertexts != null && obj.ciphertexts === opts.limits.ciphertexts) {
                throw new MaxLengthError('Streaming decode error - repeated field "ciphertexts" had too many elements')
              }

              yield {
                field: `${prefix}.ciphertexts[]`,
                index: obj.ciphertexts,
                value: reader.bytes()
              }

              obj.ciphertexts++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EncryptedPartialCiphertextsFieldEvent {
    field: '$.ciphertexts[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EncryptedPartial>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EncryptedPartial.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedPartial>): EncryptedPartial {
    return decodeMessage(buf, EncryptedPartial.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EncryptedPartial>): Generator<EncryptedPartialCiphertextsFieldEvent> {
    return streamMessage(buf, EncryptedPartial.codec(), opts)
  }
}
