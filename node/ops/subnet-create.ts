/**
 * `shulian subnet create`: prepare a new subnet from a small config (`subnet.json`): a key (0600)
 * and a `node.json` for its hub and each member, with their listen and announce addresses, and the
 * subnet's public entry (`subnet-entry.json`) that the network's authority adds to the network
 * definition with `shulian network add-subnet`.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { InvalidInputError, generatePeerKey, parseWith, peerIdOf, readJsonFile, savePeerKey } from '../../keys/index.js'
import { undialableReason } from '../../topology/index.js'
import { MULTIADDR, NAME } from '../../topology/schema.js'
import { HOST_PORT, TEE_CONFIG } from '../config.js'
import { files } from '../data-dir.js'
import type { SubnetInput } from '../../topology/index.js'
import type { Multiaddr } from '@multiformats/multiaddr'

/** The file `subnet create` writes for the authority. */
export const SUBNET_ENTRY_FILE = 'subnet-entry.json'

const NODE_SPEC = z.strictObject({
  name: NAME.optional(),
  /** what the node binds (may be a wildcard such as /ip4/0.0.0.0/tcp/4001) */
  listen: z.array(MULTIADDR).default([]),
  /** what others dial (the public address behind NAT or a load balancer) */
  announce: z.array(MULTIADDR).default([]),
  /** control API, default 127.0.0.1:0 */
  api: HOST_PORT.optional(),
  /** members: the TEE section of node.json (enclave offered, enclaves trusted), copied as given */
  tee: z.unknown().optional()
})

export const SUBNET_SPEC = z.strictObject({
  name: NAME,
  /** the network definition each node reads, relative to its node.json (default: OUT/bootstrap.json) */
  bootstrap: z.string().min(1).default('../bootstrap.json'),
  hub: NODE_SPEC,
  /** how many members (listening nowhere: they only dial their hub), or each member's addresses */
  members: z.union([z.int().min(1).max(1000), z.array(NODE_SPEC).min(1).max(1000)], { error: 'must be how many members (1 to 1000) or a list of members, each { name?, listen?, announce?, api? }' })
})

export type SubnetSpecInput = z.input<typeof SUBNET_SPEC>

/** One prepared node, as `subnet create --json` prints it (public shape). */
export interface PreparedNode {
  name: string
  role: 'hub' | 'participant'
  peerId: string
  /** the node's directory: peer.key (0600) and node.json */
  dir: string
}

export interface SubnetCreated {
  subnet: string
  /** the public entry for `shulian network add-subnet` */
  entry: string
  nodes: PreparedNode[]
}

function hostPort (api: { host: string, port: number }): string {
  return api.host.includes(':') ? `[${api.host}]:${api.port}` : `${api.host}:${api.port}`
}

/** Prepare the subnet described by the config file `configPath` in `out`. Never overwrites keys. */
export async function createSubnet (configPath: string, out: string): Promise<SubnetCreated> {
  const spec = parseWith(SUBNET_SPEC, await readJsonFile(configPath), configPath)
  const hubAddrs: Multiaddr[] = spec.hub.announce.length > 0 ? spec.hub.announce : spec.hub.listen
  if (hubAddrs.length === 0) {
    throw new InvalidInputError(configPath, 'hub.listen', 'a hub must listen on at least one address')
  }
  hubAddrs.forEach((a, i) => {
    const why = undialableReason(a)
    if (why !== undefined) {
      const field = spec.hub.announce.length > 0 ? 'announce' : 'listen'
      throw new InvalidInputError(configPath, `hub.${field}[${i}]`, `${why}; give the hub an "announce" address that the other hubs and the members can dial`)
    }
  })
  if (spec.hub.tee !== undefined) {
    throw new InvalidInputError(configPath, 'hub.tee', 'hubs relay and keep the market; only participants lease out compute')
  }
  const memberSpecs = typeof spec.members === 'number'
    ? Array.from({ length: spec.members }, () => ({ name: undefined, listen: [], announce: [], api: undefined, tee: undefined }))
    : spec.members
  memberSpecs.forEach((m, i) => { if (m.tee !== undefined) parseWith(TEE_CONFIG, m.tee, `${configPath}: members[${i}].tee`) })
  const nodes = [
    { role: 'hub' as const, name: spec.hub.name ?? `hub-${spec.name}`, spec: spec.hub },
    ...memberSpecs.map((m, i) => ({ role: 'participant' as const, name: m.name ?? `${spec.name}-${i + 1}`, spec: m }))
  ]
  const seen = new Set<string>()
  for (const n of nodes) {
    if (seen.has(n.name)) {
      throw new InvalidInputError(configPath, '', `node name "${n.name}" is used twice`)
    }
    seen.add(n.name)
    for (const f of [files.peerKey(join(out, n.name)), files.config(join(out, n.name))]) {
      if (existsSync(f)) {
        throw new InvalidInputError(f, '', 'already exists; `subnet create` never overwrites a node (choose another --out)')
      }
    }
  }
  const entryPath = resolve(out, SUBNET_ENTRY_FILE)
  if (existsSync(entryPath)) {
    throw new InvalidInputError(entryPath, '', 'already exists; `subnet create` never overwrites a subnet (choose another --out)')
  }

  const prepared: PreparedNode[] = []
  const entry: SubnetInput = { name: spec.name, hub: { name: '', peerId: '', addrs: hubAddrs.map(String) }, members: [] }
  for (const n of nodes) {
    const dir = resolve(out, n.name)
    const key = await generatePeerKey()
    await savePeerKey(files.peerKey(dir), key)
    const config = {
      name: n.name,
      role: n.role,
      subnet: spec.name,
      dataDir: '.',
      bootstrap: spec.bootstrap,
      listen: n.spec.listen.map(String),
      announce: n.spec.announce.map(String),
      ...(n.spec.api === undefined ? {} : { api: hostPort(n.spec.api) }),
      ...(n.spec.tee === undefined ? {} : { tee: n.spec.tee })
    }
    await writeFile(files.config(dir), JSON.stringify(config, null, 2) + '\n')
    const peerId = peerIdOf(key).toString()
    prepared.push({ name: n.name, role: n.role, peerId, dir })
    if (n.role === 'hub') {
      entry.hub = { name: n.name, peerId, addrs: hubAddrs.map(String) }
    } else {
      entry.members.push({ name: n.name, peerId })
    }
  }
  await mkdir(out, { recursive: true })
  await writeFile(entryPath, JSON.stringify(entry, null, 2) + '\n')
  return { subnet: spec.name, entry: entryPath, nodes: prepared }
}
