/**
 * Quotes and attributions against PolNeAR (Newell, Margolin & Ruths, LREC 2018): brat standoff Source / Cue /
 * Content relations over 2016 US election news. One annotator's file per text (the first by name) so that texts
 * annotated several times count once.
 *
 * Matching, token-overlap based as in PARC/PolNeAR work (Pareti 2016; Newell et al. 2018 report partial as well as
 * exact span agreement): contents are compared as sets of word and number tokens (punctuation and quotation marks
 * left out). A predicted and a gold attribution match when the overlap of their contents has Dice ≥ 0.5
 * (2|P∩G| / (|P|+|G|)); pairs are matched one to one, best overlap first.
 * - content P/R/F1: matched / predicted, matched / gold.
 * - direct: gold attributions whose every content fragment is inside quotation marks (after trimming whitespace and
 *   trailing punctuation, it starts with an opening and ends with a closing mark); recall = direct gold matched by any
 *   prediction, precision = predicted direct quotes matched to any gold attribution.
 * - speaker accuracy: over matched pairs whose gold has a Source, the prediction is right when its speaker's last word
 *   (the head of the noun phrase) lies inside the gold Source. Pronoun resolution is off here: PolNeAR marks the
 *   pronoun itself as the Source and has no coreference to check an antecedent against.
 * A predicted quote that only continues the previous direct quote (same speaker, no cue: “A,” she said. “B.”) is joined to
 * it before matching, as PolNeAR annotates such a chain as one attribution with a discontinuous content.
 * Set QUOTES_EVAL_DUMP=<file> to write misses and wrong speakers for error analysis.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Quote, Span, Token } from '../src/model/types.ts'
import { findQuotes } from '../src/stages/quotes.ts'
import { segmentTokens } from '../src/stages/segment.ts'
import { tokenizeText } from '../src/stages/tokenize.ts'
import { dataDir, type Metric, prf } from './metric.ts'

interface GoldAttribution {
  content: Span[]
  source?: Span[]
  cue?: Span[]
  direct: boolean
}

const OPENING = /^["“‘'«]/
const CLOSING = /["”’'»]$/

/** Parses one brat .ann file into attributions. */
const parseAnn = (ann: string, text: string): GoldAttribution[] => {
  const spans = new Map<string, Span[]>()
  const relations: Record<string, string>[] = []
  for (const line of ann.split('\n')) {
    const tab = line.split('\t')
    if (line.startsWith('T') && tab.length >= 2) {
      const [, rest] = tab
      const space = rest.indexOf(' ')
      const fragments = rest
        .slice(space + 1)
        .split(';')
        .map((f) => f.trim().split(' ').map(Number))
        .filter((f) => f.length === 2 && f.every(Number.isFinite))
        .map(([start, end]) => ({ start, end }))
      spans.set(tab[0], fragments)
    } else if (line.startsWith('E') && tab.length >= 2) {
      relations.push(Object.fromEntries(tab[1].split(' ').map((kv) => kv.split(':'))))
    }
  }
  const out: GoldAttribution[] = []
  for (const r of relations) {
    const content = r.Content ? spans.get(r.Content) : undefined
    if (!content || content.length === 0) continue
    const direct = content.every((f) => {
      const t = text
        .slice(f.start, f.end)
        .trim()
        .replace(/[\s.,;:!?—–-]+$/u, '')
      return OPENING.test(t) && CLOSING.test(t)
    })
    out.push({
      content,
      source: r.Source ? spans.get(r.Source) : undefined,
      cue: r.Cue ? spans.get(r.Cue) : undefined,
      direct,
    })
  }
  return out
}

/** Word and number token indices covered by the spans. */
const wordsIn = (tokens: readonly Token[], spans: readonly Span[]): Set<number> => {
  const out = new Set<number>()
  for (const s of spans) {
    let lo = 0
    let hi = tokens.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tokens[mid].span.end <= s.start) lo = mid + 1
      else hi = mid
    }
    for (let k = lo; k < tokens.length && tokens[k].span.start < s.end; k++) {
      if (tokens[k].kind === 'word' || tokens[k].kind === 'number') out.add(k)
    }
  }
  return out
}

const dice = (a: Set<number>, b: Set<number>): number => {
  if (a.size === 0 || b.size === 0) return 0
  let n = 0
  for (const x of a) if (b.has(x)) n++
  return (2 * n) / (a.size + b.size)
}

interface Counts {
  predicted: number
  gold: number
  matched: number
  predictedDirect: number
  predictedDirectMatched: number
  goldDirect: number
  goldDirectMatched: number
  withSource: number
  speakerRight: number
  directWithSource: number
  directSpeakerRight: number
}

