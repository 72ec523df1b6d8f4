/**
 * The keys a conformance run is given: the target network's definition and peer keys of it, each
 * known by the role and subnet the definition gives its peer id. The suite plays those peers, so
 * they must not be running elsewhere (the target would see two peers with one id).
 */
import { readFileSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { alive } from '../../node/net/processes.js'
import { loadBootstrap } from '../../topology/index.js'
import type { Network, PeerEntry } from '../../topology/index.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export interface HeldKey {
  name: string
  entry: PeerEntry
  key: PrivateKey
  peerId: PeerId
}

export interface KeyRing {
  network: Network
  /** where the definition was read from */
  bootstrap: string
  keys: HeldKey[]
  /** the network's authority key, when given (signs new versions of the definition) */
  authority?: PrivateKey
  /** key files that were not used, and why */
  ignored: Array<{ file: string, why: string }>
  /**
   * `<dir>/joint.json`, when given: the data a joint target serves as partner, as its renter knows
   * it (`{ "id": column, "features": [...], "ids": [...] }`), so that the suite can open trainings
   */
  joint?: { id: string, features: string[], ids: string[] }
}

async function readKey (file: string): Promise<PrivateKey | undefined> {
  try {
    return privateKeyFromProtobuf(await readFile(file))
  } catch {
    return undefined
  }
}

/** `<dir>/node.pid` names a live process: that node runs, so the suite must not play it. */
function runningNode (dir: string): boolean {
  try {
    const pid = Number(readFileSync(join(dir, 'node.pid'), 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 && alive(pid)
  } catch {
    return false
  }
}

/**
 * Load a key ring from `dir`: `bootstrap.json` (or `bootstrapPath`), and every `*.key` file in
 * `dir` and its sub-directories one level down (the layout `net init` makes: `<name>/peer.key`).
 * A key inside a node's data directory whose `node.pid` names a running process is left out.
 */
export async function loadKeyRing (dir: string, bootstrapPath?: string): Promise<KeyRing> {
  const bootstrap = bootstrapPath ?? join(dir, 'bootstrap.json')
  const network = await loadBootstrap(bootstrap)
  const files: string[] = []
  for (const name of await readdir(dir)) {
    const p = join(dir, name)
    const s = await stat(p)
    if (s.isFile() && name.endsWith('.key')) files.push(p)
    if (s.isDirectory()) {
      for (const inner of await readdir(p).catch(() => [])) {
        if (inner.endsWith('.key')) files.push(join(p, inner))
      }
    }
  }
  const ring: KeyRing = { network, bootstrap, keys: [], ignored: [] }
  const joint = await readFile(join(dir, 'joint.json'), 'utf8').catch(() => undefined)
  if (joint !== undefined) ring.joint = JSON.parse(joint)
  for (const file of files.sort()) {
    const key = await readKey(file)
    if (key == null) {
      ring.ignored.push({ file, why: 'not a protobuf private key' })
      continue
    }
    if (network.authority != null && key.publicKey.equals(network.authority)) {
      ring.authority = key
      continue
    }
    const peerId = peerIdFromPrivateKey(key)
    const entry = network.peer(peerId)
    if (entry == null) {
      ring.ignored.push({ file, why: 'not a peer of the network' })
      continue
    }
    const nodeDir = join(file, '..')
    if (file.endsWith('peer.key') && runningNode(nodeDir)) {
      ring.ignored.push({ file, why: `${entry.name} is running here (node.pid); the suite only plays peers that are not` })
      continue
    }
    if (ring.keys.some(k => k.peerId.equals(peerId))) continue
    ring.keys.push({ name: entry.name, entry, key, peerId })
  }
  ring.keys.sort((a, b) => a.name.localeCompare(b.name))
  return ring
}
