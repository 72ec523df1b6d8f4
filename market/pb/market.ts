import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Side {
  SIDE_UNSET = 'SIDE_UNSET',
  SELL = 'SELL',
  BUY = 'BUY'
}

enum __SideValues {
  SIDE_UNSET = 0,
  SELL = 1,
  BUY = 2
}

export namespace Side {
  export const codec = (): Codec<Side> => {
    return enumeration<Side>(__SideValues)
  }
}

export enum TeeKind {
  TEE_KIND_UNSET = 'TEE_KIND_UNSET',
  SIMULATED = 'SIMULATED',
  SGX_DCAP = 'SGX_DCAP',
  SEV_SNP = 'SEV_SNP'
}

enum __TeeKindValues {
  TEE_KIND_UNSET = 0,
  SIMULATED = 1,
  SGX_DCAP = 2,
  SEV_SNP = 3
}

export namespace TeeKind {
  export const codec = (): Codec<TeeKind> => {
    return enumeration<TeeKind>(__TeeKindValues)
  }
}

export enum Mode {
  MODE_UNSET = 'MODE_UNSET',
  HE = 'HE',
  TEE = 'TEE',
  TEE_HE = 'TEE_HE',
  ANY = 'ANY'
}

enum __ModeValues {
  MODE_UNSET = 0,
  HE = 1,
  TEE = 2,
  TEE_HE = 3,
  ANY = 4
}

export namespace Mode {
  export const codec = (): Codec<Mode> => {
    return enumeration<Mode>(__ModeValues)
  }
}

export interface Tee {
  kind: TeeKind
  measurement: Uint8Array<ArrayBuffer>
}

export namespace Tee {
  let _codec: Codec<Tee>

