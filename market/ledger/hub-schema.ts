/**
 * The hub's ledger schema (market.db in the hub's data directory). One migration per entry;
 * never edit a released one, append.
 *
 * - orders: the members' orders this hub keeps. For a SELL, free = cores − held reservations −
 *   live leases (capacity comes back when a lease ends or expires); for a BUY, free = cores −
 *   leased − being leased (formations in flight).
 * - reservations: capacity of one of our SELLs held for another hub's BUY (this hub is the lessor's).
 * - formations: leases this hub is forming for its members' BUYs with other hubs (renter's side),
 *   the durable state that drives recovery after a crash.
 * - leases: every lease this hub signed, as renter's hub, lessor's hub or both.
 * - deliveries: (lease, member) pairs still to be delivered to a member.
 */
export const HUB_MIGRATIONS: readonly string[] = [`
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

CREATE TABLE owners (
  owner TEXT PRIMARY KEY,
  max_seq INTEGER NOT NULL
) STRICT;

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('sell', 'buy')),
  seq INTEGER NOT NULL,
  signed BLOB NOT NULL,
  cores INTEGER NOT NULL,
  memory INTEGER NOT NULL,
  price INTEGER NOT NULL,
  classes TEXT NOT NULL,
  accepted_at INTEGER NOT NULL,
  expires INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'filled', 'cancelled', 'expired')),
  free_cores INTEGER NOT NULL CHECK (free_cores >= 0),
  free_memory INTEGER NOT NULL CHECK (free_memory >= 0),
  filled_cores INTEGER NOT NULL DEFAULT 0 CHECK (filled_cores >= 0),
  filled_memory INTEGER NOT NULL DEFAULT 0 CHECK (filled_memory >= 0),
  UNIQUE (owner, seq)
) STRICT;
CREATE INDEX orders_open ON orders (side, status, expires);
CREATE INDEX orders_owner ON orders (owner, accepted_at);

CREATE TABLE reservations (
  id TEXT PRIMARY KEY,
  sell_id TEXT NOT NULL REFERENCES orders (id),
  renter_hub TEXT NOT NULL,
  buy BLOB NOT NULL,
  cores INTEGER NOT NULL CHECK (cores > 0),
  memory INTEGER NOT NULL CHECK (memory >= 0),
  state TEXT NOT NULL CHECK (state IN ('held', 'leased', 'released')),
  created INTEGER NOT NULL,
  expires INTEGER NOT NULL
) STRICT;
CREATE INDEX reservations_held ON reservations (state, expires);

CREATE TABLE formations (
  id TEXT PRIMARY KEY,
  buy_id TEXT NOT NULL REFERENCES orders (id),
  sell_id TEXT NOT NULL,
  sell BLOB NOT NULL,
  lessor_hub TEXT NOT NULL,
  cores INTEGER NOT NULL CHECK (cores > 0),
  memory INTEGER NOT NULL CHECK (memory >= 0),
  state TEXT NOT NULL CHECK (state IN ('reserving', 'proposed', 'done', 'failed')),
  proposal BLOB,
  reason TEXT,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL
) STRICT;
CREATE INDEX formations_pending ON formations (state);

CREATE TABLE leases (
  id TEXT PRIMARY KEY,
  signed BLOB NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('renter', 'lessor', 'both')),
  renter TEXT NOT NULL,
  lessor TEXT NOT NULL,
  renter_hub TEXT NOT NULL,
  lessor_hub TEXT NOT NULL,
  buy_id TEXT NOT NULL,
  sell_id TEXT NOT NULL,
  cores INTEGER NOT NULL,
  memory INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'expired')),
  ended_at INTEGER,
  confirmed INTEGER NOT NULL,
  end_synced INTEGER NOT NULL DEFAULT 1,
  created INTEGER NOT NULL
) STRICT;
CREATE INDEX leases_active ON leases (status, end);
CREATE INDEX leases_buy ON leases (buy_id);
CREATE INDEX leases_sell ON leases (sell_id);

CREATE TABLE deliveries (
  lease_id TEXT NOT NULL REFERENCES leases (id),
  peer TEXT NOT NULL,
  PRIMARY KEY (lease_id, peer)
) STRICT;
`]
