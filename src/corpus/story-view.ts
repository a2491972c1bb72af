/**
 * One story document as comparison reads it: sentences and tokens derived once, mention types as
 * resolved, and which place names say where something happened. Also the small lexical readings
 * shared by the comparison (counted-noun classes, locative use of a name).
 */
import compareCues from '../data/compare-cues.json' with { type: 'json' }
import countedClasses from '../data/counted-classes.json' with { type: 'json' }
import { evidence, sentenceIndexAt } from '../model/span.ts'
import type { Doc, Entity, EntityType, Evidence, Mention, Span, Token } from '../model/types.ts'
import { findDatelines } from '../stages/dateline.ts'
import { listedForm, loadGazetteer } from '../stages/entity-gazetteer.ts'
import { segmentTokens } from '../stages/segment.ts'
import { normalise, tokenizeText } from '../stages/tokenize.ts'
import { furnitureMentions } from './page-furniture.ts'

const LOCATIVE = new Set(compareCues.locative)

const PLACE_BRIDGES = new Set(compareCues.placeBridges)

/** Counted noun (singular and plural) → its coarse class, from src/data/counted-classes.json. */
export const CLASS_OF = new Map<string, string>()
for (const [cls, words] of Object.entries(countedClasses.classes)) for (const w of words) CLASS_OF.set(w, cls)

/** Nouns a place name modifies when it stands right before them ("US troops", "a Jordan base"). */
export const MODIFIED_NOUNS = new Set([
  ...compareCues.modifiedNouns,
  ...compareCues.actorNouns,
  ...[...CLASS_OF.keys()].filter((w) => CLASS_OF.get(w) !== 'unspecified'),
])

/**
 * The coarse class of a counted noun phrase ("U.S. Army Reserve soldiers" → `military`), from its
 * head (last word), trying a naive singular too; `unspecified` when unknown or empty.
 */
export const countedClass = (counted: string): string => {
  const words = normalise(counted)
    .split(/[^\p{L}'-]+/u)
    .filter(Boolean)
  const head = words.at(-1)
  if (!head) return 'unspecified'
  return CLASS_OF.get(head) ?? CLASS_OF.get(head.replace(/s$/, '')) ?? 'unspecified'
}

/** One document with what comparison needs, derived once. */
export interface DocView {
  doc: Doc
  order: number
  sentences: Span[]
  tokens: Token[]
  /** A mention's type: its resolved entity's type when known (NER may type one name differently each time). */
  typeOf: (m: Mention) => EntityType
  /** Mentions of places used as the place where something happened ("in Baghdad"), not as modifiers ("US troops"). */
  locative: Set<Mention>
  /** Mentions of any type read as a location ("on Pedro Drive"): a tagger's "organisation" that is a street. */
  locativeAny: Set<Mention>
  /**
   * Place mentions right before a noun for people ("a 21-year-old Dellport man", "Quarnby residents"):
   * where someone lives, the likeliest place of a local event no sentence places.
   */
  residence: Set<Mention>
  /**
   * Places read off the names of their emergency services ("Dellport" of "the Dellport Police
   * Department"): made-up mentions, in none of the document's layers.
   */
  services: Mention[]
  /** Mentions that are a dateline's place ("PITTSBURGH (KDKA) —"): where the report was filed. */
  dateline: Set<Mention>
  /** Datelines' parentheses ("(AP)", "(Feb. 4, 2014)"): a date there is the report's, not an event's. */
  stamps: Span[]
  /** Mentions in page furniture (the site's name after the title, captions, player notices): not actors. */
  furniture: Set<Mention>
}

/** Index of the first token ending after `offset` (the token at or after it); `tokens.length` if none. */
export const tokenIndexAt = (tokens: readonly Token[], offset: number): number => {
  let lo = 0
  let hi = tokens.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid].span.end <= offset) lo = mid + 1
    else hi = mid - 1
  }
  return lo
}

/**
 * True when a place mention names where something happened: it follows a locative preposition
 * ("in Baghdad", "in southern Syria", "in Iraq and Syria", "on Jordan's base"), read leftwards over
 * a few bridging words and names, and does not modify a following noun ("on US troops").
 *
 * @example
 * isLocative(text, tokens, sentence, mention) // true for "Baghdad" in "a strike in Baghdad"
 */
export const isLocative = (
  text: string,
  tokens: readonly Token[],
  sentence: Span | undefined,
  m: Pick<Mention, 'span'>,
): boolean => {
  // A name right before a common noun modifies it ("on US troops", "a US military outpost"): the
  // preposition governs the noun, not the place.
  const next = tokens[tokenIndexAt(tokens, m.span.end)]
  if (next && next.kind === 'word' && MODIFIED_NOUNS.has(next.norm)) return false
  let i = tokenIndexAt(tokens, m.span.start) - 1
  for (let steps = 0; i >= 0 && steps < 5; i--, steps++) {
    const t = tokens[i]
    if (sentence && t.span.start < sentence.start) return false
    if (LOCATIVE.has(t.norm)) return true
    const capitalised = t.kind === 'word' && /^\p{Lu}/u.test(text.slice(t.span.start, t.span.end))
    if (!(PLACE_BRIDGES.has(t.norm) || t.norm === "'s" || capitalised)) return false
  }
  return false
}