  export const codec = (): Codec<Tee> => {
    if (_codec == null) {
      _codec = message<Tee>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __TeeKindValues[obj.kind] !== 0) {
          w.uint32(8)
          TeeKind.codec().encode(obj.kind, w)
        }

        if ((obj.measurement != null && obj.measurement.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.measurement)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: TeeKind.TEE_KIND_UNSET,
          measurement: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = TeeKind.codec().decode(reader)
              break
            }
            case 2: {
              obj.measurement = reader.bytes()
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
                value: TeeKind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.measurement`,
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

  export interface TeeKindFieldEvent {
    field: '$.kind'
    value: TeeKind
  }

  export interface TeeMeasurementFieldEvent {
    field: '$.measurement'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Tee>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Tee.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Tee>): Tee {
    return decodeMessage(buf, Tee.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Tee>): Generator<TeeKindFieldEvent | TeeMeasurementFieldEvent> {
    return streamMessage(buf, Tee.codec(), opts)
  }
}

export interface Protection {
  he: boolean
  tee?: Tee
}

export namespace Protection {
  let _codec: Codec<Protection>

  export const codec = (): Codec<Protection> => {
    if (_codec == null) {
      _codec = message<Protection>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.he != null && obj.he !== false)) {
          w.uint32(8)
          w.bool(obj.he)
        }

        if (obj.tee != null) {
          w.uint32(18)
          Tee.codec().encode(obj.tee, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          he: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.he = reader.bool()
              break
            }
            case 2: {
              obj.tee = Tee.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.tee
              })
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
                field: `${prefix}.he`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield * Tee.codec().stream(reader, reader.uint32(), `${prefix}.tee`, {
                limits: opts.limits?.tee
              })

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

  export interface ProtectionHeFieldEvent {
    field: '$.he'
    value: boolean
  }

  export interface ProtectionTeeKindFieldEvent {
    field: '$.tee.kind'
    value: TeeKind
  }

  export interface ProtectionTeeMeasurementFieldEvent {
    field: '$.tee.measurement'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Protection>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Protection.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Protection>): Protection {
    return decodeMessage(buf, Protection.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Protection>): Generator<ProtectionHeFieldEvent | ProtectionTeeKindFieldEvent | ProtectionTeeMeasurementFieldEvent> {
    return streamMessage(buf, Protection.codec(), opts)
  }
}

export interface Requirements {
  protection: Mode
  allowedMeasurements: Uint8Array<ArrayBuffer>[]
  avoidSubnets: string[]
  preferSubnets: string[]
}

export namespace Requirements {
  let _codec: Codec<Requirements>

  export const codec = (): Codec<Requirements> => {
    if (_codec == null) {
      _codec = message<Requirements>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.protection != null && __ModeValues[obj.protection] !== 0) {
          w.uint32(8)
          Mode.codec().encode(obj.protection, w)
        }

        if (obj.allowedMeasurements != null && obj.allowedMeasurements.length > 0) {
          for (const value of obj.allowedMeasurements) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (obj.avoidSubnets != null && obj.avoidSubnets.length > 0) {
          for (const value of obj.avoidSubnets) {
            w.uint32(26)
            w.string(value)
          }
        }

        if (obj.preferSubnets != null && obj.preferSubnets.length > 0) {
          for (const value of obj.preferSubnets) {
            w.uint32(34)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          protection: Mode.MODE_UNSET,
          allowedMeasurements: [],
          avoidSubnets: [],
          preferSubnets: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.protection = Mode.codec().decode(reader)
              break
            }
            case 2: {
              if (opts.limits?.allowedMeasurements != null && obj.allowedMeasurements.length === opts.limits.allowedMeasurements) {
                throw new MaxLengthError('Decode error - repeated field "allowedMeasurements" had too many elements')
              }

              obj.allowedMeasurements.push(reader.bytes())
              break
            }
            case 3: {
              if (opts.limits?.avoidSubnets != null && obj.avoidSubnets.length === opts.limits.avoidSubnets) {
                throw new MaxLengthError('Decode error - repeated field "avoidSubnets" had too many elements')
              }

              obj.avoidSubnets.push(reader.string())
              break
            }
            case 4: {
              if (opts.limits?.preferSubnets != null && obj.preferSubnets.length === opts.limits.preferSubnets) {
                throw new MaxLengthError('Decode error - repeated field "preferSubnets" had too many elements')
              }

              obj.preferSubnets.push(reader.string())
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
          allowedMeasurements: 0,
          avoidSubnets: 0,
          preferSubnets: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.protection`,
                value: Mode.codec().decode(reader)
              }
              break
            }
            case 2: {
              if (opts.limits?.allowedMeasurements != null && obj.allowedMeasurements === opts.limits.allowedMeasurements) {
                throw new MaxLengthError('Streaming decode error - repeated field "allowedMeasurements" had too many elements')
              }

              yield {
                field: `${prefix}.allowedMeasurements[]`,
                index: obj.allowedMeasurements,
                value: reader.bytes()
              }

              obj.allowedMeasurements++

              break
            }
            case 3: {
              if (opts.limits?.avoidSubnets != null && obj.avoidSubnets === opts.limits.avoidSubnets) {
                throw new MaxLengthError('Streaming decode error - repeated field "avoidSubnets" had too many elements')
              }

              yield {
                field: `${prefix}.avoidSubnets[]`,
                index: obj.avoidSubnets,
                value: reader.string()
              }

              obj.avoidSubnets++

              break
            }
            case 4: {
              if (opts.limits?.preferSubnets != null && obj.preferSubnets === opts.limits.preferSubnets) {
                throw new MaxLengthError('Streaming decode error - repeated field "preferSubnets" had too many elements')
              }

              yield {
                field: `${prefix}.preferSubnets[]`,
                index: obj.preferSubnets,
                value: reader.string()
              }

              obj.preferSubnets++

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

  export interface RequirementsProtectionFieldEvent {
    field: '$.protection'
    value: Mode
  }

  export interface RequirementsAllowedMeasurementsFieldEvent {
    field: '$.allowedMeasurements[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface RequirementsAvoidSubnetsFieldEvent {
    field: '$.avoidSubnets[]'
    index: number
    value: string
  }

  export interface RequirementsPreferSubnetsFieldEvent {
    field: '$.preferSubnets[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Requirements>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Requirements.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Requirements>): Requirements {
    return decodeMessage(buf, Requirements.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Requirements>): Generator<RequirementsProtectionFieldEvent | RequirementsAllowedMeasurementsFieldEvent | RequirementsAvoidSubnetsFieldEvent | RequirementsPreferSubnetsFieldEvent> {
    return streamMessage(buf, Requirements.codec(), opts)
  }
}

export interface Order {
  network: string
  side: Side
  owner: Uint8Array<ArrayBuffer>
  seq: bigint
  expires: bigint
  cores: number
  memoryMiB: bigint
  offered?: Protection
  heElementsPerS: bigint
  pricePerCoreHour: bigint
  minDurationS: bigint
  maxDurationS: bigint
  durationS: bigint
  maxPricePerCoreHour: bigint
  requirements?: Requirements
}

export namespace Order {
  let _codec: Codec<Order>

  export const codec = (): Codec<Order> => {
    if (_codec == null) {
      _codec = message<Order>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.network != null && obj.network !== '')) {
          w.uint32(10)
          w.string(obj.network)
        }

        if (obj.side != null && __SideValues[obj.side] !== 0) {
          w.uint32(16)
          Side.codec().encode(obj.side, w)
        }

        if ((obj.owner != null && obj.owner.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.owner)
        }

        if ((obj.seq != null && obj.seq !== 0n)) {
          w.uint32(32)
          w.uint64(obj.seq)
        }

        if ((obj.expires != null && obj.expires !== 0n)) {
          w.uint32(40)
          w.uint64(obj.expires)
        }

        if ((obj.cores != null && obj.cores !== 0)) {
          w.uint32(48)
          w.uint32(obj.cores)
        }

        if ((obj.memoryMiB != null && obj.memoryMiB !== 0n)) {
          w.uint32(56)
          w.uint64(obj.memoryMiB)
        }

        if (obj.offered != null) {
          w.uint32(66)
          Protection.codec().encode(obj.offered, w)
        }

        if ((obj.heElementsPerS != null && obj.heElementsPerS !== 0n)) {
          w.uint32(72)
          w.uint64(obj.heElementsPerS)
        }

        if ((obj.pricePerCoreHour != null && obj.pricePerCoreHour !== 0n)) {
          w.uint32(80)
          w.uint64(obj.pricePerCoreHour)
        }

        if ((obj.minDurationS != null && obj.minDurationS !== 0n)) {
          w.uint32(88)
          w.uint64(obj.minDurationS)
        }

        if ((obj.maxDurationS != null && obj.maxDurationS !== 0n)) {
          w.uint32(96)
          w.uint64(obj.maxDurationS)
        }

        if ((obj.durationS != null && obj.durationS !== 0n)) {
          w.uint32(104)
          w.uint64(obj.durationS)
        }

        if ((obj.maxPricePerCoreHour != null && obj.maxPricePerCoreHour !== 0n)) {
          w.uint32(112)
          w.uint64(obj.maxPricePerCoreHour)
        }

        if (obj.requirements != null) {
          w.uint32(122)
          Requirements.codec().encode(obj.requirements, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          network: '',
          side: Side.SIDE_UNSET,
          owner: uint8ArrayAlloc(0),
          seq: 0n,
          expires: 0n,
          cores: 0,
          memoryMiB: 0n,
          heElementsPerS: 0n,
          pricePerCoreHour: 0n,
          minDurationS: 0n,
          maxDurationS: 0n,
          durationS: 0n,
          maxPricePerCoreHour: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.network = reader.string()
              break
            }
            case 2: {
              obj.side = Side.codec().decode(reader)
              break
            }
            case 3: {
              obj.owner = reader.bytes()
              break
            }
            case 4: {
              obj.seq = reader.uint64()
              break
            }
            case 5: {
              obj.expires = reader.uint64()
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
            case 8: {
              obj.offered = Protection.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.offered
              })
              break
            }
            case 9: {
              obj.heElementsPerS = reader.uint64()
              break
            }
            case 10: {
              obj.pricePerCoreHour = reader.uint64()
              break
            }
            case 11: {
              obj.minDurationS = reader.uint64()
              break
            }
            case 12: {
              obj.maxDurationS = reader.uint64()
              break
            }
            case 13: {
              obj.durationS = reader.uint64()
              break
            }
            case 14: {
              obj.maxPricePerCoreHour = reader.uint64()
              break
            }
            case 15: {
              obj.requirements = Requirements.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.requirements
              })
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
                field: `${prefix}.network`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.side`,
                value: Side.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.owner`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.expires`,
                value: reader.uint64()
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
            case 8: {
              yield * Protection.codec().stream(reader, reader.uint32(), `${prefix}.offered`, {
                limits: opts.limits?.offered
              })

              break
            }
            case 9: {
              yield {
                field: `${prefix}.heElementsPerS`,
                value: reader.uint64()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.pricePerCoreHour`,
                value: reader.uint64()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.minDurationS`,
                value: reader.uint64()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.maxDurationS`,
                value: reader.uint64()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.durationS`,
                value: reader.uint64()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.maxPricePerCoreHour`,
                value: reader.uint64()
              }
              break
            }
            case 15: {
              yield * Requirements.codec().stream(reader, reader.uint32(), `${prefix}.requirements`, {
                limits: opts.limits?.requirements
              })

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

  export interface OrderNetworkFieldEvent {
    field: '$.network'
    value: string
  }

  export interface OrderSideFieldEvent {
    field: '$.side'
    value: Side
  }

  export interface OrderOwnerFieldEvent {
    field: '$.owner'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OrderSeqFieldEvent {
    field: '$.seq'
    value: bigint
  }

  export interface OrderExpiresFieldEvent {
    field: '$.expires'
    value: bigint
  }

  export interface OrderCoresFieldEvent {
    field: '$.cores'
    value: number
  }

  export interface OrderMemoryMiBFieldEvent {
    field: '$.memoryMiB'
    value: bigint
  }

  export interface OrderOfferedHeFieldEvent {
    field: '$.offered.he'
    value: boolean
  }

  export interface OrderOfferedTeeKindFieldEvent {
    field: '$.offered.tee.kind'
    value: TeeKind
  }

  export interface OrderOfferedTeeMeasurementFieldEvent {
    field: '$.offered.tee.measurement'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OrderHeElementsPerSFieldEvent {
    field: '$.heElementsPerS'
    value: bigint
  }

  export interface OrderPricePerCoreHourFieldEvent {
    field: '$.pricePerCoreHour'
    value: bigint
  }

  export interface OrderMinDurationSFieldEvent {
    field: '$.minDurationS'
    value: bigint
  }

  export interface OrderMaxDurationSFieldEvent {
    field: '$.maxDurationS'
    value: bigint
  }

  export interface OrderDurationSFieldEvent {
    field: '$.durationS'
    value: bigint
  }

  export interface OrderMaxPricePerCoreHourFieldEvent {
    field: '$.maxPricePerCoreHour'
    value: bigint
  }

  export interface OrderRequirementsProtectionFieldEvent {
    field: '$.requirements.protection'
    value: Mode
  }

  export interface OrderRequirementsAllowedMeasurementsFieldEvent {
    field: '$.requirements.allowedMeasurements[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface OrderRequirementsAvoidSubnetsFieldEvent {
    field: '$.requirements.avoidSubnets[]'
    index: number
    value: string
  }

  export interface OrderRequirementsPreferSubnetsFieldEvent {
    field: '$.requirements.preferSubnets[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Order>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Order.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Order>): Order {
    return decodeMessage(buf, Order.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Order>): Generator<OrderNetworkFieldEvent | OrderSideFieldEvent | OrderOwnerFieldEvent | OrderSeqFieldEvent | OrderExpiresFieldEvent | OrderCoresFieldEvent | OrderMemoryMiBFieldEvent | OrderOfferedHeFieldEvent | OrderOfferedTeeKindFieldEvent | OrderOfferedTeeMeasurementFieldEvent | OrderHeElementsPerSFieldEvent | OrderPricePerCoreHourFieldEvent | OrderMinDurationSFieldEvent | OrderMaxDurationSFieldEvent | OrderDurationSFieldEvent | OrderMaxPricePerCoreHourFieldEvent | OrderRequirementsProtectionFieldEvent | OrderRequirementsAllowedMeasurementsFieldEvent | OrderRequirementsAvoidSubnetsFieldEvent | OrderRequirementsPreferSubnetsFieldEvent> {
    return streamMessage(buf, Order.codec(), opts)
  }
}

export interface SignedOrder {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedOrder {
  let _codec: Codec<SignedOrder>

  export const codec = (): Codec<SignedOrder> => {
    if (_codec == null) {
      _codec = message<SignedOrder>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
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
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
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
                field: `${prefix}.body`,
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

  export interface SignedOrderBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedOrderSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedOrder>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedOrder.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedOrder>): SignedOrder {
    return decodeMessage(buf, SignedOrder.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedOrder>): Generator<SignedOrderBodyFieldEvent | SignedOrderSignatureFieldEvent> {
    return streamMessage(buf, SignedOrder.codec(), opts)
  }
}

export interface LeaseTerms {
  network: string
  id: Uint8Array<ArrayBuffer>
  renter: Uint8Array<ArrayBuffer>
  lessor: Uint8Array<ArrayBuffer>
  renterHub: Uint8Array<ArrayBuffer>
  lessorHub: Uint8Array<ArrayBuffer>
  cores: number
  memoryMiB: bigint
  protection?: Protection
  heElementsPerS: bigint
  pricePerCoreHour: bigint
  start: bigint
  end: bigint
  buy?: SignedOrder
  sell?: SignedOrder
}

export namespace LeaseTerms {
  let _codec: Codec<LeaseTerms>

  export const codec = (): Codec<LeaseTerms> => {
    if (_codec == null) {
      _codec = message<LeaseTerms>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.network != null && obj.network !== '')) {
          w.uint32(10)
          w.string(obj.network)
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.id)
        }

        if ((obj.renter != null && obj.renter.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.renter)
        }

        if ((obj.lessor != null && obj.lessor.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.lessor)
        }

        if ((obj.renterHub != null && obj.renterHub.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.renterHub)
        }

        if ((obj.lessorHub != null && obj.lessorHub.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.lessorHub)
        }

        if ((obj.cores != null && obj.cores !== 0)) {
          w.uint32(56)
          w.uint32(obj.cores)
        }

        if ((obj.memoryMiB != null && obj.memoryMiB !== 0n)) {
          w.uint32(64)
          w.uint64(obj.memoryMiB)
        }

        if (obj.protection != null) {
          w.uint32(74)
          Protection.codec().encode(obj.protection, w)
        }

        if ((obj.heElementsPerS != null && obj.heElementsPerS !== 0n)) {
          w.uint32(80)
          w.uint64(obj.heElementsPerS)
        }

        if ((obj.pricePerCoreHour != null && obj.pricePerCoreHour !== 0n)) {
          w.uint32(88)
          w.uint64(obj.pricePerCoreHour)
        }

        if ((obj.start != null && obj.start !== 0n)) {
          w.uint32(96)
          w.uint64(obj.start)
        }

        if ((obj.end != null && obj.end !== 0n)) {
          w.uint32(104)
          w.uint64(obj.end)
        }

        if (obj.buy != null) {
          w.uint32(114)
          SignedOrder.codec().encode(obj.buy, w)
        }

        if (obj.sell != null) {
          w.uint32(122)
          SignedOrder.codec().encode(obj.sell, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          network: '',
          id: uint8ArrayAlloc(0),
          renter: uint8ArrayAlloc(0),
          lessor: uint8ArrayAlloc(0),
          renterHub: uint8ArrayAlloc(0),
          lessorHub: uint8ArrayAlloc(0),
          cores: 0,
          memoryMiB: 0n,
          heElementsPerS: 0n,
          pricePerCoreHour: 0n,
          start: 0n,
          end: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.network = reader.string()
              break
            }
            case 2: {
              obj.id = reader.bytes()
              break
            }
            case 3: {
              obj.renter = reader.bytes()
              break
            }
            case 4: {
              obj.lessor = reader.bytes()
              break
            }
            case 5: {
              obj.renterHub = reader.bytes()
              break
            }
            case 6: {
              obj.lessorHub = reader.bytes()
              break
            }
            case 7: {
              obj.cores = reader.uint32()
              break
            }
            case 8: {
              obj.memoryMiB = reader.uint64()
              break
            }
            case 9: {
              obj.protection = Protection.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.protection
              })
              break
            }
            case 10: {
              obj.heElementsPerS = reader.uint64()
              break
            }
            case 11: {
              obj.pricePerCoreHour = reader.uint64()
              break
            }
            case 12: {
              obj.start = reader.uint64()
              break
            }
            case 13: {
              obj.end = reader.uint64()
              break
            }
            case 14: {
              obj.buy = SignedOrder.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.buy
              })
              break
            }
            case 15: {
              obj.sell = SignedOrder.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.sell
              })
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
                field: `${prefix}.network`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.id`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.renter`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.lessor`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.renterHub`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.lessorHub`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.cores`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.memoryMiB`,
                value: reader.uint64()
              }
              break
            }
            case 9: {
              yield * Protection.codec().stream(reader, reader.uint32(), `${prefix}.protection`, {
                limits: opts.limits?.protection
              })

              break
            }
            case 10: {
              yield {
                field: `${prefix}.heElementsPerS`,
                value: reader.uint64()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.pricePerCoreHour`,
                value: reader.uint64()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.start`,
                value: reader.uint64()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.end`,
                value: reader.uint64()
              }
              break
            }
            case 14: {
              yield * SignedOrder.codec().stream(reader, reader.uint32(), `${prefix}.buy`, {
                limits: opts.limits?.buy
              })

              break
            }
            case 15: {
              yield * SignedOrder.codec().stream(reader, reader.uint32(), `${prefix}.sell`, {
                limits: opts.limits?.sell
              })

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

  export interface LeaseTermsNetworkFieldEvent {
    field: '$.network'
    value: string
  }

  export interface LeaseTermsIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsRenterFieldEvent {
    field: '$.renter'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsLessorFieldEvent {
    field: '$.lessor'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsRenterHubFieldEvent {
    field: '$.renterHub'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsLessorHubFieldEvent {
    field: '$.lessorHub'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsCoresFieldEvent {
    field: '$.cores'
    value: number
  }

  export interface LeaseTermsMemoryMiBFieldEvent {
    field: '$.memoryMiB'
    value: bigint
  }

  export interface LeaseTermsProtectionHeFieldEvent {
    field: '$.protection.he'
    value: boolean
  }

  export interface LeaseTermsProtectionTeeKindFieldEvent {
    field: '$.protection.tee.kind'
    value: TeeKind
  }

  export interface LeaseTermsProtectionTeeMeasurementFieldEvent {
    field: '$.protection.tee.measurement'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsHeElementsPerSFieldEvent {
    field: '$.heElementsPerS'
    value: bigint
  }

  export interface LeaseTermsPricePerCoreHourFieldEvent {
    field: '$.pricePerCoreHour'
    value: bigint
  }

  export interface LeaseTermsStartFieldEvent {
    field: '$.start'
    value: bigint
  }

  export interface LeaseTermsEndFieldEvent {
    field: '$.end'
    value: bigint
  }

  export interface LeaseTermsBuyBodyFieldEvent {
    field: '$.buy.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsBuySignatureFieldEvent {
    field: '$.buy.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsSellBodyFieldEvent {
    field: '$.sell.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaseTermsSellSignatureFieldEvent {
    field: '$.sell.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<LeaseTerms>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaseTerms.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaseTerms>): LeaseTerms {
    return decodeMessage(buf, LeaseTerms.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaseTerms>): Generator<LeaseTermsNetworkFieldEvent | LeaseTermsIdFieldEvent | LeaseTermsRenterFieldEvent | LeaseTermsLessorFieldEvent | LeaseTermsRenterHubFieldEvent | LeaseTermsLessorHubFieldEvent | LeaseTermsCoresFieldEvent | LeaseTermsMemoryMiBFieldEvent | LeaseTermsProtectionHeFieldEvent | LeaseTermsProtectionTeeKindFieldEvent | LeaseTermsProtectionTeeMeasurementFieldEvent | LeaseTermsHeElementsPerSFieldEvent | LeaseTermsPricePerCoreHourFieldEvent | LeaseTermsStartFieldEvent | LeaseTermsEndFieldEvent | LeaseTermsBuyBodyFieldEvent | LeaseTermsBuySignatureFieldEvent | LeaseTermsSellBodyFieldEvent | LeaseTermsSellSignatureFieldEvent> {
    return streamMessage(buf, LeaseTerms.codec(), opts)
  }
}

export interface SignedLease {
  terms: Uint8Array<ArrayBuffer>
  renterHubSignature: Uint8Array<ArrayBuffer>
  lessorHubSignature: Uint8Array<ArrayBuffer>
}

export namespace SignedLease {
  let _codec: Codec<SignedLease>

  export const codec = (): Codec<SignedLease> => {
    if (_codec == null) {
      _codec = message<SignedLease>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.terms != null && obj.terms.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.terms)
        }

        if ((obj.renterHubSignature != null && obj.renterHubSignature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.renterHubSignature)
        }

        if ((obj.lessorHubSignature != null && obj.lessorHubSignature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.lessorHubSignature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          terms: uint8ArrayAlloc(0),
          renterHubSignature: uint8ArrayAlloc(0),
          lessorHubSignature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.terms = reader.bytes()
              break
            }
            case 2: {
              obj.renterHubSignature = reader.bytes()
              break
            }
            case 3: {
              obj.lessorHubSignature = reader.bytes()
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
                field: `${prefix}.terms`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.renterHubSignature`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.lessorHubSignature`,
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

  export interface SignedLeaseTermsFieldEvent {
    field: '$.terms'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedLeaseRenterHubSignatureFieldEvent {
    field: '$.renterHubSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedLeaseLessorHubSignatureFieldEvent {
    field: '$.lessorHubSignature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedLease>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedLease.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedLease>): SignedLease {
    return decodeMessage(buf, SignedLease.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedLease>): Generator<SignedLeaseTermsFieldEvent | SignedLeaseRenterHubSignatureFieldEvent | SignedLeaseLessorHubSignatureFieldEvent> {
    return streamMessage(buf, SignedLease.codec(), opts)
  }
}

export interface Offer {
  order?: SignedOrder
  freeCores: number
  freeMemoryMiB: bigint
  acceptedAt: bigint
}

export namespace Offer {
  let _codec: Codec<Offer>

  export const codec = (): Codec<Offer> => {
    if (_codec == null) {
      _codec = message<Offer>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.order != null) {
          w.uint32(10)
          SignedOrder.codec().encode(obj.order, w)
        }

        if ((obj.freeCores != null && obj.freeCores !== 0)) {
          w.uint32(16)
          w.uint32(obj.freeCores)
        }

        if ((obj.freeMemoryMiB != null && obj.freeMemoryMiB !== 0n)) {
          w.uint32(24)
          w.uint64(obj.freeMemoryMiB)
        }

        if ((obj.acceptedAt != null && obj.acceptedAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.acceptedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          freeCores: 0,
          freeMemoryMiB: 0n,
          acceptedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.order = SignedOrder.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.order
              })
              break
            }
            case 2: {
              obj.freeCores = reader.uint32()
              break
            }
            case 3: {
              obj.freeMemoryMiB = reader.uint64()
              break
            }
            case 4: {
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
              yield * SignedOrder.codec().stream(reader, reader.uint32(), `${prefix}.order`, {
                limits: opts.limits?.order
              })

              break
            }
            case 2: {
              yield {
                field: `${prefix}.freeCores`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.freeMemoryMiB`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
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

  export interface OfferOrderBodyFieldEvent {
    field: '$.order.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferOrderSignatureFieldEvent {
    field: '$.order.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferFreeCoresFieldEvent {
    field: '$.freeCores'
    value: number
  }

  export interface OfferFreeMemoryMiBFieldEvent {
    field: '$.freeMemoryMiB'
    value: bigint
  }

  export interface OfferAcceptedAtFieldEvent {
    field: '$.acceptedAt'
    value: bigint
  }

  export function encode (obj: Partial<Offer>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Offer.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Offer {
    return decodeMessage(buf, Offer.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Offer>): Generator<OfferOrderBodyFieldEvent | OfferOrderSignatureFieldEvent | OfferFreeCoresFieldEvent | OfferFreeMemoryMiBFieldEvent | OfferAcceptedAtFieldEvent> {
    return streamMessage(buf, Offer.codec(), opts)
  }
}

export interface OfferRecordBody {
  network: string
  hub: Uint8Array<ArrayBuffer>
  resourceClass: string
  seq: bigint
  expires: bigint
  offers: Offer[]
}

export namespace OfferRecordBody {
  let _codec: Codec<OfferRecordBody>

  export const codec = (): Codec<OfferRecordBody> => {
    if (_codec == null) {
      _codec = message<OfferRecordBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.network != null && obj.network !== '')) {
          w.uint32(10)
          w.string(obj.network)
        }

        if ((obj.hub != null && obj.hub.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.hub)
        }

        if ((obj.resourceClass != null && obj.resourceClass !== '')) {
          w.uint32(26)
          w.string(obj.resourceClass)
        }

        if ((obj.seq != null && obj.seq !== 0n)) {
          w.uint32(32)
          w.uint64(obj.seq)
        }

        if ((obj.expires != null && obj.expires !== 0n)) {
          w.uint32(40)
          w.uint64(obj.expires)
        }

        if (obj.offers != null && obj.offers.length > 0) {
          for (const value of obj.offers) {
            w.uint32(50)
            Offer.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          network: '',
          hub: uint8ArrayAlloc(0),
          resourceClass: '',
          seq: 0n,
          expires: 0n,
          offers: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.network = reader.string()
              break
            }
            case 2: {
              obj.hub = reader.bytes()
              break
            }
            case 3: {
              obj.resourceClass = reader.string()
              break
            }
            case 4: {
              obj.seq = reader.uint64()
              break
            }
            case 5: {
              obj.expires = reader.uint64()
              break
            }
            case 6: {
              if (opts.limits?.offers != null && obj.offers.length === opts.limits.offers) {
                throw new MaxLengthError('Decode error - repeated field "offers" had too many elements')
              }

              obj.offers.push(Offer.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.offers$
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
          offers: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.network`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.hub`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.resourceClass`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.expires`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
              if (opts.limits?.offers != null && obj.offers === opts.limits.offers) {
                throw new MaxLengthError('Streaming decode error - repeated field "offers" had too many elements')
              }

              for (const evt of Offer.codec().stream(reader, reader.uint32(), `${prefix}.offers[]`, {
                limits: opts.limits?.offers$
              })) {
                yield {
                  ...evt,
                  index: obj.offers
                }
              }

              obj.offers++

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

  export interface OfferRecordBodyNetworkFieldEvent {
    field: '$.network'
    value: string
  }

  export interface OfferRecordBodyHubFieldEvent {
    field: '$.hub'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferRecordBodyResourceClassFieldEvent {
    field: '$.resourceClass'
    value: string
  }

  export interface OfferRecordBodySeqFieldEvent {
    field: '$.seq'
    value: bigint
  }

  export interface OfferRecordBodyExpiresFieldEvent {
    field: '$.expires'
    value: bigint
  }

  export interface OfferRecordBodyOffersOrderBodyFieldEvent {
    field: '$.offers[].order.body'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface OfferRecordBodyOffersOrderSignatureFieldEvent {
    field: '$.offers[].order.signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface OfferRecordBodyOffersFreeCoresFieldEvent {
    field: '$.offers[].freeCores'
    value: number
    index: number
  }

  export interface OfferRecordBodyOffersFreeMemoryMiBFieldEvent {
    field: '$.offers[].freeMemoryMiB'
    value: bigint
    index: number
  }

  export interface OfferRecordBodyOffersAcceptedAtFieldEvent {
    field: '$.offers[].acceptedAt'
    value: bigint
    index: number
  }

  export function encode (obj: Partial<OfferRecordBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OfferRecordBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OfferRecordBody>): OfferRecordBody {
    return decodeMessage(buf, OfferRecordBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OfferRecordBody>): Generator<OfferRecordBodyNetworkFieldEvent | OfferRecordBodyHubFieldEvent | OfferRecordBodyResourceClassFieldEvent | OfferRecordBodySeqFieldEvent | OfferRecordBodyExpiresFieldEvent | OfferRecordBodyOffersOrderBodyFieldEvent | OfferRecordBodyOffersOrderSignatureFieldEvent | OfferRecordBodyOffersFreeCoresFieldEvent | OfferRecordBodyOffersFreeMemoryMiBFieldEvent | OfferRecordBodyOffersAcceptedAtFieldEvent> {
    return streamMessage(buf, OfferRecordBody.codec(), opts)
  }
}

export interface OfferRecord {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace OfferRecord {
  let _codec: Codec<OfferRecord>

  export const codec = (): Codec<OfferRecord> => {
    if (_codec == null) {
      _codec = message<OfferRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
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
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
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
                field: `${prefix}.body`,
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

  export interface OfferRecordBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OfferRecordSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<OfferRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OfferRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OfferRecord>): OfferRecord {
    return decodeMessage(buf, OfferRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OfferRecord>): Generator<OfferRecordBodyFieldEvent | OfferRecordSignatureFieldEvent> {
    return streamMessage(buf, OfferRecord.codec(), opts)
  }
}
