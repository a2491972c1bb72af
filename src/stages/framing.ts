import { stemmer } from 'stemmer'
import hedgeData from '../data/hedges.json' with { type: 'json' }
import labelData from '../data/label-cues.json' with { type: 'json' }
import loadedData from '../data/loaded-words.json' with { type: 'json' }
import type { Doc, Framing, Hedge, Label, LoadedTerm, Mention, Span, Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'
import { findQuoteRegions, type QuoteRegion } from './quotes.ts'

/** Options of the {@link framing} stage. */
export interface FramingOptions {
  /** A quoted phrase of at most this many words that is not a speaker's quote is a scare quote. Default 3. */
  maxScareWords?: number
  /** Lexicons to use for loaded words (by name, as recorded on each term). Default: all. */
  lexicons?: readonly string[]
}

interface LoadedEntry {
  lexicon: string
  polarity: LoadedTerm['polarity']
}

interface Lexicon {
  words: Map<string, LoadedEntry>
  stems: Map<string, LoadedEntry>
}

let lexiconCache: Lexicon | undefined
// The lexicon is a few thousand entries: built once, on first use, and shared by every document.
const loadLexicon = (): Lexicon => {
  if (lexiconCache) return lexiconCache
  const words = new Map<string, LoadedEntry>()
  const stems = new Map<string, LoadedEntry>()
  for (const [form, stem, lexicon, polarity] of loadedData.entries as [
    string,
    number,
    string,
    LoadedTerm['polarity'],
  ][]) {
    const target = stem ? stems : words
    if (!target.has(form)) target.set(form, { lexicon, polarity })
  }
  lexiconCache = { words, stems }
  return lexiconCache
}

type HedgeKind = Hedge['kind']
/** Hedge phrases by first word, longest first. */
const HEDGES = new Map<string, { words: string[]; kind: HedgeKind }[]>()
for (const [kind, list] of [
  ['attribution', hedgeData.attribution],
  ['distancing', hedgeData.distancing],
  ['hedge', hedgeData.hedge],
] as [HedgeKind, string[]][]) {
  for (const phrase of list) {
    const words = phrase.split(' ')
    const bucket = HEDGES.get(words[0]) ?? []
    if (!bucket.some((b) => b.words.join(' ') === phrase)) bucket.push({ words, kind })
    HEDGES.set(words[0], bucket)
  }
}
for (const bucket of HEDGES.values()) bucket.sort((a, b) => b.words.length - a.words.length)

const FUNCTION_WORDS = new Set(labelData.functionWords)
const ACTOR_SUFFIX = new RegExp(`-(${labelData.actorSuffixes.join('|')})$`)
const COPULAS = new Set(labelData.copulas)
const ARTICLES = new Set(labelData.articles)
const LABEL_STOPS = new Set(labelData.labelStops)
const PREPOSITIONS = new Set(labelData.prepositions)
// A lower-case particle joined to a capitalised name part: "al-Saadi", "el-Sisi", "bin-Salman".
const NAME_PARTICLE = /^\p{Ll}{1,3}[-‐]\p{Lu}/u
const ADJECTIVE = new RegExp(`(${labelData.adjectiveEndings.join('|')})$`)

const isCapital = (text: string, t: Token): boolean =>
  /^\p{Lu}/u.test(text.slice(t.span.start, t.span.start + 1))
const isWordToken = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word'

/** Per-document view: tokens with sentence starts, the quoted-voice mask and actor candidates. */
interface View {
  doc: Doc
  text: string
  tokens: readonly Token[]
  sentenceInitial: Uint8Array
  quoted: Uint8Array
  /** Token index → index in `actors` of the actor starting there (or -1). */
  actorAt: Int32Array
  actorEndAt: Int32Array
  actors: { first: number; last: number; entity?: string }[]
  /** 1 for tokens inside a PERSON mention. */
  person: Uint8Array
}

const tokenRange = (tokens: readonly Token[], span: Span): [number, number] => {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid].span.end <= span.start) lo = mid + 1
    else hi = mid
  }
  let last = lo - 1
  for (let k = lo; k < tokens.length && tokens[k].span.start < span.end; k++) last = k
  return [lo, last]
}

