/**
 * Entry of the simulated enclave process. Started by `SimulatedEnclave` (host.ts) with the
 * host ↔ enclave pipe on fd 3; loads the platform key and certificate itself (the host never
 * holds them), measures its own program files, says READY, then serves frames until the pipe
 * closes. Session keys and plaintext live only here.
 *
 * Usage: process-main.js --platform-dir DIR [--max-frame BYTES] [--max-input BYTES]
 */
import { Socket } from 'node:net'
import { parseArgs } from 'node:util'
import { logger } from '@libp2p/logger'
import { loadPlatform, plainBytes } from '../../../keys/index.js'
import { EnclaveMessage, Kind, Ready } from '../ipc/pb/enclave.js'
import { FrameDecoder, encodeFrame } from '../ipc/framing.js'
import { DEFAULT_ENCLAVE_LIMITS, EnclaveCore } from './core.js'
import { simulatedEnclaveMeasurement } from './entry.js'
import { runtime } from './runtime.js'

const log = logger('shulian:enclave')
const { values } = parseArgs({
  options: {
    'platform-dir': { type: 'string' },
    'max-frame': { type: 'string' },
    'max-input': { type: 'string' }
  }
})

const pipe = new Socket({ fd: 3, readable: true, writable: true })
const send = (msg: EnclaveMessage): void => { pipe.write(encodeFrame(EnclaveMessage.encode(msg))) }

try {
  if (values['platform-dir'] === undefined) throw new Error('--platform-dir is required')
  const maxFrame = Number(values['max-frame'] ?? 2 * 1024 * 1024)
  const platform = await loadPlatform(values['platform-dir'])
  const measurement = await simulatedEnclaveMeasurement()
  const core = new EnclaveCore({
    platform,
    measurement,
    runtime,
    limits: { ...DEFAULT_ENCLAVE_LIMITS, maxInputBytes: Number(values['max-input'] ?? DEFAULT_ENCLAVE_LIMITS.maxInputBytes) },
    send
  })
  const decoder = new FrameDecoder(maxFrame, {
    onFrame: frame => { void core.handleFrame(frame) },
    onOversized: length => { core.oversized(length, maxFrame) }
  })
  pipe.on('data', (chunk: Buffer) => { decoder.push(chunk) })
  pipe.on('end', () => { pipe.end() })
  pipe.on('close', () => { process.exit(0) })
  send({ id: 0, kind: Kind.READY, body: Ready.encode({ measurement: plainBytes(measurement), simulated: true }), errorCode: '', error: '' })
  log('simulated enclave ready, measurement %s', Buffer.from(measurement).toString('hex'))
} catch (e: any) {
  // a start failure (no platform, bad key file) is a user error: report it in one line and quit
  send({ id: 0, kind: Kind.ERROR, body: new Uint8Array(0), errorCode: 'START', error: e.message ?? String(e) })
  pipe.end(() => { process.exit(1) })
}
