/** A fresh local network of real node processes in a temporary directory. */
import { mkdtemp, rm } from 'node:fs/promises'
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
  node: (name: string) => TestNode
  down: () => Promise<void>
}

/** `net init` + `net up` in a new temp dir; call `down()` when done. */
export async function startNetwork (subnets = '3,3,2'): Promise<TestNetwork> {
  const dir = await mkdtemp(join(tmpdir(), 'shulian-net-'))
  await cliJson(['net', 'init', '--dir', dir, '--subnets', subnets])
  const { nodes } = await cliJson<{ nodes: TestNode[] }>(['net', 'up', '--dir', dir], { timeout: 180_000 })
  return {
    dir,
    bootstrap: join(dir, 'bootstrap.json'),
    nodes,
    node: (name) => {
      const n = nodes.find(n => n.name === name)
      if (n == null) throw new Error(`no node ${name}`)
      return n
    },
    down: async () => {
      const r = await cli(['net', 'down', '--dir', dir])
      if (r.code === 0 && process.env.SHULIAN_KEEP_TEST_DIRS === undefined) {
        await rm(dir, { recursive: true, force: true })
      }
    }
  }
}
