/**
 * A verification policy from config JSON, validated at the edge:
 *
 *   "tee": { "allowedMeasurements": ["<64 hex>", …], "allowSimulated": false, "maxQuoteAgeMs": 60000 }
 *
 * with the roots from `bootstrap.json` `attestationRoots` (already parsed by `parseAttestationRoots`).
 */
import { fromHex } from '../encoding.js'
import { AttestationConfigError } from './errors.js'
import { DEFAULT_VERIFICATION_POLICY } from './policy.js'
import type { VerificationPolicy } from './policy.js'
import type { AttestationRoot } from './roots.js'

const HEX64 = /^[0-9a-f]{64}$/
const KNOWN = new Set(['allowedMeasurements', 'allowSimulated', 'maxQuoteAgeMs', 'clockSkewMs'])

/** Parse the renter's TEE policy section; `where` names it in errors (e.g. `node.json tee`). */
export function parseVerificationPolicy (value: unknown, roots: readonly AttestationRoot[], where = 'tee'): VerificationPolicy {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AttestationConfigError(`${where}: must be an object { "allowedMeasurements", "allowSimulated", "maxQuoteAgeMs" }`)
  const v = value as Record<string, unknown>
  const unknown = Object.keys(v).filter(k => !KNOWN.has(k))
  if (unknown.length > 0) throw new AttestationConfigError(`${where}: unknown field(s) ${unknown.join(', ')}`)
  const m = v.allowedMeasurements
  if (!Array.isArray(m)) throw new AttestationConfigError(`${where}.allowedMeasurements: must be an array of 64-character lower-case hex measurements (see \`shulian tee measure\`)`)
  const allowedMeasurements = m.map((x: unknown, i) => {
    if (typeof x !== 'string' || !HEX64.test(x)) throw new AttestationConfigError(`${where}.allowedMeasurements[${i}]: must be 64 lower-case hex characters (see \`shulian tee measure\`)`)
    return fromHex(x)
  })
  const allowSimulated = v.allowSimulated ?? DEFAULT_VERIFICATION_POLICY.allowSimulated
  if (typeof allowSimulated !== 'boolean') throw new AttestationConfigError(`${where}.allowSimulated: must be true or false`)
  const ms = (key: 'maxQuoteAgeMs' | 'clockSkewMs'): number => {
    const x = v[key] ?? DEFAULT_VERIFICATION_POLICY[key]
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 86_400_000) throw new AttestationConfigError(`${where}.${key}: must be a whole number of milliseconds up to 86400000`)
    return x
  }
  if (roots.length === 0) throw new AttestationConfigError(`${where}: no attestation roots are configured (bootstrap.json attestationRoots), so no enclave can be trusted`)
  return { roots, allowedMeasurements, allowSimulated, maxQuoteAgeMs: ms('maxQuoteAgeMs'), clockSkewMs: ms('clockSkewMs') }
}
