import cueData from '../data/quote-cues.json' with { type: 'json' }
import type { Doc, Mention, Quote, Span, Token } from '../model/types.ts'
import type { Stage, StageContext } from '../pipeline/stage.ts'

/** Options of the {@link quotes} stage. */
export interface QuotesOptions {
  /**
   * Replace a he/she speaker with its antecedent when that is clear: within 3 sentences, the last named speaker with no
   * other person named since, or the only person the entity layer names there. Default true.
   */
  resolvePronouns?: boolean
  /** A quoted phrase of at most this many words with no cue beside it is a scare quote, not a speaker quote. Default 3. */
  maxScareWords?: number
}

/** A stretch of text between quotation marks, by token index of its marks. */
export interface QuoteRegion {
  /** Token index of the opening mark. */
  open: number
  /** Token index of the closing mark's last token, or -1 when the paragraph ended first (multi-paragraph quotes leave the mark out). */
  close: number
  /** Token index of the closing mark's first token (a mark may be two tokens: ''), or -1. */
  closeStart: number
  /** The text between the marks (a trailing comma left out). */
  inner: Span
  /** Token index range [first, last] inside the marks. */
  first: number
  last: number
  /** Word and number tokens inside. */
  words: number
}

const VERBS = new Set(cueData.verbs)
const TELL = new Set(cueData.tell)
const AUX = new Set(cueData.aux)
const PRONOUNS = new Set(cueData.pronouns)
const PERSON_PRONOUNS = new Set(cueData.personPronouns)
const CONTAINERS = new Set(cueData.containers)
const CLAUSE_STOPS = new Set(cueData.clauseStops)
const PREPOSITIONS = new Set(cueData.prepositions)
const TIME_WORDS = new Set(cueData.timeWords)
const NEED_COMPLEMENT = new Set(cueData.needComplement)
const COMPLEMENTIZERS = new Set(cueData.complementizers)
const DETERMINERS = new Set(cueData.determiners)
const TO_VERBS = new Set(cueData.toVerbs)
/** Relative pronouns that open a clause describing the noun before them. */
const RELATIVES = new Set(['who'])
const PARTICIPLES = new Set(cueData.participles)
const CONJUNCTIONS = new Set(['and', 'but'])
const QUESTIONS = new Set(cueData.questions)
const WH_WORDS = new Set(cueData.whWords)
const NOUN_LIKE = new Set(cueData.nounLike)
const OBJECT_PRONOUNS = new Set(['him', 'her', 'it', 'them', 'us', 'me'])
const QUANTIFIERS = new Set(cueData.quantifiers)
const IRREGULAR_PAST = new Set([
  'said',
  'told',
  'wrote',
  'thought',
  'felt',
  'knew',
  'swore',
  'made',
  'gave',
  'took',
  'went',
])
const DAYS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'yesterday',
  'today',
  'tonight',
])
const TERMINAL = new Set(['.', '!', '?', ';'])
// Documents "read"; people say. Only after a direct quote is "reads" a cue ("…,” the statement reads).
const READ = new Set(['read', 'reads'])

const isQuoteMark = (t: Token): boolean => t.norm === '"'
const isWord = (t: Token | undefined): boolean =>
  t !== undefined && (t.kind === 'word' || t.kind === 'number')
const isCapital = (text: string, t: Token): boolean =>
  /^\p{Lu}/u.test(text.slice(t.span.start, t.span.start + 1))
const breaksParagraph = (text: string, a: Token, b: Token): boolean =>
  text.slice(a.span.end, b.span.start).includes('\n')

/**
 * Finds the stretches between quotation marks. Curly marks say which way they face; a straight `"` opens when
 * no quote is open. A quote still open at the end of a paragraph ends there: news style repeats the opening mark
 * on each paragraph of a long quote and closes only the last.
 */
export const findQuoteRegions = (text: string, tokens: readonly Token[]): QuoteRegion[] => {
  const regions: QuoteRegion[] = []
  // The opening mark being matched: its first and last token, and whether it is a single quote (‘…’).
  let open = -1
  let openEnd = -1
  let single = false
  const finish = (closeStart: number, close: number, lastInner: number): void => {
    const first = openEnd + 1
    let last = lastInner
    // “…,” Smith said: the comma belongs to the attribution, not to what was said.
    if (last >= first && tokens[last].norm === ',') last--
    let words = 0
    for (let k = first; k <= last; k++) if (isWord(tokens[k])) words++
    if (last >= first) {
      regions.push({
        open,
        close,
        closeStart,
        inner: { start: tokens[first].span.start, end: tokens[last].span.end },
        first,
        last,
        words,
      })
    }
    open = -1
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (open >= 0 && i > openEnd + 1 && breaksParagraph(text, tokens[i - 1], t)) finish(-1, -1, i - 1)
    const mark = markAt(text, tokens, i)
    if (!mark) continue
    const end = i + mark.length - 1
    if (open < 0) {
      // A stray closing mark with nothing open: nothing to pair it with.
      if (mark.role !== 'close' && mark.role !== 'close-single') {
        open = i
        openEnd = end
        single = mark.role === 'open-single'
      }
    } else if (mark.role === 'open') {
      finish(-1, -1, i - 1)
      open = i
      openEnd = end
      single = false
    } else if (single ? mark.role === 'close-single' : mark.role === 'close' || mark.role === 'either') {
      finish(i, end, i - 1)
    }
    i = end
  }
  if (open >= 0) finish(-1, -1, tokens.length - 1)
  return regions
}

type MarkRole = 'open' | 'close' | 'either' | 'open-single' | 'close-single'

/**
 * The quotation mark starting at token i, if any: curly and straight double quotes, two straight apostrophes used as
 * a double quote (''…'', as some papers print), and curly single quotes (‘…’) — a ’ closes only a ‘ region and only
 * when it stands alone after a word or punctuation and before a space or punctuation, since ’ is also an apostrophe.
 */
