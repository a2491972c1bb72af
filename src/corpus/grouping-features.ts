import { stemmer } from 'stemmer'
import stopwords from '../data/grouping-stopwords.json' with { type: 'json' }
import streetCues from '../data/street-cues.json' with { type: 'json' }
import victimCues from '../data/victim-cues.json' with { type: 'json' }
import type { Doc } from '../model/types.ts'
import { listedForm } from '../stages/entity-gazetteer.ts'

const STOP = new Set<string>([...stopwords.function, ...stopwords.reporting])
const CALENDAR = new Set<string>(stopwords.calendar)
const WEEKDAYS: readonly string[] = stopwords.weekdays
const WEEKDAY_SHORTEST = Math.min(...WEEKDAYS.map((d) => d.length))
const WEEKDAY_LONGEST = Math.max(...WEEKDAYS.map((d) => d.length))
/** Words of the lede read for its weekday: the first sentences, where a report says when its event happened. */
const WEEKDAY_WORDS = 40

/** What story grouping knows about one article: weighted terms, names, years, places, event types and its day. */
export interface GroupingFeatures {
  /** Feature → raw weight (term frequency, names and years boosted). Keys: `stem`, `n:name token`, `y:year`, `e:entity id`, `ev:event type`. */
  terms: Map<string, number>
  /** Normalised names (capitalised phrases or entity mentions), each once. */
  names: string[]
  /** Four-digit years 1900–2099 mentioned in the text. */
  years: number[]
  /** Places (GPE/LOC mentions) when the doc has mentions; empty otherwise. */
  places: string[]
  /** Each place's name as the gazetteers list it (`listedForm`), from its first mention here: for telling a part of a place from another place. */
  placeNames: Map<string, string>
  /** Event types from `doc.events` when present. */
  events: string[]
  /** Publication day as days since 1970-01-01, or null when the doc has no date. */
  day: number | null
  /**
   * Calendar days the lede names (day-precision dates from `doc.dates`, resolved against the publication
   * date), as days since 1970-01-01: when the event happened, which tells two similar events apart.
   */
  days: number[]
  /**
   * People the article names (PERSON mentions, by entity id when resolved), most mentioned first, with
   * their mention counts: who an event happened to or was done by.
   */
  persons: [string, number][]
  /**
   * The first weekday the lede names (the first {@link WEEKDAY_WORDS} words of the text), 0 for
   * Monday to 6 for Sunday, -1 when none: when an undated report's event happened ("on Tuesday").
   */
  weekday: number
  /** Casualty counts the article states (`role:best` of killed / injured quantities from `doc.quantities`). */
  counts: string[]
  /**
   * Streets the lede names ("1200 block of West Oak", "Oak Street"), each as its name's last word without
   * compass words or street type (`oak`), first named first; at most `STREETS_KEPT`, and none when the
   * lede names more than `STREETS_MAX` (a round-up of a city's shootings).
   */
  streets: string[]
  /**
   * People the lede describes by age and sex ("a 25-year-old man" → `25m`, "a 6-year-old girl" → `6f`),
   * first described first; at most `VICTIMS_KEPT`, and none when it describes more than `VICTIMS_MAX`.
   */
  victims: string[]
  /**
   * Clock times the lede gives ("about 11:30 p.m." → 1410, "2 a.m." → 120: minutes after midnight), first
   * given first; at most `CLOCKS_KEPT`, none when it gives more than `CLOCKS_MAX` (a timeline), and none
   * a time zone follows (a page's time stamp, "8:18 PM EST").
   */
  clocks: number[]
  /**
   * Addresses the lede gives, as house or block number and street (see `streets`): "1917 E. Prospect
   * Road" → `1917:prospect`, "the 1400 block of West Oak" → `1400:oak`; at most `STREETS_KEPT`, none
   * from a round-up's lede.
   */
  addresses: string[]
  /**
   * Ages the lede gives ("a 17-year-old", "Jane Roe, 24,", "ages 17, 19 and 22"), distinct, first given
   * first; at most `AGES_KEPT`, none when it gives more than `AGES_MAX` (a round-up).
   */
  ages: number[]
  /**
   * The two people (keys as in `persons`) the article names most among those it does not quote: who the
   * event happened to or was done by, rather than the officers and officials speaking about it.
   */
  subjects: string[]
  /**
   * Figures the text read states (`doc.quantities` in the first `maxWords` words) other than casualty
   * counts, dates and clock times: ages, magnitudes, sums, scores, distances, as their values (`5.2`,
   * `160000000`), each once; only decimals and values of at least {@link FIGURE_MIN} other than years,
   * since small whole numbers recur in any report. Empty when the doc has no quantities.
   */
  figures: string[]
  /** Words of the text (lower-cased), for near-duplicate shingles. */
  words: string[]
  /** {@link segmentHash} of each sentence read, for page-furniture detection across documents. */
  segments: number[]
}

