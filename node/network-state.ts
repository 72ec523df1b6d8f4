/**
 * The network definition a running node uses, and how it changes: a newer version signed by the
 * network's authority (pushed by a hub, or handed to a hub's control API by an operator) replaces
 * it without a restart, is kept in the data directory, and is used again after a restart in place
 * of an older `bootstrap.json`. Refusals are logged and kept for `GET /status`.
 */
import { rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { logger } from '@libp2p/logger'
import { readJsonFile } from '../keys/index.js'
import { checkUpdate, parseBootstrap } from '../topology/index.js'
import type { NodeConfig } from './config.js'
import type { Network, NetworkUpdateError } from '../topology/index.js'
import type { PeerId } from '@libp2p/interface'

/** The accepted version, in the data directory (public data, same format as `bootstrap.json`). */
export const STORED_NETWORK_FILE = 'network.json'

/** Refusals kept for status. */
const MAX_REFUSALS = 10

const log = logger('shulian:network')

/** Where the definition in force came from. */
export type DefinitionSource = 'bootstrap' | 'stored' | 'pushed' | 'api'

/** One refused version, as `GET /status` shows it. */
export interface Refusal {
  /** ISO time */
  at: string
  /** peer id of the pusher, "api", "bootstrap" for a bootstrap.json whose signature did not verify, or "data-dir" for a stored version that did not */
  from: string
  version: number | null
  code: string
  reason: string
}

/** `definition` in `GET /status` (public shape: fields are added, never renamed). */
export interface DefinitionStatus {
  version: number
  signed: boolean
  source: DefinitionSource
  /** ISO time this version was adopted while running; null when it was loaded at start */
  adoptedAt: string | null
  /** who pushed it (peer id or "api"); null when it was loaded at start */
  from: string | null
  /** the latest refusals, newest last */
  refused: Refusal[]
}

/**
 * The definition to start with: the version stored in `dataDir` when it is valid against
 * `bootstrap` (same network and authority, signed, keeps this node, and newer), else `bootstrap`.
 */
export async function startingNetwork (bootstrap: Network, dataDir: string, self: PeerId): Promise<{ network: Network, source: 'bootstrap' | 'stored', refusal?: Refusal }> {
  const path = join(dataDir, STORED_NETWORK_FILE)
  let stored: Network
  try {
    stored = parseBootstrap(await readJsonFile(path), path)
  } catch (e: any) {
    if (/no such file$/.test(e.message)) {
      return { network: bootstrap, source: 'bootstrap' }
    }
    log('ignoring %s: %s', path, e.message)
    return { network: bootstrap, source: 'bootstrap', refusal: refusal('data-dir', null, 'MALFORMED', e.message) }
  }
  try {
    await checkUpdate(bootstrap, stored, self)
  } catch (e: any) {
    if (e.code === 'CURRENT' || e.code === 'OLDER') {
      // the operator's bootstrap.json is at least as new: it wins
      return { network: bootstrap, source: 'bootstrap' }
    }
    log('ignoring %s: %s', path, e.message)
    return { network: bootstrap, source: 'bootstrap', refusal: refusal('data-dir', stored.version, e.code ?? 'MALFORMED', `${path}: ${e.message as string}`) }
  }
  log('using version %d from %s (bootstrap has %d)', stored.version, path, bootstrap.version)
  return { network: stored, source: 'stored' }
}

/** Write the accepted version to the data directory, atomically. */
export async function storeNetwork (dataDir: string, network: Network): Promise<void> {
  const path = join(dataDir, STORED_NETWORK_FILE)
  await writeFile(`${path}.tmp`, JSON.stringify(network.toJSON(), null, 2) + '\n')
  await rename(`${path}.tmp`, path)
}

function refusal (from: string, version: number | null, code: string, reason: string): Refusal {
  return { at: new Date().toISOString(), from, version, code, reason }
}

export type ChangeListener = (next: Network, previous: Network) => Promise<void>

export class NetworkState {
  private readonly config: NodeConfig
  private readonly listeners: ChangeListener[] = []
  private readonly refusals: Refusal[] = []
  private source: DefinitionSource
  private adoptedAt: string | null = null
  private from: string | null = null
  /** offers are handled one at a time: two hubs pushing the same version must not both adopt it */
  private queue: Promise<unknown> = Promise.resolve()

  constructor (config: NodeConfig, source: 'bootstrap' | 'stored' = 'bootstrap', startRefusals: Refusal[] = []) {
    this.config = config
    this.source = source
    this.refusals.push(...startRefusals.slice(-MAX_REFUSALS))
  }

  /** The definition in force. */
  current (): Network {
    return this.config.network
  }

  /** Run `listener` after every change (links, stored copy, connections to drop). */
  onChange (listener: ChangeListener): void {
    this.listeners.push(listener)
  }

  /**
   * Adopt `offered` if `checkUpdate` accepts it, or throw its `NetworkUpdateError`. Refusals other
   * than "already in force" are logged and recorded for status.
   */
  async offer (offered: Network, from: string): Promise<void> {
    const run = this.queue.then(async () => this.take(offered, from))
    this.queue = run.catch(() => {})
    return run
  }

  /** Record a definition that could not even be decoded (bad JSON, broken rules). */
  refuse (from: string, error: NetworkUpdateError | Error): void {
    const e = error as Partial<NetworkUpdateError>
    this.record(refusal(from, e.version ?? null, e.code ?? 'MALFORMED', error.message))
  }

  status (): DefinitionStatus {
    const network = this.current()
    return { version: network.version, signed: network.signature != null, source: this.source, adoptedAt: this.adoptedAt, from: this.from, refused: [...this.refusals] }
  }

  private async take (offered: Network, from: string): Promise<void> {
    const previous = this.current()
    try {
      await checkUpdate(previous, offered, this.config.self.peerId)
    } catch (e: any) {
      if (e.code !== 'CURRENT') {
        this.refuse(from, e)
      }
      throw e
    }
    this.config.network = offered
    this.config.self = offered.peer(this.config.self.peerId) ?? this.config.self
    this.source = from === 'api' ? 'api' : 'pushed'
    this.adoptedAt = new Date().toISOString()
    this.from = from
    log('adopted version %d of network %s (was %d) from %s', offered.version, offered.id, previous.version, from)
    for (const l of this.listeners) {
      try {
        await l(offered, previous)
      } catch (err: any) {
        log.error('after adopting version %d: %e', offered.version, err)
      }
    }
  }

  private record (r: Refusal): void {
    log('refused version %s from %s: %s', r.version ?? '?', r.from, r.reason)
    this.refusals.push(r)
    if (this.refusals.length > MAX_REFUSALS) this.refusals.shift()
  }
}
