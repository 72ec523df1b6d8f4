import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface OrdersRequest {
  type: OrdersRequest.Type
  order: Uint8Array<ArrayBuffer>
  id: string
  ids: string[]
  sellId: string
  cores: number
  memoryMiB: bigint
}

export namespace OrdersRequest {
  export enum Type {
    TYPE_UNSET = 'TYPE_UNSET',
    PLACE = 'PLACE',
    CANCEL = 'CANCEL',
    LIST = 'LIST',
    QUOTE = 'QUOTE',
    RESERVE = 'RESERVE',
    RELEASE = 'RELEASE'
  }

  enum __TypeValues {
    TYPE_UNSET = 0,
    PLACE = 1,
    CANCEL = 2,
    LIST = 3,
    QUOTE = 4,
    RESERVE = 5,
    RELEASE = 6
  }

  export namespace Type {
    export const codec = (): Codec<Type> => {
      return enumeration<Type>(__TypeValues)
    }
  }

  let _codec: Codec<OrdersRequest>

  export const codec = (): Codec<OrdersRequest> => {
    if (_codec == null) {
      _codec = message<OrdersRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.type != null && __TypeValues[obj.type] !== 0) {
          w.uint32(8)
          OrdersRequest.Type.codec().encode(obj.type, w)
        }

        if ((obj.order != null && obj.order.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.order)
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(26)
          w.string(obj.id)
        }

        if (obj.ids != null && obj.ids.length > 0) {
          for (const value of obj.ids) {
            w.uint32(34)
            w.string(value)
          }
        }

        if ((obj.sellId != null && obj.sellId !== '')) {
          w.uint32(42)
          w.string(obj.sellId)
        }

        if ((obj.cores != null && obj.cores !== 0)) {
          w.uint32(48)
          w.uint32(obj.cores)
        }

        if ((obj.memoryMiB != null && obj.memoryMiB !== 0n)) {
          w.uint32(56)
          w.uint64(obj.memoryMiB)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          type: Type.TYPE_UNSET,
          order: uint8ArrayAlloc(0),
          id: '',
          ids: [],
          sellId: '',
          cores: 0,
          memoryMiB: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.type = OrdersRequest.Type.codec().decode(reader)
              break
            }
            case 2: {
              obj.order = reader.bytes()
              break
            }
            case 3: {
              obj.id = reader.string()
              break
            }
            case 4: {
              if (opts.limits?.ids != null && obj.ids.length === opts.limits.ids) {
                throw new MaxLengthError('Decode error - repeated field "ids" had too many elements')
              }

              obj.ids.push(reader.string())
              break
            }
            case 5: {
              obj.sellId = reader.string()
              break
            }
            case 6: {
              obj.cores = reader.uint32()
              break
            }
            case 7: {
              obj.memoryMiB = reader.uint64()
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
          ids: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.type`,
                value: OrdersRequest.Type.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.order`,
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
              if (opts.limits?.ids != null && obj.ids === opts.limits.ids) {
                throw new MaxLengthError('Streaming decode error - repeated field "ids" had too many elements')
              }

              yield {
                field: `${prefix}.ids[]`,
                index: obj.ids,
                value: reader.string()
              }

              obj.ids++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.sellId`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.cores`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.memoryMiB`,
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

  export interface OrdersRequestTypeFieldEvent {
    field: '$.type'
    value: OrdersRequest.Type
  }

  export interface OrdersRequestOrderFieldEvent {
    field: '$.order'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OrdersRequestIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface OrdersRequestIdsFieldEvent {
    field: '$.ids[]'
    index: number
    value: string
  }

  export interface OrdersRequestSellIdFieldEvent {
    field: '$.sellId'
    value: string
  }

  export interface OrdersRequestCoresFieldEvent {
    field: '$.cores'
    value: number
  }

  export interface OrdersRequestMemoryMiBFieldEvent {
    field: '$.memoryMiB'
    value: bigint
  }

  export function encode (obj: Partial<OrdersRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OrdersRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OrdersRequest>): OrdersRequest {
    return decodeMessage(buf, OrdersRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OrdersRequest>): Generator<OrdersRequestTypeFieldEvent | OrdersRequestOrderFieldEvent | OrdersRequestIdFieldEvent | OrdersRequestIdsFieldEvent | OrdersRequestSellIdFieldEvent | OrdersRequestCoresFieldEvent | OrdersRequestMemoryMiBFieldEvent> {
    return streamMessage(buf, OrdersRequest.codec(), opts)
  }
}

export interface OrderState {
  order: Uint8Array<ArrayBuffer>
  status: OrderState.Status
  freeCores: number
  freeMemoryMiB: bigint
  filledCores: number
  filledMemoryMiB: bigint
  acceptedAt: bigint
}

export namespace OrderState {
  export enum Status {
    STATUS_UNSET = 'STATUS_UNSET',
    OPEN = 'OPEN',
    FILLED = 'FILLED',
    CANCELLED = 'CANCELLED',
    EXPIRED = 'EXPIRED'
  }

  enum __StatusValues {
    STATUS_UNSET = 0,
    OPEN = 1,
    FILLED = 2,
    CANCELLED = 3,
    EXPIRED = 4
  }

  export namespace Status {
    export const codec = (): Codec<Status> => {
      return enumeration<Status>(__StatusValues)
    }
  }

  let _codec: Codec<OrderState>

  export const codec = (): Codec<OrderState> => {
    if (_codec == null) {
      _codec = message<OrderState>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.order != null && obj.order.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.order)
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(16)
          OrderState.Status.codec().encode(obj.status, w)
        }

        if ((obj.freeCores != null && obj.freeCores !== 0)) {
          w.uint32(24)
          w.uint32(obj.freeCores)
        }

        if ((obj.freeMemoryMiB != null && obj.freeMemoryMiB !== 0n)) {
          w.uint32(32)
          w.uint64(obj.freeMemoryMiB)
        }

        if ((obj.filledCores != null && obj.filledCores !== 0)) {
          w.uint32(40)
          w.uint32(obj.filledCores)
        }

        if ((obj.filledMemoryMiB != null && obj.filledMemoryMiB !== 0n)) {
          w.uint32(48)
          w.uint64(obj.filledMemoryMiB)
        }

        if ((obj.acceptedAt != null && obj.acceptedAt !== 0n)) {
          w.uint32(56)
          w.uint64(obj.acceptedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          order: uint8ArrayAlloc(0),
          status: Status.STATUS_UNSET,
          freeCores: 0,
          freeMemoryMiB: 0n,
          filledCores: 0,
          filledMemoryMiB: 0n,
          acceptedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.order = reader.bytes()
              break
            }
            case 2: {
              obj.status = OrderState.Status.codec().decode(reader)
              break
            }
            case 3: {
              obj.freeCores = reader.uint32()
              break
            }
            case 4: {
              obj.freeMemoryMiB = reader.uint64()
              break
            }
            case 5: {
              obj.filledCores = reader.uint32()
              break
            }
            case 6: {
              obj.filledMemoryMiB = reader.uint64()
              break
            }
            case 7: {
              obj.acceptedAt = reader.uint64()
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
                field: `${prefix}.order`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.status`,
                value: OrderState.Status.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.freeCores`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.freeMemoryMiB`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.filledCores`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.filledMemoryMiB`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.acceptedAt`,
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

  export interface OrderStateOrderFieldEvent {
    field: '$.order'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OrderStateStatusFieldEvent {
    field: '$.status'
    value: OrderState.Status
  }

  export interface OrderStateFreeCoresFieldEvent {
    field: '$.freeCores'
    value: number
  }

  export interface OrderStateFreeMemoryMiBFieldEvent {
    field: '$.freeMemoryMiB'
    value: bigint
  }

  export interface OrderStateFilledCoresFieldEvent {
    field: '$.filledCores'
    value: number
  }

  export interface OrderStateFilledMemoryMiBFieldEvent {
    field: '$.filledMemoryMiB'
    value: bigint
  }

  export interface OrderStateAcceptedAtFieldEvent {
    field: '$.acceptedAt'
    value: bigint
  }

  export function encode (obj: Partial<OrderState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OrderState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OrderState>): OrderState {
    return decodeMessage(buf, OrderState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OrderState>): Generator<OrderStateOrderFieldEvent | OrderStateStatusFieldEvent | OrderStateFreeCoresFieldEvent | OrderStateFreeMemoryMiBFieldEvent | OrderStateFilledCoresFieldEvent | OrderStateFilledMemoryMiBFieldEvent | OrderStateAcceptedAtFieldEvent> {
    return streamMessage(buf, OrderState.codec(), opts)
  }
}

export interface OrdersResponse {
  status: OrdersResponse.Status
  message: string
  orders: OrderState[]
  leases: Uint8Array<ArrayBuffer>[]
  duplicate: boolean
  expires: bigint
}

export namespace OrdersResponse {
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

  let _codec: Codec<OrdersResponse>

  export const codec = (): Codec<OrdersResponse> => {
    if (_codec == null) {
      _codec = message<OrdersResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __StatusValues[obj.status] !== 0) {
          w.uint32(8)
          OrdersResponse.Status.codec().encode(obj.status, w)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if (obj.orders != null && obj.orders.length > 0) {
          for (const value of obj.orders) {
            w.uint32(26)
            OrderState.codec().encode(value, w)
          }
        }

        if (obj.leases != null && obj.leases.length > 0) {
          for (const value of obj.leases) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if ((obj.duplicate != null && obj.duplicate !== false)) {
          w.uint32(40)
          w.bool(obj.duplicate)
        }

        if ((obj.expires != null && obj.expires !== 0n)) {
          w.uint32(48)
          w.uint64(obj.expires)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: Status.STATUS_UNSET,
          message: '',
          orders: [],
          leases: [],
          duplicate: false,
          expires: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = OrdersResponse.Status.codec().decode(reader)
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.orders != null && obj.orders.length === opts.limits.orders) {
                throw new MaxLengthError('Decode error - repeated field "orders" had too many elements')
              }

              obj.orders.push(OrderState.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.orders$
              }))
              break
            }
            case 4: {
              if (opts.limits?.leases != null && obj.leases.length === opts.limits.leases) {
                throw new MaxLengthError('Decode error - repeated field "leases" had too many elements')
              }

              obj.leases.push(reader.bytes())
              break
            }
            case 5: {
              obj.duplicate = reader.bool()
              break
            }
            case 6: {
              obj.expires = reader.uint64()
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
          orders: 0,
          leases: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.status`,
                value: OrdersResponse.Status.codec().decode(reader)
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
              if (opts.limits?.orders != null && obj.orders === opts.limits.orders) {
                throw new MaxLengthError('Streaming decode error - repeated field "orders" had too many elements')
              }

              for (const evt of OrderState.codec().stream(reader, reader.uint32(), `${prefix}.orders[]`, {
                limits: opts.limits?.orders$
              })) {
                yield {
                  ...evt,
                  index: obj.orders
                }
              }

              obj.orders++

              break
            }
            case 4: {
              if (opts.limits?.leases != null && obj.leases === opts.limits.leases) {
                throw new MaxLengthError('Streaming decode error - repeated field "leases" had too many elements')
              }

              yield {
                field: `${prefix}.leases[]`,
                index: obj.leases,
                value: reader.bytes()
              }

              obj.leases++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.duplicate`,
                value: reader.bool()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.expires`,
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

  export interface OrdersResponseStatusFieldEvent {
    field: '$.status'
    value: OrdersResponse.Status
  }

  export interface OrdersResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface OrdersResponseOrdersOrderFieldEvent {
    field: '$.orders[].order'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface OrdersResponseOrdersStatusFieldEvent {
    field: '$.orders[].status'
    value: OrderState.Status
    index: number
  }

  export interface OrdersResponseOrdersFreeCoresFieldEvent {
    field: '$.orders[].freeCores'
    value: number
    index: number
  }

  export interface OrdersResponseOrdersFreeMemoryMiBFieldEvent {
    field: '$.orders[].freeMemoryMiB'
    value: bigint
    index: number
  }

  export interface OrdersResponseOrdersFilledCoresFieldEvent {
    field: '$.orders[].filledCores'
    value: number
    index: number
  }

  export interface OrdersResponseOrdersFilledMemoryMiBFieldEvent {
    field: '$.orders[].filledMemoryMiB'
    value: bigint
    index: number
  }

  export interface OrdersResponseOrdersAcceptedAtFieldEvent {
    field: '$.orders[].acceptedAt'
    value: bigint
    index: number
  }

  export interface OrdersResponseLeasesFieldEvent {
    field: '$.leases[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface OrdersResponseDuplicateFieldEvent {
    field: '$.duplicate'
    value: boolean
  }

  export interface OrdersResponseExpiresFieldEvent {
    field: '$.expires'
    value: bigint
  }

  export function encode (obj: Partial<OrdersResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OrdersResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OrdersResponse>): OrdersResponse {
    return decodeMessage(buf, OrdersResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OrdersResponse>): Generator<OrdersResponseStatusFieldEvent | OrdersResponseMessageFieldEvent | OrdersResponseOrdersOrderFieldEvent | OrdersResponseOrdersStatusFieldEvent | OrdersResponseOrdersFreeCoresFieldEvent | OrdersResponseOrdersFreeMemoryMiBFieldEvent | OrdersResponseOrdersFilledCoresFieldEvent | OrdersResponseOrdersFilledMemoryMiBFieldEvent | OrdersResponseOrdersAcceptedAtFieldEvent | OrdersResponseLeasesFieldEvent | OrdersResponseDuplicateFieldEvent | OrdersResponseExpiresFieldEvent> {
    return streamMessage(buf, OrdersResponse.codec(), opts)
  }
}
