/**
 * The regression of a joint task: vertical federated linear regression
 *
 *     y ≈ b + X_A w_A + X_C w_C        (A: the renter's features; C: the partner's features,
 *                                      the label y and the intercept b)
 *
 * trained by gradient descent preconditioned per owner: each owner multiplies its gradient by the
 * inverse of its own features' Gram matrix (A: covariance of its centered features; C: of
 * [1, its centered, scaled features]). That is gradient descent on features each owner whitens by
 * itself; the whitened Hessian is [[I, K], [Kᵀ, I]] whose eigenvalues are 1 ± ρ_i (ρ_i the
 * canonical correlations between the two owners' centered features), so step 1 is the optimal
 * fixed step, every step lowers the loss, and the error shrinks by max ρ_i per round. Neither owner
 * needs anything of the other's data for it.
 *
 * A centers its features (the residual carries X̃_A w_A = (X_A − μ_A) w_A) so that its block is
 * orthogonal to the intercept; otherwise features with large means would correlate with C's
 * intercept column and slow the descent to a crawl. The intercept C learns is then that of the
 * centered model; A hands C the offset w_Aᵀ μ_A once, at the end, for the intercept on raw
 * features (C learns that number each round anyway from the intercept's gradient when A does not
 * center).
 */
import { JointError } from './errors.js'
import { center, cholesky, choleskySolve, dot, gram, leastSquares, means, sum } from './linalg.js'
import type { Cholesky, LeastSquares } from './linalg.js'

/** Which feature makes a block singular, as one line. */
function singular (source: string, names: readonly string[], j: number): JointError {
  return new JointError('SINGULAR', `${source}: feature "${names[j] ?? j}" is constant or a linear combination of the features before it (${names.slice(0, j).join(', ') || 'none'}); drop it`)
}

/** Cholesky of a block's Gram matrix, or the error naming the first offending feature. */
function precondition (source: string, names: readonly string[], columns: readonly Float64Array[], n: number): Cholesky {
  const g = gram(columns, n)
  const f = cholesky(g, columns.length)
  if (f !== undefined) return f
  for (let j = 1; j <= columns.length; j++) {
    const sub = new Float64Array(j * j)
    for (let a = 0; a < j; a++) for (let b = 0; b < j; b++) sub[a * j + b] = g[a * columns.length + b] as number
    if (cholesky(sub, j) === undefined) throw singular(source, names, j - 1)
  }
  throw singular(source, names, columns.length - 1)
}

/** u = X̃ w over some rows: the renter's part of the residual (what a lessor's enclave computes). */
export function centeredProduct (columns: readonly Float64Array[], mu: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const n = columns[0]?.length ?? 0
  const u = new Float64Array(n)
  let offset = 0
  for (let j = 0; j < columns.length; j++) offset += (w[j] as number) * (mu[j] as number)
  for (let i = 0; i < n; i++) {
    let s = -offset
    for (let j = 0; j < columns.length; j++) s += (w[j] as number) * ((columns[j] as Float64Array)[i] as number)
    u[i] = s
  }
  return u
}

/** Σ_i x̃_ij r_i for each column j: the renter's gradient over some rows (times n). */
export function centeredGradient (columns: readonly Float64Array[], mu: ArrayLike<number>, r: Float64Array): Float64Array {
  const rs = sum(r)
  return Float64Array.from(columns, (c, j) => dot(c, r) - (mu[j] as number) * rs)
}

/** The renter's side: its features' means and covariance, and its weights. */
export class RenterModel {
  readonly names: string[]
  readonly means: Float64Array
  readonly rows: number
  weights: Float64Array
  private readonly precond: Cholesky

  constructor (source: string, names: readonly string[], columns: readonly Float64Array[], weights?: ArrayLike<number>) {
    this.names = [...names]
    this.rows = columns[0]?.length ?? 0
    this.means = means(columns)
    this.precond = precondition(source, names, center(columns, this.means), this.rows)
    this.weights = Float64Array.from(weights ?? new Array(names.length).fill(0))
  }

  /** One step from Σ x̃ r over all rows (the lessors' partial sums added up). */
  step (gradientSum: ArrayLike<number>, eta: number): void {
    const delta = choleskySolve(this.precond, Array.from(gradientSum, g => g / this.rows))
    for (let j = 0; j < delta.length; j++) this.weights[j] = (this.weights[j] as number) - eta * (delta[j] as number)
  }

  /** w_Aᵀ μ_A: what the centered model's intercept is above the raw one. */
  offset (): number {
    return dot(this.weights, this.means)
  }
}

/** What the partner keeps between rounds (and in its records, to resume). */
export interface PartnerState {
  /** weights of the centered, scaled features */
  w: number[]
  /** intercept of the centered model */
  b: number
}