/** Options for {@link featurise}. */
export interface FeaturiseOptions {
  /** Only the first this-many words count: the lede names the event, the tail drifts into background. */
  maxWords?: number
  /** Extra weight of each name token (capitalised phrase or entity mention) over an ordinary word. */
  nameWeight?: number
  /** Weight of each mentioned year. */
  yearWeight?: number
  /** How many times the title counts (when `meta.title` is not already the start of the text). */
  titleWeight?: number
}

const ALNUM = /[\p{L}\p{N}]/u

/** Whether the code point at `i` of `s` is a letter or a digit; the code point's length in `WORD_STEP`. */
let WORD_STEP = 1
const isAlnumAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i)
  WORD_STEP = 1
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    WORD_STEP = 2
    return ALNUM.test(s.slice(i, i + 2))
  }
  return ALNUM.test(s[i])
}
const isJoiner = (c: number): boolean => c === 39 || c === 0x2019 || c === 46 || c === 45

/** End of the alphanumeric run starting at `i` (which must start one). */
const runEnd = (s: string, i: number): number => {
  while (i < s.length && isAlnumAt(s, i)) i += WORD_STEP
  return i
}

/**
 * The next word of `s` at or after `from`, as `/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*\/u` matches it:
 * its start, with its end in `WORD_END`; -1 when there is none. Scans without allocating match arrays,
 * since featurisation reads every word of every article added.
 */
let WORD_END = 0
export const nextWord = (s: string, from: number): number => {
  let i = from
  while (i < s.length && !isAlnumAt(s, i)) i += WORD_STEP
  if (i >= s.length) return -1
  const start = i
  i = runEnd(s, i)
  // A joiner followed by a letter or digit continues the word: "o'clock", "U.S.", "well-known".
  while (i + 1 < s.length && isJoiner(s.charCodeAt(i)) && isAlnumAt(s, i + 1)) i = runEnd(s, i + 1)
  WORD_END = i
  return start
}
/** The end of the word {@link nextWord} last found. */
export const wordEnd = (): number => WORD_END
const UPPER = /^\p{Lu}/u
const DIGITS = /^\d+$/
const LINE = /\n+/g
/** Whether `s` holds only spaces and tabs in [from, to). */
const onlySpaces = (s: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 9) return false
  }
  return true
}
// A sentence ends at . ! ? (then space): the next capitalised word may be capitalised only for that reason.
const SENTENCE = /(?<=[.!?]["'”’)]*)\s+/g

/** The pieces of `text` between matches of `separator` (a global regex), each with its offset: `split` with positions. */
const pieces = (text: string, separator: RegExp): [string, number][] => {
  const out: [string, number][] = []
  let from = 0
  for (const m of text.matchAll(separator)) {
    out.push([text.slice(from, m.index), from])
    from = (m.index ?? 0) + m[0].length
  }
  out.push([text.slice(from), from])
  return out
}

const inSpans = (spans: readonly [number, number][], at: number): boolean => {
  for (const [start, end] of spans) if (at >= start && at < end) return true
  return false
}

/** A 32-bit hash of a sentence's letters and digits (case-folded), or null when it is too short to be furniture. */
export const segmentHash = (sentence: string): number | null => {
  // FNV-1a over lower-cased letters and digits only, so spacing and punctuation variants hash alike.
  let h = 0x811c9dc5
  let length = 0
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i)
    let k = -1
    if (c >= 97 && c <= 122) k = c
    else if (c >= 65 && c <= 90) k = c + 32
    else if (c >= 48 && c <= 57) k = c
    else if (c > 127 && /[\p{L}\p{N}]/u.test(sentence[i])) k = sentence[i].toLowerCase().charCodeAt(0)
    if (k < 0) continue
    h ^= k
    h = Math.imul(h, 0x01000193)
    length++
  }
  return length < 16 ? null : h >>> 0
}

