/**
 * `npm run bench [-- name ...]`: runs every benchmark under bench/<name>/index.ts (or the named
 * ones). Each prints its own table, with its baseline measured in the same run.
 */
import { readdirSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

interface Bench { run: (args: string[]) => Promise<void> }

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2).filter(a => !a.startsWith('-'))
const names = readdirSync(here, { withFileTypes: true })
  .filter(d => d.isDirectory() && existsSync(join(here, d.name, 'index.js')))
  .map(d => d.name)
  .filter(n => wanted.length === 0 || wanted.includes(n))
  .sort()

const unknown = wanted.filter(w => !names.includes(w))
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark(s): ${unknown.join(', ')}\n`)
  process.exit(2)
}

for (const name of names) {
  process.stdout.write(`\n## bench/${name}\n\n`)
  const mod = await import(pathToFileURL(join(here, name, 'index.js')).href) as Bench
  await mod.run(process.argv.slice(2))
}
