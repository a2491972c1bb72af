/**
 * A generated benchmark corpus: real news text from ../shared/data (GVA articles, AllSides reports),
 * recombined into as many distinct articles as asked (paragraphs shuffled with a fixed seed, dates
 * shifted). Nothing of it is written to disk or committed.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { Article } from '../src/ingest/types.ts'

const dataDir = process.env.PARALLAX_DATA ?? new URL('../../shared/data', import.meta.url).pathname

/** Deterministic PRNG (mulberry32). */
export const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const sourceTexts = (): { title: string; body: string; published: string }[] => {
  const out: { title: string; body: string; published: string }[] = []
  const gva = `${dataDir}/gva/documents.jsonl`
  if (existsSync(gva)) {
    for (const line of readFileSync(gva, 'utf8').split('\n')) {
      if (!line) continue
      const d = JSON.parse(line) as { title?: string; content?: string; dct?: string }
      if (d.content && d.content.length > 300)
        out.push({ title: d.title ?? '', body: d.content, published: d.dct ?? '2016-01-01' })
    }
  }
  if (out.length === 0) throw new Error(`Expected the GVA articles at ${gva} for the benchmark corpus`)
  return out
}

/** `count` distinct articles made from real news text. */
export const generateCorpus = (count: number, seed = 7): Article[] => {
  const texts = sourceTexts()
  const rand = random(seed)
  const articles: Article[] = []
  for (let i = 0; i < count; i++) {
    const base = texts[i % texts.length]
    let paragraphs = base.body.split(/\n+/).filter((p) => p.trim())
    if (i >= texts.length) {
      // Later rounds: shuffle paragraphs so each article is a new text of the same kind.
      paragraphs = paragraphs
        .map((p) => [rand(), p] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, p]) => p)
    }
    const day = new Date(`${base.published}T00:00:00Z`)
    day.setUTCDate(day.getUTCDate() + Math.floor(i / texts.length) * 3)
    articles.push({
      text: `${base.title}\n\n${paragraphs.join('\n\n')}`,
      meta: {
        source: `bench:${i}`,
        outlet: `outlet${i % 50}.example`,
        published: day.toISOString().slice(0, 10),
        title: base.title,
      },
    })
  }
  return articles
}

/** Words in a text, counted as whitespace-separated runs (how words/s is reported). */
export const countWords = (text: string): number => {
  let n = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32
    if (!space && !inWord) n++
    inWord = !space
  }
  return n
}