const stemCache = new Map<string, string>()
/** Porter stem of a lower-cased word, memoised (news vocabulary is small compared with token counts). */
export const stem = (word: string): string => {
  let s = stemCache.get(word)
  if (s === undefined) {
    s = stemmer(word)
    if (stemCache.size < 500_000) stemCache.set(word, s)
  }
  return s
}

/** What {@link featurise} needs of one word as written: its folded form and the tests on it. */
interface WordInfo {
  /** Lower-cased, curly apostrophes straightened. */
  lower: string
  /** Starts with a capital letter. */
  upper: boolean
  /** Capitalised and no month or weekday: may be part of a name. */
  capitalised: boolean
  /** All digits. */
  digits: boolean
  /** A function or reporting word. */
  stop: boolean
  /** The stem it counts under, or null when it counts as no term (digits, stop words, single letters). */
  term: string | null
}
const wordCache = new Map<string, WordInfo>()
/**
 * The {@link WordInfo} of a word as written, memoised: one lookup per token instead of a case fold, three
 * set lookups and four regex tests, in the loop that runs for every word of every article grouped.
 */
const wordInfo = (raw: string): WordInfo => {
  let info = wordCache.get(raw)
  if (info !== undefined) return info
  let lower = raw.toLowerCase()
  if (lower.includes('’')) lower = lower.replace(/’/g, "'")
  const upper = UPPER.test(raw)
  const digits = DIGITS.test(raw)
  const stop = STOP.has(lower)
  info = {
    lower,
    upper,
    capitalised: upper && !CALENDAR.has(lower),
    digits,
    stop,
    term: digits || stop || lower.length < 2 ? null : stem(lower),
  }
  if (wordCache.size < 500_000) wordCache.set(raw, info)
  return info
}

// A small direct-mapped cache in front of `wordCache`, keyed by a hash of the word's characters read in
// place: the common words of news hit it without the word being sliced out of its sentence or the big
// map being probed, whose lookups miss the processor's caches once the vocabulary is large.
const RECENT_BITS = 16
const recentRaw: string[] = new Array<string>(1 << RECENT_BITS).fill('')
const recentInfo: WordInfo[] = new Array<WordInfo>(1 << RECENT_BITS)

/** {@link wordInfo} of the word at [start, end) of `s`. */
const wordInfoAt = (s: string, start: number, end: number): WordInfo => {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  const slot = Math.imul(h, 0x9e3779b1) >>> (32 - RECENT_BITS)
  const known = recentRaw[slot]
  // Words are never empty, so an empty slot never matches.
  if (known.length === end - start && s.startsWith(known, start)) return recentInfo[slot]
  const raw = s.slice(start, end)
  const info = wordInfo(raw)
  recentRaw[slot] = raw
  recentInfo[slot] = info
  return info
}

/** Days since 1970-01-01 of an ISO date (YYYY, YYYY-MM or YYYY-MM-DD prefix), or null when it is not one. */
export const dayOf = (iso: string | undefined): number | null => {
  if (!iso) return null
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso)
  if (!m) return null
  const t = Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1)
  return Number.isNaN(t) ? null : Math.floor(t / 86_400_000)
}

// Roles whose counts describe the event itself; other numbers (money, percentages) drift between reports.
const COUNT_ROLES = new Set(['killed', 'injured', 'dead_or_injured'])
const ISO_DAY = /^\d{4}-\d{2}-\d{2}/
/** The least whole number kept as a figure. */
const FIGURE_MIN = 10

/**
 * Whether the number at [start, end) of `text` is part of a clock time or a numeric date ("10 : 55",
 * "2 / 3 / 2031"): a ':' or '/' next to it, across spaces. A dateline's time is no figure of the event,
 * and the date layer does not read every spaced form tokenised sources give.
 */
const partOfStamp = (text: string, start: number, end: number): boolean => {
  const stamp = (c: string | undefined): boolean => c === ':' || c === '/'
  let i = start - 1
  while (i >= 0 && text[i] === ' ') i--
  if (stamp(text[i])) return true
  let j = end
  while (j < text.length && text[j] === ' ') j++
  return stamp(text[j])
}

/**
 * The figures of `doc` (see {@link GroupingFeatures.figures}) before offset `end`, outside `skip` spans
 * and outside its dates: a year, a day of the month or a clock time is no figure of the event.
 */
