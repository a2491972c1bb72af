import titleData from '../data/person-titles.json' with { type: 'json' }
import lexicon from '../data/quantities.json' with { type: 'json' }
import type { Quantity, QuantityRole, Span, Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'

/**
 * The quantities stage: numbers with what they count.
 *
 * Readings (documented choices):
 * - "at least N" → low N, best N, high null; "more than / over N" → low = best = N+1 for whole counts
 *   (a count above 40 is at least 41; money and percent keep N), high null;
 * - "up to / as many as N" → low null, best N, high N; "fewer than N" → high N−1, best null;
 * - "about / around / some N" → best N, low/high N ∓ max(1, round(10% of N)); "nearly / almost N" →
 *   best N, low N − that spread, high N;
 * - ranges ("between 3 and 5", "3-5", "two or three") → low and high, best null;
 * - vague quantifiers ("dozens", "hundreds", "a handful") → the low/high in `src/data/quantities.json`.
 * - "a man was killed", "he was pronounced dead", "Jane Roe was shot dead", "killing him" → 1;
 *   "no one was hurt", "no injuries" → 0;
 * - "a fatal shooting", "the shooting death of", "took the life of" → killed low 1, best and high null (someone
 *   died, how many is not said); "a murder-suicide" → killed low 2, "a double murder-suicide" → killed 3, "a
 *   murder-suicide involving two adults and two children" → killed 4;
 *   "a double homicide" → killed 2;
 *   "a third person has died" → killed low 3, best 3 (the running toll);
 * - "two people were shot, one fatally" → dead_or_injured 2, killed 1, and a derived injured 1 whose span
 *   covers both figures;
 * - conjoined counts sharing a predicate ("three men and two women were hurt", headline "3 men, 1 woman
 *   wounded", "a mother and her two children", "two children, ages 3 and 5, and their mother") give each part
 *   and a total spanning the group, so a consumer that wants one figure per sentence should prefer the widest;
 * - "killed her two daughters before killing herself", "killed his wife and then took his own life": the
 *   victims and the killer's own death in one sentence add up to a total spanning both; so do the objects of
 *   two killings told in turn ("killed his girlfriend and then fatally shot three men": 4);
 * - "a man was killed and a woman was shot", "one died and four others were shot": someone newly introduced
 *   (a/an/another, "others") as shot after the dead of the same sentence survived → injured;
 * - "the shooting of a man and his son", "the shooting of five" → dead_or_injured (2, 5); "the bodies of two
 *   men" → killed 2.
 * - "taken to a hospital" → dead_or_injured for a group (the dead were taken too), injured for one person;
 *   "released from" or "treated at / in" a hospital → injured; the object of an active transfer ("the
 *   shooting that sent five people to the hospital has died") is read the same way, the death being the
 *   main clause's;
 * - an aside of ages between the counted phrase and its predicate does not break them apart ("three men,
 *   ages 19, 20, and 24, were shot", "four teens ages 14 to 17 were hurt").
 *
 * Roles: killed, injured, dead_or_injured ("shot", Gun Violence Archive usage), arrested, displaced, missing,
 * kidnapped, evacuated, participants, money, percent, other. A role comes from, in order: the word right
 * after the figure ("12 wounded"), a role verb governing it ("killing three soldiers"), a toll ("the death
 * toll rose to 12"), the predicate after the counted phrase ("… were later pronounced dead"), the counted
 * noun itself ("hostages"). Years, dates, times, ages, addresses, phone numbers, calibres and labels
 * ("Route 9", "Tower 22") are not counts. All vocabulary is in `src/data/quantities.json`.
 *
 * @module
 */

/** Options of the {@link quantities} stage. */
export interface QuantitiesOptions {
  /** Emit implied counts ("a man was killed" → 1 killed). Default true. */
  implied?: boolean
}

type Qualifier = 'atLeast' | 'moreThan' | 'upTo' | 'lessThan' | 'about' | 'nearly' | 'exactly'

interface Figure {
  /** Token range [first, last) of the number itself. */
  first: number
  last: number
  low: number | null
  best: number | null
  high: number | null
  /** A single stated figure (not a range or a vague quantifier). */
  exact: boolean
  /** Spelled out or vague: only kept when it counts something. */
  word: boolean
}

const split = (phrase: string): string[] => phrase.split(' ')

const UNITS = new Map(Object.entries(lexicon.units))
const TENS = new Map(Object.entries(lexicon.tens))
const SCALES = new Map(Object.entries(lexicon.scales))
/** Groups phrases by one of their words (longest first in each group), so a lookup costs one map access. */
const indexBy = <T extends { words: string[] }>(
  items: T[],
  key: (words: string[]) => string,
): Map<string, T[]> => {
  const map = new Map<string, T[]>()
  for (const item of items.sort((a, b) => b.words.length - a.words.length)) {
    const k = key(item.words)
    map.set(k, [...(map.get(k) ?? []), item])
  }
  return map
}
const first = (words: string[]): string => words[0]
const VAGUE = indexBy(
  Object.entries(lexicon.vague).map(([phrase, v]) => ({ words: split(phrase), ...v })),
  first,
)
const QUALIFIER_LIST = Object.entries(lexicon.qualifiers as Record<string, Qualifier>).map(
  ([phrase, kind]) => ({
    words: split(phrase),
    kind,
  }),
)
const QUALIFIERS_BY_LAST = indexBy(QUALIFIER_LIST, (words) => words[words.length - 1])
const QUALIFIERS_BY_FIRST = indexBy([...QUALIFIER_LIST], first)

const ROLE_OF = new Map<string, QuantityRole>()
for (const [role, forms] of Object.entries(lexicon.roles)) {
  for (const form of forms) ROLE_OF.set(form, role as QuantityRole)
}
const PHRASES = indexBy(
  Object.entries(lexicon.phrases as Record<string, QuantityRole>).map(([phrase, role]) => ({
    words: split(phrase),
    role,
  })),
  first,
)
const NONE: never[] = []
const TRANSITIVE = new Set(lexicon.transitive)
const TOLL_BRIDGE = new Set(lexicon.tollBridge)
const PEOPLE = new Set(lexicon.people)
const PRONOUNS = new Set(lexicon.pronouns)
const MULTIPLIERS = new Map(Object.entries(lexicon.multipliers))
const MULTIPLIED = new Map(Object.entries(lexicon.multiplied as Record<string, QuantityRole>))
const FILLERS = new Set(lexicon.fillers)
const NEGATORS = new Set(lexicon.negators)
const MEASURES = new Set(lexicon.measures)
const THINGS = new Set(lexicon.things)
const POSITIONS = new Set(lexicon.positions)
const STREETS = new Set(lexicon.streets)
const MONTHS = new Set(lexicon.months)
const WEEKDAYS = new Set(lexicon.weekdays)
const CURRENCIES = new Map(Object.entries(lexicon.currencies))
const PERCENTS = lexicon.percents.map(split)
const FUNCTION = new Set(lexicon.function)
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'his', 'her', 'their'])
/** Words before "shooting", "attack" that make it a noun rather than a verb taking an object. */
const NOUN_MARKERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'fatal', 'deadly', 'weekend'])
const FATAL_EVENTS = new Set(lexicon.fatalEvents)
const PARTITIVE = new Set(['them', 'whom', 'those', 'these', 'us'])
/** Role adjectives before a person noun: "the slain teen", "the wounded officer". */
const ATTRIBUTIVE = new Map(Object.entries(lexicon.attributive as Record<string, QuantityRole>))
/**
 * Nouns for one killing ("a homicide"), the nouns after them that make them a unit or statistic, and the
 * words a few tokens before them that make the killing intended, attempted or an earlier one.
 */
const FATAL_NOUNS = new Set(lexicon.fatalNouns)
const FATAL_NOUN_UNITS = new Set(lexicon.fatalNounUnits)
const FATAL_NOUN_NOT_AFTER = new Set(lexicon.fatalNounNotAfter)
const LIFE_VERBS = new Set([
  'claimed',
  'claiming',
  'claims',
  'took',
  'taking',
  'takes',
  'take',
  'cost',
  'costing',
])
const CASUALTY: ReadonlySet<QuantityRole> = new Set(['killed', 'injured', 'dead_or_injured'])

/** Plural forms of the one-person nouns, so "three officers" and "two women" are known count nouns. */
const IRREGULAR: Record<string, string> = {
  man: 'men',
  woman: 'women',
  person: 'people',
  child: 'children',
  policeman: 'policemen',
  policewoman: 'policewomen',
  gunman: 'gunmen',
  youth: 'youths',
  wife: 'wives',
}
const COUNT_NOUNS = new Set<string>(['people', 'persons', 'others', 'lives', 'victims', 'individuals'])
for (const noun of PEOPLE) COUNT_NOUNS.add(IRREGULAR[noun] ?? `${noun}s`)

const isDigits = (norm: string): boolean => /^\d[\d,]*(\.\d+)?$/.test(norm)
const isCapitalised = (text: string): boolean => /^\p{Lu}/u.test(text)
const numeric = (norm: string): number => Number.parseFloat(norm.replace(/,/g, ''))

/** What one sentence's tokens look like to the parser: norms plus the raw text for capitals. */
interface View {
  tokens: readonly Token[]
  text: string
  /** First and last (exclusive) token index of the sentence. */
  start: number
  end: number
}

const norm = (v: View, i: number): string => (i >= v.start && i < v.end ? v.tokens[i].norm : '')
const raw = (v: View, i: number): string => v.text.slice(v.tokens[i].span.start, v.tokens[i].span.end)

/** Length of the longest phrase of `phrases` starting at token i, or 0. */
const matchAt = (v: View, i: number, words: readonly string[]): boolean => {
  for (let k = 0; k < words.length; k++) if (norm(v, i + k) !== words[k]) return false
  return true
}

/** A spelled-out number ("forty-seven", "one hundred and twenty", "a thousand") starting at token i. */
const parseWords = (v: View, i: number): { value: number; last: number } | null => {
  let total = 0
  let current = 0
  let j = i
  // What the previous word was, so "twenty one" joins but "one two" does not.
  let prev: 'start' | 'unit' | 'ten' | 'hundred' | 'scale' | 'and' | 'a' = 'start'
  if ((norm(v, j) === 'a' || norm(v, j) === 'an') && SCALES.has(norm(v, j + 1))) {
    current = 1
    prev = 'a'
    j++
  }
  while (j < v.end) {
    const w = norm(v, j)
    const unit = UNITS.get(w)
    const ten = TENS.get(w)
    const scale = SCALES.get(w)
    const hyphen = w.includes('-') ? /^([a-z]+)-([a-z]+)$/.exec(w) : null
    const compound =
      hyphen && TENS.has(hyphen[1]) && UNITS.has(hyphen[2]) && (UNITS.get(hyphen[2]) ?? 0) < 10
        ? (TENS.get(hyphen[1]) ?? 0) + (UNITS.get(hyphen[2]) ?? 0)
        : undefined
    const opensGroup = prev === 'start' || prev === 'hundred' || prev === 'scale' || prev === 'and'
    if (unit !== undefined && (opensGroup || (prev === 'ten' && unit > 0 && unit < 10))) {
      current += unit
      prev = 'unit'
    } else if (ten !== undefined && opensGroup) {
      current += ten
      prev = 'ten'
    } else if (compound !== undefined && opensGroup) {
      current += compound
      prev = 'ten'
    } else if (scale === 100 && (prev === 'unit' || prev === 'ten' || prev === 'a')) {
      current *= 100
      prev = 'hundred'
    } else if (
      scale !== undefined &&
      scale > 100 &&
      (prev === 'unit' || prev === 'ten' || prev === 'hundred' || prev === 'a')
    ) {
      total += current * scale
      current = 0
      prev = 'scale'
    } else if (w === 'dozen' && (prev === 'unit' || prev === 'ten')) {
      current *= 12
      prev = 'scale'
    } else if (
      w === 'and' &&
      (prev === 'hundred' || prev === 'scale') &&
      (UNITS.has(norm(v, j + 1)) || TENS.has(norm(v, j + 1)) || /^[a-z]+-[a-z]+$/.test(norm(v, j + 1)))
    ) {
      prev = 'and'
    } else break
    j++
  }
  if (prev === 'start' || prev === 'a') return null
  // A trailing "and" ("a hundred and well-wishers") is not part of the number.
  return { value: total + current, last: prev === 'and' ? j - 1 : j }
}

/** A number (digits, words, a range or a vague quantifier) starting at token i. */
const parseFigure = (v: View, i: number): Figure | null => {
  if (i < v.start || i >= v.end) return null
  const w = norm(v, i)
  const t = v.tokens[i]
  for (const vague of VAGUE.get(w) ?? NONE) {
    if (matchAt(v, i, vague.words)) {
      // "a dozen" is exact enough to take qualifiers; "a dozen" followed by more number words is not vague.
      return {
        first: i,
        last: i + vague.words.length,
        low: vague.low,
        best: vague.best,
        high: vague.high,
        exact: false,
        word: true,
      }
    }
  }
  let value: number
  let last: number
  let word = false
  if (t.kind === 'number' && isDigits(w)) {
    value = numeric(w)
    last = i + 1
    const scale = SCALES.get(norm(v, last))
    if (scale !== undefined) {
      value *= scale
      last++
    } else if (norm(v, last) === 'dozen') {
      value *= 12
      last++
    }
  } else {
    const range = /^(\d{1,4})-(\d{1,4})$/.exec(w)
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])]
      // 555-1234 is a phone number; 3-2 is a score.
      if (b <= a || (range[1].length === 3 && range[2].length === 4)) return null
      return { first: i, last: i + 1, low: a, best: null, high: b, exact: false, word: false }
    }
    const spelled = parseWords(v, i)
    if (!spelled) return null
    value = spelled.value
    last = spelled.last
    word = true
  }
  // "two to three", "two or three", "3 to 5": a range when the second figure is larger.
  const joiner = norm(v, last)
  if ((joiner === 'to' || joiner === 'or' || joiner === '-') && norm(v, i - 1) !== 'from') {
    const second = last + 1 < v.end ? parseFigure(v, last + 1) : null
    if (second?.exact && second.best !== null && second.best > value) {
      return { first: i, last: second.last, low: value, best: null, high: second.best, exact: false, word }
    }
  }
  if (norm(v, i - 1) === 'between' && joiner === 'and') {
    const second = last + 1 < v.end ? parseFigure(v, last + 1) : null
    if (second?.exact && second.best !== null && second.best > value) {
      return {
        first: i - 1,
        last: second.last,
        low: value,
        best: null,
        high: second.best,
        exact: false,
        word,
      }
    }
  }
  return { first: i, last, low: value, best: value, high: value, exact: true, word }
}

/**
 * "shot 10/16/16", "3/4 of the victims": digits written against a slash and another number are a date or a
 * fraction, not a count.
 */
const isSlashed = (v: View, f: Figure): boolean => {
  const touches = (a: number, b: number): boolean =>
    a >= v.start && b < v.end && v.tokens[a].span.end === v.tokens[b].span.start
  const slashAfter = norm(v, f.last) === '/' && v.tokens[f.last + 1]?.kind === 'number'
  const slashBefore = norm(v, f.first - 1) === '/' && v.tokens[f.first - 2]?.kind === 'number'
  return (
    v.tokens[f.first].kind === 'number' &&
    ((slashAfter && touches(f.last - 1, f.last) && touches(f.last, f.last + 1)) ||
      (slashBefore && touches(f.first - 2, f.first - 1) && touches(f.first - 1, f.first)))
  )
}

