import { createHash } from 'node:crypto'
import { loadPublicKey, loadSecretKey, saveHeObject } from '../../keys/index.js'
import { encodeChunk } from './encode.js'
import type { Encryptor, HeContext, SecretKey } from '../../keys/index.js'

/**
 * The key a column is encrypted with: the renter's secret key (seeded ciphertexts, half the size,
 * when the renter both encrypts and decrypts) or a public key (anyone encrypting for the renter: a
 * TEE enclave in tee+he, a third data owner in a joint task).
 */
export type EncryptionKey = { secretKey: Uint8Array } | { publicKey: Uint8Array }

/**
 * node-seal binds no secret-key-only Encryptor constructor; derive a public key from the secret
 * key to satisfy the binding (it is not used: symmetric encryption uses the secret key).
 */
function symmetricEncryptor (he: HeContext, sk: SecretKey): Encryptor {
  const kg = new he.seal.KeyGenerator(he.context, sk)
  const pk = kg.createPublicKey()
  try {
    return new he.seal.Encryptor(he.context, pk, sk)
  } finally {
    pk.delete()
    kg.delete()
  }
}

/** An encryptor ready for one key; its SEAL objects live until a different key replaces it. */
interface KeyedEncryptor { he: HeContext, digest: string, encryptor: Encryptor, secret: boolean, delete: () => void }

/**
 * This thread's encryptor for the last key it was given. Loading a key and building an encryptor
 * (node-seal derives a public key from a secret one) costs about one chunk's encryption, and a
 * subtask arrives as several tasks so that a slowed thread does not hold up the others: the key
 * is loaded once per thread, not once per task. One key only, the objects freed when it changes.
 */
let last: KeyedEncryptor | undefined

function encryptorFor (he: HeContext, key: EncryptionKey): KeyedEncryptor {
  const secret = 'secretKey' in key
  const bytes = secret ? key.secretKey : key.publicKey
  const digest = createHash('sha256').update(secret ? 's' : 'p').update(bytes).digest('hex')
  if (last !== undefined && last.he === he && last.digest === digest) return last
  const sk = secret ? loadSecretKey(he, bytes) : undefined
  const pk = secret ? undefined : loadPublicKey(he, bytes)
  let encryptor: Encryptor
  try {
    encryptor = sk !== undefined ? symmetricEncryptor(he, sk) : new he.seal.Encryptor(he.context, pk as NonNullable<typeof pk>)
  } catch (e) {
    sk?.delete()
    pk?.delete()
    throw e
  }
  last?.delete()
  last = {
    he,
    digest,
    encryptor,
    secret,
    delete: () => {
      encryptor.delete()
      sk?.delete()
      pk?.delete()
    }
  }
  return last
}

/**
 * Encrypt chunks `[from, to)` of some columns of one subtask: for each chunk, one ciphertext per
 * column, serialized. Chunk j covers values [j*slots, (j+1)*slots) of each column.
 */
export function encryptChunks (he: HeContext, key: EncryptionKey, columns: readonly Float64Array[], from: number, to: number): Uint8Array[][] {
  const { encryptor, secret } = encryptorFor(he, key)
  const pt = new he.seal.Plaintext()
  try {
    const out: Uint8Array[][] = []
    for (let j = from; j < to; j++) {
      out.push(columns.map(col => {
        encodeChunk(he, col.subarray(j * he.slots, (j + 1) * he.slots), pt)
        const ct = secret ? encryptor.encryptSymmetricSerializable(pt) : encryptor.encryptSerializable(pt)
        try {
          return saveHeObject(he, ct)
        } finally {
          ct.delete()
        }
      }))
    }
    return out
  } finally {
    pt.delete()
  }
}
