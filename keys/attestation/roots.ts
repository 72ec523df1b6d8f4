/**
 * Attestation roots as `bootstrap.json` lists them:
 *
 *   "attestationRoots": [{ "name": "example", "publicKey": "<base64 of publicKeyToProtobuf(Ed25519 key)>" }]
 *
 * Parsed and validated here, at the edge, so the verifier can trust what it gets.
 */
import { publicKeyFromProtobuf, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { AttestationConfigError } from './errors.js'
import type { PublicKey } from '@libp2p/interface'

/** A trusted attestation root. */
export interface AttestationRoot {
  name: string
  publicKey: PublicKey
}

/** The JSON shape of one `attestationRoots` entry. */
export interface AttestationRootEntry {
  name: string
  publicKey: string
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** The `attestationRoots` entry for a root key, as written into `bootstrap.json`. */
export function attestationRootEntry (name: string, publicKey: PublicKey): AttestationRootEntry {
  return { name, publicKey: Buffer.from(publicKeyToProtobuf(publicKey)).toString('base64') }
}

/**
 * Parse and validate an `attestationRoots` array. `where` names it in errors (e.g.
 * `bootstrap.json attestationRoots`). Refuses non-Ed25519 keys, bad names and duplicates.
 */
export function parseAttestationRoots (value: unknown, where = 'attestationRoots'): AttestationRoot[] {
  if (!Array.isArray(value)) throw new AttestationConfigError(`${where}: must be an array of { "name", "publicKey" }`)
  const roots: AttestationRoot[] = []
  value.forEach((entry: unknown, i) => {
    const at = `${where}[${i}]`
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new AttestationConfigError(`${at}: must be an object { "name", "publicKey" }`)
    const { name, publicKey, ...rest } = entry as Record<string, unknown>
    const extra = Object.keys(rest)
    if (extra.length > 0) throw new AttestationConfigError(`${at}: unknown field(s) ${extra.join(', ')}`)
    if (typeof name !== 'string' || !NAME.test(name)) throw new AttestationConfigError(`${at}.name: must be 1-64 characters of letters, digits, '.', '_' or '-'`)
    if (typeof publicKey !== 'string' || !BASE64.test(publicKey)) throw new AttestationConfigError(`${at}.publicKey: must be base64 of a protobuf-encoded Ed25519 public key`)
    let key: PublicKey
    try {
      key = publicKeyFromProtobuf(new Uint8Array(Buffer.from(publicKey, 'base64')))
    } catch (e: any) {
      throw new AttestationConfigError(`${at}.publicKey: not a protobuf-encoded public key (${e.message})`)
    }
    if (key.type !== 'Ed25519') throw new AttestationConfigError(`${at}.publicKey: a ${key.type} key; attestation roots must be Ed25519`)
    if (roots.some(r => r.name === name)) throw new AttestationConfigError(`${at}.name: duplicate root name '${name}'`)
    if (roots.some(r => r.publicKey.equals(key))) throw new AttestationConfigError(`${at}.publicKey: the same key is already listed as '${roots.find(r => r.publicKey.equals(key))?.name}'`)
    roots.push({ name, publicKey: key })
  })
  return roots
}
