/** A fresh local network of real node processes in a temporary directory. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, cliJson } from './cli.js'

export interface TestNode {
  name: string
  role: 'hub' | 'participant'
  subnet: string
  peerId: string
  dataDir: string
  api: string
}

export interface TestNetwork {
  dir: string
  bootstrap: string
  nodes: TestNode[]
  /** a node that runs (started by net up) */
  node: (name: string) => TestNode
  /** `net up` again (restarts what is down), with the same skip list */
  up: () => Promise<TestNode[]>
  down: () => Promise<void>
}

export interface NetworkOptions {
  /** members per subnet, e.g. '3,3,2' */
  subnets?: string
  /** nodes that `net up` must not start (the test plays them itself) */
  skip?: string[]
  /** change node configs before start: name → fields merged into its node.json */
  configure?: Record<string, Record<string, unknown>>
}

/** `net init` + `net up` in a new temp dir; call `down()` when done. */
export async function startNetwork (options: NetworkOptions = {}): Promise<TestNetwork> {
  const dir = await mkdtemp(join(tmpdir(), 'shulian-net-'))
  await cliJson(['net', 'init', '--dir', dir, '--subnets', options.subnets ?? '3,3,2'])
  for (const [name, fields] of Object.entries(options.configure ?? {})) {
    const path = join(dir, name, 'node.json')
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), ...fields }, null, 2))
  }
  const skip = options.skip?.length ? ['--skip', options.skip.join(',')] : []
  const up = async (): Promise<TestNode[]> => (await cliJson<{ nodes: TestNode[] }>(['net', 'up', '--dir', dir, ...skip], { timeout: 180_000 })).nodes
  const nodes = await up()
  return {
    dir,
    bootstrap: join(dir, 'bootstrap.json'),
    nodes,
    node: (name) => {
      const n = nodes.find(n => n.name === name)
      if (n == null) throw new Error(`no running node ${name}`)
      return n
    },
    up,
    down: async () => {
      const r = await cli(['net', 'down', '--dir', dir])
      if (r.code === 0 && process.env.SHULIAN_KEEP_TEST_DIRS === undefined) {
        await rm(dir, { recursive: true, force: true })
      }
    }
  }
}