const markAt = (
  text: string,
  tokens: readonly Token[],
  i: number,
): { role: MarkRole; length: number } | undefined => {
  const t = tokens[i]
  if (t.span.end - t.span.start !== 1) return undefined
  const ch = text[t.span.start]
  // Spacing overrides a mark's shape, which typesetting and scraping often get wrong ("unusual,“ he said").
  const next0 = tokens[i + 1]
  const attachedBefore = i > 0 && !t.spaceBefore && tokens[i - 1].span.end === t.span.start
  const attachedAfter = next0 !== undefined && !next0.spaceBefore
  if (ch === '“' || ch === '„' || ch === '«')
    return { role: attachedBefore && !attachedAfter ? 'close' : 'open', length: 1 }
  if (ch === '”' || ch === '»')
    return { role: !attachedBefore && attachedAfter && t.spaceBefore ? 'open' : 'close', length: 1 }
  if (ch === '"') return { role: 'either', length: 1 }
  const next = tokens[i + 1]
  if (
    (ch === "'" || ch === '’') &&
    next &&
    next.span.start === t.span.end &&
    text[next.span.start] === ch &&
    next.span.end - next.span.start === 1
  ) {
    return { role: 'either', length: 2 }
  }
  if (ch === '‘') return { role: 'open-single', length: 1 }
  if (ch === '’') {
    const after = text[t.span.end] ?? ' '
    if (/[\s.,;:!?)\]—–-]/u.test(after)) return { role: 'close-single', length: 1 }
  }
  return undefined
}

interface Attribution {
  speaker?: [number, number]
  cue?: [number, number]
  content: Span
  direct: boolean
  /** Token range of the whole attribution. */
  from: number
  to: number
  /** The speaker was carried over from the previous quote: it is not part of this attribution's span. */
  inherited?: boolean
}

