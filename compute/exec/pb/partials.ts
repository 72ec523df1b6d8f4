import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Partials {
  rows: number
  values: PartialValue[]
}

export namespace Partials {
  let _codec: Codec<Partials>

  export const codec = (): Codec<Partials> => {
    if (_codec == null) {
      _codec = message<Partials>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(8)
          w.uint32(obj.rows)
        }

        if (obj.values != null && obj.values.length > 0) {
          for (const value of obj.values) {
            w.uint32(18)
            PartialValue.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          rows: 0,
          values: []
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
              if (opts.limits?.values != null && obj.values.length === opts.limits.values) {
                throw new MaxLengthError('Decode error - repeated field "values" had too many elements')
              }

              obj.values.push(PartialValue.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.values$
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
          values: 0
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
              if (opts.limits?.values != null && obj.values === opts.limits.values) {
                throw new MaxLengthError('Streaming decode error - repeated field "values" had too many elements')
              }

              for (const evt of PartialValue.codec().stream(reader, reader.uint32(), `${prefix}.values[]`, {
                limits: opts.limits?.values$
              })) {
                yield {
                  ...evt,
                  index: obj.values
                }
              }

              obj.values++

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

  export interface PartialsRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface PartialsValuesKindFieldEvent {
    field: '$.values[].kind'
    value: PartialValue.Kind
    index: number
  }

  export interface PartialsValuesRowsFieldEvent {
    field: '$.values[].rows'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PartialsValuesSumFieldEvent {
    field: '$.values[].sum'
    value: number
    index: number
  }

  export interface PartialsValuesIntSumFieldEvent {
    field: '$.values[].intSum'
    value: string
    index: number
  }

  export function encode (obj: Partial<Partials>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Partials.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Partials>): Partials {
    return decodeMessage(buf, Partials.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Partials>): Generator<PartialsRowsFieldEvent | PartialsValuesKindFieldEvent | PartialsValuesRowsFieldEvent | PartialsValuesSumFieldEvent | PartialsValuesIntSumFieldEvent> {
    return streamMessage(buf, Partials.codec(), opts)
  }
}

export interface PartialValue {
  kind: PartialValue.Kind
  rows: Uint8Array<ArrayBuffer>
  sum: number
  intSum: string
}

export namespace PartialValue {
  export enum Kind {
    KIND_UNSET = 'KIND_UNSET',
    ROWS = 'ROWS',
    SUM_REAL = 'SUM_REAL',
    SUM_INT = 'SUM_INT'
  }

  enum __KindValues {
    KIND_UNSET = 0,
    ROWS = 1,
    SUM_REAL = 2,
    SUM_INT = 3
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  let _codec: Codec<PartialValue>

  export const codec = (): Codec<PartialValue> => {
    if (_codec == null) {
      _codec = message<PartialValue>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(8)
          PartialValue.Kind.codec().encode(obj.kind, w)
        }

        if ((obj.rows != null && obj.rows.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.rows)
        }

        if ((obj.sum != null && obj.sum !== 0)) {
          w.uint32(25)
          w.double(obj.sum)
        }

        if ((obj.intSum != null && obj.intSum !== '')) {
          w.uint32(34)
          w.string(obj.intSum)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: Kind.KIND_UNSET,
          rows: uint8ArrayAlloc(0),
          sum: 0,
          intSum: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = PartialValue.Kind.codec().decode(reader)
              break
            }
            case 2: {
              obj.rows = reader.bytes()
              break
            }
            case 3: {
              obj.sum = reader.double()
              break
            }
            case 4: {
              obj.intSum = reader.string()
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
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.kind`,
                value: PartialValue.Kind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.rows`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.sum`,
                value: reader.double()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.intSum`,
                value: reader.string()
              }
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

  export interface PartialValueKindFieldEvent {
    field: '$.kind'
    value: PartialValue.Kind
  }

  export interface PartialValueRowsFieldEvent {
    field: '$.rows'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PartialValueSumFieldEvent {
    field: '$.sum'
    value: number
  }

  export interface PartialValueIntSumFieldEvent {
    field: '$.intSum'
    value: string
  }

  export function encode (obj: Partial<PartialValue>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PartialValue.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PartialValue>): PartialValue {
    return decodeMessage(buf, PartialValue.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PartialValue>): Generator<PartialValueKindFieldEvent | PartialValueRowsFieldEvent | PartialValueSumFieldEvent | PartialValueIntSumFieldEvent> {
    return streamMessage(buf, PartialValue.codec(), opts)
  }
}
