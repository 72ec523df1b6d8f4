import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface LeaseRequest {
  type: LeaseRequest.Type
  lease: Uint8Array<ArrayBuffer>
  id: string
  endedAt: bigint
  state: LeaseRequest.State
}

export namespace LeaseRequest {
  export enum Type {
    TYPE_UNSET = 'TYPE_UNSET',
    PROPOSE = 'PROPOSE',
    CONFIRM = 'CONFIRM',
    END = 'END',
    DELIVER = 'DELIVER'
  }

  enum __TypeValues {
    TYPE_UNSET = 0,
    PROPOSE = 1,
    CONFIRM = 2,
    END = 3,
    DELIVER = 4
  }

  export namespace Type {
    export const codec = (): Codec<Type> => {
      return enumeration<Type>(__TypeValues)
    }
  }

  export enum State {
    STATE_UNSET = 'STATE_UNSET',
    ACTIVE = 'ACTIVE',
    ENDED = 'ENDED',
    EXPIRED = 'EXPIRED'
  }

  enum __StateValues {
    STATE_UNSET = 0,
    ACTIVE = 1,
    ENDED = 2,
    EXPIRED = 3
  }

  export namespace State {
    export const codec = (): Codec<State> => {
      return enumeration<State>(__StateValues)
    }
  }

  let _codec: Codec<LeaseRequest>

  export const codec = (): Codec<LeaseRequest> => {
    if (_codec == null) {
      _codec = message<LeaseRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.type != null && __TypeValues[obj.type] !== 0) {
          w.uint32(8)
          LeaseRequest.Type.codec().encode(obj.type, w)
        }

        if ((obj.lease != null && obj.lease.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.lease)
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(26)
          w.string(obj.id)
        }

        if ((obj.endedAt != null && obj.endedAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.endedAt)
        }

        if (obj.state != null && __StateValues[obj.state] !== 0) {
          w.uint32(40)
          LeaseRequest.State.codec().encode(obj.state, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          type: Type.TYPE_UNSET,
          lease: uint8ArrayAlloc(0),
          id: '',
          endedAt: 0n,
          state: State.STATE_UNSET
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.type = LeaseRequest.Type.codec().decode(reader)
              break
            }
            case 2: {
              obj.lease = reader.bytes()
              break
            }
            case 3: {
              obj.id = reader.string()
              break
            }
            case 4: {
              obj.endedAt = reader.uint64()
              break
            }
            case 5: {
              obj.state = LeaseRequest.State.codec().decode(reader)
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
                field: `${prefix}.type`,
                value: LeaseRequest.Type.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lease`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.endedAt`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.state`,
                value: LeaseRequest.State.codec().decode(reader)
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

  export interface LeaseRequestTypeFieldEvent {
    field: '$.type'
    value: LeaseRequest.Type
  }

  export interface LeaseRequestLeaseFieldEvent {
    field: '$.lease'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseRequestIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface LeaseRequestEndedAtFieldEvent {
    field: '$.endedAt'
    value: bigint
  }

  export interface LeaseRequestStateFieldEvent {
    field: '$.state'
    value: LeaseRequest.State
  }

  export function encode (obj: Partial<LeaseRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaseRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaseRequest>): LeaseRequest {
    return decodeMessage(buf, LeaseRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaseRequest>): Generator<LeaseRequestTypeFieldEvent | LeaseRequestLeaseFieldEvent | LeaseRequestIdFieldEvent | LeaseRequestEndedAtFieldEvent | LeaseRequestStateFieldEvent> {
    return streamMessage(buf, LeaseRequest.codec(), opts)
  }
}

export interface LeaseResponse {
  status: LeaseResponse.Status
  message: string
  signature: Uint8Array<ArrayBuffer>
  endedAt: bigint
}

export namespace LeaseResponse {
  export enum Status {
    STATUS_UNSET = 'STATUS_UNSET',
    OK = 'OK',
    MALFORMED = 'MALFORMED',
    BAD_SIGNATURE = 'BAD_SIGNATURE',
    EXPIRED = 'EXPIRED',
    REPLAYED = 'REPLAYED',
    INVALID = 'INVALID',
    NOT_OWNER = 'NOT_OWNER',
    NOT_FOUND = 'NOT_FOUND',
    INSUFFICIENT = 'INSUFFICIENT',
    REFUSED = 'REFUSED',
    UNAVAILABLE = 'UNAVAILABLE'
  }

  enum __StatusValues {
    STATUS_UNSET = 0,
    OK = 100,
    MALFORMED = 200,
    BAD_SIGNATURE = 201,
    EXPIRED = 202,
    REPLAYED = 203,
    INVALID = 204,
    NOT_OWNER = 205,
    NOT_FOUND = 206,
    INSUFFICIENT = 207,
    REFUSED = 208,
    UNAVAILABLE = 209
  }

  export namespace Status {
    export const codec = (): Codec<Status> => {
      return enumeration<Status>(__StatusValues)
    }
  }

  let _codec: Codec<LeaseResponse>

  export const codec = (): Codec<LeaseResponse> => {
    if (_codec == null) {
      _codec = message<LeaseResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          LeaseResponse.Status.codec().encode(obj.status, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.signature)
        }

        if ((obj.endedAt != null && obj.endedAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.endedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSET,
          message: '',
          signature: uint8ArrayAlloc(0),
          endedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = LeaseResponse.Status.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              obj.signature = reader.bytes()
              break
            }
            case 4: {
              obj.endedAt = reader.uint64()
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
                value: LeaseResponse.Status.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.endedAt`,
                value: reader.uint64()
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

  export interface LeaseResponseStatusFieldEvent {
    field: '$.status'
    value: LeaseResponse.Status
  }

  export interface LeaseResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface LeaseResponseSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseResponseEndedAtFieldEvent {
    field: '$.endedAt'
    value: bigint
  }

  export function encode (obj: Partial<LeaseResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaseResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaseResponse>): LeaseResponse {
    return decodeMessage(buf, LeaseResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaseResponse>): Generator<LeaseResponseStatusFieldEvent | LeaseResponseMessageFieldEvent | LeaseResponseSignatureFieldEvent | LeaseResponseEndedAtFieldEvent> {
    return streamMessage(buf, LeaseResponse.codec(), opts)
  }
}
