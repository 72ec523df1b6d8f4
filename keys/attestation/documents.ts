/**
 * Platform certificates (root-signed) and quotes (platform-signed). Each is a protobuf `body`
 * plus an Ed25519 signature over `encodeFields(<domain label>, [body])`: the label keeps a
 * certificate's signature from ever verifying as a quote's and the other way round.
 */
import { createHash, randomBytes } from 'node:crypto'
import { publicKeyFromProtobuf, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { encodeFields, plainBytes } from '../encoding.js'
import { MalformedAttestationError } from './errors.js'
import { EnclaveKind, PlatformCertificate, PlatformCertificateBody, Quote, QuoteBody } from './pb/attestation.js'
import type { PrivateKey, PublicKey } from '@libp2p/interface'

export { EnclaveKind }

/** Version of the documents' bodies. */
export const ATTESTATION_VERSION = 1
/** Upper bound of an encoded certificate or quote. */
export const MAX_DOCUMENT_SIZE = 4096

const CERT_DOMAIN = 'shulian/attest/platform-certificate/v1'
const QUOTE_DOMAIN = 'shulian/attest/quote/v1'
const REPORT_DATA_DOMAIN = 'shulian/attest/report-data/v1'

export interface CertificateInit {
  rootName: string
  platformPublicKey: PublicKey
  notBefore: number
  notAfter: number
  simulated: boolean
  enclaveKind: EnclaveKind
}

export interface QuoteInit {
  measurement: Uint8Array
  reportData: Uint8Array
  timestamp: number
  simulated: boolean
  enclaveKind: EnclaveKind
}

/** A decoded certificate with the exact bytes that were signed. */
export interface DecodedCertificate { body: PlatformCertificateBody, signed: Uint8Array, signature: Uint8Array }
/** A decoded quote with the exact bytes that were signed. */
export interface DecodedQuote { body: QuoteBody, signed: Uint8Array, signature: Uint8Array }

/** The bytes a root signs for a certificate body. */
export function certificateSigningInput (body: Uint8Array): Uint8Array {
  return encodeFields(CERT_DOMAIN, [body])
}

/** The bytes a platform signs for a quote body. */
export function quoteSigningInput (body: Uint8Array): Uint8Array {
  return encodeFields(QUOTE_DOMAIN, [body])
}

/** Issue a platform certificate signed by `root`; returns the encoded `PlatformCertificate`. */
export async function issuePlatformCertificate (root: PrivateKey, init: CertificateInit): Promise<Uint8Array> {
  if (root.type !== 'Ed25519' || init.platformPublicKey.type !== 'Ed25519') {
    throw new TypeError('attestation roots and platform keys must be Ed25519')
  }
  if (!(init.notAfter > init.notBefore)) throw new RangeError('certificate validity window is empty')
  const body = PlatformCertificateBody.encode({
    version: ATTESTATION_VERSION,
    rootName: init.rootName,
    rootPublicKey: plainBytes(publicKeyToProtobuf(root.publicKey)),
    platformPublicKey: plainBytes(publicKeyToProtobuf(init.platformPublicKey)),
    notBefore: BigInt(init.notBefore),
    notAfter: BigInt(init.notAfter),
    simulated: init.simulated,
    enclaveKind: init.enclaveKind,
    serial: new Uint8Array(randomBytes(16))
  })
  const signature = await root.sign(certificateSigningInput(body))
  return PlatformCertificate.encode({ body: plainBytes(body), signature: plainBytes(signature) })
}

/** Sign a quote with the platform key; returns the encoded `Quote`. */
export async function signQuote (platform: PrivateKey, init: QuoteInit): Promise<Uint8Array> {
  const body = QuoteBody.encode({
    version: ATTESTATION_VERSION,
    enclaveKind: init.enclaveKind,
    simulated: init.simulated,
    measurement: plainBytes(init.measurement),
    reportData: plainBytes(init.reportData),
    timestamp: BigInt(init.timestamp),
    platformPublicKey: plainBytes(publicKeyToProtobuf(platform.publicKey))
  })
  const signature = await platform.sign(quoteSigningInput(body))
  return Quote.encode({ body: plainBytes(body), signature: plainBytes(signature) })
}

/** Decode a certificate without trusting it; throws `MalformedAttestationError`. */
export function decodeCertificate (bytes: Uint8Array): DecodedCertificate {
  if (bytes.byteLength > MAX_DOCUMENT_SIZE) throw new MalformedAttestationError(`platform certificate of ${bytes.byteLength} bytes exceeds ${MAX_DOCUMENT_SIZE}`)
  try {
    const cert = PlatformCertificate.decode(bytes)
    const body = PlatformCertificateBody.decode(cert.body)
    if (body.version !== ATTESTATION_VERSION) throw new Error(`version ${body.version} is not supported`)
    return { body, signed: certificateSigningInput(cert.body), signature: cert.signature }
  } catch (e: any) {
    if (e instanceof MalformedAttestationError) throw e
    throw new MalformedAttestationError(`cannot decode the platform certificate (${e.message})`)
  }
}

/** Decode a quote without trusting it; throws `MalformedAttestationError`. */
export function decodeQuote (bytes: Uint8Array): DecodedQuote {
  if (bytes.byteLength > MAX_DOCUMENT_SIZE) throw new MalformedAttestationError(`quote of ${bytes.byteLength} bytes exceeds ${MAX_DOCUMENT_SIZE}`)
  try {
    const quote = Quote.decode(bytes)
    const body = QuoteBody.decode(quote.body)
    if (body.version !== ATTESTATION_VERSION) throw new Error(`version ${body.version} is not supported`)
    return { body, signed: quoteSigningInput(quote.body), signature: quote.signature }
  } catch (e: any) {
    throw new MalformedAttestationError(`cannot decode the quote (${e.message})`)
  }
}

/** Decode an Ed25519 public key from its libp2p protobuf encoding; throws `MalformedAttestationError`. */
export function ed25519FromProtobuf (bytes: Uint8Array, what: string): PublicKey {
  let key: PublicKey
  try {
    key = publicKeyFromProtobuf(bytes)
  } catch (e: any) {
    throw new MalformedAttestationError(`${what} is not a libp2p public key (${e.message})`)
  }
  if (key.type !== 'Ed25519') throw new MalformedAttestationError(`${what} is a ${key.type} key, not Ed25519`)
  return key
}

/**
 * The quote's report data: SHA-256 over the renter's nonce, the enclave's ephemeral X25519 public
 * key and the digest of the negotiation context. It is what ties a quote to one key exchange.
 */
export function computeReportData (nonce: Uint8Array, enclavePublicKey: Uint8Array, contextDigest: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(encodeFields(REPORT_DATA_DOMAIN, [nonce, enclavePublicKey, contextDigest])).digest())
}