/** Years, dates, times, ages, addresses, phone numbers and labels are not counts. */
const isNotACount = (v: View, f: Figure): boolean => {
  const i = f.first
  if (isSlashed(v, f)) return true
  const w = norm(v, i)
  const t = v.tokens[i]
  // "a fourteen year-old", "a 14 year-old": an age, in digits or words.
  if (
    SPLIT_AGE.test(norm(v, f.last)) ||
    (/^(year|month)s?$/.test(norm(v, f.last)) && norm(v, f.last + 1) === 'old')
  )
    return true
  if (t.kind !== 'number') return false
  // "aged 20, 21 and 25", "ages 3 and 5": every figure of an age list is an age.
  for (let k = i - 1; k >= Math.max(v.start, i - 6); k--) {
    const b = norm(v, k)
    if (AGE_HEADS.has(b)) return true
    if (b !== ',' && b !== 'and' && v.tokens[k].kind !== 'number') break
  }
  const value = numeric(w)
  const prev = norm(v, i - 1)
  const next = norm(v, f.last)
  if (MONTHS.has(prev) || MONTHS.has(next)) return true
  if (POSITIONS.has(prev) || prev === '#') return true
  // "called 911", "a 911 call": an emergency number, not a count.
  if (CALLING.has(prev) || (value === 911 && CALLING.has(next))) return true
  if (prev === 'aged' || prev === 'age' || prev === 'ages') return true
  if (prev === 'of' && (norm(v, i - 2) === 'ages' || norm(v, i - 2) === 'age')) return true
  // Times: 7:30, 7 p.m.; calibres: .45
  if ((next === ':' || next === '.') && v.tokens[f.last] && !v.tokens[f.last].spaceBefore) {
    if (/^\d/.test(norm(v, f.last + 1)) && !v.tokens[f.last + 1].spaceBefore) return true
  }
  // The segmenter may split ".45" or "7:30" at the point, so look past the sentence start here.
  const glued = i > 0 && !t.spaceBefore ? v.tokens[i - 1].norm : ''
  if (glued === ':' || glued === '.') return true
  // Ids and phone numbers: long digit strings without separators.
  if (/^\d{5,}$/.test(w)) return true
  // Years: a four-digit figure 1800–2100 unless it plainly counts people.
  if (/^\d{4}$/.test(w) && value >= 1800 && value <= 2100 && !COUNT_NOUNS.has(next)) return true
  // "8 yo girl": an abbreviated age.
  if (next === 'yo' || next === 'y.o.') return true
  // "12 year-old", "3 years old", "18 months old".
  if (/^(year|month|week|day)s?-old$/.test(next)) return true
  if (/^(year|month|week|day)s?$/.test(next) && norm(v, f.last + 1) === 'old') return true
  // "Tower 22 base", "Flight 370": a figure after a capitalised name word is a label, unless a role follows
  // or the word is a role verb or a function word in a title-case headline ("Gunman Kills 3", "Charged With 3
  // Counts of Murder").
  if (
    i > v.start &&
    v.tokens[i - 1].kind === 'word' &&
    isCapitalised(raw(v, i - 1)) &&
    prev !== 'no.' &&
    !FUNCTION.has(prev)
  ) {
    const sentenceStart = i - 1 === v.start || v.tokens[i - 2].kind === 'punct'
    if (
      !sentenceStart &&
      !TRANSITIVE.has(prev) &&
      !ROLE_OF.has(prev) &&
      !ROLE_OF.has(next) &&
      !COUNT_NOUNS.has(next)
    ) {
      if (!QUALIFIERS_BY_LAST.has(prev) && !MONTHS.has(prev) && !UNITS.has(next) && !roleAt(v, f.last))
        return true
    }
  }
  // "(23)", "(555)".
  if (prev === '(' && next === ')') return true
  // "Smith, 23, of Springfield", "the toddler, 2, and his grandfather": an age after a name or a person noun;
  // "two men, 18 and 20, and a woman": each figure of an age list after people.
  let opener = i - 1
  if (prev === 'and' || prev === ',') {
    while (opener > v.start && opener > i - 8) {
      const b = v.tokens[opener - 1]
      if (b.kind !== 'number' && b.norm !== ',' && b.norm !== 'and') break
      opener--
    }
    while (opener < i - 1 && norm(v, opener) !== ',') opener++
  }
  if (norm(v, opener) === ',' && value <= 120 && Number.isInteger(value) && opener - 1 >= v.start) {
    const before = v.tokens[opener - 1]
    const people = PEOPLE.has(before.norm) || COUNT_NOUNS.has(before.norm)
    if (
      before.kind === 'word' &&
      (isCapitalised(raw(v, opener - 1)) || people) &&
      ([',', ')', '.', ';', 'and', ''].includes(next) || (FUNCTION.has(next) && next !== 'of'))
    )
      return true
  }
  // "123 Main Street", "the 1200 block of".
  if (next === 'block') return true
  if (f.last < v.end && isCapitalised(raw(v, f.last))) {
    for (let k = f.last; k < Math.min(v.end, f.last + 4); k++) if (STREETS.has(norm(v, k))) return true
  }
  return false
}

const PARTITIVE_HEADS = new Set([
  'one',
  'each',
  'all',
  'none',
  'some',
  'most',
  'two',
  'three',
  'both',
  'another',
])

/** Whether the figure at token i follows "one of (the)", "two of": it names a group, not a count. */
const isGroupOfPartitive = (v: View, i: number): boolean => {
  let j = i - 1
  if (norm(v, j) === 'the' || norm(v, j) === 'those' || norm(v, j) === 'these') j--
  if (norm(v, j) !== 'of') return false
  const head = v.tokens[j - 1]
  return j - 1 >= v.start && (PARTITIVE_HEADS.has(head.norm) || head.kind === 'number')
}

/** The qualifier ending just before token i, if any. */
const findQualifier = (v: View, i: number): { kind: Qualifier; first: number } | null => {
  for (const q of QUALIFIERS_BY_LAST.get(norm(v, i - 1)) ?? NONE) {
    const first = i - q.words.length
    if (first >= v.start && matchAt(v, first, q.words)) return { kind: q.kind, first }
  }
  return null
}

/** Verb forms of shooting that "at" turns into firing at a target ("shot at two officers"). */
const SHOOT_FORMS = new Set(['shot', 'shoot', 'shoots', 'shooting'])
const TARGET_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me', 'police', 'officers', 'deputies'])

/**
 * "were shot at", "shot at two officers": fired at, not necessarily hit. "Shot at a party", "shot at
 * close range", "shot at least twice" are still shootings: only nothing, a pronoun or people after "at"
 * make the target reading.
 */
const firedAt = (v: View, i: number): boolean => {
  if (!SHOOT_FORMS.has(norm(v, i)) || norm(v, i + 1) !== 'at') return false
  const j = i + 2
  if (j >= v.end || v.tokens[j].kind === 'punct' || norm(v, j) === 'but' || norm(v, j) === 'by') return true
  if (TARGET_PRONOUNS.has(norm(v, j))) return true
  if (norm(v, j) === 'least' || norm(v, j) === 'close' || norm(v, j) === 'point-blank') return false
  const figure = parseFigure(v, j)
  if (figure?.exact) {
    const counted = findCounted(v, figure.last)
    return !!counted && (COUNT_NOUNS.has(counted.noun) || PEOPLE.has(counted.noun))
  }
  return PERSON_DETERMINERS.has(norm(v, j)) && personNoun(v, j + 1) >= 0
}

/** A role phrase or word at token i: its role and the token after it. */
const roleAt = (v: View, i: number): { role: QuantityRole; last: number } | null => {
  if (firedAt(v, i)) return null
  for (const p of PHRASES.get(norm(v, i)) ?? NONE)
    if (matchAt(v, i, p.words)) return { role: p.role, last: i + p.words.length }
  // "fatally shot", "fatally wounding": one role that ends after the verb, so the verb's object is seen.
  if (norm(v, i) === 'fatally' && CASUALTY.has(ROLE_OF.get(norm(v, i + 1)) ?? 'other'))
    return { role: 'killed', last: i + 2 }
  const role = ROLE_OF.get(norm(v, i))
  return role ? { role, last: i + 1 } : null
}

/** "shot and killed", "shot and wounded": the more specific of two joined role words wins. */
const refine = (
  v: View,
  found: { role: QuantityRole; last: number },
): { role: QuantityRole; last: number } => {
  const joiner = norm(v, found.last)
  if (found.role !== 'dead_or_injured' || (joiner !== 'and' && joiner !== ',' && joiner !== '&')) return found
  // "shot and killed", "shot, killed", "shot and critically wounded".
  let k = found.last + 1
  if (/^[a-z]+ly$/.test(norm(v, k)) && norm(v, k) !== 'fatally') k++
  const next = roleAt(v, k)
  return next && CASUALTY.has(next.role) ? next : found
}

/** The counted noun after a figure: "three Palestinian civilians" → civilians; "two of them" → them. */
const findCounted = (v: View, from: number): { noun: string; index: number; last: number } | null => {
  let j = from
  if (norm(v, j) === 'of') {
    j++
    const det = norm(v, j)
    // "two of those men": the noun after the demonstrative is what is counted.
    if ((det === 'those' || det === 'these') && COUNT_NOUNS.has(norm(v, j + 1)))
      return { noun: norm(v, j + 1), index: j + 1, last: j + 2 }
    if (PARTITIVE.has(det)) return { noun: det, index: j, last: j + 1 }
    if (DETERMINERS.has(det) || det === 'those') j++
    // "one of (the) two men": the group's own figure is skipped.
    const group = parseFigure(v, j)
    if (group) j = group.last
  }
  const run: number[] = []
  while (j < v.end && run.length < 5) {
    const t = v.tokens[j]
    const w = t.norm
    if (t.kind !== 'word' || FUNCTION.has(w) || NEGATORS.has(w) || MONTHS.has(w) || WEEKDAYS.has(w)) break
    if (MEASURES.has(w)) {
      if (run.length === 0) return { noun: w, index: j, last: j + 1 }
      break
    }
    // "1 shooting victim": the event word modifies the counted noun.
    const modifier = (w === 'shooting' || w === 'gunshot' || w === 'stabbing') && VICTIMS.has(norm(v, j + 1))
    if (roleAt(v, j) && !COUNT_NOUNS.has(w) && !modifier) break
    // "911 caller's father": the figure modifies a possessor, so it counts nothing here.
    if (w === "'s" || w === "'") return null
    run.push(j)
    j++
    if (COUNT_NOUNS.has(w)) break
  }
  if (run.length === 0) return null
  let pick = run[0]
  for (const k of run) if (!/(ed|ing|ly)$/.test(norm(v, k))) pick = k
  return { noun: norm(v, pick), index: pick, last: pick + 1 }
}

/** Openers of an aside and the token that closes it. */
const ASIDES = new Map([
  [',', ','],
  ['-', '-'],
  ['(', ')'],
])
/** "23-year-old", "two-month-old": an age used as a modifier or as the person itself. */
const AGE_PATTERN = /^[a-z0-9]+(-[a-z]+)?-(year|month|week|day)s?-old$/
const AGE_WORD = { test: (w: string): boolean => w.endsWith('-old') && AGE_PATTERN.test(w) }
/** The second half of an age written apart from its figure: "14 year-old", "fourteen years-old". */
const SPLIT_AGE = /^(year|month|week|day)s?-olds?$/
/** "a 2 year old died", "a 14-year old": the "old" of an age written without its hyphens, after its unit. */
const isSplitOld = (v: View, j: number): boolean =>
  norm(v, j) === 'old' && /(?:^|-)(?:year|month|week|day)s?$/.test(norm(v, j - 1))
const TRANSFERS = new Set(lexicon.transfers)
const HOSPITALS = new Set(lexicon.hospitals)
const MORE = new Set(['more', 'other', 'additional', 'extra', 'separate'])
const WOUNDS = new Set(['wounds', 'wound', 'injuries', 'injury', 'graze'])
/** A condition said of the counted people: "Woman critical after shooting", "the boy is stable". */
const CONDITIONS = new Set(['critical', 'stable', 'serious'])
const SUFFERED = new Set(lexicon.sufferedVerbs)
const HAVE = new Set(['have', 'has', 'had'])
const BODY = new Set(lexicon.bodyParts)
const MODALS = new Set(['could', 'would', 'might', 'may', 'should', "could've", "would've"])
const VICTIMS = new Set(['victim', 'victims', 'survivor', 'survivors'])
/** Verbs that report what someone said: "a man who said his son had been shot". */
const REPORTING = new Set(['said', 'says', 'told', 'tells', 'reported', 'reports'])
/** Words that open a clause of their own: an auxiliary after them is not the subject's. */
const CLAUSE_OPENERS = new Set([
  'after',
  'before',
  'when',
  'while',
  'as',
  'because',
  'since',
  'until',
  'where',
  'and',
  'but',
  'who',
  'that',
  'which',
])
const SURVIVED = new Set(['survived', 'survives'])
/** Words before "victims" that say they were shot: "gunshot victims", "shooting victims". */
const SHOT_VICTIM = new Set(['gunshot', 'shooting'])
const SUBJECT_PREPOSITIONS = new Set([
  'in',
  'inside',
  'at',
  'near',
  'on',
  'outside',
  'from',
  'aboard',
  'with',
])
const AUXILIARIES = new Set([
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'being',
  'got',
  'get',
  'gets',
  'getting',
])
const OBJECT_STARTS = new Set([
  'a',
  'an',
  'another',
  'the',
  'his',
  'her',
  'their',
  'its',
  'him',
  'them',
  'me',
  'us',
  'this',
  'that',
])

/** Whether an object starts at token j: "killed [a man]", "shot [two people]", "wounded [at least 40]". */
const startsObject = (v: View, j: number): boolean => {
  if (j >= v.end) return false
  const w = norm(v, j)
  if (OBJECT_STARTS.has(w) || parseFigure(v, j) || AGE_WORD.test(w) || PEOPLE.has(w) || COUNT_NOUNS.has(w))
    return true
  // "killed over 20 people", but not "killed over the weekend": a qualifier starts an object before a figure.
  for (const q of QUALIFIERS_BY_FIRST.get(norm(v, j)) ?? NONE)
    if (matchAt(v, j, q.words) && (j + q.words.length >= v.end || parseFigure(v, j + q.words.length)))
      return true
  // A capitalised name starts an object, a capitalised preposition of a title-case headline ("Killed In") not.
  return (
    v.tokens[j].kind === 'word' &&
    isCapitalised(raw(v, j)) &&
    !FUNCTION.has(w) &&
    !MONTHS.has(norm(v, j)) &&
    !WEEKDAYS.has(norm(v, j))
  )
}

const DIED = new Set(['died', 'dies', 'succumbed'])
const CALLING = new Set([
  'call',
  'called',
  'calling',
  'calls',
  'caller',
  'callers',
  'dial',
  'dialed',
  'dialled',
  'dialing',
  'dispatcher',
  'dispatchers',
  'operator',
])
const LOCATIVES = new Set(['in', 'at', 'on', 'by', 'near', 'outside', 'inside', 'across', 'from'])
const PRONOUNCED = new Set(['pronounced', 'declared'])
const DEAD = new Set(['dead', 'deceased'])

/** "taken to the hospital, where he died": a hospital or condition phrase followed closely by a death. */
const diedLater = (v: View, from: number): boolean => {
  for (let k = from; k < v.end && k < from + 16; k++) {
    const w = norm(v, k)
    // "where he died", "where he was pronounced dead / deceased", "where she passed away".
    if (DIED.has(w) || (PRONOUNCED.has(w) && DEAD.has(norm(v, k + 1)))) return true
    if (w === 'passed' && norm(v, k + 1) === 'away') return true
    // "shot in the head, killed", "shot in the chest and killed".
    if (w === 'killed' && (norm(v, k - 1) === ',' || norm(v, k - 1) === 'and')) return true
    // "shot several times and died": a figure of shots is no one else.
    const figure = parseFigure(v, k)
    if (w === '.' || w === ';' || (figure && !MEASURES.has(norm(v, figure.last)))) return false
    // Someone else dying: "three were hurt and a teenager died", "where the 19-year-old died"; "in a
    // shooting" is no one.
    if (PEOPLE.has(w) || AGE_WORD.test(w)) return false
    if ((w === 'a' || w === 'an' || w === 'another') && personNoun(v, k + 1) >= 0) return false
  }
  return false
}

/** Verbs that carry a shot person's state after "but" or "and": "shot but is in stable condition". */
const LIVING_AUX = new Set(['is', 'was', 'are', 'were', 'remains', 'remained', 'remain'])
/** "expected to be OK": words for a person told well. */
const WELL = new Set(['ok', 'okay', 'fine', 'alright'])

/**
 * "was shot but is in stable condition", "were shot and are expected to be OK": a second predicate on the
 * same subject telling them alive makes a shooting an injury.
 */
const livedOn = (v: View, from: number): boolean => {
  for (let k = from; k < v.end && k < from + 8; k++) {
    const w = norm(v, k)
    if ((w === 'but' || w === 'and') && LIVING_AUX.has(norm(v, k + 1))) {
      let m = k + 2
      while (m < v.end && m < k + 5 && /^[a-z]+ly$|^(?:now|still|also|listed)$/.test(norm(v, m))) m++
      if (norm(v, m) === 'in' && inCondition(v, m)) return true
      if (norm(v, m) === 'alive' || norm(v, m) === 'recovering') return true
      if (beingTreated(v, m)) return true
      if (norm(v, m) !== 'expected' || norm(v, m + 1) !== 'to') return false
      const next = norm(v, m + 2)
      return RECOVERIES.has(next) || next === 'live' || (next === 'be' && WELL.has(norm(v, m + 3)))
    }
    if (w === '.' || w === ';' || parseFigure(v, k)) return false
  }
  return false
}

/** "is being treated at a hospital", "was treated for a wound": cared for, so alive. */
const beingTreated = (v: View, m: number): boolean =>
  (norm(v, m) === 'being' && TREATED.has(norm(v, m + 1))) || norm(v, m) === 'treated'

/** "dead" or "to death" at token k, closing "shot him dead", "shot a man to death". */
const shotDeadAfter = (v: View, k: number): boolean =>
  norm(v, k) === 'dead' || (norm(v, k) === 'to' && norm(v, k + 1) === 'death')

/**
 * "The victims, a 20-year-old man and a 31-year-old woman, were shot": people named in an aside after a
 * plural group noun share the group's predicate after the closing comma. `from` opens the aside's person,
 * `next` is the token after it.
 */
const appositiveRole = (v: View, from: number, next: number): QuantityRole | null => {
  if (norm(v, from - 1) !== ',' || norm(v, next) !== ',') return null
  const group = norm(v, from - 2)
  if (!(COUNT_NOUNS.has(group) || (PEOPLE.has(group) && group.endsWith('s')))) return null
  return rolePredicate(v, next + 1)?.role ?? null
}

/** Modals that hedge what was reported, unlike "could have", which tells what did not happen. */
const HEDGES = new Set(['may', 'might'])

/** "may have been", "might have been": a hedge before a passive. */
const hedgedPassive = (v: View, j: number): boolean =>
  HEDGES.has(norm(v, j)) && norm(v, j + 1) === 'have' && norm(v, j + 2) === 'been'

/** "survived but": a survival verb opening a second predicate on the same subject. */
const survivedBut = (v: View, j: number): boolean => SURVIVED.has(norm(v, j)) && norm(v, j + 1) === 'but'

/** "was shot but survived": a survival word shortly after a shooting makes it an injury. */
const survived = (v: View, from: number): boolean => {
  for (let k = from; k < v.end && k < from + 8; k++) {
    const w = norm(v, k)
    if (w === 'survived' || w === 'survives') return true
    if (w === '.' || w === ';' || parseFigure(v, k)) return false
  }
  return false
}

