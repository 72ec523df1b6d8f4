/**
 * The CLI's output layer: the only place (with the demo) that writes to stdout/stderr directly.
 *
 * Errors a user can cause carry a numeric `exitCode` (see `isUserError`); they are printed as one
 * line without a stack trace. Anything else is a bug and keeps its stack.
 */

export interface UserFacingError extends Error {
  exitCode: number
}

/** True when `err` is an error the user caused (bad input, refused request) rather than a bug. */
export function isUserError (err: unknown): err is UserFacingError {
  return err instanceof Error && typeof (err as Partial<UserFacingError>).exitCode === 'number'
}

/** Write one line to stdout. */
export function out (line: string): void {
  process.stdout.write(line + '\n')
}

/** Write one line to stderr. */
export function err (line: string): void {
  process.stderr.write(line + '\n')
}

/** Print `data` as JSON when `json` is set, otherwise the human rendering. */
export function emit (json: boolean | undefined, data: unknown, human: () => string): void {
  if (json === true) {
    out(JSON.stringify(data, null, 2))
  } else {
    const text = human()
    if (text !== '') {
      out(text)
    }
  }
}

/** Print a failure and choose the exit code: one line for user errors, the stack for bugs. */
export function reportFailure (e: unknown): number {
  if (isUserError(e)) {
    err(`shulian: ${firstLine(e.message)}`)
    return e.exitCode
  }
  err(`shulian: internal error (this is a bug, please report it):`)
  err(e instanceof Error ? (e.stack ?? e.message) : String(e))
  return 1
}

function firstLine (s: string): string {
  const i = s.indexOf('\n')
  return i === -1 ? s : s.slice(0, i)
}

/** Render rows as an aligned text table. */
export function table (header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map(r => r.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map(r => (r[i] ?? '').length)))
  return cells
    .map(r => r.map((c, i) => i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)).join('  ').trimEnd())
    .join('\n')
}
