/**
 * `--lease FILE`: a lease the target holds as lessor, as `shulian lease list --json` prints it (one
 * lease object, an array, or `{ "leases": [...] }`). With it, and the renter's key, the suite can
 * run the parts of attest and task that only a renter holding a lease reaches.
 */
import { readFile } from 'node:fs/promises'
import { signedLeaseOf, verifyLease } from '../../market/index.js'
import type { Network } from '../../topology/index.js'

export interface LeaseInfo {
  id: string
  renter: string
  renterName: string
  lessor: string
  /** 'he', 'tee' */
  protection: string[]
  cores: number
  memoryMiB: number
  start: number
  end: number
  signed: Uint8Array
}

/** The leases in a file that verify against the network, for `lessor`. */
export async function loadLease (file: string, network: Network, lessor: string): Promise<LeaseInfo | undefined> {
  const value = JSON.parse(await readFile(file, 'utf8'))
  const list: unknown[] = Array.isArray(value) ? value : Array.isArray(value?.leases) ? value.leases : [value]
  for (const item of list) {
    const signed = signedLeaseOf(item)
    const v = await verifyLease(signed, network)
    if (v.lessor !== lessor || v.end <= Date.now()) continue
    return {
      id: v.id,
      renter: v.renter,
      renterName: network.peer(v.renter)?.name ?? v.renter,
      lessor: v.lessor,
      protection: [...(v.protection.he ? ['he'] : []), ...(v.protection.tee != null ? ['tee'] : [])],
      cores: v.cores,
      memoryMiB: v.memoryMiB,
      start: v.start,
      end: v.end,
      signed
    }
  }
  return undefined
}