/** "suffering from a gunshot wound", "hit in the leg": a gunshot or a wound to the body within a few words. */
const gunshotWound = (v: View, j: number): { role: QuantityRole; last: number } | null => {
  const have = HAVE.has(norm(v, j))
  if (!SUFFERED.has(norm(v, j)) && !have) return null
  let fatal = false
  let survivable = false
  let wound = -1
  // "sustained what police say are minor injuries": a reported clause before the wound takes a few words.
  const reach = norm(v, j + 1) === 'what' ? 10 : 6
  for (let k = j + 1; k < v.end && k < j + reach; k++) {
    const w = norm(v, k)
    if (w === 'fatal' || w === 'deadly') fatal = true
    // "nonfatal gunshot wounds", "non-life-threatening gunshot wounds": hurt, not killed.
    if (NONFATAL.test(w)) survivable = true
    // "has died from his wounds": the verb after "has" says what happened.
    if (have && ROLE_OF.has(w) && !WOUNDS.has(w)) return null
    // "suffered non-life-threatening injuries", "have serious injuries": hurt, unless a body part follows
    // ("suffered injuries to the head", read as shot below).
    if (WOUNDS.has(w) && norm(v, k - 1) !== 'gunshot' && norm(v, k - 1) !== 'bullet') wound = k + 1
    // "had a gun in his hand" is no wound.
    if (have) continue
    // "hit in the leg", "suffered a gunshot wound", "hit by gunfire", "struck by a stray bullet".
    // "four people were hit in an overnight shooting": hit in the shooting itself.
    const inShooting =
      (w === 'shooting' || w === 'shootout') && norm(v, j) === 'hit' && norm(v, j + 1) === 'in'
    const fire =
      inShooting || ((w === 'gunfire' || w === 'bullet' || w === 'bullets') && !WOUNDS.has(norm(v, k + 1)))
    if (BODY.has(w) || fire || ((w === 'gunshot' || w === 'bullet') && WOUNDS.has(norm(v, k + 1)))) {
      return { role: fatal ? 'killed' : survivable ? 'injured' : 'dead_or_injured', last: k + 1 }
    }
    if (v.tokens[k].kind === 'punct' && w !== '-') break
  }
  return wound < 0 ? null : { role: fatal ? 'killed' : 'injured', last: wound }
}
/** "nonfatal", "non-fatal", "non-life-threatening", "non-critical": a wound the victim survives. */
const NONFATAL = /^non-?(?:fatal|life-threatening|critical)$/

/** "… in stable condition": a state of the living told within a few words of token j. */
const inCondition = (v: View, j: number): boolean => {
  for (let k = j; k < v.end && k < j + 8; k++) {
    if (norm(v, k) === 'condition' || norm(v, k) === 'conditions') return true
    if (v.tokens[k].kind === 'punct' && norm(v, k) !== ',') return false
  }
  return false
}

/**
 * The wound told within a few words of token j: 'gunshot' ("with gunshot wounds", "a bullet wound": shot,
 * perhaps fatally), 'wound' ("with minor injuries": hurt), or null.
 */
const woundAfter = (v: View, j: number): 'gunshot' | 'wound' | null => {
  for (let k = j; k < v.end && k < j + 8; k++) {
    if (norm(v, k) === 'gunshot' || (norm(v, k) === 'bullet' && WOUNDS.has(norm(v, k + 1)))) return 'gunshot'
    if (WOUNDS.has(norm(v, k))) return 'wound'
    if (v.tokens[k].kind === 'punct' && norm(v, k) !== ',') return null
  }
  return null
}

/** Reflexives after "drove": "drove themselves to a hospital". */
const SELVES = new Set(['themselves', 'himself', 'herself'])

/**
 * "showed up at the hospital", "arrived at", "walked into", "drove themselves to": someone who came to a
 * hospital on their own. The index of the token after the verb phrase, or -1.
 */
const arrivalAt = (v: View, j: number): number => {
  const w = norm(v, j)
  const next = norm(v, j + 1)
  if (
    (w === 'showed' || w === 'turned') &&
    next === 'up' &&
    (norm(v, j + 2) === 'at' || norm(v, j + 2) === 'to')
  )
    return j + 3
  if (
    (w === 'arrived' && next === 'at') ||
    (w === 'walked' && next === 'into') ||
    (w === 'went' && next === 'to')
  )
    return j + 2
  if ((w === 'drove' || w === 'drive') && SELVES.has(next) && norm(v, j + 2) === 'to') return j + 3
  return -1
}

/** Verbs of being cared for that, before "at"/"in" and a hospital word, say the person is alive and hurt. */
const TREATED = new Set(['treated', 'recovering', 'recuperating'])
/** "transported to Mercy Medical Center": a transfer to a hospital within a few words. */
const toHospital = (v: View, j: number): number => {
  // "released from area hospitals", "discharged from the hospital": treated there, so hurt.
  const released = (norm(v, j) === 'released' || norm(v, j) === 'discharged') && norm(v, j + 1) === 'from'
  // "being treated at a hospital", "recovering in the hospital": cared for there, so hurt.
  const cared = TREATED.has(norm(v, j)) && (norm(v, j + 1) === 'at' || norm(v, j + 1) === 'in')
  const arrived = arrivalAt(v, j)
  if (arrived > 0) {
    // Coming to a hospital is being hurt only with the wound told ("with gunshot wounds"): four teens who
    // showed up at a hospital may have brought one victim.
    for (let k = arrived; k < v.end && k < arrived + 5; k++) {
      if (HOSPITALS.has(norm(v, k))) return woundAfter(v, k + 1) ? k + 1 : -1
      if (v.tokens[k].kind === 'punct') return -1
    }
    return -1
  }
  if (!released && !cared && (!TRANSFERS.has(norm(v, j)) || norm(v, j + 1) !== 'to')) return -1
  for (let k = j + 2; k < v.end && k < j + 8; k++) {
    if (HOSPITALS.has(norm(v, k))) return k + 1
    if (v.tokens[k].kind === 'punct') return -1
  }
  return -1
}

/**
 * The role from the predicate after a counted phrase: "… were later pronounced dead". An active transitive
 * verb with an object ("the gunman killed two people") makes the phrase the agent, not the counted victims.
 */
const rolePredicate = (
  v: View,
  from: number,
  group = false,
): { role: QuantityRole; index: number; last: number } | null => {
  let j = from
  let passive = false
  let skipped = false
  for (let steps = 0; j < v.end && steps < 7; steps++) {
    const found = roleAt(v, j)
    if (found) {
      const refined = refine(v, found)
      const verb = norm(v, refined.last - 1)
      // "shot dead a shop owner": a two-word verb is as transitive as its first word.
      const transitive = TRANSITIVE.has(verb) || TRANSITIVE.has(norm(v, j))
      if (!passive && transitive && startsObject(v, refined.last)) return null
      // "were shooting at each other": a progressive is active even after an auxiliary.
      if (passive && verb.endsWith('ing') && TRANSITIVE.has(verb) && refined.last - j === 1) return null
      if ((refined.role === 'injured' || refined.role === 'dead_or_injured') && diedLater(v, refined.last))
        return { role: 'killed', last: refined.last, index: j }
      if (refined.role === 'dead_or_injured' && (survived(v, refined.last) || livedOn(v, refined.last))) {
        return { role: 'injured', last: refined.last, index: j }
      }
      return { ...refined, index: j }
    }
    const w = norm(v, j)
    // "three men, ages 19, 20 and 24, were shot", "two men, 18 and 20, were hurt": an aside of ages, whose
    // own commas do not close it.
    if (w === ',' && !skipped && skipAgeAside(v, j) !== j) {
      skipped = true
      j = skipAgeAside(v, j) + 1
      continue
    }
    // "three men ages 19 to 24 were shot": ages told without commas.
    if (steps === 0 && AGE_HEADS.has(w) && v.tokens[j + 1]?.kind === 'number' && j + 1 < v.end) {
      let k = j + 1
      while (k + 1 < v.end && AGE_LIST.has(norm(v, k + 1)) && v.tokens[k + 2]?.kind === 'number') k += 2
      skipped = true
      j = k + 1
      continue
    }
    const close = ASIDES.get(w)
    if (close && !skipped) {
      // An appositive or aside: "the victim, aged 23, died"; "five children – ages 11 to 15 – were shot".
      skipped = true
      // "four juveniles -- including two children -- were hurt": a doubled dash opens and closes it.
      const doubled = w === '-' && norm(v, j + 1) === '-' ? 1 : 0
      let k = j + 1 + doubled
      while (k < v.end && k < j + 14 && norm(v, k) !== close && v.tokens[k].kind !== 'punct') k++
      if (norm(v, k) !== close) return null
      j = k + 1 + doubled
      continue
    }
    // "the other two survived but were also hit": the predicate after "but" says how they were hurt.
    // "four people may have been injured": a hedged count of the hurt is still the count told.
    if (!passive && hedgedPassive(v, j)) {
      const rest = rolePredicate(v, j + 2, group)
      return rest?.role === 'injured' || rest?.role === 'dead_or_injured' ? rest : null
    }
    if (!passive && survivedBut(v, j)) {
      const rest = rolePredicate(v, j + 2, group)
      return rest?.role === 'dead_or_injured' ? { ...rest, role: 'injured' } : rest
    }
    if (NEGATORS.has(w)) return null
    if (CONDITIONS.has(w) && norm(v, j + 1) !== 'of' && norm(v, j + 1) !== 'about') {
      return { role: 'injured', last: j + 1, index: j }
    }
    const hospital = toHospital(v, j)
    // "five people were taken to hospitals" counts those who died there too, like a figure of the shot;
    // one person taken there, a group said to be "in stable condition" or one released from there, is hurt.
    if (hospital > 0) {
      // Whoever was treated there is alive; whoever came on their own with a gunshot wound was shot.
      if (arrivalAt(v, j) > 0) {
        const role = woundAfter(v, hospital) === 'gunshot' ? 'dead_or_injured' : 'injured'
        return { role: diedLater(v, hospital) ? 'killed' : role, last: hospital, index: j }
      }
      const released = norm(v, j) === 'released' || norm(v, j) === 'discharged' || TREATED.has(norm(v, j))
      const taken = group && !released && !inCondition(v, hospital) ? 'dead_or_injured' : 'injured'
      return { role: diedLater(v, hospital) ? 'killed' : taken, last: hospital, index: j }
    }
    const gunshot = gunshotWound(v, j)
    if (gunshot) return { ...gunshot, index: j }
    // "four men who had sustained gunshot wounds": a relative clause telling the wound is the predicate.
    if ((w === 'who' || w === 'that') && !passive) {
      const told = gunshotWound(v, j + 1) ?? (HAVE.has(norm(v, j + 1)) ? gunshotWound(v, j + 2) : null)
      // "a child who suffered critical injuries … has died": a death told after the clause is the predicate.
      const died =
        told && v.tokens.slice(told.last, v.end).some((_, k) => roleAt(v, told.last + k)?.role === 'killed')
      if (told && !died) return { ...told, index: j }
    }
    // "all four people involved in a shooting have died": "involved" opens the phrase after the subject.
    if (w === 'involved' && steps === 0 && SUBJECT_PREPOSITIONS.has(norm(v, j + 1))) {
      j++
      continue
    }
    const relative = (w === 'who' || w === 'that') && !AUXILIARIES.has(norm(v, j + 1)) && !roleAt(v, j + 1)
    // "a man driving a car was shot", "two men standing outside were wounded": a participle phrase.
    const participle = steps === 0 && /^[a-z]{2,}ing$/.test(w) && !AUXILIARIES.has(w) && !roleAt(v, j)
    if ((SUBJECT_PREPOSITIONS.has(w) || relative || participle) && !passive && !skipped) {
      // A phrase after the subject ("two men inside the car were killed"): skip to an auxiliary nearby.
      skipped = true
      let k = j + 1
      const verbAt = (x: number): boolean =>
        AUXILIARIES.has(norm(v, x)) || DIED.has(norm(v, x)) || HAVE.has(norm(v, x))
      while (k < v.end && k < j + 7 && !verbAt(k)) {
        // "in the Elm Road shooting": an event noun inside the phrase, after a determiner or a name.
        const eventNoun =
          norm(v, k).endsWith('ing') && (DETERMINERS.has(norm(v, k - 1)) || isCapitalised(raw(v, k - 1)))
        if (v.tokens[k].kind === 'punct' || (roleAt(v, k) && !eventNoun) || parseFigure(v, k)) return null
        // "two suspects running away after a boy was shot", "a man who said his son had been shot": the
        // auxiliary is another clause's, or another subject's.
        if (participle && CLAUSE_OPENERS.has(norm(v, k))) return null
        if (relative && REPORTING.has(norm(v, k)) && DETERMINERS.has(norm(v, k + 1))) return null
        k++
      }
      // A headline drops the auxiliary: "Fourth victim in Elm Road shooting dies".
      if (!verbAt(k)) return null
      j = k
      continue
    }
    const alive = aliveAt(v, j, passive)
    if (alive > 0) return { role: 'injured', last: alive, index: j }
    // "was beaten in the face and shot in the foot": a second predicate on the same subject.
    if (!FILLERS.has(w) && !/^[a-z]+ly$/.test(w)) return passive ? joinedPredicate(v, j, group) : null
    if (AUXILIARIES.has(w)) passive = true
    j++
  }
  return null
}

/** Words that may stand between "and" and the second predicate of a subject: "and then was shot". */
const JOINED_ADVERBS = new Set(['then', 'later', 'also', 'was', 'were', 'is', 'are', 'got'])

/**
 * "Jane Roe was beaten in the face and shot in the foot", "her friend was with her at the bar and was shot
 * twice": after a first predicate that tells no casualty, "and" opens a second one on the same subject,
 * whose role is the subject's. The phrase before "and" is short and holds no clause, figure or role word;
 * a new subject after "and" ("and two men were shot") is someone else.
 */
const joinedPredicate = (
  v: View,
  j: number,
  group: boolean,
): { role: QuantityRole; index: number; last: number } | null => {
  for (let k = j; k < v.end && k < j + 8; k++) {
    const w = norm(v, k)
    if (w === 'and') {
      let m = k + 1
      while (m < k + 3 && JOINED_ADVERBS.has(norm(v, m))) m++
      if (!roleAt(v, m)) return null
      const rest = rolePredicate(v, k + 1, group)
      return rest && CASUALTY.has(rest.role) ? rest : null
    }
    if (v.tokens[k].kind !== 'word' || CLAUSE_OPENERS.has(w) || REPORTING.has(w) || roleAt(v, k)) return null
    if (parseFigure(v, k)) return null
  }
  return null
}

/** Verbs of living through a wound: "expected to survive", "expected to recover". */
const RECOVERIES = new Set(['survive', 'recover'])

/**
 * "All three victims were alive", "the other two are expected to survive": someone told alive after a
 * shooting, after an auxiliary, was hurt ("alive and well" was not). Returns the index after the phrase, or -1.
 */
const aliveAt = (v: View, j: number, passive: boolean): number => {
  if (!passive) return -1
  // "alive and well" says unhurt.
  if (norm(v, j) === 'alive') return norm(v, j + 1) === 'and' ? -1 : j + 1
  if (norm(v, j) === 'expected' && norm(v, j + 1) === 'to' && RECOVERIES.has(norm(v, j + 2))) return j + 3
  return expectedWell(v, j)
}

/** "expected to be OK", "expected to be fine": told well after a shooting. Returns the index after, or -1. */
const expectedWell = (v: View, j: number): number =>
  matchAt(v, j, ['expected', 'to', 'be']) && WELL.has(norm(v, j + 3)) ? j + 4 : -1

/** "the death toll rose to 12": a toll noun a few bridging words before the figure. */
const roleFromToll = (v: View, first: number): { role: QuantityRole; index: number } | null => {
  for (let j = first - 1, steps = 0; j >= v.start && steps < 6; j--, steps++) {
    const w = norm(v, j)
    if (w === 'toll') {
      const before = norm(v, j - 1)
      const role = before === 'injury' ? 'injured' : before === 'casualty' ? 'dead_or_injured' : 'killed'
      return { role, index: j }
    }
    if (!TOLL_BRIDGE.has(w)) return null
  }
  return null
}

/** Past participles of the role verbs that can open an inverted clause: "Also killed were …". */
const INVERTED_PARTICIPLES = new Set(['killed', 'slain', 'dead', 'wounded', 'injured', 'hurt', 'shot'])
/** Verbs that, like a copula, list who was in a group: "The dead included two children". */
const INCLUDED = new Set(['included', 'include', 'includes'])
/** Words before an inverted role participle that mark the inversion rather than a subject's predicate. */
const INVERSION_OPENERS = new Set(['also', 'those', 'others'])

/**
 * "Also killed was a 19-year-old", "Killed were two brothers", "Among those wounded were three officers":
 * a role participle and "was"/"were" before the phrase at token j + 1, the participle opening the clause
 * (or after "also", "those"), so the phrase after the copula is the one counted in that role.
 */
