// What bench/he uses of the project, in one place.
export { HeRenter, WorkerPool, compileProgram, createHePool, evaluateSubtask, tableOf } from '../../compute/index.js'
export type { TaskResult, TaskTable } from '../../compute/index.js'
export { HE_PARAMETER_SETS, heParamSet } from '../../keys/index.js'
export type { HeParamSet } from '../../keys/index.js'