const figuresOf = (doc: Doc, end: number, skip: readonly [number, number][]): string[] => {
  const figures = new Set<string>()
  const dates = doc.dates ?? []
  for (const q of doc.quantities ?? []) {
    const v = q.best
    if (v === null || q.span.start >= end || COUNT_ROLES.has(q.role)) continue
    if (Number.isInteger(v) && (v < FIGURE_MIN || (v >= 1900 && v < 2100))) continue
    if (skip.length > 0 && inSpans(skip, q.span.start)) continue
    if (dates.some((d) => d.span.start <= q.span.start && q.span.end <= d.span.end)) continue
    if (partOfStamp(doc.text, q.span.start, q.span.end)) continue
    figures.add(String(v))
  }
  return [...figures]
}

/** The offset in `text` after its `words`-th word: the end of the lede that featurisation reads. */
const ledeEnd = (text: string, words: number): number => {
  let n = 0
  for (let at = nextWord(text, 0); at >= 0; at = nextWord(text, WORD_END)) if (++n >= words) return WORD_END
  return text.length
}

// A street's name: one to three capitalised words or ordinals ("Martin Luther King", "43rd").
const STREET_NAME = '(?:\\p{Lu}\\p{Ll}+|\\d+(?:st|nd|rd|th))(?: (?:\\p{Lu}\\p{Ll}+|\\d+(?:st|nd|rd|th))){0,2}'
const STREET_TYPES = streetCues.types.map((t) => t[0].toUpperCase() + t.slice(1)).join('|')
// A street type after a space; the name before it is read backwards (`streetBefore`): a pattern with
// the name in front would be tried at every word of the lede, several times slower.
const STREET_TYPE = new RegExp(` (?:${STREET_TYPES})(?![\\p{L}\\p{N}])`, 'gu')
const NAME_WORD = /^(?:\p{Lu}\p{Ll}+|\d+(?:st|nd|rd|th))$/u
const BLOCK = new RegExp(`(?<![\\p{L}\\p{N}])${streetCues.block} of (${STREET_NAME})`, 'gu')
// Left out of a street's key: compass words, and the street type a "block of" address may go on to name.
const NOT_KEY = new Set([...streetCues.directions, ...streetCues.types])
/** Streets kept per article, and the most a lede may name before it counts as a round-up and keeps none. */
const STREETS_KEPT = 2
const STREETS_MAX = 3

/**
 * The name of up to three capitalised words or ordinals, one space apart, that ends at `end` in `text`
 * (where a street type follows), lower-cased; its start in `STREET_START`. Empty when there is none.
 */
let STREET_START = 0
const streetBefore = (text: string, end: number): string[] => {
  const words: string[] = []
  let at = end
  while (words.length < 3 && at > 0) {
    let start = at
    while (start > 0 && ALNUM.test(text[start - 1])) start--
    const word = text.slice(start, at)
    if (!NAME_WORD.test(word)) break
    words.unshift(word.toLowerCase())
    STREET_START = start
    if (start < 2 || text[start - 1] !== ' ') break
    at = start - 1
  }
  return words
}

// The number before a street's name: a house number ("1917 E. Prospect Road") or a block's ("the 1400
// block of Oak"), a compass word between them allowed.
const HOUSE_NUMBER = /(?<![\p{L}\p{N}])(\d{2,5}) (?:\p{L}{1,2}\. )?$/u
const BLOCK_NUMBER = /(?<![\p{L}\p{N}])(\d{2,5}) $/u
/** The addresses (`number:street`) the last {@link streetsOf} call read, first named first. */
let ADDRESSES: string[] = []

/** The streets `lede` names (see {@link GroupingFeatures.streets}), outside `skip` spans; its addresses in `ADDRESSES`. */
const streetsOf = (lede: string, skip: readonly [number, number][]): string[] => {
  const found: [number, string, string | undefined][] = []
  const note = (words: string[], at: number, number: RegExp, before: number): void => {
    if (words.length === 0 || (skip.length > 0 && inSpans(skip, at))) return
    const named = words.filter((w) => !NOT_KEY.has(w))
    const street = (named.length > 0 ? named : words).at(-1) as string
    const house = number.exec(lede.slice(Math.max(0, before - 12), before))?.[1]
    found.push([at, street, house === undefined ? undefined : `${Number(house)}:${street}`])
  }
  for (const m of lede.matchAll(STREET_TYPE)) {
    const words = streetBefore(lede, m.index)
    note(words, STREET_START, HOUSE_NUMBER, STREET_START)
  }
  for (const m of lede.matchAll(BLOCK)) note(m[1].toLowerCase().split(' '), m.index, BLOCK_NUMBER, m.index)
  found.sort((a, b) => a[0] - b[0])
  const streets = [...new Set(found.map(([, street]) => street))]
  const addresses = [...new Set(found.flatMap(([, , address]) => (address === undefined ? [] : [address])))]
  ADDRESSES = streets.length > STREETS_MAX ? [] : addresses.slice(0, STREETS_KEPT)
  return streets.length > STREETS_MAX ? [] : streets.slice(0, STREETS_KEPT)
}

