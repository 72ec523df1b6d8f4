/**
 * Diagnostics for hubs (`relay.tapDir` in node.json): append every byte a hub forwards to one file
 * per circuit and direction, so an operator (or a test) can audit that circuits carry only
 * ciphertext. Off by default; it costs disk and time, and is not for production.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { CircuitInfo } from '../protocols/relay/index.js'
import type { Uint8ArrayList } from 'uint8arraylist'

export function tapWriter (dir: string): (circuit: CircuitInfo, direction: string, data: Uint8Array | Uint8ArrayList) => void {
  mkdirSync(dir, { recursive: true })
  return (circuit, direction, data) => {
    const bytes = data instanceof Uint8Array ? data : data.subarray()
    appendFileSync(join(dir, `circuit-${circuit.id}-${direction}.bin`), bytes)
  }
}
