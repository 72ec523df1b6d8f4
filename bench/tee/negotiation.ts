/** A renter and a lessor attest service joined by an in-process streamPair (no network yet). */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { streamPair } from '@libp2p/utils'
import { attest } from '../../protocols/attest/index.js'
import type { Enclave } from '../../compute/enclave/index.js'
import type { VerificationPolicy } from '../../keys/index.js'
import type { Attest } from '../../protocols/attest/index.js'
import type { Connection, PeerId, Startable, StreamHandler } from '@libp2p/interface'

export async function negotiationPair (enclave: Enclave, policy: VerificationPolicy): Promise<{ negotiate: Attest, lessor: PeerId }> {
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
  return { negotiate, lessor }
}
