import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface TaskRequest {
  leaseId: string
  subtaskId: string
  mode: TaskRequest.Mode
  program: Uint8Array<ArrayBuffer>
  rows: number
  inputBytes: bigint
  sessionId: string
  hePublicBundle: Uint8Array<ArrayBuffer>
}

export namespace TaskRequest {
  export enum Mode {
    MODE_UNSET = 'MODE_UNSET',
    HE = 'HE',
    TEE = 'TEE',
    TEE_HE = 'TEE_HE'
  }

  enum __ModeValues {
    MODE_UNSET = 0,
    HE = 1,
    TEE = 2,
    TEE_HE = 3
  }

  export namespace Mode {
    export const codec = (): Codec<Mode> => {
      return enumeration<Mode>(__ModeValues)
    }
  }

  let _codec: Codec<TaskRequest>

  export const codec = (): Codec<TaskRequest> => {
    if (_codec == null) {
      _codec = message<TaskRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.leaseId != null && obj.leaseId !== '')) {
          w.uint32(10)
          w.string(obj.leaseId)
        }

        if ((obj.subtaskId != null && obj.subtaskId !== '')) {
          w.uint32(18)
          w.string(obj.subtaskId)
        }

        if (obj.mode != null && __ModeValues[obj.mode] !== 0) {
          w.uint32(24)
          TaskRequest.Mode.codec().encode(obj.mode, w)
        }

        if ((obj.program != null && obj.program.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.program)
        }

        if ((obj.rows != null && obj.rows !== 0)) {
          w.uint32(40)
          w.uint32(obj.rows)
        }

        if ((obj.inputBytes != null && obj.inputBytes !== 0n)) {
          w.uint32(48)
          w.uint64(obj.inputBytes)
        }

        if ((obj.sessionId != null && obj.sessionId !== '')) {
          w.uint32(58)
          w.string(obj.sessionId)
        }

