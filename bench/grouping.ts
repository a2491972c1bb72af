/**
 * Story grouping at scale: speed and memory of the online story index on synthetic streams built at run
 * time from the real grouping datasets (GVA, AllSides, ECB+ in ../shared/data; nothing is written to disk).
 *
 * Each synthetic story is a real story's reports, re-dated to a random day of a long period and lightly
 * reworded: a few sentences dropped, and its capitalised words mapped (consistently within the story) to
 * capitalised words of other stories, so repeats of one real story read as different events of the same
 * kind. Prints time per article, total time, peak RSS, accuracy (BCubed against the synthetic stories)
 * and the latency of single adds once every article is indexed.
 *
 * Standalone: `npx tsx bench/grouping.ts 10000 100000 1000000`.
 */

import { loadAllSides, loadEcbPlus, loadGva } from '../eval/grouping-data.ts'
import { createStoryIndex } from '../src/corpus/cluster.ts'
import { bcubed } from '../src/corpus/clustering-scores.ts'
import { dayOf } from '../src/corpus/grouping-features.ts'
import { prepareAhead } from '../src/corpus/prepare-ahead.ts'
import type { PreparedArticle } from '../src/corpus/prepared-article.ts'
import type { Doc } from '../src/model/types.ts'

interface BaseStory {
  /**
   * Sentences of each report, and its day offset from the story's first report. Each sentence is split
   * once into text and the capitalised words renamed (odd places), so generating an article is a walk
   * over the pieces, not a regex replace.
   */
  reports: { sentences: string[][]; offset: number }[]
}

const CAPITALISED = /\b\p{Lu}\p{Ll}{3,}\b/gu

// A sentence as [text, word, text, word, ..., text]: the words are the ones a story's rewording renames.
// Matching per sentence finds what matching the joined text would, since a space separates sentences.
const piecesOf = (sentence: string): string[] => {
  const pieces: string[] = []
  let last = 0
  for (const m of sentence.matchAll(CAPITALISED)) {
    pieces.push(sentence.slice(last, m.index), m[0])
    last = m.index + m[0].length
  }
  pieces.push(sentence.slice(last))
  return pieces
}

