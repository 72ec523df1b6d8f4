import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface JointRequest {
  kind: JointRequest.Kind
  trainingId: string
  round: number
  idColumn: string
  features: string[]
  rows: number
  idDigest: Uint8Array<ArrayBuffer>
  heParams: Uint8Array<ArrayBuffer>
  hePublicKey: Uint8Array<ArrayBuffer>
  shareKey: Uint8Array<ArrayBuffer>
  ranges: JointRange[]
  step: number
  start: number
  shareRows: number
  keyFingerprint: Uint8Array<ArrayBuffer>
  tag: Uint8Array<ArrayBuffer>
  blobs: number
  leaseId: string
  subtaskId: string
  sessionId: string
  params: Uint8Array<ArrayBuffer>
  partner: string
  hePublicBundle: Uint8Array<ArrayBuffer>
  renterOffset: number
}

export namespace JointRequest {
  export enum Kind {
    KIND_UNSET = 'KIND_UNSET',
    OPEN = 'OPEN',
    SHARE = 'SHARE',
    ROUND = 'ROUND',
    FINISH = 'FINISH',
    RUN = 'RUN'
  }

  enum __KindValues {
    KIND_UNSET = 0,
    OPEN = 1,
    SHARE = 2,
    ROUND = 3,
    FINISH = 4,
    RUN = 5
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  let _codec: Codec<JointRequest>

