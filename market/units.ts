/** Prices (credits ↔ micro-credits) and durations as people write them. */
import { MICROS } from './limits.js'

/**
 * Micro-credits from a decimal number of credits ("0.25", "3"), or undefined when it is not a
 * non-negative decimal with at most 6 fractional digits.
 */
export function parseCredits (text: string): number | undefined {
  const m = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text.trim())
  if (m == null) return undefined
  return Number(m[1]) * MICROS + Number((m[2] ?? '').padEnd(6, '0'))
}

/** Credits as a JSON number (micro-credits / 10^6; exact for what parseCredits accepts). */
export function toCredits (micros: number): number {
  return micros / MICROS
}

/** Micro-credits from a JSON number of credits, or undefined if it has more than 6 decimals. */
export function fromCredits (credits: number): number | undefined {
  if (!Number.isFinite(credits) || credits < 0) return undefined
  const micros = Math.round(credits * MICROS)
  return Math.abs(micros / MICROS - credits) < 1e-9 * Math.max(1, credits) ? micros : undefined
}

/** "0.25" for 250000 micro-credits. */
export function formatCredits (micros: number): string {
  const whole = Math.floor(micros / MICROS)
  const frac = String(micros % MICROS).padStart(6, '0').replace(/0+$/, '')
  return frac === '' ? String(whole) : `${whole}.${frac}`
}

const UNIT_S: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }

/** Seconds from "90", "90s", "15m", "2h", "1d", or undefined. */
export function parseDuration (text: string): number | undefined {
  const m = /^(\d{1,9})([smhd]?)$/.exec(text.trim())
  if (m == null) return undefined
  return Number(m[1]) * (UNIT_S[m[2] ?? ''] ?? NaN)
}

/** "1h30m", "45s" for a number of seconds. */
export function formatDuration (seconds: number): string {
  if (seconds === 0) return '0s'
  const parts: string[] = []
  let rest = seconds
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`)
      rest %= size
    }
  }
  return parts.join('')
}
