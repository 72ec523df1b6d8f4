/**
 * The little dense linear algebra a joint task needs (a few dozen columns at most): means, Gram
 * matrices of centered columns, Cholesky factors and solves, and the closed-form least-squares
 * solution that a training must reach.
 */

/** A symmetric positive definite matrix's lower Cholesky factor, row-major d×d. */
export interface Cholesky {
  d: number
  l: Float64Array
}

/** Column means. */
export function means (columns: readonly Float64Array[]): Float64Array {
  return Float64Array.from(columns, c => sum(c) / Math.max(1, c.length))
}

/** Sum with compensation (Neumaier): sums over 10^7 rows keep their digits. */
export function sum (values: ArrayLike<number>): number {
  let s = 0
  let c = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number
    const t = s + x
    c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s
    s = t
  }
  return s + c
}

/** Σ_i a_i b_i, compensated. */
export function dot (a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0
  let c = 0
  for (let i = 0; i < a.length; i++) {
    const x = (a[i] as number) * (b[i] as number)
    const t = s + x
    c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s
    s = t
  }
  return s + c
}

/** Xᵀ X / n for columns X (already centered if a covariance is wanted), row-major d×d. */
export function gram (columns: readonly Float64Array[], n: number): Float64Array {
  const d = columns.length
  const g = new Float64Array(d * d)
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const v = dot(columns[i] as Float64Array, columns[j] as Float64Array) / n
      g[i * d + j] = v
      g[j * d + i] = v
    }
  }
  return g
}

/**
 * The Cholesky factor of a symmetric matrix, or undefined when it is not (numerically) positive
 * definite: a pivot below `rel` times the largest diagonal entry means a column is constant or a
 * combination of the others.
 */
export function cholesky (a: Float64Array, d: number, rel = 1e-12): Cholesky | undefined {
  const l = new Float64Array(d * d)
  let maxDiag = 0
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * d + i] as number))
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j] as number
    for (let k = 0; k < j; k++) s -= (l[j * d + k] as number) ** 2
    if (!(s > rel * maxDiag) || !Number.isFinite(s)) return undefined
    const ljj = Math.sqrt(s)
    l[j * d + j] = ljj
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j] as number
      for (let k = 0; k < j; k++) t -= (l[i * d + k] as number) * (l[j * d + k] as number)
      l[i * d + j] = t / ljj
    }
  }
  return { d, l }
}

/** x with (L Lᵀ) x = b. */
export function choleskySolve (f: Cholesky, b: ArrayLike<number>): Float64Array {
  const { d, l } = f
  const y = new Float64Array(d)
  for (let i = 0; i < d; i++) {
    let s = b[i] as number
    for (let k = 0; k < i; k++) s -= (l[i * d + k] as number) * (y[k] as number)
    y[i] = s / (l[i * d + i] as number)
  }
  const x = new Float64Array(d)
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i] as number
    for (let k = i + 1; k < d; k++) s -= (l[k * d + i] as number) * (x[k] as number)
    x[i] = s / (l[i * d + i] as number)
  }
  return x
}

/** Columns minus their means, as new arrays. */
export function center (columns: readonly Float64Array[], mu: ArrayLike<number>): Float64Array[] {
  return columns.map((c, j) => {
    const m = mu[j] as number
    const out = new Float64Array(c.length)
    for (let i = 0; i < c.length; i++) out[i] = (c[i] as number) - m
    return out
  })
}

/** The ordinary least-squares fit y ≈ intercept + Σ w_j x_j (normal equations on centered columns). */
export interface LeastSquares {
  weights: Float64Array
  intercept: number
  /** Σ r² / (2n) at the solution */
  loss: number
}

/** The closed-form least-squares solution over all columns (throws when the columns are collinear). */
export function leastSquares (columns: readonly Float64Array[], y: Float64Array): LeastSquares {
  const n = y.length
  const mu = means(columns)
  const my = sum(y) / n
  const xc = center(columns, mu)
  const yc = center([y], [my])[0] as Float64Array
  const f = cholesky(gram(xc, n), columns.length)
  if (f === undefined) throw new Error('the columns are collinear: no unique least-squares solution')
  const weights = choleskySolve(f, xc.map(c => dot(c, yc) / n))
  const intercept = my - dot(weights, mu)
  const r = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let p = intercept
    for (let j = 0; j < columns.length; j++) p += (weights[j] as number) * ((columns[j] as Float64Array)[i] as number)
    r[i] = p - (y[i] as number)
  }
  return { weights, intercept, loss: dot(r, r) / (2 * n) }
}
