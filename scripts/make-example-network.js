// Regenerates the repository's example network: bootstrap.json (3 subnets, 3+3+2 participants,
// hubs on loopback ports 47101-47103, signed by the example authority) and
// bootstrap.example-keys.json, its PUBLIC example keys (nodes, attestation root, authority).
// Run after `npm run build`: node scripts/make-example-network.js
// After editing bootstrap.json by hand (e.g. new attestation roots), sign it again with the example
// authority key, keeping every other key: node scripts/make-example-network.js --resign
import { readFile, rm, writeFile } from 'node:fs/promises'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { generatePeerKey } from '../dist/keys/index.js'
import { LOCAL_ROOT_KEY_FILE, encodeKey, initNetwork } from '../dist/node/net/init.js'
import { EXAMPLE_KEYS_WARNING } from '../dist/node/net/example-keys.js'
import { parseBootstrap, signNetwork } from '../dist/topology/index.js'

const root = new URL('..', import.meta.url).pathname

if (process.argv.includes('--resign')) {
  const { decodeKey } = await import('../dist/node/net/example-keys.js')
  const examples = JSON.parse(await readFile(join(root, 'bootstrap.example-keys.json'), 'utf8'))
  const current = JSON.parse(await readFile(join(root, 'bootstrap.json'), 'utf8'))
  const signed = await signNetwork(parseBootstrap({ ...current, signature: undefined }), decodeKey(examples.authority, 'authority'))
  await writeFile(join(root, 'bootstrap.json'), JSON.stringify(signed.toJSON(), null, 2) + '\n')
  console.log(`signed bootstrap.json (version ${signed.version}) with the example authority key`)
  process.exit(0)
}

const tmp = await mkdtemp(join(tmpdir(), 'shulian-example-'))
const keys = new Map()
const authority = await generatePeerKey()
const path = await initNetwork(tmp, { subnets: [3, 3, 2], network: 'shulian-example', basePort: 47101, keysOut: keys, authorityKey: authority })
const bootstrap = JSON.parse(await readFile(path, 'utf8'))
const attestationRoot = await generatePeerKey()
bootstrap.attestationRoots = [{ name: 'example-root', publicKey: Buffer.from(publicKeyToProtobuf(attestationRoot.publicKey)).toString('base64') }]
// the roots changed the definition: the authority signs it again
const signed = await signNetwork(parseBootstrap({ ...bootstrap, signature: undefined }), authority)
await writeFile(join(root, 'bootstrap.json'), JSON.stringify(signed.toJSON(), null, 2) + '\n')
await writeFile(join(root, 'bootstrap.example-keys.json'), JSON.stringify({
  warning: EXAMPLE_KEYS_WARNING,
  // keysOut also holds the local attestation root that initNetwork made; the example has its own
  nodes: Object.fromEntries([...keys].filter(([name]) => name !== LOCAL_ROOT_KEY_FILE).map(([name, key]) => [name, encodeKey(key)])),
  attestationRoot: encodeKey(attestationRoot),
  authority: encodeKey(authority)
}, null, 2) + '\n')
await rm(tmp, { recursive: true })
console.log('wrote bootstrap.json and bootstrap.example-keys.json')
