import type {
  Doc,
  Fact,
  FactValue,
  Reconciled,
  Report,
  Story,
  StoryCount,
  StoryRecord,
  VoiceKind,
} from '../model/types.ts'

/** Short letters for the sources of a story, in order: A, B, …, Z, AA, AB, … */
export const sourceLetter = (index: number): string => {
  let n = index
  let out = ''
  do {
    out = String.fromCharCode(65 + (n % 26)) + out
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return out
}

/** A reader's name for a document: its outlet, else the file it came from. */
export const docName = (doc: Doc | undefined): string => {
  if (!doc) return '(unknown document)'
  if (doc.meta.outlet) return doc.meta.outlet
  const source = doc.meta.source
  return source.slice(source.lastIndexOf('/') + 1) || source
}

/** A number range as a reader says it: "3", "at least 40", "up to 10", "24–99", "about 50 (45–55)". */
export const formatRange = (v: { low: number | null; best: number | null; high: number | null }): string => {
  const { low, best, high } = v
  if (low !== null && high !== null && low === high) return String(low)
  if (low !== null && high === null)
    return best !== null && best !== low ? `${best} (at least ${low})` : `at least ${low}`
  if (low === null && high !== null)
    return best !== null && best !== high ? `${best} (up to ${high})` : `up to ${high}`
  if (low !== null && high !== null) return best !== null ? `${best} (${low}–${high})` : `${low}–${high}`
  return best !== null ? String(best) : 'unknown'
}

// TimeML's parts of the day, as a reader says them.
const PARTS_OF_DAY: Record<string, string> = {
  MO: 'morning',
  MI: 'midday',
  AF: 'afternoon',
  EV: 'evening',
  NI: 'night',
  DT: 'daytime',
}

/** A day with a time or part of day, as dates are stored (TIMEX3): "2024-02-07TEV", "2024-02-07T16:00". */
const TIMED_DAY = /^(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT|\d{2}:\d{2})(Z?)$/

/**
 * A stored date value as a reader says it: "2024-02-07 evening", "2024-02-07 16:00", "weekend of
 * 2021-10-02"; other values (days, months, ranges, unresolved weekdays) as stored. The JSON report keeps the TIMEX3 value.
 */
export const formatDateValue = (value: string): string => {
  const week = ISO_WEEK.exec(value)
  if (week) {
    const monday = isoWeekMonday(Number(week[1]), Number(week[2]))
    if (!week[3]) return `week of ${monday}`
    return `weekend of ${addDays(monday, 5)}`
  }
  const m = TIMED_DAY.exec(value)
  if (!m) return value
  return `${m[1]} ${PARTS_OF_DAY[m[2]] ?? m[2]}${m[3] ? ' UTC' : ''}`
}

/** An ISO week, or its weekend, as stored (TIMEX3): "2021-W39", "2021-W39-WE". */
const ISO_WEEK = /^(\d{4})-W(\d{2})(-WE)?$/

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The Monday of ISO week `week` of `year` (week 1 holds the year's first Thursday). */
const isoWeekMonday = (year: number, week: number): string => {
  const jan4 = new Date(Date.UTC(year, 0, 4))
  const mondayOfWeek1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() + 6) % 7))
  return new Date(mondayOfWeek1 + (week - 1) * 7 * 86_400_000).toISOString().slice(0, 10)
}

/** A fact value as text. */
export const formatValue = (value: FactValue['value']): string =>
  typeof value === 'object' && value !== null ? formatRange(value) : formatDateValue(String(value))

/**
 * A fact's value as shown, with where its day came from when another report gave it ("2024-02-07,
 * undated: the day of [A]"); `name` names a document as the report does.
 */
export const formatFactValue = (v: FactValue, name: (document: string) => string): string =>
  v.inferredFrom
    ? `${formatValue(v.value)} (undated: the day of ${name(v.inferredFrom)})`
    : formatValue(v.value)

/** Reconciled low / best / high as one line. */
export const formatReconciled = (r: Reconciled): string =>
  `low ${r.low ?? '–'} / best ${r.best ?? '–'} / high ${r.high ?? 'open'}`

/** A story count as the casualty line says it: a range between reports in words ("3, reports give 1 to 3"). */
const recordRange = (c: { low: number | null; best: number | null; high: number | null }): string =>
  c.low !== null && c.high !== null && c.best !== null && c.low !== c.high
    ? `${c.best} (reports give ${c.low} to ${c.high})`
    : formatRange(c)

