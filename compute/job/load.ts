import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { compileProgram } from '../program/index.js'
import { JobFileError } from './errors.js'
import { jobFileSchema } from './schema.js'
import type { Program } from '../program/index.js'
import type { JobFile } from './schema.js'

/** A validated job: the file's content, its data path resolved, its program compiled. */
export interface Job {
  /** the job file, or '<inline>' */
  file: string
  spec: JobFile
  /** absolute path of the data file */
  dataPath: string
  program: Program
}

function jsonPath (path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.')
}

/**
 * Validate a parsed job file (`source` names it in errors; relative data paths resolve against
 * `baseDir`). Throws `JobFileError` for the format, `ProgramError` for the program.
 */
export function parseJob (json: unknown, source: string, baseDir: string): Job {
  const r = jobFileSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]
    const path = jsonPath(issue?.path ?? [])
    const message = issue?.code === 'unrecognized_keys'
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(k => `"${k}"`).join(', ')}`
      : issue?.message ?? 'invalid'
    throw new JobFileError('SCHEMA', path, `${source}: ${path === '' ? '' : `${path}: `}${message}`)
  }
  const spec = r.data
  const program = compileProgram(spec.program, spec.data.columns, { source })
  const dataPath = isAbsolute(spec.data.path) ? spec.data.path : resolve(baseDir, spec.data.path)
  return { file: source, spec, dataPath, program }
}

/** Read and validate a job file. */
export async function loadJobFile (file: string): Promise<Job> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e: any) {
    throw new JobFileError('NOT_FOUND', '', `${file}: cannot read the job file (${e.code ?? e.message})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e: any) {
    throw new JobFileError('JSON', '', `${file}: not valid JSON (${e.message})`)
  }
  return parseJob(json, file, dirname(resolve(file)))
}
