/**
 * Compares the reports of one story: lines up what each report asserts (casualty counts, the
 * main event, its date and place, the main actors) by what it is about, and says per fact whether
 * the reports agree, are compatible, conflict, or only one tells it — and who leaves it out.
 */
import compareCues from '../data/compare-cues.json' with { type: 'json' }
import dateLexicon from '../data/dates.json' with { type: 'json' }
import quoteCues from '../data/quote-cues.json' with { type: 'json' }
import { dateStatus, dayRange, rangesOverlap } from '../model/day-range.ts'
import type {
  DateMention,
  Doc,
  Entity,
  EntityType,
  Fact,
  FactStatus,
  FactValue,
  Mention,
  QuantityRole,
  StoryFraming,
  Token,
} from '../model/types.ts'
import { containersOf, isRegion, listedForm, partOf } from '../stages/entity-gazetteer.ts'
import { type EarlierFigure, quantityFacts, ROLE_ORDER, sharedFigures } from './align-quantities.ts'
import { headlineOf } from './headline.ts'
import { frameStory, keyName, mentionKey } from './story-framing.ts'
import {
  type DocView,
  MODIFIED_NOUNS,
  makeView,
  sentenceOf,
  tokenIndexAt,
  withSentence,
} from './story-view.ts'

/** What {@link compareStory} returns; the caller adds the story id and documents. */
export interface StoryComparison {
  title: string
  dateRange?: { start: string; end: string }
  facts: Fact[]
  framing: StoryFraming
  /**
   * Casualty figures a report of the story dates well before its own day (an earlier attack it
   * recalls), with those lined up with them in the other reports: not the main event's, whichever
   * report's record counted them. For {@link storyRecord}; not part of the report.
   */
  earlierFigures: EarlierFigure[]
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
  for (const view of views) {
    const events = view.doc.events ?? []
    if (events.length === 0) continue
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
    // Reports grouped into one story that call its event differently ("bombing" here, "explosion"
    // there) differ in emphasis, not in fact: the values show the difference side by side, and a
    // conflict is kept for contradictory figures and dates.
    status = values.every((v) => v.value === values[0].value) ? 'agree' : 'compatible'
  }
  return {
    key: 'event',
    kind: 'event',
    // The story's most told type names the fact only when the reports' own main events are of that type.
    about: values.every((v) => v.value === type) ? `what happened (${type})` : 'what happened',
    status,
    values,
    missing: views.filter((v) => !present.has(v.doc.id)).map((v) => v.doc.id),
  }
}

/** How many sentences (title included) make the lead, where news states its own event's date. */
const LEAD = 3

const DAY_WORDS = new Set<string>([
  ...Object.keys(dateLexicon.weekdays),
  ...Object.keys(dateLexicon.months),
  ...Object.keys(dateLexicon.deictic).filter((w) => w !== 'overnight'),
])

/**
 * Whether a date names its own day ("Sunday", "Feb. 3", "yesterday", "2014-02-03"), rather than a
 * clock time or "overnight" that takes the publication day by default and may well mean the day before.
 */
const namesDay = (date: DateMention): boolean =>
  date.precision !== 'time' ||
  /\d{4}-\d{2}-\d{2}/.test(date.text) ||
  date.text
    .toLowerCase()
    .split(/[^a-z.]+/)
    .some((w) => DAY_WORDS.has(w) || DAY_WORDS.has(w.replace(/\.$/, '')))

const REPORTING = new Set<string>(quoteCues.verbs)
/** Words before a date that make it the page's own stamp ("Posted: Feb. 3, 2014"), not an event's. */
const STAMPS = new Set(['posted', 'updated', 'published', 'modified', 'created', 'edited'])
/** Words that may stand between a verb and its date ("said early on Tuesday"). */
const DATE_LEAD_INS = new Set(['on', 'early', 'late', 'earlier', 'later', 'this', 'last', ':'])

