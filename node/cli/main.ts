/**
 * Entry point of the `shulian` command. Each command group lives in `commands/<group>.ts` and
 * exports `register(program)`; this file only wires them and maps failures to exit codes.
 */
import { Command, CommanderError } from 'commander'
import { register as registerConnect } from './commands/connect.js'
import { register as registerCompute } from './commands/compute.js'
import { register as registerDashboard } from './commands/dashboard.js'
import { register as registerHe } from './commands/he.js'
import { register as registerJob } from './commands/job.js'
import { register as registerJoint } from './commands/joint.js'
import { register as registerKeys } from './commands/keys.js'
import { register as registerLease } from './commands/lease.js'
import { register as registerNet } from './commands/net.js'
import { register as registerNetwork } from './commands/network.js'
import { register as registerNode } from './commands/node.js'
import { register as registerOrder } from './commands/order.js'
import { register as registerPing } from './commands/ping.js'
import { register as registerStatus } from './commands/status.js'
import { register as registerSubnet } from './commands/subnet.js'
import { register as registerTee } from './commands/tee.js'
import { err, reportFailure } from './output.js'

const program = new Command()
  .name('shulian')
  .description('A peer-to-peer overlay for renting idle compute without handing data over in the clear')
  .showHelpAfterError(false)
  .exitOverride()
  .configureOutput({
    // commander prints usage errors itself; make them one line with our prefix
    outputError: (str) => { err(`shulian: ${str.replace(/^error: /, '').trim()} (see --help)`) }
  })

registerKeys(program)
registerNode(program)
registerNet(program)
registerNetwork(program)
registerSubnet(program)
registerStatus(program)
registerDashboard(program)
registerConnect(program)
registerPing(program)
registerJob(program)
registerJoint(program)
registerTee(program)
registerCompute(program)
registerHe(program)
registerOrder(program)
registerLease(program)

try {
  await program.parseAsync(process.argv)
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end through here with exit code 0; usage errors were already printed
    process.exitCode = e.exitCode === 0 ? 0 : 2
  } else {
    process.exitCode = reportFailure(e)
  }
}
