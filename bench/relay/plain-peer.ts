/**
 * bench/relay's baseline: a plain libp2p peer (TCP + Noise + yamux, no gater, no relay) in its own
 * process, as the two ends of scenario (a).
 *
 *   node plain-peer.js serve [--batched]          prints its multiaddr, serves echo until killed
 *   node plain-peer.js echo ADDR N [--batched]    echoes N bytes off ADDR, prints the result as JSON
 *
 * `--batched` uses shulian's transport stack instead of the stock one: its TCP transport (one socket
 * write per send, node/batched-tcp.ts) and its Noise crypto (a key object per session key,
 * node/noise-crypto.ts).
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { echo } from '@libp2p/echo'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { batchedTcp } from '../../node/batched-tcp.js'
import { noiseCrypto } from '../../node/noise-crypto.js'
import { ECHO_PROTOCOL, ECHO_STREAM_TIMEOUT, echoRoundTrip } from '../../protocols/diagnostics/echo.js'

const batched = process.argv.includes('--batched')
const [mode, addr, bytes] = process.argv.slice(2).filter(a => a !== '--batched')
const node = await createLibp2p({
  addresses: { listen: mode === 'serve' ? ['/ip4/127.0.0.1/tcp/0'] : [] },
  transports: [batched ? batchedTcp() : tcp()],
  connectionEncrypters: [batched ? noise({ crypto: noiseCrypto }) : noise()],
  streamMuxers: [yamux()],
  // @libp2p/echo aborts a stream after 20 s by default: a 1 GiB baseline on a slow machine takes longer
  services: { echo: echo({ timeout: ECHO_STREAM_TIMEOUT }) }
})

if (mode === 'serve') {
  process.stdout.write(JSON.stringify({ addr: node.getMultiaddrs()[0]?.toString() }) + '\n')
  process.on('SIGTERM', () => { void Promise.resolve(node.stop()).then(() => process.exit(0)) })
} else {
  const target = multiaddr(addr ?? '')
  // warm up: connection and upgrade are not part of the measurement
  await echoRoundTrip(await node.dialProtocol(target, ECHO_PROTOCOL), 1024 * 1024)
  const r = await echoRoundTrip(await node.dialProtocol(target, ECHO_PROTOCOL), Number(bytes))
  process.stdout.write(JSON.stringify(r) + '\n')
  await node.stop()
}
