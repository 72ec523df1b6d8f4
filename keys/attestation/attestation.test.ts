import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { negotiationContextDigest } from '../kex/index.js'
import {
  EnclaveKind, attestationRootEntry, computeReportData, describeAttestation, issuePlatformCertificate, loadPlatform,
  parseAttestationRoots, parseVerificationPolicy, provisionSimulatedPlatform, signQuote, verificationPolicy, verifyAttestation
} from './index.js'
import type { AttestationOffer, AttestationRoot, VerificationPolicy } from './index.js'
import type { NegotiationContext } from '../kex/index.js'
import type { Ed25519PrivateKey } from '@libp2p/interface'

const HOUR = 3600_000
const now = Date.now()
const measurement = new Uint8Array(32).fill(0xab)
const rootKey = await generateKeyPair('Ed25519')
const platformKey = await generateKeyPair('Ed25519')
const roots: AttestationRoot[] = [{ name: 'example', publicKey: rootKey.publicKey }]
const context: NegotiationContext = {
  leaseId: 'lease-1', subtaskIds: ['s1'], renterPeerId: 'renter', lessorPeerId: 'lessor', renterPublicKey: new Uint8Array(32).fill(1)
}

interface OfferInit {
  root?: Ed25519PrivateKey
  platform?: Ed25519PrivateKey
  signer?: Ed25519PrivateKey
  simulated?: boolean
  notBefore?: number
  notAfter?: number
  measurement?: Uint8Array
  timestamp?: number
  nonce?: Uint8Array
  boundKey?: Uint8Array
  offeredKey?: Uint8Array
}

async function offer (nonce: Uint8Array, o: OfferInit = {}): Promise<AttestationOffer> {
  const platform = o.platform ?? platformKey
  const certificate = await issuePlatformCertificate(o.root ?? rootKey, {
    rootName: 'example', platformPublicKey: platform.publicKey, notBefore: o.notBefore ?? now - HOUR, notAfter: o.notAfter ?? now + HOUR,
    simulated: o.simulated ?? true, enclaveKind: (o.simulated ?? true) ? EnclaveKind.SIMULATED : EnclaveKind.SGX_DCAP
  })
  const enclaveKey = o.boundKey ?? new Uint8Array(randomBytes(32))
  const quoteNonce = o.nonce ?? nonce
  const quote = await signQuote(o.signer ?? platform, {
    measurement: o.measurement ?? measurement,
    reportData: computeReportData(quoteNonce, enclaveKey, negotiationContextDigest(context)),
    timestamp: o.timestamp ?? now - 1000,
    simulated: o.simulated ?? true,
    enclaveKind: (o.simulated ?? true) ? EnclaveKind.SIMULATED : EnclaveKind.SGX_DCAP
  })
  return { certificate, quote, enclavePublicKey: o.offeredKey ?? enclaveKey, nonce: quoteNonce }
}

const lenient: VerificationPolicy = verificationPolicy({ roots, allowedMeasurements: [measurement], allowSimulated: true })

