import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { ColumnType } from '../program/index.js'

/** A small fast seeded generator (sfc32); synthetic data only, never keys. */
export function seededRandom (seed: number): () => number {
  let a = 0x9e3779b9 ^ seed
  let b = 0x243f6a88 ^ (seed * 31)
  let c = 0xb7e15162
  let d = seed >>> 0
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0
    const t = (a + b | 0) + d | 0
    d = d + 1 | 0
    a = b ^ b >>> 9
    b = c + (c << 3) | 0
    c = c << 21 | c >>> 11
    c = c + t | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 16; i++) next()
  return next
}

/** Column types of the synthetic credit table. */
export const SYNTHETIC_COLUMNS: Record<string, ColumnType> = { income: 'float', debt: 'float', age: 'int', accounts: 'int' }

/**
 * Write a synthetic credit table (income, debt, age, accounts) of `rows` rows; the same seed
 * gives the same file, so large demo data is generated on the spot instead of committed.
 */
export async function writeSyntheticCsv (path: string, rows: number, seed = 1): Promise<void> {
  const rnd = seededRandom(seed)
  const out = createWriteStream(path)
  out.write('id,income,debt,age,accounts\n')
  let batch = ''
  for (let i = 0; i < rows; i++) {
    // income: log-normal-ish around 52k; debt: a share of income; age 18..90; accounts 0..12
    const income = Math.round(52000 * Math.exp((rnd() + rnd() + rnd() - 1.5) * 0.6) * 100) / 100
    const debt = Math.round(income * rnd() * 0.8 * 100) / 100
    const age = 18 + Math.floor(rnd() * 73)
    const accounts = Math.floor(rnd() * 13)
    batch += `${i + 1},${income},${debt},${age},${accounts}\n`
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain')
      batch = ''
    }
  }
  out.end(batch)
  await once(out, 'finish')
}
