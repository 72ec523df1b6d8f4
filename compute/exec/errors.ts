/** A job that cannot be executed as asked (a value out of range, a missing column). Exit code 2. */
export class ExecError extends Error {
  static name = 'ExecError'
  readonly exitCode = 2
  readonly code: 'COLUMN' | 'OVERFLOW' | 'DEPTH' | 'SHAPE' | 'NOISE' | 'RESULT'

  constructor (code: ExecError['code'], message: string) {
    super(message)
    this.name = 'ExecError'
    this.code = code
  }
}
