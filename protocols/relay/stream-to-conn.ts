/**
 * A relayed stream seen as a `MultiaddrConnection`, so the libp2p upgrader can run Noise and yamux
 * over it end to end (the model is @libp2p/circuit-relay-v2's transport).
 */
import { AbstractMultiaddrConnection } from '@libp2p/utils'
import type { AbortOptions, Logger, Stream } from '@libp2p/interface'
import type { SendResult } from '@libp2p/utils'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface StreamConnInit {
  stream: Stream
  remoteAddr: Multiaddr
  localAddr?: Multiaddr
  log: Logger
}

class StreamMultiaddrConnection extends AbstractMultiaddrConnection {
  private readonly stream: Stream

  constructor (init: StreamConnInit) {
    super({ remoteAddr: init.remoteAddr, localAddr: init.localAddr, direction: init.stream.direction, log: init.log, inactivityTimeout: 0 })
    this.stream = init.stream
    this.stream.addEventListener('close', (evt) => { this.onTransportClosed(evt.error) })
    this.stream.addEventListener('remoteCloseWrite', () => {
      init.log('the relay closed its write side; closing this relayed connection')
      this.onRemoteCloseWrite()
      this.close().catch(err => { this.abort(err) })
    })
    this.stream.addEventListener('message', (evt) => { this.onData(evt.data) })
    this.stream.addEventListener('drain', () => { this.safeDispatchEvent('drain') })
  }

  sendData (data: Uint8ArrayList): SendResult {
    return { sentBytes: data.byteLength, canSendMore: this.stream.send(data) }
  }

  async sendClose (options?: AbortOptions): Promise<void> {
    await this.stream.close(options)
  }

  sendReset (err: Error): void {
    this.stream.abort(err)
  }

  sendPause (): void {
    this.stream.pause()
  }

  sendResume (): void {
    this.stream.resume()
  }
}

export function streamToMaConnection (init: StreamConnInit): AbstractMultiaddrConnection {
  return new StreamMultiaddrConnection(init)
}