const invertedRole = (v: View, j: number): { role: QuantityRole; index: number; verb: string } | null => {
  const copula = norm(v, j) === 'was' || norm(v, j) === 'were'
  if (!copula && !INCLUDED.has(norm(v, j))) return null
  const participle = norm(v, j - 1)
  const role = ROLE_OF.get(participle)
  if (!INVERTED_PARTICIPLES.has(participle) || !role || !CASUALTY.has(role)) return null
  const k = j - 1
  const starts = (x: number): boolean => x < v.start || v.tokens[x].kind === 'punct'
  // "Among the dead were two children", "The wounded included a 15-year-old": the participle as a noun.
  const noun = norm(v, k - 1) === 'the' && (starts(k - 2) || norm(v, k - 2) === 'among')
  const opens = copula
    ? starts(k - 1) || INVERSION_OPENERS.has(norm(v, k - 1)) || noun
    : noun || (norm(v, k - 1) === 'those' && (starts(k - 2) || norm(v, k - 2) === 'among'))
  if (!opens) return null
  // "Those injured were 28 and 31 years old": ages said of them, not a count.
  for (let a = j + 2; a < v.end && a <= j + 6; a++)
    if (norm(v, a) === 'old' || norm(v, a) === 'years') return null
  return { role, index: k, verb: participle }
}

/** Prepositions that open a phrase between an inverted participle and its copula: "Injured in the attack were". */
const INVERSION_PHRASES = new Set(['in', 'during', 'at', 'by', 'from'])

/**
 * "Injured in the shooting were a 19-year-old and a 22-year-old", "Also killed in the attack was a guard": an
 * inverted role participle opening the clause, with a short prepositional phrase before its copula at j.
 */
const invertedAfterPhrase = (
  v: View,
  j: number,
): { role: QuantityRole; index: number; verb: string } | null => {
  if (norm(v, j) !== 'was' && norm(v, j) !== 'were') return null
  for (let p = j - 2; p >= v.start && p >= j - 6; p--) {
    if (v.tokens[p].kind !== 'word') return null
    if (!INVERSION_PHRASES.has(norm(v, p))) continue
    const k = p - 1
    const participle = norm(v, k)
    const role = ROLE_OF.get(participle)
    if (!INVERTED_PARTICIPLES.has(participle) || !role || !CASUALTY.has(role)) return null
    const opens = k === v.start || v.tokens[k - 1].kind === 'punct' || INVERSION_OPENERS.has(norm(v, k - 1))
    return opens ? { role, index: k, verb: participle } : null
  }
  return null
}

/** A transitive role verb just before the figure ("killing three soldiers"), not a noun ("the shooting"). */
const roleFromVerb = (v: View, first: number): { role: QuantityRole; index: number; verb: string } | null => {
  let j = first - 1
  const inverted = invertedRole(v, j) ?? invertedAfterPhrase(v, j)
  if (inverted) return inverted
  if (norm(v, j) === 'another' || norm(v, j) === 'additional') j--
  if (norm(v, j) === 'an' && norm(v, j + 1) === 'additional') j--
  if (matchAt(v, j - 2, ['a', 'total', 'of'])) j -= 3
  // "shot dead a pharmacy owner", "gunned down two men": a two-word role verb.
  if ((norm(v, j) === 'dead' || norm(v, j) === 'down') && j - 1 >= v.start) {
    const phrase = roleAt(v, j - 1)
    if (phrase && phrase.last === j + 1 && CASUALTY.has(phrase.role) && !NOUN_MARKERS.has(norm(v, j - 2))) {
      return { role: phrase.role, index: j - 1, verb: norm(v, j - 1) }
    }
  }
  // "killed his neighbor's two sons", "shot Jane Roe's three children": a possessor is a determiner.
  if (isPossessive(v, j)) j = possessorStart(v, j) - 1
  // "killing her two passengers", "shot his three children".
  if (norm(v, j) === 'his' || norm(v, j) === 'her' || norm(v, j) === 'their') j--
  const w = norm(v, j)
  if (!TRANSITIVE.has(w) || NOUN_MARKERS.has(norm(v, j - 1))) return null
  // "did not mean to hurt him", "might hurt him": an infinitive or a modal reports no casualty.
  // "pleaded guilty to killing two men": after "to" a gerund is no infinitive.
  if ((norm(v, j - 1) === 'to' && !w.endsWith('ing')) || MODALS.has(norm(v, j - 1))) return null
  // "could have killed her": a counterfactual reports no casualty.
  const modal = /^[a-z]+ly$/.test(norm(v, j - 2)) ? norm(v, j - 3) : norm(v, j - 2)
  if (norm(v, j - 1) === 'have' && MODALS.has(modal)) return null
  // "fatally wounding", "fatally shot": the adverb says they died.
  if (norm(v, j - 1) === 'fatally' && CASUALTY.has(ROLE_OF.get(w) ?? 'other'))
    return { role: 'killed', index: j, verb: w }
  const role = ROLE_OF.get(w)
  return { role: role ?? 'other', index: j, verb: w }
}

const spread = (n: number): number => Math.max(1, Math.round(n * 0.1))
/** A decimal bound without binary noise: 53.1 ∓ 10% is 47.79–58.41, not 58.410000000000004. */
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6

/** Applies a qualifier to a figure's bounds (see the module comment for the readings). */
const qualify = (
  f: Figure,
  kind: Qualifier | null,
  whole: boolean,
): Pick<Quantity, 'low' | 'best' | 'high'> => {
  const n = f.best ?? f.low
  if (kind === null || n === null || kind === 'exactly') return { low: f.low, best: f.best, high: f.high }
  switch (kind) {
    case 'atLeast':
      return { low: f.low, best: f.best, high: null }
    case 'moreThan': {
      const low = whole && f.exact ? n + 1 : n
      return { low, best: f.best === null ? null : low, high: null }
    }
    case 'upTo':
      return { low: null, best: f.best ?? f.high, high: f.high }
    case 'lessThan':
      return { low: null, best: null, high: whole && f.exact ? n - 1 : n }
    case 'about': {
      if (!f.exact) return { low: f.low, best: f.best, high: f.high }
      const s = whole ? spread(n) : n * 0.1
      return { low: tidy(n - s), best: n, high: tidy(n + s) }
    }
    case 'nearly': {
      if (!f.exact) return { low: f.low, best: f.best, high: f.high }
      const s = whole ? spread(n) : n * 0.1
      return { low: tidy(n - s), best: n, high: n }
    }
  }
}

const span = (v: View, first: number, last: number): Span => ({
  start: v.tokens[first].span.start,
  end: v.tokens[last - 1].span.end,
})

const make = (
  v: View,
  first: number,
  last: number,
  bounds: Pick<Quantity, 'low' | 'best' | 'high'>,
  counted: string,
  role: QuantityRole,
  countedIndex: number | null,
): Quantity => {
  const s = span(v, first, last)
  const q: Quantity = { span: s, text: v.text.slice(s.start, s.end), ...bounds, counted, role }
  if (countedIndex !== null) q.countedSpan = { ...v.tokens[countedIndex].span }
  return q
}

/** A counted noun that is a plural or a person: "one of the best" and "three times" count nothing. */
const countsThings = (counted: string): boolean =>
  counted !== '' &&
  !MEASURES.has(counted) &&
  (COUNT_NOUNS.has(counted) || PEOPLE.has(counted) || /[^s]s$/.test(counted))

const POSSESSIVES = new Set(['his', 'her', 'their'])

/** One conjoined counted phrase at token i ("two women", "a 13-year-old boy"): its value and end. */
const conjunctAt = (v: View, i: number): { value: number; next: number } | null => {
  // "a mother and her two children", "a father and the two teenage daughters": a possessive or "the" before
  // the figure.
  const own = (POSSESSIVES.has(norm(v, i)) || norm(v, i) === 'the') && parseFigure(v, i + 1) ? 1 : 0
  const figure = parseFigure(v, i + own)
  if (figure) {
    if (!figure.exact || figure.best === null) return null
    // "a woman and two of her children": a part of someone's group is another conjunct; "two children, one
    // of them fatally" is a part of the group already counted.
    const ofOwn = norm(v, figure.last) === 'of' && POSSESSIVES.has(norm(v, figure.last + 1))
    if (norm(v, figure.last) === 'of' && !ofOwn) return null
    const counted = findCounted(v, ofOwn ? figure.last + 2 : figure.last)
    if (!counted || MEASURES.has(counted.noun) || roleAt(v, counted.index)) return null
    return { value: figure.best, next: counted.last }
  }
  if (PERSON_DETERMINERS.has(norm(v, i)) || norm(v, i) === 'another' || norm(v, i) === 'their') {
    const noun = personNoun(v, i + 1)
    if (noun >= 0) return { value: 1, next: noun + 1 }
  }
  // "killed four classmates and himself"
  if (norm(v, i) === 'himself' || norm(v, i) === 'herself' || norm(v, i) === 'self')
    return { value: 1, next: i + 1 }
  // A bare one-person noun in a list: "his mother, stepfather and grandmother", "a woman and 3-year-old child".
  if (PEOPLE.has(norm(v, i)) || AGE_WORD.test(norm(v, i))) {
    const noun = personNoun(v, i)
    // "son of a police officer" describes someone already counted.
    if (noun >= 0 && norm(v, noun + 1) !== 'of') return { value: 1, next: noun + 1 }
  }
  return null
}

const AGE_HEADS = new Set(['ages', 'aged', 'age'])
/** Words between the ages of a list: "ages 19, 20 and 24", "aged 14 to 17". */
const AGE_LIST = new Set([',', 'and', 'to', 'through', '-'])

/**
 * "two children, ages 3 and 5, and their mother", "the toddler, 2, and his grandfather": the token after an
 * age aside at k (the comma closing it), or k.
 */
const skipAgeAside = (v: View, k: number): number => {
  if (norm(v, k) !== ',') return k
  // Bare ages after a person noun: "the toddler, 2, and …", "two men, 18 and 20, and …".
  if (PEOPLE.has(norm(v, k - 1)) || COUNT_NOUNS.has(norm(v, k - 1))) {
    for (let e = k + 1; e < v.end && e < k + 9; e += 2) {
      const age = norm(v, e)
      if (!/^\d{1,3}$/.test(age) || Number(age) > 120) break
      const after = norm(v, e + 1)
      if (after === ',' && !/^\d/.test(norm(v, e + 2))) return e + 1
      if (after !== ',' && after !== 'and') break
    }
  }
  if (!AGE_HEADS.has(norm(v, k + 1))) return k
  for (let e = k + 2; e < v.end && e < k + 12; e++) {
    // "aged 20, 21 and 25," ends at the comma not followed by another age ("20, 21, and 25," goes on).
    const more =
      v.tokens[e + 1]?.kind === 'number' || (norm(v, e + 1) === 'and' && v.tokens[e + 2]?.kind === 'number')
    if (norm(v, e) === ',' && (e + 1 >= v.end || !more)) return e
    if (v.tokens[e].kind === 'punct' && norm(v, e) !== ',') return k
  }
  return k
}

/**
 * A name of two words or more set off by commas after a person noun ("his wife, Jane Roe, 34,"): the index of
 * the comma closing it, or k when there is none.
 */
const skipNameAside = (v: View, k: number): number => {
  if (norm(v, k) !== ',' || !PEOPLE.has(norm(v, k - 1))) return k
  const end = nameAt(v, k + 1)
  if (end < 0 || end - (k + 1) < 2) return k
  const aside = skipAside(v, end)
  const close = aside !== end && /^\d+$/.test(norm(v, end + 1)) ? aside - 1 : end
  return norm(v, close) === ',' ? close : k
}

/**
 * Counted phrases conjoined after token j: "three men [and two women] were hurt", "a man[, a woman and a
 * child] were killed". They share the predicate, and together they make a total.
 */
const readConjuncts = (v: View, j: number, commas = false): { values: number[]; next: number } => {
  const values: number[] = []
  let k = j
  // Up to the last "and": "A, B and C" is a list, while "the victim, a six-year-old girl," is an appositive.
  let listed = { count: 0, next: j }
  k = skipAgeAside(v, k)
  const at = (x: number) => conjunctAt(v, norm(v, x) === ',' && norm(v, x + 1) === 'and' ? x + 2 : x + 1)
  while (norm(v, k) === 'and' || norm(v, k) === ',') {
    let c = at(k)
    // "his fiancee, Jane Roe, 34, and their son": a name set off after the person noun is the same person.
    const named = c ? k : skipNameAside(v, k)
    if (named !== k) {
      c = at(named)
      if (c) k = named
    }
    if (!c) break
    const and = norm(v, k) === 'and' || norm(v, k + 1) === 'and'
    values.push(c.value)
    k = c.next
    // A headline lists with commas alone: "Woman, boyfriend killed in shooting", "3 men, 1 woman wounded".
    if (and || commas || roleAt(v, k) !== null) listed = { count: values.length, next: k }
  }
  return { values: values.slice(0, listed.count), next: listed.next }
}

/**
 * "Four victims, three juveniles and one adult, were hurt": conjuncts set off by commas that add up to the
 * figure before them describe the same people, not more of them.
 */
const isBreakdown = (
  v: View,
  from: number,
  figure: Figure,
  conj: { values: number[]; next: number },
): boolean =>
  conj.values.length >= 2 &&
  norm(v, from) === ',' &&
  norm(v, conj.next) === ',' &&
  figure.best !== null &&
  conj.values.reduce((a, b) => a + b, 0) === figure.best

/** The total of a group of conjoined counts, spanning the whole group. */
const makeTotal = (
  v: View,
  first: number,
  best: number,
  conj: { values: number[]; next: number },
  role: QuantityRole,
): Quantity | null => {
  if (conj.values.length === 0 || !CASUALTY.has(role)) return null
  const n = conj.values.reduce((a, b) => a + b, best)
  return make(v, first, conj.next, { low: n, best: n, high: n }, '', role, null)
}

/**
 * "Jane Roe was shot along with three others": the others and the subject together, 4 shot. The role is
 * the verb's right before "along with"; the subject is taken to be one person, as such sentences name one.
 */
const alongWithOthers = (v: View, figure: Figure): Quantity | null => {
  if (!figure.exact || figure.best === null) return null
  if (norm(v, figure.first - 1) !== 'with' || norm(v, figure.first - 2) !== 'along') return null
  const counted = findCounted(v, figure.last)
  if (!counted || (counted.noun !== 'others' && counted.noun !== 'people')) return null
  let verb = figure.first - 3
  if (/^[a-z]+ly$/.test(norm(v, verb))) verb--
  const found = roleAt(v, verb)
  if (!found || !CASUALTY.has(found.role) || found.last !== figure.first - 2) return null
  // "was shot along with": one subject; "two men were wounded along with" has a count of its own.
  let aux = verb - 1
  if (/^[a-z]+ly$/.test(norm(v, aux))) aux--
  if (!SINGULAR_PASSIVE.has(norm(v, aux))) return null
  const n = figure.best + 1
  return make(
    v,
    figure.first - 2,
    counted.last,
    { low: n, best: n, high: n },
    counted.noun,
    found.role,
    counted.index,
  )
}

/**
 * "Gunfire struck Jane Roe and three others", "the gunman shot Roe and two others": a named person and a
 * count of others, together the object of a casualty verb, are that many plus one.
 */
const nameAndOthers = (v: View, figure: Figure): Quantity | null => {
  if (!figure.exact || figure.best === null || norm(v, figure.first - 1) !== 'and') return null
  const counted = findCounted(v, figure.last)
  if (counted?.noun !== 'others') return null
  let name = figure.first - 2
  while (name - 1 >= v.start && name > figure.first - 4 && nameAt(v, name - 1) === figure.first - 1) name--
  if (nameAt(v, name) !== figure.first - 1) return null
  const verb = roleFromVerb(v, name)
  if (!verb || !CASUALTY.has(verb.role) || verb.index !== name - 1) return null
  const n = figure.best + 1
  return make(v, name, counted.last, { low: n, best: n, high: n }, counted.noun, verb.role, counted.index)
}

const PLURAL_AUX = new Set(['were', 'are', 'have'])
const SINGULAR_PASSIVE = new Set(['was', 'is', 'been', 'got', 'gets'])

/** The token index right after a quantity made in this view. */
const tokenAfter = (v: View, q: Quantity): number => {
  let k = v.start
  while (k < v.end && v.tokens[k].span.start < q.span.end) k++
  return k
}

/**
 * "four counts of attempted first-degree murder", "three counts of murder": a charge is filed per victim,
 * so the counts of murder are the dead and the counts of attempted murder the wounded.
 */
const countsOfCharge = (v: View, figure: Figure): Quantity | null => {
  if (!figure.exact || figure.best === null) return null
  const unit = norm(v, figure.last)
  const of = norm(v, figure.last + 1) === 'each' ? figure.last + 2 : figure.last + 1
  if ((unit !== 'counts' && unit !== 'count') || norm(v, of) !== 'of') return null
  // "one count each of first-degree attempted murder".
  let k = of + 1
  let attempted = false
  while (k < figure.last + 8 && !CHARGE_KILLINGS.has(norm(v, k))) {
    if (NEGATORS.has(norm(v, k))) attempted = true
    else if (!CHARGE_MODIFIERS.test(norm(v, k))) break
    k++
  }
  if (!CHARGE_KILLINGS.has(norm(v, k))) return null
  const n = figure.best
  return make(
    v,
    figure.first,
    k + 1,
    { low: n, best: n, high: n },
    norm(v, k),
    attempted ? 'injured' : 'killed',
    k,
  )
}
/**
 * Words between "counts of" and the crime: "first-degree", "second degree", "capital", "felony",
 * "aggravated", "involuntary".
 */
const CHARGE_MODIFIERS =
  /^(?:first|second|third|1st|2nd|3rd)(?:-degree)?$|^degree$|^-$|^capital$|^felony$|^criminal$|^criminally$|^aggravated$|^premeditated$|^involuntary$|^voluntary$|^reckless$|^vehicular$/
/** The crimes a count of which is one person killed: the fatal nouns and "manslaughter". */
const CHARGE_KILLINGS = new Set([...FATAL_NOUNS, 'manslaughter'])

