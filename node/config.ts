/**
 * `node.json`: how one node runs. Validated at the edge, paths resolved against the config file's
 * folder, and checked against the network definition and the node's own key, so that a node that is
 * started with another node's config, or with a key the bootstrap does not know, refuses to start.
 */
import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import { InvalidInputError, PEER_KEY_FILE, loadPeerKey, parseWith, peerIdOf, readJsonFile } from '../keys/index.js'
import { loadBootstrap, parseBootstrap, verifyNetwork } from '../topology/index.js'
import { MULTIADDR, NAME } from '../topology/schema.js'
import { startingNetwork } from './network-state.js'
import type { Refusal } from './network-state.js'
import { MARKET_CONFIG } from './market/config.js'
import type { MarketConfig } from './market/config.js'
import type { Network, PeerEntry, Role } from '../topology/index.js'
import type { PrivateKey } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

/** Default control API address: loopback, any free port. */
export const DEFAULT_API = '127.0.0.1:0'

/** `host:port` of the control API. */
export const HOST_PORT = z.string().transform((s, ctx) => {
  const m = /^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9.-]+):(\d{1,5})$/.exec(s)
  const port = m == null ? NaN : Number(m[2])
  if (m == null || port > 65535) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(s)} is not host:port (e.g. "127.0.0.1:0")` })
    return z.NEVER
  }
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port }
})

const RELAY_CONFIG = z.strictObject({
  /** circuits this hub carries at once */
  maxCircuits: z.int().min(1).max(100_000).optional(),
  /** circuits one member may have through this hub at once */
  maxCircuitsPerMember: z.int().min(1).max(10_000).optional(),
  /** bytes held per circuit and direction before reading pauses */
  maxInFlight: z.int().min(16 * 1024).max(256 * 1024 * 1024).optional(),
  /** a circuit idle this long is closed, ms */
  idleTimeoutMs: z.int().min(1000).optional(),
  /** how long this hub's route records are valid, ms */
  routeTtlMs: z.int().min(5_000).optional(),
  /**
   * diagnostics: write every byte this hub forwards to files in this folder (relative to the
   * config file), to audit that circuits carry only ciphertext
   */
  tapDir: z.string().min(1).optional()
})

export type RelayConfig = z.infer<typeof RELAY_CONFIG>

export const TEE_CONFIG = z.strictObject({
  /** lessor side: the enclave this node offers ("simulated": a separate process, not hardware) */
  enclave: z.enum(['none', 'simulated']).default('none'),
  /** renter side: accept simulated enclaves (the local example network does; production must not) */
  allowSimulated: z.boolean().default(false),
  /** renter side: enclave builds to trust; "local-build" is the simulated enclave of this installation */
  allowedMeasurements: z.array(z.union([z.literal('local-build'), z.string().regex(/^[0-9a-f]{64}$/, 'must be "local-build" or 64 lower-case hex characters (see `shulian tee measure`)')])).default([]),
  /** renter side: the oldest quote accepted, ms */
  maxQuoteAgeMs: z.int().min(1000).max(86_400_000).optional()
})

export type TeeConfig = z.infer<typeof TEE_CONFIG>

export const NODE_CONFIG = z.strictObject({
  name: NAME.optional(),
  role: z.enum(['hub', 'participant']),
  subnet: NAME,
  dataDir: z.string().min(1).default('.'),
  bootstrap: z.string().min(1),
  listen: z.array(MULTIADDR).default([]),
  announce: z.array(MULTIADDR).default([]),
  api: HOST_PORT.default({ host: '127.0.0.1', port: 0 }),
  relay: RELAY_CONFIG.default({}),
  tee: TEE_CONFIG.default({ enclave: 'none', allowSimulated: false, allowedMeasurements: [] }),
  market: MARKET_CONFIG.default({})
})

export interface NodeConfig {
  /** the config file this came from */
  source: string
  name: string
  role: Role
  subnet: string
  dataDir: string
  bootstrapPath: string
  listen: Multiaddr[]
  announce: Multiaddr[]
  api: { host: string, port: number }
  relay: RelayConfig
  tee: TeeConfig
  market: MarketConfig
  privateKey: PrivateKey
  /**
   * The network definition in force. A newer signed version replaces this value while the node
   * runs (`NetworkState`): read `config.network` each time, do not keep it.
   */
  network: Network
  /** where `network` came from at start: the bootstrap file, or a newer version kept in the data dir */
  networkSource: 'bootstrap' | 'stored'
  /** definitions found at start but not used as they were (a bad signature, a stored version), and why */
  networkRefusals: Refusal[]
  self: PeerEntry
}

/**
 * Load and check a node config: its schema, its key file (mode 0600), its bootstrap, and that the
 * key's peer id holds the configured role in the configured subnet.
 */
export async function loadNodeConfig (path: string): Promise<NodeConfig> {
  const raw = parseWith(NODE_CONFIG, await readJsonFile(path), path)
  const base = dirname(resolve(path))
  const dataDir = resolve(base, raw.dataDir)
  const bootstrapPath = resolve(base, raw.bootstrap)
  const privateKey = await loadPeerKey(resolve(dataDir, PEER_KEY_FILE))
  let bootstrap = await loadBootstrap(bootstrapPath)
  const networkRefusals: Refusal[] = []
  if (bootstrap.signature != null && !await verifyNetwork(bootstrap)) {
    // the operator's own file is trusted as it stands (whoever can write it could as well drop the
    // signature), but a node never passes it on as the authority's: it runs it unsigned, and says so
    networkRefusals.push({ at: new Date().toISOString(), from: 'bootstrap', version: bootstrap.version, code: 'BAD_SIGNATURE', reason: `${bootstrapPath}: the signature does not verify with the "authority" key (the file changed after it was signed); running it as unsigned: get the signed file again, or have the authority re-sign it (\`shulian network sign\`)` })
    bootstrap = parseBootstrap({ ...bootstrap.toJSON(), signature: undefined }, bootstrapPath)
  }
  const peerId = peerIdOf(privateKey)
  // a hub or member that adopted a newer signed version before a restart keeps it
  const { network, source: networkSource, refusal } = await startingNetwork(bootstrap, dataDir, peerId)
  if (refusal != null) networkRefusals.push(refusal)
  const self = network.peer(peerId)

  if (self == null) {
    throw new InvalidInputError(path, '', `this node's peer id ${peerId.toString()} (from ${resolve(dataDir, PEER_KEY_FILE)}) is not in ${bootstrapPath}`)
  }
  if (self.role !== raw.role || self.subnet !== raw.subnet) {
    throw new InvalidInputError(path, 'role', `configured as ${raw.role} of subnet "${raw.subnet}", but ${bootstrapPath} lists this peer id as ${self.role} of subnet "${self.subnet}"`)
  }
  if (raw.name !== undefined && raw.name !== self.name) {
    throw new InvalidInputError(path, 'name', `"${raw.name}" does not match the name "${self.name}" that ${bootstrapPath} gives this peer id`)
  }
  if (raw.role === 'hub' && raw.tee.enclave !== 'none') {
    throw new InvalidInputError(path, 'tee.enclave', 'hubs relay and keep the market; only participants lease out compute')
  }
  if (raw.role === 'hub' && raw.listen.length === 0) {
    throw new InvalidInputError(path, 'listen', 'a hub must listen on at least one address')
  }

  return {
    source: path,
    name: self.name,
    role: raw.role,
    subnet: raw.subnet,
    dataDir,
    bootstrapPath,
    listen: raw.listen,
    announce: raw.announce,
    api: raw.api,
    relay: { ...raw.relay, tapDir: raw.relay.tapDir === undefined ? undefined : resolve(base, raw.relay.tapDir) },
    tee: raw.tee,
    market: raw.market,
    privateKey,
    network,
    networkSource,
    networkRefusals,
    self
  }
}
