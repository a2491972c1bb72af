/**
 * Compares the reports of one story: lines up what each report asserts (casualty counts, the
 * main event, its date and place, the main actors) by what it is about, and says per fact whether
 * the reports agree, are compatible, conflict, or only one tells it — and who leaves it out.
 */
import compareCues from '../data/compare-cues.json' with { type: 'json' }
import countedClasses from '../data/counted-classes.json' with { type: 'json' }
import quantityWords from '../data/quantities.json' with { type: 'json' }
import { evidence, sentenceIndexAt } from '../model/span.ts'
import type {
  DateMention,
  Doc,
  Entity,
  EntityType,
  Evidence,
  Fact,
  FactStatus,
  FactValue,
  Mention,
  Quantity,
  QuantityRole,
  Span,
  StoryFraming,
  Token,
} from '../model/types.ts'
import { segmentTokens } from '../stages/segment.ts'
import { normalise, tokenizeText } from '../stages/tokenize.ts'
import { type NumberValue, numberStatus, reconcile } from './reconcile.ts'
import { frameStory, keyName, mentionKey } from './story-framing.ts'

/** What {@link compareStory} returns; the caller adds the story id and documents. */
export interface StoryComparison {
  title: string
  dateRange?: { start: string; end: string }
  facts: Fact[]
  framing: StoryFraming
}

/** Options for {@link compareStory}; the defaults keep the fact list short enough to read at a glance. */
export interface CompareOptions {
  /** Most actor facts (the most prominent actors). */
  maxActors?: number
  /** Most place facts. */
  maxPlaces?: number
  /** Most quantity facts (facts told by more documents first). */
  maxQuantities?: number
  /** Most quantity facts of one role, so background tolls of earlier incidents do not crowd out the rest. */
  maxPerRole?: number
  /** Most facts for figures without a role that several reports give identically ("293,000"). */
  maxSharedFigures?: number
  /** How far (in tokens) a date may stand from a trigger of the main event to date it. */
  maxDateDistance?: number
  /**
   * What to do with implied counts ("a man was killed" → 1), see {@link statesNumber}: `agreeing`
   * (default) lines them up only with figures they agree with and drops those no other report
   * backs, as they mostly count individuals; `always` treats them like stated numbers; `never` drops them.
   */
  impliedCounts?: 'agreeing' | 'always' | 'never'
  /** Entity types that count as actors. */
  actorTypes?: EntityType[]
  /** Entity types that count as places. */
  placeTypes?: EntityType[]
  /** Quantity roles compared; `other` numbers (street numbers, ages, years) are noise. */
  roles?: QuantityRole[]
}

/** The order roles are shown in: tolls first, as a reader of conflict news looks for them. */
/** Title plus the first two sentences: where a report states its main figures. */
const LEDE_SENTENCES = 3

const ROLE_ORDER: QuantityRole[] = [
  'killed',
  'injured',
  'dead_or_injured',
  'missing',
  'kidnapped',
  'arrested',
  'displaced',
  'evacuated',
  'participants',
  'money',
  'percent',
]

const LOCATIVE = new Set(compareCues.locative)
const PLACE_BRIDGES = new Set(compareCues.placeBridges)

/** Words that state a number ("three", "dozens"), from the quantities stage's own lexicon. */
const NUMBER_WORDS = new Set(
  [
    ...Object.keys(quantityWords.units),
    ...Object.keys(quantityWords.tens),
    ...Object.keys(quantityWords.scales),
    ...Object.keys(quantityWords.vague).flatMap((phrase) => phrase.split(' ')),
  ].filter((w) => w !== 'a' && w !== 'of'),
)

/**
 * True when a quantity states its number ("three soldiers", "47", "dozens") rather than implies
 * one ("a man was killed", "she died"): implied counts are about individuals and, lined up with
 * stated tolls, mostly make false conflicts.
 */
export const statesNumber = (q: Pick<Quantity, 'text'>): boolean =>
  // Token by token: the digit in "a 2-year-old boy" is an age, not a count.
  tokenizeText(q.text).some((t) => t.kind === 'number' || NUMBER_WORDS.has(t.norm))