/** Participles that can follow a group noun as a reduced relative clause ("four people shot"). */
const GROUP_PARTICIPLES = /^(?:[a-z]+ed|shot|hurt|slain|struck|hit)$/

/**
 * The group of a partitive when a participle or a relative clause right after it gives the group a
 * casualty role: "one of four people shot" (4 shot), "one of the two men who were wounded" (2 injured).
 * A finite verb there ("one of four men died") is the first figure's predicate, not the group's.
 */
const groupOfPartitive = (v: View, figure: Figure): Quantity | null => {
  if (!figure.exact || figure.best === null) return null
  const counted = findCounted(v, figure.last)
  if (counted && !COUNT_NOUNS.has(counted.noun) && !PEOPLE.has(counted.noun)) return null
  const after = counted ? counted.last : figure.last
  // "one of four shooting victims", "one of five victims of the shooting": victims of a shooting were shot.
  if (counted && VICTIMS.has(counted.noun) && shootingVictims(v, counted.index, after)) {
    const n = figure.best
    const span = { low: n, best: n, high: n }
    return make(v, figure.first, after, span, counted.noun, 'dead_or_injured', counted.index)
  }
  const relative =
    (norm(v, after) === 'who' || norm(v, after) === 'that') && AUXILIARIES.has(norm(v, after + 1))
  const at = relative ? (norm(v, after + 2) === 'also' ? after + 3 : after + 2) : after
  // "four people hit by gunfire": a wound phrase instead of a role word.
  const found = roleAt(v, at) ?? gunshotWound(v, at)
  if (!found || !CASUALTY.has(found.role) || DIED.has(norm(v, at))) return null
  if (!relative && !GROUP_PARTICIPLES.test(norm(v, at))) return null
  const refined = refine(v, found).role
  // "one of four women wounded in the shooting has died": the group was shot, and one of them is dead.
  const role = refined === 'injured' && diedLater(v, found.last) ? 'dead_or_injured' : refined
  const n = figure.best
  return make(
    v,
    figure.first,
    counted ? counted.last : figure.last,
    { low: n, best: n, high: n },
    counted?.noun ?? '',
    role,
    counted?.index ?? null,
  )
}

/**
 * Whether victims at `index` are a shooting's: "shooting victims", "gunshot victims", or "victims of the
 * (Monday) shooting" (`after` is the token after the noun).
 */
const shootingVictims = (v: View, index: number, after: number): boolean => {
  if (SHOT_VICTIM.has(norm(v, index - 1))) return true
  if (norm(v, after) !== 'of') return false
  for (let k = after + 1; k < v.end && k < after + 7; k++) {
    if (norm(v, k) === 'shooting') return true
    if (v.tokens[k].kind === 'punct') return false
  }
  return false
}

/** Reads one figure at token i into a quantity; returns it with the token to continue from. */
const readFigure = (
  v: View,
  i: number,
): { quantity: Quantity | null; total?: Quantity | null; next: number } | null => {
  const figure = parseFigure(v, i)
  if (!figure) return null
  if (isNotACount(v, figure)) {
    // "ages of 11 and 15", "between 1 and 3 p.m.": the second figure goes with the first.
    const joiner = norm(v, figure.last)
    const skip =
      (joiner === 'and' || joiner === 'to' || joiner === 'or') && /^\d/.test(norm(v, figure.last + 1))
    return { quantity: null, next: figure.last + (skip ? 2 : 0) }
  }
  // "a mother of two": the figure counts someone's relations, not casualties.
  if (norm(v, figure.first - 1) === 'of' && PEOPLE.has(norm(v, figure.first - 2)))
    return { quantity: null, next: figure.last }
  const charged = countsOfCharge(v, figure)
  if (charged) return { quantity: charged, next: tokenAfter(v, charged) }
  const along = alongWithOthers(v, figure) ?? nameAndOthers(v, figure)
  if (along) return { quantity: along, next: tokenAfter(v, along) }
  // "one of the six": the second figure names the group the first is taken from, not a count of its own,
  // unless a participle right after it says what happened to the group ("one of four people shot").
  if (isGroupOfPartitive(v, figure.first)) return { quantity: groupOfPartitive(v, figure), next: figure.last }
  let first = figure.first
  let last = figure.last
  let role: QuantityRole | null = null
  let counted = ''
  let countedIndex: number | null = null
  let conj: { values: number[]; next: number } = { values: [], next: figure.last }

  // Currency before ("$1.2 million", "£40") or after ("40 dollars"); percent after.
  const symbol = CURRENCIES.get(norm(v, first - 1))
  if (symbol && !v.tokens[first].spaceBefore && first - 1 >= v.start) {
    first--
    role = 'money'
    counted = symbol
  } else if (CURRENCIES.has(norm(v, last)) && figure.exact) {
    role = 'money'
    counted = CURRENCIES.get(norm(v, last)) ?? ''
    countedIndex = last
    last++
  } else {
    for (const words of PERCENTS) {
      if (matchAt(v, last, words)) {
        role = 'percent'
        counted = 'percent'
        last += words.length
        break
      }
    }
  }
  const qualifier = findQualifier(v, first)
  let kind = qualifier?.kind ?? null
  if (qualifier) first = qualifier.first
  if (kind === null && matchAt(v, last, ['or', 'so'])) {
    kind = 'about'
    last += 2
  }

  if (role === null) {
    const more =
      MORE.has(norm(v, figure.last)) && MEASURES.has(norm(v, figure.last + 1)) ? figure.last + 1 : -1
    // "three more were hurt", "two more people died": the count of an addition.
    const added = more < 0 && norm(v, figure.last) === 'more' && norm(v, figure.last + 1) !== 'than' ? 1 : 0
    const after = findCounted(v, figure.last + added)
    const verb = roleFromVerb(v, first)
    // The noun itself or a role word straight after the figure: "12 wounded", "five deaths", "one fatally".
    const direct = roleAt(v, figure.last + added)
    const counts = after ? norm(v, after.last) : ''
    if (more >= 0) {
      // "three more times"
      role = 'other'
      counted = norm(v, more)
      countedIndex = more
    } else if (after && (MEASURES.has(after.noun) || THINGS.has(after.noun))) {
      role = 'other'
      counted = after.noun
      countedIndex = after.index
    } else if (
      norm(v, figure.last + added) === 'shooting' &&
      (norm(v, figure.last + added + 1) === 'deaths' || norm(v, figure.last + added + 1) === 'death')
    ) {
      // "3 shooting deaths": the dead, counted by how they died.
      role = 'killed'
      counted = 'deaths'
      countedIndex = figure.last + added + 1
      last = figure.last + added + 2
    } else if (
      norm(v, figure.last + added) === 'shooting' &&
      !VICTIMS.has(norm(v, figure.last + added + 1)) &&
      !roleAt(v, figure.last + added + 1)
    ) {
      // "one shooting happened Monday": a count of events, not of people shot ("3 shooting deaths" still
      // counts the dead).
      role = 'other'
      counted = 'shooting'
      countedIndex = figure.last + added
    } else if (after && WOUNDS.has(counts)) {
      // "two gunshot wounds" counts wounds, not people.
      role = 'other'
      counted = counts
      countedIndex = after.last
    } else if (direct && !(after && (COUNT_NOUNS.has(after.noun) || PEOPLE.has(after.noun)))) {
      role = refine(v, direct).role
      countedIndex = figure.last
    } else {
      if (after) {
        counted = after.noun
        countedIndex = after.index
      }
      conj = readConjuncts(v, after ? after.last : figure.last + added)
      // "four victims, three juveniles and one adult, suffered …": an aside that breaks the figure down.
      if (isBreakdown(v, after ? after.last : figure.last + added, figure, conj))
        conj = { values: [], next: conj.next + 1 }
      // "five men and women were hurt": a second plural noun shares the figure.
      const shared =
        after &&
        conj.values.length === 0 &&
        (norm(v, after.last) === 'and' || norm(v, after.last) === 'or') &&
        COUNT_NOUNS.has(norm(v, after.last + 1)) &&
        COUNT_NOUNS.has(after.noun)
      const predicateFrom = shared ? after.last + 2 : conj.next
      if (verb && verb.role !== 'other') role = verb.role
      if (
        role === 'dead_or_injured' &&
        (matchAt(v, predicateFrom, ['to', 'death']) || norm(v, predicateFrom) === 'dead')
      ) {
        role = 'killed'
      } else if (verb && counted === 'lives' && LIFE_VERBS.has(verb.verb)) role = 'killed'
      if (role === null) role = roleFromToll(v, first)?.role ?? null
      const group = (figure.best ?? 0) > 1
      if (role === null) role = sentToHospital(v, first, predicateFrom, group) ?? null
      if (role === null) role = rolePredicate(v, predicateFrom, group)?.role ?? null
      // "three members of a family were fatally shot": the predicate comes after the counted noun's "of".
      if (role === null && COUNT_NOUNS.has(counted))
        role = rolePredicate(v, skipOfPhrase(v, predicateFrom), group)?.role ?? null
      if (role === null && counted) role = ROLE_OF.get(counted) ?? null
      // "one victim survived", "one of the five victims survived the shooting": a victim who lived was hurt.
      // "three victims survived unharmed" were not.
      const unharmed = [1, 2, 3].some((k) => NEGATORS.has(norm(v, predicateFrom + k)))
      if (role === null && VICTIMS.has(counted) && SURVIVED.has(norm(v, predicateFrom)) && !unharmed)
        role = 'injured'
      // "two other gunshot victims arrived at the hospital": victims of a shooting were shot.
      if (
        role === null &&
        countedIndex !== null &&
        VICTIMS.has(counted) &&
        SHOT_VICTIM.has(norm(v, countedIndex - 1))
      )
        role = 'dead_or_injured'
      if (role === null && verb?.verb === 'left') {
        // "left three people dead": the role follows the counted phrase.
        role = rolePredicate(v, predicateFrom)?.role ?? null
      }
    }
  }
  role ??= 'other'
  // Spelled-out and vague figures only count when they count something: "one of the best" is not a quantity.
  if (figure.word && role === 'other' && !countsThings(counted)) return { quantity: null, next: figure.last }
  const whole = role !== 'money' && role !== 'percent'
  const q = make(v, first, last, qualify(figure, kind, whole), counted, role, countedIndex)
  const total =
    figure.exact && figure.best !== null && kind === null
      ? makeTotal(v, first, figure.best, conj, role)
      : null
  return { quantity: q, total, next: Math.max(figure.last, last) }
}

/**
 * "the shooting that sent five people to the hospital has died": the people an active transfer verb took to
 * a hospital were shot or hurt (a group counts those who died there, as "five people were taken to hospitals"
 * does; one person was hurt), and a death told straight after the hospital phrase, with no "where", "and" or
 * comma to join it to them, is the predicate of the main clause, whose subject is someone else. Null otherwise.
 */
const sentToHospital = (v: View, first: number, from: number, group: boolean): QuantityRole | null => {
  if (!TRANSFERS.has(norm(v, first - 1))) return null
  const found = roleAt(v, from)
  if (found?.role !== 'injured' || !HOSPITALS.has(norm(v, found.last - 1))) return null
  let k = found.last
  while (k < v.end && k < found.last + 3 && (HAVE.has(norm(v, k)) || /^[a-z]+ly$/.test(norm(v, k)))) k++
  if (k === found.last || !DIED.has(norm(v, k))) return null
  return group ? 'dead_or_injured' : 'injured'
}

/**
 * The token after an "of" phrase at k that describes a counted group ("members [of a family]", "employees
 * [of the same company]"): up to three words after an optional determiner; k itself when there is none.
 */
const skipOfPhrase = (v: View, k: number): number => {
  if (norm(v, k) !== 'of') return k
  let j = k + 1
  if (DETERMINERS.has(norm(v, j))) j++
  const from = j
  while (j < v.end && j < from + 3) {
    const t = v.tokens[j]
    if (t.kind !== 'word' || FUNCTION.has(t.norm) || roleAt(v, j) || AUXILIARIES.has(t.norm)) break
    j++
  }
  return j > from ? j : k
}

/** "no one was hurt", "nobody was killed", "no injuries were reported" → 0 of that role. */
const readZero = (v: View, i: number): { quantity: Quantity; next: number } | null => {
  const w = norm(v, i)
  let last: number
  if (w === 'no' && norm(v, i + 1) === 'one') last = i + 2
  else if (w === 'nobody' || w === 'none' || w === 'no-one') last = i + 1
  else if (w === 'no') {
    const found = roleAt(v, i + 1)
    if (!found || !/s$/.test(norm(v, i + 1)) || !CASUALTY.has(found.role)) return null
    return { quantity: make(v, i, i + 2, { low: 0, best: 0, high: 0 }, '', found.role, i + 1), next: i + 2 }
  } else return null
  if (norm(v, last) === 'else') last++
  if (norm(v, last) === 'of') return null
  const found = rolePredicate(v, last)
  if (!found || !CASUALTY.has(found.role)) return null
  return { quantity: make(v, i, last, { low: 0, best: 0, high: 0 }, '', found.role, found.index), next: last }
}

const ONE = { low: 1, best: 1, high: 1 }
const ORDINALS = new Map(Object.entries(lexicon.ordinals))
const PERSON_DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her'])
const SINGULAR_AUX = new Set(['was', 'is', 'has', 'had', 'died', 'remains', 'remained'])
const NAME_STOP = new Set([
  'police',
  'department',
  'county',
  'city',
  'sheriff',
  'office',
  'news',
  'state',
  'court',
])

/**
 * The last token of a one-person noun phrase starting at token j ("23-year-old local man" → "man"), or -1.
 * An age word ends the phrase when nothing nominal follows it ("a 16-year-old died").
 */
const personNoun = (v: View, j: number): number => {
  let noun = -1
  for (let steps = 0; j < v.end && steps < 4; steps++, j++) {
    const t = v.tokens[j]
    // "an 11 year-old boy", "a 14 year old son", "a fourteen year-old": a figure inside the phrase is an age.
    const figureWord = t.kind === 'number' || UNITS.has(t.norm) || TENS.has(t.norm)
    if (figureWord && /^(years?|year-old|months?|month-old)$/.test(norm(v, j + 1))) continue
    if (t.kind !== 'word') break
    // "a minor injury": a person word used as an adjective.
    if (PEOPLE.has(t.norm) && (WOUNDS.has(norm(v, j + 1)) || norm(v, j + 1) === 'injury')) break
    if (PEOPLE.has(t.norm)) {
      noun = j
      // "a police officer", "a security guard": keep the last noun of a compound.
      if (PEOPLE.has(norm(v, j + 1))) continue
      break
    }
    if (AGE_WORD.test(t.norm) || SPLIT_AGE.test(t.norm) || ORDINALS.has(t.norm) || isSplitOld(v, j)) {
      // "a 16-year-old died", "injuring a fourth": the age or ordinal stands for the person.
      const next = v.tokens[j + 1]
      if (j + 1 >= v.end || next.kind !== 'word' || FUNCTION.has(next.norm) || roleAt(v, j + 1)) return j
      // "12-year-old accidentally shot", "1-year-old suffers gunshot wound": a predicate follows.
      if (rolePredicate(v, j + 1)) return j
    }
    if ((FUNCTION.has(t.norm) && t.norm !== 'old') || roleAt(v, j)) break
  }
  return noun
}

/**
 * A person noun without article right after a finite role verb: "kills wife", "shoots son". Not after a
 * noun or participle ("shooting victim", "shot victim"), not the victim or suspect themselves, and not in a
 * relative clause describing someone ("deputy who killed man").
 */
const isBareObject = (v: View, i: number): boolean => {
  const verb = norm(v, i - 1)
  // "accused of fatally shooting toddler": an adverb makes the -ing word a verb, not a noun's modifier.
  const finite = /(?:s|ed)$/.test(verb) || (verb.endsWith('ing') && /ly$/.test(norm(v, i - 2)))
  // "deputy who killed man" describes the agent of an earlier killing; "shooting that killed teen" is the
  // event's own toll.
  const relative =
    norm(v, i - 2) === 'who' || (norm(v, i - 2) === 'that' && !FATAL_EVENTS.has(norm(v, i - 3)))
  if (!finite || relative) return false
  // "kills wife"; "killed Dellport teen", "leaves young woman dead": one modifier before the person.
  const head = bareObjectHead(v, i)
  return head >= 0 && !VICTIMS.has(norm(v, head)) && norm(v, head) !== 'suspect'
}

/** The person noun of a bare object at token i: i itself, or the word after one modifier; else -1. */
const bareObjectHead = (v: View, i: number): number => {
  const head = personNoun(v, i)
  if (head === i) return PEOPLE.has(norm(v, i)) ? i : -1
  const t = v.tokens[i]
  const modifier = t.kind === 'word' && !FUNCTION.has(t.norm) && !PEOPLE.has(t.norm) && roleAt(v, i) === null
  return head === i + 1 && modifier && PEOPLE.has(norm(v, head)) ? head : -1
}

/**
 * Titles and roles written before a person's name ("Officer Jane Roe", "Pastor Jon Doe"): the person titles the
 * entity stage strips from names, and the person nouns of this stage, which news prefixes to names the same way.
 */
const NAME_TITLES = new Set([...titleData.titles, ...PEOPLE])

/**
 * The first token after up to three capitalised title words before a name at token i ("Officer", "State
 * Trooper", "Police Chief"), or i when none. The last of them must be a title; the ones before it may be the
 * words of an agency ("Police", "County") that {@link nameAt} refuses as name words.
 */
