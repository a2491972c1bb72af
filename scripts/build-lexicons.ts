/**
 * Builds the framing lexicons in src/data/ from the word lists in ../shared/data/allsides_neus/data/lexicons and
 * the hand-written src/data/news-loaded.json. Run: `npx tsx scripts/build-lexicons.ts && npx biome format --write
 * src/data/loaded-words.json src/data/hedges.json`. Deterministic: rerunning both on the same inputs rewrites the same
 * files byte for byte.
 *
 * loaded-words.json: MPQA strong-subjective clues with a negative prior polarity (Wilson, Wiebe &
 * Hoffmann 2005) — those also in the bias lexicon of Recasens et al. (2013) are tagged `recasens-bias` — plus the
 * hand list; minus report verbs, hedges, assertive/factive verbs and words that carry no slant in news narration
 * (NEUTRAL below: general English; its second line was checked against BABE false positives and kept to plainly
 * descriptive words). Positive MPQA clues and MPQA verb clues are left out: on BABE they were rarely judged loaded
 * (precision about 0.07 and 0.14).
 * hedges.json: Hyland (2005) hedges minus the ones that are mostly literal in news (NOT_HEDGES), plus distancing
 * and attribution cues written for Parallax.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { stemmer } from 'stemmer'

const lexicons = new URL('../../shared/data/allsides_neus/data/lexicons/', import.meta.url)
const read = (path: string): string[] =>
  readFileSync(new URL(path, lexicons), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'))

const reportVerbs = new Set(read('bias_related_lexicons/report_verbs.txt'))
const hedgeList = read('bias_related_lexicons/hedges_hyland2005.txt')
const assertives = new Set([
  ...read('bias_related_lexicons/assertives_hooper1975.txt'),
  ...read('bias_related_lexicons/factives_hooper1975.txt'),
])
const recasens = new Set(read('bias-lexicon/bias-lexicon_og.txt'))
const hand: { stems: string[] } = JSON.parse(
  readFileSync(new URL('../src/data/news-loaded.json', import.meta.url), 'utf8'),
)

// Words that are subjective in the dictionary sense but are the plain vocabulary of news narration (the second line:
// concrete nouns and set phrases — "vice president", "Senate floor" — noticed among BABE false positives and kept to
// plainly descriptive words).
const NEUTRAL = new Set(
  'vice floor virus weapons impeachment question questions concerns argument serious severe '
    .concat(
      'know need mean regard view consider right fact true long little content concern support supporter opponent opposition oppose critic criticism belief believe hope lack despite suppose agree disagree admit affirm argue insist demand deny refuse reject accept clearly baby best great good well must will important major significant',
    )
    .split(' '),
)
const loadedVerbStems = new Set(hand.stems.map((w) => stemmer(w)))
const reportStems = new Set([...reportVerbs].map((w) => stemmer(w)))

interface Entry {
  /** The word form or, when `stem` is true, its Porter stem. */
  form: string
  stem: boolean
  lexicon: string
  polarity?: 'positive' | 'negative' | 'neutral'
}

const entries = new Map<string, Entry>()
const add = (e: Entry): void => {
  const key = `${e.stem ? 's' : 'w'}:${e.form}`
  if (!entries.has(key)) entries.set(key, e)
}
const excluded = (word: string): boolean =>
  word.length <= 2 ||
  NEUTRAL.has(word) ||
  assertives.has(word) ||
  hedgeList.includes(word) ||
  ((reportVerbs.has(word) || reportStems.has(stemmer(word))) && !loadedVerbStems.has(stemmer(word)))

for (const w of hand.stems) add({ form: stemmer(w), stem: true, lexicon: 'news-loaded' })

const mpqa = readFileSync(
  new URL('bias_related_lexicons/subjectivity_clues_hltemnlp05/subjclueslen1-HLTEMNLP05.tff', lexicons),
  'utf8',
)
for (const line of mpqa.split('\n')) {
  const fields = Object.fromEntries(
    line
      .trim()
      .split(/\s+/)
      .map((kv) => kv.split('=')),
  )
  if (fields.type !== 'strongsubj' || !fields.word1) continue
  const word = fields.word1.toLowerCase()
  const polarity = fields.priorpolarity
  if (excluded(word)) continue
  // Negative prior polarity only: positive strong-subjective words ("like", "better", "opportunity") are mostly
  // ordinary vocabulary in news and were far less often judged loaded by readers.
  if (polarity !== 'negative') continue
  const inRecasens = recasens.has(word)
  // Verb clues are left out too (unless Recasens lists them): stemmed, they match ordinary inflections and nouns
  // ("fell", "laughed"), and on BABE they were right about one time in seven; attack verbs are in the hand list.
  if (fields.pos1 === 'verb' && !inRecasens) continue
  add({
    form: fields.stemmed1 === 'y' ? stemmer(word) : word,
    stem: fields.stemmed1 === 'y',
    lexicon: inRecasens ? 'recasens-bias' : 'mpqa-strongsubj',
    polarity: polarity === 'positive' || polarity === 'negative' ? polarity : 'neutral',
  })
}