const CLASS_OF = new Map<string, string>()
for (const [cls, words] of Object.entries(countedClasses.classes)) for (const w of words) CLASS_OF.set(w, cls)
/** Nouns a place name modifies when it stands right before them ("US troops", "a Jordan base"). */
const MODIFIED_NOUNS = new Set([
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

const lastDayOfMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate()
const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * The inclusive day range a date value covers: `2024-01-28` → itself, `2024-01` → the month,
 * `2024` → the year, `2024-W05` → Monday..Sunday, `2024-Q1` → the quarter; a `range` given by the
 * dates stage ("late January") wins. Null when the value is unresolved or not a calendar date.
 *
 * @example
 * dayRange({ value: '2024-01', range: undefined }) // { start: '2024-01-01', end: '2024-01-31' }
 */
export const dayRange = (
  date: Pick<DateMention, 'value' | 'range'>,
): { start: string; end: string } | null => {
  // An inverted range is a reading error upstream; the value still says which day.
  if (date.range && date.range.start <= date.range.end) return date.range
  const v = date.value
  if (!v) return null
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v)
  if (m) return { start: `${m[1]}-${m[2]}-${m[3]}`, end: `${m[1]}-${m[2]}-${m[3]}` }
  m = /^(\d{4})-W(\d{2})$/.exec(v)
  if (m) {
    // ISO week 1 holds 4 January; its Monday starts the week count.
    const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4))
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000)
    const start = new Date(monday.getTime() + (Number(m[2]) - 1) * 7 * 86400000)
    const end = new Date(start.getTime() + 6 * 86400000)
    return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) }
  }
  m = /^(\d{4})-Q([1-4])$/.exec(v)
  if (m) {
    const q = Number(m[2])
    const endMonth = q * 3
    return {
      start: `${m[1]}-${pad(endMonth - 2)}-01`,
      end: `${m[1]}-${pad(endMonth)}-${pad(lastDayOfMonth(Number(m[1]), endMonth))}`,
    }
  }
  m = /^(\d{4})-(\d{2})$/.exec(v)
  if (m) return { start: `${v}-01`, end: `${v}-${pad(lastDayOfMonth(Number(m[1]), Number(m[2])))}` }
  m = /^(\d{4})$/.exec(v)
  if (m) return { start: `${v}-01-01`, end: `${v}-12-31` }
  return null
}

type DayRange = { start: string; end: string }
const rangesOverlap = (a: DayRange, b: DayRange): boolean => a.start <= b.end && b.start <= a.end

/**
 * Status of date values across sources: identical → `agree`; all share some day (one inside the
 * other's range: 28 January within "late January") → `compatible`; otherwise `conflict`.
 */
export const dateStatus = (dates: readonly Pick<DateMention, 'value' | 'range'>[]): FactStatus => {
  const ranges = dates.map(dayRange).filter((r): r is DayRange => r !== null)
  if (ranges.length <= 1) return 'unique'
  if (ranges.every((r) => r.start === ranges[0].start && r.end === ranges[0].end)) return 'agree'
  // ISO days sort as strings: the latest start and the earliest end bound the days all share.
  const start = ranges.map((r) => r.start).sort()[ranges.length - 1]
  const end = ranges.map((r) => r.end).sort()[0]
  return start <= end ? 'compatible' : 'conflict'
}

/** One document with what comparison needs, derived once. */
interface DocView {
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
}

