/** Error codes of TaskEvent.ERROR (README.md). */
export type TaskErrorCode =
  | 'MALFORMED' // the request or data does not decode or breaks the spec
  | 'NO_LEASE' // no valid lease names this lessor, this renter and this lease id
  | 'LEASE_EXPIRED' // the lease is not in force now
  | 'OVER_LEASE' // more input, or more concurrent subtasks, than the lease allows
  | 'MODE_UNAVAILABLE' // the lease does not cover this protection mode, or the lessor has no enclave
  | 'BAD_INPUT' // the lessor's executor refused the input (HE objects, enclave input)
  | 'FAILED' // the computation failed
  | 'CANCELLED' // the lessor is stopping

/** A lessor refused or failed a subtask. */
export class TaskError extends Error {
  static name = 'TaskError'
  readonly exitCode = 1
  readonly code: TaskErrorCode

  constructor (code: TaskErrorCode, message: string) {
    super(message)
    this.name = 'TaskError'
    this.code = code
  }
}
