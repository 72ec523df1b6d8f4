/** Starting and stopping node processes, and finding them again through their pid files. */
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { files } from '../data-dir.js'

/**
 * V8 flags for node processes. Node sizes the young generation from the machine's memory (here
 * up to 3 x 32 MiB), and a node's live heap is ~30 MB: a small young generation keeps a hub's
 * resident memory near what it actually uses, at the price of more (cheap) scavenges.
 */
export const NODE_PROCESS_FLAGS = ['--max-semi-space-size=4', '--expose-gc']

/** The CLI entry point that node processes run. */
export const CLI_MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'main.js')

/**
 * Whether process `pid` is running. A killed node whose parent has exited stays a zombie until
 * init reaps it, and some inits reap late; `kill(pid, 0)` succeeds on a zombie, so on Linux the
 * process state is read from /proc as well.
 */
export function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (e: any) {
    return e.code === 'EPERM'
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the state follows the parenthesised command name, which may itself contain ") "
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

/** The pid of the node process of a data dir, if it is running. */
export async function runningPid (dataDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(files.pid(dataDir), 'utf8')).trim())
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Start `shulian node start --config <dataDir>/node.json` as a detached process logging to node.log.
 * `launcher` goes before the node binary, for a launcher that ends by exec'ing its arguments (so
 * the pid stays the node's), e.g. `['ip', 'netns', 'exec', 'host-1']` to run it on another network.
 */
export async function startNodeProcess (dataDir: string, env: NodeJS.ProcessEnv = process.env, launcher: string[] = []): Promise<number> {
  const log = openSync(files.log(dataDir), 'a')
  try {
    const argv = [...launcher, process.execPath, ...NODE_PROCESS_FLAGS, CLI_MAIN, 'node', 'start', '--config', files.config(dataDir)]
    const child = spawn(argv[0] ?? process.execPath, argv.slice(1), {
      detached: true,
      stdio: ['ignore', log, log],
      env
    })
    child.unref()
    const pid = child.pid
    if (pid === undefined) {
      throw new Error(`could not start a node process for ${dataDir}`)
    }
    await writeFile(files.pid(dataDir), `${pid}\n`)
    return pid
  } finally {
    closeSync(log)
  }
}

/** Wait until `pid` has exited, up to `ms`; true if it did. */
export async function waitExit (pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (alive(pid)) {
    if (Date.now() > deadline) {
      return false
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return true
}

/** Stop the node of a data dir: SIGTERM, then SIGKILL after `graceMs`. Returns how it ended. */
export async function stopNodeProcess (dataDir: string, graceMs = 10_000): Promise<'stopped' | 'killed' | 'not running'> {
  const pid = await runningPid(dataDir)
  let result: 'stopped' | 'killed' | 'not running' = 'not running'
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM')
    result = 'stopped'
    if (!await waitExit(pid, graceMs)) {
      process.kill(pid, 'SIGKILL')
      await waitExit(pid, 5_000)
      result = 'killed'
    }
  }
  await rm(files.pid(dataDir), { force: true })
  return result
}

/** The last non-empty line of a node's log, to say why it stopped. */
export async function lastLogLine (dataDir: string): Promise<string> {
  try {
    const lines = (await readFile(files.log(dataDir), 'utf8')).split('\n').filter(l => l.trim() !== '')
    return lines.at(-1) ?? '(empty log)'
  } catch {
    return '(no log)'
  }
}