const tokenIndexAt = (tokens: readonly Token[], offset: number): number => {
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

const makeView = (
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
  const locativeAny = new Set(
    (doc.mentions ?? []).filter((m) =>
      isLocative(doc.text, tokens, sentences[sentenceIndexAt(sentences, m.span.start)], m),
    ),
  )
  const locative = new Set([...locativeAny].filter((m) => placeTypes.includes(typeOf(m))))
  return { doc, order, sentences, tokens, typeOf, locative, locativeAny }
}

const sentenceOf = (view: DocView, span: Span): number => sentenceIndexAt(view.sentences, span.start)

/** Things of one layer in sentence `i`, or in the one before when sentence `i` has none. */
const inSentenceOrBefore = <T extends { span: Span }>(view: DocView, items: readonly T[], i: number): T[] => {
  if (i < 0) return []
  const here = items.filter((x) => sentenceOf(view, x.span) === i)
  if (here.length > 0 || i === 0) return here
  return items.filter((x) => sentenceOf(view, x.span) === i - 1)
}

/** The context a number is reported in: what lines it up with the same number in another report. */
interface QuantityContext {
  view: DocView
  quantities: Quantity[]
  role: QuantityRole
  cls: string
  /** The counted noun as read ("soldiers"), for describing the fact. */
  noun: string
  value: NumberValue
  /** Index of the sentence the (first) figure is in. */
  sentence: number
  /** An implied count that may only line up with figures it agrees with. */
  implied?: boolean
  places: Map<string, string>
  dates: DayRange[]
  dateTexts: string[]
  events: Set<string>
}

/**
 * The class of what a number counts. When the quantities stage's counted noun tells nothing
 * ("three U.S. Army Reserve soldiers" read as "reserve"), the nouns right after the number are
 * read too, up to punctuation.
 */
const classOfQuantity = (view: DocView, q: Quantity): { cls: string; noun: string } => {
  const cls = countedClass(q.counted)
  const head = normalise(q.counted).split(/\s+/).at(-1) ?? ''
  if (cls !== 'unspecified' || CLASS_OF.has(head)) return { cls, noun: head }
  let i = tokenIndexAt(view.tokens, q.span.end)
  for (let steps = 0; i < view.tokens.length && steps < 6; i++, steps++) {
    const t = view.tokens[i]
    if (t.kind !== 'word') break
    const found = CLASS_OF.get(t.norm)
    if (found) return { cls: found, noun: t.norm }
  }
  return { cls, noun: head }
}

const contextOf = (view: DocView, q: Quantity): QuantityContext => {
  const i = sentenceOf(view, q.span)
  const places = new Map<string, string>()
  for (const m of inSentenceOrBefore(view, [...view.locative], i)) {
    places.set(mentionKey(m), m.text)
  }
  const dated = (view.doc.dates ?? []).filter((d) => d.type === 'DATE' && dayRange(d) !== null)
  const dates = inSentenceOrBefore(view, dated, i)
  const events = new Set(inSentenceOrBefore(view, view.doc.events ?? [], i).map((e) => e.type))
  return {
    view,
    quantities: [q],
    role: q.role,
    ...classOfQuantity(view, q),
    value: { low: q.low, best: q.best, high: q.high },
    sentence: i,
    places,
    dates: dates.map((d) => dayRange(d)!),
    dateTexts: dates.map((d) => d.text),
    events,
  }
}

/**
 * How well two numbers' contexts say they count the same thing; below or at zero they are not
 * lined up. Different roles or different victim classes never match; shared places, dates and
 * event types add, disjoint ones subtract (so "two officials killed in Baghdad" is not lined up
 * with "three soldiers killed in Jordan"). The figures themselves only break ties, so that a
 * conflict between reports can still be found.
 */
const similarity = (a: QuantityContext, b: QuantityContext): number => {
  if (a.role !== b.role) return Number.NEGATIVE_INFINITY
  let score = 1
  if (a.cls !== 'unspecified' && b.cls !== 'unspecified') {
    if (a.cls !== b.cls) return Number.NEGATIVE_INFINITY
    score += 1
  }
  if (a.places.size > 0 && b.places.size > 0) {
    let shared = 0
    for (const k of a.places.keys()) if (b.places.has(k)) shared++
    const union = a.places.size + b.places.size - shared
    // Disjoint places weigh less than disjoint dates: reports name a city, a district or a venue
    // for the same scene, and no gazetteer here says which contains which.
    score += shared === 0 ? -1 : (2 * shared) / union
  }
  if (a.dates.length > 0 && b.dates.length > 0) {
    const meet = a.dates.some((x) => b.dates.some((y) => rangesOverlap(x, y)))
    score += meet ? 1 : -2
  }
  if (a.events.size > 0 && b.events.size > 0 && [...a.events].some((e) => b.events.has(e))) score += 0.5
  // Headline and lede figures are each report's main toll; body figures are often details of it
  // ("two of the victims were released").
  if (a.sentence < LEDE_SENTENCES && b.sentence < LEDE_SENTENCES) score += 0.5
  // The same figure in the same role, when context cannot tell, most likely reports the same fact;
  // a different figure still lines up when nothing else competes, so conflicts are found.
  const status = numberStatus([a.value, b.value])
  if ((a.implied || b.implied) && status === 'conflict') return Number.NEGATIVE_INFINITY
  score += status === 'agree' ? 1 : status === 'compatible' ? 0.5 : -0.25
  return score
}

const datesMeet = (a: QuantityContext, b: QuantityContext): boolean =>
  a.dates.length === 0 ||
  b.dates.length === 0 ||
  a.dates.some((x) => b.dates.some((y) => rangesOverlap(x, y)))

/**
 * Folds a repeated mention of one figure in the same report (headline, lede, body) into one: same
 * role, same figure (or the same best estimate), compatible class, and no dates that keep them apart. Places are not asked to
 * match: one report names the city in one sentence and the street or venue in the next.
 */
const mergeRepeats = (contexts: QuantityContext[]): QuantityContext[] => {
  const kept: QuantityContext[] = []
  for (const c of contexts) {
    const same = kept.find(
      (k) =>
        k.role === c.role &&
        // "4 wounded" in the headline and "as many as four" in the lede are one figure.
        (numberStatus([k.value, c.value]) === 'agree' ||
          (k.value.best !== null && k.value.best === c.value.best)) &&
        (k.cls === c.cls || k.cls === 'unspecified' || c.cls === 'unspecified') &&
        datesMeet(k, c),
    )
    if (!same) {
      kept.push(c)
      continue
    }
    same.quantities.push(...c.quantities)
    if (same.cls === 'unspecified') same.cls = c.cls
    for (const [k, v] of c.places) same.places.set(k, v)
    same.dates.push(...c.dates)
    same.dateTexts.push(...c.dateTexts)
    for (const e of c.events) same.events.add(e)
  }
  return kept
}

/**
 * Lines up numbers across documents: candidate pairs from different documents, best score first,
 * merged into groups that hold at most one number per document and whose members all score above
 * zero with each other (complete linkage, so a chain of weak matches cannot join unrelated counts).
 */
const alignQuantities = (perDoc: QuantityContext[][]): QuantityContext[][] => {
  // Numbers of different roles never match: align each role on its own, which keeps the pair
  // count down in big stories.
  const byRole = new Map<QuantityRole, QuantityContext[]>()
  for (const c of perDoc.flat()) byRole.set(c.role, [...(byRole.get(c.role) ?? []), c])
  return [...byRole.values()].flatMap(alignRole)
}

const alignRole = (all: QuantityContext[]): QuantityContext[][] => {
  const n = all.length
  const group = all.map((_, i) => i)
  const members = new Map<number, number[]>(all.map((_, i) => [i, [i]]))
  const pairs: { i: number; j: number; score: number }[] = []
  // Only pairs that score above zero are kept; a missing pair is one that must not line up.
  const positive = new Set<number>()
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (all[i].view === all[j].view) continue
      const s = similarity(all[i], all[j])
      if (s <= 0) continue
      positive.add(i * n + j)
      pairs.push({ i, j, score: s })
    }
  }
  const lines = (i: number, j: number): boolean => positive.has(i < j ? i * n + j : j * n + i)
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j)
  for (const { i, j } of pairs) {
    const gi = group[i]
    const gj = group[j]
    if (gi === gj) continue
    const a = members.get(gi)!
    const b = members.get(gj)!
    const docsA = new Set(a.map((x) => all[x].view))
    if (b.some((x) => docsA.has(all[x].view))) continue
    if (!a.every((x) => b.every((y) => lines(x, y)))) continue
    for (const y of b) group[y] = gi
    members.set(gi, [...a, ...b])
    members.delete(gj)
  }
  return [...members.values()].map((ids) =>
    ids.map((x) => all[x]).sort((p, q) => p.view.order - q.view.order),
  )
}

