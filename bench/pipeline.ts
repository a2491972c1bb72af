/**
 * Pipeline benchmark: per-article stages on one core (articles/s, words/s, per stage), then the
 * whole analysis (per-article stages + entity resolution + story grouping + comparison), with peak
 * memory. Run: `npm run bench` (or `npx tsx bench/pipeline.ts 5000`).
 */
import { analyzeArticles } from '../src/analyze.ts'
import { makeDoc } from '../src/model/doc.ts'
import { defaultPipeline } from '../src/pipeline/default.ts'
import { countWords, generateCorpus } from './corpus.ts'

let peakRss = 0
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}

export const benchPipeline = async (count = 5000): Promise<string[]> => {
  const lines: string[] = []
  const articles = generateCorpus(count)
  const words = articles.reduce((n, a) => n + countWords(a.text), 0)
  const pipeline = defaultPipeline()
  const timer = setInterval(sampleMemory, 50)
  // Warm-up: load models and lexicons once, outside the timing (as a long-running process would).
  pipeline(makeDoc({ text: articles[0].text, meta: articles[0].meta }))

  const perStage = new Map<string, number>()
  let started = performance.now()
  for (const article of articles) {
    const doc = makeDoc({ text: article.text, meta: article.meta })
    const context = { report: (m: (typeof doc.messages)[number]) => doc.messages.push(m) }
    for (const stage of pipeline.stages) {
      const t0 = performance.now()
      ;(doc as unknown as Record<string, unknown>)[stage.produces] = stage.run(doc, context)
      perStage.set(stage.name, (perStage.get(stage.name) ?? 0) + performance.now() - t0)
    }
    sampleMemory()
  }
  let seconds = (performance.now() - started) / 1000
  lines.push(
    `pipeline  per-article stages, one core: ${count} articles, ${words} words in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)} articles/s, ${(words / seconds).toFixed(0)} words/s`,
  )
  for (const [name, ms] of perStage) {
    lines.push(
      `pipeline    ${name.padEnd(11)} ${(ms / 1000).toFixed(2)} s  ${(words / (ms / 1000)).toFixed(0)} words/s`,
    )
  }

  started = performance.now()
  const report = analyzeArticles(articles)
  seconds = (performance.now() - started) / 1000
  sampleMemory()
  clearInterval(timer)
  lines.push(
    `pipeline  whole analysis (stages + resolve + group + compare): ${(count / seconds).toFixed(0)} articles/s, ${(words / seconds).toFixed(0)} words/s, ${seconds.toFixed(2)} s, ${report.stories.length} stories`,
  )
  lines.push(`pipeline  peak memory (RSS): ${(peakRss / 1024 / 1024).toFixed(0)} MB`)
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchPipeline(Number(process.argv[2] ?? 5000))) console.log(line)
}
