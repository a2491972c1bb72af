/**
 * `npm run bench`: speed and memory of every part, printed as lines. Benchmarks live here, never in
 * timed tests. Sizes: PARALLAX_BENCH_ARTICLES (default 5000) for the pipeline, PARALLAX_BENCH_STORE
 * (default 1000) for the store, PARALLAX_BENCH_GROUPING (default "10000,100000,1000000") for grouping.
 */
import { benchGrouping } from './grouping.ts'
import { benchPipeline } from './pipeline.ts'
import { benchStore } from './store.ts'

const articles = Number(process.env.PARALLAX_BENCH_ARTICLES ?? 5000)
for (const line of await benchPipeline(articles)) console.log(line)

for (const line of await benchStore(Number(process.env.PARALLAX_BENCH_STORE ?? 1000))) console.log(line)

const sizes = (process.env.PARALLAX_BENCH_GROUPING ?? '10000,100000,1000000').split(',').map(Number)
for (const line of await benchGrouping(sizes)) console.log(line)
