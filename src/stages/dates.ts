/**
 * The dates stage: temporal expressions (TimeML DATE, TIME, DURATION, SET) found on tokens by a
 * small hand-written grammar and resolved against the publication date.
 *
 * Conventions, following TimeML / TempEval-3 so the layer can be scored against TimeBank:
 * - Extents: prepositions stay outside ("on Feb. 7" → "Feb. 7"); determiners of period names stay
 *   inside ("the third quarter", "the 1990s", "the past two months"); approximators that TimeBank
 *   keeps ("nearly", "more than") stay inside a duration; a possessive 's stays outside.
 * - Values: ISO dates (`2024-02-07`), months, ISO weeks (`2024-W05`), quarters (`2024-Q3`), halves
 *   (`2024-H1`), seasons (`2024-SU`), decades (`199`), centuries (`19`), weekends (`2024-W05-WE`),
 *   times with parts of day (`2024-02-06TNI`) or clock (`2024-02-08T15:00`, `Z` for UTC), durations
 *   (`P3Y`, `PXM` for "months"), sets (`P1W`, `XXXX-WXX-4`), and PRESENT_REF / PAST_REF / FUTURE_REF.
 * - News looks back: a date named without its year ("Jan. 28", "Wednesday", "April") is the latest
 *   one on or before publication (the same weekday is the publication day itself), unless its
 *   clause looks ahead ("will", "scheduled") or the coming one is much nearer (a "Dec. 15" deadline
 *   in an October article).
 * - Narrative dates ("the next day", "two days later", "a year earlier") count from the date under
 *   discussion, the last one named within two sentences; "ago" counts from publication.
 * - Without a publication date, relative expressions get `value: null` and an info message; they are
 *   never guessed.
 */
import lexicon from '../data/dates.json' with { type: 'json' }
import type { DateMention, Token } from '../model/types.ts'
import type { Stage, StageContext } from '../pipeline/stage.ts'

/** Options of the {@link dates} stage. */
export interface DatesOptions {
  /**
   * Publication date to resolve against when `doc.meta.published` is absent (ISO `YYYY-MM-DD`).
   * Leave unset in production: without a known date, relative expressions stay unresolved.
   */
  fallbackPublished?: string
}

type Precision = DateMention['precision']
type TimexType = DateMention['type']

/** A calendar day as a count of days since 1970-01-01 (UTC); plain integers keep date arithmetic exact and fast. */
type Day = number

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic

const MS_PER_DAY = 86_400_000

const toDay = (y: number, m: number, d: number): Day => {
  const ms = Date.UTC(y, m - 1, d)
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps small years literal.
  if (y >= 0 && y < 100) {
    const date = new Date(ms)
    date.setUTCFullYear(y)
    return Math.round(date.getTime() / MS_PER_DAY)
  }
  return Math.round(ms / MS_PER_DAY)
}

const fromDay = (day: Day): { y: number; m: number; d: number } => {
  const date = new Date(day * MS_PER_DAY)
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() }
}

/** ISO weekday, 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
const weekdayOf = (day: Day): number => ((((day + 3) % 7) + 7) % 7) + 1

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

const isoDay = (day: Day): string => {
  const { y, m, d } = fromDay(day)
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

/** ISO 8601 week of a day: the week-year is the year of that week's Thursday. */
const isoWeek = (day: Day): { year: number; week: number } => {
  const thursday = day - weekdayOf(day) + 4
  const year = fromDay(thursday).y
  return { year, week: Math.floor((thursday - toDay(year, 1, 1)) / 7) + 1 }
}

// ---------------------------------------------------------------------------------------------
// Periods: a resolved value with the inclusive range of days it covers

/** A resolved date expression: its ISO value, precision and the days it covers. */
interface Period {
  value: string
  precision: Precision
  from: Day
  to: Day
}

const dayPeriod = (day: Day): Period => ({ value: isoDay(day), precision: 'day', from: day, to: day })

const monthPeriod = (y: number, m: number): Period => ({
  value: `${pad(y, 4)}-${pad(m)}`,
  precision: 'month',
  from: toDay(y, m, 1),
  to: toDay(y, m, daysInMonth(y, m)),
})

const yearPeriod = (y: number): Period => ({
  value: pad(y, 4),
  precision: 'year',
  from: toDay(y, 1, 1),
  to: toDay(y, 12, 31),
})

const weekPeriod = (day: Day): Period => {
  const monday = day - weekdayOf(day) + 1
  const { year, week } = isoWeek(day)
  return { value: `${pad(year, 4)}-W${pad(week)}`, precision: 'week', from: monday, to: monday + 6 }
}

const weekendPeriod = (day: Day): Period => {
  const monday = day - weekdayOf(day) + 1
  const { year, week } = isoWeek(day)
  return { value: `${pad(year, 4)}-W${pad(week)}-WE`, precision: 'week', from: monday + 5, to: monday + 6 }
}

const quarterPeriod = (y: number, q: number): Period => ({
  value: `${pad(y, 4)}-Q${q}`,
  precision: 'quarter',
  from: toDay(y, q * 3 - 2, 1),
  to: toDay(y, q * 3, daysInMonth(y, q * 3)),
})

const halfPeriod = (y: number, h: number): Period => ({
  value: `${pad(y, 4)}-H${h}`,
  precision: 'quarter',
  from: toDay(y, h * 6 - 5, 1),
  to: toDay(y, h * 6, daysInMonth(y, h * 6)),
})

/** Meteorological seasons (northern hemisphere): spring = Mar–May, …, winter = Dec of the year before–Feb. */
const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 }

const seasonPeriod = (y: number, code: string): Period => {
  const startMonth = SEASON_START[code]
  // TimeML writes the winter that starts in December 2023 as 2023-WI.
  const endY = code === 'WI' ? y + 1 : y
  const endM = code === 'WI' ? 2 : startMonth + 2
  return {
    value: `${pad(y, 4)}-${code}`,
    precision: 'season',
    from: toDay(y, startMonth, 1),
    to: toDay(endY, endM, daysInMonth(endY, endM)),
  }
}

const seasonOf = (day: Day): { y: number; code: string } => {
  const { y, m } = fromDay(day)
  if (m <= 2) return { y: y - 1, code: 'WI' }
  if (m === 12) return { y, code: 'WI' }
  return { y, code: m <= 5 ? 'SP' : m <= 8 ? 'SU' : 'FA' }
}

const decadePeriod = (decade: number): Period => ({
  value: String(decade).slice(0, -1).padStart(3, '0'),
  precision: 'decade',
  from: toDay(decade, 1, 1),
  to: toDay(decade + 9, 12, 31),
})

const centuryPeriod = (n: number): Period => ({
  value: pad(n - 1),
  precision: 'century',
  from: toDay((n - 1) * 100, 1, 1),
  to: toDay((n - 1) * 100 + 99, 12, 31),
})

/** The same period moved by whole years (quarters, halves, months, seasons). */
const shiftYear = (period: Period, years: number): Period => {
  if (years === 0) return period
  const y = Number(period.value.slice(0, 4)) + years
  const rest = period.value.slice(4)
  const q = /^-Q(\d)$/.exec(rest)
  if (q) return quarterPeriod(y, Number(q[1]))
  const h = /^-H(\d)$/.exec(rest)
  if (h) return halfPeriod(y, Number(h[1]))
  const m = /^-(\d\d)$/.exec(rest)
  if (m) return monthPeriod(y, Number(m[1]))
  const s = /^-(SP|SU|FA|WI)$/.exec(rest)
  if (s) return seasonPeriod(y, s[1])
  return rest === '' ? yearPeriod(y) : period
}

/** Narrows a period to its early, middle or late part. For months this is days 1–10, 11–20 and 21–end. */
const narrow = (
  period: Period,
  part: 'early' | 'mid' | 'late' | 'before' | 'after',
  anchor?: Day,
): Period => {
  const { from, to } = period
  if (part === 'before') return { ...period, to: Math.max(from, Math.min(to, (anchor ?? to + 1) - 1)) }
  if (part === 'after') return { ...period, from: Math.min(to, Math.max(from, (anchor ?? from - 1) + 1)) }
  if (period.precision === 'month') {
    const start = fromDay(from)
    if (part === 'early') return { ...period, to: toDay(start.y, start.m, 10) }
    if (part === 'mid')
      return { ...period, from: toDay(start.y, start.m, 11), to: toDay(start.y, start.m, 20) }
    return { ...period, from: toDay(start.y, start.m, 21) }
  }
  if (period.precision === 'decade' || period.precision === 'century') {
    // A decade's early, middle and late years: 0–3, 4–6, 7–9 (a century's in tens of years).
    const { y } = fromDay(from)
    const step = period.precision === 'decade' ? 1 : 10
    if (part === 'early') return { ...period, to: toDay(y + 4 * step - 1, 12, 31) }
    if (part === 'mid')
      return { ...period, from: toDay(y + 4 * step, 1, 1), to: toDay(y + 7 * step - 1, 12, 31) }
    return { ...period, from: toDay(y + 7 * step, 1, 1) }
  }
  if (period.precision === 'year') {
    // A year's thirds by month: January–April, May–August, September–December.
    const { y } = fromDay(from)
    if (part === 'early') return { ...period, to: toDay(y, 4, 30) }
    if (part === 'mid') return { ...period, from: toDay(y, 5, 1), to: toDay(y, 8, 31) }
    return { ...period, from: toDay(y, 9, 1) }
  }
  // A period of a day or two ("early last weekend") has no thirds to keep.
  if (to - from + 1 < 3) return period
  const third = Math.floor((to - from + 1) / 3)
  if (part === 'early') return { ...period, to: from + third - 1 }
  if (part === 'mid') return { ...period, from: from + third, to: to - third }
  return { ...period, from: to - third + 1 }
}

/** The period of the given unit that contains `day`, moved by `offset` units. */
const unitPeriod = (unit: string, day: Day, offset: number): Period | null => {
  const { y, m } = fromDay(day)
  switch (unit) {
    case 'D':
      return dayPeriod(day + offset)
    case 'W':
      return weekPeriod(day + offset * 7)
    case 'WE':
      return weekendPeriod(day + offset * 7)
    case 'M': {
      const index = y * 12 + (m - 1) + offset
      return monthPeriod(Math.floor(index / 12), (index % 12) + 1)
    }
    case 'Q': {
      const index = y * 4 + Math.floor((m - 1) / 3) + offset
      return quarterPeriod(Math.floor(index / 4), (index % 4) + 1)
    }
    case 'Y':
      return yearPeriod(y + offset)
    case 'DE':
      return decadePeriod(Math.floor(y / 10) * 10 + offset * 10)
    case 'CE':
      return centuryPeriod(Math.floor(y / 100) + 1 + offset)
    default:
      return null
  }
}

// ---------------------------------------------------------------------------------------------
// Lexicon