/**
 * Whether a date dates the report rather than an event: the page's stamp ("Posted: Feb. 3"), a
 * dateline's ("FRANKLIN (Feb. 4, 2014) –"), or a statement ("police said Tuesday", "the sheriff on Tuesday said"). A report comes after its event,
 * often days after, so such a date is not the event's.
 */
/**
 * Whether a date stands on a line of its own or on a stamp line: "March 25, 2014 12:45 PM", "Posted:
 * Friday, January 31, 2014 10:21 AM EST | Updated: …". Pages stamp themselves that way.
 */
const stampLine = (view: DocView, date: DateMention): boolean => {
  const text = view.doc.text
  const from = text.lastIndexOf('\n', date.span.start - 1) + 1
  let to = text.indexOf('\n', date.span.end)
  if (to < 0) to = text.length
  const line = text.slice(from, to)
  if (STAMPS.has(line.trimStart().split(/[\s:]/, 1)[0].toLowerCase())) return true
  // Everything else on the line is another date, a time zone or punctuation.
  let rest = line
  for (const d of view.doc.dates ?? []) {
    if (d.span.start >= from && d.span.end <= to)
      rest =
        rest.slice(0, d.span.start - from) +
        ' '.repeat(d.span.end - d.span.start) +
        rest.slice(d.span.end - from)
  }
  return !/\p{Ll}/u.test(rest) && !/\p{Lu}{5,}|\p{Lu}\p{Ll}/u.test(rest)
}

const datesReport = (view: DocView, date: DateMention): boolean => {
  // "FRANKLIN (Feb. 4, 2014) –": a dateline's date is the day the report was filed.
  if (view.stamps.some((s) => s.start <= date.span.start && date.span.end <= s.end)) return true
  if (stampLine(view, date)) return true
  const tokens = view.tokens
  let i = tokenIndexAt(tokens, date.span.start) - 1
  // Over lead-ins, and over dates written just before it ("Posted: Friday, Jan. 31, 2014 10:21 AM").
  const inDate = (t: Token): boolean =>
    (view.doc.dates ?? []).some((d) => d.span.start <= t.span.start && t.span.end <= d.span.end)
  while (i >= 0 && (DATE_LEAD_INS.has(tokens[i].norm) || inDate(tokens[i]) || tokens[i].norm === ',')) i--
  if (i >= 0 && (REPORTING.has(tokens[i].norm) || STAMPS.has(tokens[i].norm))) return true
  const after = tokenIndexAt(tokens, date.span.end)
  return after < tokens.length && REPORTING.has(tokens[after].norm)
}

interface DateCandidate {
  date: DateMention
  /**
   * 0: in the lead near a trigger of the main event; 1: elsewhere in the lead; 2: near a trigger later
   * on; 3: farther from one in its sentence; only when there are none of these, 4: later in a sentence
   * telling another event; 5: anywhere else.
   */
  tier: number
  /** Tokens to the nearest trigger of the main event in the same sentence (Infinity when none). */
  distance: number
  sentence: number
}

/**
 * Dates that may date the main event in one report. News states its own event's date in the lead
 * (inverted pyramid), so lead dates come first, those next to a trigger of the main event before
 * the others; later in the text only a date in a sentence that tells the main event counts, next
 * to its trigger first, as one far from it often dates something else ("accused of the shooting
 * ... denied bond on Wednesday"). Left out: a year, season or quarter, which says too little to
 * date one event and mostly dates a background, and a date of the report itself (see
 * {@link datesReport}). When none of these is left, any other date of the report may date it.
 */
