import { availableParallelism, freemem, loadavg } from 'node:os'
import type { MachineMeasurement } from './evaluate.js'

/** Cores, load and free memory of this machine now. */
export function measureMachine (): MachineMeasurement {
  return { cores: availableParallelism(), loadAverage: loadavg()[0] ?? 0, freeMemoryBytes: freemem() }
}