/** The per-document working state: tokens, their sentences and what has been used. */
class Reader {
  readonly sentenceOf: Int32Array
  readonly sentenceStart: Int32Array
  readonly sentenceEnd: Int32Array
  readonly used: Uint8Array
  /** Per sentence: 1 when it is a headline in title case. */
  readonly titleCase: Uint8Array
  readonly inRegion: Int32Array

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    sentences: readonly Span[],
    readonly regions: readonly QuoteRegion[],
  ) {
    const n = tokens.length
    this.sentenceOf = new Int32Array(n)
    this.sentenceStart = new Int32Array(Math.max(sentences.length, 1))
    this.sentenceEnd = new Int32Array(Math.max(sentences.length, 1))
    let s = 0
    for (let i = 0; i < n; i++) {
      while (s < sentences.length - 1 && tokens[i].span.start >= sentences[s].end) s++
      this.sentenceOf[i] = s
    }
    this.sentenceStart.fill(-1)
    for (let i = 0; i < n; i++) {
      const k = this.sentenceOf[i]
      if (this.sentenceStart[k] < 0) this.sentenceStart[k] = i
      this.sentenceEnd[k] = i
    }
    this.titleCase = new Uint8Array(Math.max(sentences.length, 1))
    for (let k = 0; k < sentences.length; k++) {
      let words = 0
      let capitals = 0
      for (let t = this.sentenceStart[k]; t >= 0 && t <= this.sentenceEnd[k]; t++) {
        if (tokens[t].kind !== 'word' || tokens[t].norm.length < 4) continue
        words++
        if (isCapital(text, tokens[t])) capitals++
      }
      this.titleCase[k] = words >= 3 && capitals >= words * 0.8 ? 1 : 0
    }
    this.used = new Uint8Array(n)
    this.inRegion = new Int32Array(n).fill(-1)
    regions.forEach((r, k) => {
      for (let i = r.open; i <= (r.close >= 0 ? r.close : r.last); i++) this.inRegion[i] = k
    })
  }

  word(i: number): string {
    return this.tokens[i]?.norm ?? ''
  }

  capital(i: number): boolean {
    return this.tokens[i] !== undefined && isCapital(this.text, this.tokens[i])
  }

  /** A cue verb at i, used as a verb: lower-case, not after a determiner ("his claims"), not passive ("was told"). */
  isCue(i: number, { allowRead = false } = {}): boolean {
    const w = this.word(i)
    if (PARTICIPLES.has(w)) return !this.capital(i) && this.word(i - 1) === ','
    // Headlines capitalise every word ("Mayor Says Bridge Will Reopen"): there a capitalised cue is still a cue; so is
    // an inverted "Said Ann Lee, a neighbour, “…”" at the start of a sentence.
    const inverted =
      i === this.sentenceStart[this.sentenceOf[i]] && /ed$|^said$/.test(w) && this.capital(i + 1)
    if (!VERBS.has(w) || (this.capital(i) && !this.titleCase[this.sentenceOf[i]] && !inverted)) return false
    if (READ.has(w) && !allowRead) return false
    const before = this.word(i - 1)
    if (DETERMINERS.has(before) && before !== 'that') return false
    if (['is', 'was', 'are', 'were', 'be', 'been', 'being'].includes(before)) return false
    // "to suggest": an infinitive, whose speaker is the subject of another verb.
    if (before === 'to') return false
    const after = this.word(i + 1)
    if (after === 'to') return TO_VERBS.has(w)
    // "claims of fraud" is a noun; "said of the claim", "warned of" are verbs.
    if (after === 'of') return /ed$/.test(w) || IRREGULAR_PAST.has(w) || w === 'warns' || w === 'warn'
    return after !== 'by'
  }

  /** Extends a cue back over auxiliaries and adverbs ("has also said"). */
  cueStart(i: number, floor: number): number {
    let j = i
    while (
      j - 1 >= floor &&
      (AUX.has(this.word(j - 1)) || /ly$/.test(this.word(j - 1))) &&
      !this.capital(j - 1)
    )
      j--
    return j
  }

  /**
   * The speaker noun phrase ending just before token `end` (exclusive), scanning back no further than `floor`.
   * Handles appositives ("Smith, a spokeswoman, said") and adjuncts before the name ("After the debate Smith said").
   */
  speakerBefore(end: number, floor: number): [number, number] | undefined {
    const found = this.nounPhraseBefore(end, floor)
    if (!found) return undefined
    const [a, b] = found
    // "Speaking on radio, …": a participle opens a clause, not a speaker's name.
    const first = this.word(a)
    const sentenceInitial = a === this.sentenceStart[this.sentenceOf[a]]
    if (a < b && first.length > 5 && /ing$/.test(first) && (!this.capital(a) || sentenceInitial))
      return undefined
    if (NOUN_LIKE.has(this.word(end))) {
      // "the radio show", "his plans": a cue that is as often a noun needs a short, plain subject.
      if (b - a > 4) return undefined
      // "Washington's full-throated support": a possessive makes the cue a noun.
      for (let k = a; k <= b; k++) {
        if ((PREPOSITIONS.has(this.word(k)) && this.word(k) !== 'of') || this.word(k) === "'s")
          return undefined
      }
    }
    return found
  }

  private nounPhraseBefore(end: number, floor: number): [number, number] | undefined {
    let i = end - 1
    // A time adjunct between the speaker and the cue: "The campaign on Tuesday said", "Smith Sunday said".
    while (
      i > floor &&
      (DAYS.has(this.word(i)) || TIME_WORDS.has(this.word(i)) || /ly$/.test(this.word(i)))
    ) {
      if (!DAYS.has(this.word(i)) && this.capital(i)) break
      i--
      if (PREPOSITIONS.has(this.word(i)) && i > floor) i--
    }
    if (i < floor) return undefined
    const t = this.tokens[i]
    if (PRONOUNS.has(t.norm)) return [i, i]
    if (t.norm === ',') {
      // Appositive or relative clause between the name and the cue: skip back to the comma before it.
      for (let c = i - 1; c >= Math.max(floor, i - 16); c--) {
        if (this.word(c) === ',') {
          const head = this.word(c + 1)
          if (DETERMINERS.has(head) || head === 'who' || head === 'which' || !this.capital(c + 1)) {
            return this.speakerBefore(c, floor)
          }
          // "Peter King, Republican of New York, said": a name before the comma is the speaker.
          if (this.capital(c - 1)) return this.speakerBefore(c, floor)
          // "The campaign's chairman, Phil Lovas, said": the name in the appositive is the speaker.
          if (i - 1 - c <= 5) return [c + 1, i - 1]
          return undefined
        }
        if (TERMINAL.has(this.word(c)) || isQuoteMark(this.tokens[c])) return undefined
      }
      return undefined
    }
    const trimmed = i < end - 1
    let j = i
    while (j >= floor && i - j < 12) {
      const tok = this.tokens[j]
      if (tok.norm === ')') {
        // "Sen. Ann Lee (D-Ore.) said": step over a parenthesis inside the speaker's phrase.
        let open = j - 1
        while (open > floor && j - open < 10 && this.word(open) !== '(') open--
        if (this.word(open) !== '(') break
        j = open - 1
        continue
      }
      if (tok.kind === 'punct' || tok.kind === 'symbol') {
        if (tok.norm !== '-' && tok.norm !== '&') break
      } else if (CLAUSE_STOPS.has(tok.norm) && !this.capital(j)) {
        // "A neighbour who saw the car said": the speaker is the noun the relative clause describes.
        if (RELATIVES.has(tok.norm) && j < i && j > floor && !this.capital(j + 1))
          return this.nounPhraseBefore(j, floor)
        break
      }
      // "As police arrived, …", "When officers said": a sentence-initial subordinator opens a clause.
      else if (
        CLAUSE_STOPS.has(tok.norm) &&
        !PREPOSITIONS.has(tok.norm) &&
        j === this.sentenceStart[this.sentenceOf[j]]
      )
        break
      else if (PRONOUNS.has(tok.norm) && j < i) break
      // A lower-case verb form ("made similarly bigoted claims", "the report released Monday") is not in a speaker's
      // noun phrase; a cue word in a noun phrase ("his claims") is no cue.
      else if (
        !this.capital(j) &&
        !tok.norm.includes('-') &&
        (/[^e]ed$/.test(tok.norm) || IRREGULAR_PAST.has(tok.norm)) &&
        tok.norm.length > 4
      )
        break
      // "laughed and said": coordinated verbs; "Smith and Jones said": coordinated names.
      else if ((tok.norm === 'and' || tok.norm === 'or') && !(this.capital(j - 1) && this.capital(j + 1)))
        break
      j--
    }
    let start = j + 1
    // "The report released Monday said": a reduced relative clause; the speaker is the phrase before it.
    if (start > i && trimmed && j > floor && /ed$/.test(this.word(j))) return this.speakerBefore(j, floor)
    if (start > i) return undefined
    if (i - j >= 12) {
      // No boundary close by: keep the phrase from the nearest determiner, else the trailing run of capitals.
      let k = i
      while (k > i - 6 && !DETERMINERS.has(this.word(k))) k--
      if (DETERMINERS.has(this.word(k))) start = k
      else {
        k = i
        while (k - 1 > j && this.capital(k - 1)) k--
        if (!this.capital(k)) return undefined
        start = k
      }
    }
    // A leading adjunct ("After the debate Smith", "On Monday officials"): drop the preposition and its object,
    // which ends where capitalisation changes.
    while (start <= i && PREPOSITIONS.has(this.word(start)) && !this.capital(start)) {
      start++
      while (start <= i && DETERMINERS.has(this.word(start))) start++
      const cap = this.capital(start)
      while (start <= i && this.capital(start) === cap) start++
    }
    if (
      start <= i &&
      this.capital(start) &&
      PREPOSITIONS.has(this.word(start)) &&
      start === this.sentenceStart[this.sentenceOf[start]]
    ) {
      // "In Washington, officials said" has a comma; "In Washington officials said" does not.
      start++
      const cap = this.capital(start)
      while (start <= i && this.capital(start) === cap) start++
    }
    while (start <= i && (this.word(start) === 'and' || this.word(start) === 'but')) start++
    if (start > i) return undefined
    return [start, i]
  }

  /**
   * The speaker of a cue that shares its subject with an earlier verb: "Smith said X but added …", "…, saying …".
   * The speaker of the nearest earlier cue in the sentence, else the noun phrase that opens the sentence.
   */
  sharedSpeaker(cueFrom: number): [number, number] | undefined {
    const conj = CONJUNCTIONS.has(this.word(cueFrom - 1))
    if (!conj && !PARTICIPLES.has(this.word(cueFrom))) return undefined
    const floor = this.sentenceStart[this.sentenceOf[cueFrom]]
    for (let k = cueFrom - 2; k >= floor; k--) {
      if (this.isCue(k) && !PARTICIPLES.has(this.word(k))) {
        const speaker = this.speakerBefore(this.cueStart(k, floor), floor)
        if (speaker) return speaker
      }
    }
    return this.subjectAt(floor, cueFrom - 1)
  }

  /** The noun phrase that opens a sentence: a run of capitalised words or a short determiner phrase. */
  subjectAt(start: number, ceiling: number): [number, number] | undefined {
    if (PREPOSITIONS.has(this.word(start)) || /ing$/.test(this.word(start))) return undefined
    if (PRONOUNS.has(this.word(start))) return [start, start]
    let j = start
    if (DETERMINERS.has(this.word(start)) || this.capital(start)) {
      while (j + 1 < ceiling && j - start < 6) {
        const next = this.tokens[j + 1]
        const w = next.norm
        if (next.kind === 'punct' && w !== '-') break
        if (CLAUSE_STOPS.has(w) || PREPOSITIONS.has(w) || AUX.has(w) || VERBS.has(w) || CONJUNCTIONS.has(w))
          break
        if (!this.capital(j + 1) && /(ed|es)$/.test(w) && w !== "'s") break
        j++
      }
      return [start, j]
    }
    return undefined
  }

  /** "a translation of the statement" speaks for "the statement". */
  dropContainer(start: number, end: number): [number, number] {
    for (let k = start; k < end && k < start + 3; k++) {
      if (CONTAINERS.has(this.word(k)) && this.word(k + 1) === 'of' && k + 2 <= end) return [k + 2, end]
    }
    return [start, end]
  }

  /** The speaker noun phrase starting at `start` ("said Jane Smith, a spokeswoman" → Jane Smith). */
  speakerAfter(start: number, ceiling: number): [number, number] | undefined {
    if (start > ceiling) return undefined
    const first = this.tokens[start]
    if (PRONOUNS.has(first.norm)) return [start, start]
    let j = start
    if (DETERMINERS.has(first.norm) || QUANTIFIERS.has(first.norm)) {
      while (j + 1 <= ceiling && j - start < 10) {
        const next = this.tokens[j + 1]
        if (next.kind === 'punct' && next.norm !== '-') break
        if (CLAUSE_STOPS.has(next.norm) || (PREPOSITIONS.has(next.norm) && next.norm !== 'of')) break
        j++
      }
      return j > start ? [start, j] : undefined
    }
    if (!this.capital(start)) return undefined
    while (j + 1 <= ceiling && j - start < 8) {
      const next = this.tokens[j + 1]
      if (this.capital(j + 1) || next.norm === '-' || next.norm === "'s") j++
      else if (next.norm === 'of' && this.capital(j + 2)) j += 2
      else break
    }
    return [start, j]
  }

  /** Whether token i ends its sentence or the text. */
  lastOfSentence(i: number): boolean {
    return i === this.sentenceEnd[this.sentenceOf[i]]
  }
}

