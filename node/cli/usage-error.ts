/** A bad command line: unknown flag, missing argument, invalid value. Exit code 2. */
export class UsageError extends Error {
  static name = 'UsageError'
  readonly exitCode = 2

  constructor (message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
