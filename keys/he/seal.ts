// The "allows" build: a program value that cancels out (b - b) is a transparent ciphertext, which
// the default build refuses with an exception mid-evaluation. Here every plaintext an evaluation
// combines with a ciphertext is a public program constant (never 0: the compiler folds those),
// so a transparent result can only be a data-independent value the program itself states.
import SEAL from 'node-seal/allows'
import type { MainModule } from 'node-seal/allows'

/** The node-seal runtime (Microsoft SEAL 4.1 in WebAssembly). */
export type Seal = MainModule

let loading: Promise<Seal> | undefined

/**
 * The SEAL runtime of this thread, instantiated once. Each worker thread has its own (WASM memory
 * is per thread), so objects from one thread's runtime never cross into another's.
 */
export async function loadSeal (): Promise<Seal> {
  loading ??= SEAL()
  return loading
}

/**
 * The message of an exception thrown from SEAL's C++ code. Embind hands those over as objects
 * whose `message` is `[type, what]`; JavaScript errors pass through unchanged.
 */
export function sealErrorMessage (e: unknown): string {
  const m = (e as { message?: unknown } | undefined)?.message
  if (Array.isArray(m)) return m.map(String).join(': ')
  if (typeof m === 'string') return m
  return String(e)
}

export type { BatchEncoder, CKKSEncoder, Ciphertext, ContextData, Decryptor, Encryptor, Evaluator, ParmsIdType, Plaintext, PublicKey, RelinKeys, SEALContext, SecretKey } from 'node-seal/allows'
