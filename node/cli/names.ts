import { callApi } from '../api/client.js'

/** Names for peer ids, from the network definition of the node in `dir`, for human output. */
export async function peerNames (dir: string): Promise<(id: string) => string> {
  const net = await callApi<{ subnets: Array<{ hub: { name: string, peerId: string }, members: Array<{ name: string, peerId: string }> }> }>(dir, '/network')
  const names = new Map<string, string>(net.subnets.flatMap(s => [s.hub, ...s.members]).map(p => [p.peerId, p.name]))
  return (id) => names.get(id) ?? `${id.slice(0, 12)}…`
}