const spanOf = (tokens: readonly Token[], [a, b]: [number, number]): Span => ({
  start: tokens[a].span.start,
  end: tokens[b].span.end,
})

/** A direct quote whose cue comes after it: “…,” Smith said. / “…,” said Smith. / “…,” the statement reads. */
const cueAfter = (r: Reader, q: QuoteRegion): Attribution | undefined => {
  if (q.close < 0) return undefined
  const { tokens, text } = r
  let j = q.close + 1
  if (r.word(j) === ',') j++
  if (j >= tokens.length || breaksParagraph(text, tokens[j - 1], tokens[j])) return undefined
  // A quote ending in a full stop ends its sentence; only a bare "Smith said." may follow it.
  const endsSentence = TERMINAL.has(r.word(q.last)) || TERMINAL.has(r.word(q.closeStart - 1))
  const ceiling = Math.min(tokens.length - 1, j + 14)
  let cue = -1
  for (let k = j; k <= ceiling; k++) {
    const w = r.word(k)
    if (
      TERMINAL.has(w) ||
      isQuoteMark(tokens[k]) ||
      (k > j && breaksParagraph(text, tokens[k - 1], tokens[k]))
    )
      break
    if (r.isCue(k, { allowRead: true })) {
      cue = k
      break
    }
  }
  if (cue < 0) return undefined
  const cueFrom = r.cueStart(cue, j)
  let speaker: [number, number] | undefined
  let to = cue
  if (cueFrom === j) {
    speaker = r.speakerAfter(cue + 1, ceiling)
    if (speaker) to = speaker[1]
  } else {
    speaker = r.speakerBefore(cueFrom, j)
    if (!speaker || speaker[0] !== j) {
      // Something other than a noun phrase sits between the quote and the cue.
      if (!(speaker && r.word(j) !== ',' && speaker[0] > j && r.word(speaker[0] - 1) === ','))
        return undefined
    }
  }
  if (!speaker) return undefined
  if (endsSentence) {
    // "…." Smith said. — but not "…." Smith said Monday that …
    let tail = to + 1
    // "…!” he told the cheering crowd." — a hearer after a verb of telling.
    if (TELL.has(r.word(cue)) && to === cue && DETERMINERS.has(r.word(tail))) {
      while (
        tail < tokens.length &&
        tail - to <= 4 &&
        !TERMINAL.has(r.word(tail)) &&
        !PREPOSITIONS.has(r.word(tail)) &&
        r.word(tail) !== ','
      )
        tail++
    }
    if (tail < tokens.length && !TERMINAL.has(r.word(tail)) && !r.lastOfSentence(tail - 1)) {
      const w = r.word(tail)
      if (!TIME_WORDS.has(w) && !PREPOSITIONS.has(w) && w !== ',') return undefined
      let k = tail
      while (
        k < tokens.length &&
        k - tail < 14 &&
        !TERMINAL.has(r.word(k)) &&
        !COMPLEMENTIZERS.has(r.word(k)) &&
        !r.isCue(k)
      )
        k++
      if (k < tokens.length && !TERMINAL.has(r.word(k)) && !r.lastOfSentence(k - 1)) return undefined
    }
  }
  // A quoted fragment closing a sentence of the writer's ("… kept in a “burn bag,” the paper reported") is a
  // paraphrase with a quoted part: its content is the whole sentence up to the cue, and it is not a direct quote.
  const sentenceStart = r.sentenceStart[r.sentenceOf[q.open]]
  if (q.open > sentenceStart && r.word(q.open - 1) !== ':' && countWords(r, sentenceStart, q.open - 1) >= 2) {
    const content = { start: tokens[sentenceStart].span.start, end: tokens[q.close].span.end }
    return { speaker, cue: [cueFrom, cue], content, direct: false, from: sentenceStart, to }
  }
  return { speaker, cue: [cueFrom, cue], content: q.inner, direct: true, from: q.open, to }
}

