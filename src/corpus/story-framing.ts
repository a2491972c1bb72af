/**
 * How each outlet frames one story: the labels it gives each main actor, its loaded words split
 * by whose voice they are in, whose voices it quotes, and how it hedges.
 */
import compareCues from '../data/compare-cues.json' with { type: 'json' }
import countedClasses from '../data/counted-classes.json' with { type: 'json' }
import premodifierStops from '../data/premodifier-stops.json' with { type: 'json' }
import quoteCues from '../data/quote-cues.json' with { type: 'json' }
import { evidence, overlaps, sentenceIndexAt } from '../model/span.ts'
import type {
  Doc,
  Entity,
  EntityType,
  Evidence,
  Label,
  Mention,
  Span,
  StoryFraming,
  Token,
  VoiceKind,
} from '../model/types.ts'
import { segmentTokens } from '../stages/segment.ts'
import { normalise, tokenizeText } from '../stages/tokenize.ts'

const STOPS = new Set<string>(premodifierStops.words)
const ACTOR_NOUNS = new Set<string>(compareCues.actorNouns)
const MODIFIED_NOUNS = new Set<string>([
  ...compareCues.modifiedNouns,
  ...Object.entries(countedClasses.classes)
    .filter(([cls]) => cls !== 'unspecified')
    .flatMap(([, words]) => words),
])
/** Types of actor an unnamed group description ("the militia") can stand for. */
const GROUP_TYPES: readonly EntityType[] = ['ORG', 'NORP', 'MISC']

/**
 * The key an actor goes by in one story: its corpus entity id once resolved, else its normalised
 * name, so comparison still works when entity resolution did not run.
 */
export const mentionKey = (mention: { text: string; entity?: string }): string =>
  mention.entity ?? `name:${normalise(mention.text).replace(/'s$/, '').trim()}`

/** Display name for a key: the entity's name, else the text of its first mention in the docs. */
export const keyName = (key: string, entities: ReadonlyMap<string, Entity>, docs: readonly Doc[]): string => {
  const entity = entities.get(key)
  if (entity) return entity.name
  for (const doc of docs) {
    const mention = doc.mentions?.find((m) => mentionKey(m) === key)
    if (mention) return mention.text
  }
  return key.replace(/^name:/, '')
}

/** Options for {@link frameStory}. */
export interface FrameStoryOptions {
  /** Longest descriptive pre-modifier phrase taken as a fallback label, in words. */
  maxModifierWords?: number
}

const tokensOf = (doc: Doc): Token[] => doc.tokens ?? tokenizeText(doc.text)

/**
 * Descriptive words right before a mention ("the Iraqi government-allied militia Kata'ib Hezbollah"
 * → "Iraqi government-allied militia"): read leftwards over words until a function word,
 * punctuation, a number or another mention. Used only when the framing stage gave no labels,
 * so an outlet's description of an actor still shows up.
 */
export const premodifierSpan = (
  doc: Doc,
  tokens: readonly Token[],
  mention: Span,
  maxWords: number,
): Span | null => {
  const after = tokens.findIndex((t) => t.span.start >= mention.end)
  // "a senior Hezbollah commander": the words before the name describe the noun it modifies.
  if (after >= 0 && MODIFIED_NOUNS.has(tokens[after].norm)) return null
  let i = tokens.findIndex((t) => t.span.end > mention.start) - 1
  if (i < -1) i = tokens.length - 1
  let first = -1
  const last = i
  const otherMentions = doc.mentions ?? []
  while (i >= 0 && last - i < maxWords) {
    const t = tokens[i]
    if (t.kind !== 'word' || STOPS.has(t.norm)) break
    // Without parts of speech, -ing and -ed words are more often verbs ("confronted Sinema") than
    // descriptions; hyphenated ones ("Iran-backed") describe.
    if (/(ing|ed)$/.test(t.norm) && !t.norm.includes('-')) break
    // An abbreviated title ("Sen.", "Gen.") is part of a name, not a description.
    if (t.norm.endsWith('.')) break
    if (doc.text.slice(t.span.end, i === last ? mention.start : tokens[i + 1].span.start).includes('\n'))
      break
    if (otherMentions.some((m) => overlaps(m.span, t.span) && !overlaps(m.span, mention))) {
      // A nationality or place adjective ("Iraqi militia") is part of the description; a full
      // name of another actor is not.
      const m = otherMentions.find((x) => overlaps(x.span, t.span))!
      if (m.type !== 'NORP' && m.type !== 'GPE') break
    }
    first = i
    i--
  }
  if (first < 0) return null
  const span = { start: tokens[first].span.start, end: tokens[last].span.end }
  // A run of capitalised words is more name than description ("US Central Command").
  const words = tokens.slice(first, last + 1)
  if (words.every((t) => /^\p{Lu}/u.test(doc.text.slice(t.span.start, t.span.end)) && !t.norm.includes('-')))
    return null
  return span
}

