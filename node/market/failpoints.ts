/**
 * Crash injection for the crash-safety tests: with SHULIAN_FAILPOINTS=1 in a node's environment,
 * a file `<dataDir>/failpoint` naming a point (e.g. `renter:after-proposed`) makes the node kill
 * itself with SIGKILL the next time it passes that point (the file is removed first, so the
 * restarted node runs on). Without the variable the check is a no-op.
 */
import { readFileSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'

export const FAILPOINTS_ENV = 'SHULIAN_FAILPOINTS'

export function failpoints (dataDir: string): ((name: string) => void) | undefined {
  if (process.env[FAILPOINTS_ENV] !== '1') return undefined
  const file = join(dataDir, 'failpoint')
  return (name) => {
    let armed: string
    try {
      armed = readFileSync(file, 'utf8').trim()
    } catch {
      return
    }
    if (armed !== name) return
    unlinkSync(file)
    process.kill(process.pid, 'SIGKILL')
  }
}
