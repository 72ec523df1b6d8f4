/** A job file that is missing or does not follow the job file format. Exit code 2. */
export class JobFileError extends Error {
  static name = 'JobFileError'
  readonly exitCode = 2
  readonly code: 'NOT_FOUND' | 'JSON' | 'SCHEMA'
  /** JSON path of the offending field, e.g. `data.columns.age` ('' for the whole file) */
  readonly path: string

  constructor (code: JobFileError['code'], path: string, message: string) {
    super(message)
    this.name = 'JobFileError'
    this.code = code
    this.path = path
  }
}
