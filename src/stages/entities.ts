/**
 * The entities stage: tags each sentence's tokens with the trained averaged-perceptron tagger
 * (models/ner.model.gz, CoNLL-2003 types) and maps its types to ours with gazetteers.
 */
import { readFileSync } from 'node:fs'
import type { Doc, Mention, Span, Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'
import { type Gazetteer, loadGazetteer, refineType } from './entity-gazetteer.ts'
import { chunksOf, decodeModel, type NerModel, tagDocument } from './entity-tagger.ts'

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
  for (let s = 0; s < groups.length; s++) {
    const group = groups[s]
    for (const chunk of chunksOf(tags[s])) {
      // A name starts and ends with a word or number: the tagger sometimes takes in a closing
      // bracket, quote or "!" next to one.
      let first = chunk.start
      let last = chunk.end - 1
      while (first <= last && !isNameToken(group[first])) first++
      while (last >= first && !isNameToken(group[last])) last--
      if (first > last) continue
      const start = group[first].span.start
      const end = group[last].span.end
      mentions.push({
        span: { start, end },
        text: doc.text.slice(start, end),
        type: refineType(chunk.type, words[s].slice(first, last + 1), gaz, words[s][chunk.end]),
      })
    }
  }
  return mentions
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
