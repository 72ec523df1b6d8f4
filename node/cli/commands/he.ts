import { CALIBRATION_FILE } from '../../../compute/policy/files.js'
import { HE_PARAMETER_SETS, heParamSet } from '../../../keys/he/sets.js'
import { emit, table } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { Command } from 'commander'

export function register (program: Command): void {
  const he = program.command('he').description('homomorphic encryption on this machine')

  he.command('calibrate')
    .description(`measure this machine's HE throughput (one thread, per allowed parameter set) and cache it in DATADIR/${CALIBRATION_FILE}`)
    .requiredOption('--dir <datadir>', 'the node\'s data directory')
    .option('--sets <names>', `comma-separated parameter sets (default all: ${HE_PARAMETER_SETS.map(s => s.name).join(', ')})`)
    .option('--cached', 'use the cached numbers when they cover the sets, instead of measuring again')
    .option('--json', 'print JSON')
    .action(async (opts: { dir: string, sets?: string, cached?: boolean, json?: boolean }) => {
      const sets = opts.sets?.split(',').map(s => s.trim()).filter(s => s !== '')
      const unknown = sets?.filter(s => heParamSet(s) === undefined) ?? []
      if (unknown.length > 0) throw new UsageError(`unknown parameter set ${unknown.join(', ')}; allowed: ${HE_PARAMETER_SETS.map(s => s.name).join(', ')}`)
      // loaded here: the compute layer pulls in node-seal, slow to load for every CLI call
      const { loadOrCalibrate, measureMachine } = await import('../../../compute/index.js')
      const calibration = await loadOrCalibrate(opts.dir, { force: opts.cached !== true, ...(sets !== undefined ? { sets } : {}) })
      const machine = measureMachine()
      emit(opts.json, { calibration, machine }, () => [
        `${calibration.machine} (measured ${calibration.measuredAt}), ${machine.cores} cores, load ${machine.loadAverage.toFixed(2)}, ${(machine.freeMemoryBytes / 2 ** 30).toFixed(1)} GiB free`,
        '',
        table(['set', 'slots', 'ms/ciphertext', 'elements/s (1 thread)', 'KiB/ciphertext'], Object.entries(calibration.sets).map(([name, c]) => [
          name, c.slots, (c.secondsPerCiphertext * 1000).toFixed(2), Math.round(c.slots / c.secondsPerCiphertext).toLocaleString('en-US'), (c.ciphertextBytes / 1024).toFixed(0)
        ]))
      ].join('\n'))
    })
}