/** Evidence for a thing and the sentence it was read in, so a reader sees it in context. */
const withSentence = (view: DocView, span: Span): Evidence[] => {
  const i = sentenceOf(view, span)
  const out = [evidence(view.doc, span)]
  if (i >= 0) out.push(evidence(view.doc, view.sentences[i]))
  return out
}

const ROLE_WORDS: Record<QuantityRole, string> = {
  killed: 'killed',
  injured: 'injured',
  dead_or_injured: 'killed or injured',
  arrested: 'arrested',
  displaced: 'displaced',
  missing: 'missing',
  kidnapped: 'kidnapped',
  evacuated: 'evacuated',
  participants: 'taking part',
  money: 'money',
  percent: 'percentage',
  other: 'number',
}

const slug = (text: string): string =>
  normalise(text)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')

const mostCommon = (items: readonly string[]): string | undefined => {
  const counts = new Map<string, number>()
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
}

const describeQuantity = (group: readonly QuantityContext[]): string => {
  const role = ROLE_WORDS[group[0].role]
  const counted = mostCommon(group.map((c) => c.noun).filter(Boolean))
  // Places every report names for this figure; else those of the first report.
  let places = [...group[0].places.entries()]
  const shared = places.filter(([k]) => group.every((c) => c.places.has(k)))
  if (shared.length > 0) places = shared
  const where = places.slice(0, 2).map(([, name]) => name.replace(/['’]s$/, ''))
  const when = group.flatMap((c) => c.dateTexts)[0]
  // Only a noun that says who was counted ("soldiers") helps; "people", "dead" or a pronoun do not.
  const cls = counted ? CLASS_OF.get(counted) : undefined
  let about = counted && cls && cls !== 'unspecified' ? `${counted} ${role}` : role
  if (where.length > 0) about += ` in ${where.join(', ')}`
  if (when) about += ` (${when})`
  return about
}

const quantityFacts = (
  views: readonly DocView[],
  roles: readonly QuantityRole[],
  implied: 'agreeing' | 'always' | 'never',
) => {
  const perDoc = views.map((view) =>
    mergeRepeats(
      (view.doc.quantities ?? [])
        .filter((q) => roles.includes(q.role) && (q.best !== null || q.low !== null || q.high !== null))
        .filter((q) => implied !== 'never' || statesNumber(q))
        .sort((a, b) => a.span.start - b.span.start)
        .map((q) => ({ ...contextOf(view, q), implied: implied === 'agreeing' && !statesNumber(q) })),
    ),
  )
  return alignQuantities(perDoc)
    .filter((group) => group.length > 1 || !group[0].implied)
    .map((group): Fact & { firstAt: number } => {
      const values: FactValue[] = group.map((c) => ({
        document: c.view.doc.id,
        outlet: c.view.doc.meta.outlet,
        value: c.value,
        evidence: [
          ...withSentence(c.view, c.quantities[0].span),
          ...c.quantities.slice(1).map((q) => evidence(c.view.doc, q.span)),
        ],
      }))
      const present = new Set(values.map((v) => v.document))
      return {
        key: `quantity:${group[0].role}:${slug(describeQuantity(group))}`,
        kind: 'quantity',
        about: describeQuantity(group),
        status: numberStatus(group.map((c) => c.value)),
        values,
        missing: views.filter((v) => !present.has(v.doc.id)).map((v) => v.doc.id),
        reconciled: reconcile(
          group.map((c) => ({
            document: c.view.doc.id,
            value: c.value,
            published: c.view.doc.meta.published,
          })),
        ),
        firstAt: Math.min(...group.map((c) => c.view.order * 1e9 + c.quantities[0].span.start)),
      }
    })
}

/**
 * Figures with no known role ("claims fell to 293,000") that several reports give identically.
 * Without a role or a counted noun nothing says which figures are about the same thing, so only
 * identical ones are lined up (agreement, never conflict), and small numbers are left out as too
 * common to mean anything.
 */
const sharedFigures = (views: readonly DocView[], { min = 10, max = 3 } = {}): Fact[] => {
  const byValue = new Map<number, { view: DocView; q: Quantity }[]>()
  for (const view of views) {
    const seen = new Set<number>()
    for (const q of view.doc.quantities ?? []) {
      if (q.role !== 'other' || q.best === null || q.best < min || !statesNumber(q) || seen.has(q.best))
        continue
      if (q.low !== q.best || q.high !== q.best) continue
      seen.add(q.best)
      byValue.set(q.best, [...(byValue.get(q.best) ?? []), { view, q }])
    }
  }
  return [...byValue.entries()]
    .filter(([, found]) => found.length > 1)
    .sort((a, b) => b[1].length - a[1].length || a[1][0].q.span.start - b[1][0].q.span.start)
    .slice(0, max)
    .map(([value, found]) => {
      const present = new Set(found.map((f) => f.view.doc.id))
      return {
        key: `quantity:other:${value}`,
        kind: 'quantity' as const,
        about: `the figure ${found[0].q.text}`,
        status: 'agree' as const,
        values: found.map(({ view, q }) => ({
          document: view.doc.id,
          outlet: view.doc.meta.outlet,
          value: { low: q.low, best: q.best, high: q.high },
          evidence: withSentence(view, q.span),
        })),
        missing: views.filter((v) => !present.has(v.doc.id)).map((v) => v.doc.id),
      }
    })
}

/** The story's main event type: the type most documents report, then the most triggers, earliest first. */
const mainEventType = (views: readonly DocView[]): string | undefined => {
  const stats = new Map<string, { docs: Set<Doc>; count: number; first: number }>()
  for (const view of views) {
    for (const e of view.doc.events ?? []) {
      const s = stats.get(e.type) ?? { docs: new Set(), count: 0, first: Number.POSITIVE_INFINITY }
      s.docs.add(view.doc)
      s.count++
      s.first = Math.min(s.first, sentenceOf(view, e.span))
      stats.set(e.type, s)
    }
  }
  return [...stats.entries()].sort(
    (a, b) => b[1].docs.size - a[1].docs.size || b[1].count - a[1].count || a[1].first - b[1].first,
  )[0]?.[0]
}

/** Sentences that tell the main event: those with one of its triggers, else the opening two. */
const eventSentences = (view: DocView, type: string | undefined): Set<number> => {
  const found = new Set(
    (view.doc.events ?? []).filter((e) => e.type === type).map((e) => sentenceOf(view, e.span)),
  )
  if (found.size > 0) return found
  return new Set([0, 1].filter((i) => i < view.sentences.length))
}

const statusOfPresence = (values: readonly FactValue[]): FactStatus =>
  values.length > 1 ? 'agree' : 'unique'

const eventFact = (views: readonly DocView[], type: string | undefined): Fact | null => {
  if (type === undefined) return null
  const values: FactValue[] = []
  const typesByDoc = new Map<string, Set<string>>()
  for (const view of views) {
    const events = view.doc.events ?? []
    if (events.length === 0) continue
    typesByDoc.set(view.doc.id, new Set(events.map((e) => e.type)))
    // Each report's own main event: its most frequent type, the earlier one on a tie.
    const counts = new Map<string, { n: number; first: number }>()
    events.forEach((e, i) => {
      const c = counts.get(e.type) ?? { n: 0, first: i }
      c.n++
      counts.set(e.type, c)
    })
    const own = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first)[0][0]
    const trigger = events.find((e) => e.type === own)!
    values.push({
      document: view.doc.id,
      outlet: view.doc.meta.outlet,
      value: own,
      evidence: withSentence(view, trigger.span),
    })
  }
  if (values.length === 0) return null
  const present = new Set(values.map((v) => v.document))
  let status: FactStatus = 'unique'
  if (values.length > 1) {
    if (values.every((v) => v.value === values[0].value)) status = 'agree'
    // Reports that name each other's event types somewhere tell the same event with other emphasis.
    else if (values.every((v) => values.every((w) => typesByDoc.get(v.document)?.has(String(w.value)))))
      status = 'compatible'
    else status = 'conflict'
  }
  return {
    key: 'event',
    kind: 'event',
    about: `what happened (${type})`,
    status,
    values,
    missing: views.filter((v) => !present.has(v.doc.id)).map((v) => v.doc.id),
  }
}

/**
 * Dates that may date the main event in one report, with their distance in tokens to its nearest
 * trigger in the same sentence. A date far from any trigger usually dates something else in the
 * sentence ("accused of the shooting ... denied bond on Wednesday"), so it is left out.
 */
const dateCandidates = (
  view: DocView,
  type: string | undefined,
  maxDistance: number,
): { date: DateMention; distance: number }[] => {
  const triggers = (view.doc.events ?? []).filter((e) => e.type === type)
  const opening = eventSentences(view, type)
  const out: { date: DateMention; distance: number }[] = []
  for (const date of view.doc.dates ?? []) {
    if ((date.type !== 'DATE' && date.type !== 'TIME') || dayRange(date) === null) continue
    const i = sentenceOf(view, date.span)
    if (triggers.length === 0) {
      if (opening.has(i)) out.push({ date, distance: 0 })
      continue
    }
    const at = tokenIndexAt(view.tokens, date.span.start)
    let distance = Number.POSITIVE_INFINITY
    for (const t of triggers) {
      if (sentenceOf(view, t.span) !== i) continue
      distance = Math.min(distance, Math.abs(tokenIndexAt(view.tokens, t.span.start) - at))
    }
    if (distance <= maxDistance) out.push({ date, distance })
  }
  return out.sort((a, b) => a.date.span.start - b.date.span.start)
}

const dateFact = (views: readonly DocView[], type: string | undefined, maxDistance: number): Fact | null => {
  const candidates = views.map((view) => dateCandidates(view, type, maxDistance))
  // Each report's date of the main event: the candidate most other reports' candidates meet, so
  // a report that also dates an earlier incident is not read as contradicting the others; then
  // the one nearest a trigger.
  const chosen = candidates.map((own, i) => {
    const others = candidates.filter((_, j) => j !== i).flat()
    let best: DateMention | undefined
    let bestScore = Number.NEGATIVE_INFINITY
    for (const { date, distance } of own) {
      const r = dayRange(date)!
      // Narrower dates first when as many reports meet them: "2014" meets every day of the year.
      const days = (Date.parse(r.end) - Date.parse(r.start)) / 86400000
      const s =
        others.filter((o) => rangesOverlap(r, dayRange(o.date)!)).length - days / 400 - distance / 1000
      if (s > bestScore) {
        best = date
        bestScore = s
      }
    }
    return best
  })
  const values: FactValue[] = []
  const dates: DateMention[] = []
  views.forEach((view, i) => {
    const d = chosen[i]
    if (!d) return
    dates.push(d)
    values.push({
      document: view.doc.id,
      outlet: view.doc.meta.outlet,
      value: d.value ?? `${dayRange(d)!.start}/${dayRange(d)!.end}`,
      evidence: withSentence(view, d.span),
    })
  })
  if (values.length === 0) return null
  const present = new Set(values.map((v) => v.document))
  return {
    key: 'date',
    kind: 'date',
    about: type ? `when the ${type} happened` : 'when it happened',
    status: dateStatus(dates),
    values,
    missing: views.filter((v) => !present.has(v.doc.id)).map((v) => v.doc.id),
  }
}

interface Prominence {
  key: string
  docs: Set<string>
  score: number
  first: number
}

type Accept = (view: DocView, m: Mention, sentence: number) => boolean

/** Entities ranked by how many reports name them, then how often and how early (title and lede count double). */
const rankEntities = (views: readonly DocView[], accept: Accept): Prominence[] => {
  const stats = new Map<string, Prominence>()
  for (const view of views) {
    for (const m of view.doc.mentions ?? []) {
      const i = sentenceOf(view, m.span)
      if (!accept(view, m, i)) continue
      const key = mentionKey(m)
      const s = stats.get(key) ?? { key, docs: new Set(), score: 0, first: Number.POSITIVE_INFINITY }
      s.docs.add(view.doc.id)
      s.score += i >= 0 && i < 2 ? 2 : 1
      s.first = Math.min(s.first, view.order * 1e9 + m.span.start)
      stats.set(key, s)
    }
  }
  return [...stats.values()].sort(
    (a, b) => b.docs.size - a.docs.size || b.score - a.score || a.first - b.first,
  )
}

const presenceFact = (
  views: readonly DocView[],
  key: string,
  kind: 'actor' | 'place',
  name: string,
  accept: Accept,
): Fact => {
  const values: FactValue[] = []
  for (const view of views) {
    const m = (view.doc.mentions ?? []).find(
      (x) => mentionKey(x) === key && accept(view, x, sentenceOf(view, x.span)),
    )
    if (!m) continue
    values.push({
      document: view.doc.id,
      outlet: view.doc.meta.outlet,
      value: m.text,
      evidence: withSentence(view, m.span),
    })
  }
  const present = new Set(values.map((v) => v.document))
  return {
    key: `${kind}:${key}`,
    kind,
    about: kind === 'actor' ? `${name} (actor)` : `where it happened: ${name}`,
    status: statusOfPresence(values),
    values,
    missing: views.filter((v) => !present.has(v.doc.id)).map((v) => v.doc.id),
  }
}

/** The representative document: the one sharing most actors and places with the others, then the earliest. */
const centralView = (views: readonly DocView[]): DocView | undefined => {
  const keysOf = (view: DocView): Set<string> => new Set((view.doc.mentions ?? []).map(mentionKey))
  const keys = views.map(keysOf)
  const shared = views.map((_, i) =>
    views.reduce((n, __, j) => (j === i ? n : n + [...keys[i]].filter((k) => keys[j].has(k)).length), 0),
  )
  return [...views].sort((a, b) => {
    const byShared = shared[b.order] - shared[a.order]
    const pa = a.doc.meta.published ?? '9999'
    const pb = b.doc.meta.published ?? '9999'
    return byShared || pa.localeCompare(pb) || a.order - b.order
  })[0]
}

const titleOf = (view: DocView | undefined): string => {
  if (!view) return ''
  if (view.doc.meta.title) return view.doc.meta.title
  const first = view.sentences[0]
  return first ? view.doc.text.slice(first.start, first.end) : view.doc.text.slice(0, 120).trim()
}

/**
 * Compares the documents of one story. Any layer may be missing: facts are built from what is
 * there (no quantities → no quantity facts; no events → no event fact, dates and places read from
 * the opening sentences).
 *
 * @example
 * const { facts } = compareStory(storyDocs, entities)
 * facts.filter((f) => f.status === 'conflict') // where the reports contradict each other
 */
export const compareStory = (
  docs: readonly Doc[],
  entities: readonly Entity[],
  {
    maxActors = 5,
    maxPlaces = 2,
    maxQuantities = 12,
    maxPerRole = 4,
    maxSharedFigures = 3,
    maxDateDistance = 10,
    impliedCounts = 'agreeing',
    actorTypes = ['PERSON', 'ORG'],
    placeTypes = ['GPE', 'LOC', 'FAC'],
    roles = ROLE_ORDER,
  }: CompareOptions = {},
): StoryComparison => {
  const byId = new Map(entities.map((e) => [e.id, e]))
  const views = docs.map((doc, order) => makeView(doc, order, byId, placeTypes))
  const type = mainEventType(views)

  const quantities = quantityFacts(views, roles, impliedCounts)
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(roleOf(a)) - ROLE_ORDER.indexOf(roleOf(b)) ||
        b.values.length - a.values.length ||
        a.firstAt - b.firstAt,
    )
    .filter((fact, i, all) => all.slice(0, i).filter((f) => roleOf(f) === roleOf(fact)).length < maxPerRole)
    .slice(0, maxQuantities)
    .map(({ firstAt: _, ...fact }) => fact)

  const told = new Map(views.map((view) => [view, eventSentences(view, type)]))
  const eventPlace: Accept = (view, m, i) => view.locative.has(m) && told.get(view)!.has(i)
  const anyPlace: Accept = (view, m) => view.locative.has(m)
  const places = rankEntities(views, eventPlace)
    .slice(0, maxPlaces)
    .map((p) => presenceFact(views, p.key, 'place', keyName(p.key, byId, docs), anyPlace))
  const agents = placeActors(views)
  const notActors = new Set([...places.map((f) => f.key.slice('place:'.length)), ...mostlyLocative(views)])
  // A name counts as an actor when the tagger read it as one at least once: taggers type one
  // group's name differently from mention to mention (PERSON here, MISC there).
  const actorKeys = new Set<string>(agents)
  for (const view of views)
    for (const m of view.doc.mentions ?? [])
      if (actorTypes.includes(m.type) || actorTypes.includes(view.typeOf(m))) actorKeys.add(mentionKey(m))
  const isActor: Accept = (_, m) => !notActors.has(mentionKey(m)) && actorKeys.has(mentionKey(m))
  // An actor named once in passing in one report is not a main actor.
  const actorRanks = rankEntities(views, isActor).filter((p) => p.docs.size > 1 || p.score > 1)
  const actors = actorRanks
    .slice(0, maxActors)
    .map((p) => presenceFact(views, p.key, 'actor', keyName(p.key, byId, docs), isActor))

  const facts: Fact[] = []
  const event = eventFact(views, type)
  if (event) facts.push(event)
  const date = dateFact(views, type, maxDateDistance)
  if (date) facts.push(date)
  facts.push(...places, ...quantities, ...sharedFigures(views, { max: maxSharedFigures }), ...actors)
  uniqueKeys(facts)

  const published = docs
    .map((d) => d.meta.published)
    .filter((p): p is string => !!p)
    .sort()
  return {
    title: titleOf(centralView(views)),
    ...(published.length > 0 ? { dateRange: { start: published[0], end: published.at(-1)! } } : {}),
    facts,
    framing: frameStory(
      docs,
      entities,
      // Labels are where outlets differ most: look at a few more actors than the fact list shows.
      actorRanks.slice(0, maxActors * 2).map((p) => p.key),
    ),
  }
}

/** Names read as a location in at least half their mentions: places, whatever the tagger typed them as. */
const mostlyLocative = (views: readonly DocView[]): Set<string> => {
  const counts = new Map<string, { all: number; locative: number }>()
  for (const view of views) {
    for (const m of view.doc.mentions ?? []) {
      const c = counts.get(mentionKey(m)) ?? { all: 0, locative: 0 }
      c.all++
      if (view.locativeAny.has(m)) c.locative++
      counts.set(mentionKey(m), c)
    }
  }
  return new Set([...counts].filter(([, c]) => c.locative * 2 >= c.all).map(([k]) => k))
}

const AGENT_WORDS = new Set(compareCues.agentWords)

/** True when a name is followed by what looks like its verb ("the US launched", "Washington has"). */
const actsHere = (view: DocView, m: Mention): boolean => {
  const next = view.tokens[tokenIndexAt(view.tokens, m.span.end)]
  if (!next || next.kind !== 'word' || MODIFIED_NOUNS.has(next.norm)) return false
  if (!/^\p{Ll}/u.test(view.doc.text.slice(next.span.start, next.span.end))) return false
  return AGENT_WORDS.has(next.norm) || /(ed|s)$/.test(next.norm)
}

/**
 * Countries and cities that act in the story ("the US launched strikes", "Washington has blamed")
 * rather than locate or modify it ("in Baghdad", "a Joplin girl"): named at least three times,
 * mostly not after a locative preposition, and at least twice right before a verb.
 */
const placeActors = (views: readonly DocView[]): Set<string> => {
  const counts = new Map<string, { all: number; locative: number; acting: number }>()
  for (const view of views) {
    for (const m of view.doc.mentions ?? []) {
      if (view.typeOf(m) !== 'GPE') continue
      const c = counts.get(mentionKey(m)) ?? { all: 0, locative: 0, acting: 0 }
      c.all++
      if (view.locative.has(m)) c.locative++
      if (actsHere(view, m)) c.acting++
      counts.set(mentionKey(m), c)
    }
  }
  return new Set(
    [...counts].filter(([, c]) => c.all >= 3 && c.locative * 2 < c.all && c.acting >= 2).map(([k]) => k),
  )
}

const roleOf = (fact: Fact): QuantityRole => fact.key.split(':')[1] as QuantityRole

/** Keys name facts in a report and must not repeat: a second "killed in X" gets a suffix. */
const uniqueKeys = (facts: Fact[]): void => {
  const seen = new Map<string, number>()
  for (const f of facts) {
    const n = seen.get(f.key) ?? 0
    seen.set(f.key, n + 1)
    if (n > 0) f.key = `${f.key}-${n + 1}`
  }
}
