/**
 * HE objects on the wire: SEAL's uncompressed serialization inside zstd (Node's built-in zstd:
 * as small as SEAL's own and bounded on the way in, unlike SEAL 4.1's inflater). Every loader
 * decompresses with a size cap for its kind, checks the structure (inspect.ts), and only then lets
 * SEAL load; SEAL's own exceptions become `HeObjectError`s too, so bad input never crashes.
 */
import { constants, zstdCompressSync, zstdDecompressSync } from 'node:zlib'
import { HeObjectError } from './errors.js'
import { inspectCiphertext, inspectPublicKey, inspectRelinKeys, inspectSecretKey, maxSerializedBytes } from './inspect.js'
import { sealErrorMessage } from './seal.js'
import type { HeContext } from './context.js'
import type { Ciphertext, PublicKey, RelinKeys, SecretKey } from './seal.js'

interface Saveable { saveToArray: (mode: any) => any }

const ZSTD_LEVEL = 1

/** Serialize a SEAL object (a ciphertext, a seeded "serializable" one, or a key) for the wire. */
export function saveHeObject (he: HeContext, obj: Saveable): Uint8Array {
  const raw = obj.saveToArray(he.seal.ComprModeType.none) as Uint8Array
  const z = zstdCompressSync(raw, { params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL } })
  // a plain Uint8Array over a buffer of its own (transferable to another thread without a copy);
  // a large zstd output already is one, a small one may sit in Node's shared Buffer pool
  return z.byteOffset === 0 && z.byteLength === z.buffer.byteLength ? new Uint8Array(z.buffer, 0, z.byteLength) : new Uint8Array(z)
}

type Kind = 'ciphertext' | 'publicKey' | 'relinKeys' | 'secretKey'

const LABEL: Record<Kind, string> = { ciphertext: 'ciphertext', publicKey: 'public key', relinKeys: 'relinearization keys', secretKey: 'secret key' }

function unwrap (he: HeContext, bytes: Uint8Array, kind: Kind, what: string): Uint8Array {
  const max = maxSerializedBytes(kind, he.inspect)
  if (bytes.byteLength > max) {
    throw new HeObjectError('OVERSIZED', `${what}: ${bytes.byteLength} bytes, more than any ${LABEL[kind]} of ${he.set.name} (${max})`)
  }
  try {
    return new Uint8Array(zstdDecompressSync(bytes, { maxOutputLength: max }))
  } catch (e: any) {
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new HeObjectError('OVERSIZED', `${what}: decompresses to more than any ${LABEL[kind]} of ${he.set.name} (${max} bytes)`)
    }
    throw new HeObjectError(bytes.byteLength < 16 ? 'TRUNCATED' : 'MALFORMED', `${what}: not a zstd frame of a SEAL object (${e.message})`)
  }
}

function sealLoad<T extends { loadFromArray: (ctx: any, a: any) => void, delete: () => void }> (he: HeContext, obj: T, raw: Uint8Array, what: string): T {
  try {
    obj.loadFromArray(he.context, raw)
    return obj
  } catch (e) {
    obj.delete()
    throw new HeObjectError('MALFORMED', `${what}: refused by SEAL (${sealErrorMessage(e)})`)
  }
}

/** Load a ciphertext received from a peer, refusing anything not built for `he`'s parameters. */
export function loadCiphertext (he: HeContext, bytes: Uint8Array, what = 'ciphertext'): Ciphertext {
  const raw = unwrap(he, bytes, 'ciphertext', what)
  inspectCiphertext(raw, he.inspect, what)
  return sealLoad(he, new he.seal.Ciphertext(), raw, what)
}

/** Load a public key received from a peer. */
export function loadPublicKey (he: HeContext, bytes: Uint8Array, what = 'public key'): PublicKey {
  const raw = unwrap(he, bytes, 'publicKey', what)
  inspectPublicKey(raw, he.inspect, what)
  return sealLoad(he, new he.seal.PublicKey(), raw, what)
}

/** Load relinearization keys received from a peer. */
export function loadRelinKeys (he: HeContext, bytes: Uint8Array, what = 'relinearization keys'): RelinKeys {
  const raw = unwrap(he, bytes, 'relinKeys', what)
  inspectRelinKeys(raw, he.inspect, what)
  return sealLoad(he, new he.seal.RelinKeys(), raw, what)
}

/** Load a secret key (this node's own, from its data directory or another of its threads). */
export function loadSecretKey (he: HeContext, bytes: Uint8Array, what = 'secret key'): SecretKey {
  const raw = unwrap(he, bytes, 'secretKey', what)
  inspectSecretKey(raw, he.inspect, what)
  return sealLoad(he, new he.seal.SecretKey(), raw, what)
}