const MONTHS = new Map<string, number>(Object.entries(lexicon.months))
const MONTHS_NEEDING_CAPITAL = new Set(lexicon.monthsNeedingCapital)
const WEEKDAYS = new Map<string, number>(Object.entries(lexicon.weekdays))
const SEASONS = new Map<string, string>(Object.entries(lexicon.seasons))
const PARTS_OF_DAY = new Map<string, string>(Object.entries(lexicon.partsOfDay))
const NUMBERS = new Map<string, number>(Object.entries(lexicon.numbers))
const VAGUE_NUMBERS = lexicon.vagueNumbers.map((v) => v.split(' '))
const ORDINALS = new Map<string, number>(Object.entries(lexicon.ordinals))
const UNITS = new Map<string, [string, boolean]>(
  Object.entries(lexicon.units).map(([k, v]) => [k, [v[0] as string, v[1] as boolean]]),
)
const DEICTIC = new Map<string, { days: number; part?: string }>(Object.entries(lexicon.deictic))
const REFS = new Map<string, string>(Object.entries(lexicon.refs))
const REFS_NEEDING_THE = new Set(lexicon.refsNeedingThe)
const SETS = new Map<string, string>(Object.entries(lexicon.sets))
const APPROXIMATORS = lexicon.approximators.map((a) => a.split(' '))
const FUTURE_CUES = new Set(lexicon.futureCues)
const PAST_BREAKERS = new Set(lexicon.pastBreakers)
const TIMEZONES = new Set(lexicon.timezones)
const NAMED_DAYS = new Set(lexicon.namedDays)
const WEEKDAY_NAMES = lexicon.weekdayNames.map((w) => w.split(' '))
const NUMBER_NOUNS = new Set(lexicon.numberNouns)
const STREET_WORDS = new Set(lexicon.streetWords)
/** Holiday names as token sequences ("new year 's day", since the tokenizer splits the possessive). */
const HOLIDAYS: [string[], string][] = Object.entries(lexicon.holidays).map(([name, rule]) => [
  name.replace(/'s\b/g, " 's").split(/\s+/),
  rule,
])

/** Western Easter Sunday of a year (the anonymous Gregorian computus). */
const easter = (y: number): Day => {
  const a = y % 19
  const b = Math.floor(y / 100)
  const c = y % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return toDay(y, month, day)
}

/** The day a holiday rule falls on in a year. */
const holidayDay = (rule: string, y: number): Day => {
  if (rule === 'easter') return easter(y)
  if (rule === 'easter-monday') return easter(y) + 1
  if (rule === 'good-friday') return easter(y) - 2
  if (rule === 'thanksgiving-us') {
    const first = toDay(y, 11, 1)
    return first + ((4 - weekdayOf(first) + 7) % 7) + 21
  }
  const [m, d] = rule.split('-').map(Number)
  return toDay(y, m, d)
}

/** TimeML duration letters: calendar units by ISO letter, with decades and centuries in years. */
const durationValue = (n: number | 'X', unit: string, isTime: boolean): string => {
  if (n === 'X') {
    const letter =
      unit === 'DE' ? 'DE' : unit === 'CE' ? 'CE' : unit === '2W' ? 'W' : unit === 'WE' ? 'WE' : unit
    return isTime ? `PTX${letter}` : `PX${letter}`
  }
  let count = n
  let letter = unit
  if (unit === 'DE') {
    count = n * 10
    letter = 'Y'
  } else if (unit === 'CE') {
    count = n * 100
    letter = 'Y'
  } else if (unit === '2W') {
    count = n * 2
    letter = 'W'
  } else if (unit === 'WE') {
    count = n * 2
    letter = 'D'
  }
  if (!Number.isInteger(count)) {
    // Fractions in the next smaller unit, as TimeML writes them: "2 1/2 years" → P2Y6M,
    // "5 1/2 hours" → PT5H30M, "half an hour" → PT30M.
    const smaller: Record<string, [number, string, boolean]> = {
      Y: [12, 'M', false],
      M: [30, 'D', false],
      W: [7, 'D', false],
      D: [24, 'H', true],
      H: [60, 'M', true],
      M_TIME: [60, 'S', true],
    }
    const step = smaller[isTime && letter === 'M' ? 'M_TIME' : letter]
    if (step) {
      const whole = Math.floor(count)
      const rest = Math.round((count - whole) * step[0])
      const head = whole > 0 ? `${whole}${letter}` : ''
      const timeRest = step[2] && !isTime
      if (isTime) return `PT${head}${rest}${step[1]}`
      return timeRest ? `P${head}T${rest}${step[1]}` : `P${head}${rest}${step[1]}`
    }
  }
  return isTime ? `PT${count}${letter}` : `P${count}${letter}`
}

// ---------------------------------------------------------------------------------------------
// The matcher

/** One expression found: token range, TimeML type and resolved value. */
interface Hit {
  /** First token index. */
  start: number
  /** Token index after the last token. */
  end: number
  type: TimexType
  value: string | null
  precision: Precision
  range?: { from: Day; to: Day }
  relative: boolean
  /** The resolved period behind a DATE or TIME, kept as an anchor for later expressions ("the next day"). */
  period?: Period
}

/** How fine each precision is, to tell whether an anchor can be shifted by a unit. */
const FINENESS: Partial<Record<Precision, number>> = {
  day: 0,
  time: 0,
  week: 1,
  month: 2,
  quarter: 3,
  season: 3,
  year: 4,
}
const UNIT_FINENESS: Record<string, number> = { D: 0, W: 1, M: 2, Q: 3, Y: 4 }

/** What a date core resolves to before modifiers apply: a period, or null when it needs a publication date we lack. */
interface Core {
  end: number
  period: Period | null
  relative: boolean
  /** True when a leading "the" belongs to the expression ("the third quarter", "the 1990s"). */
  takesThe: boolean
  /** A part of day ("night") that makes the expression a TIME. */
  part?: string
  /** A clock time "T15:00" that makes the expression a TIME. */
  clock?: string
}

const DIGITS = /^\d+$/
const ORDINAL_DIGITS = /^(\d{1,2})(?:st|nd|rd|th)$/
const YEAR_RUN = /^(\d{4})[-‐](\d{2}|\d{4})$/
const DAY_RUN = /^(\d{1,2})[-–](\d{1,2})$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DECADE_DIGITS = /^(\d{3})0s$/
const SHORT_DECADE = /^(\d)0s$/
const NUMBER_UNIT =
  /^(\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)-(second|minute|hour|day|week|month|year|decade|century)$/
const ORDINAL_QUARTER = /^(first|second|third|fourth|1st|2nd|3rd|4th)-(quarter|half)$/
const Q_TOKEN = /^q([1-4])$/

/** Scans one document's tokens for temporal expressions. */
class Matcher {
  readonly text: string
  readonly tokens: readonly Token[]
  readonly dct: Day | null
  /** Token index bounds of the current sentence. */
  lo = 0
  hi = 0

  constructor(text: string, tokens: readonly Token[], dct: Day | null) {
    this.text = text
    this.tokens = tokens
    this.dct = dct
  }

  norm(i: number): string {
    return i >= this.lo && i < this.hi ? this.tokens[i].norm : ''
  }

  /** True when token i starts with a capital letter. */
  capital(i: number): boolean {
    if (i < this.lo || i >= this.hi) return false
    const c = this.text.charCodeAt(this.tokens[i].span.start)
    return c >= 65 && c <= 90
  }

  /** True when tokens i and j touch (no whitespace between). */
  joined(i: number, j: number): boolean {
    return i >= this.lo && j < this.hi && this.tokens[i].span.end === this.tokens[j].span.start
  }

  /** Matches a run of words at i; returns the index after them or -1. */
  words(i: number, run: readonly string[]): number {
    for (let k = 0; k < run.length; k++) if (this.norm(i + k) !== run[k]) return -1
    return i + run.length
  }

  /** The longest of several word runs at i; returns the index after it or -1. */
  anyWords(i: number, runs: readonly (readonly string[])[]): number {
    let best = -1
    for (const run of runs) best = Math.max(best, this.words(i, run))
    return best
  }

  /** A month token at i: needs a capital for words that are also ordinary English ("may", "march"). */
  month(i: number): number {
    const n = this.norm(i)
    const m = MONTHS.get(n)
    if (m === undefined) return 0
    const bare = n.endsWith('.') ? n.slice(0, -1) : n
    if (MONTHS_NEEDING_CAPITAL.has(bare) && !this.capital(i)) return 0
    // A bare three-letter abbreviation ("Jan", "Dec") is also a name: only a month before a day or a year.
    if (n.length === 3 && n !== 'may' && !this.dayOfMonth(i + 1) && !this.year(i + 1, true)) return 0
    return m
  }

  /** A day of the month at i: "7", "07", "7th". */
  dayOfMonth(i: number): number {
    const n = this.norm(i)
    const ord = ORDINAL_DIGITS.exec(n)
    const v = ord ? Number(ord[1]) : DIGITS.test(n) && n.length <= 2 ? Number(n) : 0
    return v >= 1 && v <= 31 ? v : 0
  }

  /** A four-digit year at i (1000–2199), not a count or an amount; `afterName` when a month or period name precedes it. */
  year(i: number, afterName = false): number {
    const n = this.norm(i)
    if (n.length !== 4 || !DIGITS.test(n)) return 0
    const v = Number(n)
    if (v < 1000 || v > 2199) return 0
    const prev = this.norm(i - 1)
    if (prev === '$' || prev === '£' || prev === '€' || prev === '#' || NUMBER_NOUNS.has(prev)) return 0
    const next = this.norm(i + 1)
    if (next === '%' || next === 'percent' || next === 'per' || (next === ':' && this.joined(i, i + 1)))
      return 0
    if (
      (next === ',' || next === '.') &&
      this.joined(i, i + 1) &&
      DIGITS.test(this.norm(i + 2)) &&
      this.joined(i + 1, i + 2)
    )
      return 0
    // "2000 troops": a lower-case plural noun straight after is what the number counts, unless a
    // determiner shows the year is a modifier ("the 1992 protests").
    // "2000 years" counts; "the 1988 second quarter" does not ("second" is also an ordinal)
    if ((UNITS.has(next) && !ORDINALS.has(next)) || (TIMEZONES.has(next) && this.capital(i + 1))) return 0
    const plural = /^[a-z]+s$/.test(next) && !NOT_COUNTED.has(next) && this.tokens[i + 1]?.kind === 'word'
    // After a month or period name ("November 2015 shows") the number can only be a year.
    if (plural && prev !== 'the' && prev !== "'s" && !afterName) return 0
    if (this.streetAfter(i)) return 0
    return v
  }

  /** True when an address follows token i: "the 1400 block", "1722 Thurgood Street", "March Street". */
  streetAfter(i: number): boolean {
    if (STREET_WORDS.has(this.norm(i + 1)) && (this.norm(i + 1) === 'block' || this.capital(i + 1)))
      return true
    // A house number: one or two capitalised words, then a street word
    for (let k = i + 1; k <= i + 3 && k < this.hi; k++) {
      if (!this.capital(k)) return false
      if (STREET_WORDS.has(this.norm(k + 1)) && this.capital(k + 1)) return true
    }
    return false
  }

  /** A two-digit year with an apostrophe ("'98") at i; returns [year, end]. */
  shortYear(i: number): [number, number] {
    const n = this.norm(i)
    if (n === "'" && this.joined(i, i + 1)) {
      const d = this.norm(i + 1)
      if (d.length === 2 && DIGITS.test(d)) {
        const v = Number(d)
        return [v < 30 ? 2000 + v : 1900 + v, i + 2]
      }
    }
    return [0, i]
  }

  /** A count at i: digits, number words, "twenty-five", or a vague quantifier (X). */
  count(i: number): [number | 'X', number] | null {
    const n = this.norm(i)
    if (DIGITS.test(n) || /^\d+\.\d+$/.test(n)) {
      // A year is not a count ("the 1988 quarter").
      if (n.length === 4 && this.year(i)) return null
      // "2 1/2 years"
      if (
        this.norm(i + 1) === '1' &&
        this.norm(i + 2) === '/' &&
        this.norm(i + 3) === '2' &&
        this.joined(i + 1, i + 2)
      ) {
        return [Number(n) + 0.5, i + 4]
      }
      return [Number(n), i + 1]
    }
    const couple = this.anyWords(i, [
      ['a', 'couple', 'of'],
      ['couple', 'of'],
    ])
    if (couple > 0) return [2, couple]
    const vague = this.anyWords(i, VAGUE_NUMBERS)
    if (vague > 0) return ['X', vague]
    if (n === 'a' || n === 'an') {
      // "a half", "a dozen"
      const next = this.norm(i + 1)
      if (next === 'dozen') return [12, i + 2]
      return [1, i + 1]
    }
    const word = NUMBERS.get(n)
    if (word !== undefined) {
      // "twenty five", "one hundred"
      const next = NUMBERS.get(this.norm(i + 1))
      if (word >= 20 && word % 10 === 0 && next !== undefined && next < 10 && next >= 1)
        return [word + next, i + 2]
      if (next === 100) return [word * 100, i + 2]
      return [word, i + 1]
    }
    const parts = n.split('-')
    if (parts.length === 2) {
      const tens = NUMBERS.get(parts[0])
      const ones = NUMBERS.get(parts[1])
      if (tens !== undefined && ones !== undefined && tens >= 20 && ones < 10) return [tens + ones, i + 1]
    }
    return null
  }

  /** Which way a bare weekday or month points: forward when a future cue heads its clause. */
  future(i: number): boolean {
    for (let k = i - 1; k >= Math.max(this.lo, i - 8); k--) {
      const n = this.tokens[k].norm
      if (PAST_BREAKERS.has(n)) return false
      // A capital inside the sentence makes "Will" or "May" a name, not a modal.
      if (FUTURE_CUES.has(n) && (k === this.lo || !this.capital(k))) return true
    }
    return false
  }

  // ---- date cores -----------------------------------------------------------------------------

  /** A calendar date with an explicit month: "Jan. 28", "January 28, 2024", "7 February 2024", "January 2024", "January". */
  calendar(i: number, looseMonth: boolean): Core | null {
    const n = this.norm(i)
    const iso = ISO_DATE.exec(n)
    if (iso) {
      const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) {
        return { end: i + 1, period: dayPeriod(toDay(y, m, d)), relative: false, takesThe: false }
      }
    }
    // 12/05/1998 (US order, as in American wire copy; 13/02/2024 can only be day first)
    if (DIGITS.test(n) && this.norm(i + 1) === '/' && this.joined(i, i + 1) && this.joined(i + 1, i + 2)) {
      const first = Number(n)
      const second = Number(this.norm(i + 2))
      const dayFirst = first > 12 && second <= 12
      const m = dayFirst ? second : first
      const d = dayFirst ? first : second
      const yText = this.norm(i + 4)
      if (
        this.norm(i + 3) === '/' &&
        this.joined(i + 2, i + 3) &&
        this.joined(i + 3, i + 4) &&
        DIGITS.test(yText)
      ) {
        const y = yText.length === 2 ? (Number(yText) < 30 ? 2000 : 1900) + Number(yText) : Number(yText)
        if (
          m >= 1 &&
          m <= 12 &&
          d >= 1 &&
          d <= daysInMonth(y, m) &&
          (yText.length === 2 || yText.length === 4)
        ) {
          return { end: i + 5, period: dayPeriod(toDay(y, m, d)), relative: false, takesThe: false }
        }
      }
    }
    // Day first: "7 February 2024", "7th of February", "the 7th of February"
    const dayFirst = this.dayOfMonth(i)
    if (dayFirst) {
      let j = i + 1
      if (this.norm(j) === 'of') j++
      const m = this.month(j)
      if (m) return this.finishMonthDay(i, j + 1, m, dayFirst)
      return null
    }
    const m = this.month(i)
    if (!m) return null
    let j = i + 1
    // "Jan 28" "Jan. 28th" "January 28, 2024"
    const d = this.dayOfMonth(j)
    // ... but not the hour of "April 6:30" or a decimal.
    const clockAfter =
      (this.norm(j + 1) === ':' || this.norm(j + 1) === '.') &&
      this.joined(j, j + 1) &&
      DIGITS.test(this.norm(j + 2))
    if (d && !clockAfter) {
      return this.finishMonthDay(i, j + 1, m, d)
    }
    // "Feb. 7-8": a run of days, valued as its first day with the run as its range
    const run = DAY_RUN.exec(this.norm(j))
    if (run && Number(run[1]) >= 1 && Number(run[2]) > Number(run[1]) && Number(run[2]) <= 31) {
      const first = this.finishMonthDay(i, j + 1, m, Number(run[1]))
      if (first?.period) {
        const to = first.period.from + Number(run[2]) - Number(run[1])
        return { ...first, period: { ...first.period, to } }
      }
      return first
    }
    // "January 2024", "January of 2024", "Jan. '98"
    if (this.norm(j) === ',' || this.norm(j) === 'of') j++
    const y = this.year(j, true)
    if (y) return { end: j + 1, period: monthPeriod(y, m), relative: false, takesThe: false }
    const [sy, se] = this.shortYear(j)
    if (sy) return { end: se, period: monthPeriod(sy, m), relative: false, takesThe: false }
    // "from January to November 2014", "between March and May 2020": the year closes the range
    const joiner = this.norm(j)
    if (
      joiner === 'to' ||
      joiner === 'through' ||
      joiner === 'and' ||
      joiner === 'until' ||
      joiner === '-' ||
      joiner === '–'
    ) {
      const second = this.month(j + 1)
      if (second && second >= m) {
        let k = j + 2
        if (this.norm(k) === ',' || this.norm(k) === 'of') k++
        const closing = this.year(k, true)
        if (closing) return { end: i + 1, period: monthPeriod(closing, m), relative: false, takesThe: false }
      }
    }
    // "January this year", "June last year"
    const ref = this.yearRef(i + 1)
    if (ref && this.norm(i + 1) !== 'of' && this.norm(i + 1) !== ',') {
      return {
        end: ref.end,
        period: ref.year === null ? null : monthPeriod(ref.year, m),
        relative: true,
        takesThe: false,
      }
    }
    // A month alone. Words that are also names or verbs need a preposition or modifier before them.
    const bare = this.norm(i).replace(/\.$/, '')
    if (!looseMonth && MONTHS_NEEDING_CAPITAL.has(bare) && !MONTH_LEADERS.has(this.norm(i - 1))) return null
    if (!this.capital(i) || this.streetAfter(i)) return null
    return { end: i + 1, period: this.nearMonth(m, i), relative: true, takesThe: false }
  }

  finishMonthDay(start: number, j: number, m: number, d: number): Core | null {
    let k = j
    if (this.norm(k) === ',') k++
    const y = this.year(k, true)
    if (y && d <= daysInMonth(y, m))
      return { end: k + 1, period: dayPeriod(toDay(y, m, d)), relative: false, takesThe: false }
    if (d > daysInMonth(2000, m)) return null
    if (this.dct === null) return { end: j, period: null, relative: true, takesThe: false }
    const { y: dy } = fromDay(this.dct)
    let past = toDay(dy, m, Math.min(d, daysInMonth(dy, m)))
    if (past > this.dct) past = toDay(dy - 1, m, Math.min(d, daysInMonth(dy - 1, m)))
    let next = toDay(dy, m, Math.min(d, daysInMonth(dy, m)))
    if (next < this.dct) next = toDay(dy + 1, m, Math.min(d, daysInMonth(dy + 1, m)))
    const day = this.preferFuture(start, next - this.dct, this.dct - past) ? next : past
    return { end: j, period: dayPeriod(day), relative: true, takesThe: false }
  }

  nearMonth(m: number, at: number): Period | null {
    if (this.dct === null) return null
    const { y, m: dm } = fromDay(this.dct)
    if (m === dm) return monthPeriod(y, m)
    const ahead = (m - dm + 12) % 12
    // A bare month leans further to the past than a day does: only a month at most three ahead of
    // publication (against nine or more behind) is read as the coming one without a future cue.
    const future = this.preferFuture(at, ahead * 1.5, 12 - ahead)
    return monthPeriod(future ? (m > dm ? y : y + 1) : m < dm ? y : y - 1, m)
  }

  /**
   * Whether a date named without its year lies ahead of publication. News mostly looks back, so the
   * past reading wins unless the clause is in the future or the coming date is much nearer (a
   * "Dec. 15" deadline in an October article).
   */
  preferFuture(at: number, ahead: number, behind: number): boolean {
    if (ahead === 0) return false
    // Measured on TimeBank and MEANTIME: the nearness rule is worth 2–3 points of value accuracy;
    // blocking it in past-tense clauses cost more than it saved.
    return this.future(at) || ahead * 2 <= behind
  }

  nearWeekday(wd: number, direction: 'past' | 'future' | 'last' | 'next' | 'this'): Period | null {
    if (this.dct === null) return null
    const today = weekdayOf(this.dct)
    let diff = wd - today
    if (direction === 'past' || direction === 'last') {
      if (diff > 0 || (diff === 0 && direction === 'last')) diff -= 7
    } else if (direction === 'future' || direction === 'next') {
      if (diff < 0 || (diff === 0 && direction === 'next')) diff += 7
    }
    return dayPeriod(this.dct + diff)
  }

  /** A year, decade, century, season, quarter or half: "2023", "the 1990s", "fiscal 1990", "the third quarter of 2023". */
  period(i: number): Core | null {
    const n = this.norm(i)
    // fiscal 1990, fiscal '98
    if (n === 'fiscal') {
      const y = this.year(i + 1, true)
      if (y) return { end: i + 2, period: yearPeriod(y), relative: false, takesThe: true }
      const q = this.period(i + 1)
      if (q && q.period?.precision === 'quarter') return { ...q, takesThe: true }
      return null
    }
    const decade = DECADE_DIGITS.exec(n)
    if (decade)
      return { end: i + 1, period: decadePeriod(Number(decade[1]) * 10), relative: false, takesThe: true }
    if (n === "'" && this.joined(i, i + 1)) {
      const short = SHORT_DECADE.exec(this.norm(i + 1))
      if (short) {
        // "the '90s": the most recent such decade before publication, or the 1900s without one.
        const d = Number(short[1]) * 10
        const base = this.dct === null ? 1900 : Math.floor(fromDay(this.dct).y / 100) * 100
        const decadeYear =
          base + d > (this.dct === null ? 9999 : fromDay(this.dct).y) ? base - 100 + d : base + d
        return { end: i + 2, period: decadePeriod(decadeYear), relative: this.dct !== null, takesThe: true }
      }
    }
    // "in '82": a clipped year after a preposition
    if (n === "'" && MONTH_LEADERS.has(this.norm(i - 1))) {
      const [sy, se] = this.shortYear(i)
      if (sy) return { end: se, period: yearPeriod(sy), relative: false, takesThe: false }
    }
    // the 20th century, the twentieth century
    const ord = ORDINAL_DIGITS.exec(n)
    const centuryN = ord ? Number(ord[1]) : ORDINAL_WORDS_CENTURY.get(n)
    if (centuryN && this.norm(i + 1) === 'century') {
      return { end: i + 2, period: centuryPeriod(centuryN), relative: false, takesThe: true }
    }
    // "2014-2016", "2014–16": a run of years, valued as its first with the run as its range
    const yearRun = YEAR_RUN.exec(n)
    if (yearRun && this.norm(i - 1) !== '$') {
      const first = Number(yearRun[1])
      const last =
        yearRun[2].length === 2 ? Math.floor(first / 100) * 100 + Number(yearRun[2]) : Number(yearRun[2])
      if (first >= 1000 && first <= 2199 && last > first && last - first < 100) {
        return {
          end: i + 1,
          period: { ...yearPeriod(first), to: yearPeriod(last).to },
          relative: false,
          takesThe: false,
        }
      }
    }
    const y = this.year(i)
    const dash = this.norm(i + 1)
    if (y && (dash === '-' || dash === '–') && this.joined(i, i + 1) && this.joined(i + 1, i + 2)) {
      const tail = this.norm(i + 2)
      const last = /^\d{2}$/.test(tail)
        ? Math.floor(y / 100) * 100 + Number(tail)
        : /^\d{4}$/.test(tail)
          ? Number(tail)
          : 0
      if (last > y && last - y < 100) {
        return {
          end: i + 3,
          period: { ...yearPeriod(y), to: yearPeriod(last).to },
          relative: false,
          takesThe: false,
        }
      }
    }
    if (y) {
      // "the 1988 third quarter"
      const q = this.quarter(i + 1, 0)
      if (q?.period && !q.relative) return null
      if (q)
        return {
          end: q.end,
          period: q.period && this.dct !== null ? shiftYear(q.period, y - fromDay(q.period.from).y) : null,
          relative: false,
          takesThe: true,
        }
      // "the 1989 period": the year as the period reported on
      if (this.norm(i + 1) === 'period' && this.norm(i - 1) === 'the') {
        return { end: i + 2, period: yearPeriod(y), relative: false, takesThe: true }
      }
      // "2024" and "the year 2024"
      return { end: i + 1, period: yearPeriod(y), relative: false, takesThe: false }
    }
    // "the year-ago quarter", "year-earlier": the same period a year before
    if (n === 'year-ago' || n === 'year-earlier') {
      const q = this.quarter(i + 1, 1)
      if (q) return { ...q, takesThe: true }
      if (this.dct === null) return { end: i + 1, period: null, relative: true, takesThe: false }
      // "the year-earlier period": the period under discussion a year before
      const anchor = this.recentQuarter()
      const period = anchor ? shiftYear(anchor, -1) : yearPeriod(fromDay(this.dct).y - 1)
      const noun = this.norm(i + 1)
      const end = noun === 'period' || noun === 'quarter' ? i + 2 : i + 1
      return { end, period, relative: true, takesThe: end > i + 1 }
    }
    if (n === 'year' && this.year(i + 1, true)) {
      return { end: i + 2, period: yearPeriod(this.year(i + 1, true)), relative: false, takesThe: true }
    }
    // "the quarter", "the latest quarter": in business news the quarter just reported, or the one
    // containing the date after "ended" ("the quarter ended Sept. 30").
    if (
      (n === 'quarter' && this.norm(i - 1) === 'the') ||
      ((n === 'latest' || n === 'current') && this.norm(i + 1) === 'quarter' && this.norm(i - 1) === 'the')
    ) {
      const end = n === 'quarter' ? i + 1 : i + 2
      if (this.dct === null) return { end, period: null, relative: true, takesThe: true }
      const verb = this.norm(end)
      const ended = verb === 'ended' || verb === 'ending' ? this.calendar(end + 1, true) : null
      if (ended?.period?.precision === 'day') {
        return { end, period: unitPeriod('Q', ended.period.from, 0), relative: true, takesThe: true }
      }
      const back = n === 'current' ? 0 : 45
      return { end, period: unitPeriod('Q', this.dct - back, 0), relative: true, takesThe: true }
    }
    // "the weekend": the latest one, or the coming one in a future clause
    if (n === 'weekend' && this.norm(i - 1) === 'the') {
      if (this.dct === null) return { end: i + 1, period: null, relative: true, takesThe: true }
      const future = this.future(i - 1)
      const wd = weekdayOf(this.dct)
      const offset = future ? (wd === 7 ? 1 : 0) : wd >= 6 ? 0 : -1
      return { end: i + 1, period: unitPeriod('WE', this.dct, offset), relative: true, takesThe: true }
    }
    // seasons: "summer 2023", "the summer of 2023", "summer"
    const season = SEASONS.get(n)
    if (season) {
      let j = i + 1
      if (this.norm(j) === 'of' || this.norm(j) === ',') j++
      const sy = this.year(j, true)
      if (sy) return { end: j + 1, period: seasonPeriod(sy, season), relative: false, takesThe: true }
      // A season word alone is often a noun or verb ("the fall of the city", "prices fall"): it needs a
      // preposition before it ("in the fall", "during summer") and no "of" after it.
      const before = this.norm(i - 1) === 'the' ? this.norm(i - 2) : this.norm(i - 1)
      if (!SEASON_LEADERS.has(before) || this.norm(i + 1) === 'of') return null
      if (this.dct === null) return { end: i + 1, period: null, relative: true, takesThe: true }
      return { end: i + 1, period: this.nearSeason(season, this.future(i)), relative: true, takesThe: true }
    }
    // quarters and halves: "the third quarter", "third-quarter", "Q3 2023", "the first half of 2023"
    return this.quarter(i, 0)
  }

  /**
   * A quarter or half: "the third quarter", "third-quarter", "Q3 2023", "the first half of last year",
   * shifted back `shiftYears` years ("the year-ago third quarter").
   */
  quarter(i: number, shiftYears: number): Core | null {
    const n = this.norm(i)
    let q = 0
    let kind = ''
    let j = i
    const oq = ORDINAL_QUARTER.exec(n)
    const qt = Q_TOKEN.exec(n)
    if (oq) {
      q = ORDINALS.get(oq[1]) ?? 0
      kind = oq[2]
      j = i + 1
    } else if (qt && this.capital(i)) {
      q = Number(qt[1])
      kind = 'quarter'
      j = i + 1
    } else {
      // "the last half of 1989" is the second half
      const o = n === 'last' && this.norm(i + 1) === 'half' ? 2 : ORDINALS.get(n)
      let k = i + 1
      if (this.norm(k) === 'fiscal') k++
      const unit = this.norm(k)
      if (o && o > 0 && (unit === 'quarter' || unit === 'half')) {
        q = o
        kind = unit
        j = k + 1
      }
    }
    if (q && (kind === 'quarter' ? q <= 4 : q <= 2)) {
      // "third-quarter profit": the hyphenated adjective leaves "the" to the noun it modifies.
      const takesThe = !oq
      const make = kind === 'quarter' ? quarterPeriod : halfPeriod
      if (shiftYears === 0) {
        const ref = this.yearRef(j)
        if (ref)
          return {
            end: ref.end,
            period: ref.year === null ? null : make(ref.year, q),
            relative: ref.relative,
            takesThe,
          }
        // "the last half of the '80s": an "of" we cannot read; better nothing than the wrong year
        if (this.norm(j) === 'of') return null
      }
      // Without a year, the latest such quarter of the publication year or the year before, unless
      // the clause looks ahead (business reporting's convention: "the third quarter" is this year's).
      if (this.dct === null) return { end: j, period: null, relative: true, takesThe: true }
      const dy = fromDay(this.dct).y
      const current = make(dy, q)
      // Like a month without a year: the past one unless the coming one is much nearer.
      const span = kind === 'quarter' ? 4 : 2
      const nowIndex = Math.floor((fromDay(this.dct).m - 1) / (12 / span))
      const ahead = (q - 1 - nowIndex + span) % span
      const ahead_ = current.from > this.dct ? ahead : 0
      const year = (ahead_ > 0 && !this.preferFuture(i, ahead_, span - ahead_) ? dy - 1 : dy) - shiftYears
      return { end: j, period: make(year, q), relative: true, takesThe }
    }
    return null
  }

  /**
   * The year after a period name: "2023", "of 2023", "'98", "of last year", "this year". Returns
   * null when none follows.
   */
  yearRef(k: number): { year: number | null; end: number; relative: boolean } | null {
    let j = k
    if (this.norm(j) === 'of' || this.norm(j) === ',') j++
    const y = this.year(j, true)
    if (y) return { year: y, end: j + 1, relative: false }
    const [sy, se] = this.shortYear(j)
    if (sy) return { year: sy, end: se, relative: false }
    const which = this.norm(j)
    if ((which === 'this' || which === 'last' || which === 'next') && this.norm(j + 1) === 'year') {
      if (this.dct === null) return { year: null, end: j + 2, relative: true }
      const offset = which === 'last' ? -1 : which === 'next' ? 1 : 0
      return { year: fromDay(this.dct).y + offset, end: j + 2, relative: true }
    }
    return null
  }

  nearSeason(code: string, future: boolean): Period | null {
    if (this.dct === null) return null
    const now = seasonOf(this.dct)
    const order = ['SP', 'SU', 'FA', 'WI']
    const diff = order.indexOf(code) - order.indexOf(now.code)
    if (diff === 0) return seasonPeriod(now.y, code)
    if (future) return seasonPeriod(diff > 0 ? now.y : now.y + 1, code)
    return seasonPeriod(diff < 0 ? now.y : now.y - 1, code)
  }

  /** "last week", "this month", "next year", "last Friday", "this spring", "last November", "the past year" (duration). */
  relativeUnit(i: number): Core | null {
    const n = this.norm(i)
    // "that day", "that same week", "the same day": the period of the date under discussion
    const same =
      n === 'that'
        ? this.norm(i + 1) === 'same'
          ? i + 2
          : i + 1
        : n === 'same' && this.norm(i - 1) === 'the'
          ? i + 1
          : -1
    if (same > 0) {
      const word = this.norm(same)
      const code = UNITS.get(word)?.[0]
      if (!code || word.endsWith('s') || UNIT_FINENESS[code] === undefined) return null
      const from = this.anchor(code)
      if (!from) return null
      return { end: same + 1, period: unitPeriod(code, from.from, 0), relative: true, takesThe: n === 'same' }
    }
    let offset: number
    let j = i + 1
    if (n === 'last' || n === 'previous' || n === 'past') offset = -1
    else if (n === 'this' || n === 'current') {
      offset = 0
      if (this.norm(j) === 'past') {
        offset = -1
        j++
      }
    } else if (n === 'next' || n === 'coming') offset = 1
    else if (n === 'following') offset = 1
    else return null
    const word = this.norm(j)
    // "the next day", "the following week", "the previous month": narrative, from the date under discussion
    if (this.norm(i - 1) === 'the' && (n === 'next' || n === 'following' || n === 'previous')) {
      const code = UNITS.get(word)?.[0]
      if (!code || word.endsWith('s') || UNIT_FINENESS[code] === undefined) return null
      const from = this.anchor(code)
      if (!from) return null
      return { end: j + 1, period: unitPeriod(code, from.from, offset), relative: true, takesThe: true }
    }
    if (n === 'following') return null
    const unit = UNITS.get(word)
    if (unit && !unit[1] && !word.endsWith('s')) {
      const code = unit[0]
      if (code === '2W') return null
      // "next year's first quarter", "last year's fourth quarter"
      if (code === 'Y' && this.norm(j + 1) === "'s") {
        const q = this.quarter(j + 2, 0)
        if (q?.relative) {
          if (this.dct === null || !q.period)
            return { end: q.end, period: null, relative: true, takesThe: false }
          const target = fromDay(this.dct).y + offset
          return {
            end: q.end,
            period: shiftYear(q.period, target - fromDay(q.period.from).y),
            relative: true,
            takesThe: false,
          }
        }
      }
      if (this.dct === null) return { end: j + 1, period: null, relative: true, takesThe: false }
      return { end: j + 1, period: unitPeriod(code, this.dct, offset), relative: true, takesThe: false }
    }
    const wd = WEEKDAYS.get(word)
    if (wd) {
      const direction = offset < 0 ? 'last' : offset > 0 ? 'next' : this.future(i) ? 'future' : 'past'
      return { end: j + 1, period: this.nearWeekday(wd, direction), relative: true, takesThe: false }
    }
    const m = this.month(j)
    if (m && !this.dayOfMonth(j + 1)) {
      if (this.dct === null) return { end: j + 1, period: null, relative: true, takesThe: false }
      const { y, m: dm } = fromDay(this.dct)
      const year = offset < 0 ? (m < dm ? y : y - 1) : offset > 0 ? (m > dm ? y : y + 1) : y
      return { end: j + 1, period: monthPeriod(year, m), relative: true, takesThe: false }
    }
    const season = SEASONS.get(word)
    if (season) {
      if (this.dct === null) return { end: j + 1, period: null, relative: true, takesThe: false }
      const now = seasonOf(this.dct)
      const order = ['SP', 'SU', 'FA', 'WI']
      let index = now.y * 4 + order.indexOf(now.code)
      const target = order.indexOf(season)
      if (offset === 0) {
        // "this spring" is the publication year's spring; "this winter" in February is the current one.
        index = season === now.code ? now.y * 4 + target : fromDay(this.dct).y * 4 + target
      } else if (offset < 0) {
        index -= 1
        while (index % 4 !== target) index--
      } else {
        index += 1
        while (index % 4 !== target) index++
      }
      return {
        end: j + 1,
        period: seasonPeriod(Math.floor(index / 4), order[index % 4]),
        relative: true,
        takesThe: false,
      }
    }
    return null
  }

  /** today, yesterday, tomorrow, tonight, and parts of days ("yesterday morning", "last night", "this morning"). */
  deictic(i: number): Core | null {
    const n = this.norm(i)
    const d = DEICTIC.get(n)
    if (d) {
      const part = d.part ?? PARTS_OF_DAY.get(this.norm(i + 1))
      const end = d.part === undefined && part !== undefined ? i + 2 : i + 1
      const period = this.dct === null ? null : dayPeriod(this.dct + d.days)
      return { end, period, relative: true, takesThe: false, part }
    }
    const part = PARTS_OF_DAY.get(this.norm(i + 1))
    if (part && (n === 'this' || n === 'last')) {
      // "last night" is the night before publication; "this morning" is the publication day's.
      if (n === 'last' && part !== 'NI' && part !== 'EV') return null
      const period = this.dct === null ? null : dayPeriod(this.dct + (n === 'last' ? -1 : 0))
      return { end: i + 2, period, relative: true, takesThe: false, part }
    }
    return null
  }

  /** A weekday with an optional part of day or a following explicit date: "Wednesday", "Tuesday night", "Wednesday, Feb. 7". */
  weekday(i: number): Core | null {
    const n = this.norm(i)
    const wd = WEEKDAYS.get(n)
    if (!wd) return null
    // Abbreviations need their capital ("Sun." is rarely the star).
    if (n.endsWith('.') && !this.capital(i)) return null
    // "Black Friday", "Bloody Sunday", "the Sunday Times": names, not the latest such weekday
    if (NAMED_DAYS.has(this.norm(i - 1)) && this.capital(i - 1)) return null
    if (this.anyWords(i + 1, WEEKDAY_NAMES) > 0 && this.capital(i + 1)) return null
    let j = i + 1
    if (this.norm(j) === ',') j++
    const explicit = this.calendar(j, true)
    if (explicit && explicit.period?.precision === 'day' && (this.month(j) || this.dayOfMonth(j))) {
      return { ...explicit, end: explicit.end, takesThe: false }
    }
    // "Tuesday last week", "Friday of next week": that weekday in the named week
    let w = i + 1
    if (this.norm(w) === 'of') w++
    const which = this.norm(w)
    if ((which === 'last' || which === 'next' || which === 'this') && this.norm(w + 1) === 'week') {
      if (this.dct === null) return { end: w + 2, period: null, relative: true, takesThe: false }
      const offset = which === 'last' ? -1 : which === 'next' ? 1 : 0
      const monday = this.dct - weekdayOf(this.dct) + 1 + offset * 7
      return { end: w + 2, period: dayPeriod(monday + wd - 1), relative: true, takesThe: false }
    }
    // "Tuesday's shooting" names an event that has happened, whatever the clause says
    const possessive = this.norm(i + 1) === "'s"
    const period = this.nearWeekday(wd, this.future(i) && !possessive ? 'future' : 'past')
    const part = PARTS_OF_DAY.get(this.norm(i + 1))
    if (part) return { end: i + 2, period, relative: true, takesThe: false, part }
    return { end: i + 1, period, relative: true, takesThe: false }
  }

  /** A clock time: "3 p.m.", "10:35 a.m. EDT", "noon", "midnight", optionally followed by its day ("3 p.m. Tuesday"). */
  clock(i: number): Core | null {
    const n = this.norm(i)
    let hour = -1
    let minute = 0
    let zulu = ''
    let noMeridiem = false
    let j = i + 1
    const compact = /^(\d{1,2})([ap]m)$/.exec(n)
    const military = /^([01]\d|2[0-4])([0-5]\d)$/.exec(n)
    const decimal = /^(\d{1,2})\.(\d\d)$/.exec(n)
    if (military && TIMEZONES.has(this.norm(j)) && this.capital(j)) {
      // "0800 UTC", "1430 GMT": 24-hour clock times of wire and aviation copy
      hour = Number(military[1])
      minute = Number(military[2])
      if (this.norm(j) === 'utc' || this.norm(j) === 'gmt') zulu = 'Z'
      j++
    } else if (decimal && /^(?:[ap]m|[ap]\.m\.?)$/.test(this.norm(j))) {
      // "7.15am", "7.15 p.m." (British style)
      hour = Number(decimal[1])
      minute = Number(decimal[2])
      if (hour < 1 || hour > 12 || minute > 59) return null
      if (this.norm(j).startsWith('p') && hour < 12) hour += 12
      if (this.norm(j).startsWith('a') && hour === 12) hour = 0
      j++
    } else if (compact) {
      // "10am", "3pm"
      hour = Number(compact[1])
      if (hour < 1 || hour > 12) return null
      if (compact[2] === 'pm' && hour < 12) hour += 12
      if (compact[2] === 'am' && hour === 12) hour = 0
      if (TIMEZONES.has(this.norm(j)) && this.capital(j)) {
        if (this.norm(j) === 'utc' || this.norm(j) === 'gmt') zulu = 'Z'
        j++
      }
    } else if (n === 'noon' || n === 'midday') hour = 12
    else if (n === 'midnight') hour = 24
    else if (DIGITS.test(n) && n.length <= 2) {
      hour = Number(n)
      // "10:30pm", "10.30am": the minutes and the am/pm in one token
      const glued = /^(\d\d)([ap]m)$/.exec(this.norm(j + 1))
      const gluedUsed =
        glued !== null &&
        (this.norm(j) === ':' || this.norm(j) === '.') &&
        this.joined(i, j) &&
        this.joined(j, j + 1)
      if (glued && gluedUsed) {
        minute = Number(glued[1])
        if (glued[2] === 'pm' && hour < 12) hour += 12
        if (glued[2] === 'am' && hour === 12) hour = 0
        j += 2
      } else if (this.norm(j) === ':' && this.joined(i, j) && /^\d\d$/.test(this.norm(j + 1))) {
        minute = Number(this.norm(j + 1))
        j += 2
      } else if (
        this.norm(j) === '.' &&
        this.joined(i, j) &&
        /^\d\d$/.test(this.norm(j + 1)) &&
        this.joined(j, j + 1)
      ) {
        minute = Number(this.norm(j + 1))
        j += 2
      }
      const ampm = gluedUsed ? 'glued' : this.norm(j)
      if (ampm === 'glued') {
        // already read
      } else if (ampm === 'a.m.' || ampm === 'am' || ampm === 'a.m') {
        if (hour === 12) hour = 0
        j++
      } else if (ampm === 'p.m.' || ampm === 'pm' || ampm === 'p.m') {
        if (hour < 12) hour += 12
        j++
      } else if (ampm === "o'clock") {
        j++
      } else if (j === i + 3 && hour <= 23) {
        // "14:30": a 24-hour clock time without am/pm.
        noMeridiem = true
      } else return null
      if (hour > 24 || minute > 59) return null
      if (TIMEZONES.has(this.norm(j)) && this.capital(j)) {
        // Universal time is the one zone ISO 8601 can name ("Z"); other zones are dropped.
        if (this.norm(j) === 'utc' || this.norm(j) === 'gmt') zulu = 'Z'
        j++
      }
    } else return null
    let clock = `T${pad(hour)}:${pad(minute)}${zulu}`
    // The day it belongs to: "3 p.m. Tuesday", "noon on Friday", "10 a.m. yesterday", "3 p.m. Jan. 28"
    // After "on" the day is its own expression (a preposition is a TimeML signal, never inside a
    // TIMEX3), but it still dates the clock time.
    let k = j
    const on = this.norm(k) === 'on'
    if (on || this.norm(k) === ',') k++
    const day = this.weekday(k) ?? this.deictic(k) ?? this.relativeUnit(k) ?? this.calendar(k, true)
    if (day && day.period?.precision !== 'month' && day.period?.precision !== 'week') {
      // "3:30 this afternoon": the part of day says which half of the clock
      if (noMeridiem && hour < 12 && (day.part === 'AF' || day.part === 'EV' || day.part === 'NI')) {
        clock = `T${pad(hour + 12)}:${pad(minute)}${zulu}`
      }
      // "12:17 Saturday morning": the clock is more precise than the part of day
      return { end: on ? j : day.end, period: day.period, relative: day.relative, takesThe: false, clock }
    }
    // "It happened Monday around 10:45 p.m.": a day named earlier in the sentence dates the clock
    const earlier = this.lastDate
    if (earlier && earlier.sentence === this.sentence && earlier.period.from === earlier.period.to) {
      return { end: j, period: dayPeriod(earlier.period.from), relative: true, takesThe: false, clock }
    }
    const period = this.dct === null ? null : dayPeriod(this.dct)
    return { end: j, period, relative: true, takesThe: false, clock }
  }

  /** A holiday: "Christmas", "New Year's Eve", "Easter 2023", "Thanksgiving". */
  holiday(i: number): Core | null {
    if (!this.capital(i)) return null
    let best: [number, string] | null = null
    for (const [words, rule] of HOLIDAYS) {
      const end = this.words(i, words)
      if (end > 0 && (!best || end > best[0])) best = [end, rule]
    }
    if (!best) return null
    const [end, rule] = best
    const ref = this.yearRef(end)
    if (ref && this.norm(end) !== 'of') {
      const period = ref.year === null ? null : dayPeriod(holidayDay(rule, ref.year))
      return { end: ref.end, period, relative: ref.relative, takesThe: false }
    }
    if (this.dct === null) return { end, period: null, relative: true, takesThe: false }
    const { y } = fromDay(this.dct)
    let past = holidayDay(rule, y)
    if (past > this.dct) past = holidayDay(rule, y - 1)
    let next = holidayDay(rule, y)
    if (next < this.dct) next = holidayDay(rule, y + 1)
    const day = this.preferFuture(i, next - this.dct, this.dct - past) ? next : past
    return { end, period: dayPeriod(day), relative: true, takesThe: false }
  }

  /** Any date core at i. */
  core(i: number): Core | null {
    return (
      this.holiday(i) ??
      this.deictic(i) ??
      this.relativeUnit(i) ??
      this.weekday(i) ??
      this.clock(i) ??
      this.period(i) ??
      this.calendar(i, false)
    )
  }

  // ---- whole expressions ----------------------------------------------------------------------

  /** Modifiers that narrow a date: "early", "late", "mid-", "the end of", "earlier this month". */
  modified(i: number): Hit | null {
    const n = this.norm(i)
    let part: 'early' | 'mid' | 'late' | 'before' | 'after' | null = null
    let j = i + 1
    // "mid-November", "mid-1996", "late-November" are one token
    const joined = /^(mid|early|late)-(.+)$/.exec(n)
    if (joined) {
      const inner = this.coreFromText(i, joined[2])
      if (!inner) return null
      const p = joined[1] as 'mid' | 'early' | 'late'
      return this.hitFromCore(i, { ...inner, end: i + 1 }, p)
    }
    if (n === 'early' || (n === 'earlier' && this.isThisLastNext(j))) part = 'early'
    else if (n === 'mid' || n === 'middle') part = 'mid'
    else if (n === 'late' || (n === 'later' && this.isThisLastNext(j))) part = 'late'
    else {
      const end = this.anyWords(i, END_PHRASES)
      const start = this.anyWords(i, START_PHRASES)
      const middle = this.anyWords(i, MIDDLE_PHRASES)
      if (end > 0) {
        part = 'late'
        j = end
      } else if (start > 0) {
        part = 'early'
        j = start
      } else if (middle > 0) {
        part = 'mid'
        j = middle
      } else return null
    }
    if (this.norm(j) === '-') j++
    const hadThe = this.norm(j) === 'the'
    if (hadThe) j++
    // "the end of the year", "the beginning of the month": the current one
    const unitWord = UNITS.get(this.norm(j))
    if (hadThe && unitWord && !this.norm(j).endsWith('s') && n !== 'early' && n !== 'late' && n !== 'mid') {
      const period = this.dct === null ? null : unitPeriod(unitWord[0], this.dct, 0)
      if (this.dct !== null && !period) return null
      return this.hitFromCore(i, { end: j + 1, period, relative: true, takesThe: true }, part)
    }
    const inner = this.core(j)
    if (
      !inner ||
      (inner.period && inner.period.precision === 'day' && !inner.part && (n === 'early' || n === 'late'))
    ) {
      // "early Tuesday" / "late Friday": the day with a vague time of day; TimeML keeps the modifier inside.
      if (inner && (n === 'early' || n === 'late')) return this.hitFromCore(i, inner, null)
      return null
    }
    if (inner.clock) return null
    // "earlier this month" runs up to publication; "later this year" runs from it.
    if ((n === 'earlier' || n === 'later') && inner.period && this.dct !== null) {
      const narrowed = narrow(inner.period, n === 'earlier' ? 'before' : 'after', this.dct)
      return this.hitFromCore(i, { ...inner, period: narrowed }, null)
    }
    return this.hitFromCore(i, inner, part)
  }

  isThisLastNext(i: number): boolean {
    const n = this.norm(i)
    return n === 'this' || n === 'last' || n === 'next' || n === 'today' || n === 'yesterday'
  }

  /** Parses the part after a joined "mid-" prefix as if it were its own token. */
  coreFromText(i: number, rest: string): Core | null {
    const m = MONTHS.get(rest)
    if (m) return { end: i + 1, period: this.nearMonth(m, i), relative: true, takesThe: false }
    if (/^\d{4}$/.test(rest))
      return { end: i + 1, period: yearPeriod(Number(rest)), relative: false, takesThe: false }
    const decade = DECADE_DIGITS.exec(rest)
    if (decade)
      return { end: i + 1, period: decadePeriod(Number(decade[1]) * 10), relative: false, takesThe: true }
    return null
  }

  /** Durations and "ago" phrases: "three years", "two-year", "the past two months", "about a decade ago". */
  duration(i: number): Hit | null {
    let j = i
    let takesThe = false
    if (this.norm(j) === 'the') {
      takesThe = true
      j++
    }
    let lead = ''
    const leader = this.norm(j)
    if (
      leader === 'past' ||
      leader === 'last' ||
      leader === 'next' ||
      leader === 'first' ||
      leader === 'coming' ||
      leader === 'previous' ||
      leader === 'final' ||
      leader === 'remaining' ||
      leader === 'following'
    ) {
      lead = leader
      j++
    }
    const approxEnd = this.anyWords(j, APPROXIMATORS)
    if (approxEnd > 0) j = approxEnd
    if (!takesThe && !lead && this.norm(j) === 'the') return null
    // A number-unit adjective: "two-year", "16-hour"
    const adj = NUMBER_UNIT.exec(this.norm(j))
    if (adj) {
      const n = DIGITS.test(adj[1]) || /^\d+\.\d+$/.test(adj[1]) ? Number(adj[1]) : this.wordNumber(adj[1])
      const unit = UNITS.get(adj[2])
      // "a 14-year old girl": an age
      if (this.norm(j + 1) === 'old') return null
      if (n !== null && unit) {
        // "the 30-day truce": the article belongs to the noun the adjective modifies
        return this.durationHit(takesThe && !lead ? i + 1 : i, j + 1, durationValue(n, unit[0], unit[1]))
      }
    }
    let counted = this.count(j)
    // Bare plural after "the past" / "recent": "the past few years", "the past years"
    let k: number
    let n: number | 'X'
    if (counted) {
      ;[n, k] = counted
    } else if (lead || approxEnd > 0) {
      n = 'X'
      k = j
      counted = null
    } else if (
      (this.norm(j - 1) === 'for' || this.norm(j - 1) === 'within') &&
      /s$/.test(this.norm(j)) &&
      !takesThe
    ) {
      // "for years", "within weeks": an unspecified number of units
      n = 'X'
      k = j
      counted = null
    } else return null
    // "two more weeks", "six straight days", "two consecutive quarters"
    if (UNIT_ADJECTIVES.has(this.norm(k)) && UNITS.has(this.norm(k + 1))) k++
    let word = this.norm(k)
    // "a second round" is an ordinal, not a unit of time
    if (word === 'second' && this.tokens[k + 1]?.kind === 'word' && !AFTER_SECOND.has(this.norm(k + 1)))
      return null
    // "half an hour": the article sits between the fraction and its unit
    if (n === 0.5 && (word === 'an' || word === 'a')) {
      k++
      word = this.norm(k)
    }
    // "two and a half years"
    if (typeof n === 'number' && this.words(k, ['and', 'a', 'half']) > 0 && UNITS.has(this.norm(k + 3))) {
      n += 0.5
      k += 3
      word = this.norm(k)
    }
    const unit = UNITS.get(word)
    if (!unit) return null
    // "a year and a half"
    let halfEnd = 0
    if (typeof n === 'number' && this.words(k + 1, ['and', 'a', 'half']) > 0) {
      n += 0.5
      halfEnd = 3
    }
    const plural = word.endsWith('s') || word === 'centuries'
    // "1988 quarter", "the 1988 second quarter": a number with a singular unit is not a count of it.
    // "a six year process" and "the three hour meeting" are adjectives: an article before the count allows it.
    const article = this.norm(j - 1) === 'a' || this.norm(j - 1) === 'an' || this.norm(j - 1) === 'the'
    if (
      counted !== null &&
      typeof n === 'number' &&
      n > 1 &&
      halfEnd === 0 &&
      !plural &&
      (!article || n >= 1000)
    )
      return null
    if (counted === null && !plural && !lead) return null
    // "the next day", "the following year" name a date, not a stretch of time
    if (
      counted === null &&
      !plural &&
      (lead === 'next' || lead === 'following' || lead === 'previous' || lead === 'coming')
    )
      return null
    if (counted === null && !plural) n = 1
    // "a year": one unit; TimeML reads "$5 a year" and "twice a week" as sets.
    const isA = this.norm(j) === 'a' || this.norm(j) === 'an'
    const end = k + 1 + halfEnd
    const after = this.norm(end)
    // "52 years old" is an age; "a quarter of the market" is a fraction.
    if (after === 'old' || (unit[0] === 'Q' && after === 'of')) return null
    // ago phrases resolve to a date
    if (
      after === 'ago' ||
      (after === 'earlier' && !lead) ||
      (after === 'later' && !lead && this.norm(end + 1) !== 'than') ||
      (after === 'from' && this.norm(end + 1) === 'now') ||
      after === 'hence'
    ) {
      const last = after === 'from' ? end + 2 : end + 1
      if ((n === 'X' || unit[1]) && after !== 'ago' && after !== 'hence' && after !== 'from') {
        // "a few days later", "an hour earlier": a stretch from some event, a TimeML duration
        return this.durationHit(i, k + 1 + halfEnd, durationValue(n, unit[0], unit[1]))
      }
      if (n === 'X' || unit[1]) {
        return {
          start: i,
          end: last,
          type: 'DATE',
          value: after === 'ago' || after === 'earlier' ? 'PAST_REF' : 'FUTURE_REF',
          precision: 'unknown',
          relative: false,
        }
      }
      const sign = after === 'ago' || after === 'earlier' ? -1 : 1
      // "two days later" counts from the date under discussion; "ago" always from publication
      const quarterAnchored = unit[0] === 'Y' && this.recentQuarter() !== null
      const from =
        (after === 'earlier' || after === 'later') && !quarterAnchored ? this.anchor(unit[0]) : null
      if (
        from &&
        Number.isInteger(n) &&
        (unit[0] === 'D' || unit[0] === 'W' || unit[0] === 'M' || unit[0] === 'Y')
      ) {
        const shifted =
          unit[0] === 'D' || unit[0] === 'W'
            ? dayPeriod(from.from + sign * n * (unit[0] === 'W' ? 7 : 1))
            : unitPeriod(unit[0], from.from, sign * n)
        if (shifted)
          return this.hitFromCore(i, { end: last, period: shifted, relative: true, takesThe: false }, null)
      }
      // "A week later" with no date to count from: a stretch after some event, not a date
      if (after === 'later' && !quarterAnchored) {
        return this.durationHit(i, k + 1 + halfEnd, durationValue(n, unit[0], unit[1]))
      }
      if (this.dct === null) {
        return { start: i, end: last, type: 'DATE', value: null, precision: 'unknown', relative: true }
      }
      const code = unit[0] === 'WE' ? 'W' : unit[0]
      let period: Period | null
      const anchor = this.recentQuarter()
      if (code === 'Y' && Number.isInteger(n) && anchor) {
        // "a year earlier" after "the third quarter" compares quarters: TimeML gives it the anchor's granularity.
        period = shiftYear(anchor, sign * n)
      } else if (code === 'D' || code === 'W' || code === 'M' || code === 'Q' || code === 'Y') {
        const whole = Math.round(n)
        period = unitPeriod(code, this.dct, sign * whole)
      } else if (code === 'DE') period = yearPeriod(fromDay(this.dct).y + sign * 10 * n)
      else if (code === 'CE') period = yearPeriod(fromDay(this.dct).y + sign * 100 * n)
      else if (code === '2W') period = unitPeriod('W', this.dct, sign * 2 * n)
      else period = null
      if (!period) return null
      return this.hitFromCore(i, { end: last, period, relative: true, takesThe: false }, null)
    }
    if (isA && !lead && approxEnd < 0 && halfEnd === 0) {
      const before = this.norm(i - 1)
      // "twice a week", "$5 million a year": a rate, a TimeML set
      const amount = this.tokens[i - 1]?.kind === 'number' || AMOUNT_WORDS.has(before)
      if (before === 'once' || before === 'twice' || before === 'times' || amount) {
        return {
          start: i,
          end,
          type: 'SET',
          value: durationValue(1, unit[0], unit[1]),
          precision: SET_PRECISION[unit[0]] ?? 'unknown',
          relative: false,
        }
      }
      if (!DURATION_LEADERS.has(before)) return null
    }
    if (
      lead === 'next' ||
      lead === 'coming' ||
      lead === 'following' ||
      lead === 'remaining' ||
      lead === 'past' ||
      lead === 'last' ||
      lead === 'previous' ||
      lead === 'first' ||
      lead === 'final'
    ) {
      // "the past two months" is a duration; "last year" (handled as a date) never reaches here.
      if (!takesThe && lead !== 'past' && counted === null) return null
    }
    if (unit[0] === 'WE') return null
    return this.durationHit(i, end, durationValue(n, unit[0], unit[1]))
  }

  wordNumber(text: string): number | null {
    const v = NUMBERS.get(text)
    if (v !== undefined) return v
    const parts = text.split('-')
    if (parts.length === 2) {
      const tens = NUMBERS.get(parts[0])
      const ones = NUMBERS.get(parts[1])
      if (tens !== undefined && ones !== undefined && tens >= 20 && ones < 10) return tens + ones
    }
    return null
  }

  durationHit(start: number, end: number, value: string): Hit {
    return { start, end, type: 'DURATION', value, precision: 'duration', relative: false }
  }

  /** Sets: "daily", "every week", "each Thursday", "every July". */
  set(i: number): Hit | null {
    const n = this.norm(i)
    const lexical = SETS.get(n)
    // "Naples Daily News": a capital inside a sentence makes it a name
    if (lexical && this.capital(i) && i > this.lo) return null
    if (lexical)
      return {
        start: i,
        end: i + 1,
        type: 'SET',
        value: lexical,
        precision: SET_PRECISION[lexical.replace(/^PT?\d/, '')] ?? 'unknown',
        relative: false,
      }
    if (n !== 'every' && n !== 'each') return null
    let j = i + 1
    let count = 1
    if (this.norm(j) === 'other') {
      count = 2
      j++
    }
    const c = this.count(j)
    if (c && c[0] !== 'X' && this.norm(j) !== 'a') {
      count = c[0]
      j = c[1]
    }
    const word = this.norm(j)
    const unit = UNITS.get(word)
    if (unit) {
      if (unit[0] === 'WE')
        return { start: i, end: j + 1, type: 'SET', value: 'XXXX-WXX-WE', precision: 'week', relative: false }
      return {
        start: i,
        end: j + 1,
        type: 'SET',
        value: durationValue(count, unit[0], unit[1]),
        precision: SET_PRECISION[unit[0]] ?? 'unknown',
        relative: false,
      }
    }
    const wd = WEEKDAYS.get(word)
    if (wd) {
      const part = PARTS_OF_DAY.get(this.norm(j + 1))
      const end = part ? j + 2 : j + 1
      return {
        start: i,
        end,
        type: 'SET',
        value: `XXXX-WXX-${wd}${part ? `T${part}` : ''}`,
        precision: 'day',
        relative: false,
      }
    }
    const m = this.month(j)
    if (m)
      return {
        start: i,
        end: j + 1,
        type: 'SET',
        value: `XXXX-${pad(m)}`,
        precision: 'month',
        relative: false,
      }
    const part = PARTS_OF_DAY.get(word)
    if (part)
      return {
        start: i,
        end: j + 1,
        type: 'SET',
        value: `XXXX-XX-XXT${part}`,
        precision: 'time',
        relative: false,
      }
    return null
  }

  /** now, recently, the future, the past … (TimeML PRESENT_REF / PAST_REF / FUTURE_REF). */
  ref(i: number): Hit | null {
    let j = i
    let the = false
    if (this.norm(j) === 'the') {
      the = true
      j++
      // "the near future", "the recent past"
      if (REF_ADJECTIVES.has(this.norm(j)) && REFS.has(this.norm(j + 1))) j++
    }
    const n = this.norm(j)
    const ref = REFS.get(n)
    if (!ref) return null
    if (REFS_NEEDING_THE.has(n) && !the) return null
    if (n === 'future' && !the && this.norm(j - 1) !== 'in' && this.norm(j - 1) !== 'near') return null
    if (n === 'current' || n === 'recent') {
      // "recent years", "current quarter": the adjective makes a date only with a calendar unit.
      const unit = UNITS.get(this.norm(j + 1))
      if (!unit) return null
      if (n === 'current') {
        if (this.dct === null)
          return { start: j, end: j + 2, type: 'DATE', value: null, precision: 'unknown', relative: true }
        const period = unitPeriod(unit[0], this.dct, 0)
        if (!period) return null
        return this.hitFromCore(the ? i : j, { end: j + 2, period, relative: true, takesThe: true }, null)
      }
      // "recent months": an unspecified stretch up to now, a TimeML duration (PXM).
      const unitWord = this.norm(j + 1)
      if (!unitWord.endsWith('s') && unitWord !== 'centuries') return null
      return this.durationHit(j, j + 2, durationValue('X', unit[0], unit[1]))
    }
    // The past/future as nouns need "the"; the adverbs stand alone.
    if (the && !(n === 'past' || n === 'future' || n === 'present')) return null
    // "the past two months" is a duration, not PAST_REF.
    if (n === 'past' && (this.count(j + 1) || UNITS.has(this.norm(j + 1)))) return null
    // "the past president", "the future king": adjectives of a noun, not the past or the future
    const next = this.tokens[j + 1]
    if (the && next && j + 1 < this.hi && next.kind === 'word' && !AFTER_REF_NOUN.has(next.norm)) return null
    return { start: the ? i : j, end: j + 1, type: 'DATE', value: ref, precision: 'unknown', relative: false }
  }

  /** Builds a hit from a date core, applying a modifier and the TIME/DATE distinction. */
  hitFromCore(start: number, core: Core, part: 'early' | 'mid' | 'late' | null): Hit {
    let period = core.period
    if (period && part) period = narrow(period, part)
    const isTime = core.part !== undefined || core.clock !== undefined
    if (!period)
      return {
        start,
        end: core.end,
        type: isTime ? 'TIME' : 'DATE',
        value: null,
        precision: isTime ? 'time' : 'unknown',
        relative: core.relative,
      }
    if (isTime) {
      const suffix = core.clock ?? `T${core.part}`
      return {
        start,
        end: core.end,
        type: 'TIME',
        value: `${period.value}${suffix}`,
        precision: 'time',
        relative: core.relative,
        range: { from: period.from, to: period.to },
        period,
      }
    }
    const hit: Hit = {
      start,
      end: core.end,
      type: 'DATE',
      value: period.value,
      period,
      precision: period.precision,
      relative: core.relative,
    }
    if (period.precision !== 'day' || period.to !== period.from)
      hit.range = { from: period.from, to: period.to }
    return hit
  }

  /** True when an expression can start at token i: a temporal word, a number, a clipped year. */
  trigger(i: number): boolean {
    const n = this.norm(i)
    if (n === '') return false
    return (
      TRIGGERS.has(n) ||
      (n.charCodeAt(0) >= 48 && n.charCodeAt(0) <= 57) ||
      (n === "'" && this.joined(i, i + 1)) ||
      NUMBER_UNIT.test(n) ||
      ORDINAL_QUARTER.test(n) ||
      /^(mid|early|late|year)-/.test(n)
    )
  }

  /** The longest expression starting at token i, or null. */
  at(i: number): Hit | null {
    const n = this.norm(i)
    if (!this.trigger(i)) return null
    if ((n === 'that' || n === 'same') && !UNITS.has(this.norm(i + 1)) && this.norm(i + 1) !== 'same')
      return null
    // Articles are the commonest triggers: only worth the grammar when a temporal word follows.
    if (
      (n === 'the' || n === 'a' || n === 'an') &&
      !this.trigger(i + 1) &&
      !REF_ADJECTIVES.has(this.norm(i + 1)) &&
      !UNIT_ADJECTIVES.has(this.norm(i + 1))
    )
      return null
    let best: Hit | null = null
    const consider = (hit: Hit | null): void => {
      if (hit && hit.end > hit.start && (!best || hit.end > best.end)) best = hit
    }
    consider(this.modified(i))
    if (n === 'the') {
      // "the late 1960s", "the early summer": the article belongs to a modified period name
      const inner = this.modified(i + 1)
      if (inner && THE_PRECISIONS.has(inner.precision)) consider({ ...inner, start: i })
    }
    consider(this.duration(i))
    consider(this.set(i))
    consider(this.ref(i))
    if (n === 'the') {
      const inner = this.core(i + 1)
      if (inner) consider(this.hitFromCore(inner.takesThe ? i : i + 1, inner, null))
    } else {
      const inner = this.core(i)
      if (inner) consider(this.hitFromCore(i, inner, null))
    }
    return best
  }

  /** The last quarter named in this or the two sentences before, for comparisons like "a year earlier". */
  recentQuarter(): Period | null {
    const q = this.lastQuarter
    return q && this.sentence - q.sentence <= 2 ? q.period : null
  }

  lastQuarter: { period: Period; sentence: number } | null = null
  lastDate: { period: Period; sentence: number } | null = null
  sentence = 0

  /**
   * The date under discussion: the last one named in this or the two sentences before, if it is at
   * least as fine as the unit to move by. Narrative "the next day" and "two days later" count from it.
   */
  anchor(unit: string): Period | null {
    const a = this.lastDate
    if (!a || this.sentence - a.sentence > 2) return null
    const fineness = FINENESS[a.period.precision]
    return fineness !== undefined && fineness <= (UNIT_FINENESS[unit] ?? -1) ? a.period : null
  }

  /** All expressions of the document, left to right, without overlaps. */
  scan(sentences: readonly { start: number; end: number }[]): Hit[] {
    const hits: Hit[] = []
    let t = 0
    const total = this.tokens.length
    for (const [index, sentence] of sentences.entries()) {
      this.sentence = index
      while (t < total && this.tokens[t].span.start < sentence.start) t++
      let end = t
      while (end < total && this.tokens[end].span.end <= sentence.end) end++
      this.lo = t
      this.hi = end
      for (let i = t; i < end; ) {
        const hit = this.at(i)
        if (hit) {
          hits.push(hit)
          if (hit.period && (hit.type === 'DATE' || hit.type === 'TIME'))
            this.lastDate = { period: hit.period, sentence: index }
          // A comparison ("the year-ago quarter") is not the quarter under discussion.
          const comparison =
            this.anyWords(hit.start, [
              ['year-ago'],
              ['year-earlier'],
              ['the', 'year-ago'],
              ['the', 'year-earlier'],
            ]) > 0
          if (
            !comparison &&
            hit.precision === 'quarter' &&
            hit.value &&
            hit.range &&
            /-Q\d$/.test(hit.value)
          ) {
            this.lastQuarter = {
              period: quarterPeriod(Number(hit.value.slice(0, 4)), Number(hit.value.slice(-1))),
              sentence: index,
            }
          }
          i = Math.max(hit.end, i + 1)
        } else i++
      }
      t = end
    }
    return hits
  }
}

