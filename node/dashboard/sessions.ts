/**
 * Dashboard sessions: read-only bearer credentials the node mints for a browser, so that the page
 * never holds the API token. `shulian dashboard` asks for one (with the API token) and prints a
 * URL that carries it in the fragment, which browsers do not send to the server. A session only
 * reads (the API refuses anything but GET with it), ends after its time to live, and lives in this
 * process's memory: a restarted node has none.
 */
import { createHash, randomBytes } from 'node:crypto'

/** How long a session lasts unless asked otherwise, ms. */
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000
/** Longest session anyone may ask for, ms. */
export const MAX_SESSION_TTL_MS = 7 * 24 * 60 * 60_000
/** Sessions kept at most; minting one more drops the one that ends first. */
export const MAX_SESSIONS = 64

export interface DashboardSession {
  token: string
  expires: number
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex')

export class DashboardSessions {
  // keyed by the token's hash: a lookup then reveals nothing about how much of a guess was right
  private readonly expiry = new Map<string, number>()
  private readonly now: () => number

  constructor (now: () => number = Date.now) {
    this.now = now
  }

  /** A new session token, valid for `ttlMs`. */
  mint (ttlMs: number = DEFAULT_SESSION_TTL_MS): DashboardSession {
    this.prune()
    while (this.expiry.size >= MAX_SESSIONS) {
      const first = [...this.expiry.entries()].sort((a, b) => a[1] - b[1])[0]
      if (first === undefined) break
      this.expiry.delete(first[0])
    }
    const token = `dash_${randomBytes(32).toString('base64url')}`
    const expires = this.now() + Math.min(Math.max(1, ttlMs), MAX_SESSION_TTL_MS)
    this.expiry.set(digest(token), expires)
    return { token, expires }
  }

  /** True while `token` is a session that has not ended. */
  valid (token: string): boolean {
    if (!token.startsWith('dash_')) return false
    const key = digest(token)
    const expires = this.expiry.get(key)
    if (expires === undefined) return false
    if (expires <= this.now()) {
      this.expiry.delete(key)
      return false
    }
    return true
  }

  /** End every session. */
  clear (): void {
    this.expiry.clear()
  }

  get size (): number {
    this.prune()
    return this.expiry.size
  }

  private prune (): void {
    const now = this.now()
    for (const [k, e] of this.expiry) if (e <= now) this.expiry.delete(k)
  }
}
