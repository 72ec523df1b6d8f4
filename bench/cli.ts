/** What the benches that run a network share: the built CLI, run as a user would, and output. */
import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const CLI = join(ROOT, 'dist', 'node', 'cli', 'main.js')

export const out = (s: string): void => { process.stdout.write(s + '\n') }

/** Run `shulian ARGS --json` and parse its output; reject with its last stderr line. */
export async function cli (...args: string[]): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args, '--json'], { maxBuffer: 64 * 1024 * 1024, timeout: 60 * 60_000 }, (err, stdout, stderr) => {
      if (err != null) reject(new Error(`shulian ${args.join(' ')}: ${stderr.trim().split('\n').at(-1) ?? err.message}`))
      else resolve(JSON.parse(stdout))
    })
  })
}
