/**
 * Reconciling numbers reported by several sources, the way conflict-event datasets do
 * (UCDP GED codes every event with a low, a best and a high fatality estimate).
 */
import type { FactStatus, Reconciled } from '../model/types.ts'

/** A reported figure: "at least 40" is `{ low: 40, best: 40, high: null }`, "47" is `{ 47, 47, 47 }`. */
export interface NumberValue {
  low: number | null
  best: number | null
  high: number | null
}

/** One source's figure; `published` (ISO date) breaks ties in favour of the later report. */
export interface ReconcileInput {
  document: string
  value: NumberValue
  published?: string
}

/** Closed interval of the counts a figure allows; `hi` may be `Infinity` ("at least 40"). */
export interface Interval {
  lo: number
  hi: number
}

/**
 * The counts a figure allows. A null bound is open, as the data model says: "at least 40"
 * (low 40, high null) allows 40 and anything above; "up to 50" (low null, high 50) allows 0..50.
 * A figure with neither bound is exact. Returns null when the figure carries no number at all.
 *
 * @example
 * toInterval({ low: 40, best: 40, high: null }) // { lo: 40, hi: Infinity }
 */
export const toInterval = (v: NumberValue): Interval | null => {
  if (v.low === null && v.high === null) return v.best === null ? null : { lo: v.best, hi: v.best }
  return { lo: v.low ?? 0, hi: v.high ?? Number.POSITIVE_INFINITY }
}

/** The counts every figure allows (empty → null). Intervals on a line meet in common iff they meet pairwise. */
export const intersect = (intervals: readonly Interval[]): Interval | null => {
  if (intervals.length === 0) return null
  const lo = Math.max(...intervals.map((i) => i.lo))
  const hi = Math.min(...intervals.map((i) => i.hi))
  return lo <= hi ? { lo, hi } : null
}

/**
 * Status of a numeric fact across sources: one source → `unique`; every source gives the same
 * figure (same bounds, same best) → `agree`; the figures allow a common count ("at least 40" and
 * "47") → `compatible`; otherwise ("3" and "5") → `conflict`. Figures without a number are ignored.
 */
export const numberStatus = (values: readonly NumberValue[]): FactStatus => {
  const usable = values.filter((v) => toInterval(v) !== null)
  if (usable.length <= 1) return 'unique'
  const first = usable[0]
  const same = usable.every((v) => v.low === first.low && v.best === first.best && v.high === first.high)
  if (same) return 'agree'
  const intervals = usable.map((v) => toInterval(v)!)
  // Exact figures written differently ("47" as {47,47,47} and {null,47,null}) allow the same counts.
  const a = intervals[0]
  if (intervals.every((i) => i.lo === a.lo && i.hi === a.hi)) return 'agree'
  return intersect(intervals) ? 'compatible' : 'conflict'
}

/**
 * {@link numberStatus} of two figures, without building arrays: the comparison asks it for every
 * pair of numbers in a story.
 */
export const pairStatus = (a: NumberValue, b: NumberValue): FactStatus => {
  const x = toInterval(a)
  const y = toInterval(b)
  if (!x || !y) return 'unique'
  if ((a.low === b.low && a.best === b.best && a.high === b.high) || (x.lo === y.lo && x.hi === y.hi))
    return 'agree'
  return x.lo <= y.hi && y.lo <= x.hi ? 'compatible' : 'conflict'
}

const lowFigure = (v: NumberValue): number | null => v.low ?? v.best ?? v.high
const highFigure = (v: NumberValue): number | null => v.high ?? v.best ?? v.low
const width = (i: Interval): number => i.hi - i.lo

/**
 * Reconciles several sources' figures into low / best / high with the documents behind each.
 *
 * Rules:
 * - `low` is the lowest figure any source gives (its lower bound, else its figure): the lowest credible count.
 * - `high` is the highest figure any source gives (its upper bound, else its figure). An open bound
 *   ("at least 40") is not a figure, so it never makes `high` infinite.
 * - `best`, when the figures are consistent (they allow a common count), is the most specific
 *   figure inside that common range: an exact "47" beats "at least 40". When they conflict, it is
 *   the figure most sources are consistent with ("41" when others say "30" and "more than 30").
 *   Remaining ties go to the later report (tolls are revised upwards as counts come in), then to
 *   the lower figure (the conservative reading).
 * - `sources` lists, for each of low / best / high, the documents that gave exactly that figure.
 *
 * @example
 * reconcile([
 *   { document: 'a', value: { low: 40, best: 40, high: null } },
 *   { document: 'b', value: { low: 47, best: 47, high: 47 } },
 * ]) // { low: 40, best: 47, high: 47, sources: { low: ['a'], best: ['b'], high: ['b'] } }
 */
export const reconcile = (values: readonly ReconcileInput[]): Reconciled => {
  const usable = values.filter((v) => toInterval(v.value) !== null)
  if (usable.length === 0)
    return { low: null, best: null, high: null, sources: { low: [], best: [], high: [] } }
  const lows = usable.map((v) => lowFigure(v.value)).filter((n): n is number => n !== null)
  const highs = usable.map((v) => highFigure(v.value)).filter((n): n is number => n !== null)
  const low = lows.length ? Math.min(...lows) : null
  const high = highs.length ? Math.max(...highs) : null
  const common = intersect(usable.map((v) => toInterval(v.value)!))

  interface Candidate {
    figure: number
    specificity: number
    /** How many sources allow this figure (give it, or a range containing it). */
    support: number
    latest: string
  }
  const byFigure = new Map<number, Candidate>()
  for (const v of usable) {
    const figure = v.value.best ?? lowFigure(v.value)
    if (figure === null) continue
    const c = byFigure.get(figure) ?? {
      figure,
      specificity: Number.POSITIVE_INFINITY,
      support: usable.filter((u) => {
        const i = toInterval(u.value)!
        return figure >= i.lo && figure <= i.hi
      }).length,
      latest: '',
    }
    c.specificity = Math.min(c.specificity, width(toInterval(v.value)!))
    if ((v.published ?? '') > c.latest) c.latest = v.published ?? ''
    byFigure.set(figure, c)
  }
  let candidates = [...byFigure.values()]
  if (common) candidates = candidates.filter((c) => c.figure >= common.lo && c.figure <= common.hi)
  const rank = (a: Candidate, b: Candidate): number =>
    common
      ? a.specificity - b.specificity ||
        b.support - a.support ||
        b.latest.localeCompare(a.latest) ||
        a.figure - b.figure
      : b.support - a.support ||
        a.specificity - b.specificity ||
        b.latest.localeCompare(a.latest) ||
        a.figure - b.figure
  candidates.sort(rank)
  // Consistent figures whose own bests all fall outside the common range ("at least 40", "up to 45"
  // with bests 40 and 45 are inside; an odd stage output might not be): the lowest count all allow.
  const best = candidates[0]?.figure ?? (common && Number.isFinite(common.lo) ? common.lo : null)

  const docs = (pick: (v: NumberValue) => number | null, target: number | null): string[] =>
    target === null ? [] : [...new Set(usable.filter((v) => pick(v.value) === target).map((v) => v.document))]
  return {
    low,
    best,
    high,
    sources: {
      low: docs(lowFigure, low),
      best: docs((v) => v.best ?? lowFigure(v), best),
      high: docs(highFigure, high),
    },
  }
}
