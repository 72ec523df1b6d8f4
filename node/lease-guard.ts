/**
 * What a lessor checks before it attests its enclave for a renter or takes a subtask: a lease
 * that names this lessor and that renter, in force now, covering the protection mode, with room
 * for the input in its memory and for one more subtask in its cores. Leases come from the market's
 * ledger (`LeaseSource`).
 */
import { TaskError } from '../protocols/task/index.js'
import type { TaskAuthorizeRequest, TaskGrant } from '../protocols/task/index.js'
import type { PeerId } from '@libp2p/interface'

/** A lease as the guard needs it. */
export interface LeaseTerms {
  id: string
  renter: string
  lessor: string
  cores: number
  memoryMiB: number
  /** protection modes the lease covers: 'he', 'tee' (tee also covers tee+he) */
  protection: string[]
  /** ms since the epoch */
  start: number
  end: number
}

export interface LeaseSource {
  /** The lease with this id that this node holds (as lessor or renter), if any. */
  lease: (id: string) => Promise<LeaseTerms | undefined>
}

/** How long an unknown lease id is looked up again before a request naming it is refused, ms. */
export const DELIVERY_GRACE_MS = 5_000

export class LeaseGuard {
  private readonly self: PeerId
  private readonly source: LeaseSource
  private readonly running = new Map<string, number>()
  private readonly now: () => number
  private readonly deliveryGraceMs: number

  constructor (self: PeerId, source: LeaseSource, now: () => number = Date.now, deliveryGraceMs = DELIVERY_GRACE_MS) {
    this.self = self
    this.source = source
    this.now = now
    this.deliveryGraceMs = deliveryGraceMs
  }

  /**
   * The lease `leaseId`. A lease the renter has just received may still be on its way to this
   * lessor (its hub delivers it after both hubs have signed), so an unknown id is looked up again
   * for a short while before it is refused.
   */
  private async find (leaseId: string): Promise<LeaseTerms | undefined> {
    const deadline = this.now() + this.deliveryGraceMs
    while (true) {
      const lease = await this.source.lease(leaseId)
      if (lease !== undefined || this.now() >= deadline) return lease
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  }

  private async check (renter: PeerId, leaseId: string): Promise<LeaseTerms> {
    const lease = await this.find(leaseId)
    if (lease === undefined || lease.lessor !== this.self.toString() || lease.renter !== renter.toString()) {
      throw new TaskError('NO_LEASE', `no lease ${leaseId} names this lessor and renter ${renter.toString()}`)
    }
    const now = this.now()
    if (now < lease.start || now >= lease.end) {
      throw new TaskError('LEASE_EXPIRED', `lease ${leaseId} is in force from ${new Date(lease.start).toISOString()} to ${new Date(lease.end).toISOString()}`)
    }
    return lease
  }

  /** For `/shulian/attest/1.0.0`: the renter holds a TEE lease with this lessor. */
  async authorizeAttest (renter: PeerId, leaseId: string): Promise<void> {
    const lease = await this.check(renter, leaseId)
    if (!lease.protection.includes('tee')) {
      throw new TaskError('MODE_UNAVAILABLE', `lease ${leaseId} does not cover TEE`)
    }
  }

  /** For `/shulian/task/1.0.0`: a slot under the lease, released when the subtask ends. */
  async authorizeTask (req: TaskAuthorizeRequest): Promise<TaskGrant> {
    const lease = await this.check(req.renter, req.leaseId)
    const needs = req.mode === 'he' ? 'he' : 'tee'
    if (!lease.protection.includes(needs)) {
      throw new TaskError('MODE_UNAVAILABLE', `lease ${lease.id} covers ${lease.protection.join(', ')}, not ${req.mode}`)
    }
    if (req.inputBytes > lease.memoryMiB * 1024 * 1024) {
      throw new TaskError('OVER_LEASE', `input of ${req.inputBytes} bytes is over the lease's ${lease.memoryMiB} MiB`)
    }
    const n = this.running.get(lease.id) ?? 0
    if (n >= lease.cores) {
      throw new TaskError('OVER_LEASE', `${n} subtasks already run under lease ${lease.id}, which leases ${lease.cores} core(s)`)
    }
    this.running.set(lease.id, n + 1)
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        const left = (this.running.get(lease.id) ?? 1) - 1
        if (left <= 0) this.running.delete(lease.id)
        else this.running.set(lease.id, left)
      }
    }
  }
}

/** A source that holds no leases: every request is refused until the market provides leases. */
export const NO_LEASES: LeaseSource = { lease: async () => undefined }