const sorted = [...entries.values()].sort(
  (a, b) => a.form.localeCompare(b.form) || Number(a.stem) - Number(b.stem),
)
writeFileSync(
  new URL('../src/data/loaded-words.json', import.meta.url),
  `${JSON.stringify(
    {
      _note:
        'Generated by scripts/build-lexicons.ts — do not edit by hand. Sources: MPQA subjectivity clues (Wilson, Wiebe & Hoffmann, HLT/EMNLP 2005; strongsubj entries with negative prior polarity, verbs only when Recasens lists them; research resource, cite the paper), the bias lexicon of Recasens, Danescu-Niculescu-Mizil & Jurafsky (ACL 2013; its entries that MPQA marks strongly subjective and negative are tagged recasens-bias; cite the paper), both from ../shared/data/allsides_neus/data/lexicons (no licence stated there), and src/data/news-loaded.json (written for Parallax). Report verbs (Recasens), Hyland hedges, Hooper assertives/factives and plain news words are removed (a few of those, e.g. virus, floor, were noticed among false positives on BABE, AGPL-3.0: nothing from BABE is included, only those removals were informed by it). Each entry: [form, stemmed (1 = Porter stem matching every inflection), lexicon, polarity].',
      entries: sorted.map((e) => [e.form, e.stem ? 1 : 0, e.lexicon, e.polarity ?? 'neutral']),
    },
    null,
    0,
  )}\n`,
)

// Hyland hedges that in news are mostly literal (quantities, modality of plans) rather than hedging a claim.
// ("the suspect", "assumed office", "no doubt", "almost 40") — supposed and claim are distancing, listed there.
const NOT_HEDGES = new Set([
  'suspect',
  'suspects',
  'assume',
  'assumed',
  'doubt',
  'almost',
  'supposed',
  'supposes',
  'suppose',
  'about',
  'around',
  'would',
  'should',
  'often',
  'quite',
  'rather',
  'feel',
  'felt',
  'feels',
  'usually',
  'typically',
  'typical',
  'frequently',
  'sometimes',
  'generally',
  'mainly',
  'mostly',
  'largely',
  'fairly',
  'relatively',
  'certain amount',
  'certain extent',
  'certain level',
  'approximately',
  'roughly',
  'estimate',
  'estimated',
  'argue',
  'argues',
  'argued',
  'claim',
  'claimed',
  'claims',
])
const hedges = [
  ...new Set([
    ...hedgeList.filter((h) => !NOT_HEDGES.has(h)),
    'reportedly',
    'allegedly',
    'alleged',
    'purportedly',
    'seemingly',
    'appear to',
    'appears to',
    'seem to',
    'seems to',
    'believed to',
    'thought to',
    'said to be',
  ]),
]
writeFileSync(
  new URL('../src/data/hedges.json', import.meta.url),
  `${JSON.stringify(
    {
      _note:
        "Generated by scripts/build-lexicons.ts — do not edit by hand. `hedge`: hedges of Hyland (2005, Metadiscourse; list from Recasens et al. 2013 in ../shared/data/allsides_neus/data/lexicons) minus ones mostly literal in news (about, around, would, estimate, …), plus reportedly/allegedly/purportedly and passive hedges (believed to, said to be), written for Parallax. `distancing`: words with which a writer keeps a claim at arm's length (so-called, claimed); `attribution`: sourcing phrases (according to). Both written for Parallax from general English. Entries are lower-case token sequences separated by spaces.",
      hedge: hedges.sort(),
      distancing: [
        'so-called',
        'self-styled',
        'self-proclaimed',
        'purported',
        'supposed',
        'supposedly',
        'claim',
        'claims',
        'claimed',
        'claiming',
      ],
      attribution: [
        'according to',
        'according to reports',
        'according to sources',
        'according to officials',
        'reports say',
        'sources say',
        'sources said',
        'it is reported',
        'it was reported',
      ],
    },
    null,
    1,
  )}\n`,
)
console.log(`loaded-words.json: ${sorted.length} entries; hedges.json: ${hedges.length} hedges`)