/** A direct quote whose cue comes before it: Smith said: “…” / Smith said in a statement, “…” / Smith said that “…” */
const cueBefore = (r: Reader, q: QuoteRegion): Attribution | undefined => {
  const { tokens, text } = r
  const p = q.open - 1
  // A colon may end the paragraph that introduces a block quote ("Smith wrote:" then the quote).
  if (p < 0 || (breaksParagraph(text, tokens[p], tokens[q.open]) && r.word(p) !== ':')) return undefined
  const lead = r.word(p)
  // "called it “a disgrace”": an object pronoun between the cue and the quote.
  const object = OBJECT_PRONOUNS.has(lead) && r.isCue(p - 1)
  if (lead !== ':' && lead !== ',' && !COMPLEMENTIZERS.has(lead) && !r.isCue(p) && !object) return undefined
  // "said that “top secret” emails were sent": the sentence goes on after the quoted fragment, so the content is
  // the paraphrase around it, which the indirect reading takes.
  const after = q.close >= 0 ? tokens[q.close + 1] : undefined
  if (lead !== ':' && after && isWord(after) && r.sentenceOf[q.close + 1] === r.sentenceOf[q.close])
    return undefined
  const floor = Math.max(0, p - 12)
  for (let k = p; k >= floor; k--) {
    const w = r.word(k)
    if ((k < p && TERMINAL.has(w)) || (k < p && isQuoteMark(tokens[k]))) return undefined
    if (k < p && breaksParagraph(text, tokens[k], tokens[k + 1])) return undefined
    if (r.isCue(k) && r.used[k] === 0) {
      const sentenceFloor = r.sentenceStart[r.sentenceOf[k]]
      const cueFrom = r.cueStart(k, sentenceFloor)
      const shared = r.sharedSpeaker(cueFrom)
      const speaker = shared ?? r.speakerBefore(cueFrom, sentenceFloor)
      if (speaker)
        return {
          speaker,
          cue: [cueFrom, k],
          content: q.inner,
          direct: true,
          from: shared ? cueFrom : speaker[0],
          to: q.close >= 0 ? q.close : q.last,
          inherited: shared !== undefined,
        }
      const after = r.speakerAfter(k + 1, p - 1)
      if (after)
        return {
          speaker: after,
          cue: [cueFrom, k],
          content: q.inner,
          direct: true,
          from: cueFrom,
          to: q.close >= 0 ? q.close : q.last,
        }
      return undefined
    }
  }
  return undefined
}