const evaluateSplit = (split: string, dump: string[]): Counts => {
  const root = join(dataDir(), 'polnear', split)
  const annFiles = readdirSync(join(root, 'attributions'))
    .filter((f) => f.endsWith('.ann'))
    .sort()
  const byText = new Map<string, string>()
  for (const f of annFiles) {
    const name = f.replace(/_[^_]+\.ann$/, '')
    if (!byText.has(name)) byText.set(name, f)
  }
  const c: Counts = {
    predicted: 0,
    gold: 0,
    matched: 0,
    predictedDirect: 0,
    predictedDirectMatched: 0,
    goldDirect: 0,
    goldDirectMatched: 0,
    withSource: 0,
    speakerRight: 0,
    directWithSource: 0,
    directSpeakerRight: 0,
  }
  for (const [name, annFile] of [...byText].sort()) {
    const text = readFileSync(join(root, 'text', `${name}.txt`), 'utf8')
    const gold = parseAnn(readFileSync(join(root, 'attributions', annFile), 'utf8'), text)
    const tokens = tokenizeText(text)
    const sentences = segmentTokens(text, tokens)
    const found: Quote[] = findQuotes(
      { id: name, text, meta: { source: name }, messages: [], tokens, sentences },
      { resolvePronouns: false },
    )
    const goldWords = gold.map((g) => wordsIn(tokens, g.content))
    // A quote that continues the previous speaker with no cue of its own (“A,” she said. “B.”) is one attribution
    // with a discontinuous content in PolNeAR: join it to the quote it continues.
    const predicted: Quote[] = []
    const predWords: Set<number>[] = []
    for (const q of found) {
      const prev = predicted[predicted.length - 1]
      if (
        !q.cue &&
        q.speaker &&
        prev?.direct &&
        prev.speaker &&
        prev.speaker.span.start === q.speaker.span.start
      ) {
        for (const w of wordsIn(tokens, [q.content])) predWords[predWords.length - 1].add(w)
        continue
      }
      predicted.push(q)
      predWords.push(wordsIn(tokens, [q.content]))
    }
    const pairs: [number, number, number][] = []
    predWords.forEach((p, i) => {
      goldWords.forEach((g, j) => {
        const d = dice(p, g)
        if (d >= 0.5) pairs.push([d, i, j])
      })
    })
    pairs.sort((a, b) => b[0] - a[0])
    const predTaken = new Int32Array(predicted.length).fill(-1)
    const goldTaken = new Int32Array(gold.length).fill(-1)
    for (const [, i, j] of pairs) {
      if (predTaken[i] >= 0 || goldTaken[j] >= 0) continue
      predTaken[i] = j
      goldTaken[j] = i
    }
    c.predicted += predicted.length
    c.gold += gold.length
    predicted.forEach((q, i) => {
      if (q.direct) c.predictedDirect++
      if (predTaken[i] >= 0) {
        c.matched++
        if (q.direct) c.predictedDirectMatched++
      } else {
        dump.push(
          `${name}\tFP\t${q.direct ? 'direct' : 'indirect'}\t${text.slice(q.span.start, q.span.end).replace(/\s+/g, ' ')}`,
        )
      }
    })
    gold.forEach((g, j) => {
      if (g.direct) c.goldDirect++
      const i = goldTaken[j]
      const goldText = g.content
        .map((f) => text.slice(f.start, f.end))
        .join(' … ')
        .replace(/\s+/g, ' ')
      if (i < 0) {
        const cue = (g.cue ?? []).map((f) => text.slice(f.start, f.end)).join(' ')
        dump.push(`${name}\tFN\t${g.direct ? 'direct' : 'indirect'}\t${cue}\t${goldText}`)
        return
      }
      if (g.direct) c.goldDirectMatched++
      if (!g.source || g.source.length === 0) return
      const q = predicted[i]
      const sourceWords = wordsIn(tokens, g.source)
      const speakerWords = q.speaker ? [...wordsIn(tokens, [q.speaker.span])] : []
      const right = speakerWords.length > 0 && sourceWords.has(speakerWords[speakerWords.length - 1])
      c.withSource++
      if (right) c.speakerRight++
      if (g.direct) {
        c.directWithSource++
        if (right) c.directSpeakerRight++
      }
      if (!right) {
        const goldSource = g.source.map((f) => text.slice(f.start, f.end)).join(' … ')
        dump.push(
          `${name}\tSPEAKER-${g.direct ? 'direct' : 'indirect'}\t${q.speaker?.text ?? '(none)'}\tgold: ${goldSource}\t${goldText.slice(0, 120)}`,
        )
      }
    })
  }
  return c
}

/** PolNeAR dev and train: attribution content F1, direct-quote F1, speaker accuracy. */
export const evaluate = async (): Promise<Metric[]> => {
  const metrics: Metric[] = []
  const dump: string[] = []
  for (const split of ['dev', 'train']) {
    const c = evaluateSplit(split, dump)
    const all = prf(c.matched, c.predicted - c.matched, c.gold - c.matched)
    const directP = c.predictedDirect === 0 ? 0 : c.predictedDirectMatched / c.predictedDirect
    const directR = c.goldDirect === 0 ? 0 : c.goldDirectMatched / c.goldDirect
    const directF1 = directP + directR === 0 ? 0 : (2 * directP * directR) / (directP + directR)
    const m = (metric: string, value: number, note?: string): void => {
      metrics.push({ dataset: 'polnear', split, metric, value, note })
    }
    m(
      'content-f1',
      all.f1,
      `P ${all.p.toFixed(3)} R ${all.r.toFixed(3)}; ${c.matched} matched of ${c.predicted} predicted, ${c.gold} gold`,
    )
    m(
      'direct-content-f1',
      directF1,
      `P ${directP.toFixed(3)} (${c.predictedDirect} predicted) R ${directR.toFixed(3)} (${c.goldDirect} gold)`,
    )
    m(
      'speaker-accuracy',
      c.withSource === 0 ? 0 : c.speakerRight / c.withSource,
      `${c.speakerRight}/${c.withSource}`,
    )
    m(
      'direct-speaker-accuracy',
      c.directWithSource === 0 ? 0 : c.directSpeakerRight / c.directWithSource,
      `${c.directSpeakerRight}/${c.directWithSource}`,
    )
  }
  const file = process.env.QUOTES_EVAL_DUMP
  if (file) writeFileSync(file, `${dump.join('\n')}\n`)
  return metrics
}