        if ((obj.hePublicBundle != null && obj.hePublicBundle.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.hePublicBundle)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          leaseId: '',
          subtaskId: '',
          mode: Mode.MODE_UNSET,
          program: uint8ArrayAlloc(0),
          rows: 0,
          inputBytes: 0n,
          sessionId: '',
          hePublicBundle: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.leaseId = reader.string()
              break
            }
            case 2: {
              obj.subtaskId = reader.string()
              break
            }
            case 3: {
              obj.mode = TaskRequest.Mode.codec().decode(reader)
              break
            }
            case 4: {
              obj.program = reader.bytes()
              break
            }
            case 5: {
              obj.rows = reader.uint32()
              break
            }
            case 6: {
              obj.inputBytes = reader.uint64()
              break
            }
            case 7: {
              obj.sessionId = reader.string()
              break
            }
            case 8: {
              obj.hePublicBundle = reader.bytes()
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
                field: `${prefix}.leaseId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.subtaskId`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.mode`,
                value: TaskRequest.Mode.codec().decode(reader)
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.program`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.rows`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.inputBytes`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.sessionId`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.hePublicBundle`,
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

  export interface TaskRequestLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface TaskRequestSubtaskIdFieldEvent {
    field: '$.subtaskId'
    value: string
  }

  export interface TaskRequestModeFieldEvent {
    field: '$.mode'
    value: TaskRequest.Mode
  }

  export interface TaskRequestProgramFieldEvent {
    field: '$.program'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TaskRequestRowsFieldEvent {
    field: '$.rows'
    value: number
  }

  export interface TaskRequestInputBytesFieldEvent {
    field: '$.inputBytes'
    value: bigint
  }

  export interface TaskRequestSessionIdFieldEvent {
    field: '$.sessionId'
    value: string
  }

  export interface TaskRequestHePublicBundleFieldEvent {
    field: '$.hePublicBundle'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<TaskRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TaskRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TaskRequest>): TaskRequest {
    return decodeMessage(buf, TaskRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TaskRequest>): Generator<TaskRequestLeaseIdFieldEvent | TaskRequestSubtaskIdFieldEvent | TaskRequestModeFieldEvent | TaskRequestProgramFieldEvent | TaskRequestRowsFieldEvent | TaskRequestInputBytesFieldEvent | TaskRequestSessionIdFieldEvent | TaskRequestHePublicBundleFieldEvent> {
    return streamMessage(buf, TaskRequest.codec(), opts)
  }
}

export interface TaskData {
  chunk: Uint8Array<ArrayBuffer>
  end: boolean
}

export namespace TaskData {
  let _codec: Codec<TaskData>

  export const codec = (): Codec<TaskData> => {
    if (_codec == null) {
      _codec = message<TaskData>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chunk != null && obj.chunk.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chunk)
        }

        if ((obj.end != null && obj.end !== false)) {
          w.uint32(16)
          w.bool(obj.end)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chunk: uint8ArrayAlloc(0),
          end: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chunk = reader.bytes()
              break
            }
            case 2: {
              obj.end = reader.bool()
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
                field: `${prefix}.chunk`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.end`,
                value: reader.bool()
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

  export interface TaskDataChunkFieldEvent {
    field: '$.chunk'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TaskDataEndFieldEvent {
    field: '$.end'
    value: boolean
  }

  export function encode (obj: Partial<TaskData>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TaskData.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TaskData>): TaskData {
    return decodeMessage(buf, TaskData.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TaskData>): Generator<TaskDataChunkFieldEvent | TaskDataEndFieldEvent> {
    return streamMessage(buf, TaskData.codec(), opts)
  }
}

export interface TaskEvent {
  kind: TaskEvent.Kind
  phase: string
  done: bigint
  total: bigint
  chunk: Uint8Array<ArrayBuffer>
  code: string
  message: string
  computeMs: bigint
  window: bigint
}

export namespace TaskEvent {
  export enum Kind {
    KIND_UNSET = 'KIND_UNSET',
    ACCEPTED = 'ACCEPTED',
    PROGRESS = 'PROGRESS',
    RESULT = 'RESULT',
    DONE = 'DONE',
    ERROR = 'ERROR'
  }

  enum __KindValues {
    KIND_UNSET = 0,
    ACCEPTED = 1,
    PROGRESS = 2,
    RESULT = 3,
    DONE = 4,
    ERROR = 5
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  let _codec: Codec<TaskEvent>

  export const codec = (): Codec<TaskEvent> => {
    if (_codec == null) {
      _codec = message<TaskEvent>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(8)
          TaskEvent.Kind.codec().encode(obj.kind, w)
        }

        if ((obj.phase != null && obj.phase !== '')) {
          w.uint32(18)
          w.string(obj.phase)
        }

        if ((obj.done != null && obj.done !== 0n)) {
          w.uint32(24)
          w.uint64(obj.done)
        }

        if ((obj.total != null && obj.total !== 0n)) {
          w.uint32(32)
          w.uint64(obj.total)
        }

        if ((obj.chunk != null && obj.chunk.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.chunk)
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(50)
          w.string(obj.code)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(58)
          w.string(obj.message)
        }

        if ((obj.computeMs != null && obj.computeMs !== 0n)) {
          w.uint32(64)
          w.uint64(obj.computeMs)
        }

        if ((obj.window != null && obj.window !== 0n)) {
          w.uint32(72)
          w.uint64(obj.window)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: Kind.KIND_UNSET,
          phase: '',
          done: 0n,
          total: 0n,
          chunk: uint8ArrayAlloc(0),
          code: '',
          message: '',
          computeMs: 0n,
          window: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = TaskEvent.Kind.codec().decode(reader)
              break
            }
            case 2: {
              obj.phase = reader.string()
              break
            }
            case 3: {
              obj.done = reader.uint64()
              break
            }
            case 4: {
              obj.total = reader.uint64()
              break
            }
            case 5: {
              obj.chunk = reader.bytes()
              break
            }
            case 6: {
              obj.code = reader.string()
              break
            }
            case 7: {
              obj.message = reader.string()
              break
            }
            case 8: {
              obj.computeMs = reader.uint64()
              break
            }
            case 9: {
              obj.window = reader.uint64()
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
                value: TaskEvent.Kind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.phase`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.done`,
                value: reader.uint64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.total`,
                value: reader.uint64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.chunk`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.code`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.computeMs`,
                value: reader.uint64()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.window`,
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

  export interface TaskEventKindFieldEvent {
    field: '$.kind'
    value: TaskEvent.Kind
  }

  export interface TaskEventPhaseFieldEvent {
    field: '$.phase'
    value: string
  }

  export interface TaskEventDoneFieldEvent {
    field: '$.done'
    value: bigint
  }

  export interface TaskEventTotalFieldEvent {
    field: '$.total'
    value: bigint
  }

  export interface TaskEventChunkFieldEvent {
    field: '$.chunk'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TaskEventCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface TaskEventMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface TaskEventComputeMsFieldEvent {
    field: '$.computeMs'
    value: bigint
  }

  export interface TaskEventWindowFieldEvent {
    field: '$.window'
    value: bigint
  }

  export function encode (obj: Partial<TaskEvent>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TaskEvent.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TaskEvent>): TaskEvent {
    return decodeMessage(buf, TaskEvent.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TaskEvent>): Generator<TaskEventKindFieldEvent | TaskEventPhaseFieldEvent | TaskEventDoneFieldEvent | TaskEventTotalFieldEvent | TaskEventChunkFieldEvent | TaskEventCodeFieldEvent | TaskEventMessageFieldEvent | TaskEventComputeMsFieldEvent | TaskEventWindowFieldEvent> {
    return streamMessage(buf, TaskEvent.codec(), opts)
  }
}
