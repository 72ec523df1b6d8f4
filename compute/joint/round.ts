/**
 * One joint round's HE work as each side runs it on its worker threads: the partner combines the
 * lessors' shares with its own data into residual and masked gradient ciphertexts; the renter
 * decrypts the residuals and the masked sums' constant terms.
 */
import { peekHeParameters } from '../../keys/index.js'
import { slotsOf } from '../he/index.js'
import { ownBytes } from '../pool/index.js'
import { splitRows } from '../split/index.js'
import { JointError } from './errors.js'
import type { TaskRunner } from '../pool/index.js'
import type { MaskedSum, PartnerChunks } from './he.js'
import type { PartnerModel } from './model.js'

/** Largest |residual| the renter accepts: keeps every slot of the partner's sums inside the set's 2^56. */
export const MAX_RESIDUAL = 2 ** 24
/** Largest |(x − μ)/σ| of a partner feature (values beyond are outliers the HE sums cannot hold). */
export const MAX_SCALED_FEATURE = 2 ** 12

/** Ciphertexts (chunks) for `rows` rows under `params`. */
export function chunksFor (params: Uint8Array, rows: number): number {
  return Math.max(1, Math.ceil(rows / slotsOf(peekHeParameters(params).set)))
}

/** A lessor's share of a round, as the partner holds it. */
export interface RangeShares {
  start: number
  rows: number
  shares: Uint8Array[]
}

/** What the partner sends the renter for a round. */
export interface PartnerResult {
  /** per range, one ciphertext of r per chunk */
  residuals: Uint8Array[][]
  /** [Σ r, Σ x''₁ r, …], masked */
  masked: MaskedSum[]
}

/** The partner refuses data its HE sums cannot hold, naming the feature. */
export function checkPartnerMagnitudes (model: PartnerModel, source: string): void {
  model.scaled.forEach((x, j) => {
    let m = 0
    for (const v of x) m = Math.max(m, Math.abs(v))
    if (m > MAX_SCALED_FEATURE) throw new JointError('RANGE', `${source}: feature "${model.names[j] ?? j}" has a value ${m.toExponential(2)} standard deviations from its mean, beyond the ${MAX_SCALED_FEATURE} the HE sums hold; clip or transform it`)
  })
}

/**
 * The partner's round: r = u + v for every chunk of every range, and the masked sums of r and of
 * x''·r over all rows. Chunks are spread over the runner's threads.
 */
export async function partnerRound (runner: TaskRunner, params: Uint8Array, publicKey: Uint8Array, model: PartnerModel, ranges: readonly RangeShares[], what = 'share'): Promise<PartnerResult> {
  const slots = slotsOf(peekHeParameters(params).set)
  const work: Array<{ range: number, first: number, run: Promise<PartnerChunks> }> = []
  const threads = Math.max(1, runner.size)
  ranges.forEach((range, k) => {
    const chunks = range.shares.length
    if (chunks !== chunksFor(params, range.rows)) throw new JointError('RANGE', `${what} of rows ${range.start}+${range.rows}: ${chunks} ciphertexts, ${chunksFor(params, range.rows)} expected`)
    for (const g of splitRows(chunks, new Array(Math.min(threads, chunks)).fill(1)).filter(g => g.end > g.start)) {
      const from = range.start + g.start * slots
      const to = Math.min(range.start + range.rows, range.start + g.end * slots)
      work.push({
        range: k,
        first: g.start,
        run: runner.run<PartnerChunks>('jointPartnerChunks', {
          params,
          publicKey,
          shares: range.shares.slice(g.start, g.end).map(ownBytes),
          v: model.residualPart(from, to),
          xs: model.scaled.map(x => x.slice(from, to)),
          what: `${what} of rows ${range.start}+${range.rows}`
        })
      })
    }
  })
  const parts = await Promise.all(work.map(async w => ({ ...w, out: await w.run })))
  const residuals = ranges.map((_, k) => parts.filter(p => p.range === k).sort((a, b) => a.first - b.first).flatMap(p => p.out.residuals))
  const masked = await runner.run<MaskedSum[]>('jointSumAndMask', { params, groups: parts.map(p => p.out.sums) })
  return { residuals, masked }
}

/** What the renter learns of a round: the residual of every row, and the masked sums' constant terms. */
export interface RenterView {
  r: Float64Array
  constants: bigint[]
}

/**
 * The renter's round: decrypt each range's residual ciphertexts (cut to its rows, in range order)
 * and the masked sums' constant terms. Refuses residuals too large for the partner's sums.
 */
export async function renterDecrypt (runner: TaskRunner, params: Uint8Array, secretKey: Uint8Array, ranges: ReadonlyArray<{ rows: number, residuals: Uint8Array[] }>, masked: Uint8Array[]): Promise<RenterView> {
  const slots = slotsOf(peekHeParameters(params).set)
  ranges.forEach((range, k) => {
    if (range.residuals.length !== chunksFor(params, range.rows)) throw new JointError('RANGE', `residuals of range ${k}: ${range.residuals.length} ciphertexts for ${range.rows} rows`)
  })
  const total = ranges.reduce((n, r) => n + r.rows, 0)
  const r = new Float64Array(total)
  const all = ranges.flatMap((range, k) => range.residuals.map((bytes, j) => ({ bytes: ownBytes(bytes), what: `residual of range ${k}, chunk ${j}` })))
  const threads = Math.max(1, runner.size)
  const groups = splitRows(all.length, new Array(Math.min(threads, Math.max(1, all.length))).fill(1)).filter(g => g.end > g.start)
  const [opened, constants] = await Promise.all([
    Promise.all(groups.map(async g => runner.run<Float64Array[]>('decryptSlots', { params, secretKey, cts: all.slice(g.start, g.end) }))).then(x => x.flat()),
    runner.run<bigint[]>('jointConstantTerms', { params, secretKey, cts: masked.map(ownBytes) })
  ])
  let at = 0
  let ct = 0
  for (const range of ranges) {
    for (let j = 0; j < range.residuals.length; j++) {
      const s = opened[ct++] as Float64Array
      const n = Math.min(slots, range.rows - j * slots)
      for (let i = 0; i < n; i++) {
        const v = s[i] as number
        if (!(Math.abs(v) <= MAX_RESIDUAL)) throw new JointError('RANGE', `a residual reaches ${Math.abs(v).toExponential(2)}, beyond the ${MAX_RESIDUAL} the joint HE sums hold precisely; scale the label down (or the data is not what both sides agreed on)`)
        r[at + j * slots + i] = v
      }
    }
    at += range.rows
  }
  return { r, constants }
}
