#!/usr/bin/env node
// The shulian command. libp2p 3 needs Node >= 22 and the project pins Node 24 through the `node`
// devDependency; when this file is started by an older system Node (a shebang, a global shell),
// re-run it on the pinned runtime instead of failing on syntax or missing APIs.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const major = Number(process.versions.node.split('.')[0])

if (major < 24) {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node')
  if (!existsSync(pinned)) {
    process.stderr.write(`shulian: needs Node.js >= 24 (this is ${process.version}); run \`npm install\` in ${root} to get the pinned runtime\n`)
    process.exit(1)
  }
  const r = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(r.status ?? 1)
}

const main = join(root, 'dist', 'node', 'cli', 'main.js')
if (!existsSync(main)) {
  process.stderr.write(`shulian: ${main} is missing; run \`npm run build\` in ${root}\n`)
  process.exit(1)
}
await import(main)
