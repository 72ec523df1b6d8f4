/**
 * Headless Chromium (Debian's `chromium` package) driven by playwright-core, for tests that look
 * at the dashboard as a person would. `launchBrowser` says why when it cannot start one; a test
 * skips with that reason, unless SHULIAN_REQUIRE_BROWSER is set (CI), where it fails instead.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './cli.js'

export const CHROMIUM = process.env.SHULIAN_CHROMIUM ?? '/usr/bin/chromium'
/** Where tests leave screenshots (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts')

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
]

export interface Browser {
  /** playwright's BrowserContext (typed loosely: playwright-core is a dev dependency only) */
  context: any
  close: () => Promise<void>
}

/** A browser, or the reason there is none. */
export async function launchBrowser (): Promise<Browser | { unavailable: string }> {
  if (!existsSync(CHROMIUM)) return { unavailable: `no Chromium at ${CHROMIUM} (apt-get install -y chromium)` }
  let chromium: any
  try {
    ({ chromium } = await import('playwright-core'))
  } catch (e: any) {
    return { unavailable: `playwright-core is not installed (${e.message}); run npm install` }
  }
  const profile = await mkdtemp(join(tmpdir(), 'shulian-chromium-'))
  try {
    // a persistent context is the way to give Chromium its own fresh --user-data-dir
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      timeout: 60_000
    })
    return {
      context,
      close: async () => {
        await context.close().catch(() => {})
        await rm(profile, { recursive: true, force: true })
      }
    }
  } catch (e: any) {
    await rm(profile, { recursive: true, force: true })
    return { unavailable: `Chromium at ${CHROMIUM} did not start: ${String(e.message).split('\n')[0]}` }
  }
}

/** A browser for a test, or a skip (with the reason) — a failure when SHULIAN_REQUIRE_BROWSER is set. */
export async function browserOrSkip (t: { skip: (why: string) => void }): Promise<Browser | undefined> {
  const b = await launchBrowser()
  if ('unavailable' in b) {
    if (process.env.SHULIAN_REQUIRE_BROWSER !== undefined && process.env.SHULIAN_REQUIRE_BROWSER !== '' && process.env.SHULIAN_REQUIRE_BROWSER !== '0') {
      throw new Error(`a browser is required here (SHULIAN_REQUIRE_BROWSER): ${b.unavailable}`)
    }
    t.skip(`no headless browser: ${b.unavailable}`)
    return undefined
  }
  return b
}

export async function screenshot (page: any, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