const afterTitle = (v: View, i: number): number => {
  let j = i
  while (j < v.end && j < i + 3 && v.tokens[j].kind === 'word' && isCapitalised(raw(v, j))) {
    const w = v.tokens[j].norm
    if (!NAME_TITLES.has(w) && !NAME_STOP.has(w)) break
    j++
  }
  while (j > i && !NAME_TITLES.has(norm(v, j - 1))) j--
  return j
}

/**
 * A name of one to three capitalised words ("Kevin Barbee") starting at token i, after any title ("Officer
 * Kevin Barbee": a titled name is one person like an untitled one): the index after it, or -1.
 */
const nameAt = (v: View, i: number): number => {
  const first = afterTitle(v, i)
  // "King was shot": a title word with no name after it may be the surname itself.
  const titled = first > i ? nameFrom(v, first) : -1
  return titled >= 0 ? titled : nameFrom(v, i)
}

/** The index after one to three capitalised name words from token first, or -1. */
const nameFrom = (v: View, first: number): number => {
  let j = first
  while (j < v.end && j < first + 3) {
    const t = v.tokens[j]
    const w = t.norm
    // "Mercy Hospital was …": a hospital's name is no person's.
    if (
      t.kind !== 'word' ||
      !isCapitalised(raw(v, j)) ||
      FUNCTION.has(w) ||
      NAME_STOP.has(w) ||
      HOSPITALS.has(w)
    )
      break
    if (MONTHS.has(w) || WEEKDAYS.has(w) || PEOPLE.has(w) || ROLE_OF.has(w) || UNITS.has(w) || w.length < 2)
      break
    if (PRONOUNS.has(w) || FILLERS.has(w) || NEGATORS.has(w) || AGE_WORD.test(w)) break
    // "Women gunned down at courthouse": a headline's capitalised plural of people is no one's name.
    if (COUNT_NOUNS.has(w)) break
    // "Everybody is hurt": a pronoun for everyone is no one's name.
    if (INDEFINITE_PRONOUNS.has(w)) break
    j++
  }
  return j > first ? j : -1
}

/**
 * "Judge John Hurt, of Queens, said": a capitalised role word before a comma and a lower-case aside ends a
 * name (a surname), where a headline's role word ("Jane Roe Killed, Two Hurt") is followed by more capitals.
 */
const isSurnameAside = (v: View, k: number): boolean =>
  isCapitalised(raw(v, k)) &&
  norm(v, k + 1) === ',' &&
  k + 2 < v.end &&
  v.tokens[k + 2].kind === 'word' &&
  !isCapitalised(raw(v, k + 2))

/** Whether a title and a name start at token i: "Officer Jane Roe", not "Officer shot". */
const isTitledName = (v: View, i: number): boolean => {
  const first = afterTitle(v, i)
  return first > i && nameFrom(v, first) >= 0
}

/** Names joined by "and" or commas from token i: "Tyler and Rita Langworthy" → 2 names. */
const namesAt = (v: View, i: number): { count: number; next: number } | null => {
  let end = nameAt(v, i)
  if (end < 0) return null
  let count = 1
  for (;;) {
    // "Jane Roe, 31, and Ann Poe, 54, were killed": step over each name's age aside.
    const aside = skipAside(v, end)
    const at = aside !== end && /^\d+$/.test(norm(v, end + 1)) ? aside : end
    const joiner = norm(v, at)
    // "Jane Roe, 31, Ann Poe, 54, and …": the comma closing an age aside also joins the next name.
    const closed = at !== end && norm(v, at - 1) === ','
    if (joiner !== 'and' && joiner !== ',' && !closed) break
    // "Anthony Harmon, Jr.": a suffix after the comma ends the same name.
    if (joiner === ',' && NAME_SUFFIXES.has(norm(v, at + 1))) {
      end = at + 2
      continue
    }
    const k = joiner !== 'and' && joiner !== ',' ? at : norm(v, at + 1) === 'and' ? at + 2 : at + 1
    const more = nameAt(v, k)
    if (more < 0) break
    count++
    end = more
  }
  return { count, next: end }
}

/** Adverbs that can stand between a name and its auxiliary or verb: "Jane Roe later died". */
const NAME_ADVERBS = new Set([
  'also',
  'later',
  'then',
  'subsequently',
  'eventually',
  'reportedly',
  'allegedly',
])

/** Pronouns for everyone or anyone ("Everybody is hurt", "Anyone was hurt?"): not one person's name. */
const INDEFINITE_PRONOUNS = new Set(['everybody', 'everyone', 'anybody', 'anyone'])

/** Suffixes written after a name and a comma: "Anthony Harmon, Jr.". */
const NAME_SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv'])

/** Skips an aside after a name ("Kevin Barbee, 15, was …"): the index of the token after it. */
const skipAside = (v: View, k: number): number => {
  // "Jon Doe, 25, of Dellport, was killed": asides can follow one another.
  // The comma that closes one aside opens the next.
  let end = k
  for (let asides = 0; asides < 3 && norm(v, end) === ','; asides++) {
    // A further aside is a residence or a description ("of Dellport", "a nurse"), never a list item.
    if (asides > 0 && !FURTHER_ASIDE.has(norm(v, end + 1))) break
    let j = end + 1
    // A description ("a militia commander in charge of …") may run longer than an age or a residence.
    const limit = end + (DESCRIPTION.has(norm(v, end + 1)) ? 2 : 1) * ASIDE_TOKENS
    while (j < v.end && j < limit && norm(v, j) !== ',' && (asides === 0 || norm(v, j) !== 'and')) j++
    if (norm(v, j) !== ',') break
    end = j
  }
  return end === k ? k : end + 1
}
const ASIDE_TOKENS = 8
const FURTHER_ASIDE = new Set(['of', 'from', 'a', 'an'])
const DESCRIPTION = new Set(['a', 'an'])

/** Nouns before "death" that say how someone died: "a shooting death", "a gunshot death", "a hunting death". */
const DEATH_KINDS = new Set(['shooting', 'stabbing', 'gunshot', 'hunting'])
/** Plural nouns for a pair of people: "his parents" is two. */
const PAIRS = new Set(['parents', 'grandparents'])
const WEAPONS = new Set(['gun', 'weapon', 'firearm', 'rifle', 'pistol', 'shotgun', 'handgun', 'revolver'])
const TURN = new Set(['turned', 'turning', 'turns', 'turn'])
const THEN = new Set(['then', 'before', 'later'])

/**
 * A killer's own death told without a death word: "before turning the gun on himself", "shot four
 * relatives, killing two, then himself" (the role verb a few words back carries over after "then").
 */
const killsSelf = (v: View, i: number): boolean => {
  if (norm(v, i - 1) === 'on' && WEAPONS.has(norm(v, i - 2)) && TURN.has(norm(v, i - 4))) return true
  if (!THEN.has(norm(v, i - 1))) return false
  for (let k = i - 2; k >= Math.max(v.start, i - 8); k--) {
    const found = roleAt(v, k)
    if (found) return found.role === 'killed'
  }
  return false
}

/**
 * "shot his wife and then himself", "shot the boy's mother, the boy and then himself": the shooting verb a
 * few words back carries over after "then" to the shooter, who shot himself (alive or dead, as "shot" says).
 */
const shootsSelfThen = (v: View, i: number): boolean => {
  if (norm(v, i - 1) !== 'then') return false
  for (let k = i - 2; k >= Math.max(v.start, i - 12); k--) {
    const found = roleAt(v, k)
    if (found) return found.role === 'dead_or_injured'
  }
  return false
}

/**
 * "a man was killed", "killed a 23-year-old woman", "killing him", "he was pronounced dead", "another
 * injured", "Kevin Barbee was pronounced dead", "killed 5-year-old Jane Roe" → 1 of that role. A name or
 * pronoun only counts as the subject of a passive or intransitive predicate with a matching number ("was"
 * for one, "were" for two names), or as the object of a role verb, so "the gunman killed two people" is not
 * a victim.
 */
const readImplied = (
  v: View,
  i: number,
): { quantity: Quantity; total?: Quantity | null; next: number } | null => {
  const w = norm(v, i)
  // "two were killed, including the suspect": a member of a group already counted, unless a relative
  // clause gives it a predicate of its own ("including a man who died").
  if (norm(v, i - 1) === 'including' && norm(v, personNoun(v, i + 1) + 1) !== 'who') return null
  // "the boy's mother was shot", "killing Jane Roe's son": a possessor before "'s" is a determiner.
  const possessive = w === "'s" && i > v.start && v.tokens[i - 1].kind === 'word' ? possessorStart(v, i) : -1
  const from = possessive >= 0 ? possessive : i
  const verb = roleFromVerb(v, from)
  const verbRole = verb && verb.role !== 'other' ? verb.role : null
  if (w === 'another' && personNoun(v, i + 1) < 0 && verbRole) {
    // "killed one and wounded another".
    return { quantity: make(v, i, i + 1, ONE, w, verbRole, verb?.index ?? null), next: i + 1 }
  }
  if (PRONOUNS.has(w) || (w === 'another' && personNoun(v, i + 1) < 0)) {
    const found = rolePredicate(v, i + 1)
    if (!found || found.role === 'other') return null
    return { quantity: make(v, i, i + 1, ONE, w, found.role, found.index), next: i + 1 }
  }
  // "police found him dead", "left her wounded".
  const pronounState =
    w === 'him' || w === 'her' ? (objectState(v, i, i + 1) ?? leftWithWounds(v, i, i + 1)) : null
  if (pronounState && !verbRole) {
    return { quantity: make(v, i, i + 1, ONE, w, pronounState, i + 1), next: i + 1 }
  }
  if ((w === 'himself' || w === 'herself') && killsSelf(v, i)) {
    return { quantity: make(v, i, i + 1, ONE, w, 'killed', i), next: i + 1 }
  }
  if ((w === 'himself' || w === 'herself') && shootsSelfThen(v, i)) {
    return { quantity: make(v, i, i + 1, ONE, w, 'dead_or_injured', i), next: i + 1 }
  }
  const after = v.tokens[i + 1]
  const objectEnds =
    i + 1 >= v.end || after.kind !== 'word' || FUNCTION.has(after.norm) || roleAt(v, i + 1) !== null
  if ((w === 'him' || w === 'himself' || w === 'herself' || (w === 'her' && objectEnds)) && verbRole) {
    // "killing her and another woman"; "shot himself and died".
    // "shot himself and died"; "shot him dead", "shot her to death".
    const died =
      verbRole === 'dead_or_injured' &&
      ((norm(v, i + 1) === 'and' && DIED.has(norm(v, i + 2))) || shotDeadAfter(v, i + 1))
    return {
      quantity: make(v, i, i + 1, ONE, w, died ? 'killed' : verbRole, verb?.index ?? null),
      total: makeTotal(v, i, 1, readConjuncts(v, i + 1), verbRole),
      next: i + 1,
    }
  }
  let noun = -1
  let bare = false
  // "the slain teen", "Wounded officer": a role adjective before the person gives the role when no verb does.
  let attributed: QuantityRole | null = null
  const attributive = (j: number): number => {
    const role = ATTRIBUTIVE.get(norm(v, j))
    const head = role ? personNoun(v, j + 1) : -1
    if (head >= 0) attributed = role ?? null
    return head
  }
  if (POSSESSIVES.has(w) && PAIRS.has(norm(v, i + 1))) {
    // "killing his parents and three siblings": a pair noun counts two.
    const conj = readConjuncts(v, i + 2)
    const role = verbRole ?? rolePredicate(v, conj.next)?.role ?? null
    if (role && CASUALTY.has(role)) {
      const two = { low: 2, best: 2, high: 2 }
      return {
        quantity: make(v, i, i + 2, two, norm(v, i + 1), role, i + 1),
        total: makeTotal(v, i, 2, conj, role),
        next: i + 2,
      }
    }
  }
  if (PERSON_DETERMINERS.has(w) || w === 'another' || possessive >= 0) {
    noun = personNoun(v, i + 1)
    if (noun < 0) noun = attributive(i + 1)
  } else if (
    ATTRIBUTIVE.has(w) &&
    isCapitalised(raw(v, i)) &&
    (i === v.start || v.tokens[i - 1].kind === 'punct') &&
    attributive(i) >= 0
  ) {
    // Headline style: "Slain teen identified".
    noun = attributive(i)
    bare = true
  } else if (verbRole && CASUALTY.has(verbRole) && isBareObject(v, i) && verb?.index === i - 1) {
    // Headline style with no article after the verb: "Man kills wife, self", "Father shoots son".
    noun = bareObjectHead(v, i)
    bare = true
  } else if (AGE_WORD.test(w)) {
    // "killed 5-year-old Jane Roe", "15-year-old Jane Roe died".
    const names = namesAt(v, i + 1)
    if (names && names.count === 1) {
      const role = verbRole ?? rolePredicate(v, skipAside(v, names.next))?.role ?? null
      if (role && CASUALTY.has(role))
        return { quantity: make(v, i, names.next, ONE, '', role, null), next: names.next }
    }
    noun = personNoun(v, i)
  } else if (i > v.start && isBareSubject(v, i)) {
    noun = i
    bare = true
  } else if (
    ((isCapitalised(raw(v, i)) && (i === v.start || v.tokens[i - 1].kind === 'punct')) ||
      isHeadlineSlot(v, i)) &&
    personNoun(v, i) >= 0 &&
    personNoun(v, i) <= i + 2 &&
    !isTitledName(v, i)
  ) {
    // Headline style with no article: "Teen killed in crash", "Local student shot dead".
    noun = personNoun(v, i)
    bare = true
  } else {
    if (i > v.start && v.tokens[i - 1].kind === 'word' && isCapitalised(raw(v, i - 1))) return null
    // "a shooting in Dellport has died", "caught on Facebook Live", "shot by Jon Doe": after such a
    // preposition a capitalised name is a place, a medium or the agent, not a victim.
    if (LOCATIVES.has(norm(v, i - 1))) return null
    // "the mother of Jane Roe was shot": the predicate is the mother's.
    if (isOfPersonComplement(v, i)) return null
    const names = namesAt(v, i)
    if (!names) return null
    const n = names.count
    const bounds = { low: n, best: n, high: n }
    if (verbRole && CASUALTY.has(verbRole) && nameAt(v, i) - i >= 2) {
      // "shot and killed Jane Roe and her daughter"
      const conj = readConjuncts(v, names.next)
      return {
        quantity: make(v, i, names.next, bounds, '', verbRole, null),
        total: makeTotal(v, i, n, conj, verbRole),
        next: names.next,
      }
    }
    // "Jane Roe and her two children died": people conjoined after the names share the predicate.
    const conj = readConjuncts(v, skipAside(v, names.next))
    const k = skipAside(v, conj.values.length > 0 ? conj.next : names.next)
    // "Jane Roe later died", "Jane Roe also was killed": an adverb before the auxiliary.
    let a = k
    while (a < k + 2 && NAME_ADVERBS.has(norm(v, a))) a++
    const aux = norm(v, a)
    // A headline drops the auxiliary: "Jane Roe, 16, killed in crash".
    // "West Allis shooting", "Accidental shooting": a name before an event noun is a modifier, not a victim.
    const headline =
      i === v.start && roleAt(v, k) !== null && !norm(v, k).endsWith('ing') && !isSurnameAside(v, k)
    // "left Jane Roe dead", "found Jane Roe and her son wounded": the state after the object is its role.
    const state = objectState(v, i, k) ?? leftWithWounds(v, i, k)
    if (state)
      return {
        quantity: make(v, i, names.next, bounds, '', state, k),
        total: makeTotal(v, i, n, conj, state),
        next: names.next,
      }
    const single = n === 1 && conj.values.length === 0
    if (single ? !SINGULAR_AUX.has(aux) && !headline : aux !== 'were' && aux !== 'have' && aux !== 'died')
      return null
    const found = rolePredicate(v, k)
    if (!found || !CASUALTY.has(found.role)) return null
    return {
      quantity: make(v, i, names.next, bounds, '', found.role, found.index),
      total: makeTotal(v, i, n, conj, found.role),
      next: names.next,
    }
  }
  if (noun < 0) return null
  // "Another man, woman were injured": a comma list that a plural verb closes is one subject.
  const listed = bare ? null : readConjuncts(v, noun + 1, true)
  const plural = listed && listed.values.length > 0 && PLURAL_AUX.has(norm(v, listed.next))
  const conj = plural ? listed : readConjuncts(v, noun + 1, bare)
  // "shot a man dead", "shot the teen to death": the object of a shot verb, then how it ended.
  let role: QuantityRole | null =
    verbRole === 'dead_or_injured' && shotDeadAfter(v, conj.next) ? 'killed' : verbRole
  role ??= appositiveRole(v, i, conj.next)
  role ??= leftWithWounds(v, from, conj.next)
  if (isOfPersonComplement(v, from) && norm(v, conj.next) !== 'who') {
    // "the mother of a slain teen was arrested": only the phrase's own adjective is this person's.
    role = attributed
  } else {
    role ??=
      rolePredicate(v, conj.next)?.role ??
      victimOfPredicate(v, noun, conj.next) ??
      relationOfPredicate(v, conj.next) ??
      attributed
  }
  if (role === null || role === 'other') return null
  // "a third person has died": the ordinal is the running toll, at least that many.
  // "Second teen victim dies": a headline's ordinal may stand before one modifier of the noun (not a name:
  // "Second Street victim").
  const modifier =
    noun - i === 2 && i === from && isCapitalised(raw(v, i + 1)) === isCapitalised(raw(v, noun))
  const ordinal =
    ORDINALS.get(norm(v, noun)) ?? ORDINALS.get(norm(v, noun - 1)) ?? (modifier ? ORDINALS.get(w) : undefined)
  // With "the" it indexes a group already counted ("the fifth man was pronounced dead").
  const indefinite = w === 'a' || w === 'an' || ORDINALS.has(w)
  const bounds =
    ordinal && indefinite && role === 'killed' && !verbRole
      ? { low: ordinal, best: ordinal, high: null }
      : ONE
  return {
    quantity: make(v, from, noun + 1, bounds, norm(v, noun), role, noun),
    total: makeTotal(v, from, 1, conj, role),
    next: noun + 1,
  }
}