/** Words that make a plural count a plain noun rather than what a year number counts ("1999 was"). */
const NOT_COUNTED = new Set(['was', 'is', 'has', 'as', 'its', 'his', 'this', 'us', 'yes', 'news'])

/** Words before a bare "May"/"March" that make it a month. */
const MONTH_LEADERS = new Set([
  'in',
  'since',
  'until',
  'till',
  'by',
  'of',
  'early',
  'late',
  'mid',
  'last',
  'this',
  'next',
  'during',
  'from',
  'through',
  'to',
  'before',
  'after',
  'between',
  'and',
  'or',
  'on',
  'around',
  'about',
  'for',
  'until',
  'end',
  'beginning',
  'throughout',
])

/** Precisions whose modified names keep a leading "the" ("the late 1960s", "the early summer"). */
const THE_PRECISIONS = new Set<Precision>(['decade', 'century', 'season', 'quarter'])

/** Words that may follow "the past" / "the future" used as nouns ("in the future and beyond", "the past is"). */
const AFTER_REF_NOUN = new Set([
  'and',
  'or',
  'but',
  'nor',
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'have',
  'will',
  'would',
  'could',
  'can',
  'may',
  'might',
  'should',
  'must',
  'that',
  'which',
  'who',
  'when',
  'where',
  'as',
  'to',
  'in',
  'on',
  'of',
  'for',
  'with',
  'by',
  'at',
  'from',
  'than',
  'if',
  'because',
  'so',
  'though',
  'although',
  'while',
  'unless',
  'until',
  'it',
  'he',
  'she',
  'they',
  'we',
  'i',
  'you',
  'there',
  'this',
  'these',
  'those',
  'not',
  'too',
  'also',
  'again',
  "'s",
  'holds',
  'looks',
  'seems',
])

