/**
 * An enclave that starts on first use, or when `warm()` asks for it. A lessor node that can host an
 * enclave keeps no enclave process (and its memory) around until it offers TEE compute (the node
 * warms it then) or a renter attests; its kind and measurement are known without starting it.
 */
import type { Enclave } from './enclave.js'
import type { EnclaveKind } from '../../keys/index.js'

export interface LazyEnclaveInit {
  kind: EnclaveKind
  simulated: boolean
  measurement: Uint8Array
  start: () => Promise<Enclave>
}

export class LazyEnclave implements Enclave {
  readonly kind: EnclaveKind
  readonly simulated: boolean
  readonly measurement: Uint8Array
  private readonly startFn: () => Promise<Enclave>
  private starting?: Promise<Enclave>

  constructor (init: LazyEnclaveInit) {
    this.kind = init.kind
    this.simulated = init.simulated
    this.measurement = init.measurement
    this.startFn = init.start
  }

  /** True once the backing enclave was started. */
  get started (): boolean {
    return this.starting !== undefined
  }

  /**
   * Start the backing enclave now, in the background (nothing when it is started already), so that
   * the first attestation does not wait for it (a lessor does this when it offers TEE compute). A failed start is logged by the
   * caller's `onError` and retried by the next request.
   */
  warm (onError?: (err: Error) => void): void {
    this.enclave().catch((err: Error) => { onError?.(err) })
  }

  private async enclave (): Promise<Enclave> {
    this.starting ??= this.startFn().catch(err => {
      // a failed start may be retried by the next request
      this.starting = undefined
      throw err
    })
    return this.starting
  }

  attest: Enclave['attest'] = async (nonce, context, options) => (await this.enclave()).attest(nonce, context, options)

  run: Enclave['run'] = async function * (this: LazyEnclave, task, input, options) {
    yield * (await this.enclave()).run(task, input, options)
  }

  closeSession: Enclave['closeSession'] = async (sessionId, options) => {
    if (this.starting !== undefined) await (await this.enclave()).closeSession(sessionId, options)
  }

  async stop (): Promise<void> {
    const s = this.starting
    this.starting = undefined
    if (s !== undefined) await (await s).stop()
  }
}
