import { emit, table } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { Command } from 'commander'

const DAY = 24 * 3600 * 1000

export function register (program: Command): void {
  const tee = program.command('tee').description('trusted execution: platform certificates and enclave measurements (this build has the simulated TEE only)')

  tee.command('provision')
    .description('issue a simulated-TEE platform key and its certificate from an attestation root into a data directory')
    .requiredOption('--dir <datadir>', 'the node\'s data directory (writes tee/platform.key, mode 0600, and tee/platform.cert)')
    .requiredOption('--root <file>', 'the attestation root\'s private key (as written by `shulian keys generate`)')
    .option('--root-name <name>', 'the root\'s name in bootstrap.json attestationRoots', 'example')
    .option('--days <n>', 'days the certificate is valid', '365')
    .option('--force', 'replace an existing platform key and certificate')
    .option('--json', 'print JSON')
    .action(async (opts: { dir: string, root: string, rootName: string, days: string, force?: boolean, json?: boolean }) => {
      const { attestationRootEntry, ed25519FromProtobuf, enclaveKindLabel, loadPeerKey, provisionSimulatedPlatform } = await import('../../../keys/index.js')
      const days = Number(opts.days)
      if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError(`--days: expected a whole number of days from 1 to 3650, got '${opts.days}'`)
      const rootKey = await loadPeerKey(opts.root)
      if (rootKey.type !== 'Ed25519') throw new UsageError(`--root: ${opts.root} is a ${rootKey.type} key; attestation roots are Ed25519`)
      const p = await provisionSimulatedPlatform({ dir: opts.dir, rootKey, rootName: opts.rootName, validityMs: days * DAY, overwrite: opts.force === true })
      const body = p.certificate.body
      const kind = enclaveKindLabel(body.enclaveKind, body.simulated)
      const platformKey = ed25519FromProtobuf(body.platformPublicKey, 'platform key')
      const data = {
        enclaveKind: kind,
        simulated: body.simulated,
        keyFile: p.keyFile,
        certFile: p.certFile,
        root: attestationRootEntry(opts.rootName, rootKey.publicKey),
        platformPublicKey: platformKey.toString(),
        notBefore: new Date(Number(body.notBefore)).toISOString(),
        notAfter: new Date(Number(body.notAfter)).toISOString()
      }
      emit(opts.json, data, () => [
        `${kind} platform provisioned in ${opts.dir} (no hardware protection: this machine's owner can read what its enclave processes)`,
        table(['', ''], [
          ['platform key', `${p.keyFile} (0600)`],
          ['certificate', p.certFile],
          ['root', `${opts.rootName} ${data.root.publicKey}`],
          ['valid', `${data.notBefore} to ${data.notAfter}`]
        ]).split('\n').slice(1).join('\n')
      ].join('\n'))
    })

  tee.command('measure')
    .description('print the measurement of this build\'s simulated enclave (for allowed-measurement lists)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { toHex } = await import('../../../keys/index.js')
      const { simulatedEnclaveMeasurement } = await import('../../../compute/enclave/index.js')
      const measurement = toHex(await simulatedEnclaveMeasurement())
      emit(opts.json, { enclaveKind: 'simulated TEE', simulated: true, measurement }, () => `${measurement}  simulated TEE`)
    })
}
