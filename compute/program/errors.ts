/** Why a program was refused at validation. */
export type ProgramErrorCode =
  | 'SYNTAX' // not an expression
  | 'UNSUPPORTED' // an operation homomorphic encryption cannot do (comparison, division by a column, ...)
  | 'UNKNOWN_NAME' // a name that is neither a column nor an intermediate
  | 'CYCLE' // intermediates that refer to each other
  | 'TOO_DEEP' // more multiplications in a row than any allowed parameter set evaluates
  | 'CONSTANT' // an output that depends on no column
  | 'INVALID' // a compiled program (received as bytes) that is inconsistent

/**
 * A program in a job file (or received from a peer) that cannot be run. `path` is where in the job
 * file, as a JSON path (`program.let.score`). Exit code 2: the job file is at fault.
 */
export class ProgramError extends Error {
  static name = 'ProgramError'
  readonly exitCode = 2
  readonly code: ProgramErrorCode
  readonly path: string

  constructor (code: ProgramErrorCode, path: string, detail: string, source?: string) {
    super(`${source !== undefined ? `${source}: ` : ''}${path}: ${detail}`)
    this.name = 'ProgramError'
    this.code = code
    this.path = path
  }
}
