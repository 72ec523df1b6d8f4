export { WorkerPool, ownBytes, reviveError } from './pool.js'
export type { TaskRunner, WorkerPoolInit } from './pool.js'
export { inProcessRunner } from './in-process.js'
export type { TaskResult, TaskTable } from './worker.js'