const dateCandidates = (view: DocView, type: string | undefined, maxDistance: number): DateCandidate[] => {
  const triggers = (view.doc.events ?? []).filter((e) => e.type === type)
  const out: DateCandidate[] = []
  const fallback: DateCandidate[] = []
  for (const date of view.doc.dates ?? []) {
    if ((date.type !== 'DATE' && date.type !== 'TIME') || dayRange(date) === null) continue
    const r = dayRange(date)!
    if (Date.parse(r.end) - Date.parse(r.start) > 31 * 86400000 || datesReport(view, date)) continue
    const sentence = sentenceOf(view, date.span)
    const at = tokenIndexAt(view.tokens, date.span.start)
    let distance = Number.POSITIVE_INFINITY
    for (const t of triggers) {
      if (sentenceOf(view, t.span) !== sentence) continue
      distance = Math.min(distance, Math.abs(tokenIndexAt(view.tokens, t.span.start) - at))
    }
    const near = distance <= maxDistance
    const lead = sentence >= 0 && sentence < LEAD
    if (!lead && distance === Number.POSITIVE_INFINITY) {
      // Kept for when no sentence that tells the main event is dated: a sentence telling another
      // event of the report ("the arrest came after the shooting on Saturday") before any other;
      // never a day after the report (a hearing set for next month).
      const published = view.doc.meta.published?.slice(0, 10)
      if (published && r.start > published) continue
      const told = (view.doc.events ?? []).some((e) => sentenceOf(view, e.span) === sentence)
      fallback.push({ date, tier: told ? 4 : 5, distance, sentence })
      continue
    }
    out.push({ date, tier: lead ? (near ? 0 : 1) : near ? 2 : 3, distance, sentence })
  }
  return (out.length > 0 ? out : fallback).sort((a, b) => a.date.span.start - b.date.span.start)
}

const WEEKDAYS: Record<string, number> = dateLexicon.weekdays
const MONTHS: Record<string, number> = dateLexicon.months

/**
 * The day of an undated report's main event, read against the days the story's dated reports give it.
 * Without a publication date, "on Wednesday" or "January 28" has no value; when a dated report's day
 * is a Wednesday (or a January 28), the undated report names that day. Only its dates in the lead or
 * in a sentence that tells the main event count, and only a day one of the dated reports gives: a weekday
 * that meets none of them may be another week's, and is left out.
 */
const undatedDay = (
  view: DocView,
  type: string | undefined,
  days: readonly { day: string; document: string }[],
): { date: DateMention; from: string } | undefined => {
  const triggers = (view.doc.events ?? []).filter((e) => e.type === type)
  for (const date of view.doc.dates ?? []) {
    if (date.type !== 'DATE' || date.value || datesReport(view, date)) continue
    const sentence = sentenceOf(view, date.span)
    const tells = triggers.some((t) => sentenceOf(view, t.span) === sentence)
    if (!tells && !(sentence >= 0 && sentence < LEAD)) continue
    const words = date.text.toLowerCase().split(/[\s,]+/)
    const weekday = words.map((w) => WEEKDAYS[w]).find((n) => n !== undefined)
    const month = words.map((w) => MONTHS[w]).find((n) => n !== undefined)
    const dayOfMonth = words.map((w) => /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(w)?.[1]).find(Boolean)
    if (weekday === undefined && (month === undefined || dayOfMonth === undefined)) continue
    const match = days.find(({ day }) => {
      const d = new Date(`${day}T00:00:00Z`)
      if (weekday !== undefined && (d.getUTCDay() || 7) !== weekday) return false
      if (month !== undefined && dayOfMonth !== undefined)
        return d.getUTCMonth() + 1 === month && d.getUTCDate() === Number(dayOfMonth)
      return true
    })
    if (match) return { date: { ...date, value: match.day }, from: match.document }
  }
  return undefined
}

/** Days after the reports' agreed day beyond which a lone later day is a follow-up's own news. */
const FOLLOW_UP_DAYS = 7

/**
 * "Second suspect arrested Friday", weeks after the shooting the other reports date: a report whose
 * day meets no other report's, falls well after the days two or more reports agree on and is its own
 * publication's week tells the day of its own news (an arrest, a sentencing), not of the event. Its
 * day is left out (the report gives none for the event) instead of standing as a conflict.
 */
