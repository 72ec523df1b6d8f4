import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum EnclaveKind {
  ENCLAVE_KIND_UNSPECIFIED = 'ENCLAVE_KIND_UNSPECIFIED',
  SIMULATED = 'SIMULATED',
  SGX_DCAP = 'SGX_DCAP',
  SEV_SNP = 'SEV_SNP'
}

enum __EnclaveKindValues {
  ENCLAVE_KIND_UNSPECIFIED = 0,
  SIMULATED = 1,
  SGX_DCAP = 2,
  SEV_SNP = 3
}

export namespace EnclaveKind {
  export const codec = (): Codec<EnclaveKind> => {
    return enumeration<EnclaveKind>(__EnclaveKindValues)
  }
}

export interface PlatformCertificateBody {
  version: number
  rootName: string
  rootPublicKey: Uint8Array<ArrayBuffer>
  platformPublicKey: Uint8Array<ArrayBuffer>
  notBefore: bigint
  notAfter: bigint
  simulated: boolean
  enclaveKind: EnclaveKind
  serial: Uint8Array<ArrayBuffer>
}

export namespace PlatformCertificateBody {
  let _codec: Codec<PlatformCertificateBody>

  export const codec = (): Codec<PlatformCertificateBody> => {
    if (_codec == null) {
      _codec = message<PlatformCertificateBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.rootName != null && obj.rootName !== '')) {
          w.uint32(18)
          w.string(obj.rootName)
        }

        if ((obj.rootPublicKey != null && obj.rootPublicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.rootPublicKey)
        }

        if ((obj.platformPublicKey != null && obj.platformPublicKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.platformPublicKey)
        }

        if ((obj.notBefore != null && obj.notBefore !== 0n)) {
          w.uint32(40)
          w.uint64(obj.notBefore)
        }

        if ((obj.notAfter != null && obj.notAfter !== 0n)) {
          w.uint32(48)
          w.uint64(obj.notAfter)
        }

        if ((obj.simulated != null && obj.simulated !== false)) {
          w.uint32(56)
          w.bool(obj.simulated)
        }

        if (obj.enclaveKind != null && __EnclaveKindValues[obj.enclaveKind] !== 0) {
          w.uint32(64)
          EnclaveKind.codec().encode(obj.enclaveKind, w)
        }

