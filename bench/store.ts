/**
 * Store and server benchmark: incremental ingest into SQLite (articles/s, in batches), a re-run
 * that skips everything, full-text search latency, story page render latency, file size and peak
 * memory. Run: `npx tsx bench/store.ts 2000` (default 1000 articles; corpus from bench/corpus.ts).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyseDocument } from '../src/pipeline/default.ts'
import { createApp } from '../src/server/app.ts'
import { ingestArticles } from '../src/store/ingest.ts'
import { openStore } from '../src/store/sqlite.ts'
import { generateCorpus } from './corpus.ts'

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Runs the benchmark and returns one line per measurement. */
export const benchStore = async (count = 1000): Promise<string[]> => {
  const lines: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-store-'))
  let peakRss = 0
  const sampleMemory = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const timer = setInterval(sampleMemory, 50)
  try {
    const articles = generateCorpus(count)
    // The per-article analysis alone, for scale: what ingest adds on top is store and corpus work.
    const sample = articles.slice(0, Math.min(200, count))
    analyseDocument(sample[0])
    const a0 = performance.now()
    for (const article of sample) analyseDocument(article)
    const analyseRate = sample.length / ((performance.now() - a0) / 1000)
    lines.push(
      `store     analysis alone (reference): ${analyseRate.toFixed(0)} articles/s on ${sample.length} articles`,
    )
    const path = join(dir, 'bench.db')
    const store = openStore(path)
    // Half first, then the rest: the second half is the incremental case (stories already exist).
    const half = Math.floor(count / 2)
    let t0 = performance.now()
    ingestArticles(store, articles.slice(0, half))
    const first = (performance.now() - t0) / 1000
    t0 = performance.now()
    const second = ingestArticles(store, articles.slice(half))
    const incremental = (performance.now() - t0) / 1000
    lines.push(
      `store     ingest ${half} articles into an empty store in ${first.toFixed(2)} s = ${(half / first).toFixed(0)} articles/s`,
    )
    lines.push(
      `store     ingest ${count - half} more incrementally in ${incremental.toFixed(2)} s = ${((count - half) / incremental).toFixed(0)} articles/s (${second.stories.updated.length} stories updated, ${second.stories.created.length} new)`,
    )
    t0 = performance.now()
    const again = ingestArticles(store, articles)
    const skip = (performance.now() - t0) / 1000
    lines.push(`store     re-ingest of all ${count}: ${again.skipped.length} skipped in ${skip.toFixed(2)} s`)
    lines.push(
      `store     file ${(statSync(path).size / 1e6).toFixed(1)} MB for ${count} articles, ${store.listStories({ limit: 1e9 }).length} stories`,
    )

    const words = [
      'police',
      'shooting',
      'killed',
      'county',
      'officer',
      'suspect',
      'hospital',
      'vehicle',
      'home',
      'night',
    ]
    const times: number[] = []
    for (let i = 0; i < 200; i++) {
      const q = `${words[i % words.length]} ${words[(i * 3 + 1) % words.length]}`
      const s = performance.now()
      store.search(q)
      times.push(performance.now() - s)
    }
    lines.push(
      `search    median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms over 200 two-word queries`,
    )

    const app = createApp({ store })
    const stories = store.listStories({ limit: 50 }).sort((a, b) => b.documents - a.documents)
    const renders: number[] = []
    for (const story of stories) {
      const s = performance.now()
      const res = await app.request(`/stories/${encodeURIComponent(story.id)}`)
      await res.text()
      renders.push(performance.now() - s)
    }
    lines.push(
      `server    story page median ${median(renders).toFixed(1)} ms, max ${Math.max(...renders).toFixed(1)} ms over ${renders.length} stories (largest ${stories[0]?.documents ?? 0} reports)`,
    )
    sampleMemory()
    lines.push(`memory    peak RSS ${(peakRss / 1e6).toFixed(0)} MB`)
    store.close()
  } finally {
    clearInterval(timer)
    rmSync(dir, { recursive: true, force: true })
  }
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchStore(Number(process.argv[2] ?? 1000))) console.log(line)
}