const markRange = (view: View, span: Span): void => {
  const [a, b] = tokenRange(view.tokens, span)
  for (let k = a; k <= b; k++) view.quoted[k] = 1
}

/** Actors from the entity layer when there is one, else runs of capitalised words (not a sentence's first word alone). */
const findActors = (view: View, mentions: readonly Mention[] | undefined): void => {
  const { tokens, text } = view
  if (mentions && mentions.length > 0) {
    for (const m of mentions) {
      const [first, last] = tokenRange(tokens, m.span)
      if (last < first) continue
      view.actors.push({ first, last, entity: m.entity })
      if (m.type === 'PERSON') for (let k = first; k <= last; k++) view.person[k] = 1
    }
  } else {
    for (let i = 0; i < tokens.length; i++) {
      if (!isWordToken(tokens[i]) || !isCapital(text, tokens[i])) continue
      let j = i
      while (
        j + 1 < tokens.length &&
        isWordToken(tokens[j + 1]) &&
        (isCapital(text, tokens[j + 1]) ||
          NAME_PARTICLE.test(text.slice(tokens[j + 1].span.start, tokens[j + 1].span.end)))
      )
        j++
      let first = i
      // A sentence's first word is capitalised anyway: keep it only when it is not a function word ("The", "In").
      if (view.sentenceInitial[i] && FUNCTION_WORDS.has(tokens[i].norm)) first++
      if (first <= j && !(first === j && view.sentenceInitial[first])) view.actors.push({ first, last: j })
      i = j
    }
  }
  for (const [k, a] of view.actors.entries()) {
    if (view.actorAt[a.first] < 0) view.actorAt[a.first] = k
    view.actorEndAt[a.last] = k
  }
}

/** A content word that can modify a noun before a name: not a function word, verb form or adverb. */
const isModifier = (view: View, i: number): boolean => {
  const t = view.tokens[i]
  if (!isWordToken(t) || FUNCTION_WORDS.has(t.norm)) return false
  if (t.norm.includes('-')) return true
  // A capitalised modifier may be a group or place ("Republican lawmaker", "National Security Council spokesman"),
  // but not a person's name.
  if (isCapital(view.text, t)) return view.person[i] === 0
  return !/(ed|ing|ly)$/.test(t.norm)
}

const ROLE_SUFFIX = new RegExp(`(${labelData.roleSuffixes.join('|')})$`)
const ROLE_WORDS = new Set(labelData.roleWords)
const isRole = (word: string): boolean =>
  ROLE_WORDS.has(word) || (word.length > 4 && ROLE_SUFFIX.test(word)) || word.includes('-')

const FINITE = new Set([
  'is',
  'was',
  'are',
  'were',
  'will',
  'would',
  'has',
  'have',
  'had',
  'can',
  'could',
  'should',
  'may',
  'might',
  'must',
  'did',
  'does',
])
/** Whether a phrase has an auxiliary or modal, which makes it a clause rather than a description. */
const hasFiniteVerb = (view: View, from: number, to: number): boolean => {
  for (let k = from; k <= to; k++) if (FINITE.has(view.tokens[k].norm)) return true
  return false
}

/** Whether a description has a lower-case content word: "the Democratic National Committee" is a name, not a label. */
const hasLowerWord = (view: View, from: number, to: number): boolean => {
  for (let k = from; k <= to; k++) {
    const t = view.tokens[k]
    if (isWordToken(t) && !isCapital(view.text, t) && !FUNCTION_WORDS.has(t.norm)) return true
  }
  return false
}