const RESPONDERS = new Set(compareCues.responders)
const RESIDENT_NOUNS = new Set(compareCues.residentNouns)

/** "Dellport police", "Quarnby Fire Department": a place named by the emergency service that answered there. */
const servedBy = (tokens: readonly Token[], m: Pick<Mention, 'span'>): boolean => {
  const next = tokens[tokenIndexAt(tokens, m.span.end)]
  return next !== undefined && next.kind === 'word' && RESPONDERS.has(next.norm)
}

/** Reads one document for comparison; sentences and tokens are derived when the layers are missing. */
export const makeView = (
  doc: Doc,
  order: number,
  entities: ReadonlyMap<string, Entity>,
  placeTypes: readonly EntityType[],
): DocView => {
  const tokens = doc.tokens ?? tokenizeText(doc.text)
  const sentences =
    doc.sentences && doc.sentences.length > 0
      ? doc.sentences
      : doc.text
        ? segmentTokens(doc.text, tokens)
        : []
  const typeOf = (m: Mention): EntityType =>
    (m.entity !== undefined ? entities.get(m.entity)?.type : undefined) ?? m.type
  const datelines = findDatelines(doc.text, tokens)
  const places = datelines.map((d) => d.place)
  const stamps = datelines.flatMap((d) => (d.stamp ? [d.stamp] : []))
  // "the Brookhaven shooting", "a Dellport fire": a name right before an event's trigger names its place
  // (counted as a place only when typed as one: "the Hamas attack" names its author). A country there
  // is the event's author, not its place: "a US strike", "the Ostravian raid".
  const triggerAt = new Set((doc.events ?? []).map((e) => tokenIndexAt(tokens, e.span.start)))
  const gazetteer = loadGazetteer()
  const namesEvent = (m: Mention): boolean =>
    triggerAt.has(tokenIndexAt(tokens, m.span.end)) && !gazetteer.countries.has(listedForm(m.text))
  const dateline = new Set(
    (doc.mentions ?? []).filter((m) => places.some((p) => p.start === m.span.start && p.end === m.span.end)),
  )
  const locativeAny = new Set(
    (doc.mentions ?? []).filter(
      (m) =>
        dateline.has(m) ||
        servedBy(tokens, m) ||
        namesEvent(m) ||
        isLocative(doc.text, tokens, sentences[sentenceIndexAt(sentences, m.span.start)], m),
    ),
  )
  // The tagger's own reading counts too: resolution may type a name by its other mentions ("Dellport
  // police" read as an organisation makes "in Dellport" one).
  // So does a listed city or country where a place is expected, whatever the tagger read ("shot in
  // Jackson" read as a person).
  const isPlace = (m: Mention): boolean =>
    placeTypes.includes(typeOf(m)) ||
    placeTypes.includes(m.type) ||
    (placeTypes.includes('GPE') && gazetteer.gpe.has(listedForm(m.text)))
  // "Dellport police said": a name its emergency services are named after is a place, however typed.
  const locative = new Set([...locativeAny].filter((m) => isPlace(m) || servedBy(tokens, m)))
  const residence = new Set(
    (doc.mentions ?? []).filter((m) => {
      const next = tokens[tokenIndexAt(tokens, m.span.end)]
      return next?.kind === 'word' && RESIDENT_NOUNS.has(next.norm) && isPlace(m)
    }),
  )
  // "the Dellport Police Department", "Quarnby County Sheriff's Office": an organisation named for
  // the place its emergency service answers, read as that place (a mention of its leading words).
  const services: Mention[] = []
  for (const m of doc.mentions ?? []) {
    if (typeOf(m) !== 'ORG') continue
    const inside = tokens.slice(tokenIndexAt(tokens, m.span.start), tokenIndexAt(tokens, m.span.end))
    const at = inside.findIndex((t, i) => i > 0 && RESPONDERS.has(t.norm))
    if (at < 1) continue
    const span = { start: inside[0].span.start, end: inside[at - 1].span.end }
    services.push({ span, text: doc.text.slice(span.start, span.end), type: 'GPE' })
  }
  return {
    doc,
    order,
    sentences,
    tokens,
    typeOf,
    locative,
    locativeAny,
    residence,
    services,
    dateline,
    stamps,
    furniture: furnitureMentions(doc, sentences, stamps),
  }
}

/** Index of the sentence a span starts in; -1 when it lies between sentences. */
export const sentenceOf = (view: DocView, span: Span): number => sentenceIndexAt(view.sentences, span.start)

/** Things of one layer in sentence `i`, or in the one before when sentence `i` has none. */
export const inSentenceOrBefore = <T extends { span: Span }>(
  view: DocView,
  items: readonly T[],
  i: number,
): T[] => {
  if (i < 0) return []
  const here = items.filter((x) => sentenceOf(view, x.span) === i)
  if (here.length > 0 || i === 0) return here
  return items.filter((x) => sentenceOf(view, x.span) === i - 1)
}

/** Evidence for a thing and the sentence it was read in, so a reader sees it in context. */
export const withSentence = (view: DocView, span: Span): Evidence[] => {
  const i = sentenceOf(view, span)
  const out = [evidence(view.doc, span)]
  if (i >= 0) out.push(evidence(view.doc, view.sentences[i]))
  return out
}
