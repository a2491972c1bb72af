/**
 * The entities stage: tags each sentence's tokens with the trained averaged-perceptron tagger
 * (models/ner.model.gz, CoNLL-2003 types) and maps its types to ours with gazetteers.
 */
import { readFileSync } from 'node:fs'
import abbreviations from '../data/abbreviations.json' with { type: 'json' }
import cueData from '../data/entity-cues.json' with { type: 'json' }
import quantityLexicon from '../data/quantities.json' with { type: 'json' }
import type { Doc, EntityType, Mention, Span, Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'
import { findDatelines } from './dateline.ts'
import {
  type ConllType,
  type Gazetteer,
  groupSingular,
  isPersonTitle,
  isTitle,
  loadGazetteer,
  refineType,
} from './entity-gazetteer.ts'
import {
  type Chunk,
  chunksOf,
  decodeModel,
  MODE_UPPER,
  type NerModel,
  sentenceMode,
  tagDocument,
} from './entity-tagger.ts'
import { normalise } from './tokenize.ts'

/** Where the trained model lives: models/ner.model.gz at the repository root. */
export const DEFAULT_MODEL_URL = new URL('../../models/ner.model.gz', import.meta.url)

let defaultModel: NerModel | undefined

/** The trained tagger, read once on first use and shared. */
export const loadNerModel = (url: URL = DEFAULT_MODEL_URL): NerModel => {
  if (url === DEFAULT_MODEL_URL && defaultModel) return defaultModel
  const model = decodeModel(readFileSync(url), url.pathname)
  if (url === DEFAULT_MODEL_URL) defaultModel = model
  return model
}

export interface EntitiesOptions {
  /** A tagger to use instead of the shipped one (tests pass a tiny trained model). */
  model?: NerModel
  /** Gazetteers for type mapping; the shipped ones by default. */
  gazetteer?: Gazetteer
}

const isNameToken = (token: Token): boolean => token.kind === 'word' || token.kind === 'number'

/** Tokens of each sentence (sentences and tokens are both in text order). */
const tokensBySentence = (tokens: readonly Token[], sentences: readonly Span[]): Token[][] => {
  const out: Token[][] = []
  let t = 0
  for (const sentence of sentences) {
    while (t < tokens.length && tokens[t].span.start < sentence.start) t++
    const group: Token[] = []
    while (t < tokens.length && tokens[t].span.end <= sentence.end) group.push(tokens[t++])
    if (group.length > 0) out.push(group)
  }
  return out
}

/**
 * Finds entity mentions in a document with tokens and sentences.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), entities()])
 * run(makeDoc({ text: 'Jane Doe flew to Paris.', meta: { source: 'x.txt' } })).mentions
 * // → [{ text: 'Jane Doe', type: 'PERSON', … }, { text: 'Paris', type: 'GPE', … }]
 */
export const findMentions = (doc: Doc, { model, gazetteer }: EntitiesOptions = {}): Mention[] => {
  const tokens = doc.tokens ?? []
  const sentences = doc.sentences ?? []
  if (tokens.length === 0 || sentences.length === 0) return []
  const groups = tokensBySentence(tokens, sentences)
  const words = groups.map((g) => g.map((t) => doc.text.slice(t.span.start, t.span.end)))
  const tags = tagDocument(words, model ?? loadNerModel())
  const gaz = gazetteer ?? loadGazetteer()
  const names = namesFromTags(words, tags, { gazetteer: gaz, isName: (s, i) => isNameToken(groups[s][i]) })
  const mentions = names.map((n): Mention => {
    const start = groups[n.sentence][n.from].span.start
    const end = groups[n.sentence][n.to].span.end
    return { span: { start, end }, text: doc.text.slice(start, end), type: n.type }
  })
  return withDatelines(
    doc.text,
    tokens,
    confirmHeadlineMentions(
      doc.text,
      mentions,
      names.map((n) => n.headline),
    ),
  )
}

/**
 * Adds the places of datelines ("PITTSBURGH (KDKA) —", "PUYALLUP, Wash. —") as GPE mentions: taggers
 * trained on mixed case miss most names in capitals, and a dateline's place is a place whatever
 * they read. A mention overlapping a dateline place gives way to it, and the same name elsewhere
 * in the text is a place too.
 */
const withDatelines = (text: string, tokens: readonly Token[], mentions: Mention[]): Mention[] => {
  const spans = findDatelines(text, tokens).flatMap((d) => (d.region ? [d.place, d.region] : [d.place]))
  if (spans.length === 0) return mentions
  const kept = mentions.filter((m) => !spans.some((s) => m.span.start < s.end && s.start < m.span.end))
  const added = spans.map((span): Mention => ({ span, text: text.slice(span.start, span.end), type: 'GPE' }))
  // One name, one type in a document: "DEER LODGE (WATE) —" then "killed in Deer Lodge".
  const places = new Set(added.map((m) => normalise(m.text)))
  for (const m of kept) if (places.has(normalise(m.text))) m.type = 'GPE'
  return [...kept, ...added].sort((a, b) => a.span.start - b.span.start)
}

/** A name found in a tokenised document: tokens `from`..`to` (inclusive) of sentence `sentence`. */
export interface TaggedName {
  sentence: number
  from: number
  to: number
  type: EntityType
  /** The sentence is an all-caps or title-case headline, whose capitals say nothing. */
  headline: boolean
}

/** Options of {@link namesFromTags}. */
export interface NamesFromTagsOptions {
  gazetteer?: Gazetteer
  /** Whether a token can begin or end a name (a word or a number); by default, one with a letter or digit. */
  isName?: (sentence: number, index: number) => boolean
  /** Type each name once per document from the context of all its mentions (default true). */
  context?: boolean
}

const hasWordChar = /[\p{L}\p{N}]/u

/** The opening bracket of each closing one. */
const OPENING = new Map([
  [')', '('],
  [']', '['],
  ['}', '{'],
])

/**
 * Turns the tagger's BIO tags over a document's sentences into typed names: punctuation and titles
 * trimmed off, "Acme CEO Jane Doe" split, tagger types mapped to ours with the gazetteers, then each
 * name typed once for the whole document from the context around all its mentions ({@link typeNamesInContext}).
 */
export const namesFromTags = (
  words: readonly (readonly string[])[],
  tags: readonly (readonly string[])[],
  { gazetteer, isName, context = true }: NamesFromTagsOptions = {},
): TaggedName[] => {
  const gaz = gazetteer ?? loadGazetteer()
  const nameToken = isName ?? ((s: number, i: number) => hasWordChar.test(words[s][i]))
  const names: TaggedName[] = []
  for (let s = 0; s < words.length; s++) {
    const headline = sentenceMode(words[s]).mode === MODE_UPPER
    for (const chunk of withNationalOrgs(words[s], chunksOf(tags[s]), gaz)) {
      // A name starts and ends with a word or number: the tagger sometimes takes in a closing
      // bracket, quote or "!" next to one.
      let first = chunk.start
      let last = chunk.end - 1
      while (first <= last && !nameToken(s, first)) first++
      // A closing bracket whose opening one is in the name stays ("Vellan ( B )", a club told apart
      // from its namesake by its town's initial in results tables).
      const closed = (i: number): boolean => {
        const open = OPENING.get(words[s][i])
        return open !== undefined && words[s].slice(first + 1, i).includes(open)
      }
      while (last >= first && !nameToken(s, last) && !closed(last)) last--
      // Titles are not part of names ("Spokeswoman Jane Doe", "Acme CEO"), though capitalised ones
      // the training news never showed get taken in. A person's name keeps its last word ("John Major"),
      // and a lone title word the tagger read as MISC is a sponsor's or a title's name ("the Singer"),
      // one read as a person that is also a common surname is that surname ("King said").
      // A title after "of" or "for" is the remit of an institution's name, not a title: "Department of
      // Justice", "Department of Criminal Justice" (a remit word after a link earlier in the name).
      const remitAt = (i: number): boolean =>
        i > first &&
        (REMIT_LINKS.has(fold(words[s][i - 1])) ||
          (PORTFOLIOS.has(fold(words[s][i])) &&
            words[s].slice(first + 1, i).some((w) => REMIT_LINKS.has(fold(w)))))
      while (
        last >= first &&
        isTitle(words[s][last], gaz) &&
        !remitAt(last) &&
        (chunk.type !== 'PER' || last === first) &&
        !(chunk.type === 'MISC' && chunk.start === chunk.end - 1) &&
        !(chunk.type === 'PER' && first === last && CUES.titleSurnames.has(fold(words[s][last])))
      )
        last--
      if (first > last) continue
      // "Interior" of "Interior Minister Jane Doe", tagged apart from the title: a remit, not a name.
      let remit = first
      while (remit <= last && PORTFOLIOS.has(fold(words[s][remit]))) remit++
      if (remit > last && last + 1 < words[s].length && isTitle(words[s][last + 1], gaz)) continue
      // "Minister of Justice Jane Doe", the remit taken into the name: after a title and its link,
      // the remit belongs to the title and the name after it is the official's.
      if (remit > first && remit <= last && titledRemit(words[s], first, gaz)) {
        const rest = words[s].slice(remit, last + 1).map(fold)
        if (!rest.some((w) => gaz.orgHeads.has(w) || gaz.facilityHeads.has(w) || PORTFOLIOS.has(w))) {
          names.push({ sentence: s, from: remit, to: last, type: 'PERSON', headline })
          continue
        }
      }
      // "General Motors" tagged as a person "Motors": a title word the tagger left out before an
      // organisation's or a building's head word begins the name ("General Hospital").
      let type: ConllType = chunk.type
      if (
        first === last &&
        first > 0 &&
        tags[s][first - 1] === 'O' &&
        (gaz.orgHeads.has(fold(words[s][last])) || isFacilityHead(fold(words[s][last]), gaz)) &&
        /^\p{Lu}\p{Ll}/u.test(words[s][first - 1]) &&
        isTitle(words[s][first - 1], gaz)
      ) {
        first--
        type = gaz.orgHeads.has(fold(words[s][last])) ? 'ORG' : 'LOC'
      }
      // `next`: the index of the word the type mapping looks at after the name.
      const add = (from: number, to: number, type: ConllType, next: number): void => {
        names.push({
          sentence: s,
          from,
          to,
          type: refineType(type, words[s].slice(from, to + 1), gaz, words[s][next], words[s][next + 1]),
          headline,
        })
      }
      // "Acme CEO Jane Doe": a person after the last title, the employer before it. In a name the
      // tagger did not read as a person, a title that also begins other names ("General Motors")
      // splits only with words before it, and never when the words after it end in an
      // organisation's or a building's head word ("Varenna General Hospital"). A name the tagger read
      // as MISC is an event's or a work's, not an employer and a person ("the Singer Kestrel Series").
      let title = -1
      for (let i = last - 1; i >= first; i--) {
        if (isTitle(words[s][i], gaz)) {
          title = i
          break
        }
      }
      let before = title
      while (before > first && isTitle(words[s][before - 1], gaz)) before--
      const head = fold(words[s][last])
      const splits =
        title >= 0 &&
        !CUES.nameTitles.has(fold(words[s][title]).replace(/\.$/, '')) &&
        (type === 'PER' || before > first || (isPersonTitle(words[s][title], gaz) && type !== 'MISC')) &&
        /^\p{Lu}/u.test(words[s][title + 1]) &&
        !gaz.orgHeads.has(head) &&
        !gaz.facilityHeads.has(head)
      if (splits) {
        // "Deputy Interior Minister Jane Doe": words naming the remit are part of the title.
        let employer = before - 1
        while (
          employer >= first &&
          (PORTFOLIOS.has(fold(words[s][employer])) || isTitle(words[s][employer], gaz))
        ) {
          employer--
        }
        if (employer >= first && nameToken(s, employer)) {
          add(first, employer, type === 'PER' ? 'ORG' : type, before)
        }
        add(title + 1, last, 'PER', chunk.end)
        continue
      }
      add(first, last, type, chunk.end)
    }
  }
  if (context) typeNamesInContext(words, names, gaz)
  // A dateline, "QUARNBY , England 2024-05-02": the name opening it is the place the story was filed
  // from, whatever the team named after it is elsewhere.
  for (const name of names) {
    const sentence = words[name.sentence]
    if (name.from !== 0 || sentence[name.to + 1] !== ',') continue
    if (name.type !== 'ORG' && name.type !== 'LOC' && name.type !== 'MISC') continue
    const region = names.find((n) => n.sentence === name.sentence && n.from === name.to + 2)
    if (!region || (region.type !== 'GPE' && region.type !== 'LOC')) continue
    const rest = sentence.slice(region.to + 1)
    if (rest.length > 1 || (rest.length === 1 && !DATE.test(rest[0]))) continue
    name.type = 'GPE'
  }
  // "Quarnby striker Tilda Marsk": a player's role between a name and a person's makes that mention
  // the team, whatever the place's other mentions say (not a country: national sides are the country).
  for (const name of names) {
    const sentence = words[name.sentence]
    if (name.type !== 'GPE' && name.type !== 'PERSON' && name.type !== 'LOC') continue
    const role = sentence[name.to + 1]
    if (!isLowerWord(role) || !CUES.teamRoles.has(role)) continue
    if (!/^\p{Lu}/u.test(sentence[name.to + 2] ?? '')) continue
    if (
      gaz.nations.has(
        sentence
          .slice(name.from, name.to + 1)
          .map(fold)
          .join(' '),
      )
    )
      continue
    name.type = 'ORG'
  }
  // A person's name of two or more words alone in quotation marks is the title of a work or a
  // campaign ("his film ' Tilda Marsk '"), whatever the person's other mentions say; one word in
  // quotes is more often a nickname ("Tilda " Bull " Marsk").
  for (const name of names) {
    const sentence = words[name.sentence]
    if (name.type !== 'PERSON' || name.to === name.from) continue
    const open = sentence[name.from - 1]
    const close = sentence[name.to + 1]
    if (open !== undefined && close !== undefined && QUOTES.has(open) && QUOTES.has(close)) name.type = 'MISC'
  }
  return names
}

/** A date written in digits: "2024-05-02", "02/05/2024". */
const DATE = /^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$/

/** Quotation marks as tokens: straight, typographic, and as CoNLL and Penn Treebank write them. */
const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '``', "''"])

