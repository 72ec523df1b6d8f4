/**
 * Audit files of joint trainings, for tests and audits only (`SHULIAN_JOINT_AUDIT=1` in a node's
 * environment): what this node's joint protocol received or sent outside any enclave
 * (`<dataDir>/joint-audit/lessor.bin`, `partner.bin`), and what the renter decrypted
 * (`renter.jsonl`: per round, the slot sums the masked gradient sums would give if read as
 * unmasked). Off by default; it costs disk and is not for production.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

export interface JointAudit {
  tap: (role: 'lessor' | 'partner', bytes: Uint8Array) => void
  renterView: (entry: Record<string, unknown>) => void
}

export function jointAudit (dataDir: string): JointAudit | undefined {
  if (process.env.SHULIAN_JOINT_AUDIT !== '1') return undefined
  const dir = join(dataDir, 'joint-audit')
  mkdirSync(dir, { recursive: true })
  return {
    tap: (role, bytes) => { appendFileSync(join(dir, `${role}.bin`), bytes) },
    renterView: (entry) => { appendFileSync(join(dir, 'renter.jsonl'), `${JSON.stringify(entry)}\n`) }
  }
}