/** Adjectives inside "the near future", "the recent past". */
const REF_ADJECTIVES = new Set(['near', 'distant', 'recent', 'immediate', 'foreseeable', 'not-too-distant'])

/** Adjectives between a count and its unit ("two more weeks", "six straight days"). */
const UNIT_ADJECTIVES = new Set([
  'more',
  'straight',
  'consecutive',
  'additional',
  'full',
  'successive',
  'long',
  'whole',
  'extra',
])

/** Words that may follow "second" when it is the unit of time ("a second later"). */
const AFTER_SECOND = new Set([
  'later',
  'ago',
  'earlier',
  'before',
  'after',
  'and',
  'or',
  'of',
  'to',
  'in',
  'for',
])

/** Words after which "a year" is a rate ("$5 million a year"). */
const AMOUNT_WORDS = new Set([
  'million',
  'billion',
  'thousand',
  'hundred',
  'trillion',
  'dollars',
  'cents',
  'percent',
  '%',
])

/** Words before a bare season word that make it a season ("in the fall"; "to fall" is a verb). */
const SEASON_LEADERS = new Set([
  'in',
  'since',
  'until',
  'till',
  'by',
  'early',
  'late',
  'mid',
  'during',
  'from',
  'through',
  'before',
  'after',
  'throughout',
  'this',
  'last',
  'next',
  'past',
])

