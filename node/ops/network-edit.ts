/**
 * The authority's side of the network definition: create a signed first version from subnet
 * entries, add a subnet as the next signed version, re-sign a definition edited by hand, and check
 * a file's signature. The authority key is an Ed25519 key file like a node's (`keys generate`,
 * mode 0600), kept off the nodes.
 */
import { rename, writeFile } from 'node:fs/promises'
import { publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { InvalidInputError, loadPeerKey, parseWith, readJsonFile } from '../../keys/index.js'
import { loadBootstrap, parseBootstrap, signNetwork, verifyNetwork, withSubnet } from '../../topology/index.js'
import { ATTESTATION_ROOT, SUBNET } from '../../topology/schema.js'
import type { Network, SubnetInput } from '../../topology/index.js'

/** A definition as `network create|add-subnet|sign|verify --json` describe it (public shape). */
export interface DefinitionSummary {
  file: string
  network: string
  version: number
  subnets: string[]
  /** base64 protobuf public key, or null when the definition names none */
  authority: string | null
  /** carries a signature that verifies with its authority key */
  signed: boolean
}

export function summarize (file: string, network: Network, signed: boolean): DefinitionSummary {
  return {
    file,
    network: network.id,
    version: network.version,
    subnets: network.subnets.map(s => s.name),
    authority: network.authority == null ? null : Buffer.from(publicKeyToProtobuf(network.authority)).toString('base64'),
    signed
  }
}

async function readEntry (path: string): Promise<SubnetInput> {
  const raw = await readJsonFile(path)
  parseWith(SUBNET, raw, path)
  return raw as SubnetInput
}

async function write (path: string, network: Network): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(network.toJSON(), null, 2) + '\n')
  await rename(`${path}.tmp`, path)
}

/** Load a definition and refuse one whose signature does not verify (it was changed after signing). */
async function loadChecked (path: string): Promise<Network> {
  const network = await loadBootstrap(path)
  if (network.signature != null && !await verifyNetwork(network)) {
    throw new InvalidInputError(path, 'signature', 'does not verify with the "authority" key: the file changed after it was signed')
  }
  return network
}

/** Version 1 of a new network: the given subnets, signed by the authority. */
export async function createNetwork (options: { network: string, authorityKey: string, subnets: string[], attestationRoots?: string[], out: string }): Promise<DefinitionSummary> {
  if (options.subnets.length === 0) {
    throw new InvalidInputError('--subnet', '', 'give at least one subnet entry (subnet-entry.json from `shulian subnet create`)')
  }
  const key = await loadPeerKey(options.authorityKey)
  const subnets = await Promise.all(options.subnets.map(readEntry))
  const attestationRoots = (options.attestationRoots ?? []).map((r, i) => {
    const m = /^([^=]+)=(.+)$/.exec(r)
    return parseWith(ATTESTATION_ROOT, { name: m?.[1], publicKey: m?.[2] }, `--attestation-root ${i + 1}`)
  })
  const draft = parseBootstrap({ network: options.network, version: 1, attestationRoots, subnets }, options.out)
  const signed = await signNetwork(draft, key, options.out)
  await write(options.out, signed)
  return summarize(options.out, signed, true)
}

/** The next version of the definition in `bootstrap` with the subnet of `entry` added, signed. */
export async function addSubnet (options: { bootstrap: string, entry: string, authorityKey: string, out: string }): Promise<DefinitionSummary> {
  const key = await loadPeerKey(options.authorityKey)
  const current = await loadChecked(options.bootstrap)
  if (current.authority == null) {
    throw new InvalidInputError(options.bootstrap, 'authority', 'the network names no authority key, so its nodes take no signed updates; sign it first (`shulian network sign`) and restart them with it')
  }
  const next = withSubnet(current, await readEntry(options.entry), options.entry)
  const signed = await signNetwork(next, key, options.bootstrap)
  await write(options.out, signed)
  return summarize(options.out, signed, true)
}

/**
 * Sign the definition in `path` as the authority (setting `authority` to the key's public half when
 * it names none), with `version` when given.
 */
export async function signDefinition (options: { path: string, authorityKey: string, out: string, version?: number }): Promise<DefinitionSummary> {
  const key = await loadPeerKey(options.authorityKey)
  const network = await loadBootstrap(options.path)
  const draft = options.version === undefined ? network : parseBootstrap({ ...network.toJSON(), version: options.version }, options.path)
  const signed = await signNetwork(draft, key, options.path)
  await write(options.out, signed)
  return summarize(options.out, signed, true)
}

/** Check the signature of a definition file. */
export async function verifyDefinition (path: string): Promise<DefinitionSummary> {
  const network = await loadBootstrap(path)
  return summarize(path, network, await verifyNetwork(network))
}