describe('attestation verification', () => {
  it('accepts good evidence and says "simulated TEE" when rendering it', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    const v = await verifyAttestation(await offer(nonce), nonce, context, lenient, now)
    assert.equal(v.simulated, true)
    assert.equal(v.rootName, 'example')
    assert.deepEqual(v.measurement, measurement)
    assert.match(describeAttestation(v, now), /^simulated TEE \(no hardware protection/)
  })

  // the seven refusals of issue 7, each with its own error
  it('refuses a bad quote signature', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    const forger = await generateKeyPair('Ed25519')
    await assert.rejects(verifyAttestation(await offer(nonce, { signer: forger }), nonce, context, lenient, now),
      { name: 'BadQuoteSignatureError', code: 'ATTEST_BAD_QUOTE_SIGNATURE', exitCode: 2 })
  })

  it('refuses a certificate from an untrusted root', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    const rogue = await generateKeyPair('Ed25519')
    await assert.rejects(verifyAttestation(await offer(nonce, { root: rogue }), nonce, context, lenient, now),
      { name: 'UntrustedRootError', code: 'ATTEST_UNTRUSTED_ROOT', claimedRoot: 'example' })
  })

  it('refuses a measurement that is not allowed', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    await assert.rejects(verifyAttestation(await offer(nonce, { measurement: new Uint8Array(32).fill(0xcd) }), nonce, context, lenient, now),
      { name: 'MeasurementNotAllowedError', code: 'ATTEST_MEASUREMENT_NOT_ALLOWED', measurement: 'cd'.repeat(32) })
  })

  it('refuses a replayed quote answering a stale nonce', async () => {
    const old = new Uint8Array(randomBytes(32))
    const replayed = await offer(old) // genuine evidence, recorded from an earlier run
    const fresh = new Uint8Array(randomBytes(32))
    await assert.rejects(verifyAttestation(replayed, fresh, context, lenient, now), { name: 'StaleNonceError', code: 'ATTEST_STALE_NONCE' })
    // and a replay whose echoed nonce was rewritten to ours fails the binding
    await assert.rejects(verifyAttestation({ ...replayed, nonce: fresh }, fresh, context, lenient, now), { name: 'ReportDataMismatchError' })
  })

  it('refuses report data that does not bind the offered key', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    const mitmKey = new Uint8Array(randomBytes(32))
    await assert.rejects(verifyAttestation(await offer(nonce, { offeredKey: mitmKey }), nonce, context, lenient, now),
      { name: 'ReportDataMismatchError', code: 'ATTEST_REPORT_DATA_MISMATCH' })
    // nor another context (another lease)
    await assert.rejects(verifyAttestation(await offer(nonce), nonce, { ...context, leaseId: 'lease-2' }, lenient, now), { name: 'ReportDataMismatchError' })
  })

  it('refuses a simulated quote under a strict policy (the default)', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    const strict = verificationPolicy({ roots, allowedMeasurements: [measurement] })
    assert.equal(strict.allowSimulated, false)
    await assert.rejects(verifyAttestation(await offer(nonce), nonce, context, strict, now),
      { name: 'SimulatedQuoteRefusedError', code: 'ATTEST_SIMULATED_REFUSED', message: /simulated TEE/ })
    // the flag is signed: a quote that drops it no longer verifies
    const o = await offer(nonce)
    const tampered = new Uint8Array(o.quote)
    const at = Buffer.from(tampered).indexOf(Buffer.from([0x18, 0x01])) // field 3 (simulated) = true
    assert.ok(at > 0)
    tampered[at + 1] = 0
    await assert.rejects(verifyAttestation({ ...o, quote: tampered }, nonce, context, strict, now), { name: 'BadQuoteSignatureError' })
  })

  it('refuses an expired platform certificate (and one not yet valid)', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    await assert.rejects(verifyAttestation(await offer(nonce, { notBefore: now - 2 * HOUR, notAfter: now - HOUR }), nonce, context, lenient, now),
      { name: 'PlatformCertificateExpiredError', code: 'ATTEST_CERT_EXPIRED' })
    await assert.rejects(verifyAttestation(await offer(nonce, { notBefore: now + HOUR, notAfter: now + 2 * HOUR }), nonce, context, lenient, now),
      { name: 'PlatformCertificateExpiredError', code: 'ATTEST_CERT_NOT_YET_VALID' })
  })

  it('refuses a quote older than the policy allows, or from the future', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    await assert.rejects(verifyAttestation(await offer(nonce, { timestamp: now - 61_000 }), nonce, context, lenient, now), { name: 'QuoteTooOldError', code: 'ATTEST_QUOTE_TOO_OLD' })
    await assert.rejects(verifyAttestation(await offer(nonce, { timestamp: now + 60_000 }), nonce, context, lenient, now), { name: 'QuoteTooOldError', code: 'ATTEST_QUOTE_FROM_FUTURE' })
  })

  it('refuses garbage evidence and a certificate used as a quote', async () => {
    const nonce = new Uint8Array(randomBytes(32))
    const o = await offer(nonce)
    await assert.rejects(verifyAttestation({ ...o, quote: new Uint8Array([1, 2, 3]) }, nonce, context, lenient, now), { name: 'MalformedAttestationError' })
    await assert.rejects(verifyAttestation({ ...o, quote: o.certificate }, nonce, context, lenient, now), { name: 'MalformedAttestationError' })
  })
})