/** Words before "a week" / "an hour" that make it a duration ("for a week", "within an hour"). */
const DURATION_LEADERS = new Set([
  'for',
  'within',
  'in',
  'than',
  'about',
  'nearly',
  'almost',
  'over',
  'after',
  'lasted',
  'lasting',
  'last',
  'took',
  'spent',
  'only',
  'just',
])

const ORDINAL_WORDS_CENTURY = new Map<string, number>([
  ['nineteenth', 19],
  ['twentieth', 20],
  ['twenty-first', 21],
  ['eighteenth', 18],
  ['seventeenth', 17],
  ['sixteenth', 16],
])

const END_PHRASES = [
  ['the', 'end', 'of'],
  ['end', 'of'],
  ['the', 'close', 'of'],
  ['late', 'in'],
]
const START_PHRASES = [
  ['the', 'beginning', 'of'],
  ['the', 'start', 'of'],
  ['beginning', 'of'],
  ['start', 'of'],
  ['early', 'in'],
  ['the', 'turn', 'of'],
]
const MIDDLE_PHRASES = [['the', 'middle', 'of'], ['middle', 'of'], ['the', 'mid'], ['mid']]

const SET_PRECISION: Record<string, Precision> = {
  D: 'day',
  W: 'week',
  M: 'month',
  Q: 'quarter',
  Y: 'year',
  DE: 'decade',
  CE: 'century',
  H: 'time',
  S: 'time',
  '1D': 'day',
  '1W': 'week',
  '1M': 'month',
  '1Y': 'year',
  '1Q': 'quarter',
  '1H': 'time',
  '2W': 'week',
  '6M': 'month',
}

