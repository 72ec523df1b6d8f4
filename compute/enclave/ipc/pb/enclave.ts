import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Kind {
  KIND_UNSPECIFIED = 'KIND_UNSPECIFIED',
  READY = 'READY',
  ATTEST = 'ATTEST',
  ATTEST_OK = 'ATTEST_OK',
  RUN_BEGIN = 'RUN_BEGIN',
  RUN_DATA = 'RUN_DATA',
  RUN_END = 'RUN_END',
  RUN_RESULT = 'RUN_RESULT',
  RUN_DONE = 'RUN_DONE',
  CLOSE_SESSION = 'CLOSE_SESSION',
  OK = 'OK',
  ERROR = 'ERROR',
  RUN_CANCEL = 'RUN_CANCEL'
}

enum __KindValues {
  KIND_UNSPECIFIED = 0,
  READY = 1,
  ATTEST = 2,
  ATTEST_OK = 3,
  RUN_BEGIN = 4,
  RUN_DATA = 5,
  RUN_END = 6,
  RUN_RESULT = 7,
  RUN_DONE = 8,
  CLOSE_SESSION = 9,
  OK = 10,
  ERROR = 11,
  RUN_CANCEL = 12
}

export namespace Kind {
  export const codec = (): Codec<Kind> => {
    return enumeration<Kind>(__KindValues)
  }
}

export interface EnclaveMessage {
  id: number
  kind: Kind
  body: Uint8Array<ArrayBuffer>
  errorCode: string
  error: string
}

export namespace EnclaveMessage {
  let _codec: Codec<EnclaveMessage>

  export const codec = (): Codec<EnclaveMessage> => {
    if (_codec == null) {
      _codec = message<EnclaveMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(8)
          w.uint32(obj.id)
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(16)
          Kind.codec().encode(obj.kind, w)
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.body)
        }

        if ((obj.errorCode != null && obj.errorCode !== '')) {
          w.uint32(34)
          w.string(obj.errorCode)
        }

