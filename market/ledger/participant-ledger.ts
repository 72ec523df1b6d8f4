/**
 * A participant's durable ledger (market.db in its data directory): the orders it signed (kept
 * before they are sent, so that one whose fate is unknown after a crash is sent again, with the
 * same id), and the leases its hub delivered.
 */
import { Database } from './sqlite.js'
import type { LeaseStatus } from '../json.js'

export const PARTICIPANT_MIGRATIONS: readonly string[] = [`
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  side TEXT NOT NULL CHECK (side IN ('sell', 'buy')),
  signed BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'placed', 'rejected')),
  error TEXT,
  created INTEGER NOT NULL
) STRICT;

CREATE TABLE leases (
  id TEXT PRIMARY KEY,
  signed BLOB NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('renter', 'lessor')),
  buy_id TEXT NOT NULL,
  sell_id TEXT NOT NULL,
  cores INTEGER NOT NULL,
  end INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'expired')),
  ended_at INTEGER,
  received INTEGER NOT NULL
) STRICT;
CREATE INDEX leases_buy ON leases (buy_id);
`]

export interface ParticipantOrderRow {
  id: string
  side: 'sell' | 'buy'
  signed: Uint8Array
  state: 'pending' | 'placed' | 'rejected'
  error: string | null
  created: number
}

export interface ParticipantLeaseRow {
  id: string
  signed: Uint8Array
  role: 'renter' | 'lessor'
  buyId: string
  sellId: string
  cores: number
  end: number
  status: LeaseStatus
  endedAt: number | null
  received: number
}

const LEASE = 'id, signed, role, buy_id AS buyId, sell_id AS sellId, cores, end, status, ended_at AS endedAt, received'

export class ParticipantLedger {
  readonly db: Database

  constructor (path: string) {
    this.db = new Database(path, PARTICIPANT_MIGRATIONS)
  }

  close (): void {
    this.db.close()
  }

  /** The next order sequence number: increasing across restarts (and across a lost ledger, by the clock). */
  nextSeq (now: number): bigint {
    return this.db.tx(() => {
      const last = this.db.get<{ value: number }>('SELECT value FROM meta WHERE key = \'seq\'')?.value ?? 0
      const next = Math.max(last + 1, now * 1000)
      this.db.run('INSERT INTO meta (key, value) VALUES (\'seq\', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', next)
      return BigInt(next)
    })
  }

  addOrder (id: string, side: 'sell' | 'buy', signed: Uint8Array, now: number): void {
    this.db.run('INSERT OR IGNORE INTO orders (id, side, signed, state, created) VALUES (?, ?, ?, \'pending\', ?)', id, side, signed, now)
  }

  order (id: string): ParticipantOrderRow | undefined {
    return this.db.get<ParticipantOrderRow>('SELECT id, side, signed, state, error, created FROM orders WHERE id = ?', id)
  }

  orders (): ParticipantOrderRow[] {
    return this.db.all<ParticipantOrderRow>('SELECT id, side, signed, state, error, created FROM orders ORDER BY created DESC, id')
  }

  /** Orders sent whose acceptance the hub has not confirmed. */
  pendingOrders (): ParticipantOrderRow[] {
    return this.db.all<ParticipantOrderRow>('SELECT id, side, signed, state, error, created FROM orders WHERE state = \'pending\' ORDER BY created')
  }

  markPlaced (id: string): void {
    this.db.run('UPDATE orders SET state = \'placed\', error = NULL WHERE id = ?', id)
  }

  markRejected (id: string, error: string): void {
    this.db.run('UPDATE orders SET state = \'rejected\', error = ? WHERE id = ?', error, id)
  }

  /** Keep a lease (once: a redelivery updates only its status). True when it is new. */
  putLease (l: { id: string, signed: Uint8Array, role: 'renter' | 'lessor', buyId: string, sellId: string, cores: number, end: number, status: LeaseStatus, endedAt: number | null, now: number }): boolean {
    return this.db.tx(() => {
      const existing = this.lease(l.id)
      if (existing == null) {
        this.db.run('INSERT INTO leases (id, signed, role, buy_id, sell_id, cores, end, status, ended_at, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          l.id, l.signed, l.role, l.buyId, l.sellId, l.cores, l.end, l.status, l.endedAt, l.now)
        return true
      }
      if (existing.status === 'active' && l.status !== 'active') {
        this.db.run('UPDATE leases SET status = ?, ended_at = ? WHERE id = ?', l.status, l.endedAt, l.id)
      }
      return false
    })
  }

  lease (id: string): ParticipantLeaseRow | undefined {
    return this.db.get<ParticipantLeaseRow>(`SELECT ${LEASE} FROM leases WHERE id = ?`, id)
  }

  leases (filter: { buyId?: string } = {}): ParticipantLeaseRow[] {
    return filter.buyId != null
      ? this.db.all<ParticipantLeaseRow>(`SELECT ${LEASE} FROM leases WHERE buy_id = ? ORDER BY received, id`, filter.buyId)
      : this.db.all<ParticipantLeaseRow>(`SELECT ${LEASE} FROM leases ORDER BY received DESC, id`)
  }

  /** Active leases past their end are expired. */
  expireLeases (now: number): void {
    this.db.run('UPDATE leases SET status = \'expired\' WHERE status = \'active\' AND end <= ?', now)
  }
}
