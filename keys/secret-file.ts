/**
 * Secret files (peer keys, API tokens, platform keys): written atomically with mode 0600, refused
 * when others may read them. No libp2p here, so that what only reads a data dir (the CLI's API
 * client) starts fast.
 */
import { constants } from 'node:fs'
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { KeyFileError } from './errors.js'

/** File name of a node's identity inside its data directory. */
export const PEER_KEY_FILE = 'peer.key'

/** Permission bits a secret file may have: owner read/write only. */
const SECRET_MODE = 0o600

/**
 * Write `data` to `path` with mode 0600, atomically (temp file + rename) so that a crash never
 * leaves a half-written secret. Refuses to replace an existing file unless `overwrite` is set.
 */
export async function writeSecretFile (path: string, data: Uint8Array | string, options: { overwrite?: boolean } = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  if (options.overwrite !== true && await exists(path)) {
    throw new KeyFileError(`${path}: already exists; refusing to overwrite it`)
  }
  const tmp = `${path}.${process.pid}.tmp`
  const fh = await open(tmp, constants.O_CREAT | constants.O_TRUNC | constants.O_WRONLY, SECRET_MODE)
  try {
    await fh.writeFile(data)
    await fh.sync()
  } finally {
    await fh.close()
  }
  try {
    await rename(tmp, path)
  } catch (e) {
    await unlink(tmp).catch(() => {})
    throw e
  }
}

/**
 * Check that a secret file exists and is readable by its owner only, as ssh does for its keys.
 * Throws a `KeyFileError` that says what to do otherwise.
 */
export async function checkSecretFileMode (path: string): Promise<void> {
  let mode: number
  try {
    mode = (await stat(path)).mode
  } catch (e: any) {
    if (e.code === 'ENOENT') {
      throw new KeyFileError(`${path}: no such key file (create one with \`shulian keys generate --out ${path}\`)`)
    }
    throw new KeyFileError(`${path}: cannot read key file (${e.code ?? e.message})`)
  }
  if ((mode & 0o077) !== 0) {
    throw new KeyFileError(`${path}: permissions ${(mode & 0o777).toString(8).padStart(4, '0')} are too open; the key must be readable by its owner only (chmod 600 ${path})`)
  }
}

/** Whether something exists at `path`. */
export async function exists (path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
