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

/**
 * Encrypt chunks `[from, to)` of some columns of one subtask: for each chunk, one ciphertext per
 * column, serialized. Chunk j covers values [j*slots, (j+1)*slots) of each column.
 */
export function encryptChunks (he: HeContext, key: EncryptionKey, columns: readonly Float64Array[], from: number, to: number): Uint8Array[][] {
  const secret = 'secretKey' in key
  const sk = secret ? loadSecretKey(he, key.secretKey) : undefined
  const pk = secret ? undefined : loadPublicKey(he, key.publicKey)
  const encryptor = sk !== undefined ? symmetricEncryptor(he, sk) : new he.seal.Encryptor(he.context, pk as NonNullable<typeof pk>)
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
    encryptor.delete()
    sk?.delete()
    pk?.delete()
  }
}
