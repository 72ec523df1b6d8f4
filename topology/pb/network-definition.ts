import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface NetworkDefinition {
  network: string
  version: bigint
  authority: Uint8Array<ArrayBuffer>
  attestationRoots: NetworkDefinition.AttestationRoot[]
  subnets: NetworkDefinition.Subnet[]
}

export namespace NetworkDefinition {
  export interface AttestationRoot {
    name: string
    publicKey: Uint8Array<ArrayBuffer>
  }

  export namespace AttestationRoot {
    let _codec: Codec<AttestationRoot>

    export const codec = (): Codec<AttestationRoot> => {
      if (_codec == null) {
        _codec = message<AttestationRoot>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.name != null && obj.name !== '')) {
            w.uint32(10)
            w.string(obj.name)
          }

          if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.publicKey)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            name: '',
            publicKey: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.name = reader.string()
                break
              }
              case 2: {
                obj.publicKey = reader.bytes()
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.name`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.publicKey`,
                  value: reader.bytes()
                }
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface AttestationRootNameFieldEvent {
      field: '$.name'
      value: string
    }

    export interface AttestationRootPublicKeyFieldEvent {
      field: '$.publicKey'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<AttestationRoot>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, AttestationRoot.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestationRoot>): AttestationRoot {
      return decodeMessage(buf, AttestationRoot.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttestationRoot>): Generator<AttestationRootNameFieldEvent | AttestationRootPublicKeyFieldEvent> {
      return streamMessage(buf, AttestationRoot.codec(), opts)
    }
  }

  export interface Hub {
    name: string
    peerId: Uint8Array<ArrayBuffer>
    addrs: Uint8Array<ArrayBuffer>[]
  }

  export namespace Hub {
    let _codec: Codec<Hub>

    export const codec = (): Codec<Hub> => {
      if (_codec == null) {
        _codec = message<Hub>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.name != null && obj.name !== '')) {
            w.uint32(10)
            w.string(obj.name)
          }

          if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.peerId)
          }

          if (obj.addrs != null && obj.addrs.length > 0) {
            for (const value of obj.addrs) {
              w.uint32(26)
              w.bytes(value)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            name: '',
            peerId: uint8ArrayAlloc(0),
            addrs: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.name = reader.string()
                break
              }
              case 2: {
                obj.peerId = reader.bytes()
                break
              }
              case 3: {
                if (opts.limits?.addrs != null && obj.addrs.length === opts.limits.addrs) {
                  throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
                }

                obj.addrs.push(reader.bytes())
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            addrs: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.name`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.peerId`,
                  value: reader.bytes()
                }
                break
              }
              case 3: {
                if (opts.limits?.addrs != null && obj.addrs === opts.limits.addrs) {
                  throw new MaxLengthError('Streaming decode error - repeated field "addrs" had too many elements')
                }

                yield {
                  field: `${prefix}.addrs[]`,
                  index: obj.addrs,
                  value: reader.bytes()
                }

                obj.addrs++

                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface HubNameFieldEvent {
      field: '$.name'
      value: string
    }

    export interface HubPeerIdFieldEvent {
      field: '$.peerId'
      value: Uint8Array<ArrayBuffer>
    }

    export interface HubAddrsFieldEvent {
      field: '$.addrs[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<Hub>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Hub.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hub>): Hub {
      return decodeMessage(buf, Hub.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hub>): Generator<HubNameFieldEvent | HubPeerIdFieldEvent | HubAddrsFieldEvent> {
      return streamMessage(buf, Hub.codec(), opts)
    }
  }

  export interface Member {
    name: string
    peerId: Uint8Array<ArrayBuffer>
  }

  export namespace Member {
    let _codec: Codec<Member>

    export const codec = (): Codec<Member> => {
      if (_codec == null) {
        _codec = message<Member>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.name != null && obj.name !== '')) {
            w.uint32(10)
            w.string(obj.name)
          }

          if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
            w.uint32(18)
            w.bytes(obj.peerId)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            name: '',
            peerId: uint8ArrayAlloc(0)
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.name = reader.string()
                break
              }
              case 2: {
                obj.peerId = reader.bytes()
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.name`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.peerId`,
                  value: reader.bytes()
                }
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface MemberNameFieldEvent {
      field: '$.name'
      value: string
    }

    export interface MemberPeerIdFieldEvent {
      field: '$.peerId'
      value: Uint8Array<ArrayBuffer>
    }

    export function encode (obj: Partial<Member>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Member.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Member>): Member {
      return decodeMessage(buf, Member.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Member>): Generator<MemberNameFieldEvent | MemberPeerIdFieldEvent> {
      return streamMessage(buf, Member.codec(), opts)
    }
  }

  export interface Subnet {
    name: string
    hub?: NetworkDefinition.Hub
    members: NetworkDefinition.Member[]
  }

  export namespace Subnet {
    let _codec: Codec<Subnet>

    export const codec = (): Codec<Subnet> => {
      if (_codec == null) {
        _codec = message<Subnet>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.name != null && obj.name !== '')) {
            w.uint32(10)
            w.string(obj.name)
          }

          if (obj.hub != null) {
            w.uint32(18)
            NetworkDefinition.Hub.codec().encode(obj.hub, w)
          }

          if (obj.members != null && obj.members.length > 0) {
            for (const value of obj.members) {
              w.uint32(26)
              NetworkDefinition.Member.codec().encode(value, w)
            }
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            name: '',
            members: []
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.name = reader.string()
                break
              }
              case 2: {
                obj.hub = NetworkDefinition.Hub.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.hub
                })
                break
              }
              case 3: {
                if (opts.limits?.members != null && obj.members.length === opts.limits.members) {
                  throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
                }

                obj.members.push(NetworkDefinition.Member.codec().decode(reader, reader.uint32(), {
                  limits: opts.limits?.members$
                }))
                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }

          return obj
        }, function * (reader, length, prefix, opts = {}) {
          const obj = {
            members: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                yield {
                  field: `${prefix}.name`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                yield * NetworkDefinition.Hub.codec().stream(reader, reader.uint32(), `${prefix}.hub`, {
                  limits: opts.limits?.hub
                })

                break
              }
              case 3: {
                if (opts.limits?.members != null && obj.members === opts.limits.members) {
                  throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
                }

                for (const evt of NetworkDefinition.Member.codec().stream(reader, reader.uint32(), `${prefix}.members[]`, {
                  limits: opts.limits?.members$
                })) {
                  yield {
                    ...evt,
                    index: obj.members
                  }
                }

                obj.members++

                break
              }
              default: {
                reader.skipType(tag & 7)
                break
              }
            }
          }
        })
      }

      return _codec
    }

    export interface SubnetNameFieldEvent {
      field: '$.name'
      value: string
    }

    export interface SubnetHubNameFieldEvent {
      field: '$.hub.name'
      value: string
    }

    export interface SubnetHubPeerIdFieldEvent {
      field: '$.hub.peerId'
      value: Uint8Array<ArrayBuffer>
    }

    export interface SubnetHubAddrsFieldEvent {
      field: '$.hub.addrs[]'
      index: number
      value: Uint8Array<ArrayBuffer>
    }

    export interface SubnetMembersNameFieldEvent {
      field: '$.members[].name'
      value: string
      index: number
    }

    export interface SubnetMembersPeerIdFieldEvent {
      field: '$.members[].peerId'
      value: Uint8Array<ArrayBuffer>
      index: number
    }

    export function encode (obj: Partial<Subnet>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Subnet.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Subnet>): Subnet {
      return decodeMessage(buf, Subnet.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Subnet>): Generator<SubnetNameFieldEvent | SubnetHubNameFieldEvent | SubnetHubPeerIdFieldEvent | SubnetHubAddrsFieldEvent | SubnetMembersNameFieldEvent | SubnetMembersPeerIdFieldEvent> {
      return streamMessage(buf, Subnet.codec(), opts)
    }
  }

  let _codec: Codec<NetworkDefinition>

  export const codec = (): Codec<NetworkDefinition> => {
    if (_codec == null) {
      _codec = message<NetworkDefinition>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.network != null && obj.network !== '')) {
          w.uint32(10)
          w.string(obj.network)
        }

        if ((obj.version != null && obj.version !== 0n)) {
          w.uint32(16)
          w.uint64(obj.version)
        }

        if ((obj.authority != null && obj.authority.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.authority)
        }

        if (obj.attestationRoots != null && obj.attestationRoots.length > 0) {
          for (const value of obj.attestationRoots) {
            w.uint32(34)
            NetworkDefinition.AttestationRoot.codec().encode(value, w)
          }
        }

        if (obj.subnets != null && obj.subnets.length > 0) {
          for (const value of obj.subnets) {
            w.uint32(42)
            NetworkDefinition.Subnet.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          network: '',
          version: 0n,
          authority: uint8ArrayAlloc(0),
          attestationRoots: [],
          subnets: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.network = reader.string()
              break
            }
            case 2: {
              obj.version = reader.uint64()
              break
            }
            case 3: {
              obj.authority = reader.bytes()
              break
            }
            case 4: {
              if (opts.limits?.attestationRoots != null && obj.attestationRoots.length === opts.limits.attestationRoots) {
                throw new MaxLengthError('Decode error - repeated field "attestationRoots" had too many elements')
              }

              obj.attestationRoots.push(NetworkDefinition.AttestationRoot.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.attestationRoots$
              }))
              break
            }
            case 5: {
              if (opts.limits?.subnets != null && obj.subnets.length === opts.limits.subnets) {
                throw new MaxLengthError('Decode error - repeated field "subnets" had too many elements')
              }

              obj.subnets.push(NetworkDefinition.Subnet.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.subnets$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          attestationRoots: 0,
          subnets: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.network`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.authority`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              if (opts.limits?.attestationRoots != null && obj.attestationRoots === opts.limits.attestationRoots) {
                throw new MaxLengthError('Streaming decode error - repeated field "attestationRoots" had too many elements')
              }

              for (const evt of NetworkDefinition.AttestationRoot.codec().stream(reader, reader.uint32(), `${prefix}.attestationRoots[]`, {
                limits: opts.limits?.attestationRoots$
              })) {
                yield {
                  ...evt,
                  index: obj.attestationRoots
                }
              }

              obj.attestationRoots++

              break
            }
            case 5: {
              if (opts.limits?.subnets != null && obj.subnets === opts.limits.subnets) {
                throw new MaxLengthError('Streaming decode error - repeated field "subnets" had too many elements')
              }

              for (const evt of NetworkDefinition.Subnet.codec().stream(reader, reader.uint32(), `${prefix}.subnets[]`, {
                limits: opts.limits?.subnets$
              })) {
                yield {
                  ...evt,
                  index: obj.subnets
                }
              }

              obj.subnets++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface NetworkDefinitionNetworkFieldEvent {
    field: '$.network'
    value: string
  }

  export interface NetworkDefinitionVersionFieldEvent {
    field: '$.version'
    value: bigint
  }

  export interface NetworkDefinitionAuthorityFieldEvent {
    field: '$.authority'
    value: Uint8Array<ArrayBuffer>
  }

  export interface NetworkDefinitionAttestationRootsNameFieldEvent {
    field: '$.attestationRoots[].name'
    value: string
    index: number
  }

  export interface NetworkDefinitionAttestationRootsPublicKeyFieldEvent {
    field: '$.attestationRoots[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface NetworkDefinitionSubnetsNameFieldEvent {
    field: '$.subnets[].name'
    value: string
    index: number
  }

  export interface NetworkDefinitionSubnetsHubNameFieldEvent {
    field: '$.subnets[].hub.name'
    value: string
    index: number
  }

  export interface NetworkDefinitionSubnetsHubPeerIdFieldEvent {
    field: '$.subnets[].hub.peerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface NetworkDefinitionSubnetsHubAddrsFieldEvent {
    field: '$.subnets[].hub.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface NetworkDefinitionSubnetsMembersNameFieldEvent {
    field: '$.subnets[].members[].name'
    value: string
    index: number
  }

  export interface NetworkDefinitionSubnetsMembersPeerIdFieldEvent {
    field: '$.subnets[].members[].peerId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<NetworkDefinition>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NetworkDefinition.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NetworkDefinition>): NetworkDefinition {
    return decodeMessage(buf, NetworkDefinition.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NetworkDefinition>): Generator<NetworkDefinitionNetworkFieldEvent | NetworkDefinitionVersionFieldEvent | NetworkDefinitionAuthorityFieldEvent | NetworkDefinitionAttestationRootsNameFieldEvent | NetworkDefinitionAttestationRootsPublicKeyFieldEvent | NetworkDefinitionSubnetsNameFieldEvent | NetworkDefinitionSubnetsHubNameFieldEvent | NetworkDefinitionSubnetsHubPeerIdFieldEvent | NetworkDefinitionSubnetsHubAddrsFieldEvent | NetworkDefinitionSubnetsMembersNameFieldEvent | NetworkDefinitionSubnetsMembersPeerIdFieldEvent> {
    return streamMessage(buf, NetworkDefinition.codec(), opts)
  }
}
