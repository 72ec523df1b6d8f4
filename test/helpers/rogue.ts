/**
 * In-process libp2p nodes that hold a real key of the network but none of its rules: what a
 * misbehaving member or hub would run. Tests use them to attack real node processes.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import type { PrivateKey } from '@libp2p/interface'

export async function keyOf (dir: string, name: string): Promise<PrivateKey> {
  return privateKeyFromProtobuf(await readFile(join(dir, name, 'peer.key')))
}

/** A gater-less node with `key`; with `dht`, it speaks the hub-tier DHT and accepts any record. */
export async function rogueNode (key: PrivateKey, options: { dht?: boolean } = {}): Promise<any> {
  const services: Record<string, any> = { identify: identify(), ping: ping() }
  if (options.dht === true) {
    services.dht = kadDHT({
      protocol: '/shulian/kad/1.0.0',
      clientMode: false,
      peerInfoMapper: passthroughMapper,
      allowQueryWithZeroPeers: true,
      validators: { 'shulian-route': async () => {} },
      selectors: { 'shulian-route': () => 0 }
    })
  }
  return createLibp2p({
    privateKey: key,
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services
  })
}
