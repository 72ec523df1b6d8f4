/** Throughput of the AEAD candidates on 64 KiB messages, and of shulian's chunked stream. */
import { createCipheriv, generateKeyPairSync, diffieHellman, randomBytes } from 'node:crypto'
import { gcm } from '@noble/ciphers/aes.js'
import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { x25519 } from '@noble/curves/ed25519.js'
import { AeadPurpose, decryptStream, encryptStream } from '../../keys/index.js'

const MSG = 64 * 1024
const MB = 1024 * 1024

/** Run `fn` repeatedly for about `ms` milliseconds, after as long a warm-up; returns calls per second. */
export function rate (fn: () => void, ms = 400): number {
  const warm = performance.now()
  while (performance.now() - warm < ms) fn()
  const start = performance.now()
  let n = 0
  while (performance.now() - start < ms) {
    fn()
    n++
  }
  return n / ((performance.now() - start) / 1000)
}

function nodeAead (alg: 'aes-256-gcm' | 'chacha20-poly1305'): () => void {
  const key = randomBytes(32)
  const nonce = randomBytes(12)
  const msg = randomBytes(MSG)
  return () => {
    const c = alg === 'aes-256-gcm' ? createCipheriv(alg, key, nonce) : createCipheriv(alg, key, nonce, { authTagLength: 16 })
    c.update(msg)
    c.final()
    c.getAuthTag()
  }
}

function nobleAead (make: (key: Uint8Array, nonce: Uint8Array) => { encrypt: (m: Uint8Array) => Uint8Array }): () => void {
  const key = new Uint8Array(randomBytes(32))
  const nonce = new Uint8Array(randomBytes(12))
  const msg = new Uint8Array(randomBytes(MSG))
  return () => { make(key, nonce).encrypt(msg) }
}

export interface Row { name: string, mbPerSec: number }

/** MB/s of each AEAD on 64 KiB messages. */
export function aeadPrimitives (): Row[] {
  return [
    { name: 'node:crypto AES-256-GCM', mbPerSec: rate(nodeAead('aes-256-gcm')) * MSG / MB },
    { name: 'node:crypto ChaCha20-Poly1305', mbPerSec: rate(nodeAead('chacha20-poly1305')) * MSG / MB },
    { name: '@noble/ciphers ChaCha20-Poly1305', mbPerSec: rate(nobleAead(chacha20poly1305)) * MSG / MB },
    { name: '@noble/ciphers AES-256-GCM', mbPerSec: rate(nobleAead(gcm)) * MSG / MB }
  ]
}

/** MB/s of shulian's chunked AEAD (64 KiB chunks) over a `size`-byte stream, each way: best of 3 after a warm-up. */
export async function chunkedStream (size = 64 * MB): Promise<Row[]> {
  const key = new Uint8Array(randomBytes(32))
  const ctx = { purpose: AeadPurpose.data, leaseId: 'bench', subtaskId: 'bench' }
  const data = new Uint8Array(randomBytes(size))
  let enc = 0
  let dec = 0
  for (let round = 0; round < 4; round++) {
    const frames: Uint8Array[] = []
    let t = performance.now()
    for await (const f of encryptStream(key, ctx, [data])) frames.push(f)
    const e = size / MB / ((performance.now() - t) / 1000)
    t = performance.now()
    let n = 0
    for await (const p of decryptStream(key, ctx, frames)) n += p.byteLength
    const d = n / MB / ((performance.now() - t) / 1000)
    if (round > 0) {
      enc = Math.max(enc, e)
      dec = Math.max(dec, d)
    }
  }
  return [
    { name: 'shulian chunked AEAD encrypt (node:crypto GCM)', mbPerSec: enc },
    { name: 'shulian chunked AEAD decrypt (node:crypto GCM)', mbPerSec: dec }
  ]
}

/** X25519 key agreements per second: node:crypto vs @noble/curves. */
export function x25519Rates (): Array<{ name: string, opsPerSec: number }> {
  const a = generateKeyPairSync('x25519')
  const b = generateKeyPairSync('x25519')
  const na = x25519.utils.randomSecretKey()
  const nb = x25519.getPublicKey(x25519.utils.randomSecretKey())
  return [
    { name: 'node:crypto X25519', opsPerSec: rate(() => { diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey }) }) },
    { name: '@noble/curves X25519', opsPerSec: rate(() => { x25519.getSharedSecret(na, nb) }) }
  ]
}
