import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { goldenOutputs } from './golden/outputs.ts'

test('outputs for examples/ match the reviewed goldens (npm run golden rewrites them)', async () => {
  for (const [name, content] of Object.entries(await goldenOutputs())) {
    const expected = readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8')
    assert.equal(content, expected, `test/golden/${name} differs: run npm run golden and review the diff`)
  }
})
