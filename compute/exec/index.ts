export { ExecError } from './errors.js'
export { combine } from './combine.js'
export { checkIntegerRange, programColumns, runPlain } from './plain.js'
export type { Outputs, PartialValue, SubtaskPartials } from './partials.js'
