import { resolve } from 'node:path'
import { emit, table } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { Command } from 'commander'

interface Summary { file: string, network: string, version: number, subnets: string[], authority: string | null, signed: boolean }

function describe (s: Summary): string {
  return `${s.file}: network ${s.network} version ${s.version}, subnets ${s.subnets.join(', ')}, ${s.signed ? 'signed by its authority' : s.authority == null ? 'no authority, unsigned' : 'NOT signed by its authority'}`
}

function collect (value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

function positiveInt (s: string): number {
  const n = Number(s)
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--version: "${s}" is not a positive whole number`)
  }
  return n
}

export function register (program: Command): void {
  const network = program.command('network').description("the network definition: its authority's signed versions, and pushing them to a running network")

  network.command('create')
    .description('version 1 of a new network from subnet entries, signed by the authority key')
    .requiredOption('--network <id>', 'network id')
    .requiredOption('--authority-key <file>', "the authority's key (`shulian keys generate`); its public key goes into the definition")
    .requiredOption('--subnet <entry>', 'subnet-entry.json from `shulian subnet create` (repeat for each subnet)', collect)
    .option('--attestation-root <name=key>', 'a TEE attestation root: name and base64 protobuf public key (repeatable)', collect)
    .requiredOption('--out <file>', 'where to write the definition (bootstrap.json)')
    .option('--json', 'print JSON ({ file, network, version, subnets, authority, signed })')
    .action(async (opts: { network: string, authorityKey: string, subnet: string[], attestationRoot?: string[], out: string, json?: boolean }) => {
      const { createNetwork } = await import('../../ops/network-edit.js')
      const r = await createNetwork({ network: opts.network, authorityKey: opts.authorityKey, subnets: opts.subnet, attestationRoots: opts.attestationRoot, out: resolve(opts.out) })
      emit(opts.json, r, () => describe(r))
    })

  network.command('add-subnet')
    .description('the next version of a network definition with one more subnet, signed by the authority key')
    .requiredOption('--bootstrap <file>', 'the current definition')
    .requiredOption('--subnet <entry>', 'subnet-entry.json from `shulian subnet create`')
    .requiredOption('--authority-key <file>', "the network authority's key")
    .requiredOption('--out <file>', 'where to write the new version')
    .option('--json', 'print JSON ({ file, network, version, subnets, authority, signed })')
    .action(async (opts: { bootstrap: string, subnet: string, authorityKey: string, out: string, json?: boolean }) => {
      const { addSubnet } = await import('../../ops/network-edit.js')
      const r = await addSubnet({ bootstrap: opts.bootstrap, entry: opts.subnet, authorityKey: opts.authorityKey, out: resolve(opts.out) })
      emit(opts.json, r, () => `${describe(r)}\npush it to a running hub: shulian network push ${opts.out} --dir <hub data dir>`)
    })

  network.command('sign')
    .description('sign a definition as the authority (after editing it by hand); sets "authority" if it names none')
    .argument('<file>', 'the definition')
    .requiredOption('--authority-key <file>', "the network authority's key")
    .requiredOption('--out <file>', 'where to write the signed definition (may be the same file)')
    .option('--version <n>', 'set this version first (give a higher one than the nodes run, or they refuse it)', positiveInt)
    .option('--json', 'print JSON ({ file, network, version, subnets, authority, signed })')
    .action(async (file: string, opts: { authorityKey: string, out: string, version?: number, json?: boolean }) => {
      const { signDefinition } = await import('../../ops/network-edit.js')
      const r = await signDefinition({ path: file, authorityKey: opts.authorityKey, out: resolve(opts.out), version: opts.version })
      emit(opts.json, r, () => describe(r))
    })

  network.command('verify')
    .description("check a definition's signature against the authority key it names (exit 1 if it does not verify)")
    .argument('<file>', 'the definition')
    .option('--json', 'print JSON ({ file, network, version, subnets, authority, signed })')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { verifyDefinition } = await import('../../ops/network-edit.js')
      const r = await verifyDefinition(file)
      emit(opts.json, r, () => describe(r))
      if (!r.signed) process.exitCode = 1
    })

  network.command('push')
    .description('hand a newer signed definition to a running node (a hub pushes it on to every hub and member)')
    .argument('<file>', 'the signed definition')
    .requiredOption('--dir <datadir>', "a running hub's data directory")
    .option('--json', 'print JSON ({ status: "accepted" | "current", version, pushed: [{ peer, status, version, message }] })')
    .action(async (file: string, opts: { dir: string, json?: boolean }) => {
      const { readJsonFile } = await import('../../../keys/index.js')
      const { callApi } = await import('../../api/client.js')
      const body = await readJsonFile(file)
      const r = await callApi<{ status: string, version: number, pushed: Array<{ peer: string, status: string, version?: number, message?: string }> }>(opts.dir, '/network', { body, timeout: 60_000 })
      emit(opts.json, r, () => [
        `${r.status === 'accepted' ? 'accepted' : 'already in force'}: version ${r.version}`,
        ...(r.pushed.length === 0 ? [] : ['', table(['pushed to', 'answer', 'version'], r.pushed.map(p => [p.peer, p.status, p.version ?? '-']))])
      ].join('\n'))
    })
}