        if ((obj.serial != null && obj.serial.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.serial)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          rootName: '',
          rootPublicKey: uint8ArrayAlloc(0),
          platformPublicKey: uint8ArrayAlloc(0),
          notBefore: 0n,
          notAfter: 0n,
          simulated: false,
          enclaveKind: EnclaveKind.ENCLAVE_KIND_UNSPECIFIED,
          serial: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.rootName = reader.string()
              break
            }
            case 3: {
              obj.rootPublicKey = reader.bytes()
              break
            }
            case 4: {
              obj.platformPublicKey = reader.bytes()
              break
            }
            case 5: {
              obj.notBefore = reader.uint64()
              break
            }
            case 6: {
              obj.notAfter = reader.uint64()
              break
            }
            case 7: {
              obj.simulated = reader.bool()
              break
            }
            case 8: {
              obj.enclaveKind = EnclaveKind.codec().decode(reader)
              break
            }
            case 9: {
              obj.serial = reader.bytes()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.rootName`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.rootPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.platformPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.notBefore`,
                value: reader.uint64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.notAfter`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.simulated`,
                value: reader.bool()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.enclaveKind`,
                value: EnclaveKind.codec().decode(reader)
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.serial`,
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

  export interface PlatformCertificateBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface PlatformCertificateBodyRootNameFieldEvent {
    field: '$.rootName'
    value: string
  }

  export interface PlatformCertificateBodyRootPublicKeyFieldEvent {
    field: '$.rootPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PlatformCertificateBodyPlatformPublicKeyFieldEvent {
    field: '$.platformPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PlatformCertificateBodyNotBeforeFieldEvent {
    field: '$.notBefore'
    value: bigint
  }

  export interface PlatformCertificateBodyNotAfterFieldEvent {
    field: '$.notAfter'
    value: bigint
  }

  export interface PlatformCertificateBodySimulatedFieldEvent {
    field: '$.simulated'
    value: boolean
  }

  export interface PlatformCertificateBodyEnclaveKindFieldEvent {
    field: '$.enclaveKind'
    value: EnclaveKind
  }

  export interface PlatformCertificateBodySerialFieldEvent {
    field: '$.serial'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PlatformCertificateBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PlatformCertificateBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PlatformCertificateBody>): PlatformCertificateBody {
    return decodeMessage(buf, PlatformCertificateBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PlatformCertificateBody>): Generator<PlatformCertificateBodyVersionFieldEvent | PlatformCertificateBodyRootNameFieldEvent | PlatformCertificateBodyRootPublicKeyFieldEvent | PlatformCertificateBodyPlatformPublicKeyFieldEvent | PlatformCertificateBodyNotBeforeFieldEvent | PlatformCertificateBodyNotAfterFieldEvent | PlatformCertificateBodySimulatedFieldEvent | PlatformCertificateBodyEnclaveKindFieldEvent | PlatformCertificateBodySerialFieldEvent> {
    return streamMessage(buf, PlatformCertificateBody.codec(), opts)
  }
}

export interface PlatformCertificate {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace PlatformCertificate {
  let _codec: Codec<PlatformCertificate>

  export const codec = (): Codec<PlatformCertificate> => {
    if (_codec == null) {
      _codec = message<PlatformCertificate>((obj, w, opts = {}) => {
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

  export interface PlatformCertificateBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PlatformCertificateSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PlatformCertificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PlatformCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PlatformCertificate>): PlatformCertificate {
    return decodeMessage(buf, PlatformCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PlatformCertificate>): Generator<PlatformCertificateBodyFieldEvent | PlatformCertificateSignatureFieldEvent> {
    return streamMessage(buf, PlatformCertificate.codec(), opts)
  }
}

export interface QuoteBody {
  version: number
  enclaveKind: EnclaveKind
  simulated: boolean
  measurement: Uint8Array<ArrayBuffer>
  reportData: Uint8Array<ArrayBuffer>
  timestamp: bigint
  platformPublicKey: Uint8Array<ArrayBuffer>
}

export namespace QuoteBody {
  let _codec: Codec<QuoteBody>

  export const codec = (): Codec<QuoteBody> => {
    if (_codec == null) {
      _codec = message<QuoteBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.enclaveKind != null && __EnclaveKindValues[obj.enclaveKind] !== 0) {
          w.uint32(16)
          EnclaveKind.codec().encode(obj.enclaveKind, w)
        }

        if ((obj.simulated != null && obj.simulated !== false)) {
          w.uint32(24)
          w.bool(obj.simulated)
        }

        if ((obj.measurement != null && obj.measurement.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.measurement)
        }

        if ((obj.reportData != null && obj.reportData.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.reportData)
        }

        if ((obj.timestamp != null && obj.timestamp !== 0n)) {
          w.uint32(48)
          w.uint64(obj.timestamp)
        }

        if ((obj.platformPublicKey != null && obj.platformPublicKey.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.platformPublicKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          enclaveKind: EnclaveKind.ENCLAVE_KIND_UNSPECIFIED,
          simulated: false,
          measurement: uint8ArrayAlloc(0),
          reportData: uint8ArrayAlloc(0),
          timestamp: 0n,
          platformPublicKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.enclaveKind = EnclaveKind.codec().decode(reader)
              break
            }
            case 3: {
              obj.simulated = reader.bool()
              break
            }
            case 4: {
              obj.measurement = reader.bytes()
              break
            }
            case 5: {
              obj.reportData = reader.bytes()
              break
            }
            case 6: {
              obj.timestamp = reader.uint64()
              break
            }
            case 7: {
              obj.platformPublicKey = reader.bytes()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.enclaveKind`,
                value: EnclaveKind.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.simulated`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.measurement`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.reportData`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.timestamp`,
                value: reader.uint64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.platformPublicKey`,
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

  export interface QuoteBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface QuoteBodyEnclaveKindFieldEvent {
    field: '$.enclaveKind'
    value: EnclaveKind
  }

  export interface QuoteBodySimulatedFieldEvent {
    field: '$.simulated'
    value: boolean
  }

  export interface QuoteBodyMeasurementFieldEvent {
    field: '$.measurement'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QuoteBodyReportDataFieldEvent {
    field: '$.reportData'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QuoteBodyTimestampFieldEvent {
    field: '$.timestamp'
    value: bigint
  }

  export interface QuoteBodyPlatformPublicKeyFieldEvent {
    field: '$.platformPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<QuoteBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, QuoteBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<QuoteBody>): QuoteBody {
    return decodeMessage(buf, QuoteBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<QuoteBody>): Generator<QuoteBodyVersionFieldEvent | QuoteBodyEnclaveKindFieldEvent | QuoteBodySimulatedFieldEvent | QuoteBodyMeasurementFieldEvent | QuoteBodyReportDataFieldEvent | QuoteBodyTimestampFieldEvent | QuoteBodyPlatformPublicKeyFieldEvent> {
    return streamMessage(buf, QuoteBody.codec(), opts)
  }
}

export interface Quote {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Quote {
  let _codec: Codec<Quote>

  export const codec = (): Codec<Quote> => {
    if (_codec == null) {
      _codec = message<Quote>((obj, w, opts = {}) => {
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

  export interface QuoteBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface QuoteSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Quote>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Quote.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Quote>): Quote {
    return decodeMessage(buf, Quote.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Quote>): Generator<QuoteBodyFieldEvent | QuoteSignatureFieldEvent> {
    return streamMessage(buf, Quote.codec(), opts)
  }
}