/** The partner's side: its centered, scaled features, the label, the intercept and its weights. */
export class PartnerModel {
  readonly names: string[]
  readonly means: Float64Array
  readonly scales: Float64Array
  /** (x − μ) / s per feature: what the partner's HE computation multiplies residuals by */
  readonly scaled: Float64Array[]
  readonly y: Float64Array
  readonly rows: number
  w: Float64Array
  b: number
  private readonly precond: Cholesky

  constructor (source: string, names: readonly string[], columns: readonly Float64Array[], y: Float64Array, state?: PartnerState) {
    this.names = [...names]
    this.rows = y.length
    this.y = y
    this.means = means(columns)
    const centered = center(columns, this.means)
    this.scales = Float64Array.from(centered, (c, j) => {
      const s = Math.sqrt(dot(c, c) / this.rows)
      if (!(s > 0)) throw singular(source, names, j)
      return s
    })
    this.scaled = centered.map((c, j) => c.map(v => v / (this.scales[j] as number)))
    this.precond = precondition(source, names, this.scaled, this.rows)
    this.w = Float64Array.from(state?.w ?? new Array(names.length).fill(0))
    this.b = state?.b ?? 0
  }

  /** v = b + X'' w − y over rows [start, end): the partner's part of the residual. */
  residualPart (start = 0, end = this.rows): Float64Array {
    const v = new Float64Array(end - start)
    for (let i = start; i < end; i++) {
      let s = this.b - (this.y[i] as number)
      for (let j = 0; j < this.scaled.length; j++) s += (this.w[j] as number) * ((this.scaled[j] as Float64Array)[i] as number)
      v[i - start] = s
    }
    return v
  }

  /** One step from Σ r (the intercept's gradient, times n) and Σ x'' r per feature. */
  step (residualSum: number, gradientSum: ArrayLike<number>, eta: number): void {
    this.b -= eta * residualSum / this.rows
    const delta = choleskySolve(this.precond, Array.from(gradientSum, g => g / this.rows))
    for (let j = 0; j < delta.length; j++) this.w[j] = (this.w[j] as number) - eta * (delta[j] as number)
  }

  state (): PartnerState {
    return { w: Array.from(this.w), b: this.b }
  }

  /** The weights of the raw features and the raw model's intercept, given the renter's offset. */
  rawWeights (renterOffset: number): { weights: Record<string, number>, intercept: number } {
    const weights: Record<string, number> = {}
    let intercept = this.b - renterOffset
    this.names.forEach((name, j) => {
      const w = (this.w[j] as number) / (this.scales[j] as number)
      weights[name] = w
      intercept -= w * (this.means[j] as number)
    })
    return { weights, intercept }
  }
}

/** The stopping rule: `maxRounds` reached, or the last round lowered the loss by at most `tolerance` of it. */
export function shouldStop (loss: readonly number[], maxRounds: number, tolerance: number): boolean {
  if (loss.length >= maxRounds) return true
  const last = loss.at(-1)
  const before = loss.at(-2)
  return last !== undefined && before !== undefined && before - last <= tolerance * Math.abs(last)
}

/** Σ r² / (2n). */
export function lossOf (r: Float64Array, n = r.length): number {
  return dot(r, r) / (2 * n)
}

export interface PlainTraining {
  loss: number[]
  weightsA: Float64Array
  weightsC: Record<string, number>
  intercept: number
}

/**
 * The same training on pooled data in one process, in the clear: what the joint protocol computes
 * round for round (the reference of tests and benchmarks).
 */
export function trainPlain (a: { names: string[], columns: Float64Array[] }, c: { names: string[], columns: Float64Array[], y: Float64Array }, training: { maxRounds: number, tolerance: number, step: number }): PlainTraining {
  const renter = new RenterModel('renter', a.names, a.columns)
  const partner = new PartnerModel('partner', c.names, c.columns, c.y)
  const loss: number[] = []
  do {
    const r = centeredProduct(a.columns, renter.means, renter.weights)
    const v = partner.residualPart()
    for (let i = 0; i < r.length; i++) r[i] = (r[i] as number) + (v[i] as number)
    loss.push(lossOf(r))
    renter.step(centeredGradient(a.columns, renter.means, r), training.step)
    partner.step(sum(r), partner.scaled.map(x => dot(x, r)), training.step)
  } while (!shouldStop(loss, training.maxRounds, training.tolerance))
  const { weights, intercept } = partner.rawWeights(renter.offset())
  return { loss, weightsA: renter.weights, weightsC: weights, intercept }
}

/** The closed-form least-squares solution on the pooled columns (A's, then C's). */
export function pooledLeastSquares (a: readonly Float64Array[], c: readonly Float64Array[], y: Float64Array): LeastSquares {
  return leastSquares([...a, ...c], y)
}
