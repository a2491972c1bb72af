/**
 * Event triggers on ECB+ (`../shared/data/ecbplus`): in the sentences ECB+ annotated (its
 * `ECBplus_coreference_sentences.csv`), how many of our triggers overlap a gold ACTION_* / NEG_ACTION_*
 * mention (precision), and how many gold ACTION_OCCURRENCE mentions one of our triggers overlaps (recall).
 * The lexicon covers coarse news-event classes only (attacks, arrests, disasters, trials...), so recall is
 * expected to be low; precision is the figure that guards the "keep it precise" brief.
 * Text is rebuilt from the XML tokens joined by spaces, one line per sentence (sentence 0 of *ecbplus.xml,
 * the source URL, dropped).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeDoc } from '../src/model/doc.ts'
import type { Span } from '../src/model/types.ts'
import { createPipeline } from '../src/pipeline/stage.ts'
import { events } from '../src/stages/events.ts'
import { segment } from '../src/stages/segment.ts'
import { tokenize } from '../src/stages/tokenize.ts'
import { dataDir, type Metric, unescapeXml } from './metric.ts'

interface GoldDoc {
  text: string
  /** Character spans of the annotated sentences. */
  annotated: Span[]
  /** Gold action mentions (any ACTION_* or NEG_ACTION_*), with whether they are ACTION_OCCURRENCE. */
  actions: { span: Span; occurrence: boolean }[]
}

/** Reads one ECB+ document: text from its tokens, gold action spans, and its annotated sentences. */
const readDoc = (xml: string, plus: boolean, annotatedSentences: Set<number>): GoldDoc => {
  const tokenSpan = new Map<string, Span>()
  const sentenceSpan = new Map<number, Span>()
  let text = ''
  let current = -1
  for (const m of xml.matchAll(/<token t_id="(\d+)" sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    const sentence = Number(m[2])
    if (plus && sentence === 0) continue
    if (sentence !== current) {
      if (text) text += '\n'
      current = sentence
    } else text += ' '
    const word = unescapeXml(m[3])
    const span = { start: text.length, end: text.length + word.length }
    text += word
    tokenSpan.set(m[1], span)
    const s = sentenceSpan.get(sentence)
    sentenceSpan.set(sentence, s ? { start: s.start, end: span.end } : { ...span })
  }
  const actions: GoldDoc['actions'] = []
  for (const m of xml.matchAll(/<((?:NEG_)?ACTION_[A-Z]+) m_id="\d+"[^>]*>([\s\S]*?)<\/\1>/g)) {
    const spans = [...m[2].matchAll(/t_id="(\d+)"/g)]
      .map((t) => tokenSpan.get(t[1]))
      .filter((s) => s !== undefined)
    if (spans.length === 0) continue
    const span = { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) }
    actions.push({ span, occurrence: m[1] === 'ACTION_OCCURRENCE' })
  }
  const annotated = [...annotatedSentences].map((s) => sentenceSpan.get(s)).filter((s) => s !== undefined)
  return { text, annotated, actions }
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end

/** Trigger precision and ACTION_OCCURRENCE recall over ECB+'s annotated sentences. */
export const evaluate = async (): Promise<Metric[]> => {
  const root = join(dataDir(), 'ecbplus')
  const annotated = new Map<string, Set<number>>()
  for (const line of readFileSync(join(root, 'ECBplus_coreference_sentences.csv'), 'utf8')
    .split('\n')
    .slice(1)) {
    const [topic, file, sentence] = line.trim().split(',')
    if (!sentence) continue
    const key = `${topic}_${file}.xml`
    const set = annotated.get(key) ?? new Set<number>()
    set.add(Number(sentence))
    annotated.set(key, set)
  }
  const run = createPipeline([tokenize(), segment(), events()])
  let found = 0
  let correct = 0
  let gold = 0
  let recalled = 0
  const dir = join(root, 'ECB+')
  for (const topic of readdirSync(dir).filter((t) => /^\d+$/.test(t))) {
    for (const file of readdirSync(join(dir, topic)).filter((f) => f.endsWith('.xml'))) {
      const sentences = annotated.get(file)
      if (!sentences) continue
      const g = readDoc(readFileSync(join(dir, topic, file), 'utf8'), file.endsWith('ecbplus.xml'), sentences)
      const doc = run(makeDoc({ text: g.text, meta: { source: file } }))
      const inAnnotated = (s: Span): boolean => g.annotated.some((a) => a.start <= s.start && s.end <= a.end)
      const ours = (doc.events ?? []).filter((e) => inAnnotated(e.span))
      const golds = g.actions.filter((a) => inAnnotated(a.span))
      found += ours.length
      correct += ours.filter((e) => golds.some((a) => overlaps(a.span, e.span))).length
      const occurrences = golds.filter((a) => a.occurrence)
      gold += occurrences.length
      recalled += occurrences.filter((a) => ours.some((e) => overlaps(a.span, e.span))).length
    }
  }
  return [
    {
      dataset: 'ecbplus',
      split: 'dev',
      metric: 'trigger_precision',
      value: found ? correct / found : 0,
      note: `${correct}/${found}`,
    },
    {
      dataset: 'ecbplus',
      split: 'dev',
      metric: 'trigger_recall_occurrence',
      value: gold ? recalled / gold : 0,
      note: `${recalled}/${gold}`,
    },
  ]
}
