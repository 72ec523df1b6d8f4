/**
 * A lessor's platform identity in its data directory: the platform's Ed25519 key (0600) and its
 * certificate from an attestation root. The simulated enclave signs its quotes with this key.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KeyFileError } from '../errors.js'
import { generatePeerKey, loadPeerKey, savePeerKey, writeSecretFile } from '../peer-key.js'
import { exists } from '../secret-file.js'
import { decodeCertificate, ed25519FromProtobuf, EnclaveKind, issuePlatformCertificate } from './documents.js'
import type { DecodedCertificate } from './documents.js'
import type { PrivateKey } from '@libp2p/interface'

/** Where a data directory keeps the platform key, relative to the directory. */
export const PLATFORM_KEY_FILE = join('tee', 'platform.key')
/** Where a data directory keeps the platform certificate, relative to the directory. */
export const PLATFORM_CERT_FILE = join('tee', 'platform.cert')
/** How long a platform certificate is valid unless told otherwise. */
export const DEFAULT_CERTIFICATE_VALIDITY_MS = 365 * 24 * 3600 * 1000

export interface ProvisionInit {
  /** The node's data directory. */
  dir: string
  /** The attestation root's private key. */
  rootKey: PrivateKey
  /** The root's name as listed in `attestationRoots`. */
  rootName: string
  validityMs?: number
  now?: number
  /** Replace an existing platform key and certificate. */
  overwrite?: boolean
}

export interface ProvisionedPlatform {
  keyFile: string
  certFile: string
  certificate: DecodedCertificate
}

/**
 * Issue a fresh platform key and a simulated-TEE certificate for it, signed by the root, into
 * `dir`. Refuses to replace an existing platform unless `overwrite` is set.
 */
export async function provisionSimulatedPlatform (init: ProvisionInit): Promise<ProvisionedPlatform> {
  const keyFile = join(init.dir, PLATFORM_KEY_FILE)
  const certFile = join(init.dir, PLATFORM_CERT_FILE)
  const overwrite = init.overwrite === true
  if (!overwrite) {
    for (const f of [keyFile, certFile]) {
      if (await exists(f)) throw new KeyFileError(`${f}: already exists; refusing to overwrite it (use --force to re-provision)`)
    }
  }
  const now = init.now ?? Date.now()
  const platformKey = await generatePeerKey()
  const certificate = await issuePlatformCertificate(init.rootKey, {
    rootName: init.rootName,
    platformPublicKey: platformKey.publicKey,
    notBefore: now,
    notAfter: now + (init.validityMs ?? DEFAULT_CERTIFICATE_VALIDITY_MS),
    simulated: true,
    enclaveKind: EnclaveKind.SIMULATED
  })
  await savePeerKey(keyFile, platformKey, { overwrite: true })
  await writeSecretFile(certFile, certificate, { overwrite: true })
  return { keyFile, certFile, certificate: decodeCertificate(certificate) }
}

export interface LoadedPlatform {
  key: PrivateKey
  /** The encoded certificate, as sent to verifiers. */
  certificate: Uint8Array
  decoded: DecodedCertificate
}

/** Load the platform key and certificate of a data directory, checking that they belong together. */
export async function loadPlatform (dir: string): Promise<LoadedPlatform> {
  const keyFile = join(dir, PLATFORM_KEY_FILE)
  const certFile = join(dir, PLATFORM_CERT_FILE)
  const key = await loadPeerKey(keyFile)
  let certificate: Uint8Array
  try {
    certificate = new Uint8Array(await readFile(certFile))
  } catch (e: any) {
    throw new KeyFileError(`${certFile}: cannot read the platform certificate (${e.code ?? e.message}); run \`shulian tee provision --dir ${dir}\``)
  }
  const decoded = decodeCertificate(certificate)
  if (!ed25519FromProtobuf(decoded.body.platformPublicKey, 'the certified platform key').equals(key.publicKey)) {
    throw new KeyFileError(`${certFile}: certifies another key than ${keyFile}; re-provision with \`shulian tee provision --force\``)
  }
  return { key, certificate, decoded }
}