const AGED = /(?<![\p{L}\p{N}])(\d{1,3})[- ]years?[- ]old (\p{L}+)/gu
const SEX = new Map<string, string>([
  ...victimCues.male.map((w): [string, string] => [w, 'm']),
  ...victimCues.female.map((w): [string, string] => [w, 'f']),
])
/** People kept per article, and the most a lede may describe before it counts as a round-up. */
const VICTIMS_KEPT = 2
const VICTIMS_MAX = 3

/** The people `lede` describes by age and sex (see {@link GroupingFeatures.victims}), outside `skip` spans. */
const victimsOf = (lede: string, skip: readonly [number, number][]): string[] => {
  const victims: string[] = []
  for (const m of lede.matchAll(AGED)) {
    const sex = SEX.get(m[2].toLowerCase())
    if (sex === undefined || (skip.length > 0 && inSpans(skip, m.index))) continue
    const victim = `${Number(m[1])}${sex}`
    if (!victims.includes(victim)) victims.push(victim)
  }
  return victims.length > VICTIMS_MAX ? [] : victims.slice(0, VICTIMS_KEPT)
}

// A clock time ("11:30 p.m.", "2 a.m.", "10:15 PM"), unless a time zone follows (a page's time stamp).
const CLOCK =
  /(?<![\p{L}\p{N}:.])(\d{1,2})(?::([0-5]\d))? ?([ap])\.?m\.?(?![\p{L}\p{N}])(?! ?(?:[ECMP][SD]?T|GMT|UTC)(?![\p{L}]))/giu
/** Clock times kept per article, and the most a lede may give before it counts as a timeline and keeps none. */
const CLOCKS_KEPT = 3
const CLOCKS_MAX = 4

/** The clock times `lede` gives (see {@link GroupingFeatures.clocks}), outside `skip` spans. */
const clocksOf = (lede: string, skip: readonly [number, number][]): number[] => {
  const clocks: number[] = []
  for (const m of lede.matchAll(CLOCK)) {
    const hour = Number(m[1])
    if (hour > 12 || (skip.length > 0 && inSpans(skip, m.index))) continue
    const minute = ((hour % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0)) * 60 + Number(m[2] ?? 0)
    if (!clocks.includes(minute)) clocks.push(minute)
  }
  return clocks.length > CLOCKS_MAX ? [] : clocks.slice(0, CLOCKS_KEPT)
}

// Ages: "17-year-old", "17 years old"; a name's apposition ("Roe, 24,", "Roe (24)"); a list after "age(s)".
// Each alternative starts with a literal (a digit, "age") and the context before it is checked in code:
// a lookbehind in front of the pattern is tried at every character of the lede, ten times slower.
const AGE =
  /(\d{1,3})(?:([- ]years?[- ]old)(?!\p{L})|(?=[,)]))|ages? (\d{1,2}(?:(?:,| and| to|, and) \d{1,2})*)(?!\p{N})/gu
const LETTER = /\p{L}/u
/** Ages kept per article, and the most a lede may give before it counts as a round-up and keeps none. */
const AGES_KEPT = 6
const AGES_MAX = 8

