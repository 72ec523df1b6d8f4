/**
 * `/shulian/task/1.0.0`: a renter hands a lessor one subtask under a lease, with protected input,
 * and gets the protected result back. See README.md for the wire spec.
 */
import { TaskLessor } from './lessor.js'
import type { TaskLessorComponents, TaskLessorInit } from './lessor.js'

export { PROTOCOL as TASK_PROTOCOL, CHUNK_SIZE as TASK_CHUNK_SIZE } from './constants.js'
export { TaskError } from './errors.js'
export type { TaskErrorCode } from './errors.js'
export { runSubtask } from './client.js'
export type { SubtaskOutcome, SubtaskProgress, SubtaskRequest } from './client.js'
export type { TaskAuthorizeRequest, TaskGrant, TaskLessor, TaskLessorInit, TaskMode } from './lessor.js'

/** The lessor side, as a libp2p service. */
export function taskLessor (init: TaskLessorInit): (components: TaskLessorComponents) => TaskLessor {
  return (components) => new TaskLessor(components, init)
}
