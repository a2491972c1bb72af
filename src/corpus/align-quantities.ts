/**
 * Lining up the numbers of one story's reports by what they count: each number gets a context
 * signature (role, class of the counted noun, places, dates and event types around it), repeated
 * figures of one report are folded together, and numbers of different reports are matched by a
 * scored greedy complete-linkage grouping.
 */
import quantityWords from '../data/quantities.json' with { type: 'json' }
import { type DayRange, dayRange, rangesOverlap } from '../model/day-range.ts'
import { evidence } from '../model/span.ts'
import type { Fact, FactValue, Quantity, QuantityRole, Span } from '../model/types.ts'
import { endsWellBefore, fits, OTHERS_AFTER } from '../stages/record.ts'
import { normalise, tokenizeText } from '../stages/tokenize.ts'
import { type NumberValue, numberStatus, pairStatus, reconcile } from './reconcile.ts'
import { mentionKey } from './story-framing.ts'
import {
  CLASS_OF,
  countedClass,
  type DocView,
  inSentenceOrBefore,
  sentenceOf,
  tokenIndexAt,
  withSentence,
} from './story-view.ts'

/** Title plus the first two sentences: where a report states its main figures. */
const LEDE_SENTENCES = 3

/** The order roles are shown in: tolls first, as a reader of conflict news looks for them. */
export const ROLE_ORDER: QuantityRole[] = [
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
  /**
   * A count of others besides someone already counted ("two others"): exact as a count of them, but not
   * the whole toll, so it too may only line up with figures it agrees with.
   */
  partial: boolean
  places: Map<string, string>
  /** The places of the first figure alone (`places` also gathers those of its repeats), for the label. */
  home: ReadonlyMap<string, string>
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
  // Within the figure's sentence: a title's last words run straight into the lead's first ones
  // ("Fatal Shooting Outside Dellport Bar" then "Dellport police have made an arrest").
  const sentenceEnd = view.sentences[sentenceOf(view, q.span)]?.end ?? view.doc.text.length
  for (let steps = 0; i < view.tokens.length && steps < 6; i++, steps++) {
    const t = view.tokens[i]
    if (t.kind !== 'word' || t.span.start >= sentenceEnd) break
    const found = CLASS_OF.get(t.norm)
    if (found) return { cls: found, noun: t.norm }
  }
  return { cls, noun: head }
}

/**
 * "A gunman was killed after a rampage that left two others dead": "others" after a figure of the same
 * role told just before (this sentence or the one before) leaves those out. "Killed 12 and injured 30
 * others" is not such a figure: the others are besides the dead, and 30 is the whole count of injured.
 */
const othersOfSameRole = (view: DocView, q: Quantity, sentence: number): boolean =>
  OTHERS_AFTER.test(view.doc.text.slice(q.span.end, q.span.end + 12)) &&
  (view.doc.quantities ?? []).some(
    (p) =>
      p !== q &&
      p.role === q.role &&
      p.span.end <= q.span.start &&
      sentence - sentenceOf(view, p.span) <= 1 &&
      sentence - sentenceOf(view, p.span) >= 0,
  )

/** The comma-delimited aside that opens right at `at` (", a nurse from Dellport,"), or an empty span. */
const asideAfter = (text: string, at: number): Span => {
  if (text[at] !== ',') return { start: at, end: at }
  const close = text.indexOf(',', at + 1)
  const stop = text.slice(at + 1, close < 0 ? at + 1 : close).search(/[;!?\n]|\.\s+\p{Lu}/u)
  return close < 0 || stop >= 0 ? { start: at, end: at } : { start: at, end: close }
}

/**
 * The places a figure was counted in: those of its sentence, else of the sentence before. "Vasko, a
 * commander of the brigade in Ostrava, was killed in Dellport": a place inside an aside right after
 * the counted people describes them, not where they were counted; it is left out when the sentence
 * names another.
 */
const placesOf = (view: DocView, q: Quantity, i: number): Map<string, string> => {
  const places = new Map<string, string>()
  const aside = asideAfter(view.doc.text, q.span.end)
  const located = inSentenceOrBefore(view, [...view.locative], i)
  const outside = located.filter((m) => m.span.start < aside.start || m.span.start >= aside.end)
  for (const m of outside.length > 0 ? outside : located) places.set(mentionKey(m), m.text)
  return places
}

/**
 * "Vasko … was killed in Dellport. Two other officers were also killed.": a figure whose sentence names
 * no place continues a figure of the same role in the sentence before, and was counted where that one
 * was (not in every place that sentence names).
 */
const placesOfFigure = (view: DocView, q: Quantity, i: number): Map<string, string> => {
  if (i > 0 && ![...view.locative].some((m) => sentenceOf(view, m.span) === i)) {
    const before = (view.doc.quantities ?? []).find(
      (p) => p !== q && p.role === q.role && sentenceOf(view, p.span) === i - 1,
    )
    if (before) return placesOf(view, before, i - 1)
  }
  return placesOf(view, q, i)
}