/** Content of an indirect quote after its cue: skips a hearer ("told reporters") or an adjunct before `that`. */
const contentAfter = (r: Reader, cue: number, last: number): number | undefined => {
  const w = r.word(cue)
  let k = cue + 1
  if (r.word(k) === ':' || r.word(k) === ',') k++
  if (QUESTIONS.has(w)) {
    // An indirect question is its wh-clause: "asked (voters) whether …", "wondered how …".
    for (let m = k; m <= Math.min(last, k + 5); m++) {
      if (WH_WORDS.has(r.word(m))) return m
      if (TERMINAL.has(r.word(m)) || r.word(m) === ',') break
    }
  }
  if (COMPLEMENTIZERS.has(r.word(k))) return k + 1
  const next = r.word(k)
  if (TELL.has(w) || TIME_WORDS.has(next) || PREPOSITIONS.has(next) || /ly$/.test(next)) {
    for (let m = k; m <= Math.min(last, k + 10); m++) {
      const x = r.word(m)
      if (COMPLEMENTIZERS.has(x)) return m + 1
      if (TERMINAL.has(x) || isQuoteMark(r.tokens[m]) || r.isCue(m)) break
    }
  }
  if (NEED_COMPLEMENT.has(w)) return undefined
  // "declined to comment" reports speech; "deaths have declined in recent months" (no object, no
  // clause) does not.
  if (
    TO_VERBS.has(w) &&
    next !== 'to' &&
    (TIME_WORDS.has(next) || PREPOSITIONS.has(next) || /ly$/.test(next) || TERMINAL.has(next))
  )
    return undefined
  if (TELL.has(w) && !TO_VERBS.has(w)) {
    // "told CNN he would run", "told them the plan was dead": step over the hearer to the clause.
    let h = k
    if (OBJECT_PRONOUNS.has(r.word(h)) || r.word(h) === 'reporters') h++
    else if (r.capital(h)) while (h <= last && h - k < 4 && r.capital(h)) h++
    else if (DETERMINERS.has(r.word(h)))
      while (
        h <= last &&
        h - k < 4 &&
        !PRONOUNS.has(r.word(h)) &&
        !r.capital(h) &&
        r.tokens[h].kind === 'word' &&
        !AUX.has(r.word(h))
      )
        h++
    const subject = r.word(h)
    if (h > k && h <= last && (PRONOUNS.has(subject) || DETERMINERS.has(subject) || r.capital(h))) return h
  }
  if (TIME_WORDS.has(next) && !PREPOSITIONS.has(next)) {
    // "said Monday the plan was dead": step over the time word.
    while (k <= last && TIME_WORDS.has(r.word(k)) && !PREPOSITIONS.has(r.word(k))) k++
  }
  return k
}

/** The last token of a sentence's content, leaving out the final full stop. */
const contentEnd = (r: Reader, last: number): number => {
  let e = last
  while (e > 0 && TERMINAL.has(r.word(e))) e--
  return e
}

const countWords = (r: Reader, a: number, b: number): number => {
  let n = 0
  for (let k = a; k <= b; k++) if (isWord(r.tokens[k])) n++
  return n
}

/** Indirect attributions in one sentence: According to X, …; …, X said; X said (that) …; X told reporters … */
const indirect = (r: Reader, s: number): Attribution[] => {
  const a = r.sentenceStart[s]
  const b = r.sentenceEnd[s]
  if (a < 0) return []
  const out: Attribution[] = []
  const { tokens } = r
  const free = (i: number): boolean => r.used[i] === 0 && r.inRegion[i] < 0
  for (let i = a; i < b; i++) {
    if (r.word(i) !== 'according' || r.word(i + 1) !== 'to' || !free(i)) continue
    const end = contentEnd(r, b)
    let comma = i + 2
    while (comma <= end && r.word(comma) !== ',') comma++
    if (i === a || (i === a + 1 && (r.word(a) === 'but' || r.word(a) === 'and'))) {
      if (comma >= end || countWords(r, i + 2, comma - 1) === 0 || countWords(r, comma + 1, end) < 2) continue
      out.push({
        speaker: [i + 2, comma - 1],
        cue: [i, i + 1],
        content: spanOf(tokens, [comma + 1, end]),
        direct: false,
        from: i,
        to: end,
      })
    } else {
      const contentLast = r.word(i - 1) === ',' ? i - 2 : i - 1
      const speakerLast = Math.min(comma - 1, end)
      if (speakerLast < i + 2 || countWords(r, i + 2, speakerLast) === 0) continue
      const before = contentLast < a ? 0 : countWords(r, a, contentLast)
      // "Now, according to polls, some voters are swinging": the claim is on both sides; keep the larger part.
      const after = r.word(i - 1) === ',' && comma < end ? countWords(r, comma + 1, end) : 0
      if (Math.max(before, after) < 2) continue
      const content: [number, number] = after > before ? [comma + 1, end] : [a, contentLast]
      out.push({
        speaker: [i + 2, speakerLast],
        cue: [i, i + 1],
        content: spanOf(tokens, content),
        direct: false,
        from: Math.min(content[0], i),
        to: Math.max(content[1], speakerLast),
      })
    }
    for (let k = i; k <= b; k++) r.used[k] = 1
    return out
  }
  // A headline "Warren: Trump Is a Failure" attributes what follows the colon to the name before it.
  if (r.titleCase[s]) {
    for (let p = a + 1; p <= Math.min(b - 3, a + 5); p++) {
      if (r.word(p) !== ':') {
        if (!r.capital(p) && r.word(p) !== "'s") break
        continue
      }
      if (!r.capital(a) || countWords(r, p + 1, b) < 3) break
      // A name, not a phrase: "Big Win For Bernie:", "Contributing:", "UPDATE:" are headings.
      let name =
        p - a <= 4 &&
        !/ing$/.test(r.word(a)) &&
        !(
          p - a === 1 &&
          r.word(a).length > 2 &&
          r.text.slice(tokens[a].span.start, tokens[a].span.end) ===
            r.text.slice(tokens[a].span.start, tokens[a].span.end).toUpperCase()
        )
      for (let k = a; k < p && name; k++) {
        const w = r.word(k)
        if (PREPOSITIONS.has(w) || DETERMINERS.has(w) || CLAUSE_STOPS.has(w) || CONJUNCTIONS.has(w))
          name = false
      }
      if (!name) break
      const end = contentEnd(r, b)
      out.push({
        speaker: [a, p - 1],
        cue: [p, p],
        content: spanOf(tokens, [p + 1, end]),
        direct: false,
        from: a,
        to: end,
      })
      for (let k = a; k <= b; k++) r.used[k] = 1
      return out
    }
  }
  // Tokens before `floor` belong to an earlier attribution in this sentence ("X said A but added B").
  let floor = a
  for (let c = a; c <= b; c++) {
    if (!free(c) || !r.isCue(c)) continue
    const end = contentEnd(r, b)
    const cueFrom = r.cueStart(c, floor)
    if (floor === a && closesSentence(r, c, end)) {
      // "…, Smith said (on Monday)." / "…, said Smith." — the cue closes the sentence.
      const speaker = r.speakerBefore(cueFrom, a)
      if (
        speaker &&
        r.word(speaker[0] - 1) === ',' &&
        speaker[0] - 2 >= a &&
        countWords(r, a, speaker[0] - 2) >= 3
      ) {
        out.push({
          speaker,
          cue: [cueFrom, c],
          content: spanOf(tokens, [a, speaker[0] - 2]),
          direct: false,
          from: a,
          to: end,
        })
        for (let k = a; k <= b; k++) r.used[k] = 1
        return out
      }
      // "Ruiz, the mayor, said the funds arrived" is an appositive, not "…, said X".
      const appositive = speaker !== undefined && speaker[0] === a
      if (
        !appositive &&
        r.word(cueFrom - 1) === ',' &&
        cueFrom - 2 >= a &&
        countWords(r, a, cueFrom - 2) >= 3
      ) {
        const after = r.speakerAfter(c + 1, end)
        // The speaker must close the sentence or be followed by its appositive: "…, said Jane Smith, a spokeswoman."
        if (after && (after[1] === end || r.word(after[1] + 1) === ',')) {
          out.push({
            speaker: after,
            cue: [cueFrom, c],
            content: spanOf(tokens, [a, cueFrom - 2]),
            direct: false,
            from: a,
            to: end,
          })
          for (let k = a; k <= b; k++) r.used[k] = 1
          return out
        }
      }
    }
    const shared = r.sharedSpeaker(cueFrom)
    const speaker = shared ?? r.speakerBefore(cueFrom, floor)
    if (!speaker) continue
    const start = contentAfter(r, c, end)
    if (start === undefined || start > end) continue
    // The content stops before a second cue sharing the subject: "said A and added B", "said A, adding B".
    let last = end
    for (let k = start + 1; k <= end; k++) {
      if (!r.isCue(k)) continue
      const from = r.cueStart(k, start)
      if (PARTICIPLES.has(r.word(k)) || CONJUNCTIONS.has(r.word(from - 1))) {
        last = PARTICIPLES.has(r.word(k)) ? from - 1 : from - 2
        while (last > start && (r.word(last) === ',' || CONJUNCTIONS.has(r.word(last)))) last--
        break
      }
    }
    if (countWords(r, start, last) < 2) continue
    out.push({
      speaker,
      cue: [cueFrom, c],
      content: spanOf(tokens, [start, last]),
      direct: false,
      from: shared ? cueFrom : speaker[0],
      to: last,
      inherited: shared !== undefined,
    })
    // What the speaker said is theirs: cues inside it belong to reported speech, not to the outlet.
    for (let k = shared ? cueFrom : speaker[0]; k <= last; k++) r.used[k] = 1
    floor = last + 1
    c = last
  }
  return out
}

