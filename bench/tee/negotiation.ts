/** A renter and a lessor attest service: joined in-process by a streamPair, or as two libp2p nodes over loopback TCP. */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { tcp } from '@libp2p/tcp'
import { streamPair } from '@libp2p/utils'
import { createLibp2p } from 'libp2p'
import { attest } from '../../protocols/attest/index.js'
import type { Enclave } from '../../compute/enclave/index.js'
import type { VerificationPolicy } from '../../keys/index.js'
import type { Attest } from '../../protocols/attest/index.js'
import type { Connection, PeerId, Startable, StreamHandler } from '@libp2p/interface'

export interface NegotiationPair {
  negotiate: Attest
  lessor: PeerId
  stop: () => Promise<void>
}

export async function negotiationPair (enclave: Enclave, policy: VerificationPolicy): Promise<NegotiationPair> {
  const lessor = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  const renter = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  let handler: StreamHandler | undefined
  const service = attest({ enclave })({
    peerId: lessor,
    registrar: { handle: async (_p, h) => { handler = h }, unhandle: async () => {} },
    connectionManager: { openStream: async () => { throw new Error('unused') } },
    logger: defaultLogger()
  }) as Attest & Startable
  await service.start()
  const negotiate = attest({ policy })({
    peerId: renter,
    registrar: { handle: async () => {}, unhandle: async () => {} },
    connectionManager: {
      openStream: async (_peer, protocol) => {
        const [outbound, inbound] = await streamPair({ protocol, delay: 0 })
        void (handler as StreamHandler)(inbound, { remotePeer: renter } as unknown as Connection)
        return outbound
      }
    },
    logger: defaultLogger()
  })
  return { negotiate, lessor, stop: async () => { await service.stop() } }
}

/** The same, as two libp2p nodes (TCP + Noise + yamux) on 127.0.0.1, connected before timing. */
export async function loopbackPair (enclave: Enclave, policy: VerificationPolicy): Promise<NegotiationPair> {
  const base = { transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()] }
  const lessorNode = await createLibp2p({ ...base, addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, services: { attest: attest({ enclave }) } })
  const renterNode = await createLibp2p({ ...base, services: { attest: attest({ policy }) } })
  await renterNode.dial(lessorNode.getMultiaddrs()[0] as any)
  return {
    negotiate: renterNode.services.attest,
    lessor: lessorNode.peerId,
    stop: async () => { await renterNode.stop(); await lessorNode.stop() }
  }
}
