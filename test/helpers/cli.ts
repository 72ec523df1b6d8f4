/** Run the built `shulian` CLI as a separate process, as a user would. */
import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
export const CLI = join(ROOT, 'dist', 'node', 'cli', 'main.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export async function cli (args: string[], options: { cwd?: string, env?: NodeJS.ProcessEnv, timeout?: number } = {}): Promise<CliResult> {
  return new Promise(resolve => {
    execFile(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, timeout: options.timeout ?? 120_000, maxBuffer: 64 * 1024 * 1024 }, (err: any, stdout, stderr) => {
      resolve({ code: err == null ? 0 : (typeof err.code === 'number' ? err.code : 1), stdout, stderr })
    })
  })
}

/** Run the CLI and parse its JSON output; fail with its stderr when it fails. */
export async function cliJson<T = any> (args: string[], options: { cwd?: string, timeout?: number } = {}): Promise<T> {
  const r = await cli([...args, '--json'], options)
  if (r.code !== 0) {
    throw new Error(`shulian ${args.join(' ')} exited ${r.code}: ${r.stderr.trim() !== '' ? r.stderr.trim() : `(nothing on stderr; stdout: ${r.stdout.trim().slice(0, 2000)})`}`)
  }
  return JSON.parse(r.stdout) as T
}

/** Poll `check` until it returns a value other than undefined, or fail after `ms` with `what`. */
export async function waitFor<T> (what: string, check: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await check()
      if (v !== undefined) {
        return v
      }
    } catch (e) {
      last = e
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${last != null ? ` (last error: ${String(last)})` : ''}`)
}