/** The ages `lede` gives (see {@link GroupingFeatures.ages}), outside `skip` spans. */
const agesOf = (lede: string, skip: readonly [number, number][]): number[] => {
  const ages: number[] = []
  for (const m of lede.matchAll(AGE)) {
    const at = m.index
    // Not inside a longer number or word ("2016,", "Route 66,"); an apposition follows a name's comma
    // or parenthesis ("Roe, 24,", "Roe (24)").
    if (at > 0 && (m[3] === undefined ? ALNUM : LETTER).test(lede[at - 1])) continue
    if (m[3] === undefined && m[2] === undefined) {
      const gap = lede.slice(at - 2, at)
      if ((gap !== ', ' && gap !== ' (') || at < 3 || !LETTER.test(lede[at - 3])) continue
    }
    if (skip.length > 0 && inSpans(skip, at)) continue
    for (const age of (m[1] ?? m[3]).split(/\D+/)) {
      const n = Number(age)
      if (age !== '' && n > 0 && n < 120 && !ages.includes(n)) ages.push(n)
    }
  }
  return ages.length > AGES_MAX ? [] : ages.slice(0, AGES_KEPT)
}

/** Words that open a page's own stamp line ("Posted: Tuesday, May 9, 2025"). */
const STAMP_WORDS = new Set(['posted', 'updated', 'published', 'modified', 'created', 'edited'])

/**
 * Whether offset `at` of `doc.text` lies on a page's stamp line: one opening with a stamp word, or holding
 * nothing but dates, times and punctuation ("WEDNESDAY , MARCH 4 , 2009 , 10 : 53 AM"), as in
 * `stampLine` of the comparison. Such a line dates the page, not its event.
 */
const onStampLine = (doc: Doc, at: number): boolean => {
  const text = doc.text
  const from = text.lastIndexOf('\n', at - 1) + 1
  let to = text.indexOf('\n', at)
  if (to < 0) to = text.length
  const first = nextWord(text, from)
  if (first >= 0 && first < to && STAMP_WORDS.has(text.slice(first, WORD_END).toLowerCase())) return true
  let rest = text.slice(from, to)
  for (const d of doc.dates ?? []) {
    if (d.span.start < from || d.span.end > to) continue
    rest =
      rest.slice(0, d.span.start - from) +
      ' '.repeat(d.span.end - d.span.start) +
      rest.slice(d.span.end - from)
  }
  return !/\p{Ll}/u.test(rest) && !/\p{Lu}{5,}|\p{Lu}\p{Ll}/u.test(rest)
}

/**
 * The first weekday among the first {@link WEEKDAY_WORDS} words of the text (see
 * {@link GroupingFeatures.weekday}), passing over a page's stamp line: its weekday is the day the page
 * was posted, which differs between reports of one event, not the day of the event.
 */
const ledeWeekday = (doc: Doc): number => {
  const text = doc.text
  let n = 0
  for (let at = nextWord(text, 0); at >= 0 && n < WEEKDAY_WORDS; at = nextWord(text, WORD_END)) {
    n++
    // Skip words no weekday name is as long as before folding them.
    const length = WORD_END - at
    if (length < WEEKDAY_SHORTEST || length > WEEKDAY_LONGEST) continue
    const day = WEEKDAYS.indexOf(text.slice(at, WORD_END).toLowerCase())
    if (day < 0) continue
    const end = WORD_END
    const stamp = onStampLine(doc, at)
    WORD_END = end
    if (!stamp) return day
  }
  return -1
}

const add = (terms: Map<string, number>, key: string, weight: number): void => {
  terms.set(key, (terms.get(key) ?? 0) + weight)
}

/**
 * Light featurisation for story grouping: fast enough for a million articles without the full pipeline.
 * Words are stemmed; capitalised phrases stand in for names (a sentence-initial word counts only when the
 * text also capitalises it mid-sentence); four-digit years are kept as cues. Sentences `isBoilerplate` flags
 * (by {@link segmentHash}) are left out of terms and names. When the doc carries
 * `mentions`, `events` or entity ids from the full pipeline, those are used instead of the heuristics.
 *
 * @example
 * featurise(makeDoc({ text: 'Fire hit Oakvale on Monday. Oakvale firefighters...', meta: { source: '-' } })).names
 * // ['oakvale']
 */
