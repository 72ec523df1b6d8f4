/**
 * The training file of a joint task (`FL.json`), a public contract: fields may be added, never
 * renamed. It is the renter's side of an agreement with the partner: which of its own columns it
 * brings, which of the partner's features it expects, what compute to lease and when to stop.
 *
 *   {
 *     "name": "vfl-demo",
 *     "data": { "path": "A.csv", "id": "id", "features": ["income", "debt", "tenure"] },
 *     "partner": { "peer": "c-1", "features": ["spend", "visits", "returns"] },
 *     "lease": { "cores": 1, "memoryMiB": 1024, "maxPrice": 10, "duration": "30m" },
 *     "training": { "maxRounds": 100, "tolerance": 1e-9, "step": 1 }
 *   }
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import { z } from 'zod'
import { InvalidInputError, parseWith } from '../../keys/index.js'

const column = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a column name of letters, digits and _, not starting with a digit')
const columns = z.array(column).min(1, 'must name at least one feature').max(256, 'at most 256 features').refine(c => new Set(c).size === c.length, 'names a feature twice')

export const DEFAULT_TRAINING = { maxRounds: 100, tolerance: 1e-9, step: 1 } as const

export const trainingFileSchema = z.looseObject({
  name: z.string().min(1, 'must be a non-empty string').max(128),
  data: z.strictObject({
    /** CSV with a header row; relative paths resolve against the training file's folder */
    path: z.string().min(1, 'must be a path to a CSV file'),
    /** the column both owners align their rows by */
    id: column,
    features: columns
  }),
  partner: z.strictObject({
    /** the third data owner: a participant's name in the network definition, or its peer id */
    peer: z.string().min(1, 'must name a participant'),
    /** the features the partner is expected to bring (it holds the label and the intercept) */
    features: columns
  }),
  lease: z.looseObject({
    cores: z.number().int().positive(),
    memoryMiB: z.number().int().positive(),
    maxPrice: z.number().nonnegative(),
    duration: z.union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?(s|m|h|d)$/, 'must be seconds or a string like "30m", "2h"')])
  }).optional(),
  training: z.strictObject({
    /** most rounds before stopping */
    maxRounds: z.number().int().min(1).max(10_000).default(DEFAULT_TRAINING.maxRounds),
    /** stop once a round lowers the loss by at most this fraction of it */
    tolerance: z.number().min(0).max(1).default(DEFAULT_TRAINING.tolerance),
    /** step size of the (preconditioned) gradient descent; 1 is optimal, see compute/joint/README.md */
    step: z.number().gt(0).max(1).default(DEFAULT_TRAINING.step)
  }).default({ ...DEFAULT_TRAINING })
})

export type TrainingFile = z.infer<typeof trainingFileSchema>

/** A validated training file. */
export interface TrainingSpec {
  /** the file it came from */
  file: string
  spec: TrainingFile
  /** absolute path of the renter's data */
  dataPath: string
  /** SHA-256 of the file's bytes: a resumed training must run the same file */
  hash: string
}

/** Validate a parsed training file; relative data paths resolve against `baseDir`. */
export function parseTrainingFile (json: unknown, source: string, baseDir: string, hash = ''): TrainingSpec {
  const spec = parseWith(trainingFileSchema, json, source)
  const overlap = spec.data.features.filter(f => spec.partner.features.includes(f))
  if (overlap.length > 0) throw new InvalidInputError(source, 'partner.features', `names ${overlap.map(f => `"${f}"`).join(', ')} on both sides; each owner brings its own features`)
  if (spec.data.features.includes(spec.data.id)) throw new InvalidInputError(source, 'data.features', `includes the id column "${spec.data.id}"`)
  const dataPath = isAbsolute(spec.data.path) ? spec.data.path : resolve(baseDir, spec.data.path)
  return { file: source, spec, dataPath, hash }
}

/** Read and validate a training file. Errors are one line naming the file and the field. */
export async function loadTrainingFile (file: string): Promise<TrainingSpec> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e: any) {
    throw new InvalidInputError(file, '', e.code === 'ENOENT' ? 'no such training file' : `cannot read (${e.code ?? e.message})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e: any) {
    throw new InvalidInputError(file, '', `not valid JSON (${e.message})`)
  }
  return parseTrainingFile(json, file, dirname(resolve(file)), createHash('sha256').update(text).digest('hex'))
}
