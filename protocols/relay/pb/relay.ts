import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface RelayRequest {
  type: RelayRequest.Type
  target: Uint8Array<ArrayBuffer>
  source: Uint8Array<ArrayBuffer>
  route: Uint8Array<ArrayBuffer>[]
}

export namespace RelayRequest {
  export enum Type {
    TYPE_UNSET = 'TYPE_UNSET',
    CONNECT = 'CONNECT',
    HOP = 'HOP',
    STOP = 'STOP'
  }

  enum __TypeValues {
    TYPE_UNSET = 0,
    CONNECT = 1,
    HOP = 2,
    STOP = 3
  }

  export namespace Type {
    export const codec = (): Codec<Type> => {
      return enumeration<Type>(__TypeValues)
    }
  }

  let _codec: Codec<RelayRequest>

  export const codec = (): Codec<RelayRequest> => {
    if (_codec == null) {
      _codec = message<RelayRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.type != null && __TypeValues[obj.type] !== 0) {
          w.uint32(8)
          RelayRequest.Type.codec().encode(obj.type, w)
        }

        if ((obj.target != null && obj.target.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.target)
        }

        if ((obj.source != null && obj.source.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.source)
        }

        if (obj.route != null && obj.route.length > 0) {
          for (const value of obj.route) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          type: Type.TYPE_UNSET,
          target: uint8ArrayAlloc(0),
          source: uint8ArrayAlloc(0),
          route: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.type = RelayRequest.Type.codec().decode(reader)
              break
            }
            case 2: {
              obj.target = reader.bytes()
              break
            }
            case 3: {
              obj.source = reader.bytes()
              break
            }
            case 4: {
              if (opts.limits?.route != null && obj.route.length === opts.limits.route) {
                throw new MaxLengthError('Decode error - repeated field "route" had too many elements')
              }

              obj.route.push(reader.bytes())
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
          route: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.type`,
                value: RelayRequest.Type.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.target`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.source`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              if (opts.limits?.route != null && obj.route === opts.limits.route) {
                throw new MaxLengthError('Streaming decode error - repeated field "route" had too many elements')
              }

              yield {
                field: `${prefix}.route[]`,
                index: obj.route,
                value: reader.bytes()
              }

              obj.route++

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

  export interface RelayRequestTypeFieldEvent {
    field: '$.type'
    value: RelayRequest.Type
  }

  export interface RelayRequestTargetFieldEvent {
    field: '$.target'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RelayRequestSourceFieldEvent {
    field: '$.source'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RelayRequestRouteFieldEvent {
    field: '$.route[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<RelayRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RelayRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayRequest>): RelayRequest {
    return decodeMessage(buf, RelayRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayRequest>): Generator<RelayRequestTypeFieldEvent | RelayRequestTargetFieldEvent | RelayRequestSourceFieldEvent | RelayRequestRouteFieldEvent> {
    return streamMessage(buf, RelayRequest.codec(), opts)
  }
}

export interface RelayResponse {
  status: RelayResponse.Status
  message: string
  route: Uint8Array<ArrayBuffer>[]
}

export namespace RelayResponse {
  export enum Status {
    STATUS_UNSET = 'STATUS_UNSET',
    OK = 'OK',
    TARGET_UNKNOWN = 'TARGET_UNKNOWN',
    TARGET_OFFLINE = 'TARGET_OFFLINE',
    NO_ROUTE = 'NO_ROUTE',
    LIMIT_REACHED = 'LIMIT_REACHED',
    REFUSED = 'REFUSED',
    MALFORMED = 'MALFORMED'
  }

  enum __StatusValues {
    STATUS_UNSET = 0,
    OK = 100,
    TARGET_UNKNOWN = 200,
    TARGET_OFFLINE = 201,
    NO_ROUTE = 202,
    LIMIT_REACHED = 203,
    REFUSED = 204,
    MALFORMED = 205
  }

  export namespace Status {
    export const codec = (): Codec<Status> => {
      return enumeration<Status>(__StatusValues)
    }
  }

  let _codec: Codec<RelayResponse>

  export const codec = (): Codec<RelayResponse> => {
    if (_codec == null) {
      _codec = message<RelayResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          RelayResponse.Status.codec().encode(obj.status, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (obj.route != null && obj.route.length > 0) {
          for (const value of obj.route) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSET,
          message: '',
          route: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = RelayResponse.Status.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.route != null && obj.route.length === opts.limits.route) {
                throw new MaxLengthError('Decode error - repeated field "route" had too many elements')
              }

              obj.route.push(reader.bytes())
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
          route: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.status`,
                value: RelayResponse.Status.codec().decode(reader)
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
              if (opts.limits?.route != null && obj.route === opts.limits.route) {
                throw new MaxLengthError('Streaming decode error - repeated field "route" had too many elements')
              }

              yield {
                field: `${prefix}.route[]`,
                index: obj.route,
                value: reader.bytes()
              }

              obj.route++

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

  export interface RelayResponseStatusFieldEvent {
    field: '$.status'
    value: RelayResponse.Status
  }

  export interface RelayResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface RelayResponseRouteFieldEvent {
    field: '$.route[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<RelayResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RelayResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayResponse>): RelayResponse {
    return decodeMessage(buf, RelayResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RelayResponse>): Generator<RelayResponseStatusFieldEvent | RelayResponseMessageFieldEvent | RelayResponseRouteFieldEvent> {
    return streamMessage(buf, RelayResponse.codec(), opts)
  }
}