/**
 * "Second victim of Dellport gunman dies", "a third victim of the Elm Road shooting died": a victim told with
 * whose victim it is (a few words after "of", no clause) takes the predicate after that phrase.
 */
const victimOfPredicate = (v: View, noun: number, k: number): QuantityRole | null => {
  if (!VICTIMS.has(norm(v, noun)) || norm(v, k) !== 'of') return null
  let j = k + 1
  if (DETERMINERS.has(norm(v, j))) j++
  for (const from = j; j < v.end && j < from + 6; j++) {
    const t = v.tokens[j]
    if (t.kind !== 'word' || FUNCTION.has(t.norm)) return null
    if (j > from && !t.norm.endsWith('ing') && roleAt(v, j)) {
      const found = rolePredicate(v, j)
      return found && CASUALTY.has(found.role) ? found.role : null
    }
  }
  return null
}

/**
 * "the mother of a boy", "the parents of Jane Roe": the end of an "of" phrase after person noun `k - 1`
 * that names another person (a determiner or possessive, a person noun, or a name), or -1.
 */
const RELATIVES = new Set(['who', 'whom', 'whose', 'that', 'which'])

const ofPersonEnd = (v: View, k: number): number => {
  if (norm(v, k) !== 'of') return -1
  const names = namesAt(v, k + 1)
  if (names) return names.next
  if (!DETERMINERS.has(norm(v, k + 1))) return -1
  const noun = personNoun(v, k + 2)
  return noun >= 0 ? noun + 1 : -1
}

/**
 * "The mother of a boy was shot", "a friend of the victim was wounded": the predicate after the "of"
 * phrase is the head person's, as the sentence's subject.
 */
const relationOfPredicate = (v: View, k: number): QuantityRole | null => {
  const end = ofPersonEnd(v, k)
  // "the father of a boy who shot himself": a relative clause is the boy's.
  if (end < 0 || RELATIVES.has(norm(v, end))) return null
  return rolePredicate(v, skipAside(v, end))?.role ?? null
}

/**
 * Whether the phrase at `from` is the person in "the mother of <phrase>", "parents of <phrase>": the
 * predicate that follows is then the head's ("The parents of a baby were arrested"), not this person's.
 */
const isOfPersonComplement = (v: View, from: number): boolean => {
  // "the father of a 3-year-old girl": the phrase may be read from after its determiner.
  const of = DETERMINERS.has(norm(v, from - 1)) ? from - 2 : from - 1
  if (of - 1 < v.start || norm(v, of) !== 'of') return false
  const head = norm(v, of - 1)
  return PEOPLE.has(head) || COUNT_NOUNS.has(head) || PAIRS.has(head)
}

/**
 * "a report of a shooting victim", "treated another shooting victim": someone newly told as the victim of a
 * shooting was shot, or killed when the predicate says so ("a shooting victim died"). With "the" it names one
 * already counted.
 */
const readShotVictim = (v: View, i: number): { quantity: Quantity; next: number } | null => {
  if (!NEW_PERSON.has(norm(v, i)) || !SHOT_VICTIM.has(norm(v, i + 1)) || norm(v, i + 2) !== 'victim')
    return null
  const after = i + 3
  // "a shooting victim advocate": the phrase goes on as a modifier.
  const next = norm(v, after)
  const ends =
    after >= v.end ||
    v.tokens[after].kind !== 'word' ||
    FUNCTION.has(next) ||
    AUXILIARIES.has(next) ||
    DIED.has(next) ||
    roleAt(v, after) !== null
  if (!ends) return null
  const found = rolePredicate(v, after)
  const role = found && CASUALTY.has(found.role) ? found.role : 'dead_or_injured'
  return { quantity: make(v, i, after, ONE, 'victim', role, i + 2), next: after }
}

/** Verbs that leave their object in a state told right after it: "left him dead", "found her wounded". */
const STATE_VERBS = new Set(['left', 'leaving', 'leaves', 'leave', 'found', 'find', 'finds', 'discovered'])

/** The casualty role of the state word at token k when a state verb stands just before the object at i. */
const objectState = (v: View, i: number, k: number): QuantityRole | null => {
  if (!STATE_VERBS.has(norm(v, i - 1))) return null
  const found = roleAt(v, k)
  if (!found || (found.role !== 'killed' && found.role !== 'injured')) return null
  // "left him dead" is a word, not "left him dead-set on …".
  return found.last === k + 1 ? found.role : null
}

/** Verbs that leave someone in a state: "left him with a broken arm". */
const LEFT = new Set(['left', 'leaving', 'leaves', 'leave'])
/** Words in a wound phrase that make it a death, not a wound: "left him with fatal injuries". */
const FATAL_WORDS = new Set(['fatal', 'deadly', 'mortal'])

/**
 * "the crash left a woman with serious injuries", "a gunshot left Jane Roe with wounds to her face": the
 * object of "left" told with injuries or wounds (a few modifiers before them) was hurt and is alive.
 * `i` is the object's first token, `k` the token after it.
 */
const leftWithWounds = (v: View, i: number, k: number): QuantityRole | null => {
  if (!LEFT.has(norm(v, i - 1)) || norm(v, k) !== 'with') return null
  for (let j = k + 1; j < v.end && j < k + 6; j++) {
    const w = norm(v, j)
    if (FATAL_WORDS.has(w) || v.tokens[j].kind !== 'word') return null
    if (WOUNDS.has(w)) return 'injured'
  }
  return null
}

/** Whether token i is the "'s" (or "'") of a possessor: "his neighbor's", "the boys'". */
const isPossessive = (v: View, i: number): boolean =>
  (norm(v, i) === "'s" || norm(v, i) === "'") && i - 1 >= v.start && v.tokens[i - 1].kind === 'word'

/** The first token of the possessor before the "'s" at token i: "the boy", "Jane Roe", "her friend". */
const possessorStart = (v: View, i: number): number => {
  let k = i - 1
  if (isCapitalised(raw(v, k))) {
    while (k - 1 >= v.start && v.tokens[k - 1].kind === 'word' && isCapitalised(raw(v, k - 1)) && i - k < 3)
      k--
  } else if (k - 1 >= v.start && DETERMINERS.has(norm(v, k - 1))) k--
  return k
}

const DEATH_NOUNS = new Set([
  'bodies',
  'body',
  'death',
  'deaths',
  'killing',
  'killings',
  'murder',
  'murders',
  'slaying',
  'slayings',
])

/**
 * The victims named after "of" at token `of`: "the deaths of Jane Roe, 9, and Ann Poe, 52" (2), "the slayings
 * of three people" (3), "the death of a girl and her grandmother" (2), "the murder of 16-year-old Jane Roe"
 * (1); "the death of a" with no person noun is at least one. The quantity spans from token i.
 */
const victimsOf = (
  v: View,
  i: number,
  of: number,
  role: QuantityRole = 'killed',
): { quantity: Quantity; next: number } | null => {
  const exactly = (n: number) => ({ low: n, best: n, high: n })
  const names = namesAt(v, of + 1)
  if (names && (names.count > 1 || nameAt(v, of + 1) - (of + 1) >= 2)) {
    return { quantity: make(v, i, names.next, exactly(names.count), '', role, i), next: names.next }
  }
  const figure = parseFigure(v, of + 1)
  const counted = figure?.exact && figure.best !== null ? findCounted(v, figure.last) : null
  // "the shooting of five in the area", "the deaths of three": a bare figure counts people.
  const bare = figure?.exact && figure.best !== null && !counted && !isNotACount(v, figure)
  if (figure && bare && figure.best !== null) {
    return { quantity: make(v, i, figure.last, exactly(figure.best), '', role, i), next: figure.last }
  }
  if (
    figure &&
    counted &&
    figure.best !== null &&
    (COUNT_NOUNS.has(counted.noun) || PEOPLE.has(counted.noun))
  ) {
    // "the deaths of two adults and two children": conjoined groups add up.
    const conj = readConjuncts(v, counted.last)
    const n = conj.values.reduce((a, b) => a + b, figure.best)
    const last = conj.values.length > 0 ? conj.next : counted.last
    return {
      quantity: make(v, i, last, exactly(n), conj.values.length > 0 ? '' : counted.noun, role, counted.index),
      next: last,
    }
  }
  const det = PERSON_DETERMINERS.has(norm(v, of + 1)) || norm(v, of + 1) === 'another'
  if (!AGE_WORD.test(norm(v, of + 1)) && !det) {
    // Headline style without article: "shooting death of Jessamine teen", "shooting of girl, 3".
    let k = of + 1
    while (k < of + 3 && isCapitalised(raw(v, k)) && !PEOPLE.has(norm(v, k)) && v.tokens[k].kind === 'word')
      k++
    if (k >= v.end || !PEOPLE.has(norm(v, k)) || PEOPLE.has(norm(v, k + 1)) || personNoun(v, k) !== k)
      return null
    return { quantity: make(v, i, k + 1, exactly(1), norm(v, k), role, k), next: k + 1 }
  }
  const noun = personNoun(v, det ? of + 2 : of + 1)
  // "the shooting of a car" shot no one; "the death of a" is someone's.
  if (noun < 0 && role !== 'killed') return null
  if (noun < 0) {
    const last = det ? of + 1 : of + 2
    return {
      quantity: make(v, i, last, det ? { low: 1, best: null, high: null } : ONE, '', role, i),
      next: last,
    }
  }
  const conj = readConjuncts(v, noun + 1)
  const n = 1 + conj.values.reduce((a, b) => a + b, 0)
  const last = Math.max(noun + 1, conj.next)
  return { quantity: make(v, i, last, exactly(n), '', role, i), next: last }
}

/**
 * "a fatal shooting", "a deadly attack", "the shooting death of", "took the life of": at least one killed
 * (low 1, best null), since the phrase says someone died but not how many. "the deaths of Jane Roe, 9, and
 * Ann Poe, 52" and "the death of a girl and her grandmother" count the victims named; "a murder-suicide" (also "murder/suicide", "murders-suicide") is
 * at least two dead.
 */
const readFatal = (v: View, i: number): { quantity: Quantity; next: number } | null => {
  const w = norm(v, i)
  const next = norm(v, i + 1)
  const atLeast = (n: number) => ({ low: n, best: null, high: null })
  const one = (last: number, counted: number): { quantity: Quantity; next: number } => ({
    quantity: make(v, i, last, atLeast(1), '', 'killed', counted),
    next: last,
  })
  // "resulting in her death", "the teen's death": one death.
  if (
    (w === 'death' || w === 'killing' || w === 'murder') &&
    (norm(v, i - 1) === 'her' || norm(v, i - 1) === 'his')
  ) {
    return { quantity: make(v, i - 1, i + 1, ONE, '', 'killed', i), next: i + 1 }
  }
  if (w === "'s" && next === 'death' && PEOPLE.has(norm(v, i - 1))) {
    return { quantity: make(v, i - 1, i + 2, ONE, norm(v, i - 1), 'killed', i - 1), next: i + 2 }
  }
  // "the 16-year-old's gunshot wound": someone shot.
  const owner = norm(v, i - 1)
  if (
    w === "'s" &&
    next === 'gunshot' &&
    WOUNDS.has(norm(v, i + 2)) &&
    (PEOPLE.has(owner) || AGE_WORD.test(owner))
  ) {
    return { quantity: make(v, i - 1, i + 3, ONE, owner, 'dead_or_injured', i - 1), next: i + 3 }
  }
  // "an attempted murder-suicide" may have killed no one.
  // Also written "murder suicide", "murder/suicide", "murders-suicide".
  const slashed = w === 'murder' && next === '/' && norm(v, i + 2) === 'suicide'
  if (
    (w === 'murder-suicide' ||
      w === 'murders-suicide' ||
      (w === 'murder' && next === 'suicide') ||
      slashed) &&
    norm(v, i - 1) !== 'attempted'
  ) {
    const last = slashed ? i + 3 : w === 'murder' ? i + 2 : i + 1
    // "a double murder-suicide": two murdered, then the killer: three dead.
    const times = MULTIPLIERS.get(norm(v, i - 1))
    if (times !== undefined) {
      const n = times + 1
      return { quantity: make(v, i - 1, last, { low: n, best: n, high: n }, '', 'killed', i), next: last }
    }
    // "a murder-suicide involving two adults and two children": the people it involved are its dead.
    if (norm(v, last) === 'involving') {
      const involved = victimsOf(v, i, last)
      if (involved && (involved.quantity.best ?? 0) >= 2) return involved
    }
    return { quantity: make(v, i, last, atLeast(2), '', 'killed', i), next: last }
  }
  if (w === 'fatal' || w === 'deadly') {
    // "a deadly Hamilton bar shooting", "a fatal New Year's Eve shooting": a few modifiers before the event.
    for (let k = i + 1; k < Math.min(v.end, i + 6); k++) {
      if (FATAL_EVENTS.has(norm(v, k))) return fatalEventOf(v, i, k) ?? one(k + 1, k)
      const possessive = norm(v, k) === "'s" || norm(v, k) === "'"
      if ((v.tokens[k].kind !== 'word' && !possessive) || FUNCTION.has(norm(v, k)) || roleAt(v, k)) break
    }
  }
  if (DEATH_KINDS.has(w) && (next === 'death' || next === 'deaths') && norm(v, i + 2) !== 'of') {
    return one(i + 2, i + 1)
  }
  if (DEATH_NOUNS.has(w) && next === 'of' && !NEGATORS.has(norm(v, i - 1))) {
    const victims = victimsOf(v, i, i + 1)
    // "the body of the car": a body counts only when it is someone's.
    if (victims && (victims.quantity.best !== null || (w !== 'body' && w !== 'bodies'))) return victims
  }
  // "investigating a homicide", "charged with murder": one killing, at least one dead. Not "attempted
  // murder", nor a unit or a statistic named after the crime ("homicide detectives", "the murder rate").
  if (
    FATAL_NOUNS.has(w) &&
    // "attempted first-degree murder", "assault to commit murder", "a 2015 murder", "a prior homicide".
    ![1, 2, 3].some((k) => NEGATORS.has(norm(v, i - k)) || FATAL_NOUN_NOT_AFTER.has(norm(v, i - k))) &&
    !/^(1[89]|20)\d\d$/.test(norm(v, i - 1)) &&
    !FATAL_NOUN_UNITS.has(next) &&
    !(next === '-' && norm(v, i + 2) === 'suicide')
  ) {
    return one(i + 1, i)
  }
  if ((w === 'shooting' || w === 'shootings') && next === 'of' && !NEGATORS.has(norm(v, i - 1))) {
    // "the shooting of a man and his son": shot, dead or alive.
    const victims = victimsOf(v, i, i + 1, 'dead_or_injured')
    if (victims) return victims
  }
  // Headline style: "shooting claims life of 15-year-old".
  if (LIFE_VERBS.has(w) && next === 'life' && norm(v, i + 2) === 'of') {
    const victims = victimsOf(v, i, i + 2)
    if (victims) return victims
  }
  if (LIFE_VERBS.has(w) && (next === 'the' || next === 'his' || next === 'her')) {
    // "claimed the lives of his mother and a man", "took the life of a boy"
    const life = norm(v, i + 2)
    if ((life === 'lives' || life === 'life') && norm(v, i + 3) === 'of') {
      const victims = victimsOf(v, i, i + 3)
      if (victims) return victims
    }
    if (life === 'life') return one(i + 3, i + 2)
    // "took his own life": the killer's own death ("tried to take her own life" only says it was meant).
    if (life === 'own' && norm(v, i + 3) === 'life' && next !== 'the' && !isInfinitive(v, i)) {
      return { quantity: make(v, i + 1, i + 4, ONE, '', 'killed', i + 3), next: i + 4 }
    }
  }
  // A headline drops the possessive: "Student takes own life".
  if (LIFE_VERBS.has(w) && next === 'own' && norm(v, i + 2) === 'life' && !isInfinitive(v, i)) {
    return { quantity: make(v, i + 1, i + 3, ONE, '', 'killed', i + 2), next: i + 3 }
  }
  return null
}

/** Nouns for the act of wounding someone: "the wounding of her uncle". */
const WOUNDINGS = new Set(['wounding', 'woundings'])

/**
 * "the killing of a girl and the wounding of her uncle", "the wounding of two men": the people wounded, named
 * or counted after "of" as "the deaths of" names the dead; wounded, so alive.
 */
const readWoundingOf = (v: View, i: number): { quantity: Quantity; next: number } | null => {
  if (!WOUNDINGS.has(norm(v, i)) || norm(v, i + 1) !== 'of' || NEGATORS.has(norm(v, i - 1))) return null
  const victims = victimsOf(v, i, i + 1, 'injured')
  return victims && victims.quantity.best !== null ? victims : null
}

/**
 * "tried to take her own life", "threatened to take his own life": a verb after "to" is an infinitive, which
 * reports an intent or an attempt, not a casualty (as for role verbs: "did not mean to hurt him").
 */
const isInfinitive = (v: View, i: number): boolean => norm(v, i - 1) === 'to' && !norm(v, i).endsWith('ing')

/**
 * "the fatal shooting of a woman and two of her children" (3), "the deadly shooting of two men" (2): a fatal
 * event told with its victims after "of" counts them as killed, as "the deaths of two men" does. Null when
 * no exact figure of people follows (then the event is at least one death).
 */