/** The actor a label's target names, by entity or through the mention it overlaps; undefined when none. */
const targetKey = (doc: Doc, label: Label): string | undefined => {
  if (!label.target) return undefined
  if (label.target.entity !== undefined) return label.target.entity
  const target = label.target.span
  const mention = doc.mentions?.find((m) => overlaps(m.span, target))
  return mention ? mentionKey(mention) : undefined
}

const singular = (word: string): string => word.replace(/s$/, '')

/**
 * Ties descriptions of an unnamed group ("Iran-backed militia groups") to the named actor that
 * the story's reports describe with the same noun: the group-type actor named in the most
 * sentences, across all the story's documents, that also use that noun ("Al-Saadi, a militia
 * commander of Kata'ib Hezbollah"). Needs at least two such sentences and a clear winner, and the
 * actor must be named in the label's own document.
 */
const attachUnnamed = (
  docs: readonly Doc[],
  actors: readonly string[],
  typesOfKey: (key: string) => Set<EntityType>,
): Map<Label, string> => {
  const groups = actors.filter((k) => GROUP_TYPES.some((t) => typesOfKey(k).has(t)))
  const attached = new Map<Label, string>()
  if (groups.length === 0) return attached
  // Per actor, the nouns in each sentence naming it, across the story.
  const nounSentences = new Map<string, Set<string>[]>(groups.map((k) => [k, []]))
  for (const doc of docs) {
    const tokens = doc.tokens ?? tokenizeText(doc.text)
    const sentences = doc.sentences ?? segmentTokens(doc.text, tokens)
    const words: Set<string>[] = sentences.map(() => new Set())
    for (const t of tokens) {
      const i = sentenceIndexAt(sentences, t.span.start)
      if (i >= 0 && ACTOR_NOUNS.has(t.norm)) words[i].add(singular(t.norm))
    }
    for (const k of groups) {
      const named = new Set(
        (doc.mentions ?? [])
          .filter((m) => mentionKey(m) === k)
          .map((m) => sentenceIndexAt(sentences, m.span.start)),
      )
      for (const i of named) if (i >= 0) nounSentences.get(k)!.push(words[i])
    }
  }
  for (const doc of docs) {
    const named = new Set((doc.mentions ?? []).map(mentionKey))
    for (const label of doc.framing?.labels ?? []) {
      if (targetKey(doc, label) !== undefined) continue
      const nouns = new Set(
        tokenizeText(label.text)
          .map((t) => t.norm)
          .filter((w) => ACTOR_NOUNS.has(w))
          .map(singular),
      )
      if (nouns.size === 0) continue
      const ranked = groups
        .filter((k) => named.has(k))
        .map((k) => ({
          k,
          n: nounSentences.get(k)!.filter((ws) => [...nouns].some((w) => ws.has(w))).length,
        }))
        .sort((a, b) => b.n - a.n)
      if (ranked[0] && ranked[0].n >= 2 && (ranked[1]?.n ?? 0) < ranked[0].n) attached.set(label, ranked[0].k)
    }
  }
  return attached
}

const labelsFor = (
  doc: Doc,
  key: string,
  tokens: () => Token[],
  maxWords: number,
  attached: ReadonlyMap<Label, string>,
): Evidence[] => {
  const mentions = (doc.mentions ?? []).filter((m) => mentionKey(m) === key)
  // The framing stage's labels when it ran (even when it found none: its reading is better than
  // a guess); pre-modifiers only when the layer is missing altogether.
  if (doc.framing) {
    return doc.framing.labels
      .filter((l) => (targetKey(doc, l) ?? attached.get(l)) === key)
      .map((l) => evidence(doc, l.span))
  }
  const seen = new Set<string>()
  const found: Evidence[] = []
  for (const m of mentions) {
    const span = premodifierSpan(doc, tokens(), m.span, maxWords)
    if (!span) continue
    const ev = evidence(doc, span)
    const norm = normalise(ev.text)
    if (seen.has(norm)) continue
    seen.add(norm)
    found.push(ev)
  }
  return found
}

const DOCUMENT_SPEAKERS = new Set(quoteCues.documents)
const PRONOUNS = new Set([...quoteCues.pronouns, 'i'])