const labelOf = (
  view: View,
  first: number,
  last: number,
  actor?: { first: number; last: number; entity?: string },
): Label => {
  const { tokens, text } = view
  const span = { start: tokens[first].span.start, end: tokens[last].span.end }
  const label: Label = {
    span,
    text: text.slice(span.start, span.end),
    voice: view.quoted[first] ? 'quoted' : 'outlet',
  }
  if (actor) {
    const t = { start: tokens[actor.first].span.start, end: tokens[actor.last].span.end }
    label.target = { span: t, text: text.slice(t.start, t.end) }
    if (actor.entity !== undefined) label.target.entity = actor.entity
  }
  return label
}

/** The end of a descriptive noun phrase starting at `from`: up to a comma, full stop, quote mark or clause word. */
const phraseEnd = (view: View, from: number, max = 14): number => {
  const { tokens } = view
  let j = from
  while (j + 1 < tokens.length && j + 1 - from < max) {
    const next = tokens[j + 1]
    if (next.kind === 'punct' && next.norm !== '-' && next.norm !== "'") break
    if (LABEL_STOPS.has(next.norm)) break
    if (view.sentenceInitial[j + 1]) break
    const after = tokens[j + 2]
    if (next.norm === 'and' && (!after || FUNCTION_WORDS.has(after.norm) || isCapital(view.text, after)))
      break
    j++
  }
  return j
}

/** Labels: appositives, copular descriptions, modifiers before a name, and "X-backed …" actor phrases. */
const findLabels = (view: View): Label[] => {
  const { tokens } = view
  const labels: Label[] = []
  for (const actor of view.actors) {
    // A capitalised function word or a pronoun ("Is", "I") is no actor.
    if (actor.first === actor.last && FUNCTION_WORDS.has(tokens[actor.first].norm)) continue
    const next = actor.last + 1
    // Description first: "…killed a senior militia commander, Abu Salim." — the name closes its clause.
    const prev = actor.first - 1
    const closer = tokens[actor.last + 1]?.norm
    if (
      tokens[prev]?.norm === ',' &&
      (closer === undefined || closer === ',' || closer === '.' || closer === ')')
    ) {
      let k = prev - 1
      while (
        k > prev - 10 &&
        k >= 0 &&
        !ARTICLES.has(tokens[k].norm) &&
        (isModifier(view, k) || tokens[k].norm === "'s")
      )
        k--
      const head = tokens[prev - 1]
      if (
        k >= 0 &&
        k < prev - 1 &&
        ARTICLES.has(tokens[k].norm) &&
        !PREPOSITIONS.has(tokens[k - 1]?.norm ?? '') &&
        head &&
        !isCapital(view.text, head)
      ) {
        labels.push(labelOf(view, k, prev - 1, actor))
      }
    }
    // Appositive: "X, a militia commander in charge of …,"
    if (
      tokens[next]?.norm === ',' &&
      ARTICLES.has(tokens[next + 1]?.norm ?? '') &&
      !view.sentenceInitial[next + 1]
    ) {
      const end = phraseEnd(view, next + 2)
      // "In Charlotte, the questions will …" is a fronted adjunct and a clause, not an appositive.
      const fronted = PREPOSITIONS.has(tokens[actor.first - 1]?.norm ?? '')
      if (
        end > next + 1 &&
        !fronted &&
        hasLowerWord(view, next + 2, end) &&
        !hasFiniteVerb(view, next + 2, end)
      )
        labels.push(labelOf(view, next + 1, end, actor))
    }
    // Copular: "X is an armed group affiliated with …"
    let c = next
    if (COPULAS.has(tokens[c]?.norm ?? '')) {
      c++
      if (tokens[c]?.norm === 'also' || tokens[c]?.norm === 'now') c++
      if (ARTICLES.has(tokens[c]?.norm ?? '') && tokens[c].norm !== 'the') {
        const end = phraseEnd(view, c + 1)
        if (end > c && hasLowerWord(view, c + 1, end)) labels.push(labelOf(view, c, end, actor))
      }
    }
    // Pre-modifiers: "Rebel Republican lawmaker Jane Doe" — needs a lower-case role word right before the name.
    const before = actor.first - 1
    // A capitalised word followed by a lower-case modifier is itself an adjective ("a key Iraqi militia").
    const adjective =
      view.person[actor.first] === 0 && isModifier(view, next) && !isCapital(view.text, tokens[next])
    if (
      before >= 0 &&
      !adjective &&
      isModifier(view, before) &&
      !isCapital(view.text, tokens[before]) &&
      !view.sentenceInitial[actor.first]
    ) {
      let start = before
      while (
        start - 1 >= 0 &&
        !view.sentenceInitial[start] &&
        isModifier(view, start - 1) &&
        before - start < 6
      )
        start--
      // The word next to the name must look like a role or group noun ("lawmaker", "militia"), not a verb or an
      // object ("help elect X", "the debate X"), nor alone an adjective of place, time or manner ("southern Syria").
      if (isRole(tokens[before].norm) && (start < before || !ADJECTIVE.test(tokens[before].norm)))
        labels.push(labelOf(view, start, before, actor))
    }
  }
  // "Iran-backed militia groups", "a key government-allied militia"
  for (let i = 0; i < tokens.length; i++) {
    if (!ACTOR_SUFFIX.test(tokens[i].norm)) continue
    let start = i
    while (start - 1 >= 0 && !view.sentenceInitial[start] && isModifier(view, start - 1) && i - start < 3)
      start--
    let end = i
    while (
      end + 1 < tokens.length &&
      !view.sentenceInitial[end + 1] &&
      isModifier(view, end + 1) &&
      !isCapital(view.text, tokens[end + 1]) &&
      end - i < 4
    )
      end++
    if (end === i) continue
    const actorIndex = view.actorAt[end + 1]
    labels.push(labelOf(view, start, end, actorIndex >= 0 ? view.actors[actorIndex] : undefined))
  }
  labels.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end)
  // Keep the longest of overlapping labels.
  const kept: Label[] = []
  for (const l of labels) {
    const prev = kept[kept.length - 1]
    if (prev && l.span.start < prev.span.end) {
      if (l.span.end - l.span.start > prev.span.end - prev.span.start) kept[kept.length - 1] = l
      continue
    }
    kept.push(l)
  }
  return kept
}

