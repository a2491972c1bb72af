/**
 * `npm run golden`: rewrites the golden outputs for examples/ (JSON contract, text and Markdown
 * reports). Review the diff before committing: it shows what a change did to the output.
 */
import { writeFileSync } from 'node:fs'
import { goldenOutputs } from './outputs.ts'

for (const [name, content] of Object.entries(await goldenOutputs())) {
  writeFileSync(new URL(name, import.meta.url), content)
  console.log(`wrote test/golden/${name}`)
}
