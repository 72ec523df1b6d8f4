/**
 * The files of a node's data directory. Secrets are written 0600 (see `writeSecretFile`).
 *
 *   peer.key     the node's identity (protobuf private key)
 *   api.token    bearer token of the control API
 *   api.json     where the running node's control API listens (written when ready, removed on stop)
 *   node.pid     pid of a node started by `net up`
 *   node.log     its stdout/stderr
 *   market.db    the market's ledger: orders, reservations, formations, leases (node/market; with -wal, -shm)
 */
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
// not keys/index.js: the CLI's API client comes through here, and libp2p's crypto takes a while to load
import { PEER_KEY_FILE, checkSecretFileMode, writeSecretFile } from '../keys/secret-file.js'
import { InvalidInputError, readJsonFile } from '../keys/validation.js'

export const files = {
  peerKey: (dir: string) => join(dir, PEER_KEY_FILE),
  apiToken: (dir: string) => join(dir, 'api.token'),
  apiInfo: (dir: string) => join(dir, 'api.json'),
  pid: (dir: string) => join(dir, 'node.pid'),
  log: (dir: string) => join(dir, 'node.log'),
  config: (dir: string) => join(dir, 'node.json')
}

/** `api.json`: where a running node serves its control API. */
export interface ApiInfo {
  url: string
  pid: number
  peerId: string
}

/**
 * Check an `api.json` the node wrote. Every CLI command that talks to a node reads it, so this is
 * checked by hand rather than with zod, whose loading alone cost each command ~80 ms.
 */
function parseApiInfo (raw: unknown, source: string): ApiInfo {
  const o = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : undefined) as Record<string, unknown> | undefined
  if (o === undefined) throw new InvalidInputError(source, '', 'expected an object')
  const url = o.url
  if (typeof url !== 'string' || !URL.canParse(url)) throw new InvalidInputError(source, 'url', 'expected a URL')
  if (!Number.isSafeInteger(o.pid)) throw new InvalidInputError(source, 'pid', 'expected an integer')
  if (typeof o.peerId !== 'string') throw new InvalidInputError(source, 'peerId', 'expected a string')
  return { url, pid: o.pid as number, peerId: o.peerId }
}

/** The control API token of a data dir, created (0600) on first use. */
export async function ensureApiToken (dir: string): Promise<string> {
  try {
    return await readApiToken(dir)
  } catch (e: any) {
    if (e.code !== 'ENOENT') {
      throw e
    }
  }
  const token = randomBytes(32).toString('base64url')
  await writeSecretFile(files.apiToken(dir), token + '\n', { overwrite: true })
  return token
}

export async function readApiToken (dir: string): Promise<string> {
  const path = files.apiToken(dir)
  const text = await readFile(path, 'utf8')
  await checkSecretFileMode(path)
  return text.trim()
}

export async function writeApiInfo (dir: string, info: ApiInfo): Promise<void> {
  const path = files.apiInfo(dir)
  await writeFile(`${path}.tmp`, JSON.stringify(info, null, 2) + '\n')
  await rename(`${path}.tmp`, path)
}

export async function removeApiInfo (dir: string): Promise<void> {
  await rm(files.apiInfo(dir), { force: true })
}

/** Where the node of `dir` serves its control API, and the token to use it. */
export async function apiOf (dir: string): Promise<ApiInfo & { token: string }> {
  let raw: unknown
  try {
    raw = await readJsonFile(files.apiInfo(dir))
  } catch (e) {
    if (e instanceof InvalidInputError && e.message.endsWith('no such file')) {
      throw new InvalidInputError(dir, '', 'no running node here (no api.json); start it with `shulian node start --config ...` or `shulian net up`')
    }
    throw e
  }
  const info = parseApiInfo(raw, files.apiInfo(dir))
  return { ...info, token: await readApiToken(dir) }
}
