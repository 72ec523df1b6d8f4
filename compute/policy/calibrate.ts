/**
 * Calibrated HE throughput of this machine, one thread, per allowed parameter set: what the policy
 * evaluation needs to estimate encryption time and size. Cached in the data directory and
 * re-measured on demand (`shulian he calibrate`) or when the machine or runtime changed.
 */
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { HE_PARAMETER_SETS, generateHeKeys, heContext, heParameters, loadSeal } from '../../keys/index.js'
import { encryptChunks } from '../he/encrypt.js'
import { CALIBRATION_FILE } from './files.js'
import type { TaskRunner } from '../pool/index.js'

const VERSION = 1

export interface SetCalibration {
  slots: number
  /** encode + encrypt (secret key, seeded) + serialize one ciphertext, one thread */
  secondsPerCiphertext: number
  /** its size on the wire */
  ciphertextBytes: number
}

export interface HeCalibration {
  version: number
  /** what the numbers hold for; a cache from another machine or runtime is not used */
  machine: string
  measuredAt: string
  sets: Record<string, SetCalibration>
}

/** Identifies this machine and runtime for the cache. */
export function machineFingerprint (): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu'
  return `${cpu} × ${cpus().length}; node ${process.version}; ${process.arch}`
}

export interface CalibrateOptions {
  /** parameter sets to measure; default all */
  sets?: readonly string[]
  /** timed ciphertexts per set (after a warm-up pass); default 6 */
  rounds?: number
}

/** Measure this machine, one thread. Takes a few seconds (N=16384 contexts are slow to build). */
export async function calibrateHe (options: CalibrateOptions = {}): Promise<HeCalibration> {
  const seal = await loadSeal()
  const rounds = Math.max(1, options.rounds ?? 6)
  const sets: Record<string, SetCalibration> = {}
  let warm = false
  for (const set of HE_PARAMETER_SETS) {
    if (options.sets !== undefined && !options.sets.includes(set.name)) continue
    const he = heContext(seal, heParameters(seal, set))
    const key = { secretKey: generateHeKeys(he).secretKey }
    const column = new Float64Array(he.slots).map((_, i) => i % 1000)
    // warm-up: V8 runs the WASM unoptimized at first and optimizes it in the background
    const until = performance.now() + (warm ? 0 : 1500)
    do encryptChunks(he, key, [column], 0, 2); while (performance.now() < until)
    warm = true
    const times: number[] = []
    let bytes = 0
    for (let r = 0; r < rounds; r++) {
      const t = performance.now()
      const [[ct]] = encryptChunks(he, key, [column], 0, 1) as [[Uint8Array]]
      times.push((performance.now() - t) / 1000)
      bytes = ct.byteLength
    }
    times.sort((a, b) => a - b)
    sets[set.name] = { slots: he.slots, secondsPerCiphertext: times[Math.floor(times.length / 2)] as number, ciphertextBytes: bytes }
  }
  return { version: VERSION, machine: machineFingerprint(), measuredAt: new Date().toISOString(), sets }
}

/** The cached calibration of `dir`, or undefined when missing, unreadable or for another machine. */
export async function readCalibration (dir: string): Promise<HeCalibration | undefined> {
  try {
    const c = JSON.parse(await readFile(join(dir, CALIBRATION_FILE), 'utf8')) as HeCalibration
    if (c.version !== VERSION || c.machine !== machineFingerprint() || typeof c.sets !== 'object' || c.sets === null) return undefined
    return c
  } catch {
    return undefined
  }
}

/** Write a calibration to `dir` atomically. */
export async function writeCalibration (dir: string, calibration: HeCalibration): Promise<string> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, CALIBRATION_FILE)
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(calibration, null, 2) + '\n')
  await rename(tmp, path)
  return path
}

/**
 * The calibration of `dir`: the cached one when it covers the needed sets, otherwise measured now
 * (only the missing sets) and cached. `force` re-measures; `runner` gives the worker pool to
 * measure on, and is called only when there is something to measure: a node's HE workers cost
 * seconds of CPU to start (each instantiates SEAL), which a job whose calibration is cached, and
 * which may not use HE at all, should not pay.
 */
export async function loadOrCalibrate (dir: string, options: CalibrateOptions & { force?: boolean, runner?: () => TaskRunner } = {}): Promise<HeCalibration> {
  const cached = options.force === true ? undefined : await readCalibration(dir)
  const wanted = options.sets ?? HE_PARAMETER_SETS.map(s => s.name)
  const missing = wanted.filter(s => cached?.sets[s] === undefined)
  if (cached !== undefined && missing.length === 0) return cached
  // a node measures on a worker thread (the `calibrate` task of compute/he): seconds of busy WASM
  // on its main thread would stall its connections and its control API meanwhile
  const measure: CalibrateOptions = { sets: missing, ...(options.rounds !== undefined ? { rounds: options.rounds } : {}) }
  const fresh = options.runner !== undefined ? await options.runner().run<HeCalibration>('calibrate', measure) : await calibrateHe(measure)
  const merged = { ...fresh, sets: { ...(cached?.sets ?? {}), ...fresh.sets } }
  await writeCalibration(dir, merged)
  return merged
}
