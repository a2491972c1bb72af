/**
 * Calendar day ranges of date mentions, and whether several reports' dates agree, are compatible
 * (one inside the other) or conflict.
 */
import type { DateMention, FactStatus } from './types.ts'

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

/** An inclusive range of ISO days. */
export type DayRange = { start: string; end: string }

/** True when two day ranges share at least one day. */
export const rangesOverlap = (a: DayRange, b: DayRange): boolean => a.start <= b.end && b.start <= a.end

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