/** Tokens at which an expression can start; everything else is skipped without trying the grammar. */
const TRIGGERS = new Set<string>([
  ...MONTHS.keys(),
  ...WEEKDAYS.keys(),
  ...SEASONS.keys(),
  ...NUMBERS.keys(),
  ...ORDINALS.keys(),
  ...UNITS.keys(),
  ...DEICTIC.keys(),
  ...REFS.keys(),
  ...SETS.keys(),
  ...ORDINAL_WORDS_CENTURY.keys(),
  ...VAGUE_NUMBERS.map((v) => v[0]),
  ...APPROXIMATORS.map((a) => a[0]),
  'the',
  'this',
  'last',
  'next',
  'past',
  'previous',
  'coming',
  'current',
  'fiscal',
  'early',
  'earlier',
  'late',
  'later',
  'mid',
  'middle',
  'end',
  'beginning',
  'start',
  'every',
  'each',
  'noon',
  'midday',
  'midnight',
  'year',
  'first',
  'final',
  'remaining',
  'latest',
  ...HOLIDAYS.map((h) => h[0][0]),
  'following',
  'that',
  'same',
  'close',
  'turn',
  'q1',
  'q2',
  'q3',
  'q4',
])

/** Parses an ISO `YYYY-MM-DD` (optionally with a time part) into a day, or null when it is not one. */
const parsePublished = (published: string | undefined): Day | null => {
  if (!published) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null
  return toDay(y, mo, d)
}