// A small seeded generator: benchmark streams must be the same on every run to be comparable.
const random = (seed: number): (() => number) => {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

export const loadBase = (): { stories: BaseStory[]; names: string[] } => {
  const stories: BaseStory[] = []
  const names = new Set<string>()
  for (const set of [loadGva(), loadAllSides(), loadEcbPlus()]) {
    const groups = new Map<string, Doc[]>()
    for (const doc of set.docs) {
      const gold = set.gold.get(doc.id)!
      let group = groups.get(gold)
      if (!group) {
        group = []
        groups.set(gold, group)
      }
      group.push(doc)
    }
    for (const docs of groups.values()) {
      const days = docs.map((d) => dayOf(d.meta.published))
      const first = Math.min(...days.map((d) => d ?? 0))
      stories.push({
        reports: docs.map((doc, i) => ({
          sentences: doc.text
            .split(/(?<=[.!?])\s+|\n+/)
            .filter((s) => s.trim().length > 0)
            .map(piecesOf),
          offset: Math.min(30, Math.max(0, (days[i] ?? first) - first)),
        })),
      })
      for (const m of docs[0].text.matchAll(/\b\p{Lu}\p{Ll}{3,}\b/gu)) names.add(m[0])
    }
  }
  return { stories, names: [...names] }
}

const PER_DAY = 2000
const START = dayOf('2015-01-01')!
const spanOf = (size: number, perDay: number): number => Math.max(30, Math.ceil(size / perDay))

/** A stream of `size` synthetic articles with their synthetic story labels, generated lazily. */
function* stream(
  size: number,
  base: { stories: BaseStory[]; names: string[] },
  {
    perDay = PER_DAY,
    seed = 1,
    start = START,
    prefix = 'd',
  }: { perDay?: number; seed?: number; start?: number; prefix?: string } = {},
): Generator<{ doc: Doc; story: string }> {
  const next = random(seed)
  const days = spanOf(size, perDay)
  let emitted = 0
  let instance = 0
  while (emitted < size) {
    const story = base.stories[Math.floor(next() * base.stories.length)]
    const day = start + Math.floor(next() * days)
    const rename = new Map<string, string>()
    const id = `syn${instance++}`
    for (const report of story.reports) {
      if (emitted >= size) return
      const kept = report.sentences.filter((_, i) => i === 0 || next() > 0.15)
      const out: string[] = []
      for (const pieces of kept) {
        if (out.length > 0) out.push(' ')
        for (let i = 0; i < pieces.length; i++) {
          const word = pieces[i]
          if (i % 2 === 0) {
            out.push(word)
            continue
          }
          let to = rename.get(word)
          if (to === undefined) {
            to = next() < 0.5 ? base.names[Math.floor(next() * base.names.length)] : word
            rename.set(word, to)
          }
          out.push(to)
        }
      }
      const text = out.join('')
      const published = new Date((day + report.offset) * 86_400_000).toISOString().slice(0, 10)
      yield {
        doc: { id: `${prefix}${emitted}`, text, meta: { source: 'bench', published }, messages: [] },
        story: id,
      }
      emitted++
    }
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** Featurising ahead in a worker is measured beside one thread up to this size. */
const ONE_THREAD_MAX = 100_000

/** One run of the grouping benchmark: a stream of `size` articles into a fresh index. */
export const benchSize = async (
  size: number,
  base: { stories: BaseStory[]; names: string[] },
  mode: 'one thread' | 'worker',
): Promise<string> => {
  const index = createStoryIndex()
  const gold = new Map<string, string>()
  let addTime = 0
  let words = 0
  let peak = process.memoryUsage().rss
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  let n = 0
  const labelled = stream(size, base)
  const label = new Map<string, string>()
  const docs = (function* () {
    for (const { doc, story } of labelled) {
      label.set(doc.id, story)
      yield doc
    }
  })()
  const pairs:
    | Iterable<{ doc: Doc; prepared?: PreparedArticle }>
    | AsyncIterable<{ doc: Doc; prepared?: PreparedArticle }> =
    mode === 'worker'
      ? prepareAhead(docs, { furniture: index.furniture })
      : (function* () {
          for (const doc of docs) yield { doc }
        })()
  for await (const { doc, prepared } of pairs) {
    const story = label.get(doc.id) ?? ''
    label.delete(doc.id)
    if (size <= 200_000) gold.set(doc.id, story)
    words += doc.text.length / 6
    const t = performance.now()
    index.add(doc, prepared)
    addTime += performance.now() - t
    if (++n % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss)
  }
  const total = (performance.now() - started) / 1000
  // CPU seconds as well as wall time: on a shared machine wall time mostly measures the neighbours.
  const cpu = process.cpuUsage(cpuStarted)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  // Single adds with everything indexed: fresh articles from another seed dated in the stream's last
  // month (where stories are still open), timed one by one.
  const latencies: number[] = []
  const lastMonth = START + spanOf(size, PER_DAY) - 30
  for (const { doc } of stream(1000, base, { seed: 99, start: lastMonth, prefix: 'late' })) {
    const t = performance.now()
    index.add(doc)
    latencies.push(performance.now() - t)
  }
  latencies.sort((a, b) => a - b)
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024)
  const stories = index.stories()
  let accuracy = ''
  if (gold.size > 0) {
    const predicted = new Map<string, string>()
    for (const s of stories) for (const d of s.documents) if (gold.has(d)) predicted.set(d, s.id)
    const b = bcubed(predicted, gold)
    accuracy = `, BCubed P ${b.p.toFixed(3)} R ${b.r.toFixed(3)} F1 ${b.f1.toFixed(3)}`
  }
  return `grouping ${size.toLocaleString('en')} articles (${mode}): ${total.toFixed(1)} s total, ${cpuSeconds.toFixed(1)} s CPU (${((addTime / size) * 1000).toFixed(0)} µs/article in add, ${(size / total).toFixed(0)} articles/s incl. generation, ${(words / total / 1000).toFixed(0)}k words/s), peak RSS ${mb(peak)}, ${stories.length.toLocaleString('en')} stories${accuracy}; single add with all indexed: median ${latencies[500].toFixed(2)} ms, p99 ${latencies[990].toFixed(2)} ms`
}

/** Runs the grouping benchmark at each size; returns the lines to print. */
export const benchGrouping = async (sizes: number[]): Promise<string[]> => {
  const lines: string[] = []
  const base = loadBase()
  lines.push(
    `grouping: base ${base.stories.length} real stories, ${base.stories.reduce((n, s) => n + s.reports.length, 0)} reports; ${PER_DAY} articles a day`,
  )
  for (const size of sizes) {
    // One thread, and with featurisation ahead in a worker thread (the grouping stays on the main one):
    // the one-thread run is skipped at a million, where it would take most of the benchmark's time.
    for (const mode of size <= ONE_THREAD_MAX ? (['one thread', 'worker'] as const) : (['worker'] as const))
      lines.push(await benchSize(size, base, mode))
  }
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number)
  for (const line of await benchGrouping(sizes.length > 0 ? sizes : [10_000])) console.log(line)
}