const fatalEventOf = (v: View, i: number, event: number): { quantity: Quantity; next: number } | null => {
  if (norm(v, event + 1) !== 'of') return null
  const victims = victimsOf(v, i, event + 1)
  return victims && victims.quantity.best !== null ? victims : null
}

/** "a double homicide" → 2 killed; "a triple shooting" → 3 shot; "a double fatal shooting" → 2 killed. */
const readMultiplier = (v: View, i: number): Quantity | null => {
  const n = MULTIPLIERS.get(norm(v, i))
  // "a double fatal shooting": that many fatally shot.
  const fatal = norm(v, i + 1) === 'fatal' || norm(v, i + 1) === 'deadly'
  if (n !== undefined && fatal && MULTIPLIED.get(norm(v, i + 2)) === 'dead_or_injured')
    return make(v, i, i + 3, { low: n, best: n, high: n }, '', 'killed', i + 2)
  const role = MULTIPLIED.get(norm(v, i + 1))
  if (n === undefined || role === undefined) return null
  return make(v, i, i + 2, { low: n, best: n, high: n }, '', role, i + 1)
}

/**
 * "a triple-murder suspect", "the double-homicide case": the multiplier joined to its event by a hyphen, in
 * one token, counts the victims as the two words apart do ("a triple murder").
 */
const readHyphenMultiplier = (v: View, i: number): Quantity | null => {
  const [times, event, ...rest] = norm(v, i).split('-')
  const n = MULTIPLIERS.get(times)
  const role = MULTIPLIED.get(event ?? '')
  if (n === undefined || role === undefined || rest.length > 0) return null
  return make(v, i, i + 1, { low: n, best: n, high: n }, '', role, i)
}

/**
 * "two people were shot, one fatally": when a sentence has a shot count and a smaller killed count
 * taken from it (partitive or bare), and no injured count, the rest were injured.
 */
const derivePartition = (v: View, found: Quantity[]): Quantity | null => {
  const shot = found.find((q) => q.role === 'dead_or_injured' && q.best !== null && q.best > 0)
  if (!shot || found.some((q) => q.role === 'injured')) return null
  const killed = found.find(
    (q) =>
      q.role === 'killed' &&
      q.span.start > shot.span.start &&
      q.best !== null &&
      q.best < (shot.best ?? 0) &&
      // "10 shot, at least 2 dead" leaves the injured open.
      q.high !== null &&
      shot.high !== null &&
      (q.counted === '' || PARTITIVE.has(q.counted)),
  )
  if (!killed || killed.best === null || shot.best === null) return null
  const s = { start: shot.span.start, end: Math.max(killed.span.end, killed.countedSpan?.end ?? 0) }
  const n = shot.best - killed.best
  return {
    span: s,
    text: v.text.slice(s.start, s.end),
    low: n,
    best: n,
    high: n,
    counted: shot.counted,
    role: 'injured',
  }
}

/** Determiners that introduce someone not mentioned before. */
const NEW_PERSON = new Set(['a', 'an', 'another'])

/**
 * "A man was killed and a woman was shot", "one person died and four others were shot": people shot who
 * are named after the dead of the same sentence, as new people, are the survivors.
 */
const isShotBesideKilled = (found: readonly Quantity[], q: Quantity): boolean => {
  if (q.role !== 'dead_or_injured') return false
  // A group shot ("five people shot", "a quadruple shooting") may include the dead; "others" and a newly
  // introduced person ("a woman") do not.
  const head = q.text.split(' ', 1)[0].toLowerCase()
  if (q.counted !== 'others' && !NEW_PERSON.has(head)) return false
  return found.some((k) => k.role === 'killed' && k.best !== null && k.span.end <= q.span.start)
}

/**
 * "A father was killed and his 4-year-old son was shot": someone told by a possessive ("his son", "her
 * friend") after a death in the same sentence is another person than the one who died, so a shooting of them
 * left them alive, as for a newly introduced person. Only as the subject told shot ("his son was shot"): the
 * object of a second attack ("then shot his baby") may have died of it as well.
 */
const isKinShotBesideKilled = (v: View, found: readonly Quantity[], q: Quantity): boolean => {
  if (q.role !== 'dead_or_injured' || q.best !== 1 || !PEOPLE.has(q.counted)) return false
  // "kills two teens, then shoots his baby": the object of a second attack may have died of it too.
  let i = v.start
  while (i < v.end && v.tokens[i].span.start < q.span.start) i++
  const adverb = /^[a-z]+ly$|^(?:then|also)$/.test(norm(v, i - 1))
  if (roleAt(v, i - 1)?.last === i || (adverb && roleAt(v, i - 2)?.last === i - 1)) return false
  if (!POSSESSIVES.has(q.text.split(' ', 1)[0].toLowerCase())) return false
  return found.some((k) => k.role === 'killed' && k.best !== null && k.span.end <= q.span.start)
}

/** A killing of oneself: "killing himself", "took her own life". */
const isSuicide = (q: Quantity): boolean =>
  q.role === 'killed' && /^(?:him|her)self$|^\w+ own life$/i.test(q.text)

/** Whether a quantity is the object of a role verb a few words before it ("killed [at least two people]"). */
const isObject = (v: View, q: Quantity): boolean => {
  let i = v.start
  while (i < v.end && v.tokens[i].span.start < q.span.start) i++
  // "killed his neighbor's two sons": the possessor is a determiner of the object.
  if (isPossessive(v, i - 1)) i = possessorStart(v, i - 1)
  for (let k = i - 1; k >= Math.max(v.start, i - 3); k--) {
    const found = roleAt(v, k)
    // "charged after a boy shot himself": an arrest verb has the suspect, not a victim, after it.
    if (found) return CASUALTY.has(found.role)
    if (v.tokens[k].kind !== 'word') return false
  }
  return false
}

/**
 * "shot and killed her two daughters before killing herself", "killed his wife and then took his own life":
 * a killer's victims and the killer's own death in one sentence are separate people, so they add up. Only
 * the largest earlier count of victims is taken, since a name and a total may count the same people.
 */
const deriveSuicide = (v: View, found: Quantity[]): Quantity | null => {
  const self = found.find(isSuicide)
  if (!self) return null
  let victims: Quantity | null = null
  for (const q of found) {
    if (q.role !== 'killed' || q.best === null || q === self || isSuicide(q)) continue
    // A conjoined total already counts the killer ("four classmates and himself").
    if (q.span.end >= self.span.end) return null
    if ((!victims || q.best > (victims.best ?? 0)) && isObject(v, q)) victims = q
  }
  if (!victims || victims.best === null) return null
  // "claimed the lives of his mother and a man who … turned the gun on himself": the killer is the last
  // victim named, whom a relative clause describes, not one more.
  if (/^\s*,?\s*who\b/i.test(v.text.slice(victims.span.end, self.span.start))) return null
  return totalOver(v, victims.span.start, self.span.end, victims.best + 1, 'killed')
}

/** Between two killings told in turn: "… before killing …", "… and then fatally shot …". */
const IN_TURN =
  /^\s*,?\s*(?:and\s+)?(?:before|then|later|and then)\s+(?:also\s+)?(?:shot and killed|shooting and killing|fatally shot|fatally shooting|fatally stabbed|killed|killing|murdered|murdering)\s+$/i

/**
 * "fatally shot his brother and his girlfriend before killing a home invader", "killed his girlfriend and
 * then fatally shot three men": the objects of two killings told one after the other in a sentence are
 * different people, so they add up (the largest object of each, as a name and a total may count the same).
 */
const deriveKillingsInTurn = (v: View, found: Quantity[]): Quantity | null => {
  const objects = found.filter(
    (q) => q.role === 'killed' && q.best !== null && !isSuicide(q) && isObject(v, q),
  )
  for (const b of objects) {
    // The largest object ending right before the link to b.
    const a = objects
      .filter((q) => q.span.end <= b.span.start && IN_TURN.test(v.text.slice(q.span.end, b.span.start)))
      .reduce<Quantity | null>((m, q) => (m === null || (q.best ?? 0) > (m.best ?? 0) ? q : m), null)
    if (!a) continue
    // The largest object starting at b (a total over b's group).
    const second = objects
      .filter((q) => q.span.start === b.span.start)
      .reduce((m, q) => ((q.best ?? 0) > (m.best ?? 0) ? q : m), b)
    const end = Math.max(...objects.filter((q) => q.span.start === b.span.start).map((q) => q.span.end))
    const start = Math.min(...objects.filter((q) => q.span.end === a.span.end).map((q) => q.span.start))
    return totalOver(v, start, end, (a.best ?? 0) + (second.best ?? 0), 'killed')
  }
  return null
}

/** Words that can open something a reader below looks for; every other lower-case word is skipped at once. */
const STARTERS = new Set<string>([
  ...UNITS.keys(),
  ...TENS.keys(),
  ...VAGUE.keys(),
  ...MULTIPLIERS.keys(),
  ...PRONOUNS,
  ...PERSON_DETERMINERS,
  ...LIFE_VERBS,
  ...DEATH_NOUNS,
  ...['no', 'nobody', 'none', 'no-one', 'another', 'him', 'himself', 'herself', 'fatal', 'deadly'],
  ...['shooting', 'stabbing', 'gunshot', 'hunting', "'s"],
  ...FATAL_NOUNS,
  ...WOUNDINGS,
])

/** A cheap test run on every token before the readers: numbers, starter words, capitals and hyphenated words. */
const mayStart = (v: View, i: number): boolean => {
  const t = v.tokens[i]
  if (t.kind === 'number' || STARTERS.has(t.norm)) return true
  if (t.kind !== 'word') return false
  const c = v.text.charCodeAt(t.span.start)
  if ((c >= 65 && c <= 90) || c > 127 || t.norm.includes('-')) return true
  // "kills wife": a bare person noun right after a role word.
  if (i === v.start) return false
  return (
    (ROLE_OF.has(v.tokens[i - 1].norm) && isBareObject(v, i)) || isBareSubject(v, i) || isHeadlineSlot(v, i)
  )
}

/** Verbs of a headline that leave someone in a state: "Shooting leaves teen dead". */
const LEAVES = new Set(['leaves', 'leave', 'left'])

/**
 * A headline's bare person noun (an adjective may come first) where a headline drops the article: after
 * "leaves" ("Shooting leaves young woman dead") or after a colon ("Police: man shot"), when its role word
 * follows right after the noun. (After a comma closing a casualty, "Man killed, boy injured", it cost more
 * than it gained: a headline's one hurt person there stood for a larger body figure.)
 */
const isHeadlineSlot = (v: View, i: number): boolean => {
  if (i === v.start) return false
  const before = norm(v, i - 1)
  if (!LEAVES.has(before) && before !== ':') return false
  const noun = personNoun(v, i)
  return noun >= i && noun <= i + 2 && roleAt(v, noun + 1) !== null
}

/** "after toddler shot, killed", "as teen dies": a headline's bare person noun after a conjunction. */
const isBareSubject = (v: View, i: number): boolean => {
  if (!HEADLINE_CONJUNCTIONS.has(norm(v, i - 1)) || !PEOPLE.has(norm(v, i))) return false
  if (roleAt(v, i + 1) !== null) return true
  // "after man, woman shot", "after teen, 4-year-old shot": a list of bare people, then the predicate.
  const conj = readConjuncts(v, i + 1, true)
  if (conj.values.length > 0 && roleAt(v, conj.next) !== null) return true
  // "after girl, 15, is killed": an age aside, then the predicate.
  const k = skipAside(v, i + 1)
  return k !== i + 1 && /^\d+$/.test(norm(v, i + 2)) && rolePredicate(v, k) !== null
}
const HEADLINE_CONJUNCTIONS = new Set(['after', 'as', 'when'])

/**
 * Readers of a casualty phrase with no leading figure ("a deadly shooting", "a shooting victim", "the
 * wounding of two men"), tried in this order after the figure readers; the first that reads wins.
 */
const PHRASE_READERS = [readFatal, readShotVictim, readWoundingOf]
const readPhrase = (v: View, i: number): { quantity: Quantity; next: number } | null => {
  for (const read of PHRASE_READERS) {
    const phrase = read(v, i)
    if (phrase) return phrase
  }
  return null
}

/** Finds the quantities in one sentence's tokens [start, end). */
export const findQuantities = (
  text: string,
  tokens: readonly Token[],
  start: number,
  end: number,
  { implied = true }: QuantitiesOptions = {},
): Quantity[] => {
  const v: View = { tokens, text, start, end }
  const found: Quantity[] = []
  for (let i = start; i < end; ) {
    if (!mayStart(v, i)) {
      i++
      continue
    }
    const zero = readZero(v, i)
    if (zero) {
      found.push(zero.quantity)
      i = zero.next
      continue
    }
    const figure = readFigure(v, i)
    if (figure) {
      if (figure.quantity) found.push(figure.quantity)
      if (figure.total) found.push(figure.total)
      i = Math.max(i + 1, figure.next)
      continue
    }
    const multiplied = readMultiplier(v, i)
    if (multiplied) {
      found.push(multiplied)
      i += 2
      continue
    }
    const hyphened = readHyphenMultiplier(v, i)
    if (hyphened) {
      found.push(hyphened)
      i += 1
      continue
    }
    const phrase = readPhrase(v, i)
    if (phrase) {
      found.push(phrase.quantity)
      i = phrase.next
      continue
    }
    if (implied) {
      const one = readImplied(v, i)
      if (one) {
        found.push(one.quantity)
        if (one.total) found.push(one.total)
        i = one.next
        continue
      }
    }
    i++
  }
  const partition = derivePartition(v, found)
  if (partition) found.push(partition)
  const withSuicide = deriveSuicide(v, found)
  if (withSuicide) found.push(withSuicide)
  const sequence = deriveKillingsInTurn(v, found)
  if (sequence) found.push(sequence)
  const wounded = deriveWithWound(v, found)
  if (wounded) found.push(wounded)
  const marked = found.map((q) =>
    isShotBesideKilled(found, q) || isKinShotBesideKilled(v, found, q)
      ? { ...q, role: 'injured' as const }
      : q,
  )
  const newcomers = deriveNewcomers(v, marked)
  if (newcomers) marked.push(newcomers)
  return marked
}

/**
 * "A 39-year-old man was in critical condition and a 26-year-old was in stable condition": wounded people
 * each introduced as new ("a", "an") in one sentence are different people, so they add up, when no figure in
 * the sentence already counts them together.
 */
const deriveNewcomers = (v: View, found: readonly Quantity[]): Quantity | null => {
  const ones = found.filter((q) => q.role === 'injured' && q.best === 1 && INDEFINITE.test(q.text))
  // A group figure or a conjoined total spanning them already counts them.
  if (ones.length < 2 || found.some((q) => q.role === 'injured' && (q.best ?? 0) > 1)) return null
  return totalOver(v, ones[0].span.start, ones[ones.length - 1].span.end, ones.length, 'injured')
}

/** An exact total of `n` people in `role`, spanning the quantities it adds up (character offsets). */
const totalOver = (v: View, start: number, end: number, n: number, role: QuantityRole): Quantity => ({
  span: { start, end },
  text: v.text.slice(start, end),
  low: n,
  best: n,
  high: n,
  counted: '',
  role,
})
/** An indefinite article opening a quantity: someone not mentioned before ("another" may be the one before). */
const INDEFINITE = /^an? /i

/**
 * "A 17-year-old girl showed up at a hospital with a gunshot wound", "officers found a man with gunshot
 * wounds": one person shot, the last one-person phrase before "with … gunshot/bullet wound(s)", when the
 * sentence counts no casualty otherwise.
 */
const deriveWithWound = (v: View, found: readonly Quantity[]): Quantity | null => {
  if (found.some((q) => CASUALTY.has(q.role))) return null
  for (let w = v.start; w < v.end; w++) {
    if (norm(v, w) !== 'with') continue
    let k = w + 1
    if (['a', 'an', 'one', 'multiple', 'several'].includes(norm(v, k))) k++
    if (!(norm(v, k) === 'gunshot' || norm(v, k) === 'bullet') || !WOUNDS.has(norm(v, k + 1))) continue
    let person: { from: number; noun: number } | null = null
    for (let j = v.start; j < w; j++) {
      if (!PERSON_DETERMINERS.has(norm(v, j)) || norm(v, j) === 'the') continue
      const noun = personNoun(v, j + 1)
      if (noun >= 0 && noun < w) person = { from: j, noun }
    }
    if (person)
      return make(v, person.from, person.noun + 1, ONE, norm(v, person.noun), 'dead_or_injured', person.noun)
  }
  return null
}

/**
 * The quantities stage: produces `quantities` from `tokens` and `sentences`.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), quantities()])
 * run(makeDoc({ text: 'The blast killed three soldiers and injured at least 40.', meta: { source: 'x' } })).quantities
 * // → [{ text: 'three', best: 3, role: 'killed', counted: 'soldiers' }, { text: 'at least 40', low: 40, best: 40, high: null, role: 'injured' }]
 */
export const quantities = (options: QuantitiesOptions = {}): Stage<'quantities'> => ({
  name: 'quantities',
  needs: ['tokens', 'sentences'],
  produces: 'quantities',
  run(doc) {
    const tokens = doc.tokens ?? []
    const out: Quantity[] = []
    let t = 0
    for (const sentence of doc.sentences ?? []) {
      while (t < tokens.length && tokens[t].span.start < sentence.start) t++
      const first = t
      while (t < tokens.length && tokens[t].span.end <= sentence.end) t++
      for (const q of findQuantities(doc.text, tokens, first, t, options)) out.push(q)
    }
    return out
  },
})
