import { open } from 'node:fs/promises'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { KeyFileError } from './errors.js'
import { checkSecretFileMode, writeSecretFile } from './secret-file.js'
import type { Ed25519PrivateKey, PeerId, PrivateKey } from '@libp2p/interface'

/** A fresh Ed25519 peer identity. */
export async function generatePeerKey (): Promise<Ed25519PrivateKey> {
  return generateKeyPair('Ed25519')
}

/** The peer id of a private key. */
export function peerIdOf (key: PrivateKey): PeerId {
  return peerIdFromPrivateKey(key)
}

/** Save a peer key as the protobuf encoding of the private key (`privateKeyToProtobuf`), mode 0600. */
export async function savePeerKey (path: string, key: PrivateKey, options: { overwrite?: boolean } = {}): Promise<void> {
  await writeSecretFile(path, privateKeyToProtobuf(key), options)
}

/** Load a peer key written by `savePeerKey`, refusing files that others can read. */
export async function loadPeerKey (path: string): Promise<PrivateKey> {
  await checkSecretFileMode(path)
  const fh = await open(path, 'r')
  let bytes: Uint8Array
  try {
    bytes = await fh.readFile()
  } finally {
    await fh.close()
  }
  try {
    return privateKeyFromProtobuf(bytes)
  } catch (e: any) {
    throw new KeyFileError(`${path}: not a libp2p private key (${e.message})`)
  }
}

export { PEER_KEY_FILE, checkSecretFileMode, writeSecretFile } from './secret-file.js'
