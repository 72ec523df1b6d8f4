/**
 * The `Enclave` interface: what a lessor node needs of a TEE, whatever backs it (the simulated
 * process here; SGX DCAP or SEV-SNP later, see README). The host side only ever passes
 * ciphertext and public values through it.
 */
import type { EnclaveKind, NegotiationContext } from '../../keys/index.js'
import type { AbortOptions } from '@libp2p/interface'

/** An enclave's answer to an attestation request: evidence plus its half of the key exchange. */
export interface EnclaveAttestation {
  /** The encoded platform certificate (root-signed). */
  certificate: Uint8Array
  /** The encoded quote (platform-signed); its report data binds the nonce, `enclavePublicKey` and the context. */
  quote: Uint8Array
  /** The enclave's ephemeral X25519 public key. */
  enclavePublicKey: Uint8Array
  /** Handle of the session the enclave derived; tasks name it. */
  sessionId: string
}

/** How the result leaves the enclave. */
export type ResultProtectionMode = 'aead' | 'he'

/** A subtask for the enclave: which session's keys, which program, how to protect the result. */
export interface EnclaveTask {
  sessionId: string
  leaseId: string
  subtaskId: string
  /** The program kind (a runner of the enclave build). */
  program: string
  /** The program's public parameters. */
  params: Uint8Array
  /** `aead` (tee): AEAD under the session key; `he` (tee+he): HE under `hePublicKey`. */
  resultProtection: ResultProtectionMode
  /** The renter's serialized HE public key, for `he`. */
  hePublicKey?: Uint8Array
}

export interface Enclave {
  readonly kind: EnclaveKind
  /** True when this is no hardware TEE; everything that shows this enclave must say "simulated TEE". */
  readonly simulated: boolean
  /** The measurement the enclave quotes. */
  readonly measurement: Uint8Array

  /**
   * Make an ephemeral X25519 key inside the enclave, derive the session keys with the renter's
   * key from `context`, and return a quote whose report data binds `nonce`, that key and
   * `context`.
   */
  attest: (nonce: Uint8Array, context: NegotiationContext, options?: AbortOptions) => Promise<EnclaveAttestation>

  /**
   * Run `task` on `input`: the frames of a chunked-AEAD stream (keys/aead) sealed by the renter
   * under the session's renter→enclave key for (purpose data, lease, subtask). Yields the result's
   * frames: a chunked-AEAD stream under the enclave→renter key (purpose result), or the pieces of
   * an HE ciphertext (tee+he). Throws `EnclaveError` when the enclave refuses.
   */
  run: (task: EnclaveTask, input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options?: AbortOptions) => AsyncGenerator<Uint8Array, void, undefined>

  /** Forget a session's keys. */
  closeSession: (sessionId: string, options?: AbortOptions) => Promise<void>

  stop: () => Promise<void>
}