// Porter stemming is the costliest step per word; news vocabulary repeats, so remember stems (bounded).
const stemCache = new Map<string, string>()
const stemOf = (word: string): string => {
  let stem = stemCache.get(word)
  if (stem === undefined) {
    stem = stemmer(word)
    if (stemCache.size > 200_000) stemCache.clear()
    stemCache.set(word, stem)
  }
  return stem
}

const inMention = (view: View, i: number): boolean => {
  const at = view.tokens[i].span.start
  return (view.doc.mentions ?? []).some((m) => m.span.start <= at && at < m.span.end)
}

/** Loaded words from the lexicons, each with whose voice it is. Names (capitalised mid-sentence) are skipped. */
const findLoaded = (view: View, allowed?: ReadonlySet<string>): LoadedTerm[] => {
  const { tokens, text } = view
  const { words, stems } = loadLexicon()
  const out: LoadedTerm[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t.kind !== 'word' || t.norm.length < 3) continue
    const capital = isCapital(text, t)
    const entry = words.get(t.norm) ?? stems.get(stemOf(t.norm))
    if (!entry || (allowed && !allowed.has(entry.lexicon))) continue
    // A capitalised word may be a name ("Trump", "Hope"): trust only the hand-written list there ("Marxist"), and
    // only when it is not part of an entity mention.
    if (capital && (entry.lexicon !== 'news-loaded' || inMention(view, i))) continue
    const term: LoadedTerm = {
      span: t.span,
      text: text.slice(t.span.start, t.span.end),
      voice: view.quoted[i] ? 'quoted' : 'outlet',
      lexicon: entry.lexicon,
    }
    if (entry.polarity) term.polarity = entry.polarity
    out.push(term)
  }
  return out
}

