/**
 * Reading the wire specs: every sentence of a protocol's README that states a MUST (or MUST NOT),
 * so that the requirement index can be checked against the text it claims to cover.
 */
import { readFileSync } from 'node:fs'

/** Whitespace collapsed, markdown emphasis and code marks dropped: how sentences and quotes compare. */
export function normalize (text: string): string {
  return text.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim()
}

/** The MUST sentences of a README's text, normalized, in order. */
export function mustSentences (markdown: string): string[] {
  const blocks: string[] = []
  let inCode = false
  let current: string[] = []
  const flush = (): void => {
    if (current.length > 0) blocks.push(current.join(' '))
    current = []
  }
  for (const line of markdown.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      flush()
      inCode = !inCode
      continue
    }
    if (inCode) continue
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) {
      flush()
      continue
    }
    // a list item or table row starts a block of its own; an indented line continues the last one
    if (/^([-*]|\d+\.|\|)\s/.test(trimmed) || (trimmed.startsWith('|') && !line.startsWith(' '))) flush()
    current.push(trimmed)
  }
  flush()
  const out: string[] = []
  for (const block of blocks) {
    if (!/\bMUST\b/.test(block) || /key words MUST/.test(block)) continue
    for (const sentence of block.split(/(?<=\.)\s+(?=[A-Z`*(])/)) {
      if (/\bMUST\b/.test(sentence)) out.push(normalize(sentence))
    }
  }
  return out
}

export function readmeMusts (path: string): string[] {
  return mustSentences(readFileSync(path, 'utf8'))
}