/**
 * Whether a cue closes its sentence: nothing after it, or only a short adjunct ("on Monday", "in a statement"), or
 * the speaker of an inverted cue ("…, said Smith").
 */
const closesSentence = (r: Reader, c: number, end: number): boolean => {
  if (c >= end) return true
  if (end - c > 8) return false
  const next = r.word(c + 1)
  if (TIME_WORDS.has(next) || PREPOSITIONS.has(next)) {
    for (let k = c + 1; k <= end; k++) if (COMPLEMENTIZERS.has(r.word(k)) || r.word(k) === ',') return false
    return true
  }
  if (r.word(r.cueStart(c, 0) - 1) !== ',') return false
  const after = r.speakerAfter(c + 1, end)
  return after !== undefined && (after[1] === end || r.word(after[1] + 1) === ',')
}

const NAME_START = /^\p{Lu}/u

/** Whether a speaker's text names someone (capitalised, not a determiner or pronoun). */
const isNamed = (r: Reader, [a]: [number, number]): boolean =>
  r.capital(a) && !DETERMINERS.has(r.word(a)) && !PRONOUNS.has(r.word(a))

/**
 * Finds direct and indirect quotations with their cue and speaker.
 * Direct: text in quotation marks with a cue before or after it. Indirect: "X said (that) …", "X told reporters …",
 * "According to X, …", "…, X said". A short quoted phrase with no cue is a scare quote and is left to framing.
 */
export const findQuotes = (
  doc: Doc,
  { resolvePronouns = true, maxScareWords = 3 }: QuotesOptions = {},
  context?: StageContext,
): Quote[] => {
  const tokens = doc.tokens ?? []
  const sentences = doc.sentences ?? []
  const regions = findQuoteRegions(doc.text, tokens)
  const r = new Reader(doc.text, tokens, sentences, regions)
  const found: Attribution[] = []
  const pending: QuoteRegion[] = []
  for (const q of regions) {
    if (q.close < 0 && context) {
      const next = tokens[q.last + 1]
      if (!next || !markAt(doc.text, tokens, q.last + 1)) {
        context.report({
          reason: 'Quotation mark opened but not closed before the end of the paragraph',
          rule: 'quotes/unclosed',
          severity: 'info',
          span: tokens[q.open].span,
        })
      }
    }
    // A colon before the quote binds it to the cue before it ("Smith said: “…”").
    const colon = r.word(q.open - 1) === ':'
    const attribution = colon ? (cueBefore(r, q) ?? cueAfter(r, q)) : (cueAfter(r, q) ?? cueBefore(r, q))
    if (!attribution) {
      pending.push(q)
      continue
    }
    found.push(attribution)
    for (let k = attribution.from; k <= attribution.to; k++) r.used[k] = 1
  }
  for (let s = 0; s < sentences.length; s++) found.push(...indirect(r, s))
  found.sort((x, y) => x.content.start - y.content.start)
  // A long quote with no cue of its own that starts a sentence continues the previous speaker: “A,” she said. “B.”
  for (const q of pending) {
    if (q.words <= maxScareWords || r.used[q.open]) continue
    const startsSentence = q.open === r.sentenceStart[r.sentenceOf[q.open]] || r.word(q.open - 1) === ':'
    if (!startsSentence) continue
    // The nearest earlier attribution: a direct quote two sentences back, or any attribution in the sentence just
    // before ("Smith said in a statement. “…”").
    let previous: Attribution | undefined
    for (const f of found) {
      if (f.content.end <= tokens[q.open].span.start && (!previous || f.content.end > previous.content.end))
        previous = f
    }
    const gap = previous ? r.sentenceOf[q.open] - r.sentenceOf[previous.to] : Number.POSITIVE_INFINITY
    const near = previous?.speaker !== undefined && gap <= (previous.direct ? 2 : 1)
    found.push({
      speaker: near ? previous?.speaker : undefined,
      content: q.inner,
      direct: true,
      from: q.open,
      to: q.close >= 0 ? q.close : q.last,
      inherited: true,
    })
  }
  found.sort((x, y) => tokens[x.from].span.start - tokens[y.from].span.start)
  return found.map((f) => toQuote(doc, r, f, found, resolvePronouns))
}

