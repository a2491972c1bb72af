import abbreviations from '../data/abbreviations.json' with { type: 'json' }
import type { Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'

const ABBREVIATIONS = new Set<string>([
  ...abbreviations.titles,
  ...abbreviations.months,
  ...abbreviations.days,
  ...abbreviations.states,
  ...abbreviations.other,
])

/**
 * One alternation, tried left to right at each position (sticky):
 * 1. initialisms with dots (U.S., U.N., p.m.);
 * 2. numbers with thousands separators or decimals (1,000; 3.5);
 * 3. words: letters, marks and digits joined by internal apostrophes or hyphens (Kata’ib, Iran-backed, 28th);
 * 4. any other non-space character, one at a time.
 */
const TOKEN =
  /(?<init>(?:\p{L}\.){2,})|(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)|(?<word>[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*)|(?<other>\S)/uy

const SPACE = /\s/
const POSSESSIVE = /['’][sS]$/

// Typographic apostrophes, quotes and dashes and the plain character each folds to.
const FOLDED: Record<string, string> = Object.fromEntries([
  ...[...'’‘ʼ`´'].map((ch) => [ch, "'"]),
  ...[...'“”„«»'].map((ch) => [ch, '"']),
  ...[...'‐‑‒–—―'].map((ch) => [ch, '-']),
])
const TYPOGRAPHIC = /[’‘ʼ`´“”„«»‐‑‒–—―]/
const TYPOGRAPHIC_ALL = /[’‘ʼ`´“”„«»‐‑‒–—―]/g

/** Lower-cases and folds typographic apostrophes, quotes and dashes so stages can compare forms. */
export const normalise = (text: string): string => {
  const lower = text.toLowerCase()
  return TYPOGRAPHIC.test(lower) ? lower.replace(TYPOGRAPHIC_ALL, (ch) => FOLDED[ch] ?? ch) : lower
}

/** Which alternative of TOKEN matched (the first group set, in TOKEN's order). */
const groupOf = (groups: Record<string, string | undefined>): string => {
  if (groups.init !== undefined) return 'init'
  if (groups.num !== undefined) return 'num'
  if (groups.word !== undefined) return 'word'
  return 'other'
}

const kindOf = (text: string, group: string): Token['kind'] => {
  if (group === 'num') return 'number'
  if (group === 'word') return /^\d+$/.test(text) ? 'number' : 'word'
  if (group === 'init') return 'word'
  return /[\p{P}]/u.test(text) ? 'punct' : 'symbol'
}

/**
 * Splits text into tokens with offsets. Possessive 's is its own token ("Jordan’s" → "Jordan", "’s"),
 * as in the CoNLL and OntoNotes conventions; known abbreviations keep their full stop ("Jan.", "Gen.").
 */
export const tokenizeText = (text: string): Token[] => {
  const tokens: Token[] = []
  let i = 0
  const n = text.length
  const push = (start: number, end: number, kind: Token['kind'], spaceBefore: boolean): void => {
    tokens.push({ span: { start, end }, norm: normalise(text.slice(start, end)), kind, spaceBefore })
  }
  while (i < n) {
    let spaceBefore = i === 0
    while (i < n && SPACE.test(text[i])) {
      i++
      spaceBefore = true
    }
    if (i >= n) break
    TOKEN.lastIndex = i
    const m = TOKEN.exec(text)
    if (!m?.groups) {
      // A lone surrogate or similar: take one code unit so we always advance.
      push(i, i + 1, 'symbol', spaceBefore)
      i += 1
      continue
    }
    const group = groupOf(m.groups)
    let start = i
    let end = i + m[0].length
    if (group === 'word' && POSSESSIVE.test(m[0]) && m[0].length > 2) {
      push(start, end - 2, kindOf(text.slice(start, end - 2), 'word'), spaceBefore)
      push(end - 2, end, 'word', false)
      i = end
      continue
    }
    // An abbreviation keeps its full stop: "Jan." "Gen." (but not "Jan" at the end of a sentence
    // followed by a space and a capital that is not a date or name — that is left to segment).
    if (group === 'word' && text[end] === '.' && ABBREVIATIONS.has(m[0].toLowerCase())) {
      end += 1
    } else if (
      group === 'word' &&
      text[end] === '.' &&
      /^\p{Lu}$/u.test(m[0]) &&
      /\s/.test(text[end + 1] ?? '')
    ) {
      // A single capital with a full stop is an initial ("John F. Kennedy").
      end += 1
    }
    push(start, end, kindOf(m[0], group), spaceBefore)
    start = end
    i = end
  }
  return tokens
}

/** The tokenize stage: produces `tokens`. */
export const tokenize = (): Stage<'tokens'> => ({
  name: 'tokenize',
  needs: [],
  produces: 'tokens',
  run: (doc) => tokenizeText(doc.text),
})
