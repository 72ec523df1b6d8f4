/**
 * Validation at the edge: every file, config and CLI value is checked against a schema before the
 * inside of the program sees it, and a failure is reported as one line that names the file, the
 * path inside it and what was wrong, e.g.
 * `bootstrap.json: subnets[1].hub.addrs[0]: "/ip4/1.2.3" is not a multiaddr`.
 *
 * It lives in `keys/` because every layer validates input and `keys/` is the layer all may import.
 */
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'

/** A file or value that failed validation. Exit code 2. */
export class InvalidInputError extends Error {
  static name = 'InvalidInputError'
  readonly exitCode = 2
  readonly source: string
  readonly path: string

  constructor (source: string, path: string, problem: string) {
    super(path === '' ? `${source}: ${problem}` : `${source}: ${path}: ${problem}`)
    this.name = 'InvalidInputError'
    this.source = source
    this.path = path
  }
}

/** Render a schema path as `subnets[1].hub.addrs[0]`. */
export function formatPath (path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') {
      out += `[${p}]`
    } else {
      out += out === '' ? String(p) : `.${String(p)}`
    }
  }
  return out
}

/**
 * Parse `value` with `schema`, or throw an `InvalidInputError` for the first problem (with a count
 * of the others, so one line still tells the user there is more to fix).
 */
export function parseWith<S extends z.ZodType> (schema: S, value: unknown, source: string): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) {
    return result.data
  }
  const issues = result.error.issues
  const first = issues[0]
  if (first == null) {
    throw new InvalidInputError(source, '', 'invalid')
  }
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : ''
  throw new InvalidInputError(source, formatPath(first.path), describeIssue(first) + more)
}

function describeIssue (issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    return `is required (${issue.expected})`
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(k => JSON.stringify(k)).join(', ')}`
  }
  return issue.message
}

/** Read and parse a JSON file, reporting a missing file or bad JSON as one line. */
export async function readJsonFile (path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e: any) {
    throw new InvalidInputError(path, '', e.code === 'ENOENT' ? 'no such file' : `cannot read (${e.code ?? e.message})`)
  }
  try {
    return JSON.parse(text)
  } catch (e: any) {
    throw new InvalidInputError(path, '', `not valid JSON (${e.message})`)
  }
}
