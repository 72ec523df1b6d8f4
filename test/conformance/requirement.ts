/**
 * The shape of the requirement index: one `ProtocolSuite` per protocol README (a file in
 * `protocols/`), one `Requirement` per tested MUST. Every MUST sentence of the README must contain
 * the `quote` of at least one requirement; `index.test.ts` checks that, so a MUST added to a spec
 * without a test fails the default suite.
 */
import type { TargetContext } from './context.js'

export interface Requirement {
  /** `<protocol>-<section>.<n>`, stable: tables and reports name requirements by it */
  id: string
  /** the MUST, abbreviated, as the table prints it */
  must: string
  /** a phrase of the README's MUST sentence this requirement tests (backticks and ** are ignored) */
  quote: string
  /**
   * `wire` (default): tested against a running target over real connections. `client`: an
   * obligation of the side that opens the stream (a renter, a pusher, a dialer), which no target
   * can be made to show on demand: tested against this implementation by the unit test named in
   * `unit` (run by `npm test`), and listed in the table as such.
   */
  kind?: 'wire' | 'client'
  /** wire: the role of target it applies to */
  role?: 'hub' | 'participant'
  /** wire: waits for a timeout of the target (run alongside the others) */
  slow?: boolean
  /** wire: throws to fail, throws `Skip` when the keys it needs were not given */
  run?: (ctx: TargetContext) => Promise<void>
  /** client: the unit test that checks this implementation */
  unit?: { file: string, test: string }
}

export interface ProtocolSuite {
  /** protocol id, e.g. /shulian/relay/1.0.0 */
  protocol: string
  /** short name, the prefix of requirement ids */
  name: string
  /** the spec, relative to the repository root */
  readme: string
  requirements: Requirement[]
}
