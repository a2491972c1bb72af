/** Shared set-up of the browser tests: Debian's Chromium driven by playwright-core. */
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Where Chromium is expected (Debian's package; `.ci/run` installs it). */
export const CHROMIUM_PATH = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium'

/** Why the browser tests are skipped, or false when they can run: never a silent pass. */
export const skipReason: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set PARALLAX_CHROMIUM`

/** Launches headless Chromium with everything that would reach the network switched off. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
