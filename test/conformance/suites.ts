/**
 * The protocol suites: every module in `protocols/` that exports `suite`. A protocol plugs in with
 * one file there; nothing else lists them.
 */
import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ProtocolSuite } from './requirement.js'

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'protocols')

export async function loadSuites (): Promise<ProtocolSuite[]> {
  const out: ProtocolSuite[] = []
  for (const file of (await readdir(DIR)).sort()) {
    if (!file.endsWith('.js') || file.endsWith('.test.js')) continue
    const mod = await import(join(DIR, file)) as { suite?: ProtocolSuite }
    if (mod.suite != null) out.push(mod.suite)
  }
  return out
}
