/**
 * For tests and benchmarks: a network definition with fresh keys, and signed orders with sensible
 * defaults. Not used by nodes.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { parseBootstrap } from '../topology/index.js'
import { signOrder } from './order.js'
import type { BuyOrder, SellOrder, SignedOrderInfo } from './order.js'
import type { Network } from '../topology/index.js'
import type { PeerId, PrivateKey } from '@libp2p/interface'

export const MEASUREMENT = 'ab'.repeat(32)

export interface TestNet {
  network: Network
  key: (name: string) => PrivateKey
  id: (name: string) => PeerId
  sell: (name: string, terms?: Partial<SellOrder>) => Promise<SignedOrderInfo<SellOrder>>
  buy: (name: string, terms?: Partial<BuyOrder>) => Promise<SignedOrderInfo<BuyOrder>>
}

/** Subnets "a", "b", … with `sizes[i]` members each (named a-1, a-2, …) and hubs hub-a, hub-b, … */
export async function testNet (sizes: number[] = [2, 2, 2], options: { now?: () => number } = {}): Promise<TestNet> {
  const now = options.now ?? Date.now
  const keys = new Map<string, PrivateKey>()
  const subnets = []
  for (const [i, size] of sizes.entries()) {
    const name = String.fromCharCode(97 + i)
    const hubKey = await generateKeyPair('Ed25519')
    keys.set(`hub-${name}`, hubKey)
    const members = []
    for (let j = 1; j <= size; j++) {
      const k = await generateKeyPair('Ed25519')
      keys.set(`${name}-${j}`, k)
      members.push({ name: `${name}-${j}`, peerId: peerIdFromPrivateKey(k).toString() })
    }
    subnets.push({ name, hub: { name: `hub-${name}`, peerId: peerIdFromPrivateKey(hubKey).toString(), addrs: [`/ip4/127.0.0.1/tcp/${47200 + i}`] }, members })
  }
  const network = parseBootstrap({ network: 'market-test', version: 1, attestationRoots: [], subnets }, 'test')
  const key = (name: string): PrivateKey => {
    const k = keys.get(name)
    if (k == null) throw new Error(`no key ${name}`)
    return k
  }
  const id = (name: string): PeerId => peerIdFromPrivateKey(key(name))
  let seq = 0n
  const common = (name: string): { network: string, owner: string, seq: bigint, expires: number, cores: number, memoryMiB: number } =>
    ({ network: network.id, owner: id(name).toString(), seq: BigInt(now()) * 1000n + (++seq % 1000n), expires: now() + 3600_000, cores: 4, memoryMiB: 4096 })
  return {
    network,
    key,
    id,
    sell: async (name, terms = {}) => signOrder<SellOrder>({
      ...common(name),
      side: 'sell',
      protection: { he: true, tee: { kind: 'simulated', measurement: MEASUREMENT } },
      heElementsPerS: 600_000,
      pricePerCoreHour: 250_000,
      minDurationS: 1,
      maxDurationS: 86_400,
      ...terms
    }, key(name), id(name)),
    buy: async (name, terms = {}) => signOrder<BuyOrder>({
      ...common(name),
      side: 'buy',
      durationS: 3600,
      maxPricePerCoreHour: 500_000,
      requirements: { protection: 'any', allowedMeasurements: [], avoidSubnets: [], preferSubnets: [] },
      ...terms
    }, key(name), id(name))
  }
}