const toQuote = (
  doc: Doc,
  r: Reader,
  f: Attribution,
  all: readonly Attribution[],
  resolvePronouns: boolean,
): Quote => {
  const { tokens, text } = r
  let start = Math.min(tokens[f.from].span.start, f.content.start)
  let end = Math.max(tokens[f.to].span.end, f.content.end)
  const quote: Quote = { span: { start, end }, content: f.content, direct: f.direct }
  if (f.cue) quote.cue = spanOf(tokens, f.cue)
  if (f.speaker) {
    let range = r.dropContainer(f.speaker[0], f.speaker[1])
    if (resolvePronouns && range[0] === range[1] && PERSON_PRONOUNS.has(r.word(range[0]))) {
      range = resolvePronoun(doc, r, range[0], all) ?? range
    }
    const span = spanOf(tokens, range)
    const speaker: NonNullable<Quote['speaker']> = { span, text: text.slice(span.start, span.end) }
    const entity = mentionAt(doc.mentions, span)?.entity
    if (entity !== undefined) speaker.entity = entity
    quote.speaker = speaker
    if (!f.inherited) {
      start = Math.min(start, tokens[f.speaker[0]].span.start)
      end = Math.max(end, tokens[f.speaker[1]].span.end)
      quote.span = { start, end }
    }
  }
  return quote
}

const mentionAt = (mentions: readonly Mention[] | undefined, span: Span): Mention | undefined =>
  mentions?.find((m) => m.span.start < span.end && span.start < m.span.end)

/**
 * The antecedent of a he/she speaker within three sentences: the nearest earlier named speaker (a person, when
 * mentions are known) if no other person is named after it, else the one person the mentions name there. Otherwise
 * the reading is not clear and the pronoun stays the speaker.
 */
const resolvePronoun = (
  doc: Doc,
  r: Reader,
  at: number,
  all: readonly Attribution[],
): [number, number] | undefined => {
  const { tokens, text } = r
  const here = tokens[at].span.start
  const sentence = r.sentenceOf[at]
  const floorSentence = Math.max(0, sentence - 3)
  const floor = tokens[r.sentenceStart[floorSentence]]?.span.start ?? 0
  const surname = (span: Span): string =>
    text.slice(span.start, span.end).split(/\s+/).at(-1)?.toLowerCase() ?? ''
  const persons = (doc.mentions ?? []).filter(
    (m) => m.type === 'PERSON' && m.span.start < here && m.span.start >= floor && NAME_START.test(m.text),
  )
  // The nearest named speaker, if it is a person (when the entity layer says so).
  let speaker: [number, number] | undefined
  let speakerStart = -1
  for (const f of all) {
    if (!f.speaker || !isNamed(r, f.speaker)) continue
    const s = tokens[f.speaker[0]].span.start
    if (s >= here || s < floor || s <= speakerStart) continue
    const span = spanOf(tokens, f.speaker)
    if (doc.mentions && !persons.some((m) => m.span.start < span.end && span.start < m.span.end)) continue
    speaker = f.speaker
    speakerStart = s
  }
  // Clear only when no other person is named between that speaker and the pronoun.
  const between = new Set(persons.filter((m) => m.span.start > speakerStart).map((m) => surname(m.span)))
  if (speaker) {
    between.delete(surname(spanOf(tokens, speaker)))
    if (between.size === 0) return speaker
    return undefined
  }
  if (between.size !== 1) return undefined
  const last = persons.at(-1)
  if (!last) return undefined
  const a = tokenAt(tokens, last.span.start)
  const b = tokenAt(tokens, last.span.end - 1)
  return a >= 0 && b >= a ? [a, b] : undefined
}

/** Index of the token covering offset `at`, or -1. */
const tokenAt = (tokens: readonly Token[], at: number): number => {
  let lo = 0
  let hi = tokens.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const t = tokens[mid]
    if (t.span.end <= at) lo = mid + 1
    else if (t.span.start > at) hi = mid - 1
    else return mid
  }
  return -1
}

/**
 * The quotes stage: direct and indirect quotations with cue and speaker. Uses `doc.mentions` when present (speaker
 * entity, pronoun antecedents) but does not need it.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), quotes()])
 * run(makeDoc({ text: '“We will rebuild,” Mayor Ana Ruiz said.', meta: { source: 'x' } })).quotes
 */
export const quotes = (options: QuotesOptions = {}): Stage<'quotes'> => ({
  name: 'quotes',
  needs: ['tokens', 'sentences'],
  produces: 'quotes',
  run: (doc, context) => findQuotes(doc, options, context),
})
