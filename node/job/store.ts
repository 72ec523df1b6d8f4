/**
 * The renter's job records, in `<dataDir>/jobs.db` (node:sqlite, WAL). A job is inserted once its
 * file and data have been validated, and updated when it ends; jobs left `running` by a process
 * that died are marked `interrupted` when the node starts again.
 */
import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import type { JobPolicyChoice, JobReport, JobStatus } from './types.js'

export interface JobRecord {
  id: string
  name: string
  jobPath: string
  policy: JobPolicyChoice
  status: JobStatus
  created: number
  updated: number
  report?: JobReport
  error?: string
}

export class JobStore {
  private readonly db: DatabaseSync

  constructor (dataDir: string) {
    this.db = new DatabaseSync(join(dataDir, 'jobs.db'))
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      CREATE TABLE IF NOT EXISTS jobs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        job_path TEXT NOT NULL,
        policy TEXT NOT NULL,
        status TEXT NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        report TEXT,
        error TEXT
      );
      UPDATE jobs SET status = 'interrupted', error = 'the node stopped while the job ran', updated = ${Date.now()} WHERE status = 'running';
    `)
  }

  insert (r: { id: string, name: string, jobPath: string, policy: JobPolicyChoice }): void {
    const now = Date.now()
    this.db.prepare('INSERT INTO jobs (id, name, job_path, policy, status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.name, r.jobPath, r.policy, 'running', now, now)
  }

  finish (id: string, status: JobStatus, report: JobReport | undefined, error?: string): void {
    this.db.prepare('UPDATE jobs SET status = ?, report = ?, error = ?, updated = ? WHERE id = ?')
      .run(status, report === undefined ? null : JSON.stringify(report), error ?? null, Date.now(), id)
  }

  get (id: string): JobRecord | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Record<string, any> | undefined
    return row === undefined ? undefined : toRecord(row)
  }

  list (limit = 100): JobRecord[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY created DESC LIMIT ?').all(limit) as Array<Record<string, any>>).map(toRecord)
  }

  close (): void {
    this.db.close()
  }
}

function toRecord (row: Record<string, any>): JobRecord {
  return {
    id: row.id,
    name: row.name,
    jobPath: row.job_path,
    policy: row.policy,
    status: row.status,
    created: row.created,
    updated: row.updated,
    ...(row.report != null ? { report: JSON.parse(row.report) } : {}),
    ...(row.error != null ? { error: row.error } : {})
  }
}
