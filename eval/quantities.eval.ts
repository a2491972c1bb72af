/**
 * Casualty counts on the Gun Violence Archive articles (`../shared/data/gva`): for each article whose
 * incident has a registry record, compare the document's main-event record (`doc.record`, the `record`
 * stage in src/stages/record.ts, `documents[].record` in the JSON report) with the incident's
 * `num_killed` / `num_injured`: the record's `best` is the article's count.
 *
 * "States" = the gold count is written in the article as a digit or a number word (README's notion);
 * a gold count of 0 is never "stated" that way, so those articles only count in the `all` figures.
 * The article text is the title (when the content does not already start with it) plus the content.
 *
 * `QUANTITIES_EVAL_DUMP=<file>` writes every miss (gold, derived counts, the casualty quantities with
 * their text) as JSON lines, for error analysis.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import lexicon from '../src/data/quantities.json' with { type: 'json' }
import { leadWithTitle } from '../src/ingest/text.ts'
import { makeDoc } from '../src/model/doc.ts'
import type { Doc } from '../src/model/types.ts'
import { createPipeline } from '../src/pipeline/stage.ts'
import { dates } from '../src/stages/dates.ts'
import { quantities } from '../src/stages/quantities.ts'
import { record } from '../src/stages/record.ts'
import { segment } from '../src/stages/segment.ts'
import { tokenize } from '../src/stages/tokenize.ts'
import { dataDir, type Metric } from './metric.ts'

interface Incident {
  incident_id: string
  num_killed: number
  num_injured: number
}
interface Article {
  id: string
  incident_id: string
  title: string
  dct: string
  content: string
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T)

/** Number words by value; a value can have several spellings ("forty", "fourty"). */
const WORDS = new Map<number, string[]>()
const addWord = (n: number, ...forms: string[]): void => {
  WORDS.set(n, [...(WORDS.get(n) ?? []), ...forms])
}
for (const [word, n] of Object.entries({ ...lexicon.units, ...lexicon.tens })) addWord(n, word)
for (const [ten, t] of Object.entries(lexicon.tens)) {
  for (const [unit, u] of Object.entries(lexicon.units)) {
    if (u > 0 && u < 10) addWord(t + u, `${ten}-${unit}`, `${ten} ${unit}`)
  }
}

/** Whether the text writes n as a digit string or a number word. */
export const states = (text: string, n: number): boolean => {
  if (n <= 0) return false
  const forms = [String(n), ...(WORDS.get(n) ?? [])]
  return forms.some((form) => new RegExp(`(?<![\\w.,-])${form}(?![\\w-]|[.,]\\d)`, 'i').test(text))
}

/** The article text as `parallax analyze` reads a JSONL export of it (the title leading the body). */
export const articleText = (a: Article): string => leadWithTitle(a.title, a.content)

/** One article scored: the gold counts, the derived counts and the analysed doc. */
export interface Scored {
  article: Article
  gold: { killed: number; injured: number }
  got: { killed: number; injured: number }
  doc: Doc
}

/** Runs the pipeline over every GVA article with a registry record. */
export const scoreArticles = (): Scored[] => {
  const dir = `${dataDir()}/gva`
  const incidents = new Map(readJsonl<Incident>(`${dir}/incidents.jsonl`).map((i) => [i.incident_id, i]))
  const run = createPipeline([tokenize(), segment(), dates(), quantities(), record()])
  const out: Scored[] = []
  for (const article of readJsonl<Article>(`${dir}/documents.jsonl`)) {
    const incident = incidents.get(article.incident_id)
    if (!incident) continue
    const doc = run(
      makeDoc({
        id: article.id,
        text: articleText(article),
        meta: { source: `gva:${article.id}`, published: article.dct, title: article.title },
      }),
    )
    out.push({
      article,
      gold: { killed: incident.num_killed, injured: incident.num_injured },
      got: { killed: doc.record?.killed.best ?? 0, injured: doc.record?.injured.best ?? 0 },
      doc,
    })
  }
  return out
}

/** Killed and injured accuracy over the articles that state the gold count and over all articles. */
export const evaluate = async (): Promise<Metric[]> => {
  const scored = scoreArticles()
  const metrics: Metric[] = []
  for (const field of ['killed', 'injured'] as const) {
    const stated = scored.filter((s) => states(s.doc.text, s.gold[field]))
    const right = (list: Scored[]): number => list.filter((s) => s.got[field] === s.gold[field]).length
    const rs = right(stated)
    const ra = right(scored)
    metrics.push({
      dataset: 'gva',
      split: 'dev',
      metric: `${field}_accuracy_stated`,
      value: stated.length ? rs / stated.length : 0,
      note: `${rs}/${stated.length}`,
    })
    metrics.push({
      dataset: 'gva',
      split: 'dev',
      metric: `${field}_accuracy_all`,
      value: scored.length ? ra / scored.length : 0,
      note: `${ra}/${scored.length}`,
    })
  }
  const file = process.env.QUANTITIES_EVAL_DUMP
  if (file) writeFileSync(file, scored.filter(missed).map(dumpLine).join(''))
  return metrics
}

const CASUALTY = new Set(['killed', 'injured', 'dead_or_injured'])
const missed = (s: Scored): boolean => s.got.killed !== s.gold.killed || s.got.injured !== s.gold.injured

/** One miss as a JSON line: what was expected, what came out and from which quantities. */
const dumpLine = (s: Scored): string => {
  const text = s.doc.text
  const quantities = (s.doc.quantities ?? [])
    .filter((q) => CASUALTY.has(q.role))
    .map(
      (q) =>
        `${q.role}:${q.low}/${q.best}/${q.high} @${q.span.start} "${text.slice(q.span.start, q.span.end)}"`,
    )
  const stated = { killed: states(text, s.gold.killed), injured: states(text, s.gold.injured) }
  return `${JSON.stringify({ id: s.article.id, gold: s.gold, got: s.got, stated, quantities, lead: text.slice(0, 1200) })}\n`
}