/**
 * "Kenyan Zorvex Party": a nationality the tagger read
 * apart (MISC) right before an organisation's name of two or more words ending in a head word
 * begins that name. Not before a remit ("Kenyan Foreign Ministry", any country's ministry), nor before
 * a name that opens with its own nationality or creed ("Vellan Islamic Salvation Front").
 */
const withNationalOrgs = (words: readonly string[], chunks: Chunk[], gaz: Gazetteer): Chunk[] => {
  const out: Chunk[] = []
  for (const chunk of chunks) {
    const previous = out[out.length - 1]
    const merges =
      chunk.type === 'ORG' &&
      chunk.end - chunk.start >= 2 &&
      previous?.type === 'MISC' &&
      previous.end === chunk.start &&
      previous.end - previous.start === 1 &&
      groupSingular(words[previous.start], gaz) !== undefined &&
      gaz.orgHeads.has(fold(words[chunk.end - 1]).replace(/\.$/, '')) &&
      !PORTFOLIOS.has(fold(words[chunk.start])) &&
      groupSingular(words[chunk.start], gaz) === undefined
    if (merges) out[out.length - 1] = { start: previous.start, end: chunk.end, type: 'ORG' }
    else out.push(chunk)
  }
  return out
}

const nameKey = (text: string): string => normalise(text).replace(/'s$/, '')

/**
 * In a headline whose capitals say nothing ("Drone Strike on Varenna Fuel Depot Kills at Least 12"),
 * the tagger guesses names from word shape alone. A headline's names are almost always repeated in
 * the article, so a headline mention is kept when the body names it too, else cut down to the longest
 * run of its words that the body names ("Varenna"), else dropped. An article that is all headline
 * keeps what the tagger found.
 */
export const confirmHeadlineMentions = (
  text: string,
  mentions: Mention[],
  inHeadline: readonly boolean[],
): Mention[] => {
  if (!inHeadline.includes(true) || inHeadline.every(Boolean)) return mentions
  const body = new Set<string>()
  mentions.forEach((m, i) => {
    if (!inHeadline[i]) body.add(nameKey(m.text))
  })
  const out: Mention[] = []
  mentions.forEach((m, i) => {
    if (!inHeadline[i] || body.has(nameKey(m.text))) {
      out.push(m)
      return
    }
    // Words of the mention with their offsets, to try every contiguous run, longest first.
    const parts = [...m.text.matchAll(/\S+/g)].map((w) => ({
      start: m.span.start + (w.index ?? 0),
      word: w[0],
    }))
    for (let size = parts.length - 1; size >= 1; size--) {
      for (let from = 0; from + size <= parts.length; from++) {
        const start = parts[from].start
        const last = parts[from + size - 1]
        const end = last.start + last.word.length
        if (body.has(nameKey(text.slice(start, end)))) {
          out.push({ ...m, span: { start, end }, text: text.slice(start, end) })
          return
        }
      }
    }
  })
  return out
}

/** The entities stage: produces `mentions` from `tokens` and `sentences`. */
export const entities = (options: EntitiesOptions = {}): Stage<'mentions'> => ({
  name: 'entities',
  needs: ['tokens', 'sentences'],
  produces: 'mentions',
  run: (doc, context) => {
    if (!doc.tokens || !doc.sentences) {
      context.report({
        reason: 'No tokens or sentences to find entity mentions in',
        rule: 'entities:no-input',
        severity: 'warning',
      })
      return []
    }
    return findMentions(doc, options)
  },
})

// ---------------------------------------------------------------- typing names from their context

const setOf = (words: readonly string[]): Set<string> => new Set(words)

const CUES = {
  gpeNouns: setOf(cueData.gpeNouns),
  locNouns: setOf(cueData.locNouns),
  gpeNounsAfter: setOf(cueData.gpeNounsAfter),
  orgNounsBefore: setOf([...cueData.orgNouns, ...cueData.orgNounsBefore]),
  personNouns: setOf(cueData.personNouns),
  placeWordsBefore: setOf(cueData.placeWordsBefore),
  placeSuffixes: setOf(cueData.placeSuffixes),
  notPersonTitles: setOf(cueData.notPersonTitles),
  nationalitySuffixes: cueData.nationalitySuffixes,
  nationalityNotEndings: cueData.nationalityNotEndings,
  notNounsAfter: setOf(cueData.notNounsAfter),
  prepositions: setOf(cueData.prepositions),
  articles: setOf(cueData.articles),
  copulas: setOf(cueData.copulas),
  placeAdjectives: setOf(cueData.placeAdjectives),
  placeAdjectivesBefore: setOf(cueData.placeAdjectivesBefore),
  notPlaceBeforeIn: setOf(cueData.notPlaceBeforeIn),
  surnameFacilityHeads: setOf(cueData.surnameFacilityHeads),
  modifiedNouns: setOf(cueData.modifiedNouns),
  phraseStops: setOf(cueData.phraseStops),
  nameTitles: setOf(cueData.nameTitles),
  orgNounsAfter: setOf(cueData.orgNounsAfter),
  teamRoles: setOf(cueData.teamRoles),
  titleSurnames: setOf(cueData.titleSurnames),
  residentsAfter: setOf(cueData.residentsAfter),
}

/** Words joining an institution's head to its remit: "Department of Justice", "Minister for Health". */
const REMIT_LINKS = new Set(['of', 'for'])
const PORTFOLIOS = setOf(cueData.portfolios)

/**
 * Whether the words before `from` are a title and the link to its remit: "Minister of", "Secretary
 * of State for" (remit words and further links between them), so that what follows names the remit.
 */
const titledRemit = (words: readonly string[], from: number, gaz: Gazetteer): boolean => {
  let i = from - 1
  if (i < 1 || !REMIT_LINKS.has(fold(words[i]))) return false
  for (i--; i >= 0 && from - i <= 5; i--) {
    const w = fold(words[i])
    if (isTitle(words[i], gaz)) return true
    if (!REMIT_LINKS.has(w) && !PORTFOLIOS.has(w)) return false
  }
  return false
}

/** US state abbreviations as AP style writes them after a town ("Calif.", "Ore."). */
const STATE_ABBREVIATIONS = setOf(abbreviations.states)

/** A head word that makes a name a building or site, and is not also a common surname ("Hall"). */
const isFacilityHead = (word: string, gaz: Gazetteer): boolean =>
  gaz.facilityHeads.has(word) && !CUES.surnameFacilityHeads.has(word)

const fold = (word: string): string => word.toLowerCase().replace(/[’‘ʼ`´]/g, "'")

const isLowerWord = (word: string | undefined): boolean =>
  word !== undefined && /^\p{Ll}[\p{Ll}'-]*$/u.test(word)

/** The type a head noun names: "militia" an organisation, "town" a place, "farmer" a person. */
const headType = (noun: string): EntityType | undefined => {
  const singular = noun.endsWith('s') && !noun.endsWith('ss') ? noun.slice(0, -1) : noun
  // "companies", "countries": -ies plurals of -y nouns.
  const yPlural = noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun
  for (const n of [noun, singular, yPlural]) {
    if (CUES.personNouns.has(n)) return 'PERSON'
    if (CUES.orgNounsBefore.has(n)) return 'ORG'
    if (CUES.gpeNouns.has(n)) return 'GPE'
    if (CUES.locNouns.has(n)) return 'LOC'
  }
  return undefined
}

/**
 * The head of a noun phrase opened by an article at `at` ("a Vellan-backed rebel militia that …" →
 * "militia"): the last lower-case word before a function word, punctuation or a participle.
 */
const phraseHead = (words: readonly string[], at: number): string | undefined => {
  let head: string | undefined
  for (let k = at + 1; k < words.length && k <= at + 6; k++) {
    const word = words[k]
    const lower = fold(word)
    // "the country's main airport": the possessor is not the head.
    if (lower === "'s") {
      head = undefined
      continue
    }
    if (!/[\p{L}\p{N}]/u.test(word) || CUES.phraseStops.has(lower) || CUES.prepositions.has(lower)) break
    // "a group armed by …": a participle ends the phrase once it has a word; "a Varenna-based firm" not.
    if (head !== undefined && /(?:ed|ing)$/.test(lower) && !lower.includes('-') && !headType(lower)) break
    head = isLowerWord(word) ? lower : undefined
  }
  return head
}

/** Words that join the names of a list: "A, B and C", "A or B". */
const LIST_JOINS = new Set([',', 'and', 'or', '&'])

/** A word shaped like a language or nationality adjective: "Zorvani", "Zorvanic", "Zorvanese". */
const LANGUAGE_SHAPED = /^\p{Lu}\p{Ll}+(?:i|ic|an|ese|ish)$/u

/** Plural verbs after a subject: "are", "were", "have". */
const PLURAL_VERBS = new Set(['are', 'were', 'have'])

/** Words before a singular subject of "have" or "were": "did X have", "if X were". */
const SUBJUNCTIVE_BEFORE = new Set(cueData.subjunctiveBefore)

/** Number words ("two", "twelve"), from the quantities lexicon. */
const NUMBER_WORDS = new Set(Object.keys(quantityLexicon.units))

/** An age written before a name: "21-year-old", "7-month-old". */
const AGE = /^\d{1,3}-(?:year|month|week|day)s?-old$/

/** A strong cue to the type of the name at tokens `from`..`to` of a sentence, from the words around it. */
export const contextCue = (
  words: readonly string[],
  from: number,
  to: number,
  { gazetteer, type }: { gazetteer?: Gazetteer; type?: EntityType } = {},
): EntityType | undefined => {
  const gaz = gazetteer ?? loadGazetteer()
  const lower = (i: number): string => (i >= 0 && i < words.length ? fold(words[i]) : '')
  const prev = lower(from - 1)
  // "a 21-year-old Quarnby man", "two Dellport teens", "a Varenna County teen": a one-word name (or
  // one ending in a county's head word) between an article, a number or an age and a noun for people
  // says where they live (the age is the man's, not the name's); a
  // nationality there stays one ("the 27-year-old Kenyan man").
  if (
    (from === to || gaz.gpeHeads.has(lower(to))) &&
    type !== 'ORG' &&
    isLowerWord(words[to + 1]) &&
    CUES.residentsAfter.has(lower(to + 1)) &&
    (CUES.articles.has(prev) || AGE.test(prev) || /^\d+$/.test(prev) || NUMBER_WORDS.has(prev))
  ) {
    if (type === 'NORP' || type === 'MISC' || nationalityShaped(words, from, to)) return undefined
    return type === 'LOC' ? 'LOC' : 'GPE'
  }
  // "21-year-old Andy Parish", "Jane Roe, 34,": an age belongs to a person, whatever the name's last
  // word; not to a nationality, which names the person as a noun ("the 27-year-old Kenyan").
  const aged =
    AGE.test(prev) || (lower(to + 1) === ',' && /^\d{1,3}$/.test(lower(to + 2)) && lower(to + 3) === ',')
  if (aged && type !== 'NORP') return 'PERSON'
  // "the port city of X", "the island of X" (not "the stock capital of X").
  const opener = lower(from - 3)
  if (
    prev === 'of' &&
    isLowerWord(words[from - 2]) &&
    (CUES.articles.has(opener) || (CUES.placeAdjectives.has(opener) && CUES.articles.has(lower(from - 4))))
  ) {
    const noun = lower(from - 2)
    if (CUES.gpeNouns.has(noun)) return 'GPE'
    if (CUES.locNouns.has(noun)) return 'LOC'
  }
  // "X province" (but "the X city of Y" says nothing of X, nor "an Arctic town" of an adjective).
  const adjective = type === 'MISC' || type === 'NORP' || nationalityShaped(words, from, to)
  if (
    !adjective &&
    isLowerWord(words[to + 1]) &&
    CUES.gpeNounsAfter.has(lower(to + 1)) &&
    lower(to + 2) !== 'of'
  )
    return 'GPE'
  // "Alturas, Calif.", "Quarnby, Estonia": a place followed by the state or country it is in.
  if (lower(to + 1) === ',') {
    const region = lower(to + 2).replace(/\.$/, '')
    // A country must end the phrase: "Air China, China Eastern Airlines" is a list of airlines.
    const ends = to + 3 >= words.length || !/[\p{L}\p{N}]/u.test(words[to + 3])
    if (STATE_ABBREVIATIONS.has(region) || (ends && gaz.nations.has(region))) return 'GPE'
  }
  // "neighbouring X", "rural X": a place (a GPE, where the tagger read a person or an organisation).
  if (
    CUES.placeAdjectivesBefore.has(prev) &&
    isLowerWord(words[from - 1]) &&
    type !== 'MISC' &&
    type !== 'NORP' &&
    !nationalityShaped(words, from, to)
  ) {
    return type === 'LOC' || type === 'GPE' || type === 'FAC' ? type : 'GPE'
  }
  // "Zorvex are top of the table", "Zorvex have signed": a one-word name taking a plural verb is a
  // team or a company in British usage, not a person (nor one of a list: "Marsk and Hedd are", nor
  // after an auxiliary or "if": "did Marsk have", "if Marsk were", nor after a person's noun: "Hedd
  // and Zorvex defender Marsk were").
  const verb = lower(to + 1)
  if (
    type === 'PERSON' &&
    from === to &&
    !/s$/i.test(words[from]) &&
    PLURAL_VERBS.has(verb) &&
    words[to + 1] === verb &&
    (!LIST_JOINS.has(prev) || (prev === ',' && isLowerWord(words[from - 2]))) &&
    !LIST_JOINS.has(lower(to + 2)) &&
    !SUBJUNCTIVE_BEFORE.has(prev) &&
    !(isLowerWord(words[from - 1]) && (CUES.teamRoles.has(prev) || headType(prev) === 'PERSON'))
  )
    return 'ORG'
  // "the X newspaper said", "X daily reported": a publication's noun after a name the tagger read as
  // a person or as MISC ("a Quarnby newspaper", a place, keeps its reading; "calls Marsk daily ." is
  // an adverb; "the Zorvani newspaper", a MISC shaped like a language or nationality, its language).
  const publication = lower(to + 1)
  if (
    (type === 'PERSON' || type === 'MISC') &&
    isLowerWord(words[to + 1]) &&
    CUES.orgNounsAfter.has(publication) &&
    !(type === 'MISC' && LANGUAGE_SHAPED.test(words[to])) &&
    (!publication.endsWith('ly') || isLowerWord(words[to + 2])) &&
    !gaz.gpe.has(
      words
        .slice(from, to + 1)
        .map(fold)
        .join(' '),
    )
  )
    return 'ORG'
  // "Quarnby-based Zorvex": what is based or headquartered somewhere, named right after it and read
  // as a person, is an organisation ("Quarnby-based analyst Tilda Marsk" has her noun between; a
  // MISC there is most often a language or style, "the Quarnby-based Zorvani monthly").
  if (type === 'PERSON' && /^\p{Lu}.*-(?:based|headquartered)$/u.test(words[from - 1] ?? '')) return 'ORG'
  // "the automaker X", "the rebel militia X": an organisation's common noun right before its name.
  if (isLowerWord(words[from - 1]) && CUES.orgNounsBefore.has(prev)) return 'ORG'
  // "Minister X", "Mr. X", "spokesman X" — not "former Yugoslavia" or "General Motors".
  if (from > 0 && isTitle(words[from - 1], gaz) && !CUES.notPersonTitles.has(prev.replace(/\.$/, ''))) {
    return 'PERSON'
  }
  // A name made of an organisation's head noun: "Ministry of X", "X Red Cross". Not a name read as
  // MISC ("Northern Division", a table) or as a listed place ("West Bank"): see refineType.
  let first = from
  if (lower(first) === 'the' && first < to) first++
  if (to > first) {
    const head = lower(to).replace(/\.$/, '')
    if (gaz.orgHeads.has(head) && type !== 'MISC' && type !== 'NORP' && type !== 'GPE') return 'ORG'
    if (lower(first + 1) === 'of' && gaz.orgHeads.has(lower(first))) return 'ORG'
    if (isFacilityHead(head, gaz)) return 'FAC'
  }
  // Appositive or copula: "X, a rebel militia", "X is a company". After a sentence-opening "In X, a …"
  // the phrase may be the sentence's subject ("In X, a militia attacked"), so there only a place counts.
  const link = lower(to + 1)
  if ((link === ',' || CUES.copulas.has(link)) && CUES.articles.has(lower(to + 2))) {
    const head = phraseHead(words, to + 2)
    const type = head === undefined ? undefined : headType(head)
    const fronted = CUES.prepositions.has(prev) && (from === 1 || !/[\p{L}\p{N}]/u.test(words[from - 2]))
    if (type && (!fronted || type === 'GPE' || type === 'LOC')) return type
  }
  // "the capital, X" ("the company, X" is as often its spokesman).
  if (prev === ',' && isLowerWord(words[from - 2])) {
    const type = headType(lower(from - 2))
    const place = type === 'GPE' || type === 'LOC'
    if (place && (CUES.articles.has(lower(from - 3)) || CUES.articles.has(lower(from - 4)))) return type
  }
  return undefined
}

const RESPONDERS_AFTER = setOf(cueData.respondersAfter)

/** Weak evidence of a place: "X police", "X firefighters" (the service that answered there). */
const servedBy = (words: readonly string[], to: number): boolean =>
  isLowerWord(words[to + 1]) && RESPONDERS_AFTER.has(fold(words[to + 1]))

/** Weak evidence of a place: "in X", "near X", "neighbouring X" (not "in X's …"). */
export const placeWordBefore = (words: readonly string[], from: number, to: number): boolean =>
  from > 0 &&
  CUES.placeWordsBefore.has(words[from - 1]) &&
  !/^['’]s$/.test(words[to + 1] ?? '') &&
  !(words[from - 1] === 'in' && from > 1 && CUES.notPlaceBeforeIn.has(fold(words[from - 2])))

/** A capitalised word shaped like a nationality adjective before a common noun: "Estorian officials". */
export const nationalityShaped = (words: readonly string[], from: number, to: number): boolean => {
  if (from !== to) return false
  const word = words[from]
  if (word.length < 5 || !/^\p{Lu}\p{Ll}+$/u.test(word)) return false
  const lower = word.toLowerCase()
  if (!CUES.nationalitySuffixes.some((s) => lower.endsWith(s))) return false
  if (CUES.nationalityNotEndings.some((s) => lower.endsWith(s))) return false
  const next = words[to + 1]
  if (!isLowerWord(next) || CUES.notNounsAfter.has(next)) return false
  // "X scored", "X warned": a past tense after a name says it is the subject.
  return !/ed$/.test(next) || next.includes('-')
}

/**
 * Lists of names in one sentence: runs of names joined only by commas, "and", "or" ("Ostravia,
 * Veldmark and Tarsk"), as indexes into `names` in text order. A single name is a list of one.
 */
const nameLists = (words: readonly (readonly string[])[], names: readonly TaggedName[]): number[][] => {
  const order = names
    .map((name, i) => ({ name, i }))
    .filter(({ name }) => !name.headline)
    .sort((a, b) => a.name.sentence - b.name.sentence || a.name.from - b.name.from)
  const lists: number[][] = []
  let previous: TaggedName | undefined
  for (const { name, i } of order) {
    const joined =
      previous !== undefined &&
      previous.sentence === name.sentence &&
      name.from > previous.to + 1 &&
      words[name.sentence].slice(previous.to + 1, name.from).every((w) => LIST_JOINS.has(fold(w)))
    if (joined) lists[lists.length - 1].push(i)
    else lists.push([i])
    previous = name
  }
  return lists
}

/**
 * The type a class noun gives a list of names, after Hearst's patterns: "companies such as A, B and
 * C", "countries including A and B", "A, B and other carmakers". Undefined when there is no such noun.
 */
const classOfList = (
  sentence: readonly string[],
  first: TaggedName,
  last: TaggedName,
): EntityType | undefined => {
  let k = first.from - 1
  let at = -1
  if (fold(sentence[k] ?? '') === 'including' || fold(sentence[k] ?? '') === 'like') at = k - 1
  else if (fold(sentence[k] ?? '') === 'as' && fold(sentence[k - 1] ?? '') === 'such') at = k - 2
  // The class noun is lower-case, or capitalised only as the sentence's first word ("Companies such as").
  const before = sentence[at]
  if (before !== undefined && (isLowerWord(before) || (at === 0 && isLowerWord(fold(before))))) {
    const type = headType(fold(before))
    if (type) return type
  }
  k = last.to + 1
  const join = fold(sentence[k] ?? '')
  if ((join === 'and' || join === 'or') && fold(sentence[k + 1] ?? '') === 'other') {
    const noun = sentence[k + 2]
    if (isLowerWord(noun)) return headType(fold(noun))
  }
  return undefined
}

/** Ties between types go to the more specific: MISC is the tagger's catch-all, so it comes last. */
const TIE_ORDER: readonly EntityType[] = ['ORG', 'PERSON', 'GPE', 'LOC', 'FAC', 'NORP', 'MISC']

/** The type with most votes (ties by `TIE_ORDER`); undefined when nothing voted. */
export const majority = (votes: Map<EntityType, number>): EntityType | undefined => {
  let best: EntityType | undefined
  let count = 0
  for (const type of TIE_ORDER) {
    const n = votes.get(type) ?? 0
    if (n > count) {
      best = type
      count = n
    }
  }
  return best
}

interface NameGroup {
  tokens: string[]
  members: number[]
  parent?: NameGroup
  cues: Map<EntityType, number>
  tagger: Map<EntityType, number>
  headlineTagger: Map<EntityType, number>
  nationality: number
  place: number
  /** Mentions outside headlines, of the name and its shorter forms. */
  mentions: number
}

const vote = (votes: Map<EntityType, number>, type: EntityType): void => {
  votes.set(type, (votes.get(type) ?? 0) + 1)
}

/**
 * Gives each name one type in a document, from the strongest evidence over all its mentions and
 * shorter forms ("Hedd" for "Clara Hedd", "Red Hawks" for "Red Hawks Brigade"): a context cue
 * ({@link contextCue}) beats the gazetteers, which beat a nationality-shaped word before a noun, then
 * "in X"-style place words, then the tagger's majority. Shape cues only overrule a tagger that read
 * the name as a person or as MISC: that is the tagger guessing from the word's shape alone.
 * `names` is retyped in place.
 */
export const typeNamesInContext = (
  words: readonly (readonly string[])[],
  names: TaggedName[],
  gaz: Gazetteer = loadGazetteer(),
): void => {
  if (names.length === 0) return
  const byKey = new Map<string, NameGroup>()
  const groupOf: NameGroup[] = []
  names.forEach((name, i) => {
    const tokens = words[name.sentence].slice(name.from, name.to + 1).map(fold)
    if (tokens.length > 1 && tokens[0] === 'the') tokens.shift()
    if (tokens.length > 1 && tokens[tokens.length - 1] === "'s") tokens.pop()
    const key = tokens.join(' ')
    let group = byKey.get(key)
    if (!group) {
      group = {
        tokens,
        members: [],
        cues: new Map(),
        tagger: new Map(),
        headlineTagger: new Map(),
        nationality: 0,
        place: 0,
        mentions: 0,
      }
      byKey.set(key, group)
    }
    group.members.push(i)
    groupOf.push(group)
    // "Quarnby police", "Quarnby officials": the tagger's organisation there is the compound's, not
    // the name's, so it does not vote.
    const next = words[name.sentence][name.to + 1]
    if (name.type === 'ORG' && isLowerWord(next) && CUES.modifiedNouns.has(next)) return
    vote(name.headline ? group.headlineTagger : group.tagger, name.type)
  })
  // Shorter forms join the one longer name they shorten: a person's surname, an organisation's name
  // without its head word. A known place or nationality never joins ("Varenna" of "Varenna Bank").
  // Evidence of each written form first, so that a place is not taken for an organisation's name
  // without its head ("in Quarnby" and "Quarnby Police").
  names.forEach((name, i) => {
    if (name.headline) return
    const group = groupOf[i]
    const sentence = words[name.sentence]
    const cue = contextCue(sentence, name.from, name.to, { gazetteer: gaz, type: name.type })
    group.mentions++
    if (cue) vote(group.cues, cue)
    if (nationalityShaped(sentence, name.from, name.to)) group.nationality++
    if (placeWordBefore(sentence, name.from, name.to) || servedBy(sentence, name.to)) group.place++
  })
  // "companies such as A, B and C": the class noun types every name of the list.
  for (const list of nameLists(words, names)) {
    const first = names[list[0]]
    const type = classOfList(words[first.sentence], first, names[list[list.length - 1]])
    if (type) for (const i of list) vote(groupOf[i].cues, type)
  }
  // "X-based", "X-born": X is a place wherever else it is named.
  for (const sentence of words) {
    for (const word of sentence) {
      const dash = word.lastIndexOf('-')
      if (dash <= 0 || !CUES.placeSuffixes.has(word.slice(dash + 1).toLowerCase())) continue
      const group = byKey.get(fold(word.slice(0, dash)))
      if (group) group.place++
    }
  }
  // Shorter forms join the one longer name they shorten: a person's surname, an organisation's name
  // without its head word. A known place or nationality never joins ("Varenna" of "Varenna Bank"),
  // nor a form with evidence of a place ("in Quarnby" is not "Quarnby Police").
  const groups = [...byKey.values()]
  for (const short of groups) {
    const key = short.tokens.join(' ')
    if (gaz.gpe.has(key) || groupSingular(key, gaz)) continue
    const place = short.place > 0 || short.cues.has('GPE') || short.cues.has('LOC')
    const personish =
      short.tagger.has('PERSON') || short.headlineTagger.has('PERSON') || short.cues.has('PERSON')
    const n = short.tokens.length
    const hosts = groups.filter((long) => {
      const m = long.tokens.length
      if (m <= n) return false
      const type = majority(long.tagger) ?? majority(long.headlineTagger)
      // A surname joins only if it or the full name has been read as a person: "Ford" read only as
      // the company stays apart from "William Clay Ford", "Hedd" joins "Minister Clara Hedd".
      if (type === 'PERSON') {
        return (personish || long.cues.has('PERSON')) && long.tokens.slice(m - n).join(' ') === key
      }
      return (
        !place &&
        m === n + 1 &&
        gaz.orgHeads.has(long.tokens[m - 1]) &&
        long.tokens.slice(0, n).join(' ') === key
      )
    })
    if (hosts.length === 1) short.parent = hosts[0]
  }
  const rootOf = (group: NameGroup): NameGroup => (group.parent ? rootOf(group.parent) : group)
  for (const group of groups) {
    const root = rootOf(group)
    if (root === group) continue
    for (const [t, n] of group.cues) root.cues.set(t, (root.cues.get(t) ?? 0) + n)
    root.place += group.place
    root.mentions += group.mentions
  }
  // A type from evidence retypes every mention; the tagger's majority only those outside headlines,
  // where capitals say something (all-caps lines in sports news often list teams by city).
  // `own`: each mention outside headlines keeps its own reading.
  type Choice = { type: EntityType; evidence: boolean; own?: boolean }
  const chosen = new Map<NameGroup, Choice | undefined>()
  const choose = (root: NameGroup): Choice | undefined => {
    const votes = new Map(root.tagger)
    for (const group of groups) {
      if (group === root || rootOf(group) !== root) continue
      for (const [t, n] of group.tagger) votes.set(t, (votes.get(t) ?? 0) + n)
    }
    const tagger = majority(votes)
    const key = root.tokens.join(' ')
    // What the gazetteers know the name as, when some mention was read that way and the tagger does
    // not mostly read it as a person or an organisation ("Jordan said", "Nice have won").
    const listed = gaz.gpe.has(key) ? 'GPE' : groupSingular(key, gaz) ? 'NORP' : undefined
    const known = listed && votes.has(listed) && tagger !== 'PERSON' && tagger !== 'ORG' ? listed : undefined
    // A listed place the tagger read as an organisation in some mentions and as the place in others
    // (a city and its team, "Houston police") keeps each mention's own reading: forcing either would
    // be a guess. A headline mention read as neither takes the more frequent of the two.
    if (listed === 'GPE' && votes.has('ORG') && votes.has('GPE') && !root.cues.size) {
      const type = (votes.get('ORG') ?? 0) >= (votes.get('GPE') ?? 0) ? 'ORG' : 'GPE'
      return { type, evidence: false, own: true }
    }
    const cue = majority(root.cues)
    if (cue && (known === undefined || cue === known || (root.cues.get(cue) ?? 0) >= 2)) {
      return { type: cue, evidence: true }
    }
    if (known) return { type: known, evidence: true }
    if (tagger === 'PERSON' || tagger === 'MISC') {
      // An adjective stands before nouns in most of its mentions; a surname like "Parish" seldom.
      if (root.nationality * 2 >= root.mentions && root.nationality > 0 && listed === undefined) {
        return { type: 'NORP', evidence: true }
      }
      const single = root.tokens.length === 1 && !root.tokens[0].includes('-')
      if (tagger === 'PERSON' && single && root.place * 2 >= root.mentions && listed !== 'NORP') {
        return { type: 'GPE', evidence: true }
      }
    }
    // MISC is the tagger's catch-all (a maker's name before a model number, "Boeing 787"): it does
    // not overrule the mentions it read as something more specific.
    if (tagger === 'MISC' && votes.size > 1) return undefined
    return tagger ? { type: tagger, evidence: false } : undefined
  }
  names.forEach((name, i) => {
    const root = rootOf(groupOf[i])
    if (!chosen.has(root)) chosen.set(root, choose(root))
    const choice = chosen.get(root)
    if (choice?.own) {
      if (name.headline && name.type !== 'ORG' && name.type !== 'GPE') name.type = choice.type
      return
    }
    // A full name the tagger read as a person stays one when only the tagger's readings of its
    // surname alone say otherwise ("William Clay Ford" beside the company "Ford").
    const person = groupOf[i] === root && root.tokens.length > 1 && majority(root.tagger) === 'PERSON'
    if (choice && !choice.evidence && person) return
    if (choice && (choice.evidence || !name.headline)) name.type = choice.type
  })
}
