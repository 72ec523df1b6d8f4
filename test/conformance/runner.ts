/**
 * Running the requirement index against targets: for each target, each wire requirement of its
 * role runs (requirements that wait for a target's timeout run alongside the others), and each
 * client requirement is listed with the unit test that covers it. Results become table rows.
 */
import { Skip, TargetContext } from './context.js'
import type { Options, Target } from './context.js'
import type { KeyRing } from './keys.js'
import type { LeaseInfo } from './lease-file.js'
import type { ProtocolSuite, Requirement } from './requirement.js'

export type Result = 'PASS' | 'FAIL' | 'SKIP' | 'UNIT'

export interface Row {
  id: string
  protocol: string
  must: string
  target: string
  result: Result
  ms: number
  detail: string
}

export interface RunInit {
  suites: ProtocolSuite[]
  targets: Target[]
  ring: KeyRing
  lease?: (target: Target) => LeaseInfo | undefined
  options: Options
  /** run only requirements whose id starts with one of these */
  only?: string[]
  /** called as each row is decided */
  onRow?: (row: Row) => void
}

function firstLine (e: unknown): string {
  const m = e instanceof Error ? e.message : String(e)
  return (m.split('\n')[0] ?? '').slice(0, 300)
}

async function runOne (r: Requirement, suite: ProtocolSuite, ctx: TargetContext, name: string): Promise<Row> {
  const started = Date.now()
  const row = (result: Result, detail: string): Row => ({ id: r.id, protocol: suite.name, must: r.must, target: name, result, ms: Date.now() - started, detail })
  try {
    await (r.run as NonNullable<Requirement['run']>)(ctx)
    return row('PASS', '')
  } catch (e) {
    if (e instanceof Skip) return row('SKIP', e.message)
    return row('FAIL', firstLine(e))
  }
}

export async function run (init: RunInit): Promise<Row[]> {
  const rows: Row[] = []
  const selected = (r: Requirement): boolean => init.only == null || init.only.some(p => r.id === p || r.id.startsWith(`${p}-`) || r.id.startsWith(`${p}.`) || r.id.startsWith(p))
  for (const suite of init.suites) {
    for (const r of suite.requirements) {
      if (selected(r) && r.kind === 'client') {
        const row: Row = { id: r.id, protocol: suite.name, must: r.must, target: '(client side: not live)', result: 'UNIT', ms: 0, detail: `binds the side that opens the stream, no target can show it; unit test of this implementation: ${r.unit == null ? 'none' : `${r.unit.file} › ${r.unit.test}`}` }
        rows.push(row)
        init.onRow?.(row)
      }
    }
  }
  for (const target of init.targets) {
    const ctx = new TargetContext(target, init.ring, init.options, init.lease?.(target))
    const name = `${target.entry.name} (${target.entry.role})`
    const wire = init.suites.flatMap(s => s.requirements.filter(r => r.kind !== 'client' && (r.role == null || r.role === target.entry.role) && selected(r)).map(r => ({ r, s })))
    try {
      // the ones that wait for a timeout of the target run meanwhile
      const slow = wire.filter(x => x.r.slow === true).map(async x => runOne(x.r, x.s, ctx, name))
      for (const x of wire.filter(x => x.r.slow !== true)) {
        const row = await runOne(x.r, x.s, ctx, name)
        rows.push(row)
        init.onRow?.(row)
      }
      for (const row of await Promise.all(slow)) {
        rows.push(row)
        init.onRow?.(row)
      }
    } finally {
      await ctx.close()
    }
  }
  return rows
}

/** The table: one row per requirement and target, then the counts. */
export function table (rows: Row[]): string {
  const w = { id: 12, target: 24, must: 62 }
  const cut = (s: string, n: number): string => s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n)
  const lines = [`${'requirement'.padEnd(w.id)}  ${'target'.padEnd(w.target)}  ${'MUST (abbreviated)'.padEnd(w.must)}  result`]
  lines.push('-'.repeat(lines[0]?.length ?? 0))
  const order = (id: string): string => id.replace(/\d+/g, d => d.padStart(4, '0'))
  for (const r of [...rows].sort((a, b) => order(a.id).localeCompare(order(b.id)) || a.target.localeCompare(b.target))) {
    const detail = r.detail !== '' && r.result !== 'PASS' ? `  ${r.detail}` : ''
    lines.push(`${cut(r.id, w.id)}  ${cut(r.target, w.target)}  ${cut(r.must, w.must)}  ${r.result}${detail}`)
  }
  const count = (res: Result): number => rows.filter(r => r.result === res).length
  lines.push('')
  lines.push(`rows: PASS ${count('PASS')}, FAIL ${count('FAIL')}, SKIP ${count('SKIP')}, UNIT ${count('UNIT')} (MUSTs of the side that opens a stream: not testable against a live node, checked by the unit tests named)`)
  return lines.join('\n')
}
