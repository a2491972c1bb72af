/**
 * The entities stage: tags each sentence's tokens with the trained averaged-perceptron tagger
 * (models/ner.model.gz, CoNLL-2003 types) and maps its types to ours with gazetteers.
 */
import { readFileSync } from 'node:fs'
import type { Doc, Mention, Span, Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'
import { type Gazetteer, isPersonTitle, isTitle, loadGazetteer, refineType } from './entity-gazetteer.ts'
import {
  chunksOf,
  decodeModel,
  MODE_UPPER,
  type NerModel,
  sentenceMode,
  tagDocument,
} from './entity-tagger.ts'
import { normalise } from './tokenize.ts'

/** Where the trained model lives: models/ner.model.gz at the repository root. */
export const DEFAULT_MODEL_URL = new URL('../../models/ner.model.gz', import.meta.url)

let defaultModel: NerModel | undefined

/** The trained tagger, read once on first use and shared. */
export const loadNerModel = (url: URL = DEFAULT_MODEL_URL): NerModel => {
  if (url === DEFAULT_MODEL_URL && defaultModel) return defaultModel
  const model = decodeModel(readFileSync(url), url.pathname)
  if (url === DEFAULT_MODEL_URL) defaultModel = model
  return model
}

export interface EntitiesOptions {
  /** A tagger to use instead of the shipped one (tests pass a tiny trained model). */
  model?: NerModel
  /** Gazetteers for type mapping; the shipped ones by default. */
  gazetteer?: Gazetteer
}

const isNameToken = (token: Token): boolean => token.kind === 'word' || token.kind === 'number'

/** Tokens of each sentence (sentences and tokens are both in text order). */
const tokensBySentence = (tokens: readonly Token[], sentences: readonly Span[]): Token[][] => {
  const out: Token[][] = []
  let t = 0
  for (const sentence of sentences) {
    while (t < tokens.length && tokens[t].span.start < sentence.start) t++
    const group: Token[] = []
    while (t < tokens.length && tokens[t].span.end <= sentence.end) group.push(tokens[t++])
    if (group.length > 0) out.push(group)
  }
  return out
}

/**
 * Finds entity mentions in a document with tokens and sentences.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), entities()])
 * run(makeDoc({ text: 'Jane Doe flew to Paris.', meta: { source: 'x.txt' } })).mentions
 * // → [{ text: 'Jane Doe', type: 'PERSON', … }, { text: 'Paris', type: 'GPE', … }]
 */
export const findMentions = (doc: Doc, { model, gazetteer }: EntitiesOptions = {}): Mention[] => {
  const tokens = doc.tokens ?? []
  const sentences = doc.sentences ?? []
  if (tokens.length === 0 || sentences.length === 0) return []
  const groups = tokensBySentence(tokens, sentences)
  const words = groups.map((g) => g.map((t) => doc.text.slice(t.span.start, t.span.end)))
  const tags = tagDocument(words, model ?? loadNerModel())
  const gaz = gazetteer ?? loadGazetteer()
  const mentions: Mention[] = []
  const headline = words.map((w) => sentenceMode(w).mode === MODE_UPPER)
  const inHeadline: boolean[] = []
  for (let s = 0; s < groups.length; s++) {
    const group = groups[s]
    for (const chunk of chunksOf(tags[s])) {
      // A name starts and ends with a word or number: the tagger sometimes takes in a closing
      // bracket, quote or "!" next to one.
      let first = chunk.start
      let last = chunk.end - 1
      while (first <= last && !isNameToken(group[first])) first++
      while (last >= first && !isNameToken(group[last])) last--
      // Titles are not part of names ("Spokeswoman Jane Doe", "Acme CEO"), though capitalised ones
      // the training news never showed get taken in. A person's name keeps its last word ("John Major").
      while (last >= first && isTitle(words[s][last], gaz) && (chunk.type !== 'PER' || last === first)) last--
      if (first > last) continue
      const add = (from: number, to: number, type: typeof chunk.type, next: string | undefined): void => {
        const start = group[from].span.start
        const end = group[to].span.end
        mentions.push({
          span: { start, end },
          text: doc.text.slice(start, end),
          type: refineType(type, words[s].slice(from, to + 1), gaz, next),
        })
        inHeadline.push(headline[s])
      }
      // "Acme CEO Jane Doe": a person after the last title, the employer before it. In a name the
      // tagger did not read as a person, a title that also begins other names ("General Motors")
      // splits only with words before it.
      let title = -1
      for (let i = last - 1; i >= first; i--) {
        if (isTitle(words[s][i], gaz)) {
          title = i
          break
        }
      }
      let before = title
      while (before > first && isTitle(words[s][before - 1], gaz)) before--
      const splits =
        title >= 0 &&
        (chunk.type === 'PER' || before > first || isPersonTitle(words[s][title], gaz)) &&
        /^\p{Lu}/u.test(words[s][title + 1])
      if (splits) {
        if (before > first && isNameToken(group[before - 1])) {
          add(first, before - 1, chunk.type === 'PER' ? 'ORG' : chunk.type, words[s][before])
        }
        add(title + 1, last, 'PER', words[s][chunk.end])
        continue
      }
      add(first, last, chunk.type, words[s][chunk.end])
    }
  }
  return confirmHeadlineMentions(doc.text, mentions, inHeadline)
}

const nameKey = (text: string): string => normalise(text).replace(/'s$/, '')

/**
 * In a headline whose capitals say nothing ("Drone Strike on Varenna Fuel Depot Kills at Least 12"),
 * the tagger guesses names from word shape alone. A headline's names are almost always repeated in
 * the article, so a headline mention is kept when the body names it too, else cut down to the longest
 * run of its words that the body names ("Varenna"), else dropped. An article that is all headline
 * keeps what the tagger found.
 */
export const confirmHeadlineMentions = (
  text: string,
  mentions: Mention[],
  inHeadline: readonly boolean[],
): Mention[] => {
  if (!inHeadline.includes(true) || inHeadline.every(Boolean)) return mentions
  const body = new Set<string>()
  mentions.forEach((m, i) => {
    if (!inHeadline[i]) body.add(nameKey(m.text))
  })
  const out: Mention[] = []
  mentions.forEach((m, i) => {
    if (!inHeadline[i] || body.has(nameKey(m.text))) {
      out.push(m)
      return
    }
    // Words of the mention with their offsets, to try every contiguous run, longest first.
    const parts = [...m.text.matchAll(/\S+/g)].map((w) => ({
      start: m.span.start + (w.index ?? 0),
      word: w[0],
    }))
    for (let size = parts.length - 1; size >= 1; size--) {
      for (let from = 0; from + size <= parts.length; from++) {
        const start = parts[from].start
        const last = parts[from + size - 1]
        const end = last.start + last.word.length
        if (body.has(nameKey(text.slice(start, end)))) {
          out.push({ ...m, span: { start, end }, text: text.slice(start, end) })
          return
        }
      }
    }
  })
  return out
}

/** The entities stage: produces `mentions` from `tokens` and `sentences`. */
export const entities = (options: EntitiesOptions = {}): Stage<'mentions'> => ({
  name: 'entities',
  needs: ['tokens', 'sentences'],
  produces: 'mentions',
  run: (doc, context) => {
    if (!doc.tokens || !doc.sentences) {
      context.report({
        reason: 'No tokens or sentences to find entity mentions in',
        rule: 'entities:no-input',
        severity: 'warning',
      })
      return []
    }
    return findMentions(doc, options)
  },
})
