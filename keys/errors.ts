/** A key file that is missing, malformed, or readable by others. Exit code 2. */
export class KeyFileError extends Error {
  static name = 'KeyFileError'
  readonly exitCode = 2

  constructor (message: string) {
    super(message)
    this.name = 'KeyFileError'
  }
}
