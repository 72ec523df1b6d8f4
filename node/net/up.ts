/**
 * `net up` / `net down`: every node of a bootstrap as its own OS process, data dir `DIR/<name>`.
 * `net up` returns when every expected connection is up (each participant ↔ its hub, hubs in a full
 * mesh), or fails naming the links that are not, and takes the partial network down again.
 */
import { existsSync } from 'node:fs'
import { readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { InvalidInputError, savePeerKey } from '../../keys/index.js'
import { loadBootstrap } from '../../topology/index.js'
import { callApi } from '../api/client.js'
import { apiOf, files } from '../data-dir.js'
import { assertLoopbackOnly, decodeKey, exampleKeysPath, loadExampleKeys } from './example-keys.js'
import { AUTHORITY_KEY_FILE, LOCAL_TEE, provisionLocalPlatform } from './init.js'
import { lastLogLine, runningPid, startNodeProcess, stopNodeProcess } from './processes.js'
import { PLATFORM_CERT_FILE } from '../../keys/index.js'
import type { Network, PeerEntry } from '../../topology/index.js'
import type { NodeStatus } from '../status.js'

export const DEFAULT_UP_TIMEOUT = 60_000

/** One node of a local network, as `net up --json` prints it (public contract). */
export interface LocalNode {
  name: string
  role: string
  subnet: string
  peerId: string
  dataDir: string
  api: string
  /** started by this `net up` (false: it was already running) */
  started?: boolean
}

/** `net up` could not bring the network up. Exit code 1. */
export class NetUpError extends Error {
  static name = 'NetUpError'
  readonly exitCode = 1

  constructor (message: string) {
    super(message)
    this.name = 'NetUpError'
  }
}

export interface UpOptions {
  bootstrapPath: string
  dir: string
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
  /** nodes not to start (and not to wait for) */
  skip?: string[]
}

/** The bootstrap `net up --dir DIR` uses when none is given: DIR's own, else ./bootstrap.json. */
export function defaultBootstrap (dir: string): string {
  const own = join(dir, 'bootstrap.json')
  return existsSync(own) ? own : resolve('bootstrap.json')
}

export async function upNetwork (options: UpOptions): Promise<LocalNode[]> {
  const dir = resolve(options.dir)
  const bootstrapPath = resolve(options.bootstrapPath)
  const network = await loadBootstrap(bootstrapPath)
  const skip = new Set(options.skip ?? [])
  for (const name of skip) {
    if (network.named(name) == null) {
      throw new InvalidInputError('--skip', '', `no node named "${name}" in ${bootstrapPath}`)
    }
  }
  const peers = network.peers().filter(p => !skip.has(p.name))

  // nodes already running (e.g. after `net up` once, with one node crashed since) are left alone:
  // `net up` starts what is down and waits for the whole network
  const down: PeerEntry[] = []
  for (const p of peers) {
    if (await runningPid(join(dir, p.name)) === undefined) {
      down.push(p)
    }
  }
  for (const p of down) {
    await prepareDataDir(network, p, join(dir, p.name), bootstrapPath)
  }
  await prepareAuthorityKey(network, dir, bootstrapPath)

  // hubs first, so that participants find their hub listening on their first dial
  const ordered = [...down.filter(p => p.role === 'hub'), ...down.filter(p => p.role !== 'hub')]
  for (const p of ordered) {
    await startNodeProcess(join(dir, p.name), options.env)
  }

  try {
    const nodes = await waitUntilConnected(network, peers, dir, options.timeoutMs ?? DEFAULT_UP_TIMEOUT)
    return nodes.map(n => ({ ...n, started: down.some(p => p.name === n.name) }))
  } catch (e) {
    if (down.length === peers.length) {
      await downNetwork(dir)
    }
    throw e
  }
}

/** Stop every node under `dir` (gracefully, then by force). Returns node name → how it ended. */
export async function downNetwork (dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  if (!existsSync(dir)) {
    throw new InvalidInputError(dir, '', 'no such directory')
  }
  const names = (await readdir(dir, { withFileTypes: true })).filter(d => d.isDirectory()).map(d => d.name)
  await Promise.all(names.map(async name => {
    const dataDir = join(dir, name)
    if (existsSync(files.pid(dataDir))) {
      out[name] = await stopNodeProcess(dataDir)
    }
  }))
  return out
}

async function prepareDataDir (network: Network, peer: PeerEntry, dataDir: string, bootstrapPath: string): Promise<void> {
  if (!existsSync(files.peerKey(dataDir))) {
    const example = await loadExampleKeys(bootstrapPath)
    const b64 = example?.nodes[peer.name]
    if (example == null || b64 === undefined) {
      throw new InvalidInputError(files.peerKey(dataDir), '', `no key for node ${peer.name} (expected here, or in ${exampleKeysPath(bootstrapPath)}); \`shulian net init --dir DIR\` makes a network with its keys`)
    }
    assertLoopbackOnly(network, exampleKeysPath(bootstrapPath))
    await savePeerKey(files.peerKey(dataDir), decodeKey(b64, `${exampleKeysPath(bootstrapPath)}: nodes.${peer.name}`))
  }
  if (!existsSync(files.config(dataDir))) {
    const hub = network.hubOf(peer.peerId)
    // a data dir without node.json is the example network's (net init writes one per node): loopback
    const listen = peer.role === 'hub'
      ? (hub?.addrs ?? []).map(a => a.toString())
      : [`/ip4/127.0.0.1/tcp/0`]
    const example = await loadExampleKeys(bootstrapPath)
    // with the example network's public root, its participants offer and trust simulated enclaves
    const tee = peer.role === 'participant' && example?.attestationRoot !== undefined ? { tee: LOCAL_TEE } : {}
    const config = { role: peer.role, subnet: peer.subnet, dataDir: '.', bootstrap: bootstrapPath, listen, ...tee }
    await writeFile(files.config(dataDir), JSON.stringify(config, null, 2) + '\n')
  }
  if (peer.role === 'participant' && !existsSync(join(dataDir, PLATFORM_CERT_FILE))) {
    const example = await loadExampleKeys(bootstrapPath)
    const root = network.attestationRoots[0]
    if (example?.attestationRoot !== undefined && root !== undefined) {
      await provisionLocalPlatform(dataDir, decodeKey(example.attestationRoot, `${exampleKeysPath(bootstrapPath)}: attestationRoot`), root.name)
    }
  }
}

/**
 * The example network's authority key, copied (0600) to DIR/authority.key where `shulian network
 * add-subnet --authority-key` finds it, as node keys are copied into their data dirs.
 */
async function prepareAuthorityKey (network: Network, dir: string, bootstrapPath: string): Promise<void> {
  const path = join(dir, AUTHORITY_KEY_FILE)
  const example = await loadExampleKeys(bootstrapPath)
  if (example?.authority === undefined || existsSync(path)) {
    return
  }
  assertLoopbackOnly(network, exampleKeysPath(bootstrapPath))
  await savePeerKey(path, decodeKey(example.authority, `${exampleKeysPath(bootstrapPath)}: authority`))
}

/** Links that must be up: participant → its hub, and every pair of hubs. */
function expectedLinks (network: Network): Array<[PeerEntry, PeerEntry]> {
  const links: Array<[PeerEntry, PeerEntry]> = []
  const hubs = network.hubs()
  for (const [i, a] of hubs.entries()) {
    for (const b of hubs.slice(i + 1)) {
      links.push([a, b])
    }
  }
  for (const s of network.subnets) {
    for (const m of s.members) {
      links.push([m, s.hub])
    }
  }
  return links
}

async function waitUntilConnected (network: Network, peers: PeerEntry[], dir: string, timeoutMs: number): Promise<LocalNode[]> {
  const deadline = Date.now() + timeoutMs
  let missing: string[] = []

  while (true) {
    const statuses = new Map<string, NodeStatus>()
    for (const p of peers) {
      const dataDir = join(dir, p.name)
      if (await runningPid(dataDir) === undefined) {
        throw new NetUpError(`node ${p.name} exited during start: ${await lastLogLine(dataDir)} (log: ${files.log(dataDir)})`)
      }
      if (existsSync(files.apiInfo(dataDir))) {
        statuses.set(p.name, await callApi<NodeStatus>(dataDir, '/status', { timeout: 5_000 }).catch(() => undefined as any))
      }
    }
    missing = peers.filter(p => statuses.get(p.name) == null).map(p => `${p.name} not serving yet`)
    for (const [a, b] of expectedLinks(network).filter(([a, b]) => peers.includes(a) && peers.includes(b))) {
      const sa = statuses.get(a.name)
      const sb = statuses.get(b.name)
      const has = (s: NodeStatus | undefined, peer: PeerEntry): boolean => s?.connections.some(c => c.peerId === peer.peerId.toString()) === true
      if (sa != null && sb != null && !(has(sa, b) && has(sb, a))) {
        missing.push(`${a.name} ↔ ${b.name}`)
      }
    }
    if (missing.length === 0) {
      return Promise.all(peers.map(async p => ({
        name: p.name,
        role: p.role,
        subnet: p.subnet,
        peerId: p.peerId.toString(),
        dataDir: join(dir, p.name),
        api: (await apiOf(join(dir, p.name))).url
      })))
    }
    if (Date.now() > deadline) {
      throw new NetUpError(`not up after ${Math.round(timeoutMs / 1000)}s: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''} (logs: ${dir}/<node>/node.log)`)
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}
