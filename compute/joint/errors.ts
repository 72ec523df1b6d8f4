/**
 * What can go wrong in a joint task that a user can fix: the training file, either side's data,
 * the other side's answer. Exit code 2 (bad input); the message is one line that says what, where,
 * and what to do.
 */
export type JointErrorCode =
  | 'SPEC' // the training file (FL.json)
  | 'DATA' // a data file: header, values, ids, column counts
  | 'MISALIGNED' // the two owners' id columns do not hold the same ids
  | 'COLUMNS' // the features one side serves are not those the other expects
  | 'SINGULAR' // a feature is constant or a combination of others
  | 'RANGE' // values beyond what the HE parameters hold

export class JointError extends Error {
  static name = 'JointError'
  readonly exitCode = 2
  readonly code: JointErrorCode

  constructor (code: JointErrorCode, message: string) {
    super(message)
    this.name = 'JointError'
    this.code = code
  }
}
