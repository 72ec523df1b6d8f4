import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface AttestRequest {
  nonce: Uint8Array<ArrayBuffer>
  leaseId: string
  subtaskIds: string[]
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

        if ((obj.renterPublicKey != null && obj.renterPublicKey.byteLength > 0)) {
          w.uint32(34)
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

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestRequest>): Generator<AttestRequestNonceFieldEvent | AttestRequestLeaseIdFieldEvent | AttestRequestSubtaskIdsFieldEvent | AttestRequestRenterPublicKeyFieldEvent> {
    return streamMessage(buf, AttestRequest.codec(), opts)
  }
}

export enum AttestStatus {
  OK = 'OK',
  ERROR = 'ERROR'
}

enum __AttestStatusValues {
  OK = 0,
  ERROR = 1
}

export namespace AttestStatus {
  export const codec = (): Codec<AttestStatus> => {
    return enumeration<AttestStatus>(__AttestStatusValues)
  }
}

export interface AttestResponse {
  status: AttestStatus
  certificate: Uint8Array<ArrayBuffer>
  quote: Uint8Array<ArrayBuffer>
  enclavePublicKey: Uint8Array<ArrayBuffer>
  nonce: Uint8Array<ArrayBuffer>
  sessionId: string
  errorCode: string
  error: string
}

export namespace AttestResponse {
  let _codec: Codec<AttestResponse>

  export const codec = (): Codec<AttestResponse> => {
    if (_codec == null) {
      _codec = message<AttestResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __AttestStatusValues[obj.status] !== 0) {
          w.uint32(8)
          AttestStatus.codec().encode(obj.status, w)
        }

        if ((obj.certificate != null && obj.certificate.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.certificate)
        }

        if ((obj.quote != null && obj.quote.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.quote)
        }

        if ((obj.enclavePublicKey != null && obj.enclavePublicKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.enclavePublicKey)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.nonce)
        }

        if ((obj.sessionId != null && obj.sessionId !== '')) {
          w.uint32(50)
          w.string(obj.sessionId)
        }

        if ((obj.errorCode != null && obj.errorCode !== '')) {
          w.uint32(58)
          w.string(obj.errorCode)
        }

        if ((obj.error != null && obj.error !== '')) {
          w.uint32(66)
          w.string(obj.error)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: AttestStatus.OK,
          certificate: uint8ArrayAlloc(0),
          quote: uint8ArrayAlloc(0),
          enclavePublicKey: uint8ArrayAlloc(0),
          nonce: uint8ArrayAlloc(0),
          sessionId: '',
          errorCode: '',
          error: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = AttestStatus.codec().decode(reader)
              break
            }
            case 2: {
              obj.certificate = reader.bytes()
              break
            }
            case 3: {
              obj.quote = reader.bytes()
              break
            }
            case 4: {
              obj.enclavePublicKey = reader.bytes()
              break
            }
            case 5: {
              obj.nonce = reader.bytes()
              break
            }
            case 6: {
              obj.sessionId = reader.string()
              break
            }
            case 7: {
              obj.errorCode = reader.string()
              break
            }
            case 8: {
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
                field: `${prefix}.status`,
                value: AttestStatus.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.certificate`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.quote`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.enclavePublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.sessionId`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.errorCode`,
                value: reader.string()
              }
              break
            }
            case 8: {
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

  export interface AttestResponseStatusFieldEvent {
    field: '$.status'
    value: AttestStatus
  }

  export interface AttestResponseCertificateFieldEvent {
    field: '$.certificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestResponseQuoteFieldEvent {
    field: '$.quote'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestResponseEnclavePublicKeyFieldEvent {
    field: '$.enclavePublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestResponseNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttestResponseSessionIdFieldEvent {
    field: '$.sessionId'
    value: string
  }

  export interface AttestResponseErrorCodeFieldEvent {
    field: '$.errorCode'
    value: string
  }

  export interface AttestResponseErrorFieldEvent {
    field: '$.error'
    value: string
  }

  export function encode (obj: Partial<AttestResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttestResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestResponse>): AttestResponse {
    return decodeMessage(buf, AttestResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestResponse>): Generator<AttestResponseStatusFieldEvent | AttestResponseCertificateFieldEvent | AttestResponseQuoteFieldEvent | AttestResponseEnclavePublicKeyFieldEvent | AttestResponseNonceFieldEvent | AttestResponseSessionIdFieldEvent | AttestResponseErrorCodeFieldEvent | AttestResponseErrorFieldEvent> {
    return streamMessage(buf, AttestResponse.codec(), opts)
  }
}