/**
 * "all homicides since 2001", "the third since January": a date that opens a period says when the
 * counting began, not when the figure's event happened.
 */
const opensPeriod = (text: string, span: Span): boolean =>
  /\bsince\s+(?:the\s+)?(?:start\s+of\s+|beginning\s+of\s+)?$/i.test(
    text.slice(Math.max(0, span.start - 30), span.start),
  )

const contextOf = (view: DocView, q: Quantity): QuantityContext => {
  const i = sentenceOf(view, q.span)
  const places = placesOfFigure(view, q, i)
  const dated = (view.doc.dates ?? []).filter(
    (d) => d.type === 'DATE' && dayRange(d) !== null && !opensPeriod(view.doc.text, d.span),
  )
  const dates = inSentenceOrBefore(view, dated, i)
  const events = new Set(inSentenceOrBefore(view, view.doc.events ?? [], i).map((e) => e.type))
  return {
    view,
    quantities: [q],
    role: q.role,
    ...classOfQuantity(view, q),
    value: { low: q.low, best: q.best, high: q.high },
    // "left two others dead" counts people besides someone already told of: the whole toll is more.
    partial: othersOfSameRole(view, q, i),
    sentence: i,
    places,
    home: new Map(places),
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
/** Roles whose figures are compared only when within a factor of {@link MAX_RATIO} of each other. */
const SCALE_ROLES = new Set<QuantityRole>(['money', 'percent', 'participants'])
const MAX_RATIO = 3

const apart = (a: NumberValue, b: NumberValue): boolean => {
  const x = a.best ?? a.low ?? a.high
  const y = b.best ?? b.low ?? b.high
  if (x === null || y === null || x <= 0 || y <= 0) return false
  return Math.max(x, y) / Math.min(x, y) > MAX_RATIO
}

/**
 * Two counts of one person whose descriptions cannot be the same person ("a 9-month-old baby" and
 * "29-year-old Jane Roe", "a man" and "the woman"): two people, two facts.
 */
const differentPeople = (a: QuantityContext, b: QuantityContext): boolean =>
  a.value.best === 1 && b.value.best === 1 && !a.quantities.some((x) => b.quantities.some((y) => fits(x, y)))

const similarity = (a: QuantityContext, b: QuantityContext): number => {
  if (a.role !== b.role) return Number.NEGATIVE_INFINITY
  if (differentPeople(a, b)) return Number.NEGATIVE_INFINITY
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
  if (b.events.size > 0)
    for (const e of a.events)
      if (b.events.has(e)) {
        score += 0.5
        break
      }
  // Headline and lede figures are each report's main toll; body figures are often details of it
  // ("two of the victims were released").
  if (a.sentence < LEDE_SENTENCES && b.sentence < LEDE_SENTENCES) score += 0.5
  // The same figure in the same role, when context cannot tell, most likely reports the same fact;
  // a different figure still lines up when nothing else competes, so conflicts are found.
  const status = pairStatus(a.value, b.value)
  if ((a.implied || b.implied || a.partial || b.partial) && status === 'conflict')
    return Number.NEGATIVE_INFINITY
  // Sums of money, percentages and crowd sizes are about many things in one story; two of them
  // orders apart ("$1.9 trillion", "$300") are not one figure told differently.
  if (status === 'conflict' && SCALE_ROLES.has(a.role) && apart(a.value, b.value))
    return Number.NEGATIVE_INFINITY
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
        (pairStatus(k.value, c.value) === 'agree' ||
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
  const docsOf = new Map<number, Set<DocView>>(all.map((c, i) => [i, new Set([c.view])]))
  // Groups only grow, so two groups that cannot merge never can later: remember them.
  const failed = new Set<number>()
  for (const { i, j } of pairs) {
    const gi = group[i]
    const gj = group[j]
    if (gi === gj) continue
    const pairKey = gi < gj ? gi * n + gj : gj * n + gi
    if (failed.has(pairKey)) continue
    const a = members.get(gi)!
    const b = members.get(gj)!
    const docsA = docsOf.get(gi)!
    const docsB = docsOf.get(gj)!
    if ([...docsB].some((v) => docsA.has(v)) || !a.every((x) => b.every((y) => lines(x, y)))) {
      failed.add(pairKey)
      continue
    }
    for (const y of b) group[y] = gi
    members.set(gi, [...a, ...b])
    for (const v of docsB) docsA.add(v)
    members.delete(gj)
    docsOf.delete(gj)
  }
  return [...members.values()].map((ids) =>
    ids.map((x) => all[x]).sort((p, q) => p.view.order - q.view.order),
  )
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
  // Places every report names for this figure; else those of the first report's first mention.
  let places = [...group[0].places.entries()]
  const shared = places.filter(([k]) => group.every((c) => c.places.has(k)))
  if (shared.length > 0) places = shared
  else if (group[0].home.size > 0) places = [...group[0].home]
  const where = places.slice(0, 2).map(([, name]) => name.replace(/['’]s$/, ''))
  const when = group.flatMap((c) => c.dateTexts)[0]
  // Only a noun that says who was counted ("soldiers") helps; "people", "dead" or a pronoun do not.
  const cls = counted ? CLASS_OF.get(counted) : undefined
  let about = counted && cls && cls !== 'unspecified' ? `${counted} ${role}` : role
  if (where.length > 0) about += ` in ${where.join(', ')}`
  if (when) about += ` (${when})`
  return about
}

/**
 * The quantity facts of a story: numbers of the given roles, repeated figures of one report folded,
 * lined up across reports, each with its status, the reports that leave it out and the figures
 * reconciled. `firstAt` orders facts by where they are first told.
 */
export const quantityFacts = (
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
  // The story's first day: a figure dated well before it tells an earlier event, not the story's own.
  const start = views.reduce<string | undefined>((first, view) => {
    const day = view.doc.meta.published
    return day && (first === undefined || day < first) ? day : first
  }, undefined)
  return alignQuantities(perDoc)
    .filter((group) => group.length > 1 || !group[0].implied)
    .map((group): Fact & { firstAt: number; earlier: EarlierFigure[] } => {
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
        earlier: group.some((c) => datesEarlier(c, start))
          ? group.flatMap((c) => c.quantities.map((q) => ({ document: c.view.doc.id, span: q.span })))
          : [],
      }
    })
}

/** A figure of a story's report, by document and span. */
export interface EarlierFigure {
  document: string
  span: Span
}

/**
 * Whether a report dates this figure to well before the story began ("In late January, … killing three
 * troops" in reports of February 8): every date of its sentence ends more than a week before `start`,
 * the story's first publication day (its own when the story's reports carry none). A follow-up months
 * on that dates the shooting ("the May 10 shooting that killed one man") recalls the story's own event,
 * which the story's first reports told: measured from its own day it would make every report's figure
 * an earlier event's, and leave the story with none.
 */
const datesEarlier = (c: QuantityContext, start: string | undefined): boolean => {
  const from = start ?? c.view.doc.meta.published
  if (!from || c.dates.length === 0) return false
  return c.dates.every((r) => endsWellBefore(r, from))
}

/**
 * Whether a bare figure is someone's age: "Vasko, 49, escaped", "Vasko (49)", "aged 49", "age 49".
 * Reports of one event agree on the ages of the people in it, which tells a reader nothing.
 */
const isAge = (text: string, q: Quantity): boolean => {
  if (q.best === null || q.best > 120 || !/^\d{1,3}$/.test(q.text)) return false
  const before = text.slice(Math.max(0, q.span.start - 40), q.span.start)
  const after = text.slice(q.span.end, q.span.end + 6)
  if (/\b(?:aged?|ages)\s*$/i.test(before)) return true
  if (/\p{Lu}[\p{L}'’.-]*\s*\(\s*$/u.test(before) && /^\s*\)/.test(after)) return true
  return /\p{Lu}[\p{L}'’-]*\s*\.?\s*,\s*$/u.test(before) && /^\s*(?:,|;|\band\b)/.test(after)
}

/**
 * Figures with no known role ("claims fell to 293,000") that several reports give identically.
 * Without a role or a counted noun nothing says which figures are about the same thing, so only
 * identical ones are lined up (agreement, never conflict), and small numbers are left out as too
 * common to mean anything.
 */
export const sharedFigures = (views: readonly DocView[], { min = 10, max = 3, plain = 100 } = {}): Fact[] => {
  // A figure below `plain` ("12") lines up only with the same figure of the same thing ("12 jurors");
  // a larger one ("293,000") is distinctive enough alone.
  const keyOf = (q: Quantity): string | null => {
    if (q.best! >= plain) return String(q.best)
    const counted = normalise(q.counted)
    return counted ? `${q.best}:${slug(counted)}` : null
  }
  const byKey = new Map<string, { view: DocView; q: Quantity }[]>()
  for (const view of views) {
    const seen = new Set<string>()
    for (const q of view.doc.quantities ?? []) {
      if (q.role !== 'other' || q.best === null || q.best < min || !statesNumber(q)) continue
      if (q.low !== q.best || q.high !== q.best || isAge(view.doc.text, q)) continue
      const key = keyOf(q)
      if (key === null || seen.has(key)) continue
      seen.add(key)
      byKey.set(key, [...(byKey.get(key) ?? []), { view, q }])
    }
  }
  return [...byKey.entries()]
    .filter(([, found]) => found.length > 1)
    .sort((a, b) => b[1].length - a[1].length || a[1][0].q.span.start - b[1][0].q.span.start)
    .slice(0, max)
    .map(([key, found]) => {
      const present = new Set(found.map((f) => f.view.doc.id))
      const { q: first } = found[0]
      return {
        key: `quantity:other:${key}`,
        kind: 'quantity' as const,
        about:
          first.best! >= plain
            ? `the figure ${first.text}`
            : `the figure ${first.text} (${normalise(first.counted)})`,
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
