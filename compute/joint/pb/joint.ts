import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface JointShare {
  trainingId: string
  round: number
  start: number
  rows: number
  keyFingerprint: Uint8Array<ArrayBuffer>
  ciphertexts: Uint8Array<ArrayBuffer>[]
  tag: Uint8Array<ArrayBuffer>
}

export namespace JointShare {
  let _codec: Codec<JointShare>

  export const codec = (): Codec<JointShare> => {
    if (_codec == null) {
      _codec = message<JointShare>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.trainingId != null && obj.trainingId !== '')) {
          w.uint32(10)
          w.string(obj.trainingId)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(16)
          w.uint32(obj.round)
        }

        if ((obj.start != null && obj.start !== 0)) {
          w.uint32(24)
          w.uint32(obj.start)
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(32)
          w.uint32(obj.rows)
        }

        if ((obj.keyFingerprint != null && obj.keyFingerprint.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.keyFingerprint)
        }

        if (obj.ciphertexts != null && obj.ciphertexts.length > 0) {
          for (const value of obj.ciphertexts) {
            w.uint32(50)
            w.bytes(value)
          }
        }

        if ((obj.tag != null && obj.tag.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.tag)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          trainingId: '',
          round: 0,
          start: 0,
          rows: 0,
          keyFingerprint: uint8ArrayAlloc(0),
          ciphertexts: [],
          tag: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.trainingId = reader.string()
              break
            }
            case 2: {
              obj.round = reader.uint32()
              break
            }
            case 3: {
              obj.start = reader.uint32()
              break
            }
            case 4: {
              obj.rows = reader.uint32()
              break
            }
            case 5: {
              obj.keyFingerprint = reader.bytes()
              break
            }
            case 6: {
              if (opts.limits?.ciphertexts != null && obj.ciphertexts.length === opts.limits.ciphertexts) {
                throw new MaxLengthError('Decode error - repeated field "ciphertexts" had too many elements')
              }

              obj.ciphertexts.push(reader.bytes())
              break
            }
            case 7: {
              obj.tag = reader.bytes()
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
              yield {
                field: `${prefix}.trainingId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.round`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.start`,
                value: reader.uint32()
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
              yield {
                field: `${prefix}.keyFingerprint`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
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
            case 7: {
              yield {
                field: `${prefix}.tag`,
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

  export interface JointShareTrainingIdFieldEvent {
    field: '$.trainingId'
    value: string
  }

  export interface JointShareRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export interface JointShareStartFieldEvent {
    field: '$.start'
    value: number
  }

  export interface JointShareRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface JointShareKeyFingerprintFieldEvent {
    field: '$.keyFingerprint'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointShareCiphertextsFieldEvent {
    field: '$.ciphertexts[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface JointShareTagFieldEvent {
    field: '$.tag'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<JointShare>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JointShare.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointShare>): JointShare {
    return decodeMessage(buf, JointShare.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JointShare>): Generator<JointShareTrainingIdFieldEvent | JointShareRoundFieldEvent | JointShareStartFieldEvent | JointShareRowsFieldEvent | JointShareKeyFingerprintFieldEvent | JointShareCiphertextsFieldEvent | JointShareTagFieldEvent> {
    return streamMessage(buf, JointShare.codec(), opts)
  }
}

export interface EnclaveOp {
  op: EnclaveOp.Op
  round: number
}

export namespace EnclaveOp {
  export enum Op {
    OP_UNSET = 'OP_UNSET',
    LOAD = 'LOAD',
    FORWARD = 'FORWARD',
    BACKWARD = 'BACKWARD'
  }

  enum __OpValues {
    OP_UNSET = 0,
    LOAD = 1,
    FORWARD = 2,
    BACKWARD = 3
  }

  export namespace Op {
    export const codec = (): Codec<Op> => {
      return enumeration<Op>(__OpValues)
    }
  }

  let _codec: Codec<EnclaveOp>

  export const codec = (): Codec<EnclaveOp> => {
    if (_codec == null) {
      _codec = message<EnclaveOp>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.op != null && __OpValues[obj.op] !== 0) {
          w.uint32(8)
          EnclaveOp.Op.codec().encode(obj.op, w)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(16)
          w.uint32(obj.round)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          op: Op.OP_UNSET,
          round: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.op = EnclaveOp.Op.codec().decode(reader)
              break
            }
            case 2: {
              obj.round = reader.uint32()
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
                field: `${prefix}.op`,
                value: EnclaveOp.Op.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.round`,
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

  export interface EnclaveOpOpFieldEvent {
    field: '$.op'
    value: EnclaveOp.Op
  }

  export interface EnclaveOpRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export function encode (obj: Partial<EnclaveOp>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EnclaveOp.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveOp>): EnclaveOp {
    return decodeMessage(buf, EnclaveOp.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveOp>): Generator<EnclaveOpOpFieldEvent | EnclaveOpRoundFieldEvent> {
    return streamMessage(buf, EnclaveOp.codec(), opts)
  }
}

export interface EnclaveLoad {
  trainingId: string
  start: number
  rows: number
  names: string[]
  means: number[]
  values: Uint8Array<ArrayBuffer>
  heParams: Uint8Array<ArrayBuffer>
  hePublicKey: Uint8Array<ArrayBuffer>
  shareKey: Uint8Array<ArrayBuffer>
}

export namespace EnclaveLoad {
  let _codec: Codec<EnclaveLoad>

  export const codec = (): Codec<EnclaveLoad> => {
    if (_codec == null) {
      _codec = message<EnclaveLoad>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.trainingId != null && obj.trainingId !== '')) {
          w.uint32(10)
          w.string(obj.trainingId)
        }

        if ((obj.start != null && obj.start !== 0)) {
          w.uint32(16)
          w.uint32(obj.start)
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(24)
          w.uint32(obj.rows)
        }

        if (obj.names != null && obj.names.length > 0) {
          for (const value of obj.names) {
            w.uint32(34)
            w.string(value)
          }
        }

        if (obj.means != null && obj.means.length > 0) {
          for (const value of obj.means) {
            w.uint32(41)
            w.double(value)
          }
        }

        if ((obj.values != null && obj.values.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.values)
        }

        if ((obj.heParams != null && obj.heParams.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.heParams)
        }

        if ((obj.hePublicKey != null && obj.hePublicKey.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.hePublicKey)
        }

        if ((obj.shareKey != null && obj.shareKey.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.shareKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          trainingId: '',
          start: 0,
          rows: 0,
          names: [],
          means: [],
          values: uint8ArrayAlloc(0),
          heParams: uint8ArrayAlloc(0),
          hePublicKey: uint8ArrayAlloc(0),
          shareKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.trainingId = reader.string()
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
            case 4: {
              if (opts.limits?.names != null && obj.names.length === opts.limits.names) {
                throw new MaxLengthError('Decode error - repeated field "names" had too many elements')
              }

              obj.names.push(reader.string())
              break
            }
            case 5: {
              if (opts.limits?.means != null && obj.means.length === opts.limits.means) {
                throw new MaxLengthError('Decode error - repeated field "means" had too many elements')
              }

              obj.means.push(reader.double())
              break
            }
            case 6: {
              obj.values = reader.bytes()
              break
            }
            case 7: {
              obj.heParams = reader.bytes()
              break
            }
            case 8: {
              obj.hePublicKey = reader.bytes()
              break
            }
            case 9: {
              obj.shareKey = reader.bytes()
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
          names: 0,
          means: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.trainingId`,
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
            case 4: {
              if (opts.limits?.names != null && obj.names === opts.limits.names) {
                throw new MaxLengthError('Streaming decode error - repeated field "names" had too many elements')
              }

              yield {
                field: `${prefix}.names[]`,
                index: obj.names,
                value: reader.string()
              }

              obj.names++

              break
            }
            case 5: {
              if (opts.limits?.means != null && obj.means === opts.limits.means) {
                throw new MaxLengthError('Streaming decode error - repeated field "means" had too many elements')
              }

              yield {
                field: `${prefix}.means[]`,
                index: obj.means,
                value: reader.double()
              }

              obj.means++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.values`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.heParams`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.hePublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.shareKey`,
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

  export interface EnclaveLoadTrainingIdFieldEvent {
    field: '$.trainingId'
    value: string
  }

  export interface EnclaveLoadStartFieldEvent {
    field: '$.start'
    value: number
  }

  export interface EnclaveLoadRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface EnclaveLoadNamesFieldEvent {
    field: '$.names[]'
    index: number
    value: string
  }

  export interface EnclaveLoadMeansFieldEvent {
    field: '$.means[]'
    index: number
    value: number
  }

  export interface EnclaveLoadValuesFieldEvent {
    field: '$.values'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnclaveLoadHeParamsFieldEvent {
    field: '$.heParams'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnclaveLoadHePublicKeyFieldEvent {
    field: '$.hePublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnclaveLoadShareKeyFieldEvent {
    field: '$.shareKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EnclaveLoad>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EnclaveLoad.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveLoad>): EnclaveLoad {
    return decodeMessage(buf, EnclaveLoad.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveLoad>): Generator<EnclaveLoadTrainingIdFieldEvent | EnclaveLoadStartFieldEvent | EnclaveLoadRowsFieldEvent | EnclaveLoadNamesFieldEvent | EnclaveLoadMeansFieldEvent | EnclaveLoadValuesFieldEvent | EnclaveLoadHeParamsFieldEvent | EnclaveLoadHePublicKeyFieldEvent | EnclaveLoadShareKeyFieldEvent> {
    return streamMessage(buf, EnclaveLoad.codec(), opts)
  }
}

export interface EnclaveForward {
  trainingId: string
  round: number
  weights: number[]
}

export namespace EnclaveForward {
  let _codec: Codec<EnclaveForward>

  export const codec = (): Codec<EnclaveForward> => {
    if (_codec == null) {
      _codec = message<EnclaveForward>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.trainingId != null && obj.trainingId !== '')) {
          w.uint32(10)
          w.string(obj.trainingId)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(16)
          w.uint32(obj.round)
        }

        if (obj.weights != null && obj.weights.length > 0) {
          for (const value of obj.weights) {
            w.uint32(25)
            w.double(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          trainingId: '',
          round: 0,
          weights: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.trainingId = reader.string()
              break
            }
            case 2: {
              obj.round = reader.uint32()
              break
            }
            case 3: {
              if (opts.limits?.weights != null && obj.weights.length === opts.limits.weights) {
                throw new MaxLengthError('Decode error - repeated field "weights" had too many elements')
              }

              obj.weights.push(reader.double())
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
          weights: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.trainingId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.round`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              if (opts.limits?.weights != null && obj.weights === opts.limits.weights) {
                throw new MaxLengthError('Streaming decode error - repeated field "weights" had too many elements')
              }

              yield {
                field: `${prefix}.weights[]`,
                index: obj.weights,
                value: reader.double()
              }

              obj.weights++

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

  export interface EnclaveForwardTrainingIdFieldEvent {
    field: '$.trainingId'
    value: string
  }

  export interface EnclaveForwardRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export interface EnclaveForwardWeightsFieldEvent {
    field: '$.weights[]'
    index: number
    value: number
  }

  export function encode (obj: Partial<EnclaveForward>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EnclaveForward.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveForward>): EnclaveForward {
    return decodeMessage(buf, EnclaveForward.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveForward>): Generator<EnclaveForwardTrainingIdFieldEvent | EnclaveForwardRoundFieldEvent | EnclaveForwardWeightsFieldEvent> {
    return streamMessage(buf, EnclaveForward.codec(), opts)
  }
}

export interface EnclaveBackward {
  trainingId: string
  round: number
  residuals: Uint8Array<ArrayBuffer>
}

export namespace EnclaveBackward {
  let _codec: Codec<EnclaveBackward>

  export const codec = (): Codec<EnclaveBackward> => {
    if (_codec == null) {
      _codec = message<EnclaveBackward>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.trainingId != null && obj.trainingId !== '')) {
          w.uint32(10)
          w.string(obj.trainingId)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(16)
          w.uint32(obj.round)
        }

        if ((obj.residuals != null && obj.residuals.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.residuals)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          trainingId: '',
          round: 0,
          residuals: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.trainingId = reader.string()
              break
            }
            case 2: {
              obj.round = reader.uint32()
              break
            }
            case 3: {
              obj.residuals = reader.bytes()
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
                field: `${prefix}.trainingId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.round`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.residuals`,
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

  export interface EnclaveBackwardTrainingIdFieldEvent {
    field: '$.trainingId'
    value: string
  }

  export interface EnclaveBackwardRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export interface EnclaveBackwardResidualsFieldEvent {
    field: '$.residuals'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EnclaveBackward>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EnclaveBackward.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveBackward>): EnclaveBackward {
    return decodeMessage(buf, EnclaveBackward.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveBackward>): Generator<EnclaveBackwardTrainingIdFieldEvent | EnclaveBackwardRoundFieldEvent | EnclaveBackwardResidualsFieldEvent> {
    return streamMessage(buf, EnclaveBackward.codec(), opts)
  }
}

export interface EnclaveReply {
  trainingId: string
  round: number
  rows: number
  sums: number[]
}

export namespace EnclaveReply {
  let _codec: Codec<EnclaveReply>

  export const codec = (): Codec<EnclaveReply> => {
    if (_codec == null) {
      _codec = message<EnclaveReply>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.trainingId != null && obj.trainingId !== '')) {
          w.uint32(10)
          w.string(obj.trainingId)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(16)
          w.uint32(obj.round)
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(24)
          w.uint32(obj.rows)
        }

        if (obj.sums != null && obj.sums.length > 0) {
          for (const value of obj.sums) {
            w.uint32(33)
            w.double(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          trainingId: '',
          round: 0,
          rows: 0,
          sums: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.trainingId = reader.string()
              break
            }
            case 2: {
              obj.round = reader.uint32()
              break
            }
            case 3: {
              obj.rows = reader.uint32()
              break
            }
            case 4: {
              if (opts.limits?.sums != null && obj.sums.length === opts.limits.sums) {
                throw new MaxLengthError('Decode error - repeated field "sums" had too many elements')
              }

              obj.sums.push(reader.double())
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
          sums: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.trainingId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.round`,
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
            case 4: {
              if (opts.limits?.sums != null && obj.sums === opts.limits.sums) {
                throw new MaxLengthError('Streaming decode error - repeated field "sums" had too many elements')
              }

              yield {
                field: `${prefix}.sums[]`,
                index: obj.sums,
                value: reader.double()
              }

              obj.sums++

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

  export interface EnclaveReplyTrainingIdFieldEvent {
    field: '$.trainingId'
    value: string
  }

  export interface EnclaveReplyRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export interface EnclaveReplyRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface EnclaveReplySumsFieldEvent {
    field: '$.sums[]'
    index: number
    value: number
  }

  export function encode (obj: Partial<EnclaveReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EnclaveReply.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveReply>): EnclaveReply {
    return decodeMessage(buf, EnclaveReply.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveReply>): Generator<EnclaveReplyTrainingIdFieldEvent | EnclaveReplyRoundFieldEvent | EnclaveReplyRowsFieldEvent | EnclaveReplySumsFieldEvent> {
    return streamMessage(buf, EnclaveReply.codec(), opts)
  }
}