describe('attestation roots (bootstrap.json)', () => {
  it('round-trips an entry and refuses bad ones with the place of the error', async () => {
    const entry = attestationRootEntry('example', rootKey.publicKey)
    const [parsed] = parseAttestationRoots([entry], 'bootstrap.json attestationRoots')
    assert.ok(parsed?.publicKey.equals(rootKey.publicKey))
    assert.throws(() => parseAttestationRoots({}, 'x'), { name: 'AttestationConfigError', message: /^x: must be an array/ })
    assert.throws(() => parseAttestationRoots([{ name: 'a', publicKey: 'not base64!' }], 'x'), { message: /^x\[0\]\.publicKey: must be base64/ })
    assert.throws(() => parseAttestationRoots([{ name: 'a', publicKey: 'AAAA' }], 'x'), { message: /^x\[0\]\.publicKey: not a protobuf-encoded public key/ })
    assert.throws(() => parseAttestationRoots([entry, { ...entry, name: 'b' }], 'x'), { message: /^x\[1\]\.publicKey: the same key is already listed as 'example'/ })
    assert.throws(() => parseAttestationRoots([entry, entry], 'x'), { message: /^x\[1\]\.name: duplicate/ })
    assert.throws(() => parseAttestationRoots([{ ...entry, extra: 1 }], 'x'), { message: /unknown field\(s\) extra/ })
    const secp = await generateKeyPair('secp256k1')
    assert.throws(() => parseAttestationRoots([attestationRootEntry('s', secp.publicKey)], 'x'), { message: /must be Ed25519/ })
  })
})

describe('verification policy config', () => {
  it('parses a policy, strict by default, and refuses bad fields with their place', () => {
    const hex = 'ab'.repeat(32)
    const p = parseVerificationPolicy({ allowedMeasurements: [hex] }, roots, 'node.json tee')
    assert.equal(p.allowSimulated, false)
    assert.deepEqual(p.allowedMeasurements, [measurement])
    assert.equal(parseVerificationPolicy({ allowedMeasurements: [], allowSimulated: true }, roots).allowSimulated, true)
    assert.throws(() => parseVerificationPolicy({ allowedMeasurements: ['xyz'] }, roots, 't'), { name: 'AttestationConfigError', message: /^t\.allowedMeasurements\[0\]: must be 64/ })
    assert.throws(() => parseVerificationPolicy({ allowedMeasurements: [hex], allowSimulated: 'yes' }, roots, 't'), { message: /^t\.allowSimulated/ })
    assert.throws(() => parseVerificationPolicy({ allowedMeasurements: [hex], maxQuoteAgeMs: -1 }, roots, 't'), { message: /^t\.maxQuoteAgeMs/ })
    assert.throws(() => parseVerificationPolicy({ allowedMeasurements: [hex], allowSimulate: true }, roots, 't'), { message: /unknown field\(s\) allowSimulate/ })
    assert.throws(() => parseVerificationPolicy({ allowedMeasurements: [hex] }, [], 't'), { message: /no attestation roots/ })
  })
})

describe('platform provisioning', () => {
  const dirs: string[] = []
  after(async () => { await Promise.all(dirs.map(async d => { await rm(d, { recursive: true, force: true }) })) })

  it('writes a 0600 platform key and a root-signed certificate that verifies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-tee-'))
    dirs.push(dir)
    const p = await provisionSimulatedPlatform({ dir, rootKey, rootName: 'example', now })
    assert.equal((await stat(p.keyFile)).mode & 0o777, 0o600)
    assert.equal(p.certificate.body.simulated, true)
    const loaded = await loadPlatform(dir)
    const nonce = new Uint8Array(randomBytes(32))
    const o = await offer(nonce, { platform: loaded.key as Ed25519PrivateKey })
    await verifyAttestation({ ...o, certificate: loaded.certificate }, nonce, context, lenient, now)
    await assert.rejects(provisionSimulatedPlatform({ dir, rootKey, rootName: 'example' }), { name: 'KeyFileError', message: /already exists/ })
  })
})
