#!/usr/bin/env node
// The shulian command. libp2p 3 needs Node >= 22 and the project pins Node 24 through the `node`
// devDependency; when this file is started by an older system Node (a shebang, a global shell),
// it re-runs itself on the pinned runtime. `shulian node start` also re-runs itself with the V8
// flags a long-running node wants (a small young generation keeps its resident memory low; an
// exposed gc() lets an operator tell garbage from a leak: POST /debug/gc on the control API).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const major = Number(process.versions.node.split('.')[0])
const args = process.argv.slice(2)
// keep in step with NODE_PROCESS_FLAGS in node/net/processes.ts
const NODE_FLAGS = ['--max-semi-space-size=4', '--expose-gc']

function rerun (execPath, flags) {
  const child = spawn(execPath, [...flags, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, SHULIAN_RERUN: '1' }
  })
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => { child.kill(sig) })
  }
  child.on('exit', (code, signal) => { process.exit(code ?? (signal != null ? 1 : 0)) })
}

if (major < 24) {
  const pinned = join(root, 'node_modules', 'node', 'bin', 'node')
  if (!existsSync(pinned)) {
    process.stderr.write(`shulian: needs Node.js >= 24 (this is ${process.version}); run \`npm install\` in ${root} to get the pinned runtime\n`)
    process.exit(1)
  }
  rerun(pinned, args[0] === 'node' && args[1] === 'start' ? NODE_FLAGS : [])
} else if (args[0] === 'node' && args[1] === 'start' && process.env.SHULIAN_RERUN === undefined && !process.execArgv.some(a => a.startsWith('--max-semi-space-size'))) {
  rerun(process.execPath, NODE_FLAGS)
} else {
  const main = join(root, 'dist', 'node', 'cli', 'main.js')
  if (!existsSync(main)) {
    process.stderr.write(`shulian: ${main} is missing; run \`npm run build\` in ${root}\n`)
    process.exit(1)
  }
  await import(main)
}
