import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface HeParameters {
  set: string
  scheme: HeParameters.Scheme
  polyModulusDegree: number
  coeffModulus: bigint[]
  plainModulus: bigint
  scaleBits: number
}

export namespace HeParameters {
  export enum Scheme {
    SCHEME_UNSPECIFIED = 'SCHEME_UNSPECIFIED',
    BFV = 'BFV',
    CKKS = 'CKKS'
  }

  enum __SchemeValues {
    SCHEME_UNSPECIFIED = 0,
    BFV = 1,
    CKKS = 2
  }

  export namespace Scheme {
    export const codec = (): Codec<Scheme> => {
      return enumeration<Scheme>(__SchemeValues)
    }
  }

  let _codec: Codec<HeParameters>

  export const codec = (): Codec<HeParameters> => {
    if (_codec == null) {
      _codec = message<HeParameters>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.set != null && obj.set !== '')) {
          w.uint32(10)
          w.string(obj.set)
        }

        if (obj.scheme != null && __SchemeValues[obj.scheme] !== 0) {
          w.uint32(16)
          HeParameters.Scheme.codec().encode(obj.scheme, w)
        }

        if ((obj.polyModulusDegree != null && obj.polyModulusDegree !== 0)) {
          w.uint32(24)
          w.uint32(obj.polyModulusDegree)
        }

        if (obj.coeffModulus != null && obj.coeffModulus.length > 0) {
          for (const value of obj.coeffModulus) {
            w.uint32(32)
            w.uint64(value)
          }
        }

        if ((obj.plainModulus != null && obj.plainModulus !== 0n)) {
          w.uint32(40)
          w.uint64(obj.plainModulus)
        }

        if ((obj.scaleBits != null && obj.scaleBits !== 0)) {
          w.uint32(48)
          w.uint32(obj.scaleBits)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          set: '',
          scheme: Scheme.SCHEME_UNSPECIFIED,
          polyModulusDegree: 0,
          coeffModulus: [],
          plainModulus: 0n,
          scaleBits: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.set = reader.string()
              break
            }
            case 2: {
              obj.scheme = HeParameters.Scheme.codec().decode(reader)
              break
            }
            case 3: {
              obj.polyModulusDegree = reader.uint32()
              break
            }
            case 4: {
              if (opts.limits?.coeffModulus != null && obj.coeffModulus.length === opts.limits.coeffModulus) {
                throw new MaxLengthError('Decode error - repeated field "coeffModulus" had too many elements')
              }

              obj.coeffModulus.push(reader.uint64())
              break
            }
            case 5: {
              obj.plainModulus = reader.uint64()
              break
            }
            case 6: {
              obj.scaleBits = reader.uint32()
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
          coeffModulus: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.set`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.scheme`,
                value: HeParameters.Scheme.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.polyModulusDegree`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              if (opts.limits?.coeffModulus != null && obj.coeffModulus === opts.limits.coeffModulus) {
                throw new MaxLengthError('Streaming decode error - repeated field "coeffModulus" had too many elements')
              }

              yield {
                field: `${prefix}.coeffModulus[]`,
                index: obj.coeffModulus,
                value: reader.uint64()
              }

              obj.coeffModulus++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.plainModulus`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.scaleBits`,
                value: reader.uint32()
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

  export interface HeParametersSetFieldEvent {
    field: '$.set'
    value: string
  }

  export interface HeParametersSchemeFieldEvent {
    field: '$.scheme'
    value: HeParameters.Scheme
  }

  export interface HeParametersPolyModulusDegreeFieldEvent {
    field: '$.polyModulusDegree'
    value: number
  }

  export interface HeParametersCoeffModulusFieldEvent {
    field: '$.coeffModulus[]'
    index: number
    value: bigint
  }

  export interface HeParametersPlainModulusFieldEvent {
    field: '$.plainModulus'
    value: bigint
  }

  export interface HeParametersScaleBitsFieldEvent {
    field: '$.scaleBits'
    value: number
  }

  export function encode (obj: Partial<HeParameters>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HeParameters.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HeParameters>): HeParameters {
    return decodeMessage(buf, HeParameters.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HeParameters>): Generator<HeParametersSetFieldEvent | HeParametersSchemeFieldEvent | HeParametersPolyModulusDegreeFieldEvent | HeParametersCoeffModulusFieldEvent | HeParametersPlainModulusFieldEvent | HeParametersScaleBitsFieldEvent> {
    return streamMessage(buf, HeParameters.codec(), opts)
  }
}
