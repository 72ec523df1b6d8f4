/**
 * Synthetic data for a joint task, fixed seed: the renter's table (id, income, debt, tenure) and
 * the partner's (id, spend, visits, returns, score), the same customers in different row orders, so
 * that rows must be aligned by id. Both sides' features share a latent factor (the largest
 * canonical correlation between them is about 0.5, as between two real data owners), and the label
 * is linear in all six features plus noise.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { seededRandom } from '../data/index.js'

export const SYNTHETIC_RENTER_FEATURES = ['income', 'debt', 'tenure'] as const
export const SYNTHETIC_PARTNER_FEATURES = ['spend', 'visits', 'returns'] as const
export const SYNTHETIC_LABEL = 'score'

/** The weights the label is made with (the fit on a finite sample differs by the noise). */
export const SYNTHETIC_TRUTH = { intercept: 4, income: 0.08, debt: -0.05, tenure: 0.3, spend: 0.06, visits: -0.2, returns: -0.9 }

export interface SyntheticPaths { renter: string, partner: string }

/** Write `renter.csv` and `partner.csv` of `rows` rows into `dir`; the same seed gives the same files. */
export async function writeJointSynthetic (dir: string, rows: number, seed = 7, names: SyntheticPaths = { renter: 'renter.csv', partner: 'partner.csv' }): Promise<SyntheticPaths> {
  const rnd = seededRandom(seed)
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
  const t = SYNTHETIC_TRUTH
  const a: string[] = []
  const c: string[] = []
  for (let i = 0; i < rows; i++) {
    const z = gauss()
    const income = 50 + 12 * (z + gauss()) / Math.SQRT2
    const debt = 20 + 8 * (0.6 * gauss() + 0.2 * z)
    const tenure = 6 + 3 * gauss()
    const spend = 30 + 10 * (z + gauss()) / Math.SQRT2
    const visits = 12 + 4 * gauss()
    const returns = 2 + gauss()
    const score = t.intercept + t.income * income + t.debt * debt + t.tenure * tenure + t.spend * spend + t.visits * visits + t.returns * returns + 0.5 * gauss()
    // ids that do not sort like the row numbers
    const id = `c${((i * 7919 + 104729) % 1_000_003).toString(36)}x${i}`
    a.push(`${id},${income.toFixed(4)},${debt.toFixed(4)},${tenure.toFixed(4)}`)
    c.push(`${id},${spend.toFixed(4)},${visits.toFixed(4)},${returns.toFixed(4)},${score.toFixed(4)}`)
  }
  shuffle(a, rnd)
  shuffle(c, rnd)
  const renter = join(dir, names.renter)
  const partner = join(dir, names.partner)
  await writeFile(renter, `id,${SYNTHETIC_RENTER_FEATURES.join(',')}\n${a.join('\n')}\n`)
  await writeFile(partner, `id,${SYNTHETIC_PARTNER_FEATURES.join(',')},${SYNTHETIC_LABEL}\n${c.join('\n')}\n`)
  return { renter, partner }
}

function shuffle (xs: string[], rnd: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    const t = xs[i] as string
    xs[i] = xs[j] as string
    xs[j] = t
  }
}