        if ((obj.error != null && obj.error !== '')) {
          w.uint32(42)
          w.string(obj.error)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0,
          kind: Kind.KIND_UNSPECIFIED,
          body: uint8ArrayAlloc(0),
          errorCode: '',
          error: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint32()
              break
            }
            case 2: {
              obj.kind = Kind.codec().decode(reader)
              break
            }
            case 3: {
              obj.body = reader.bytes()
              break
            }
            case 4: {
              obj.errorCode = reader.string()
              break
            }
            case 5: {
              obj.error = reader.string()
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
                field: `${prefix}.id`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.kind`,
                value: Kind.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.errorCode`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.error`,
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

  export interface EnclaveMessageIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface EnclaveMessageKindFieldEvent {
    field: '$.kind'
    value: Kind
  }

  export interface EnclaveMessageBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnclaveMessageErrorCodeFieldEvent {
    field: '$.errorCode'
    value: string
  }

  export interface EnclaveMessageErrorFieldEvent {
    field: '$.error'
    value: string
  }

  export function encode (obj: Partial<EnclaveMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EnclaveMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveMessage>): EnclaveMessage {
    return decodeMessage(buf, EnclaveMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EnclaveMessage>): Generator<EnclaveMessageIdFieldEvent | EnclaveMessageKindFieldEvent | EnclaveMessageBodyFieldEvent | EnclaveMessageErrorCodeFieldEvent | EnclaveMessageErrorFieldEvent> {
    return streamMessage(buf, EnclaveMessage.codec(), opts)
  }
}

export interface Ready {
  measurement: Uint8Array<ArrayBuffer>
  simulated: boolean
}

export namespace Ready {
  let _codec: Codec<Ready>

  export const codec = (): Codec<Ready> => {
    if (_codec == null) {
      _codec = message<Ready>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.measurement != null && obj.measurement.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.measurement)
        }

        if ((obj.simulated != null && obj.simulated !== false)) {
          w.uint32(16)
          w.bool(obj.simulated)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          measurement: uint8ArrayAlloc(0),
          simulated: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.measurement = reader.bytes()
              break
            }
            case 2: {
              obj.simulated = reader.bool()
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
                field: `${prefix}.measurement`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.simulated`,
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

  export interface ReadyMeasurementFieldEvent {
    field: '$.measurement'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReadySimulatedFieldEvent {
    field: '$.simulated'
    value: boolean
  }

  export function encode (obj: Partial<Ready>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Ready.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ready>): Ready {
    return decodeMessage(buf, Ready.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Ready>): Generator<ReadyMeasurementFieldEvent | ReadySimulatedFieldEvent> {
    return streamMessage(buf, Ready.codec(), opts)
  }
}

export interface AttestRequest {
  nonce: Uint8Array<ArrayBuffer>
  leaseId: string
  subtaskIds: string[]
  renterPeerId: string
  lessorPeerId: string
  renterPublicKey: Uint8Array<ArrayBuffer>
}

export namespace AttestRequest {
  let _codec: Codec<AttestRequest>

  export const codec = (): Codec<AttestRequest> => {
    if (_codec == null) {
      _codec = message<AttestRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.nonce)
        }

        if ((obj.leaseId != null && obj.leaseId !== '')) {
          w.uint32(18)
          w.string(obj.leaseId)
        }

        if (obj.subtaskIds != null && obj.subtaskIds.length > 0) {
          for (const value of obj.subtaskIds) {
            w.uint32(26)
            w.string(value)
          }
        }

        if ((obj.renterPeerId != null && obj.renterPeerId !== '')) {
          w.uint32(34)
          w.string(obj.renterPeerId)
        }

        if ((obj.lessorPeerId != null && obj.lessorPeerId !== '')) {
          w.uint32(42)
          w.string(obj.lessorPeerId)
        }

        if ((obj.renterPublicKey != null && obj.renterPublicKey.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.renterPublicKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          nonce: uint8ArrayAlloc(0),
          leaseId: '',
          subtaskIds: [],
          renterPeerId: '',
          lessorPeerId: '',
          renterPublicKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.nonce = reader.bytes()
              break
            }
            case 2: {
              obj.leaseId = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.subtaskIds != null && obj.subtaskIds.length === opts.limits.subtaskIds) {
                throw new MaxLengthError('Decode error - repeated field "subtaskIds" had too many elements')
              }

              obj.subtaskIds.push(reader.string())
              break
            }
            case 4: {
              obj.renterPeerId = reader.string()
              break
            }
            case 5: {
              obj.lessorPeerId = reader.string()
              break
            }
            case 6: {
              obj.renterPublicKey = reader.bytes()
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
          subtaskIds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.leaseId`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.subtaskIds != null && obj.subtaskIds === opts.limits.subtaskIds) {
                throw new MaxLengthError('Streaming decode error - repeated field "subtaskIds" had too many elements')
              }

              yield {
                field: `${prefix}.subtaskIds[]`,
                index: obj.subtaskIds,
                value: reader.string()
              }

              obj.subtaskIds++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.renterPeerId`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.lessorPeerId`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.renterPublicKey`,
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

  export interface AttestRequestNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestRequestLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface AttestRequestSubtaskIdsFieldEvent {
    field: '$.subtaskIds[]'
    index: number
    value: string
  }

  export interface AttestRequestRenterPeerIdFieldEvent {
    field: '$.renterPeerId'
    value: string
  }

  export interface AttestRequestLessorPeerIdFieldEvent {
    field: '$.lessorPeerId'
    value: string
  }

  export interface AttestRequestRenterPublicKeyFieldEvent {
    field: '$.renterPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttestRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttestRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestRequest>): AttestRequest {
    return decodeMessage(buf, AttestRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestRequest>): Generator<AttestRequestNonceFieldEvent | AttestRequestLeaseIdFieldEvent | AttestRequestSubtaskIdsFieldEvent | AttestRequestRenterPeerIdFieldEvent | AttestRequestLessorPeerIdFieldEvent | AttestRequestRenterPublicKeyFieldEvent> {
    return streamMessage(buf, AttestRequest.codec(), opts)
  }
}

export interface AttestResult {
  certificate: Uint8Array<ArrayBuffer>
  quote: Uint8Array<ArrayBuffer>
  enclavePublicKey: Uint8Array<ArrayBuffer>
  sessionId: string
}

export namespace AttestResult {
  let _codec: Codec<AttestResult>

  export const codec = (): Codec<AttestResult> => {
    if (_codec == null) {
      _codec = message<AttestResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.certificate != null && obj.certificate.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.certificate)
        }

        if ((obj.quote != null && obj.quote.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.quote)
        }

        if ((obj.enclavePublicKey != null && obj.enclavePublicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.enclavePublicKey)
        }

        if ((obj.sessionId != null && obj.sessionId !== '')) {
          w.uint32(34)
          w.string(obj.sessionId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          certificate: uint8ArrayAlloc(0),
          quote: uint8ArrayAlloc(0),
          enclavePublicKey: uint8ArrayAlloc(0),
          sessionId: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.certificate = reader.bytes()
              break
            }
            case 2: {
              obj.quote = reader.bytes()
              break
            }
            case 3: {
              obj.enclavePublicKey = reader.bytes()
              break
            }
            case 4: {
              obj.sessionId = reader.string()
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
                field: `${prefix}.certificate`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.quote`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.enclavePublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sessionId`,
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

  export interface AttestResultCertificateFieldEvent {
    field: '$.certificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestResultQuoteFieldEvent {
    field: '$.quote'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestResultEnclavePublicKeyFieldEvent {
    field: '$.enclavePublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestResultSessionIdFieldEvent {
    field: '$.sessionId'
    value: string
  }

  export function encode (obj: Partial<AttestResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttestResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestResult>): AttestResult {
    return decodeMessage(buf, AttestResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestResult>): Generator<AttestResultCertificateFieldEvent | AttestResultQuoteFieldEvent | AttestResultEnclavePublicKeyFieldEvent | AttestResultSessionIdFieldEvent> {
    return streamMessage(buf, AttestResult.codec(), opts)
  }
}

export enum ResultProtection {
  AEAD = 'AEAD',
  HE = 'HE'
}

enum __ResultProtectionValues {
  AEAD = 0,
  HE = 1
}

export namespace ResultProtection {
  export const codec = (): Codec<ResultProtection> => {
    return enumeration<ResultProtection>(__ResultProtectionValues)
  }
}

export interface RunBegin {
  sessionId: string
  leaseId: string
  subtaskId: string
  program: string
  params: Uint8Array<ArrayBuffer>
  protection: ResultProtection
  hePublicKey: Uint8Array<ArrayBuffer>
}

export namespace RunBegin {
  let _codec: Codec<RunBegin>

  export const codec = (): Codec<RunBegin> => {
    if (_codec == null) {
      _codec = message<RunBegin>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.sessionId != null && obj.sessionId !== '')) {
          w.uint32(10)
          w.string(obj.sessionId)
        }

        if ((obj.leaseId != null && obj.leaseId !== '')) {
          w.uint32(18)
          w.string(obj.leaseId)
        }

        if ((obj.subtaskId != null && obj.subtaskId !== '')) {
          w.uint32(26)
          w.string(obj.subtaskId)
        }

        if ((obj.program != null && obj.program !== '')) {
          w.uint32(34)
          w.string(obj.program)
        }

        if ((obj.params != null && obj.params.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.params)
        }

        if (obj.protection != null && __ResultProtectionValues[obj.protection] !== 0) {
          w.uint32(48)
          ResultProtection.codec().encode(obj.protection, w)
        }

        if ((obj.hePublicKey != null && obj.hePublicKey.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.hePublicKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sessionId: '',
          leaseId: '',
          subtaskId: '',
          program: '',
          params: uint8ArrayAlloc(0),
          protection: ResultProtection.AEAD,
          hePublicKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.sessionId = reader.string()
              break
            }
            case 2: {
              obj.leaseId = reader.string()
              break
            }
            case 3: {
              obj.subtaskId = reader.string()
              break
            }
            case 4: {
              obj.program = reader.string()
              break
            }
            case 5: {
              obj.params = reader.bytes()
              break
            }
            case 6: {
              obj.protection = ResultProtection.codec().decode(reader)
              break
            }
            case 7: {
              obj.hePublicKey = reader.bytes()
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
                field: `${prefix}.sessionId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.leaseId`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.subtaskId`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.program`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.params`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.protection`,
                value: ResultProtection.codec().decode(reader)
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.hePublicKey`,
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

  export interface RunBeginSessionIdFieldEvent {
    field: '$.sessionId'
    value: string
  }

  export interface RunBeginLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface RunBeginSubtaskIdFieldEvent {
    field: '$.subtaskId'
    value: string
  }

  export interface RunBeginProgramFieldEvent {
    field: '$.program'
    value: string
  }

  export interface RunBeginParamsFieldEvent {
    field: '$.params'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RunBeginProtectionFieldEvent {
    field: '$.protection'
    value: ResultProtection
  }

  export interface RunBeginHePublicKeyFieldEvent {
    field: '$.hePublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<RunBegin>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RunBegin.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RunBegin>): RunBegin {
    return decodeMessage(buf, RunBegin.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RunBegin>): Generator<RunBeginSessionIdFieldEvent | RunBeginLeaseIdFieldEvent | RunBeginSubtaskIdFieldEvent | RunBeginProgramFieldEvent | RunBeginParamsFieldEvent | RunBeginProtectionFieldEvent | RunBeginHePublicKeyFieldEvent> {
    return streamMessage(buf, RunBegin.codec(), opts)
  }
}

export interface CloseSession {
  sessionId: string
}

export namespace CloseSession {
  let _codec: Codec<CloseSession>

  export const codec = (): Codec<CloseSession> => {
    if (_codec == null) {
      _codec = message<CloseSession>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.sessionId != null && obj.sessionId !== '')) {
          w.uint32(10)
          w.string(obj.sessionId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sessionId: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.sessionId = reader.string()
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
                field: `${prefix}.sessionId`,
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

  export interface CloseSessionSessionIdFieldEvent {
    field: '$.sessionId'
    value: string
  }

  export function encode (obj: Partial<CloseSession>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CloseSession.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CloseSession>): CloseSession {
    return decodeMessage(buf, CloseSession.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CloseSession>): Generator<CloseSessionSessionIdFieldEvent> {
    return streamMessage(buf, CloseSession.codec(), opts)
  }
}