/**
 * What kind of voice a speaker is: a named person or organisation when it resolves to an entity or
 * ends with an entity mention ("Defence Minister Ilse Marr"), a document when its head noun names a text ("the statement", "reports"), else an
 * unnamed source ("officials", "a senior commander").
 */
const voiceKind = (
  doc: Doc,
  speaker: { span: Span; text: string },
  entity: Entity | undefined,
): VoiceKind => {
  const type =
    entity?.type ??
    // The name must be the speaker's head: "a Pentagon spokesman" and "Iraqi militias" are unnamed.
    doc.mentions?.find((m) => m.span.start >= speaker.span.start && m.span.end === speaker.span.end)?.type
  if (type === 'PERSON') return 'person'
  if (type !== undefined) return 'organisation'
  const words = normalise(speaker.text).split(/\s+/)
  if (words.length === 1 && PRONOUNS.has(words[0])) return 'pronoun'
  return DOCUMENT_SPEAKERS.has(words[words.length - 1]) ? 'document' : 'unnamed'
}

const speakerOf = (
  doc: Doc,
  speaker: { span: Span; text: string; entity?: string },
  entities: ReadonlyMap<string, Entity>,
): { name: string; entity?: string; kind: VoiceKind } => {
  let id = speaker.entity
  if (id === undefined) {
    // A speaker span that is also an entity mention resolves through it.
    const mention: Mention | undefined = doc.mentions?.find(
      (m) => m.entity !== undefined && normalise(m.text) === normalise(speaker.text),
    )
    id = mention?.entity
  }
  const entity = id !== undefined ? entities.get(id) : undefined
  const kind = voiceKind(doc, speaker, entity)
  return entity ? { name: entity.name, entity: entity.id, kind } : { name: speaker.text, kind }
}

/**
 * Lays out how each document frames the story. `actors` are the story's main actors (entity ids
 * or {@link mentionKey} keys), in the order to show them. Missing layers give empty lists.
 *
 * @example
 * frameStory(docs, entities, ['e12']).labels[0].byDocument // each outlet's labels for e12
 */
export const frameStory = (
  docs: readonly Doc[],
  entities: readonly Entity[],
  actors: readonly string[],
  { maxModifierWords = 4 }: FrameStoryOptions = {},
): StoryFraming => {
  const byId = new Map(entities.map((e) => [e.id, e]))
  const tokenCache = new Map<string, Token[]>()
  const tokens = (doc: Doc) => (): Token[] => {
    const cached = tokenCache.get(doc.id)
    if (cached) return cached
    const fresh = tokensOf(doc)
    tokenCache.set(doc.id, fresh)
    return fresh
  }
  // Every type an actor was read as: taggers often type one group's name differently each time.
  const typesOfKey = (key: string): Set<EntityType> => {
    const types = new Set<EntityType>()
    const entity = byId.get(key)
    if (entity) types.add(entity.type)
    for (const doc of docs) for (const m of doc.mentions ?? []) if (mentionKey(m) === key) types.add(m.type)
    return types
  }
  const attached = attachUnnamed(docs, actors, typesOfKey)
  const labels = actors
    .map((key) => ({
      entity: key,
      name: keyName(key, byId, docs),
      byDocument: docs.map((doc) => ({
        document: doc.id,
        outlet: doc.meta.outlet,
        labels: labelsFor(doc, key, tokens(doc), maxModifierWords, attached),
      })),
    }))
    .filter((row) => row.byDocument.some((d) => d.labels.length > 0))
  const loaded = docs.map((doc) => {
    const terms = doc.framing?.loaded ?? []
    return {
      document: doc.id,
      outlet: doc.meta.outlet,
      outlet_voice: terms.filter((t) => t.voice === 'outlet').map((t) => evidence(doc, t.span)),
      quoted_voice: terms.filter((t) => t.voice === 'quoted').map((t) => evidence(doc, t.span)),
    }
  })
  const voices = docs.map((doc) => {
    const counts = new Map<string, { name: string; entity?: string; count: number; kind: VoiceKind }>()
    for (const quote of doc.quotes ?? []) {
      if (!quote.speaker) continue
      const who = speakerOf(doc, quote.speaker, byId)
      const key = who.entity ?? `name:${normalise(who.name)}`
      const row = counts.get(key) ?? { ...who, count: 0 }
      row.count++
      counts.set(key, row)
    }
    const speakers = [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    return { document: doc.id, outlet: doc.meta.outlet, speakers }
  })
  const hedges = docs.map((doc) => ({
    document: doc.id,
    outlet: doc.meta.outlet,
    hedges: (doc.framing?.hedges ?? []).map((h) => evidence(doc, h.span)),
  }))
  return { labels, loaded, voices, hedges }
}
