/**
 * The market's embedded database: `node:sqlite` (built into Node), WAL, `synchronous = FULL`
 * (every commit is on disk before it returns: a lease or reservation acknowledged to a peer
 * survives a SIGKILL or a power cut), foreign keys on, and schema migrations by `user_version`.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { SQLInputValue, StatementSync } from 'node:sqlite'

export type Row = Record<string, SQLInputValue>

export class Database {
  readonly db: DatabaseSync
  private readonly statements = new Map<string, StatementSync>()

  /** Open (creating if needed) the database at `path` and apply the migrations it lacks. */
  constructor (path: string, migrations: readonly string[]) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    this.db = new DatabaseSync(path)
    this.db.exec('PRAGMA journal_mode = WAL')
    this.db.exec('PRAGMA synchronous = FULL')
    this.db.exec('PRAGMA foreign_keys = ON')
    this.db.exec('PRAGMA busy_timeout = 5000')
    const version = Number((this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)
    for (let v = version; v < migrations.length; v++) {
      this.tx(() => {
        this.db.exec(migrations[v] as string)
        this.db.exec(`PRAGMA user_version = ${v + 1}`)
      })
    }
  }

  /** A prepared statement, cached by its text. */
  sql (text: string): StatementSync {
    let s = this.statements.get(text)
    if (s == null) {
      s = this.db.prepare(text)
      this.statements.set(text, s)
    }
    return s
  }

  get<T> (text: string, ...params: SQLInputValue[]): T | undefined {
    return this.sql(text).get(...params) as T | undefined
  }

  all<T> (text: string, ...params: SQLInputValue[]): T[] {
    return this.sql(text).all(...params) as T[]
  }

  run (text: string, ...params: SQLInputValue[]): number {
    return Number(this.sql(text).run(...params).changes)
  }

  /**
   * Run `fn` in one transaction (BEGIN IMMEDIATE … COMMIT), rolled back if it throws. `fn` is
   * synchronous, so nothing else in this process interleaves with it: that is what makes a
   * reservation atomic.
   */
  tx<T> (fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const out = fn()
      this.db.exec('COMMIT')
      return out
    } catch (e) {
      this.db.exec('ROLLBACK')
      throw e
    }
  }

  close (): void {
    this.statements.clear()
    if (this.db.isOpen) this.db.close()
  }
}
