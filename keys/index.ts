export { KeyFileError } from './errors.js'
export { PEER_KEY_FILE, checkSecretFileMode, generatePeerKey, loadPeerKey, peerIdOf, savePeerKey, writeSecretFile } from './peer-key.js'
export * from './he/index.js'