export const featurise = (
  doc: Doc,
  { maxWords = 250, nameWeight = 1.8, yearWeight = 1, titleWeight = 2 }: FeaturiseOptions = {},
  isBoilerplate: (hash: number) => boolean = () => false,
): GroupingFeatures => {
  const terms = new Map<string, number>()
  const text = doc.text
  const title = doc.meta.title
  // The headline names the event most plainly, so its words weigh `titleWeight`, whether the title is
  // metadata only or also the start of the text.
  const hasTitle = title !== undefined && title.trim().length > 0
  const titleInText = hasTitle && text.startsWith(title)
  // `start`: where the source begins in `doc.text` (-1 for a title that is metadata only).
  const sources: { text: string; weight: number; isTitle: boolean; start: number }[] = titleInText
    ? [
        { text: title, weight: titleWeight, isTitle: false, start: 0 },
        { text: text.slice(title.length), weight: 1, isTitle: false, start: title.length },
      ]
    : [{ text, weight: 1, isTitle: false, start: 0 }]
  if (hasTitle && !titleInText)
    sources.unshift({ text: title, weight: titleWeight, isTitle: true, start: -1 })
  // Without a title, a short first line is the headline in most plain-text news (the seed format, feeds).
  if (!hasTitle) {
    const end = text.indexOf('\n')
    if (end > 0 && end <= 200) {
      sources.splice(
        0,
        1,
        { text: text.slice(0, end), weight: titleWeight, isTitle: false, start: 0 },
        { text: text.slice(end), weight: 1, isTitle: false, start: end },
      )
    }
  }

  const words: string[] = []
  const segments: number[] = []
  const years = new Set<number>()
  // Capitalised runs: candidate names. Sentence-initial single words are held until we know whether the
  // text capitalises them elsewhere too.
  // Runs from Title Case lines (headlines) are kept only for the words the text also capitalises in
  // ordinary sentences: a headline capitalises every word.
  const runs: { tokens: string[]; initial: boolean; titleCase: boolean }[] = []
  const midCapitalised = new Set<string>()
  let count = 0
  // [start, end) in `doc.text` of the furniture sentences read: the mentions, dates and counts inside
  // them are left out too.
  const furnitureSpans: [number, number][] = []
  for (const source of sources) {
    for (const [line, lineStart] of pieces(source.text, LINE)) {
      for (const [sentence, sentenceStart] of pieces(line, SENTENCE)) {
        if (count >= maxWords) break
        const hash = segmentHash(sentence)
        if (hash !== null) segments.push(hash)
        // A sentence repeated across unrelated stories is page furniture (menus, sign-up prompts): its
        // words say nothing about the event. It still counts for near-duplicate shingles.
        const furniture = hash !== null && isBoilerplate(hash)
        if (furniture && source.start >= 0) {
          const start = source.start + lineStart + sentenceStart
          furnitureSpans.push([start, start + sentence.length])
        }
        let run: string[] = []
        let runInitial = false
        let last = 0
        let first = true
        let wordCount = 0
        let capitalCount = 0
        const sentenceRuns: { tokens: string[]; initial: boolean; titleCase: boolean }[] = []
        const sentenceMid: string[] = []
        const flush = (): void => {
          if (run.length > 0) sentenceRuns.push({ tokens: run, initial: runInitial, titleCase: false })
          run = []
        }
        for (let start = nextWord(sentence, 0), end = 0; start >= 0; start = nextWord(sentence, end)) {
          if (count >= maxWords) break
          end = WORD_END
          const word = wordInfoAt(sentence, start, end)
          const lower = word.lower
          if (furniture) {
            if (!source.isTitle && words.length < maxWords) words.push(lower)
            continue
          }
          if (!source.isTitle) words.push(lower)
          count++
          const gapStart = last
          last = end
          const initial = first
          first = false
          // Punctuation other than spaces between two capitalised words breaks a name ("Paris, Texas" is two).
          if (!onlySpaces(sentence, gapStart, start)) flush()
          if (!word.digits) {
            wordCount++
            if (word.upper) capitalCount++
          }
          if (word.capitalised && !word.stop) {
            if (run.length === 0) runInitial = initial
            run.push(lower)
            if (!initial) sentenceMid.push(lower)
          } else flush()
          if (word.digits) {
            const n = Number(lower)
            if (lower.length === 4 && n >= 1900 && n < 2100) years.add(n)
            else if (lower.length > 1) add(terms, `#${lower}`, source.weight * 0.5)
            continue
          }
          if (word.term !== null) add(terms, word.term, source.weight)
        }
        flush()
        const titleCase = wordCount >= 4 && capitalCount / wordCount > 0.6
        for (const r of sentenceRuns) {
          r.titleCase = titleCase
          runs.push(r)
        }
        if (!titleCase) for (const w of sentenceMid) midCapitalised.add(w)
      }
    }
  }

  // Every occurrence counts, so the actors a report keeps returning to weigh most.
  const occurrences: string[] = []
  const mentions = doc.mentions ?? []
  const places = new Set<string>()
  const placeNames = new Map<string, string>()
  const persons = new Map<string, number>()
  const insideDate = (span: { start: number; end: number }): boolean =>
    (doc.dates ?? []).some((d) => d.span.start <= span.start && span.end <= d.span.end)
  if (mentions.length > 0) {
    for (const mention of mentions) {
      if (furnitureSpans.length > 0 && inSpans(furnitureSpans, mention.span.start)) continue
      const name = mention.text.toLowerCase().replace(/^the\s+/, '')
      occurrences.push(name)
      // A holiday or month the tagger took for a person ("Christmas") is a date, not a person.
      if (mention.type === 'PERSON' && !insideDate(mention.span)) {
        const key = mention.entity ?? name
        persons.set(key, (persons.get(key) ?? 0) + 1)
      }
      if (mention.entity) add(terms, `e:${mention.entity}`, nameWeight)
      if (mention.type === 'GPE' || mention.type === 'LOC') {
        const place = mention.entity ?? name
        places.add(place)
        if (!placeNames.has(place)) placeNames.set(place, listedForm(mention.text))
      }
    }
  } else {
    for (const run of runs) {
      if (run.titleCase) {
        const kept = run.tokens.filter((t) => midCapitalised.has(t))
        if (kept.length > 0) occurrences.push(kept.join(' '))
        continue
      }
      if (run.initial && run.tokens.length === 1 && !midCapitalised.has(run.tokens[0])) continue
      occurrences.push(run.tokens.join(' '))
    }
  }
  for (const name of occurrences) {
    for (const token of name.split(/\s+/)) {
      if (token.length > 1 && !STOP.has(token) && !DIGITS.test(token)) add(terms, `n:${token}`, nameWeight)
    }
  }
  for (const year of years) add(terms, `y:${year}`, yearWeight)
  const events = [...new Set((doc.events ?? []).map((e) => e.type))]
  for (const type of events) add(terms, `ev:${type}`, 1)
  const days = new Set<number>()
  // Streets and victims only serve links that need a day the lede names: without dates, none are read.
  let streets: string[] = []
  let victims: string[] = []
  let clocks: number[] = []
  let addresses: string[] = []
  let ages: number[] = []
  const counts = new Set<string>()
  let figures: string[] = []
  const dates = doc.dates ?? []
  const quantities = doc.quantities ?? []
  if (dates.length > 0 || quantities.length > 0) {
    const end = ledeEnd(text, maxWords)
    if (dates.length > 0) {
      const lede = text.slice(0, end)
      streets = streetsOf(lede, furnitureSpans)
      addresses = ADDRESSES
      victims = victimsOf(lede, furnitureSpans)
      clocks = clocksOf(lede, furnitureSpans)
      ages = agesOf(lede, furnitureSpans)
    }
    for (const date of dates) {
      if (
        date.span.start >= end ||
        inSpans(furnitureSpans, date.span.start) ||
        !date.value ||
        !ISO_DAY.test(date.value)
      )
        continue
      const day = dayOf(date.value)
      if (day !== null) days.add(day)
    }
    for (const q of quantities) {
      if (
        q.span.start < end &&
        !inSpans(furnitureSpans, q.span.start) &&
        q.best !== null &&
        COUNT_ROLES.has(q.role)
      )
        counts.add(`${q.role}:${q.best}`)
    }
    if (quantities.length > 0) figures = figuresOf(doc, end, furnitureSpans)
  }

  const speakers = new Set<string>()
  for (const quote of doc.quotes ?? []) {
    const speaker = quote.speaker
    if (speaker) speakers.add(speaker.entity ?? speaker.text.toLowerCase().replace(/^the\s+/, ''))
  }
  const ranked = [...persons].sort((a, b) => b[1] - a[1])
  const weekday = ledeWeekday(doc)

  return {
    terms,
    names: [...new Set(occurrences)],
    years: [...years],
    places: [...places],
    placeNames,
    events,
    day: dayOf(doc.meta.published),
    days: [...days],
    persons: ranked,
    subjects: ranked
      .filter(([person]) => !speakers.has(person))
      .slice(0, 2)
      .map(([person]) => person),
    weekday,
    counts: [...counts],
    streets,
    victims,
    figures,
    clocks,
    addresses,
    ages,
    words,
    segments,
  }
}
