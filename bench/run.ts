/**
 * `npm run bench`: speed and memory of every part, printed as lines. Benchmarks live here, never in
 * timed tests. Sizes: PARALLAX_BENCH_ARTICLES (default 5000) for the pipeline; the grouping sizes
 * from PARALLAX_BENCH_GROUPING (default "10000,100000,1000000").
 */
import { existsSync } from 'node:fs'

const articles = Number(process.env.PARALLAX_BENCH_ARTICLES ?? 5000)
const { benchPipeline } = await import('./pipeline.ts')
for (const line of await benchPipeline(articles)) console.log(line)

// The grouping benchmark is optional so this script runs in any checkout that has the pipeline.
const grouping = new URL('grouping.ts', import.meta.url)
if (existsSync(grouping)) {
  const sizes = (process.env.PARALLAX_BENCH_GROUPING ?? '10000,100000,1000000').split(',').map(Number)
  const { benchGrouping } = (await import(grouping.href)) as {
    benchGrouping: (s: number[]) => Promise<string[]>
  }
  for (const line of await benchGrouping(sizes)) console.log(line)
}
