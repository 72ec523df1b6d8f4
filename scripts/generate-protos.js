// Regenerate every pb/*.ts from its pb/*.proto with protons (`npm run generate`).
// The generated files are committed; never edit them by hand.
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const skip = new Set(['node_modules', 'dist', '.git'])
const protos = []

function walk (dir) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p)
    else if (name.endsWith('.proto') && dir.endsWith('/pb')) protos.push(p)
  }
}

walk(root)
if (protos.length === 0) {
  console.log('no pb/*.proto files')
} else {
  execFileSync(join(root, 'node_modules', '.bin', 'protons'), protos, { stdio: 'inherit' })
  for (const p of protos) console.log(`generated ${relative(root, p).replace(/\.proto$/, '.ts')}`)
}