const dropFollowUpDays = (views: readonly DocView[], chosen: (DateMention | undefined)[]): void => {
  const ranges = chosen.map((d) => (d ? dayRange(d) : null))
  const meets = (i: number): boolean =>
    ranges.some((r, j) => j !== i && r !== null && ranges[i] !== null && rangesOverlap(r, ranges[i]!))
  const agreedEnds = ranges.flatMap((r, i) => (r && meets(i) ? [Date.parse(r.end)] : []))
  if (agreedEnds.length < 2) return
  const limit = Math.max(...agreedEnds) + FOLLOW_UP_DAYS * 86_400_000
  ranges.forEach((r, i) => {
    const published = views[i].doc.meta.published?.slice(0, 10)
    if (!r || meets(i) || !published || Date.parse(r.start) <= limit) return
    const sincePublished = (Date.parse(published) - Date.parse(r.start)) / 86_400_000
    if (sincePublished >= 0 && sincePublished <= FOLLOW_UP_DAYS) chosen[i] = undefined
  })
}

const dateFact = (views: readonly DocView[], type: string | undefined, maxDistance: number): Fact | null => {
  const candidates = views.map((view) => dateCandidates(view, type, maxDistance))
  // Each report's date of the main event: the candidate most other reports' candidates meet, so
  // a report that also dates an earlier incident is not read as contradicting the others; then a
  // day up to the report's before a later one (news reports what happened; a later day is most
  // often a hearing or a funeral, but may be all an announced event has); then the lead before the rest, a date that names its day before a clock time (which only takes the
  // publication day), by tier, the one nearest a trigger, the earliest, and the narrower ("2014"
  // meets every day of the year).
  const chosen = candidates.map((own, i) => {
    const others = candidates.filter((_, j) => j !== i).flat()
    const published = views[i].doc.meta.published?.slice(0, 10)
    const keyed = own.map((c) => {
      const r = dayRange(c.date)!
      return {
        c,
        key: [
          -others.filter((o) => rangesOverlap(r, dayRange(o.date)!)).length,
          published !== undefined && r.start > published ? 1 : 0,
          c.tier < 2 ? 0 : 1,
          namesDay(c.date) ? 0 : 1,
          c.tier,
          Math.min(c.distance, maxDistance + 1),
          c.sentence,
          Date.parse(r.end) - Date.parse(r.start),
        ],
      }
    })
    keyed.sort((a, b) => {
      for (let k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k]
      return 0
    })
    return keyed[0]?.c.date
  })
  dropFollowUpDays(views, chosen)
  // An undated report's "on Wednesday" read against the days the dated reports give.
  const days = chosen.flatMap((d, i) => {
    const r = d ? dayRange(d) : null
    return r && r.start === r.end ? [{ day: r.start, document: views[i].doc.id }] : []
  })
  const inferred = new Map<number, string>()
  views.forEach((view, i) => {
    if (chosen[i] || view.doc.meta.published || days.length === 0) return
    const found = undatedDay(view, type, days)
    if (!found) return
    chosen[i] = found.date
    inferred.set(i, found.from)
  })
  const values: FactValue[] = []
  const dates: DateMention[] = []
  views.forEach((view, i) => {
    const d = chosen[i]
    if (!d) return
    dates.push(d)
    const from = inferred.get(i)
    values.push({
      document: view.doc.id,
      outlet: view.doc.meta.outlet,
      value: d.value ?? `${dayRange(d)!.start}/${dayRange(d)!.end}`,
      evidence: withSentence(view, d.span),
      ...(from ? { inferredFrom: from } : {}),
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
const rankEntities = (
  views: readonly DocView[],
  accept: Accept,
  mentionsOf: (view: DocView) => readonly Mention[] = (view) => view.doc.mentions ?? [],
): Prominence[] => {
  const stats = new Map<string, Prominence>()
  for (const view of views) {
    for (const m of mentionsOf(view)) {
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

/** How many of the best-ranked places {@link specificFirst} regroups. */
const SPECIFIC_WINDOW = 6

/**
 * Ranked places regrouped by what lies in what: a region or country goes right after the city or
 * province in it ("Iraq, Syria, Baghdad" → "Baghdad, Iraq, Syria"), the most precise place first, while
 * a part of a town goes after the town ("South Toledo, Toledo" → "Toledo, South Toledo"). Each group
 * keeps the rank of its best-ranked place, except that a group led by a region gives the first place
 * to the best-ranked town ("Syria, Baghdad, Iraq" → "Baghdad, Iraq, Syria"). Only the first few
 * ranked places move.
 */
const specificFirst = (
  ranked: readonly Prominence[],
  nameOf: (key: string) => string,
  facility: (key: string) => boolean = () => false,
): Prominence[] => {
  const head = ranked.slice(0, SPECIFIC_WINDOW)
  const names = head.map((p) => listedForm(nameOf(p.key)))
  const inside = head.map((_, i) => containersOf(names[i]))
  // A container's place in the order: after the best-ranked place it contains. A part of a town
  // ("South Toledo", "the East Side") goes after the town, as a street does: the town it names, or
  // the best-ranked place the gazetteer lists.
  const anchor = head.map((_, i) => {
    const whole = partOf(names[i])
    if (whole !== undefined) {
      const town = head.findIndex((_p, j) => j !== i && names[j] === whole)
      return town !== -1 ? town : head.findIndex((_p, j) => j !== i && inside[j].size > 0)
    }
    return head.findIndex((_p, j) => j !== i && inside[j].has(names[i]))
  })
  const rootOf = (i: number, seen = new Set<number>()): number =>
    anchor[i] === -1 || seen.has(i) ? i : rootOf(anchor[i], seen.add(i))
  const groups = new Map<number, number[]>()
  head.forEach((_, i) => {
    const root = rootOf(i)
    groups.set(root, [...(groups.get(root) ?? []), i])
  })
  const ordered = [...groups]
    .map(([root, members]) => ({ root, members }))
    .sort((a, b) => Math.min(...a.members) - Math.min(...b.members))
  // A region ("Ohio", "Iraq") is never where it happened more precisely than a town named beside it.
  if (ordered.length > 1 && isRegion(names[ordered[0].root])) {
    const town = ordered.findIndex(
      ({ root }) => !isRegion(names[root]) && partOf(names[root]) === undefined && !facility(head[root].key),
    )
    if (town > 0) ordered.unshift(...ordered.splice(town, 1))
  }
  return [
    ...ordered.flatMap(({ root, members }) => [
      head[root],
      ...members.filter((i) => i !== root).map((i) => head[i]),
    ]),
    ...ranked.slice(SPECIFIC_WINDOW),
  ]
}

const presenceFact = (
  views: readonly DocView[],
  key: string,
  kind: 'actor' | 'place',
  name: string,
  accept: Accept,
  mentionsOf: (view: DocView) => readonly Mention[] = (view) => view.doc.mentions ?? [],
): Fact => {
  const values: FactValue[] = []
  for (const view of views) {
    const m = mentionsOf(view).find((x) => mentionKey(x) === key && accept(view, x, sentenceOf(view, x.span)))
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
  if (view.doc.meta.title) return headlineOf(view.doc.meta.title)
  const first = view.sentences[0]
  return first ? view.doc.text.slice(first.start, first.end) : view.doc.text.slice(0, 120).trim()
}

/**
 * Compares the documents of one story. The facts, in the order a reader scans them:
 * - `event`: each report's main event type (agree when all share it; compatible when each also
 *   names the others' types; else conflict);
 * - `date`: each report's date of the main event, read near its triggers (same day → agree; one
 *   inside the other's range → compatible; else conflict);
 * - `place`: where the main event happened (place names after a locative preposition in the
 *   sentences that tell it), one fact per place;
 * - `quantity`: numbers lined up by role and context (see `alignQuantities`), with low / best /
 *   high reconciled; identical figures without a role as agreed facts;
 * - `actor`: the most prominent actors, one fact per actor.
 * Every fact lists the story's documents that do not report it in `missing`. Any layer may be
 * missing: facts are built from what is there (no quantities → no quantity facts; no events → no
 * event fact, dates and places read from the opening sentences).
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

  const aligned = quantityFacts(views, roles, impliedCounts)
  const earlierFigures = aligned.flatMap((f) => f.earlier)
  const quantities = aligned
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(roleOf(a)) - ROLE_ORDER.indexOf(roleOf(b)) ||
        b.values.length - a.values.length ||
        a.firstAt - b.firstAt,
    )
    .filter((fact, i, all) => all.slice(0, i).filter((f) => roleOf(f) === roleOf(fact)).length < maxPerRole)
    .slice(0, maxQuantities)
    .map(({ firstAt: _, earlier: __, ...fact }) => fact)

  const told = new Map(views.map((view) => [view, eventSentences(view, type)]))
  // A dateline's place is where the report was filed, for local news where its event happened.
  // A place named in page furniture ("Buy Photo Indianapolis", the site's name after the title) is not
  // where the event happened.
  const eventPlace: Accept = (view, m, i) =>
    view.locative.has(m) && !view.furniture.has(m) && (told.get(view)!.has(i) || view.dateline.has(m))
  const anyPlace: Accept = (view, m) => view.locative.has(m) && !view.furniture.has(m)
  // No report places the event where it tells it: the places it names anywhere, then where the
  // people in it live ("a Dellport man"), then the places its emergency services are named after.
  const resident: Accept = (view, m) => view.residence.has(m) && !view.furniture.has(m)
  const services = (view: DocView): readonly Mention[] => view.services
  const placeRanks = [
    { accept: eventPlace, ranks: rankEntities(views, eventPlace) },
    { accept: anyPlace, ranks: rankEntities(views, anyPlace) },
    { accept: resident, ranks: rankEntities(views, resident) },
    { accept: () => true, ranks: rankEntities(views, () => true, services), mentionsOf: services },
  ].find((level) => level.ranks.length > 0)
  // A street or a building names where inside the town or city it happened: the town first.
  const facility = (key: string): boolean =>
    views.some((view) =>
      (view.doc.mentions ?? []).some((m) => mentionKey(m) === key && view.typeOf(m) === 'FAC'),
    )
  const places = specificFirst(
    (placeRanks?.ranks ?? [])
      .map((p) => ({ p, facility: facility(p.key) }))
      .sort((a, b) => Number(a.facility) - Number(b.facility))
      .map(({ p }) => p),
    (key) => keyName(key, byId, docs),
    facility,
  )
    .slice(0, maxPlaces)
    .map((p) =>
      presenceFact(
        views,
        p.key,
        'place',
        placeRanks?.mentionsOf
          ? (views.flatMap(placeRanks.mentionsOf).find((m) => mentionKey(m) === p.key)?.text ?? p.key)
          : keyName(p.key, byId, docs),
        placeRanks?.accept === eventPlace ? anyPlace : (placeRanks?.accept ?? anyPlace),
        placeRanks?.mentionsOf,
      ),
    )
  const agents = placeActors(views)
  const notActors = new Set([...places.map((f) => f.key.slice('place:'.length)), ...mostlyLocative(views)])
  // A name counts as an actor when the tagger read it as one at least once: taggers type one
  // group's name differently from mention to mention (PERSON here, MISC there).
  const actorKeys = new Set<string>(agents)
  for (const view of views)
    for (const m of view.doc.mentions ?? [])
      if (actorTypes.includes(m.type) || actorTypes.includes(view.typeOf(m))) actorKeys.add(mentionKey(m))
  // A name in the page's furniture (the site's name after the title, a caption) is not an actor.
  const isActor: Accept = (view, m) =>
    !view.furniture.has(m) && !notActors.has(mentionKey(m)) && actorKeys.has(mentionKey(m))
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
    earlierFigures,
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
  if (next?.kind !== 'word' || MODIFIED_NOUNS.has(next.norm)) return false
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
