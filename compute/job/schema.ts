import { z } from 'zod'

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a name of letters, digits and _, not starting with a digit')
const expression = z.string().min(1, 'must be a non-empty expression')

/** Protection policies a job may force (`auto` lets the renter's policy evaluation decide). */
export const POLICIES = ['auto', 'he', 'tee', 'tee+he'] as const

/**
 * The job file, a public contract: fields may be added, never renamed. `data` and `program` are
 * strict (a misspelt field there would silently change the answer); the top level, `lease` and
 * `budget` accept fields that later versions add.
 */
export const jobFileSchema = z.looseObject({
  name: z.string().min(1, 'must be a non-empty string'),
  data: z.strictObject({
    /** CSV file with a header row; relative paths resolve against the job file's folder */
    path: z.string().min(1, 'must be a path to a CSV file'),
    columns: z.record(identifier, z.enum(['int', 'float'])).refine(c => Object.keys(c).length > 0, 'must name at least one column')
  }),
  program: z.strictObject({
    let: z.record(z.string(), expression).optional(),
    outputs: z.record(z.string().min(1), expression).refine(o => Object.keys(o).length > 0, 'must name at least one output')
  }),
  lease: z.looseObject({
    cores: z.number().int().positive(),
    memoryMiB: z.number().int().positive(),
    maxPrice: z.number().nonnegative(),
    /** seconds, or a string like "90s", "30m", "2h", "1d" */
    duration: z.union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?(s|m|h|d)$/, 'must be seconds or a string like "30m", "2h"')])
  }).optional(),
  budget: z.looseObject({
    /** most seconds the renter may spend HE-encrypting the data that leaves it */
    maxSeconds: z.number().positive().optional(),
    /** most memory (MiB) the renter may use for it */
    maxMemoryMiB: z.number().positive().optional(),
    policy: z.enum(POLICIES).optional()
  }).optional()
})

export type JobFile = z.infer<typeof jobFileSchema>
