import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface NetworkOffer {
  definition: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace NetworkOffer {
  let _codec: Codec<NetworkOffer>

  export const codec = (): Codec<NetworkOffer> => {
    if (_codec == null) {
      _codec = message<NetworkOffer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.definition != null && obj.definition.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.definition)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          definition: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.definition = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.definition`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
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

  export interface NetworkOfferDefinitionFieldEvent {
    field: '$.definition'
    value: Uint8Array<ArrayBuffer>
  }

  export interface NetworkOfferSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<NetworkOffer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NetworkOffer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NetworkOffer>): NetworkOffer {
    return decodeMessage(buf, NetworkOffer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NetworkOffer>): Generator<NetworkOfferDefinitionFieldEvent | NetworkOfferSignatureFieldEvent> {
    return streamMessage(buf, NetworkOffer.codec(), opts)
  }
}

export interface NetworkOfferResponse {
  status: NetworkOfferResponse.Status
  version: bigint
  message: string
}

export namespace NetworkOfferResponse {
  export enum Status {
    STATUS_UNSET = 'STATUS_UNSET',
    ACCEPTED = 'ACCEPTED',
    CURRENT = 'CURRENT',
    OLDER = 'OLDER',
    INVALID = 'INVALID',
    NOT_ALLOWED = 'NOT_ALLOWED'
  }

  enum __StatusValues {
    STATUS_UNSET = 0,
    ACCEPTED = 1,
    CURRENT = 2,
    OLDER = 3,
    INVALID = 4,
    NOT_ALLOWED = 5
  }

  export namespace Status {
    export const codec = (): Codec<Status> => {
      return enumeration<Status>(__StatusValues)
    }
  }

  let _codec: Codec<NetworkOfferResponse>

  export const codec = (): Codec<NetworkOfferResponse> => {
    if (_codec == null) {
      _codec = message<NetworkOfferResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          NetworkOfferResponse.Status.codec().encode(obj.status, w)
        }

        if ((obj.version != null && obj.version !== 0n)) {
          w.uint32(16)
          w.uint64(obj.version)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(26)
          w.string(obj.message)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSET,
          version: 0n,
          message: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = NetworkOfferResponse.Status.codec().decode(reader)
              break
            }
            case 2: {
              obj.version = reader.uint64()
              break
            }
            case 3: {
              obj.message = reader.string()
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
                field: `${prefix}.status`,
                value: NetworkOfferResponse.Status.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.message`,
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

  export interface NetworkOfferResponseStatusFieldEvent {
    field: '$.status'
    value: NetworkOfferResponse.Status
  }

  export interface NetworkOfferResponseVersionFieldEvent {
    field: '$.version'
    value: bigint
  }

  export interface NetworkOfferResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export function encode (obj: Partial<NetworkOfferResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NetworkOfferResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NetworkOfferResponse>): NetworkOfferResponse {
    return decodeMessage(buf, NetworkOfferResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NetworkOfferResponse>): Generator<NetworkOfferResponseStatusFieldEvent | NetworkOfferResponseVersionFieldEvent | NetworkOfferResponseMessageFieldEvent> {
    return streamMessage(buf, NetworkOfferResponse.codec(), opts)
  }
}
