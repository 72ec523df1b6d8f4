/**
 * The market as the job flow and the lessor's lease guard use it (node/lease-guard.ts,
 * node/job): the leases a job runs on — a BUY from the job file's `lease` section, or else the
 * leases this renter holds now — and, for a lessor, the lease a renter names.
 *
 * The job file's `lease` section reads: `cores`, `memoryMiB` (in total), `maxPrice` (credits per
 * core-hour, as `order buy --max-price`), `duration` (seconds, or "30m", "2h", …). The BUY asks
 * for the protection the run forces (`job run --policy`, else the file's `budget.policy`; `auto`
 * accepts any), and for a TEE only the enclave builds this node's TEE policy trusts. What the
 * BUY has not got after JOB_BUY_WAIT_MS is cancelled: the job runs on what it got (and locally).
 */
import { MarketError, fromCredits } from '../../market/index.js'
import { toHex } from '../../keys/index.js'
import type { Job } from '../../compute/index.js'
import type { VerificationPolicy } from '../../keys/index.js'
import type { HeldLease, ParticipantMarket, ProtectionMode } from '../../market/index.js'
import type { LeaseSource, LeaseTerms } from '../lease-guard.js'

/** How long a job's BUY waits to be filled before the job runs on what it got (the job CLI waits 30 s for the start), ms. */
export const JOB_BUY_WAIT_MS = 10_000

const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }

/** The guard's view of a lease: the modes it covers, and when it is in force (to its end, or until ended). */
export function leaseTerms (h: HeldLease): LeaseTerms {
  const l = h.lease
  return {
    id: l.id,
    renter: l.renter,
    lessor: l.lessor,
    cores: l.cores,
    memoryMiB: l.memoryMiB,
    protection: [...(l.protection.he ? ['he'] : []), ...(l.protection.tee != null ? ['tee'] : [])],
    start: l.start,
    end: h.status === 'ended' && h.endedAt != null ? Math.min(h.endedAt, l.end) : l.end
  }
}

export function leaseSource (market: () => ParticipantMarket | undefined): LeaseSource {
  return {
    lease: async (id) => {
      const m = market()
      if (m == null || !/^[0-9a-f]{32}$/.test(id)) return undefined
      const [held] = await m.held({ id })
      return held == null ? undefined : leaseTerms(held)
    }
  }
}

function durationS (d: number | string): number {
  if (typeof d === 'number') return Math.ceil(d)
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(d)
  return m == null ? NaN : Math.ceil(Number(m[1]) * (UNIT_S[m[2] as string] ?? NaN))
}

/** A job asked for leases and the market had none within its terms. Exit code 2 (the job's terms). */
export class NoLeaseError extends Error {
  static name = 'NoLeaseError'
  readonly exitCode = 2

  constructor (message: string) {
    super(message)
    this.name = 'NoLeaseError'
  }
}

/**
 * The leases `job` runs on: the active leases this renter holds now that cover the protection the
 * run needs, and, when they hold fewer cores than the job file's `lease` section asks, a BUY for
 * the rest. A job that asks for leases and gets none fails with a one-line reason.
 */
export async function leasesForJob (market: ParticipantMarket, job: Job, policy: VerificationPolicy | undefined, forcedByRun?: ProtectionMode | 'auto', now = Date.now()): Promise<LeaseTerms[]> {
  const want = job.spec.lease
  // the run's choice (job run --policy) over the job file's
  const forced = forcedByRun != null && forcedByRun !== 'auto' ? forcedByRun : job.spec.budget?.policy
  const protection: ProtectionMode = forced == null || forced === 'auto' ? 'any' : forced
  const needs = protection === 'any' ? undefined : protection === 'he' ? 'he' : 'tee'
  const held = (await market.held())
    .filter(h => h.status === 'active' && h.lease.renter === market.self && h.lease.start <= now && now + 60_000 < h.lease.end)
    .map(leaseTerms)
    .filter(l => needs === undefined || l.protection.includes(needs))
  if (want == null) {
    if (held.length === 0) throw new NoLeaseError(`${job.file}: no lease section, and this node holds no active lease to run on`)
    return held
  }
  const usable: LeaseTerms[] = []
  let cores = 0
  for (const l of held) {
    if (cores >= want.cores) break
    usable.push(l)
    cores += l.cores
  }
  if (cores >= want.cores) return usable

  const maxPrice = fromCredits(want.maxPrice)
  if (maxPrice === undefined) throw new MarketError('INVALID', `${job.file}: lease.maxPrice ${want.maxPrice} is not a price in credits with at most 6 decimals`)
  const r = await market.place({
    side: 'buy',
    cores: want.cores - cores,
    memoryMiB: want.memoryMiB,
    durationS: durationS(want.duration),
    maxPricePerCoreHour: maxPrice,
    requirements: {
      protection,
      allowedMeasurements: protection === 'he' ? [] : (policy?.allowedMeasurements ?? []).map(m => toHex(m)),
      avoidSubnets: [],
      preferSubnets: []
    },
    expiresInS: Math.ceil(JOB_BUY_WAIT_MS / 1000)
  }, JOB_BUY_WAIT_MS)
  // what is still open of the BUY must not turn into leases no one uses
  if (r.order.status === 'open') await market.cancel(r.order.id).catch(() => {})
  const ids = new Set(r.leases.map(l => l.id))
  const bought = (await market.held({ buyId: r.order.id })).filter(h => ids.has(h.lease.id)).map(leaseTerms)
  if (usable.length + bought.length === 0) {
    throw new NoLeaseError(`no lessor offers ${want.cores} core(s), ${want.memoryMiB} MiB, ${protection === 'any' ? 'any protection' : protection} within ${want.maxPrice} credits per core-hour (BUY ${r.order.id} found no match in ${JOB_BUY_WAIT_MS / 1000} s)`)
  }
  return [...usable, ...bought]
}
