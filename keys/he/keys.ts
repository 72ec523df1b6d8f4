import { saveHeObject } from './serialize.js'
import type { HeContext } from './context.js'

/**
 * A renter's HE key material, serialized. The secret key never leaves the renter's process (its
 * worker threads get it to decrypt); the public key goes to whoever must encrypt for the renter
 * (a TEE enclave in tee+he, a third data owner in a joint task); the relinearization keys go to
 * whoever multiplies ciphertexts (lessors, the third party).
 */
export interface HeKeySet {
  secretKey: Uint8Array
  publicKey: Uint8Array
  relinKeys: Uint8Array
}

/** Generate a fresh key set for `he`'s parameters. Relinearization keys are seeded (half size). */
export function generateHeKeys (he: HeContext): HeKeySet {
  const kg = new he.seal.KeyGenerator(he.context)
  try {
    const sk = kg.secretKey()
    const pk = kg.createPublicKeySerializable()
    const rk = kg.createRelinKeysSerializable()
    const keys = { secretKey: saveHeObject(he, sk), publicKey: saveHeObject(he, pk), relinKeys: saveHeObject(he, rk) }
    sk.delete(); pk.delete(); rk.delete()
    return keys
  } finally {
    kg.delete()
  }
}
