/**
 * Joint trainings in `<dataDir>/joint.db` (node:sqlite, WAL, synchronous FULL): the renter's and
 * the partner's records, and each completed round's state (the renter's weights and loss, the
 * partner's weights), written in one transaction per round, so a training killed at any moment
 * resumes from the last completed round on both sides.
 */
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'

export type JointRole = 'renter' | 'partner'
export type JointStatus = 'running' | 'done' | 'failed' | 'interrupted'

export interface JointRecord {
  id: string
  role: JointRole
  name: string
  /** renter: the training file; partner: the data file */
  file: string
  /** renter: SHA-256 of the training file */
  hash: string
  /** the other owner's peer id */
  peer: string
  status: JointStatus
  /** completed rounds */
  round: number
  created: number
  updated: number
  report?: any
  error?: string
}

export interface JointRound {
  round: number
  loss: number
  state: any
}

export class JointStore {
  private readonly db: DatabaseSync

  constructor (dataDir: string) {
    this.db = new DatabaseSync(join(dataDir, 'joint.db'))
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      CREATE TABLE IF NOT EXISTS trainings (
        id TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, file TEXT NOT NULL, hash TEXT NOT NULL, peer TEXT NOT NULL,
        status TEXT NOT NULL, round INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL, report TEXT, error TEXT,
        PRIMARY KEY (id, role)
      );
      CREATE TABLE IF NOT EXISTS rounds (
        id TEXT NOT NULL, role TEXT NOT NULL, round INTEGER NOT NULL, loss REAL NOT NULL, state TEXT NOT NULL,
        PRIMARY KEY (id, role, round)
      );
      UPDATE trainings SET status = 'interrupted', error = 'the node stopped during the training', updated = ${Date.now()} WHERE status = 'running';
    `)
  }

  /** Insert a training, or mark an existing one running again (a resume). */
  begin (r: { id: string, role: JointRole, name: string, file: string, hash: string, peer: string }): void {
    const now = Date.now()
    this.db.prepare(`INSERT INTO trainings (id, role, name, file, hash, peer, status, round, created, updated) VALUES (?, ?, ?, ?, ?, ?, 'running', 0, ?, ?)
      ON CONFLICT (id, role) DO UPDATE SET status = 'running', error = NULL, peer = excluded.peer, updated = excluded.updated`)
      .run(r.id, r.role, r.name, r.file, r.hash, r.peer, now, now)
  }

  /** Record a completed round (and forget any later ones a failed run left). */
  round (id: string, role: JointRole, round: number, loss: number, state: unknown): void {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      this.db.prepare('DELETE FROM rounds WHERE id = ? AND role = ? AND round >= ?').run(id, role, round)
      this.db.prepare('INSERT INTO rounds (id, role, round, loss, state) VALUES (?, ?, ?, ?, ?)').run(id, role, round, loss, JSON.stringify(state))
      this.db.prepare('UPDATE trainings SET round = ?, updated = ? WHERE id = ? AND role = ?').run(round, Date.now(), id, role)
      this.db.exec('COMMIT')
    } catch (e) {
      this.db.exec('ROLLBACK')
      throw e
    }
  }

  rounds (id: string, role: JointRole): JointRound[] {
    return (this.db.prepare('SELECT round, loss, state FROM rounds WHERE id = ? AND role = ? ORDER BY round').all(id, role) as Array<Record<string, any>>)
      .map(r => ({ round: r.round, loss: r.loss, state: JSON.parse(r.state) }))
  }

  /** The loss after each recorded round, first round first (no states: what a chart needs). */
  losses (id: string, role: JointRole): number[] {
    return (this.db.prepare('SELECT loss FROM rounds WHERE id = ? AND role = ? ORDER BY round').all(id, role) as Array<{ loss: number }>).map(r => r.loss)
  }

  finish (id: string, role: JointRole, status: JointStatus, report: unknown, error?: string): void {
    this.db.prepare('UPDATE trainings SET status = ?, report = ?, error = ?, updated = ? WHERE id = ? AND role = ?')
      .run(status, report === undefined ? null : JSON.stringify(report), error ?? null, Date.now(), id, role)
  }

  get (id: string, role: JointRole): JointRecord | undefined {
    const row = this.db.prepare('SELECT * FROM trainings WHERE id = ? AND role = ?').get(id, role) as Record<string, any> | undefined
    return row === undefined ? undefined : toRecord(row)
  }

  list (role: JointRole, limit = 100): JointRecord[] {
    return (this.db.prepare('SELECT * FROM trainings WHERE role = ? ORDER BY created DESC LIMIT ?').all(role, limit) as Array<Record<string, any>>).map(toRecord)
  }

  close (): void {
    this.db.close()
  }
}

function toRecord (row: Record<string, any>): JointRecord {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    file: row.file,
    hash: row.hash,
    peer: row.peer,
    status: row.status,
    round: row.round,
    created: row.created,
    updated: row.updated,
    ...(row.report != null ? { report: JSON.parse(row.report) } : {}),
    ...(row.error != null ? { error: row.error } : {})
  }
}