/**
 * Finds the temporal expressions of a text and resolves them against a publication date, following
 * TimeML / TempEval-3 conventions for extents and values: prepositions stay outside ("on Feb. 7" →
 * "Feb. 7"), determiners of calendar periods stay inside ("the third quarter"), and a bare weekday or
 * date points to the most recent such day on or before publication unless its clause is in the future.
 *
 * @example
 * findDates(text, tokenizeText(text), segmentTokens(text, tokens), '2024-02-08')
 */
export const findDates = (
  text: string,
  tokens: readonly Token[],
  sentences: readonly { start: number; end: number }[],
  published: string | undefined,
  context?: StageContext,
): DateMention[] => {
  const dct = parsePublished(published)
  if (published && dct === null) {
    context?.report({
      rule: 'dates/bad-published',
      severity: 'warning',
      reason: `Expected the publication date as YYYY-MM-DD, not ${JSON.stringify(published)}; relative dates are left unresolved`,
    })
  }
  const matcher = new Matcher(text, tokens, dct)
  const hits = matcher.scan(sentences)
  const out: DateMention[] = []
  for (const hit of hits) {
    const span = { start: tokens[hit.start].span.start, end: tokens[hit.end - 1].span.end }
    const mention: DateMention = {
      span,
      text: text.slice(span.start, span.end),
      value: hit.value,
      precision: hit.precision,
      type: hit.type,
      relative: hit.relative,
    }
    if (hit.range && hit.value !== null)
      mention.range = { start: isoDay(hit.range.from), end: isoDay(hit.range.to) }
    out.push(mention)
    if (hit.value === null && context) {
      context.report({
        rule: 'dates/unresolved',
        severity: 'info',
        reason: `"${mention.text}" is relative to the publication date, which is unknown`,
        span,
      })
    }
  }
  return out
}

/**
 * The dates stage: finds dates, times, durations and sets (TimeML types) and resolves them against
 * `doc.meta.published`. Without a publication date, relative expressions get `value: null` and an
 * info message `dates/unresolved`; they are never guessed.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), dates()])
 */
export const dates = ({ fallbackPublished }: DatesOptions = {}): Stage<'dates'> => ({
  name: 'dates',
  needs: ['tokens', 'sentences'],
  produces: 'dates',
  run: (doc, context) =>
    findDates(
      doc.text,
      doc.tokens ?? [],
      doc.sentences ?? [],
      doc.meta.published ?? fallbackPublished,
      context,
    ),
})
