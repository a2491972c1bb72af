import abbreviations from '../data/abbreviations.json' with { type: 'json' }
import datelines from '../data/datelines.json' with { type: 'json' }
import type { Span, Token } from '../model/types.ts'

/** Where a report was filed, from its dateline: `PITTSBURGH (KDKA) —`, `PUYALLUP, Wash. —`. */
export interface Dateline {
  /** The place: "PITTSBURGH", "ROGERS PARK", "Ferguson". */
  place: Span
  /** The state or country after a comma, when given: "Wash.", "Mo.", "Indiana". */
  region?: Span
  /** The parenthesis after the place, when given: the agency or the filing date ("(AP)", "(Feb. 4, 2014)"). */
  stamp?: Span
}

const NOT_PLACES = new Set(datelines.notPlaces)
const STATES = new Set(abbreviations.states)
const MAX_PLACE_WORDS = 4
const MAX_REGION_TOKENS = 4
const MAX_PAREN_TOKENS = 8

const isCaps = (raw: string): boolean =>
  /^\p{Lu}[\p{Lu}.'’-]*$/u.test(raw) && /\p{Lu}.*\p{Lu}|^\p{Lu}\.$/u.test(raw)
const isCapitalised = (raw: string): boolean => /^\p{Lu}[\p{Ll}.'’-]+$/u.test(raw)

/** Whether a token opens a line: nothing but spaces since the last line break (or the start). */
const opensLine = (text: string, tokens: readonly Token[], i: number): boolean => {
  const from = i === 0 ? 0 : tokens[i - 1].span.end
  const gap = text.slice(from, tokens[i].span.start)
  return i === 0 ? gap.trim() === '' : gap.includes('\n') && gap.trim() === ''
}

/**
 * Datelines: a line that opens with a place in capitals ("PITTSBURGH", "ROGERS PARK"), or a
 * capitalised place with a US state abbreviation ("Ferguson, Mo."), then an optional region after a
 * comma and an optional parenthesis (the agency or a date: "(AP)", "(Feb. 4, 2014)"), then a dash.
 * News writes where a report was filed that way; for local news it is where the event happened.
 *
 * @example
 * findDatelines('PUYALLUP, Wash. — No charges ...', tokenizeText(...))
 * // → [{ place: { start: 0, end: 8 }, region: { start: 10, end: 15 } }]
 */
export const findDatelines = (text: string, tokens: readonly Token[]): Dateline[] => {
  const out: Dateline[] = []
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'word' || !opensLine(text, tokens, i)) continue
    const raw = (k: number): string => text.slice(tokens[k].span.start, tokens[k].span.end)
    // The place: words in capitals, or capitalised words when a state abbreviation follows.
    // Words of one line only.
    const word = (k: number, shape: (raw: string) => boolean): boolean =>
      k < tokens.length &&
      k - i < MAX_PLACE_WORDS &&
      tokens[k].kind === 'word' &&
      shape(raw(k)) &&
      (k === i || !text.slice(tokens[k - 1].span.end, tokens[k].span.start).includes('\n'))
    let j = i
    let caps = true
    while (word(j, isCaps)) j++
    if (j === i) {
      caps = false
      while (word(j, isCapitalised)) j++
    }
    if (j === i) continue
    const words = tokens.slice(i, j).map((t) => t.norm.replace(/\.$/, ''))
    if (words.some((w) => NOT_PLACES.has(w))) continue
    const place = { start: tokens[i].span.start, end: tokens[j - 1].span.end }
    let k = j
    let region: Span | undefined
    if (tokens[k]?.norm === ',') {
      let r = k + 1
      while (
        r < tokens.length &&
        r - k - 1 < MAX_REGION_TOKENS &&
        tokens[r].kind === 'word' &&
        (isCaps(raw(r)) || isCapitalised(raw(r)))
      )
        r++
      if (r > k + 1) {
        region = { start: tokens[k + 1].span.start, end: tokens[r - 1].span.end }
        k = r
      }
    }
    // A place not in capitals needs a state abbreviation to be read as a dateline ("Ferguson, Mo.").
    if (
      !caps &&
      !(region && STATES.has(text.slice(region.start, region.end).toLowerCase().replace(/\.$/, '')))
    )
      continue
    let stamp: Span | undefined
    if (tokens[k]?.norm === '(') {
      const close = tokens.slice(k + 1, k + 1 + MAX_PAREN_TOKENS).findIndex((t) => t.norm === ')')
      if (close < 0) continue
      stamp = { start: tokens[k].span.start, end: tokens[k + close + 1].span.end }
      k += close + 2
    }
    if (tokens[k]?.norm !== '-' || tokens[k].kind !== 'punct') continue
    out.push({ place, ...(region ? { region } : {}), ...(stamp ? { stamp } : {}) })
  }
  return out
}