  export const codec = (): Codec<JointRequest> => {
    if (_codec == null) {
      _codec = message<JointRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(8)
          JointRequest.Kind.codec().encode(obj.kind, w)
        }

        if ((obj.trainingId != null && obj.trainingId !== '')) {
          w.uint32(18)
          w.string(obj.trainingId)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(24)
          w.uint32(obj.round)
        }

        if ((obj.idColumn != null && obj.idColumn !== '')) {
          w.uint32(34)
          w.string(obj.idColumn)
        }

        if (obj.features != null && obj.features.length > 0) {
          for (const value of obj.features) {
            w.uint32(42)
            w.string(value)
          }
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(48)
          w.uint32(obj.rows)
        }

        if ((obj.idDigest != null && obj.idDigest.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.idDigest)
        }

        if ((obj.heParams != null && obj.heParams.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.heParams)
        }

        if ((obj.hePublicKey != null && obj.hePublicKey.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.hePublicKey)
        }

        if ((obj.shareKey != null && obj.shareKey.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.shareKey)
        }

        if (obj.ranges != null && obj.ranges.length > 0) {
          for (const value of obj.ranges) {
            w.uint32(90)
            JointRange.codec().encode(value, w)
          }
        }

        if ((obj.step != null && obj.step !== 0)) {
          w.uint32(193)
          w.double(obj.step)
        }

        if ((obj.start != null && obj.start !== 0)) {
          w.uint32(96)
          w.uint32(obj.start)
        }

        if ((obj.shareRows != null && obj.shareRows !== 0)) {
          w.uint32(104)
          w.uint32(obj.shareRows)
        }

        if ((obj.keyFingerprint != null && obj.keyFingerprint.byteLength > 0)) {
          w.uint32(114)
          w.bytes(obj.keyFingerprint)
        }

        if ((obj.tag != null && obj.tag.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.tag)
        }

        if ((obj.blobs != null && obj.blobs !== 0)) {
          w.uint32(128)
          w.uint32(obj.blobs)
        }

        if ((obj.leaseId != null && obj.leaseId !== '')) {
          w.uint32(138)
          w.string(obj.leaseId)
        }

        if ((obj.subtaskId != null && obj.subtaskId !== '')) {
          w.uint32(146)
          w.string(obj.subtaskId)
        }

        if ((obj.sessionId != null && obj.sessionId !== '')) {
          w.uint32(154)
          w.string(obj.sessionId)
        }

        if ((obj.params != null && obj.params.byteLength > 0)) {
          w.uint32(162)
          w.bytes(obj.params)
        }

        if ((obj.partner != null && obj.partner !== '')) {
          w.uint32(170)
          w.string(obj.partner)
        }

        if ((obj.hePublicBundle != null && obj.hePublicBundle.byteLength > 0)) {
          w.uint32(178)
          w.bytes(obj.hePublicBundle)
        }

        if ((obj.renterOffset != null && obj.renterOffset !== 0)) {
          w.uint32(185)
          w.double(obj.renterOffset)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: Kind.KIND_UNSET,
          trainingId: '',
          round: 0,
          idColumn: '',
          features: [],
          rows: 0,
          idDigest: uint8ArrayAlloc(0),
          heParams: uint8ArrayAlloc(0),
          hePublicKey: uint8ArrayAlloc(0),
          shareKey: uint8ArrayAlloc(0),
          ranges: [],
          step: 0,
          start: 0,
          shareRows: 0,
          keyFingerprint: uint8ArrayAlloc(0),
          tag: uint8ArrayAlloc(0),
          blobs: 0,
          leaseId: '',
          subtaskId: '',
          sessionId: '',
          params: uint8ArrayAlloc(0),
          partner: '',
          hePublicBundle: uint8ArrayAlloc(0),
          renterOffset: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = JointRequest.Kind.codec().decode(reader)
              break
            }
            case 2: {
              obj.trainingId = reader.string()
              break
            }
            case 3: {
              obj.round = reader.uint32()
              break
            }
            case 4: {
              obj.idColumn = reader.string()
              break
            }
            case 5: {
              if (opts.limits?.features != null && obj.features.length === opts.limits.features) {
                throw new MaxLengthError('Decode error - repeated field "features" had too many elements')
              }

              obj.features.push(reader.string())
              break
            }
            case 6: {
              obj.rows = reader.uint32()
              break
            }
            case 7: {
              obj.idDigest = reader.bytes()
              break
            }
            case 8: {
              obj.heParams = reader.bytes()
              break
            }
            case 9: {
              obj.hePublicKey = reader.bytes()
              break
            }
            case 10: {
              obj.shareKey = reader.bytes()
              break
            }
            case 11: {
              if (opts.limits?.ranges != null && obj.ranges.length === opts.limits.ranges) {
                throw new MaxLengthError('Decode error - repeated field "ranges" had too many elements')
              }

              obj.ranges.push(JointRange.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ranges$
              }))
              break
            }
            case 24: {
              obj.step = reader.double()
              break
            }
            case 12: {
              obj.start = reader.uint32()
              break
            }
            case 13: {
              obj.shareRows = reader.uint32()
              break
            }
            case 14: {
              obj.keyFingerprint = reader.bytes()
              break
            }
            case 15: {
              obj.tag = reader.bytes()
              break
            }
            case 16: {
              obj.blobs = reader.uint32()
              break
            }
            case 17: {
              obj.leaseId = reader.string()
              break
            }
            case 18: {
              obj.subtaskId = reader.string()
              break
            }
            case 19: {
              obj.sessionId = reader.string()
              break
            }
            case 20: {
              obj.params = reader.bytes()
              break
            }
            case 21: {
              obj.partner = reader.string()
              break
            }
            case 22: {
              obj.hePublicBundle = reader.bytes()
              break
            }
            case 23: {
              obj.renterOffset = reader.double()
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
          features: 0,
          ranges: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.kind`,
                value: JointRequest.Kind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.trainingId`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.round`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.idColumn`,
                value: reader.string()
              }
              break
            }
            case 5: {
              if (opts.limits?.features != null && obj.features === opts.limits.features) {
                throw new MaxLengthError('Streaming decode error - repeated field "features" had too many elements')
              }

              yield {
                field: `${prefix}.features[]`,
                index: obj.features,
                value: reader.string()
              }

              obj.features++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.rows`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.idDigest`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.heParams`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.hePublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.shareKey`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              if (opts.limits?.ranges != null && obj.ranges === opts.limits.ranges) {
                throw new MaxLengthError('Streaming decode error - repeated field "ranges" had too many elements')
              }

              for (const evt of JointRange.codec().stream(reader, reader.uint32(), `${prefix}.ranges[]`, {
                limits: opts.limits?.ranges$
              })) {
                yield {
                  ...evt,
                  index: obj.ranges
                }
              }

              obj.ranges++

              break
            }
            case 24: {
              yield {
                field: `${prefix}.step`,
                value: reader.double()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.start`,
                value: reader.uint32()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.shareRows`,
                value: reader.uint32()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.keyFingerprint`,
                value: reader.bytes()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.tag`,
                value: reader.bytes()
              }
              break
            }
            case 16: {
              yield {
                field: `${prefix}.blobs`,
                value: reader.uint32()
              }
              break
            }
            case 17: {
              yield {
                field: `${prefix}.leaseId`,
                value: reader.string()
              }
              break
            }
            case 18: {
              yield {
                field: `${prefix}.subtaskId`,
                value: reader.string()
              }
              break
            }
            case 19: {
              yield {
                field: `${prefix}.sessionId`,
                value: reader.string()
              }
              break
            }
            case 20: {
              yield {
                field: `${prefix}.params`,
                value: reader.bytes()
              }
              break
            }
            case 21: {
              yield {
                field: `${prefix}.partner`,
                value: reader.string()
              }
              break
            }
            case 22: {
              yield {
                field: `${prefix}.hePublicBundle`,
                value: reader.bytes()
              }
              break
            }
            case 23: {
              yield {
                field: `${prefix}.renterOffset`,
                value: reader.double()
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

  export interface JointRequestKindFieldEvent {
    field: '$.kind'
    value: JointRequest.Kind
  }

  export interface JointRequestTrainingIdFieldEvent {
    field: '$.trainingId'
    value: string
  }

  export interface JointRequestRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export interface JointRequestIdColumnFieldEvent {
    field: '$.idColumn'
    value: string
  }

  export interface JointRequestFeaturesFieldEvent {
    field: '$.features[]'
    index: number
    value: string
  }

  export interface JointRequestRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface JointRequestIdDigestFieldEvent {
    field: '$.idDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestHeParamsFieldEvent {
    field: '$.heParams'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestHePublicKeyFieldEvent {
    field: '$.hePublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestShareKeyFieldEvent {
    field: '$.shareKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestRangesLessorFieldEvent {
    field: '$.ranges[].lessor'
    value: string
    index: number
  }

  export interface JointRequestRangesStartFieldEvent {
    field: '$.ranges[].start'
    value: number
    index: number
  }

  export interface JointRequestRangesRowsFieldEvent {
    field: '$.ranges[].rows'
    value: number
    index: number
  }

  export interface JointRequestStepFieldEvent {
    field: '$.step'
    value: number
  }

  export interface JointRequestStartFieldEvent {
    field: '$.start'
    value: number
  }

  export interface JointRequestShareRowsFieldEvent {
    field: '$.shareRows'
    value: number
  }

  export interface JointRequestKeyFingerprintFieldEvent {
    field: '$.keyFingerprint'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestTagFieldEvent {
    field: '$.tag'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestBlobsFieldEvent {
    field: '$.blobs'
    value: number
  }

  export interface JointRequestLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface JointRequestSubtaskIdFieldEvent {
    field: '$.subtaskId'
    value: string
  }

  export interface JointRequestSessionIdFieldEvent {
    field: '$.sessionId'
    value: string
  }

  export interface JointRequestParamsFieldEvent {
    field: '$.params'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestPartnerFieldEvent {
    field: '$.partner'
    value: string
  }

  export interface JointRequestHePublicBundleFieldEvent {
    field: '$.hePublicBundle'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointRequestRenterOffsetFieldEvent {
    field: '$.renterOffset'
    value: number
  }

  export function encode (obj: Partial<JointRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JointRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointRequest>): JointRequest {
    return decodeMessage(buf, JointRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointRequest>): Generator<JointRequestKindFieldEvent | JointRequestTrainingIdFieldEvent | JointRequestRoundFieldEvent | JointRequestIdColumnFieldEvent | JointRequestFeaturesFieldEvent | JointRequestRowsFieldEvent | JointRequestIdDigestFieldEvent | JointRequestHeParamsFieldEvent | JointRequestHePublicKeyFieldEvent | JointRequestShareKeyFieldEvent | JointRequestRangesLessorFieldEvent | JointRequestRangesStartFieldEvent | JointRequestRangesRowsFieldEvent | JointRequestStepFieldEvent | JointRequestStartFieldEvent | JointRequestShareRowsFieldEvent | JointRequestKeyFingerprintFieldEvent | JointRequestTagFieldEvent | JointRequestBlobsFieldEvent | JointRequestLeaseIdFieldEvent | JointRequestSubtaskIdFieldEvent | JointRequestSessionIdFieldEvent | JointRequestParamsFieldEvent | JointRequestPartnerFieldEvent | JointRequestHePublicBundleFieldEvent | JointRequestRenterOffsetFieldEvent> {
    return streamMessage(buf, JointRequest.codec(), opts)
  }
}

export interface JointRange {
  lessor: string
  start: number
  rows: number
}

export namespace JointRange {
  let _codec: Codec<JointRange>

  export const codec = (): Codec<JointRange> => {
    if (_codec == null) {
      _codec = message<JointRange>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.lessor != null && obj.lessor !== '')) {
          w.uint32(10)
          w.string(obj.lessor)
        }

        if ((obj.start != null && obj.start !== 0)) {
          w.uint32(16)
          w.uint32(obj.start)
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(24)
          w.uint32(obj.rows)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          lessor: '',
          start: 0,
          rows: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.lessor = reader.string()
              break
            }
            case 2: {
              obj.start = reader.uint32()
              break
            }
            case 3: {
              obj.rows = reader.uint32()
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
                field: `${prefix}.lessor`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.start`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.rows`,
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

  export interface JointRangeLessorFieldEvent {
    field: '$.lessor'
    value: string
  }

  export interface JointRangeStartFieldEvent {
    field: '$.start'
    value: number
  }

  export interface JointRangeRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export function encode (obj: Partial<JointRange>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JointRange.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointRange>): JointRange {
    return decodeMessage(buf, JointRange.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointRange>): Generator<JointRangeLessorFieldEvent | JointRangeStartFieldEvent | JointRangeRowsFieldEvent> {
    return streamMessage(buf, JointRange.codec(), opts)
  }
}

export interface JointBlob {
  data: Uint8Array<ArrayBuffer>
}

export namespace JointBlob {
  let _codec: Codec<JointBlob>

  export const codec = (): Codec<JointBlob> => {
    if (_codec == null) {
      _codec = message<JointBlob>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.data)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          data: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.data = reader.bytes()
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
                field: `${prefix}.data`,
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

  export interface JointBlobDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<JointBlob>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JointBlob.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointBlob>): JointBlob {
    return decodeMessage(buf, JointBlob.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointBlob>): Generator<JointBlobDataFieldEvent> {
    return streamMessage(buf, JointBlob.codec(), opts)
  }
}

export interface JointResponse {
  kind: JointResponse.Kind
  code: string
  message: string
  blobs: number
  residualCounts: number[]
  masked: number
  round: number
  forwardedBytes: bigint
}

export namespace JointResponse {
  export enum Kind {
    KIND_UNSET = 'KIND_UNSET',
    OK = 'OK',
    ERROR = 'ERROR'
  }

  enum __KindValues {
    KIND_UNSET = 0,
    OK = 1,
    ERROR = 2
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  let _codec: Codec<JointResponse>

  export const codec = (): Codec<JointResponse> => {
    if (_codec == null) {
      _codec = message<JointResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(8)
          JointResponse.Kind.codec().encode(obj.kind, w)
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(18)
          w.string(obj.code)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(26)
          w.string(obj.message)
        }

        if ((obj.blobs != null && obj.blobs !== 0)) {
          w.uint32(32)
          w.uint32(obj.blobs)
        }

        if (obj.residualCounts != null && obj.residualCounts.length > 0) {
          for (const value of obj.residualCounts) {
            w.uint32(40)
            w.uint32(value)
          }
        }

        if ((obj.masked != null && obj.masked !== 0)) {
          w.uint32(48)
          w.uint32(obj.masked)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(56)
          w.uint32(obj.round)
        }

        if ((obj.forwardedBytes != null && obj.forwardedBytes !== 0n)) {
          w.uint32(64)
          w.uint64(obj.forwardedBytes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: Kind.KIND_UNSET,
          code: '',
          message: '',
          blobs: 0,
          residualCounts: [],
          masked: 0,
          round: 0,
          forwardedBytes: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = JointResponse.Kind.codec().decode(reader)
              break
            }
            case 2: {
              obj.code = reader.string()
              break
            }
            case 3: {
              obj.message = reader.string()
              break
            }
            case 4: {
              obj.blobs = reader.uint32()
              break
            }
            case 5: {
              if (opts.limits?.residualCounts != null && obj.residualCounts.length === opts.limits.residualCounts) {
                throw new MaxLengthError('Decode error - repeated field "residualCounts" had too many elements')
              }

              obj.residualCounts.push(reader.uint32())
              break
            }
            case 6: {
              obj.masked = reader.uint32()
              break
            }
            case 7: {
              obj.round = reader.uint32()
              break
            }
            case 8: {
              obj.forwardedBytes = reader.uint64()
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
          residualCounts: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.kind`,
                value: JointResponse.Kind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.code`,
                value: reader.string()
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
            case 4: {
              yield {
                field: `${prefix}.blobs`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              if (opts.limits?.residualCounts != null && obj.residualCounts === opts.limits.residualCounts) {
                throw new MaxLengthError('Streaming decode error - repeated field "residualCounts" had too many elements')
              }

              yield {
                field: `${prefix}.residualCounts[]`,
                index: obj.residualCounts,
                value: reader.uint32()
              }

              obj.residualCounts++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.masked`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.round`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.forwardedBytes`,
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

  export interface JointResponseKindFieldEvent {
    field: '$.kind'
    value: JointResponse.Kind
  }

  export interface JointResponseCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface JointResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface JointResponseBlobsFieldEvent {
    field: '$.blobs'
    value: number
  }

  export interface JointResponseResidualCountsFieldEvent {
    field: '$.residualCounts[]'
    index: number
    value: number
  }

  export interface JointResponseMaskedFieldEvent {
    field: '$.masked'
    value: number
  }

  export interface JointResponseRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export interface JointResponseForwardedBytesFieldEvent {
    field: '$.forwardedBytes'
    value: bigint
  }

  export function encode (obj: Partial<JointResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JointResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointResponse>): JointResponse {
    return decodeMessage(buf, JointResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointResponse>): Generator<JointResponseKindFieldEvent | JointResponseCodeFieldEvent | JointResponseMessageFieldEvent | JointResponseBlobsFieldEvent | JointResponseResidualCountsFieldEvent | JointResponseMaskedFieldEvent | JointResponseRoundFieldEvent | JointResponseForwardedBytesFieldEvent> {
    return streamMessage(buf, JointResponse.codec(), opts)
  }
}

export interface JointConstants {
  values: Uint8Array<ArrayBuffer>[]
}

export namespace JointConstants {
  let _codec: Codec<JointConstants>

  export const codec = (): Codec<JointConstants> => {
    if (_codec == null) {
      _codec = message<JointConstants>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.values != null && obj.values.length > 0) {
          for (const value of obj.values) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          values: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.values != null && obj.values.length === opts.limits.values) {
                throw new MaxLengthError('Decode error - repeated field "values" had too many elements')
              }

              obj.values.push(reader.bytes())
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
              if (opts.limits?.values != null && obj.values === opts.limits.values) {
                throw new MaxLengthError('Streaming decode error - repeated field "values" had too many elements')
              }

              yield {
                field: `${prefix}.values[]`,
                index: obj.values,
                value: reader.bytes()
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

  export interface JointConstantsValuesFieldEvent {
    field: '$.values[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<JointConstants>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JointConstants.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointConstants>): JointConstants {
    return decodeMessage(buf, JointConstants.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointConstants>): Generator<JointConstantsValuesFieldEvent> {
    return streamMessage(buf, JointConstants.codec(), opts)
  }
}
