/** A data file that cannot be read as the job's table. Exit code 2. */
export class DataError extends Error {
  static name = 'DataError'
  readonly exitCode = 2
  readonly code: 'NOT_FOUND' | 'HEADER' | 'VALUE' | 'EMPTY'

  constructor (code: DataError['code'], message: string) {
    super(message)
    this.name = 'DataError'
    this.code = code
  }
}
