/**
 * `npm run eval [-- name…]`: runs every `eval/*.eval.ts` suite (or the named ones), prints one line per
 * metric with its floor from `eval/baseline.json`, and exits 1 when any metric is below its floor.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { type Evaluate, type Metric, metricKey } from './metric.ts'

const here = new URL('.', import.meta.url)
const floors: Record<string, number> = JSON.parse(readFileSync(new URL('baseline.json', here), 'utf8'))
const wanted = process.argv.slice(2)
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.eval.ts'))
  .map((f) => f.replace(/\.eval\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort()

let failed = 0
let checked = 0
for (const name of suites) {
  const started = performance.now()
  const { evaluate } = (await import(new URL(`${name}.eval.ts`, here).href)) as { evaluate: Evaluate }
  let metrics: Metric[]
  try {
    metrics = await evaluate()
  } catch (error) {
    console.log(`${name}: suite failed: ${(error as Error).message}`)
    failed++
    continue
  }
  for (const m of metrics) {
    const key = metricKey(m)
    const floor = floors[key]
    const below = floor !== undefined && m.value < floor - 1e-9
    if (floor !== undefined) checked++
    if (below) failed++
    const verdict = floor === undefined ? 'no floor' : below ? 'BELOW FLOOR' : 'ok'
    console.log(
      `${m.dataset.padEnd(12)} ${m.split.padEnd(6)} ${m.metric.padEnd(34)} ${m.value.toFixed(4)}  floor ${floor === undefined ? '  -   ' : floor.toFixed(4)}  ${verdict}${m.note ? `  (${m.note})` : ''}`,
    )
  }
  console.error(`# ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
}
console.log(`eval: ${checked} metrics checked against floors, ${failed} below`)
process.exit(failed > 0 ? 1 : 0)
