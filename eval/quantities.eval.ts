/**
 * Casualty counts on the Gun Violence Archive articles (`../shared/data/gva`): for each article whose
 * incident has a registry record, derive one killed and one injured count from its quantities and compare
 * with the incident's `num_killed` / `num_injured`.
 *
 * Derivation (the rule a reader of the quantities layer would apply, nothing tuned to the data):
 * - a quantity's value is its `best`, or its `low` when it is open-ended ("a fatal shooting": low 1, no
 *   best, no high); ranges and vague quantifiers ("several", "dozens") give no single value;
 * - killed = the largest value among role `killed`; 0 when there is none;
 * - injured = the larger of the largest value among role `injured` (0 when none) and the largest
 *   `dead_or_injured` ("shot") figure minus the killed count (GVA: shot = killed or injured);
 * - when someone was killed and no wounded or shot person was introduced as such ("a woman was shot"), a
 *   single wounded person named only by a definite reference ("the teen was wounded", "he") is the victim
 *   who died later, not another one;
 * - the lead first: news is written as an inverted pyramid, so the title and the first sentences state
 *   the event's own figures while later ones bring earlier incidents and statistics. Each count is taken
 *   from the quantities of the first LEAD_SENTENCES sentences when they have a value of that kind, and
 *   from the whole article otherwise.
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
import { makeDoc } from '../src/model/doc.ts'
import type { Doc, Quantity } from '../src/model/types.ts'
import { createPipeline } from '../src/pipeline/stage.ts'
import { quantities } from '../src/stages/quantities.ts'
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

const largest = (qs: readonly Quantity[], role: Quantity['role']): number | null => {
  let top: number | null = null
  for (const q of qs) {
    const n = q.role === role ? (q.best ?? (q.high === null ? q.low : null)) : null
    if (n !== null && (top === null || n > top)) top = n
  }
  return top
}

/** Words that open a reference back to someone already introduced ("the teen", "he"). */
const ANAPHORS = new Set(['the', 'he', 'she', 'him'])
/**
 * "The boy was in critical condition" after "a boy was killed": one person named again by a definite
 * noun or a pronoun, not another victim ("the other", "the second" are others).
 */
const isAnaphoric = (q: Quantity): boolean => {
  if (q.best !== 1) return false
  const words = q.text.toLowerCase().split(/\s+/)
  return ANAPHORS.has(words[0]) && !OTHERS.has(words[1] ?? '')
}
const OTHERS = new Set(['other', 'second', 'third', 'fourth', 'fifth', 'another'])

/**
 * Counts from one set of quantities: the largest killed, and injured or shot-minus-killed. When someone
 * was killed, a wounded or shot person mentioned only by a definite reference is taken to be that victim
 * (shot, then died), so it adds no injured.
 */
const countsOf = (all: readonly Quantity[]): { killed: number | null; injured: number | null } => {
  const killed = largest(all, 'killed')
  const introduced = all.some((q) => q.role !== 'killed' && CASUALTY.has(q.role) && !isAnaphoric(q))
  const qs = killed && !introduced ? all.filter((q) => q.role === 'killed' || !isAnaphoric(q)) : all
  const injured = largest(qs, 'injured')
  const shot = largest(qs, 'dead_or_injured')
  if (shot === null) return { killed, injured }
  return { killed, injured: Math.max(injured ?? 0, shot - (killed ?? 0)) }
}

/** How many sentences (title included) count as the lead. */
export const LEAD_SENTENCES = 5

/** One killed and one injured count for an article, by the rule in the module comment. */
export const deriveCounts = (doc: Doc): { killed: number; injured: number } => {
  const qs = doc.quantities ?? []
  const sentences = doc.sentences ?? []
  const leadEnd = sentences[Math.min(LEAD_SENTENCES, sentences.length) - 1]?.end ?? 0
  const lead = countsOf(qs.filter((q) => q.span.end <= leadEnd))
  const all = countsOf(qs)
  return { killed: lead.killed ?? all.killed ?? 0, injured: lead.injured ?? all.injured ?? 0 }
}

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

/** The article text as the pipeline reads it. */
export const articleText = (a: Article): string =>
  a.title && !a.content.startsWith(a.title.slice(0, 30)) ? `${a.title}\n\n${a.content}` : a.content

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
  const run = createPipeline([tokenize(), segment(), quantities()])
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
      got: deriveCounts(doc),
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