/** Hedges, distancing words, attributions and scare quotes. */
const findHedges = (view: View, regions: readonly QuoteRegion[], maxScareWords: number): Hedge[] => {
  const { tokens, text, doc } = view
  const out: Hedge[] = []
  for (let i = 0; i < tokens.length; i++) {
    const bucket = HEDGES.get(tokens[i].norm)
    if (!bucket) continue
    // Capitalised mid-sentence is a name ("May", "Hope"); "may" is a month far more often than a hedge when capitalised.
    if (isCapital(text, tokens[i]) && (!view.sentenceInitial[i] || tokens[i].norm === 'may')) continue
    const match = bucket.find((b) => b.words.every((w, k) => tokens[i + k]?.norm === w))
    if (!match) continue
    const last = i + match.words.length - 1
    const span = { start: tokens[i].span.start, end: tokens[last].span.end }
    out.push({
      span,
      text: text.slice(span.start, span.end),
      kind: match.kind,
      voice: view.quoted[i] ? 'quoted' : 'outlet',
    })
    i = last
  }
  // Scare quotes: short quoted phrases that no speaker is said to have spoken.
  const contents = (doc.quotes ?? []).map((q) => q.content)
  for (const r of regions) {
    if (r.close < 0 || r.words === 0 || r.words > maxScareWords) continue
    if (
      contents.some(
        (c) =>
          c.start <= r.inner.start &&
          r.inner.end <= c.end &&
          !(c.start === r.inner.start && c.end === r.inner.end),
      )
    ) {
      // Inside a speaker's quote it is still distancing, but in the speaker's voice.
      if (!view.quoted[r.open]) continue
    } else if (contents.some((c) => c.start === r.inner.start && c.end === r.inner.end)) continue
    const span = { start: tokens[r.open].span.start, end: tokens[r.close].span.end }
    out.push({
      span,
      text: text.slice(span.start, span.end),
      kind: 'distancing',
      voice: view.quoted[r.open] ? 'quoted' : 'outlet',
    })
  }
  return out.sort((a, b) => a.span.start - b.span.start)
}

/**
 * Framing of one document: how it labels actors, its loaded words (outlet's or quoted speaker's voice) and its hedges.
 */
export const findFraming = (doc: Doc, { maxScareWords = 3, lexicons }: FramingOptions = {}): Framing => {
  const tokens = doc.tokens ?? []
  const n = tokens.length
  const view: View = {
    doc,
    text: doc.text,
    tokens,
    sentenceInitial: new Uint8Array(n),
    quoted: new Uint8Array(n),
    actorAt: new Int32Array(n).fill(-1),
    actorEndAt: new Int32Array(n).fill(-1),
    actors: [],
    person: new Uint8Array(n),
  }
  for (const s of doc.sentences ?? []) {
    const [a] = tokenRange(tokens, s)
    if (a < n) view.sentenceInitial[a] = 1
  }
  // A word is the speaker's when it is inside quotation marks or inside a direct quote's content.
  const regions = findQuoteRegions(doc.text, tokens)
  for (const r of regions) markRange(view, r.inner)
  for (const q of doc.quotes ?? []) if (q.direct) markRange(view, q.content)
  findActors(view, doc.mentions)
  return {
    labels: findLabels(view),
    loaded: findLoaded(view, lexicons ? new Set(lexicons) : undefined),
    hedges: findHedges(view, regions, maxScareWords),
  }
}

/**
 * The framing stage: labels, loaded words and hedges. Uses `doc.mentions` when present for label targets.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), quotes(), framing()])
 * run(makeDoc({ text: 'The regime reportedly slammed the “reform”.', meta: { source: 'x' } })).framing
 */
export const framing = (options: FramingOptions = {}): Stage<'framing'> => ({
  name: 'framing',
  needs: ['tokens', 'sentences', 'quotes'],
  produces: 'framing',
  run: (doc) => findFraming(doc, options),
})
