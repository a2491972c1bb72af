import { readFileSync } from 'node:fs'

/**
 * The UI's static files, read once. They are committed as plain files (no build step) and
 * shared by the server, which serves them, and the static report, which inlines them.
 */
export const ASSETS = {
  css: readFileSync(new URL('./assets/app.css', import.meta.url), 'utf8'),
  js: readFileSync(new URL('./assets/app.js', import.meta.url), 'utf8'),
}