/** Names shown before one figure of the casualty line; a long list is cut ("[A]/[B]/[C]/[D] +3"). */
const MAX_NAMES = 4

/**
 * Which report gives which figure ("[A]: 3, [B]: at least 1"), or null when every stating report gives the
 * same one: a reconciled count alone would let a reader take it for another figure of the story.
 */
const figuresByReport = (c: StoryCount, name: (document: string) => string): string | null => {
  const groups = new Map<string, string[]>()
  for (const r of c.reports ?? []) {
    const figure = formatRange(r)
    groups.set(figure, [...(groups.get(figure) ?? []), r.document])
  }
  if (groups.size < 2) return null
  return [...groups]
    .map(([figure, documents]) => {
      const shown = documents.slice(0, MAX_NAMES).map(name).join('/')
      const more = documents.length > MAX_NAMES ? ` +${documents.length - MAX_NAMES}` : ''
      return `${shown}${more}: ${figure}`
    })
    .join(', ')
}

/** One count of the casualty line: "killed 3 ([A]: 3, [B]: at least 1)", "injured not reported". */
const formatCount = (label: string, c: StoryCount, name: (document: string) => string): string => {
  // A count no report states is not a count of zero: "injured not reported", not "injured 0".
  if (c.sources.best.length + c.sources.low.length === 0) return `${label} not reported`
  const conflict = c.status === 'conflict' ? 'reports conflict' : null
  const byReport = figuresByReport(c, name)
  if (byReport) return `${label} ${c.best ?? formatRange(c)} (${byReport}${conflict ? `; ${conflict}` : ''})`
  return `${label} ${recordRange(c)}${conflict ? `, ${conflict}` : ''}`
}

/**
 * A story's main-event record in one line, each report's figure after its name when they differ
 * ("killed 3 ([A]: 3, [B]: 2; reports conflict) · injured not reported"), or null when no report states a
 * casualty count. `name` names a document as the view does (its letter, its outlet).
 */
export const formatRecord = (
  record: StoryRecord | undefined,
  name: (document: string) => string,
): string | null => {
  if (!record) return null
  const counts = [['killed', record.killed] as const, ['injured', record.injured] as const]
  if (counts.every(([, c]) => c.sources.best.length + c.sources.low.length === 0)) return null
  return counts.map(([label, c]) => formatCount(label, c, name)).join(' · ')
}

export const STATUS_ORDER: Fact['status'][] = ['conflict', 'compatible', 'agree', 'unique']

export const STATUS_TITLE: Record<Fact['status'], string> = {
  conflict: 'Conflicts',
  compatible: 'Compatible (different figures that can both be true)',
  agree: 'Agreed by every source that reports it',
  unique: 'Reported by one source only',
}

/** The facts of a story by status, in reading order (conflicts first). */
export const factsByStatus = (story: Story): [Fact['status'], Fact[]][] =>
  STATUS_ORDER.map(
    (status) => [status, story.facts.filter((f) => f.status === status)] as [Fact['status'], Fact[]],
  ).filter(([, facts]) => facts.length > 0)

/** Lookup of documents by id, and each story's source letters. */
export const indexReport = (report: Report) => {
  const docs = new Map(report.documents.map((d) => [d.id, d]))
  const letters = (story: Story): Map<string, string> =>
    new Map(story.documents.map((id, i) => [id, sourceLetter(i)]))
  return { docs, letters }
}

/** Collapses whitespace and cuts a quote for one line of a terminal. */
export const clip = (text: string, max = 110): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

const VOICE_KINDS: [VoiceKind, string][] = [
  ['person', 'people'],
  ['organisation', 'organisations'],
  ['unnamed', 'unnamed sources'],
  ['document', 'documents'],
  ['pronoun', 'pronouns'],
]

/**
 * How a report's quotes split by kind of voice, counted in quotes (not in voices: "people 10" is ten
 * quotes from named people): "quotes: people 2 · unnamed sources 3". Kinds with no quote are left out.
 */
export const formatVoiceMix = (speakers: readonly { kind: VoiceKind; count: number }[]): string => {
  const parts = VOICE_KINDS.map(([kind, label]) => {
    const n = speakers.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.count, 0)
    return n === 0 ? '' : `${label} ${n}`
  }).filter((part) => part !== '')
  return parts.length === 0 ? '' : `quotes: ${parts.join(' · ')}`
}
