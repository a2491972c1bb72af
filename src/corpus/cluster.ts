/**
 * Story grouping at scale: an online index where each new article is compared only with candidate stories
 * found through an inverted index of its salient terms and names (within a time window around its
 * publication date), and joins the best one or starts a new one. The batch `groupStories` is the same index
 * fed in publication order, so a store can ingest incrementally and get the same stories.
 */
import backgroundDf from '../../models/background-df.json' with { type: 'json' }
import trainedScorer from '../../models/grouping-scorer.json' with { type: 'json' }
import stopwords from '../data/grouping-stopwords.json' with { type: 'json' }
import type { Doc } from '../model/types.ts'
import { isRegion, partOf, placeWithin, populationOf } from '../stages/entity-gazetteer.ts'
import { type FeaturiseOptions, featurise, type GroupingFeatures, stem } from './grouping-features.ts'
import {
  decodeSignature,
  encodeSignature,
  findDuplicate,
  minhash,
  SIGNATURE_SCHEME,
} from './near-duplicates.ts'
import { featureKey, type PreparedArticle } from './prepared-article.ts'
import { nameTokens } from './resolve.ts'

/** Options of the story index. Defaults were tuned on ECB+, GVA and AllSides (see eval/grouping.eval.ts). */
export interface StoryIndexOptions {
  /**
   * How an analysed article (one with `mentions`) is scored against a candidate story: a linear function
   * of pair features ({@link PAIR_FEATURES}). Defaults to the trained scorer in models/grouping-scorer.json.
   */
  scorer?: GroupingScorer
  /**
   * The scorer for a bare article (text and metadata only, no per-document layers): without mentions,
   * dates, quantities and events, several features are always 0 and the others must carry more weight.
   */
  bareScorer?: GroupingScorer
  /** Score at or above which an article joins its best story rather than starting one (0: the scorer's own boundary). */
  threshold?: number
  /**
   * How much the reference corpus's document frequencies (models/background-df.json) count beside the
   * index's own: 1 as built, 0 to use only the articles seen.
   */
  backgroundWeight?: number
  /** Articles more than this many days from a story's date range are not compared with it. */
  windowDays?: number
  /** Days of gap at which the `gap` feature reaches 1 (linear below). */
  timeScale?: number
  /** How many of an article's names (by tf·idf) are its key names. */
  keyNames?: number
  /** Salient terms per article used to look up candidates and posted to its story. */
  queryTerms?: number
  /** Stories fully scored per article (the best by posting overlap). */
  candidates?: number
  /** Newest postings read per query term: bounds the work on common terms. */
  postingScan?: number
  /** Longest posting list kept per term; older entries are dropped. */
  maxPostings?: number
  /** Terms kept in a story's centroid. */
  centroidTerms?: number
  /** Estimated shingle Jaccard at or above which an article is a copy of an earlier one in its story. */
  duplicateThreshold?: number
  /** Story members a new article is checked against for copies (the most recent). */
  duplicateScan?: number
  /**
   * How an article is compared with a story: `average` (mean cosine with its members, robust to a story
   * drifting into a broad topic) or `centroid` (cosine with the members' mean).
   */
  linkage?: 'average' | 'centroid'
  /** Terms kept per member for nearest-member similarity. */
  memberTerms?: number
  /** Most recent members compared for nearest-member similarity. */
  memberScan?: number
  /** How often (in added articles) stories that fell out of every future window are closed. */
  evictEvery?: number
  /** Featurisation options. */
  features?: FeaturiseOptions
  /**
   * Overrides the decision for each article, given the pair features of every candidate story: return a
   * candidate's story id to join it, null to start a new story. For training a scorer and diagnostics;
   * when set, every candidate gets the full comparison.
   */
  decide?: (doc: Doc, candidates: { story: string; features: number[] }[]) => string | null
}

/**
 * Pair features of an article and a candidate story, in the order a {@link GroupingScorer}'s weights use:
 * - `lexical`: cosine of the article's tf·idf vector with the story centroid;
 * - `nearest`: cosine with the closest recent member;
 * - `names`: `lexical` over name features only (who and where, without what happened);
 * - `gap`: days between the article and the story's date range, over `timeScale`, capped at 1;
 * - `gapLong`: the same gap on a log scale reaching 1 at 30 days (follow-ups come days or weeks later);
 * - `yearClash`: 1 when the article names years and none that at least half the story's members naming
 *   years name;
 * - `placeClash`, `dayClash` (within a day): the same for places and calendar days; `placeShared`,
 *   `dayShared`: 1 when the article names one of those;
 * - `eventClash`, `countClash`: 1 when both name event types, casualty counts (of a role both give) and
 *   share none; `countShared`: 1 when they share a count;
 * - `personShared`: 1 when the person the article names most is the one the story names most;
 *   `personClash`: 1 when neither side names the other's most-named person at all;
 * - `nameMissing`: share (by tf·idf) of the article's key names the story never mentions;
 * - `storyNamesMissing`: share of the story's key names (key names of at least half its members) the
 *   article never mentions;
 * - `weekdayShared`, `weekdayClash`: for an article without a publication date (so without `days`), 1
 *   when the weekday its lede names is (or is not) the one at least half the story's members naming a
 *   weekday name: the one time cue an undated report gives;
 * - `personsNew`: 1 when the article names persons and the story none yet, with `placeShared` and no
 *   day, event or year clash (a first report names no one, the next names the victim);
 * - `figureShared`, `figureClash`: for an article without a publication date, 1 when it states a figure
 *   (an age, a magnitude, a sum: {@link GroupingFeatures.figures}) a member states, or when both state
 *   figures and share none (see `figureFeatures`);
 * - `gapRarePerson`: `gapLong` again when the article names a person the story names and few stories
 *   do (`GAP_PERSON_STORIES`), with a shared casualty count and no day clash: a follow-up days later
 *   naming the victim or the accused need not pay the whole gap, while another event days later seldom
 *   shares a rare name (see `excuseGap`).
 */
export const PAIR_FEATURES = [
  'lexical',
  'nearest',
  'names',
  'gap',
  'gapLong',
  'yearClash',
  'placeClash',
  'placeShared',
  'nameMissing',
  'storyNamesMissing',
  'eventClash',
  'personClash',
  'personShared',
  'dayClash',
  'dayShared',
  'countClash',
  'countShared',
  'weekdayShared',
  'weekdayClash',
  'personsNew',
  'figureShared',
  'figureClash',
  'gapRarePerson',
] as const

/** A linear scorer over {@link PAIR_FEATURES}: score = bias + Σ weight · feature; an article joins at score >= threshold. */
export interface GroupingScorer {
  bias: number
  weights: Partial<Record<(typeof PAIR_FEATURES)[number], number>>
}

/** The result of adding one article. */
export interface AddResult {
  story: string
  isNew: boolean
  /** The id of an earlier article in the story this one is a near-copy of. */
  duplicateOf?: string
  /**
   * Ids of stories this article showed to be `story`'s event, merged into it by this add: they no longer
   * exist, and their documents' story is now `story` (see `storyOf`).
   */
  merged?: string[]
}

/** A story as the index reports it. */
export interface StoryGroup {
  id: string
  documents: string[]
  /** Documents after collapsing near-duplicate copies. */
  independent: number
}

/** JSON-safe snapshot of an index ({@link StoryIndex.toJSON}); {@link storyIndexFromJSON} restores it. */
export interface StoryIndexState {
  version: 1
  options: StoryIndexOptions
  /**
   * The members' near-duplicate signature scheme ({@link SIGNATURE_SCHEME}). Signatures of another scheme
   * (or of snapshots from before it was recorded) are not kept: copies of those members go unnoticed.
   */
  signatures?: string
  count: number
  /**
   * The article count idf was last computed at (absent in older snapshots: computed afresh). Kept so a
   * restored index scores as the one that never stopped.
   */
  idfCount?: number
  /**
   * The idf values cached since `idfCount` (absent in older snapshots: computed afresh). A value is cached
   * at the document frequency of its first use, so it cannot be recomputed from `df` alone.
   */
  idf?: [string, number][]
  /** Adds since stale stories were last closed (absent in older snapshots: 0). */
  sinceEviction?: number
  /** Articles primed for idf but not yet added (absent in older snapshots: none). */
  primed?: string[]
  latestDay: number | null
  df: [string, number][]
  segments: [number, number][]
  /** Absent in snapshots from before it: treated as empty. */
  segmentDays?: [number, number][]
  stories: {
    id: string
    documents: string[]
    duplicates: (string | null)[]
    independent: number
    open: boolean
    centroid: [string, number][]
    minDay: number | null
    maxDay: number | null
    /** Absent when it equals `maxDay` (and in older snapshots: taken as `maxDay`). */
    scoredMaxDay?: number | null
    years: number[]
    /** Members mentioning each year (absent in older snapshots: each of `years` once). */
    yearCounts?: [number, number][]
    /** Members mentioning any year (absent in older snapshots: the most members any one year has). */
    yearMembers?: number
    /** The person most mentioned, the first to reach the most (absent in older snapshots: recounted). */
    mainPerson?: string
    places: string[]
    /** Members naming each place, and members naming any (absent in older snapshots: each place once). */
    placeCounts?: [string, number][]
    placeMembers?: number
    events: string[]
    /** Absent in snapshots from before these features: treated as empty. */
    days?: [number, number][]
    dayMembers?: number
    counts?: string[]
    /** Absent in snapshots from before them: treated as empty. */
    streets?: string[]
    victims?: string[]
    clocks?: number[]
    ages?: number[]
    addresses?: string[]
    /** Name words of members' headlines (absent in older snapshots: none). */
    headlineNames?: string[]
    /** Word stems of members' headlines, one list per member (absent in older snapshots: none). */
    headlines?: string[][]
    /** Members naming each weekday (Monday first) and members naming any (absent in older snapshots: none). */
    weekdays?: number[]
    keyNames?: [string, number][]
    persons?: [string, number][]
    /** Members stating each figure, and members stating any (absent in older snapshots: none). */
    figures?: [string, number][]
    figureMembers?: number
    /** Whom the members agree the story is about (absent in older snapshots: none). */
    firstMain?: string
    firstMainMembers?: number
    personMembers?: number
    names: [string, number][]
    posted: string[]
    members: [string, string, [string, number][]][]
    /** A closed story's follow-up record: its most-named places (absent in older snapshots: none). */
    followUpPlaces?: string[]
    /** A closed story's follow-up record: the persons it is about (absent in older snapshots: none). */
    followUpPersons?: string[]
    /** The event day kept for follow-up links when the story closed (absent in older snapshots: none). */
    eventDay?: number
    /** Whether a member's headline is a round-up's (absent in older snapshots: none). */
    roundUp?: boolean
  }[]
  /**
   * Person → indexes (in `stories`) of the stories naming it, for follow-up links. Absent in older
   * snapshots: rebuilt from the open stories' persons.
   */
  personStories?: [string, number[]][]
  /**
   * Place → indexes of the stories naming it, for the follow-up link through a small, rare place. Absent
   * in older snapshots: rebuilt from the stories' places and follow-up records.
   */
  placeStories?: [string, number[]][]
  /** The listed name of each place open stories name (see `placeInside`; absent in older snapshots: relearnt). */
  placeNames?: [string, string][]
  /**
   * Index (in `stories`) of each story merged into another → the index of that other; a merged story is
   * kept empty and closed. Absent when none was merged.
   */
  mergedInto?: [number, number][]
}

/** The online story index. */
export interface StoryIndex {
  /**
   * Counts articles' terms into the idf statistics without grouping them. A batch primes the index with
   * all its articles first, so the first articles are compared with corpus-wide idf rather than with idf
   * from a handful of documents; a primed article later given to `add` is not counted twice.
   */
  prime(docs: Iterable<Doc>): void
  /** {@link prime} for one article prepared ahead ({@link prepareArticle} made without furniture). */
  primePrepared(doc: Doc, prepared: PreparedArticle): void
  /**
   * Adds one article; adding the same id again returns its story without changing anything. `prepared`
   * (from {@link prepareArticle}, made ahead in another thread) saves featurising it here; the result is
   * the same as without it.
   */
  add(doc: Doc, prepared?: PreparedArticle): AddResult
  /**
   * Hashes of the sentences learnt as page furniture (see `segmentHash`), in the order learnt, from the
   * `from`-th on: what {@link prepareAhead} tells its workers, so that prepared articles leave them out.
   */
  furniture(from?: number): number[]
  /** All stories in creation order. */
  stories(): StoryGroup[]
  /** The story of a document id, if it was added. */
  storyOf(id: string): string | undefined
  /**
   * A JSON-safe snapshot (idf statistics, stories, open stories' centroids, posted terms and signatures);
   * {@link storyIndexFromJSON} restores it. For a store: save it after each batch, restore it on start.
   */
  toJSON(): StoryIndexState
}

interface StoryState {
  id: string
  documents: string[]
  duplicates: (string | null)[]
  independent: number
  open: boolean
  /**
   * The centroid: term ids ({@link createStoryIndex}'s vocabulary) in increasing order, and each one's
   * summed idf-free member weight. Flat arrays rather than a map: a million-article index holds tens of
   * thousands of open centroids, and these cost a quarter of the memory and nothing to the garbage collector.
   */
  centroidIds: Int32Array
  centroidWeights: Float64Array
  minDay: number | null
  maxDay: number | null
  /**
   * The latest day of a member the scorer took in (or that began the story): the end of the day range the
   * scorer's gap is measured to (see `scorerGapDays`). Null while no such member is dated.
   */
  scoredMaxDay: number | null
  /** Year → members mentioning it. */
  years: Map<number, number>
  /** Members mentioning any year. */
  yearMembers: number
  places: Set<string>
  /** Place → members naming it; members naming any place. */
  placeCounts: Map<string, number>
  placeMembers: number
  events: Set<string>
  /** Calendar day named by members' ledes → members naming it; members naming any day. */
  days: Map<number, number>
  dayMembers: number
  /** Casualty counts (`role:value`) members state. */
  counts: Set<string>
  /** Streets members' ledes name (see {@link GroupingFeatures.streets}), the first `STORY_STREETS`. */
  streets: Set<string>
  /** People members' ledes describe by age and sex (see {@link GroupingFeatures.victims}), the first `STORY_STREETS`. */
  victims: Set<string>
  /** Clock times and ages members' ledes give (see {@link GroupingFeatures.clocks}, `ages`), the first `STORY_STREETS` of each. */
  clocks: Set<number>
  ages: Set<number>
  /** Addresses members' ledes give (see {@link GroupingFeatures.addresses}), the first `STORY_STREETS`. */
  addresses: Set<string>
  /** Name words members' headlines give (see `headlineNamesOf`), the first `STORY_HEADLINE_NAMES`. */
  headlineNames: Set<string>
  /** Word stems (term ids) of the first `STORY_HEADLINES` members' headlines (see `headlineTermsOf`). */
  headlines: number[][]
  /**
   * Members whose lede names each weekday (Monday first), then members naming any: eight small counts,
   * null until a member names one (a plain array of small integers: about 80 bytes, a typed array 200).
   */
  weekdays: number[] | null
  /** Key name feature (term id) → number of members for which it is a key name. */
  keyNames: Map<number, number>
  /** Person → mentions across members. */
  persons: Map<string, number>
  /** Figures members state ({@link GroupingFeatures.figures}) → members stating it, the first `STORY_FIGURES`. */
  figures: Map<string, number>
  /** Members stating any figure. */
  figureMembers: number
  /** The person most mentioned across members (the first to reach the most), '' when none. */
  mainPerson: string
  /**
   * Undated members only (see `agreedPersonClash`): the main person (by surname) of the first member
   * that has one ('' when none), the members whose main person it is, and the members naming anyone.
   */
  firstMain: string
  firstMainMembers: number
  personMembers: number
  /** Roles of `counts` (`killed:`, `injured:`). */
  countRoles: Set<string>
  /** Cached centroid norm under idf epoch `normEpoch` (-1: stale). */
  norm: number
  /** Cached norm of the centroid's name features (`n:`, `e:`), same epoch. */
  nameNorm: number
  normEpoch: number
  /** Name feature (term id) → number of members mentioning it. */
  names: Map<number, number>
  posted: Set<number>
  members: Member[]
  /**
   * Once closed (and kept for follow-up links until the horizon): its most-named places as place ids
   * (the index's place vocabulary), most named first; null when it keeps none. A plain array of small
   * integers: for a handful of ids it takes about 80 bytes, an Int32Array over 200.
   */
  followUpPlaces: number[] | null
  /**
   * Once closed, beside `followUpPlaces`: the persons it is about (see `isAbout`), most named first, at
   * most `FOLLOW_UP_PERSONS`; null when it keeps none.
   */
  followUpPersons: string[] | null
  /** The event day (see `eventDayOf`) as it was when the story closed; null while never closed or none. */
  eventDay: number | null
  /** Whether a member's headline is a round-up's (see `roundUpHeadline`): its persons are several events'. */
  roundUp: boolean
}

/** An article's rare name words (term ids) and, per word, the names it is in (see `rareNamesOf`). */
/** A scorer's bias and weights, laid out as the pair-feature vector is. */
interface CompiledScorer {
  bias: number
  weights: Float64Array
}

/** The candidate stories of an article: story index and pair-feature vector. */
type Candidates = readonly { index: number; x: Float64Array }[]

interface RareNames {
  ids: number[]
  namesOf: Map<string, Set<string>>
}

interface Member {
  id: string
  signature: Uint32Array
  /** The member's strongest tf·idf terms by id (unit vector at the time it joined, truncated), and their weights. */
  terms: Int32Array
  weights: Float64Array
}

/**
 * Document frequencies of word stems in a reference news corpus (models/background-df.json, built by
 * scripts/build-background-df.ts). Added to the index's own counts so that idf means "rare in news",
 * not only "rare in this batch": with a handful of articles, every word two reports share would
 * otherwise look common — exactly the words that show they tell one event.
 */
const BACKGROUND = backgroundDf as { documents: number; df: Record<string, number> }

const DEFAULTS = {
  scorer: trainedScorer.analysed as GroupingScorer,
  bareScorer: trainedScorer.bare as GroupingScorer,
  backgroundWeight: 1,
  threshold: 0,
  windowDays: 30,
  timeScale: 7,
  keyNames: 5,
  queryTerms: 20,
  candidates: 10,
  postingScan: 80,
  maxPostings: 4000,
  centroidTerms: 150,
  duplicateThreshold: 0.6,
  duplicateScan: 200,
  linkage: 'centroid',
  memberTerms: 40,
  memberScan: 20,
  evictEvery: 2000,
} satisfies Required<Omit<StoryIndexOptions, 'features' | 'decide'>>

const MAX_SEGMENTS = 1_000_000
// Shared by every closed story; never written to, because closed stories are never candidates.
const CLOSED_MAP = new Map<never, never>()
const CLOSED_SET = new Set<never>()
// Candidates (best by cheap score) that get the full nearest-member comparison.
const NEAREST_CANDIDATES = 5
// The signature of a restored member whose saved one is of another scheme: compares with nothing.
const NO_SIGNATURE = new Uint32Array(0)
// The gap at which `gapLong` reaches 1: about a month, the time follow-ups (charges, funerals, trials)
// most often take.
const LONG_GAP_DAYS = 30
// A sentence seen on days further apart than this is page furniture (see `noteSegmentDays`).
const FURNITURE_DAYS = 14
/**
 * Long-gap follow-up links (see `add`): a person named in at most this many stories is rare enough to
 * tie a follow-up to its story, and the follow-up must name the story's first day within this many days.
 * On GVA pairs more than 30 days apart, a shared person this rare plus a shared place plus the later
 * report naming the earlier one's day were same-incident in 95% of cases.
 */
const LONG_GAP_PERSON_STORIES = 10
const LONG_GAP_DAY_SLACK = 2
/**
 * Beyond the window, a small place named in at most this many stories (see `placeFollowUp`) stands in
 * for the rare person of the day-reference follow-up link.
 */
const LONG_GAP_PLACE_STORIES = 10
/**
 * Or this many shared rare name words (see `rareNamesFollowUp`) beside the day reference. Two joined the
 * same (GVA dev) and one pair more, of a charge and a trial whose incident the archive lists twice.
 */
const LONG_GAP_NAMES_WITH_DAY = 3
/**
 * Beyond the window, this many shared rare persons (one among the article's most-named) link a
 * follow-up to a story that took in no round-up even when the article names none of its days (a trial
 * or a plea months later names the accused, the victims and the town, not the date). Three cost GVA
 * held-out pairwise precision (0.9929 -> 0.9908).
 */
const LONG_GAP_MANY_PERSONS = 4
/**
 * Or when it shares at least this many of the story's rare name words (see `rareNamesOf`: not all of
 * places or organisations, from two names or more) beside a rare person, and the story never took in a
 * round-up: a trial months later names the victim, the accused, the bar and the street again.
 */
const LONG_GAP_RARE_NAMES = 4
/**
 * With this many, the follow-up need not name one of the story's places either: a plea months later
 * is placed by its court's county or city, the shooting by its town or neighbourhood. Four cost GVA
 * train pairwise precision (0.9660 -> 0.9641: a couple charged in two shootings of their children).
 */
const LONG_GAP_PLACELESS_NAMES = 5
/**
 * Beyond the window and without a day, shared rare persons the story is about (see `isAbout`) that link a
 * follow-up: fewer than `LONG_GAP_MANY_PERSONS` of any kind, since the reporters and spokesmen two
 * unrelated stories share are each named once in passing.
 */
const LONG_GAP_CORE_PERSONS = 3
/** Such persons that stand in for the shared place too (a plea is placed by its court's town). */
const LONG_GAP_PLACELESS_CORE_PERSONS = 4
/**
 * Event types of a court report (see `src/data/events.json`): a charge, a trial, a verdict or a sentence
 * comes weeks or months after the shooting, about the accused or the victim the first reports named.
 */
const COURT_EVENTS = new Set<string>(['charge', 'trial', 'verdict', 'sentencing'])
/**
 * A court report's subject links through one shared person only when so few stories name them: in more,
 * a common name or an official named across a city's cases.
 */
const COURT_SUBJECT_STORIES = 2
/** Mentions across a story's members that make a person one it is about (a victim, the accused). */
const CORE_PERSON_MENTIONS = 2
/** The persons a story is about kept in its follow-up record when it closes, most named first. */
const FOLLOW_UP_PERSONS = 16
/**
 * A closed story keeps a follow-up record (its most-named places; its rare persons stay in the person
 * map) so that a trial or sentencing report months later can still link to it, for this many days after
 * its last report. Places kept per record: the most named.
 */
const FOLLOW_UP_HORIZON_DAYS = 730
/**
 * A follow-up inside the window that the scorer rejected (wording changes as a story moves from the
 * shooting to the arrest) may still link by the same evidence when they share at least this many rare
 * persons and one of them is among the article's most-named. With one shared person, GVA gained as much
 * again but AllSides lost F1 (follow-ups its gold keeps apart); roundups naming many people in passing
 * need the main-person test. As first built the story also had to begin more than a week before the
 * article; without that, GVA dev pairwise right pairs rose 2117 -> 2138 with no wrong one (the next day's
 * report naming the victim and the suspect is reworded as much as a charge weeks later).
 */
const BACK_REFERENCE_PERSONS = 2
const BACK_REFERENCE_MAIN_PERSONS = 3
const FOLLOW_UP_PLACES = 6
/** Shared wording needed beside a shared day, place and casualty count (see `add`). */
const SPECIFIC_LEXICAL = 0.35
/**
 * Shared wording needed beside a shared day and street or victim (see `add`), and the streets (and the
 * victims) a story keeps: its members' first few, which bounds its memory whatever its size.
 */
const STREET_LEXICAL = 0.25
const STORY_STREETS = 8
/**
 * A rare street (see `rareStreetCandidate`): a street word with rarity (`nameRarity`) at least this (in
 * about one article in 400 or fewer), with no casualty-count clash within this many days and lexical
 * cosine at least this. On GVA, without the rarity test, the two wrong links this made were on streets
 * below it ("State", "Grand"); with it, GVA dev pairwise precision rose rather than fell.
 */
const RARE_STREET_IDF = 6
const STREET_COUNT_DAYS = 7
const STREET_COUNT_LEXICAL = 0.1
/**
 * Rare shared names (see `rareNamesCandidate`): at least `RARE_NAMES` name words with rarity
 * (`nameRarity`) at least `RARE_NAME_IDF` (in about one article in 1,100 or fewer), and lexical cosine at
 * least `RARE_NAMES_LEXICAL`.
 */
const RARE_NAME_IDF = 7
const RARE_NAMES = 2
const RARE_NAMES_LEXICAL = 0.1
/**
 * Lede specifics (see `ledeSpecificsCandidate`): the same clock time, or at least this many ages, beside a
 * shared day and lexical cosine at least `LEDE_SPECIFICS_LEXICAL`. On GVA one shared age cost pairwise
 * precision (0.9570 -> 0.9519), and times 10 minutes apart a wrong join (two Chicago shootings of one
 * night, 9:20 and 9:25 p.m.).
 */
const SHARED_AGES = 2
/** An address (see `ledeSpecificsCandidate`) needs no day both name, only no day clash within this many days. */
const ADDRESS_DAYS = 2
const LEDE_SPECIFICS_LEXICAL = 0.1
/**
 * A rare place (see `rarePlaceCandidate`): a place with rarity (`placeRarity`) at least this (named in
 * about one article in 1,800 or fewer), shared within this many days with lexical cosine at least this.
 */
const RARE_PLACE_IDF = 7.5
/** A town listed with at least this many people sees several shootings a week: not a small place. */
const SMALL_TOWN_POPULATION = 100_000
const RARE_PLACE_DAYS = 6
const RARE_PLACE_LEXICAL = 0.15
/**
 * A rare headline name (see `headlineNameCandidate`): a name word of both headlines with rarity
 * (`nameRarity`) at least `RARE_NAME_IDF`, within this many days and lexical cosine at least this.
 * A story keeps its members' first `STORY_HEADLINE_NAMES` headline name words.
 */
const HEADLINE_NAME_DAYS = 3
const HEADLINE_NAME_LEXICAL = 0.25
const STORY_HEADLINE_NAMES = 16
/**
 * Alike headlines (see `headlineCandidate`): cosine (idf-weighted word stems) at least this with a
 * member's headline, within `HEADLINE_NAME_DAYS`, lexical cosine at least `HEADLINE_LEXICAL`. A story
 * keeps its first `STORY_HEADLINES` members' headlines.
 */
const HEADLINE_COSINE = 0.6
const HEADLINE_LEXICAL = 0.2
const STORY_HEADLINES = 4
/** Cosine at which two headlines are the same, and the lexical cosine their texts then need. */
const SAME_HEADLINE = 0.99
const SAME_HEADLINE_LEXICAL = 0.5
const HEADLINE_STOP = new Set<string>([...stopwords.function, ...stopwords.reporting])
/** Mention types whose words do not count as rare shared names: places, and the outlets, police forces and hospitals of a town. */
const PLACE_OR_ORG = new Set<string>(['GPE', 'LOC', 'ORG'])
/**
 * Beside a shared day and casualty count, a shared subject (one of the two people the article names most
 * and does not quote) named in at most this many stories so far, with lexical cosine at least this.
 */
const SUBJECT_STORIES = 3
const SUBJECT_LEXICAL = 0.2
/**
 * Beside lexical cosine at least this, two or more persons named in at most this many stories so far,
 * named by both the article and the story, a shared place and no event-type or year clash (see `add`):
 * a victim and a suspect, or two victims, are named together by the reports of one event only.
 */
const PERSON_PAIR_STORIES = 3
const PERSON_PAIR_LEXICAL = 0.25
/**
 * A headline naming its events in the plural ("shootings", "killings") or as separate: a round-up of a
 * city's or a weekend's events, which names the people, streets and days of several of them, so none of
 * the shared-specifics links (see `add`) may tie it to one event's story; only the scorer may. The
 * headline is the title, or the text's first characters when there is none.
 */
const ROUND_UP_HEADLINE = /\b(?:shootings|homicides|killings|murders|separate)\b/i
const HEADLINE_CHARS = 150
const roundUpHeadline = (doc: Doc): boolean =>
  ROUND_UP_HEADLINE.test(doc.meta.title ?? doc.text.slice(0, HEADLINE_CHARS))
/**
 * The name words of an article's headline (its title; none without one, since a text's first words are
 * its lede's): the headline's words the article names (`n:` terms, from its mentions or capitalised
 * runs), each once. A headline in Title Case capitalises every word, so a word counts only as a name of
 * the text.
 */
const headlineNamesOf = (doc: Doc, f: GroupingFeatures): string[] => {
  const title = doc.meta.title
  if (title === undefined) return []
  const words = new Set<string>()
  for (const word of title.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u))
    if (f.terms.has(`n:${word}`)) words.add(word)
  return [...words]
}
/** Whether counts give two figures for one role ("4 killed ... 2 killed"): a round-up of several events. */
const roundUp = (counts: string[]): boolean => {
  const roles = new Set<string>()
  for (const c of counts) {
    const role = roleOf(c)
    if (roles.has(role)) return true
    roles.add(role)
  }
  return false
}
const LEXICAL = PAIR_FEATURES.indexOf('lexical')
const NEAREST = PAIR_FEATURES.indexOf('nearest')
const NAMES = PAIR_FEATURES.indexOf('names')
const GAP = PAIR_FEATURES.indexOf('gap')
const GAP_LONG = PAIR_FEATURES.indexOf('gapLong')
const YEAR_CLASH = PAIR_FEATURES.indexOf('yearClash')
const PLACE_CLASH = PAIR_FEATURES.indexOf('placeClash')
const PLACE_SHARED = PAIR_FEATURES.indexOf('placeShared')
const NAME_MISSING = PAIR_FEATURES.indexOf('nameMissing')
const STORY_NAMES_MISSING = PAIR_FEATURES.indexOf('storyNamesMissing')
const EVENT_CLASH = PAIR_FEATURES.indexOf('eventClash')
const PERSON_CLASH = PAIR_FEATURES.indexOf('personClash')
const PERSON_SHARED = PAIR_FEATURES.indexOf('personShared')
const DAY_CLASH = PAIR_FEATURES.indexOf('dayClash')
const DAY_SHARED = PAIR_FEATURES.indexOf('dayShared')
const COUNT_CLASH = PAIR_FEATURES.indexOf('countClash')
const COUNT_SHARED = PAIR_FEATURES.indexOf('countShared')
const WEEKDAY_SHARED = PAIR_FEATURES.indexOf('weekdayShared')
const WEEKDAY_CLASH = PAIR_FEATURES.indexOf('weekdayClash')
const PERSONS_NEW = PAIR_FEATURES.indexOf('personsNew')
const FIGURE_SHARED = PAIR_FEATURES.indexOf('figureShared')
const FIGURE_CLASH = PAIR_FEATURES.indexOf('figureClash')
const GAP_RARE_PERSON = PAIR_FEATURES.indexOf('gapRarePerson')
/** A person named in at most this many stories so far is rare enough to excuse part of a gap (`gapRarePerson`). */
const GAP_PERSON_STORIES = 3
/** Figures kept per story: a story's own figures come with its first reports. */
const STORY_FIGURES = 32
/** Slot of `StoryState.weekdays` counting the members that name any weekday. */
const ANY_WEEKDAY = 7

/** The role prefix of a count (`killed:3` → `killed:`). */
const roleOf = (count: string): string => count.slice(0, count.indexOf(':') + 1)

/** The person with the most mentions (the first in order among equals), '' when none. */
const mostMentioned = (persons: Iterable<[string, number]>): string => {
  let main = ''
  let most = 0
  for (const [person, n] of persons) {
    if (n > most) {
      main = person
      most = n
    }
  }
  return main
}

/**
 * `figureShared` / `figureClash` of an undated article (see {@link PAIR_FEATURES}): a figure is specific
 * to one event (the magnitude of one earthquake, the age of one suspect, the sum of one offer), while a
 * similar event gives its own. Of two ECB+ reports in one topic that both state figures, 62–66% of
 * same-event pairs share one against 13–23% of similar-event pairs (train / held-out halves). Against
 * any member, not most: two reports of one event seldom repeat the same figures. Only without a
 * publication date, like the weekday: dated reports have their days and gap, and dated grouping stays
 * as it was fitted.
 */
const figureFeatures = (f: GroupingFeatures, story: StoryState, x: Float64Array): void => {
  if (f.figures.length === 0 || story.figureMembers === 0) return
  if (f.figures.some((v) => story.figures.has(v))) x[FIGURE_SHARED] = 1
  else x[FIGURE_CLASH] = 1
}

/** Members up to which a story is young (see `youngStoryClash`). */
const YOUNG_STORY = 3

/**
 * Whether an undated article must not join a young story (at most `YOUNG_STORY` members) even though the
 * scorer accepts it: the person each side names most and the figures both disagree (`personClash`,
 * `figureClash`, so only without a publication date), and no specific agrees (no weekday, day or casualty
 * count shared). Two similar events are told alike, and a wrong first join costs most: the story then
 * takes in the other event's reports through it, while a story of several members has shown what it is
 * about. On ECB+ the wrong joins the scorer makes are mostly such early joins.
 */
const youngStoryClash = (x: Float64Array, story: StoryState): boolean =>
  story.members.length <= YOUNG_STORY &&
  x[PERSON_CLASH] === 1 &&
  x[FIGURE_CLASH] === 1 &&
  x[WEEKDAY_SHARED] === 0 &&
  x[DAY_SHARED] === 0 &&
  x[COUNT_SHARED] === 0

/** Members from which a story is established (see `establishedStoryCandidate`). */
const ESTABLISHED_STORY = 4
/** Cosine with an established story's centroid at which an undated article may join it though the scorer rejects it. */
const ESTABLISHED_LEXICAL = 0.4

/** Members from which a story may take in a report about its main person (see `sharedProtagonistCandidate`). */
const PROTAGONIST_STORY = 3
/** Cosine with the centroid at which a report about a story's main person may join it though the scorer rejects it. */
const PROTAGONIST_LEXICAL = 0.3
/** How far below the threshold the scorer may put such a report. */
const PROTAGONIST_MARGIN = 0.5

/**
 * Times a report names its main person before it counts as being about them (see `agreedPersonClash`):
 * a person named once is mostly a passing mention.
 */
const MAIN_PERSON_MENTIONS = 2
/**
 * Share of a story's members naming anyone that must have one main person for the story to agree on
 * whom it is about (two thirds): over 20 shuffled arrival orders of each ECB+ half, all members instead
 * kept fewer wrong joins out (mean pairwise precision 0.8485 / 0.8665 against 0.8548 / 0.8664).
 */
const AGREEING_SHARE = [2, 3] as const

/**
 * An undated article's PERSON mentions counted by surname (the last word of the name, suffixes and case
 * folded: "Dell Marrow Jr." and "Marrow" are both `marrow`), most named first. By surname, not entity id:
 * across reports entity resolution keeps "Marrow", "Dell Marrow" and "Quarry Lions' Dell Marrow" apart.
 */
const surnameCounts = (doc: Doc): [string, number][] => {
  const counts = new Map<string, number>()
  for (const mention of doc.mentions ?? []) {
    if (mention.type !== 'PERSON') continue
    const words = nameTokens(mention.text)
    if (words.length === 0) continue
    const surname = words[words.length - 1]
    counts.set(surname, (counts.get(surname) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])
}

/**
 * Counts a new member into its story's agreement on whom the story is about: the main person (by
 * surname, named at least `MAIN_PERSON_MENTIONS` times) of the first member that has one, and how many
 * of the members naming anyone have it as theirs.
 */
const noteMainPerson = (story: StoryState, surnames: [string, number][]): void => {
  if (surnames.length === 0) return
  story.personMembers++
  const [own, n] = surnames[0]
  if (n < MAIN_PERSON_MENTIONS) return
  if (story.firstMainMembers === 0) story.firstMain = own
  if (own === story.firstMain) story.firstMainMembers++
}

/**
 * Whether a specific the article shares with a story (a figure, a day or a casualty count) says they
 * tell one event: not when their years clash. Two similar events a year or more apart share figures and
 * counts of their kind by chance (a boxer's record, an age, the sum of a contract, three dead), while the
 * years tell them apart. Over 40 shuffled arrival orders of each ECB+ half, the figure alone kept out
 * 242 / 209 wrong pairs (train / held-out) for 23 / 0 right ones, and the day and count 0 / 382 more for
 * 0 / 157; the eval's order was unchanged.
 */
const specificAgrees = (x: Float64Array): boolean =>
  x[YEAR_CLASH] === 0 && (x[FIGURE_SHARED] === 1 || x[DAY_SHARED] === 1 || x[COUNT_SHARED] === 1)

/**
 * Whether an undated article must not join a story, though the scorer accepts it, because they are about
 * different people: two thirds of the members naming anyone name one person most (`AGREEING_SHARE`), at
 * least two members do, and the article names another person most (at least `MAIN_PERSON_MENTIONS`
 * times) and that one never, while no specific agrees (no figure, day or casualty count shared but across a
 * year clash: `specificAgrees`). Two similar events (two players of one club
 * arrested in one month) are told in the same words, and each report names the one it is about
 * throughout, the other once in passing at most; a join the scorer makes through the shared wording
 * then draws the other event's reports in after it. The weekday does not count as agreeing here: "Sunday's
 * game" and "arrested early Sunday" name one weekday for two events.
 */
const agreedPersonClash = (surnames: [string, number][], story: StoryState, x: Float64Array): boolean => {
  if (surnames.length === 0 || story.firstMainMembers < 2) return false
  if (story.firstMainMembers * AGREEING_SHARE[1] < story.personMembers * AGREEING_SHARE[0]) return false
  if (specificAgrees(x)) return false
  const [own, n] = surnames[0]
  if (n < MAIN_PERSON_MENTIONS || own === story.firstMain) return false
  return !surnames.some(([surname]) => surname === story.firstMain)
}

/**
 * How far above the threshold an undated article must score against a one-member story, beside the story
 * it joins, for that story to be merged in (see `fragmentsOf`).
 */
const FRAGMENT_MARGIN = 0.75

/**
 * Whether a dated article and a story agree on the specifics that name one event: the same day, place and
 * casualty count, wording shared as the specific join asks (`SPECIFIC_LEXICAL`), and no clash of time,
 * place, count or event (see `specificFragmentsOf`). The person each names most may differ: one report of a
 * shooting is about a victim, the next about the police officer who speaks for the search.
 */
const specificsAgree = (x: Float64Array): boolean =>
  x[DAY_SHARED] === 1 &&
  x[PLACE_SHARED] === 1 &&
  x[COUNT_SHARED] === 1 &&
  x[LEXICAL] >= SPECIFIC_LEXICAL &&
  x[YEAR_CLASH] === 0 &&
  x[PLACE_CLASH] === 0 &&
  x[DAY_CLASH] === 0 &&
  x[COUNT_CLASH] === 0 &&
  x[EVENT_CLASH] === 0

/** The values named by at least half of the members naming any (`members`), from member counts. */
const namedByHalf = <T>(counts: Map<T, number>, members: number): T[] => {
  const named: T[] = []
  for (const [value, n] of counts) if (2 * n >= members) named.push(value)
  return named
}

/** The weekday (Monday 0) at least half the members naming one name, or -1. */
const storyWeekday = (story: StoryState): number => {
  const weekdays = story.weekdays
  if (weekdays === null) return -1
  for (let d = 0; d < ANY_WEEKDAY; d++) if (2 * weekdays[d] >= weekdays[ANY_WEEKDAY]) return d
  return -1
}

/**
 * Whether two stories tell apart in time or in their figures: the weekday, or the years, their members
 * mostly name differ, or both state figures and share none. The tests the pair features make between an
 * article and a story, made between two stories (see `fragmentsOf`).
 */
const storiesClash = (a: StoryState, b: StoryState): boolean => {
  const dayA = storyWeekday(a)
  const dayB = storyWeekday(b)
  if (dayA >= 0 && dayB >= 0 && dayA !== dayB) return true
  const yearsA = namedByHalf(a.years, a.yearMembers)
  const yearsB = namedByHalf(b.years, b.yearMembers)
  if (yearsA.length > 0 && yearsB.length > 0 && yearsA.every((y) => !yearsB.includes(y))) return true
  if (a.figureMembers === 0 || b.figureMembers === 0) return false
  for (const figure of a.figures.keys()) if (b.figures.has(figure)) return false
  return true
}

const EMPTY_IDS = new Int32Array(0)
const EMPTY_WEIGHTS = new Float64Array(0)

/**
 * Frees what only a candidate story needs (centroid, postings, members, the per-story signals): a closed
 * story (evicted, or merged into another) is never a candidate again, and a follow-up link reopens one
 * with fresh collections. Closed stories share empty read-only collections, so a million of them cost
 * little more than their document lists and follow-up records.
 */
const releaseCollections = (story: StoryState): void => {
  story.centroidIds = EMPTY_IDS
  story.centroidWeights = EMPTY_WEIGHTS
  story.posted = CLOSED_SET as unknown as Set<number>
  story.names = CLOSED_MAP as unknown as Map<number, number>
  story.members = []
  story.years = CLOSED_MAP as unknown as Map<number, number>
  story.places = CLOSED_SET as unknown as Set<string>
  story.events = CLOSED_SET as unknown as Set<string>
  story.days = CLOSED_MAP as unknown as Map<number, number>
  story.placeCounts = CLOSED_MAP as unknown as Map<string, number>
  story.counts = CLOSED_SET as unknown as Set<string>
  story.streets = CLOSED_SET as unknown as Set<string>
  story.victims = CLOSED_SET as unknown as Set<string>
  story.clocks = CLOSED_SET as unknown as Set<number>
  story.ages = CLOSED_SET as unknown as Set<number>
  story.addresses = CLOSED_SET as unknown as Set<string>
  story.headlineNames = CLOSED_SET as unknown as Set<string>
  story.headlines = []
  story.weekdays = null
  story.keyNames = CLOSED_MAP as unknown as Map<number, number>
  story.persons = CLOSED_MAP as unknown as Map<string, number>
  story.figures = CLOSED_MAP as unknown as Map<string, number>
  story.countRoles = CLOSED_SET as unknown as Set<string>
}

/** A centroid's flat arrays (ids ascending) from (term id, weight) pairs with distinct ids. */
const centroidOf = (
  pairs: [number, number][],
): { centroidIds: Int32Array; centroidWeights: Float64Array } => {
  pairs.sort((a, b) => a[0] - b[0])
  return {
    centroidIds: Int32Array.from(pairs, ([id]) => id),
    centroidWeights: Float64Array.from(pairs, ([, w]) => w),
  }
}

/**
 * Adds an article's idf-free weights (`ids` distinct, any order) into a story's centroid by merging sorted
 * lists; once the centroid holds more than twice `keep` terms, only the `keep` heaviest stay.
 */
/**
 * A comparator of indexes into `weights`: heaviest first, ties by index. It returns small integers, not a
 * difference of doubles, which V8 would box on every comparison.
 */
const heaviestFirst =
  (weights: Float64Array) =>
  (a: number, b: number): number =>
    weights[b] > weights[a] ? 1 : weights[b] < weights[a] ? -1 : a - b

const addToCentroid = (
  story: { centroidIds: Int32Array; centroidWeights: Float64Array },
  ids: Int32Array,
  weights: Float64Array,
  keep: number,
  order: Int32Array = idOrder(ids),
): void => {
  const oldIds = story.centroidIds
  const oldWeights = story.centroidWeights
  const mergedIds = new Int32Array(oldIds.length + ids.length)
  const mergedWeights = new Float64Array(oldIds.length + ids.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < oldIds.length || j < order.length) {
    const next = j < order.length ? ids[order[j]] : Number.POSITIVE_INFINITY
    if (i < oldIds.length && oldIds[i] < next) {
      mergedIds[n] = oldIds[i]
      mergedWeights[n++] = oldWeights[i++]
    } else if (i < oldIds.length && oldIds[i] === next) {
      mergedIds[n] = next
      mergedWeights[n++] = oldWeights[i++] + weights[order[j++]]
    } else {
      mergedIds[n] = next
      mergedWeights[n++] = weights[order[j++]]
    }
  }
  if (n <= 2 * keep) {
    story.centroidIds = mergedIds.slice(0, n)
    story.centroidWeights = mergedWeights.slice(0, n)
    return
  }
  // The heaviest `keep` (ties: the lower id), back in id order.
  const byWeight = new Int32Array(n)
  for (let k = 0; k < n; k++) byWeight[k] = k
  const kept = byWeight.sort(heaviestFirst(mergedWeights)).subarray(0, keep).sort()
  const keptIds = new Int32Array(keep)
  const keptWeights = new Float64Array(keep)
  for (let k = 0; k < keep; k++) {
    keptIds[k] = mergedIds[kept[k]]
    keptWeights[k] = mergedWeights[kept[k]]
  }
  story.centroidIds = keptIds
  story.centroidWeights = keptWeights
}

/** `into[k] = from[at[k]]`: a typed-array gather without `from`'s per-element callback. */
const pick = <T extends Int32Array | Float64Array>(from: T, at: Int32Array, into: T): T => {
  for (let k = 0; k < at.length; k++) into[k] = from[at[k]]
  return into
}

// Room for the index beside the id in `idOrder`: more than any article's distinct terms.
const ID_ORDER_SPAN = 2 ** 21
/**
 * Indexes into `ids` (distinct, below 2^31) in ascending id order. Each id and its index are packed into
 * one double (exact below 2^53), so that the native numeric sort of a typed array does the work instead of
 * a comparator called from JavaScript.
 */
const idOrder = (ids: Int32Array): Int32Array => {
  const packed = new Float64Array(ids.length)
  for (let k = 0; k < ids.length; k++) packed[k] = ids[k] * ID_ORDER_SPAN + k
  packed.sort()
  const order = new Int32Array(ids.length)
  for (let k = 0; k < ids.length; k++) order[k] = packed[k] % ID_ORDER_SPAN
  return order
}

const isName = (term: string): boolean => term.startsWith('n:') || term.startsWith('e:')

const disjoint = <T>(a: Iterable<T>, b: Set<T>): boolean => {
  for (const x of a) if (b.has(x)) return false
  return true
}

/**
 * Creates an online story index. Pass a snapshot from `toJSON()` as `state` to continue where it stopped.
 *
 * @example
 * const index = createStoryIndex()
 * for (const doc of docs) index.add(doc)
 * index.stories() // [{ id, documents, independent }]
 */
export const createStoryIndex = (options: StoryIndexOptions = {}, state?: StoryIndexState): StoryIndex => {
  const settings = { ...DEFAULTS, ...(state?.options ?? {}), ...options }
  const featureOptions = settings.features ?? {}
  // Terms are interned as integer ids: every per-term statistic (document frequency, background document
  // frequency, cached idf, whether it is a name feature) is an array slot, and centroids, member vectors,
  // postings and name counts are keyed by small integers rather than by strings.
  const vocabulary = new Map<string, number>()
  const termOf: string[] = []
  let dfOf = new Float64Array(4096)
  let backgroundOf = new Float64Array(4096)
  let nameFlag = new Uint8Array(4096)
  let idfOf = new Float64Array(4096)
  let idfAt = new Int32Array(4096)
  // The article being added, spread over term ids (0 elsewhere): its tf·idf vector. Set before its
  // candidates are scored, cleared after.
  let queryVector = new Float64Array(4096)
  // The same article's term ids in ascending order, with its tf·idf weights times idf once more (the
  // centroids hold idf-free weights) and whether each is a name feature: `linkage` walks them beside a
  // centroid, also in id order, reading memory in sequence rather than a vocabulary-sized array at random.
  let queryIds = new Int32Array(0)
  let queryWeights = new Float64Array(0)
  let queryNames = new Uint8Array(0)
  const intern = (term: string): number => {
    let id = vocabulary.get(term)
    if (id !== undefined) return id
    id = termOf.length
    vocabulary.set(term, id)
    termOf.push(term)
    if (id >= dfOf.length) {
      const size = dfOf.length * 2
      const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, b: T): T => {
        b.set(a)
        return b
      }
      dfOf = grow(dfOf, new Float64Array(size))
      backgroundOf = grow(backgroundOf, new Float64Array(size))
      nameFlag = grow(nameFlag, new Uint8Array(size))
      idfOf = grow(idfOf, new Float64Array(size))
      idfAt = grow(idfAt, new Int32Array(size))
      queryVector = grow(queryVector, new Float64Array(size))
    }
    backgroundOf[id] = Object.hasOwn(BACKGROUND.df, term) ? BACKGROUND.df[term] : 0
    nameFlag[id] = isName(term) ? 1 : 0
    return id
  }
  for (const [term, n] of state?.df ?? []) dfOf[intern(term)] = n
  for (const [term, value] of state?.idf ?? []) {
    const id = intern(term)
    idfOf[id] = value
    idfAt[id] = 1
  }
  let count = state?.count ?? 0
  let latestDay: number | null = state?.latestDay ?? null
  const stories: StoryState[] = []
  const storyOfDoc = new Map<string, number>()
  const postings = new Map<number, number[]>()
  const open = new Set<number>()
  let sinceEviction = state?.sinceEviction ?? 0
  let closedSinceCompaction = 0
  // Sentence hash → story index + 1 where it was first seen, or -1 once it has been seen in two stories
  // (page furniture). Bounded: when it grows past MAX_SEGMENTS, sentences seen in one story only are forgotten.
  const segments = new Map<number, number>(state?.segments ?? [])
  const isBoilerplate = (hash: number): boolean => segments.get(hash) === -1
  // Sentence hashes learnt as furniture, in the order learnt: what prepare-ahead workers are told.
  const furnitureLog: number[] = []
  for (const [hash, seen] of segments) if (seen === -1) furnitureLog.push(hash)
  const flagFurniture = (hash: number): void => {
    if (segments.get(hash) === -1) return
    segments.set(hash, -1)
    furnitureLog.push(hash)
  }
  // Sentence hash → the first publication day it was seen on. A sentence that recurs more than two weeks
  // apart is page furniture too: reports of one event cluster in time, a site's furniture does not.
  // This catches furniture of one site whose articles all fell into one story because of it.
  const segmentDays = new Map<number, number>(state?.segmentDays ?? [])
  const noteSegmentDays = (hashes: readonly number[], day: number | null): void => {
    if (day === null) return
    for (const hash of hashes) {
      const first = segmentDays.get(hash)
      if (first === undefined) segmentDays.set(hash, day)
      else if (Math.abs(day - first) > FURNITURE_DAYS) flagFurniture(hash)
    }
    if (segmentDays.size > MAX_SEGMENTS) segmentDays.clear()
  }

  const primed = new Set<string>(state?.primed)
  // Per story, three slots side by side (one cache line read per story in the candidate scan, which
  // touches stories in no order): the posting overlap of the article being added (an accumulator, 0 when
  // untouched, -1 once found outside its window), then the days an article may have to be compared with
  // it: [minDay - window, maxDay + window], (-∞, ∞) for an open story with no dated member, and an empty
  // range (lo > hi) once it is closed. Flat, so that the scan reads no story objects.
  let scan = new Float64Array(0)
  const OVERLAP = 0
  const LO = 1
  const HI = 2
  /** Whether story `index` is a candidate for an article of `day` (undated: any story with a window). */
  const inWindowOf = (index: number, day: number | null): boolean => {
    const at = 3 * index
    return day === null ? scan[at + LO] <= scan[at + HI] : scan[at + LO] <= day && day <= scan[at + HI]
  }
  const reserve = (n: number): void => {
    if (scan.length >= 3 * n) return
    const size = Math.max(1024, n * 2)
    const grown = new Float64Array(3 * size)
    grown.set(scan)
    for (let i = scan.length / 3; i < size; i++) {
      grown[3 * i + LO] = Number.POSITIVE_INFINITY
      grown[3 * i + HI] = Number.NEGATIVE_INFINITY
    }
    scan = grown
  }
  const setWindow = (index: number): void => {
    reserve(index + 1)
    const story = stories[index]
    const at = 3 * index
    if (!story.open) {
      scan[at + LO] = Number.POSITIVE_INFINITY
      scan[at + HI] = Number.NEGATIVE_INFINITY
    } else if (story.minDay === null || story.maxDay === null) {
      scan[at + LO] = Number.NEGATIVE_INFINITY
      scan[at + HI] = Number.POSITIVE_INFINITY
    } else {
      scan[at + LO] = story.minDay - settings.windowDays
      scan[at + HI] = story.maxDay + settings.windowDays
    }
  }
  // idf moves slowly once a few thousand articles are in, so values are cached and the cache is dropped
  // whenever the article count has grown by 5% (always, while the index is small). A term's cached value
  // is valid while its `idfAt` slot holds the current epoch.
  let idfCount = state?.idfCount ?? -1
  // Epoch 0 is what every `idfAt` slot starts at, so it never counts as cached.
  let idfEpoch = 1
  const refreshIdf = (): void => {
    if (count !== idfCount && (count < 200 || count > idfCount * 1.05)) {
      idfCount = count
      idfEpoch++
    }
  }
  const idf = (id: number): number => {
    if (idfAt[id] === idfEpoch) return idfOf[id]
    const w = settings.backgroundWeight
    const value = Math.log(
      1 + (idfCount + w * BACKGROUND.documents) / Math.max(1, (dfOf[id] || 1) + w * backgroundOf[id]),
    )
    idfOf[id] = value
    idfAt[id] = idfEpoch
    return value
  }

  const post = (index: number, term: number): void => {
    const story = stories[index]
    if (story.posted.has(term)) return
    story.posted.add(term)
    let list = postings.get(term)
    if (!list) {
      list = []
      postings.set(term, list)
    }
    list.push(index)
    if (list.length > settings.maxPostings) list.splice(0, list.length - settings.maxPostings / 2)
  }

  // Person → stories naming it (each story once, in order of first naming), for long-gap follow-up
  // links; a list one longer than `LONG_GAP_PERSON_STORIES` marks a common name and grows no more.
  const personStories = new Map<string, number[]>(state?.personStories ?? [])
  const notePerson = (person: string, index: number): void => {
    const list = personStories.get(person)
    if (list === undefined) personStories.set(person, [index])
    else if (list.length <= LONG_GAP_PERSON_STORIES && !list.includes(index)) list.push(index)
  }
  // Place → stories naming it (each story once), for the follow-up link through a small, rare place; a
  // list one longer than `LONG_GAP_PLACE_STORIES` marks a common place and grows no more.
  const placeStories = new Map<string, number[]>(state?.placeStories ?? [])
  const notePlace = (place: string, index: number): void => {
    const list = placeStories.get(place)
    if (list === undefined) placeStories.set(place, [index])
    else if (list.length <= LONG_GAP_PLACE_STORIES && !list.includes(index)) list.push(index)
  }
  /**
   * The article's persons (see `GroupingFeatures.persons`) with its mentions the tagger typed as something
   * other than a person or a place counted too when their entity is a rare person's in some story ("Nora
   * Osman" an organisation in one report, a person in the next), most mentioned first; `f.persons` itself
   * when there are none. Only the follow-up links read them, and only the article's side: counted as a
   * story's persons or in the pair features, page furniture typed both ways ("Image", "AP") chained
   * unrelated stories (GVA dev pairwise precision 0.9588 -> 0.9501) and ECB+ and AllSides lost F1.
   */
  const personsTypedOtherwise = (doc: Doc, f: GroupingFeatures): [string, number][] => {
    if (doc.mentions === undefined) return f.persons
    let persons: Map<string, number> | null = null
    for (const mention of doc.mentions) {
      const entity = mention.entity
      if (
        entity === undefined ||
        mention.type === 'PERSON' ||
        mention.type === 'GPE' ||
        mention.type === 'LOC'
      )
        continue
      const list = personStories.get(entity)
      if (list === undefined || list.length > LONG_GAP_PERSON_STORIES) continue
      persons ??= new Map(f.persons)
      persons.set(entity, (persons.get(entity) ?? 0) + 1)
    }
    return persons === null ? f.persons : [...persons].sort((a, b) => b[1] - a[1])
  }
  /**
   * Adds to `candidates` the open stories within the article's window that name a person it names, when
   * that person is rare (named in at most `LONG_GAP_PERSON_STORIES` stories): looked up in `personStories`,
   * a few index reads per person. The posting scan reads only the article's heaviest terms, and a report
   * naming many people the story never named (the victim's family, the officers) fills those with names, so
   * it may share none with an earlier report of its event that named the victim alone. The scorer decides.
   */
  const addPersonCandidates = (f: GroupingFeatures, candidates: number[]): void => {
    for (const [person] of f.persons) {
      const list = personStories.get(person)
      if (list === undefined || list.length > LONG_GAP_PERSON_STORIES) continue
      for (const index of list)
        if (inWindowOf(index, f.day) && !candidates.includes(index)) candidates.push(index)
    }
  }
  /**
   * The candidate (best by score) sharing at least two rare persons (named in at most
   * `PERSON_PAIR_STORIES` stories) with the article, with lexical cosine at least `PERSON_PAIR_LEXICAL`,
   * a shared place and no event-type or year clash; -1 when none. Reports of one event days apart reword
   * it (the first report names no one, the next names the victim and the suspect) while two events seldom
   * share two rare names in one place. Without the place and event tests ECB+ (one person's arrest, then
   * another arrest of the same person) and AllSides lost pairwise precision; without the year test, ECB+
   * F1 in some arrival orders (undated reports of a later event). Nor when the scorer's own join would be
   * refused as another event's first join into a young story (`youngStoryClash`, undated only): two
   * similar undated events share their rare persons and place (one man's two arrests in one town), and
   * this rule must not let in what that guard keeps out. Over 20 shuffled arrival orders of ECB+ (the
   * whole set) 200 wrong pairs fewer for 41 right ones; the eval's order unchanged.
   */
  const personPairCandidate = (
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    return bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < PERSON_PAIR_LEXICAL || x[PLACE_SHARED] !== 1) return false
      if (x[EVENT_CLASH] === 1 || x[YEAR_CLASH] === 1) return false
      const story = stories[index]
      if (youngStoryClash(x, story)) return false
      let shared = 0
      for (const [person] of f.persons)
        if (story.persons.has(person) && (personStories.get(person)?.length ?? 0) <= PERSON_PAIR_STORIES)
          shared++
      if (shared < 2) return false
      return true
    })
  }
  /**
   * Like `personPairCandidate`, for a candidate in another place or none: the two rare persons shared,
   * one of them the person both the article and the story name most (`personShared`), and a casualty
   * count shared. Charges and arraignments days on name the victim and the accused again, and the toll,
   * but are placed by their court, or by nothing at all, and name the day of the hearing. Without the
   * count, politicians named in few stories early in a stream link two debates.
   */
  const mainPersonPairCandidate = (
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number =>
    bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < PERSON_PAIR_LEXICAL || x[PERSON_SHARED] !== 1 || x[COUNT_SHARED] !== 1) return false
      if (x[EVENT_CLASH] === 1 || x[YEAR_CLASH] === 1) return false
      const story = stories[index]
      let shared = 0
      for (const [person] of f.persons)
        if (story.persons.has(person) && (personStories.get(person)?.length ?? 0) <= PERSON_PAIR_STORIES)
          shared++
      return shared >= 2
    })
  /**
   * How rare a name word is in news: an idf over the articles the index has named it in, or the
   * reference corpus's articles using it as a plain word if more (which holds no names: a street named
   * for a common word, "State" or "Grand", runs through many towns).
   */
  const nameRarity = (word: string): number => {
    const id = vocabulary.get(`n:${word}`)
    const own = id === undefined ? 0 : dfOf[id]
    const plain = stem(word)
    const background = Object.hasOwn(BACKGROUND.df, plain) ? BACKGROUND.df[plain] : 0
    const w = settings.backgroundWeight
    return Math.log(1 + (idfCount + w * BACKGROUND.documents) / Math.max(1, own, w * background))
  }
  /**
   * The candidate (best by score) on the same rare street as the article (a street word with idf at least
   * `RARE_STREET_IDF`), with no casualty-count or day clash, within `STREET_COUNT_DAYS` of the story and
   * lexical cosine at least `STREET_COUNT_LEXICAL`; -1 when none. The count may be the same or given by
   * one side only (the first report says "shots fired on Quarnby Road", the next gives the wounded; a
   * shared count only, as first built, left those apart). Unlike the same-day street
   * link, the article need not name the day (the next day's report says "Sunday night" or nothing) and
   * the wording may differ more, which only a street few reports name makes safe: "Main" or "State"
   * streets run through every city.
   */
  const rareStreetCandidate = (
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    if (f.day === null || f.streets.length === 0 || roundUp(f.counts)) return -1
    return bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < STREET_COUNT_LEXICAL || x[COUNT_CLASH] === 1 || x[DAY_CLASH] === 1) return false
      const story = stories[index]
      if (gapDays(f.day, story) > STREET_COUNT_DAYS) return false
      if (!f.streets.some((street) => story.streets.has(street) && nameRarity(street) >= RARE_STREET_IDF))
        return false
      return true
    })
  }
  /** Whether one name holds every word (each word given by the names it is in). */
  const oneName = (words: (Set<string> | undefined)[]): boolean => {
    const [first, ...rest] = words
    if (!first) return false
    for (const name of first) if (rest.every((names) => names?.has(name))) return true
    return false
  }
  /**
   * The article's rare name words (see `rareNamesCandidate`) by term id, and the names (lower-cased
   * mention texts) each word is in; null for an article without mentions.
   */
  const rareNamesOf = (doc: Doc, f: GroupingFeatures): RareNames | null => {
    if (doc.mentions === undefined) return null
    // Per word: whether every mention of it is a place's or an organisation's, and the names it is in.
    const placeOrOrg = new Map<string, boolean>()
    const namesOf = new Map<string, Set<string>>()
    for (const mention of doc.mentions) {
      const kind = PLACE_OR_ORG.has(mention.type)
      const name = mention.text.toLowerCase().replace(/^the\s+/, '')
      for (const word of name.split(/\s+/)) {
        placeOrOrg.set(word, (placeOrOrg.get(word) ?? true) && kind)
        const names = namesOf.get(word) ?? new Set<string>()
        namesOf.set(word, names)
        names.add(name)
      }
    }
    const ids: number[] = []
    f.terms.forEach((_, term) => {
      if (!term.startsWith('n:')) return
      const word = term.slice(2)
      if (placeOrOrg.get(word) === true || nameRarity(word) < RARE_NAME_IDF) return
      const id = vocabulary.get(term)
      if (id !== undefined) ids.push(id)
    })
    return { ids, namesOf }
  }
  /** How many of the article's rare name words the story names; 0 when they are the words of one name ("Jane Roe"). */
  const sharedRareNames = (rare: RareNames, story: StoryState): number => {
    const shared = rare.ids.filter((id) => story.names.has(id))
    return oneName(shared.map((id) => rare.namesOf.get(termOf[id].slice(2)))) ? 0 : shared.length
  }
  /**
   * The candidate (best by score) sharing `RARE_NAMES` or more rare name words with the article, with
   * lexical cosine at least `RARE_NAMES_LEXICAL`, a shared place and no day, place, event-type, year or
   * casualty-count clash; -1 when none. A word counts when the article's mentions of it are not all of
   * places or organisations: a first name, a surname, a business or a building ("Jane Roe", "the Quarnby
   * Inn") tells one event from another, while the town's name is the place already shared and its outlets,
   * police and hospitals are named by every report from the town. The words must come from two names or
   * more (a surname and a tavern's name, not "Jane" and "Roe" of one name: one person, a police spokesman
   * perhaps, is named in many events). Words rather than resolved persons: the reports of one event name
   * the victim in full, by surname or by first name, and resolve them apart. Only analysed articles (whose
   * mentions give the types), not round-ups.
   */
  const rareNamesCandidate = (
    rare: RareNames | null,
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    if (f.day === null || rare === null || rare.ids.length < RARE_NAMES || roundUp(f.counts)) return -1
    return bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < RARE_NAMES_LEXICAL || x[PLACE_SHARED] !== 1) return false
      if (x[DAY_CLASH] === 1 || x[PLACE_CLASH] === 1 || x[EVENT_CLASH] === 1) return false
      if (x[YEAR_CLASH] === 1 || x[COUNT_CLASH] === 1) return false
      if (sharedRareNames(rare, stories[index]) < RARE_NAMES) return false
      return true
    })
  }

  /**
   * The candidate (best by score) whose members' ledes give a clock time the article's lede gives or
   * `SHARED_AGES` of its ages, with a day both name, or an address it gives (house or block number and
   * street) within `ADDRESS_DAYS` and no day clash, with lexical cosine at least `LEDE_SPECIFICS_LEXICAL`
   * and no place or casualty-count clash; -1 when none. Reports of one shooting give the time police
   * were called, the victims' ages and the address, and the next report rewords the first; two events
   * of one day and town seldom share the minute or two ages, and two events of a few days one address.
   */
  const ledeSpecificsCandidate = (
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    if (f.clocks.length === 0 && f.ages.length < SHARED_AGES && f.addresses.length === 0) return -1
    return bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < LEDE_SPECIFICS_LEXICAL || x[PLACE_CLASH] === 1 || x[COUNT_CLASH] === 1) return false
      const story = stories[index]
      const address =
        f.day !== null &&
        story.minDay !== null &&
        x[DAY_CLASH] !== 1 &&
        gapDays(f.day, story) <= ADDRESS_DAYS &&
        f.addresses.some((a) => story.addresses.has(a))
      if (!address) {
        if (x[DAY_SHARED] !== 1) return false
        let ages = 0
        for (const age of f.ages) if (story.ages.has(age)) ages++
        if (ages < SHARED_AGES && !f.clocks.some((clock) => story.clocks.has(clock))) return false
      }
      return true
    })
  }

  /**
   * How rare a place is in news: an idf over the articles the index has named it in (by its entity
   * feature, or its name's words when it has no entity), or the reference corpus's articles using its
   * rarest word as a plain word if more, on the scale of `nameRarity`: a region or a place named with
   * common words only ("East Coast", "Twin Lakes") is named in reports from many towns.
   */
  const placeRarity = (place: string, name: string): number => {
    const id = vocabulary.get(`e:${place}`)
    const words = name.toLowerCase().split(/\s+/)
    if (id === undefined) return Math.min(...words.map(nameRarity))
    const w = settings.backgroundWeight
    const plain = Math.min(...words.map((word) => BACKGROUND.df[stem(word)] ?? 0))
    return Math.log(1 + (idfCount + w * BACKGROUND.documents) / Math.max(1, dfOf[id], w * plain))
  }
  /**
   * The candidate (best by score) that names a rare place the article names (rarity at least
   * `RARE_PLACE_IDF`), within `RARE_PLACE_DAYS` of the story, with lexical cosine at least
   * `RARE_PLACE_LEXICAL` and no day, casualty-count, event-type or year clash; -1 when none. A small town
   * sees a shooting a year, a city one a night: two reports of a shooting in a place few reports name,
   * days apart, tell one event, however differently they word it (the first names no one, the next the
   * victim; one the street, the other the bar).
   */
  const smallPlace = (name: string): boolean =>
    !isRegion(name) && partOf(name) === undefined && (populationOf(name) ?? 0) < SMALL_TOWN_POPULATION
  const rarePlaceCandidate = (
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    if (f.day === null || roundUp(f.counts)) return -1
    const rare = f.places.filter((place) => {
      const name = f.placeNames.get(place) ?? place
      return smallPlace(name) && placeRarity(place, name) >= RARE_PLACE_IDF
    })
    if (rare.length === 0) return -1
    return bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < RARE_PLACE_LEXICAL || x[DAY_CLASH] === 1 || x[COUNT_CLASH] === 1) return false
      if (x[EVENT_CLASH] === 1 || x[YEAR_CLASH] === 1 || x[PLACE_SHARED] !== 1) return false
      const story = stories[index]
      if (
        story.roundUp ||
        gapDays(f.day, story) > RARE_PLACE_DAYS ||
        !rare.some((place) => story.places.has(place))
      )
        return false
      return true
    })
  }

  /**
   * The candidate (best by score) whose members' headlines share a rare name word with the article's
   * headline (rarity at least `RARE_NAME_IDF`), within `HEADLINE_NAME_DAYS` of the story, with lexical
   * cosine at least `HEADLINE_NAME_LEXICAL` and no day, casualty-count, event-type or year clash; -1 when
   * none. A headline names what sets its event apart (the town, the mall, the victim: "Toddler shot in
   * Quenby dies"), so two headlines of a few days naming one rare name tell one event, though the
   * tagger read the town in one report as a person's surname or not at all.
   */
  const headlineNameCandidate = (
    doc: Doc,
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    if (f.day === null || roundUp(f.counts)) return -1
    const rare = headlineNamesOf(doc, f).filter((word) => nameRarity(word) >= RARE_NAME_IDF)
    if (rare.length === 0) return -1
    return bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < HEADLINE_NAME_LEXICAL || x[DAY_CLASH] === 1 || x[COUNT_CLASH] === 1) return false
      if (x[EVENT_CLASH] === 1 || x[YEAR_CLASH] === 1) return false
      const story = stories[index]
      if (story.roundUp || gapDays(f.day, story) > HEADLINE_NAME_DAYS) return false
      if (!rare.some((word) => story.headlineNames.has(word))) return false
      return true
    })
  }

  /**
   * An article's headline as term ids of its word stems (the title's words other than function and
   * reporting words, each once, those the index knows); empty without a title. The site's name after a
   * dash or bar ("... - WKRN News 2") is left out: it is the outlet's, not the event's.
   */
  const headlineTermsOf = (doc: Doc): number[] => {
    const title = doc.meta.title
    if (title === undefined) return []
    const ids = new Set<number>()
    const headline = title.split(/\s[-|–—]\s/)[0].toLowerCase()
    for (const word of headline.split(/[^\p{L}\p{N}'’]+/u)) {
      if (word.length < 2 || HEADLINE_STOP.has(word)) continue
      const id = vocabulary.get(stem(word))
      if (id !== undefined) ids.add(id)
    }
    return [...ids]
  }
  /** Cosine of two headlines (term ids, each once) weighted by idf. */
  const headlineCosine = (a: readonly number[], b: readonly number[]): number => {
    let dot = 0
    let na = 0
    let nb = 0
    const inB = new Set(b)
    for (const id of a) {
      const w = idf(id) ** 2
      na += w
      if (inB.has(id)) dot += w
    }
    for (const id of b) nb += idf(id) ** 2
    return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
  }
  /**
   * For an undated analysed article the scorer rejects everywhere: the candidate (best by score) of at
   * least `ESTABLISHED_STORY` members whose centroid it is close to (cosine at least
   * `ESTABLISHED_LEXICAL`), with no year clash, not both a person and a figure clash (the pair
   * `youngStoryClash` reads as another event) and no `agreedPersonClash`; -1 when none. The scorer
   * weighs place, day and figure clashes alike against any story, but against several members they say
   * less: a long report names places, days and figures of its own that the members' majority never
   * named, while a centroid averaged over several reports is matched that closely mostly by a report of
   * what they tell. On ECB+ (undated) a story of three or five members, or a cosine of 0.38, gave the
   * same stories in the eval's order. Called for undated analysed articles only (see the call).
   */
  const establishedStoryCandidate = (
    surnames: [string, number][],
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    return bestScoring(candidates, scorer, (index, x) => {
      const story = stories[index]
      if (story.members.length < ESTABLISHED_STORY || x[LEXICAL] < ESTABLISHED_LEXICAL) return false
      if (x[YEAR_CLASH] === 1 || (x[PERSON_CLASH] === 1 && x[FIGURE_CLASH] === 1)) return false
      return !agreedPersonClash(surnames, story, x)
    })
  }
  /**
   * For an undated analysed article the scorer rejects everywhere: the candidate (best by score) of at
   * least `PROTAGONIST_STORY` members that names most the person the article names most
   * (`personShared`), worded alike (cosine at least `PROTAGONIST_LEXICAL`), scoring within
   * `PROTAGONIST_MARGIN` of the threshold, with no year or figure clash and no `youngStoryClash` or
   * `agreedPersonClash`; -1 when none. Without a date the scorer pays for every place a report names
   * that the story's majority does not (a sports or business report names many cities), so reports of one
   * event about one person fall just short and start stories of their own that never merge back. On
   * ECB+ this joined 2 reports (dev and train, none wrong; a story of two members instead let in one
   * wrong join), held-out unchanged; over 20 shuffled orders mean pairwise precision 0.8666 -> 0.8667.
   */
  const sharedProtagonistCandidate = (
    surnames: [string, number][],
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    return bestScoring(candidates, scorer, (index, x) => {
      const story = stories[index]
      if (x[PERSON_SHARED] !== 1 || x[LEXICAL] < PROTAGONIST_LEXICAL) return false
      if (story.members.length < PROTAGONIST_STORY || x[YEAR_CLASH] === 1 || x[FIGURE_CLASH] === 1)
        return false
      if (score(x, scorer) < settings.threshold - PROTAGONIST_MARGIN) return false
      return !youngStoryClash(x, story) && !agreedPersonClash(surnames, story, x)
    })
  }
  /**
   * The candidate (best by score) with a member whose headline is alike the article's (cosine at least
   * `HEADLINE_COSINE`), within `HEADLINE_NAME_DAYS` of the story, with lexical cosine at least
   * `HEADLINE_LEXICAL` and no day, place, casualty-count, event-type or year clash; -1 when none, and for
   * a bare article. A headline says in a dozen words what happened to whom where ("Two teens
   * charged in Quenby party shooting"), while the text may be a page's furniture or a wire copy's
   * rewording; two outlets' headlines of one event share its rare words, two events' only common ones.
   */
  const headlineCandidate = (
    doc: Doc,
    f: GroupingFeatures,
    candidates: Candidates,
    scorer: CompiledScorer,
  ): number => {
    // A bare article (no mentions) has no places, counts or events to clash: alike headlines alone are
    // too little (GVA bare pairwise precision 0.9657 -> 0.9548).
    if (f.day === null || doc.mentions === undefined || roundUp(f.counts)) return -1
    const headline = headlineTermsOf(doc)
    if (headline.length === 0) return -1
    return bestScoring(candidates, scorer, (index, x) => {
      if (x[LEXICAL] < HEADLINE_LEXICAL || x[DAY_CLASH] === 1 || x[COUNT_CLASH] === 1) return false
      if (x[EVENT_CLASH] === 1 || x[YEAR_CLASH] === 1 || x[PLACE_CLASH] === 1) return false
      const story = stories[index]
      if (story.roundUp || gapDays(f.day, story) > HEADLINE_NAME_DAYS) return false
      // A headline repeated word for word over texts that differ is the site's (a section's name), not
      // the event's: copies of one report that keep the headline keep the text too.
      const alike = (other: number[]): boolean => {
        const cosine = headlineCosine(headline, other)
        return cosine >= HEADLINE_COSINE && (cosine < SAME_HEADLINE || x[LEXICAL] >= SAME_HEADLINE_LEXICAL)
      }
      if (!story.headlines.some(alike)) return false
      return true
    })
  }

  /**
   * A story beyond the window (open, or closed with a follow-up record) that names a small, rare place
   * the article names (see `smallPlace`, `placeRarity`; in at most `LONG_GAP_PLACE_STORIES` stories) and
   * whose first day or event day the article names; -1 when none. A charge or an arrest weeks later names
   * the town and the day of the shooting ("the June 3 shooting in Quarnby") but often not the people the
   * first reports named; a small town sees a shooting a year.
   */
  const placeFollowUp = (f: GroupingFeatures): number => {
    const day = f.day
    if (day === null || f.days.length === 0 || roundUp(f.counts)) return -1
    for (const place of f.places) {
      const list = placeStories.get(place)
      if (list === undefined || list.length > LONG_GAP_PLACE_STORIES) continue
      const name = f.placeNames.get(place) ?? place
      if (!smallPlace(name) || placeRarity(place, name) < RARE_PLACE_IDF) continue
      for (const index of list) {
        const story = stories[index]
        if (story.minDay === null || story.maxDay === null || story.roundUp) continue
        if (!story.open && story.followUpPlaces === null) continue
        if (day - story.maxDay <= settings.windowDays) continue
        const first = story.minDay
        const event = (story.open ? eventDayOf(story) : null) ?? story.eventDay
        const names = (d: number): boolean =>
          Math.abs(d - first) <= LONG_GAP_DAY_SLACK || (event !== null && Math.abs(d - event) <= 1)
        if (f.days.some(names)) return index
      }
    }
    return -1
  }
  /** The words of the longest name the article gives a person (an entity id or a name), lower-cased. */
  const personWords = (doc: Doc, person: string): string[] => {
    let longest = ''
    for (const mention of doc.mentions ?? []) {
      if (mention.entity === person && mention.text.length > longest.length) longest = mention.text
    }
    return (longest || person).toLowerCase().split(/\s+/)
  }
  /** Whether a story (open, or closed with a follow-up record) names a place. */
  const storyNamesPlace = (story: StoryState, place: string): boolean => {
    if (story.places.has(place)) return true
    const id = placeIds.get(place)
    return story.followUpPlaces !== null && id !== undefined && story.followUpPlaces.includes(id)
  }
  /**
   * A story beyond the window that a court report is about (`COURT_EVENTS`), when one of the three persons
   * the report names most (`BACK_REFERENCE_MAIN_PERSONS`) is a person the story is about (see `isAbout`),
   * named in at most `COURT_SUBJECT_STORIES` stories, and the report names a place the story names; -1 when
   * none. A charge, a plea or a sentence months on names the accused and the town but seldom the day of
   * the shooting, which the other follow-up links need unless the report shares several persons. The court
   * words keep out the reports of a new shooting, which name its police spokesman as often; a word of the
   * person's name rare in news (`nameRarity` ≥ `RARE_NAME_IDF`) keeps out a famous or common name that few
   * stories of a short stream happen to name yet (a national figure in a political story).
   */
  const courtFollowUp = (doc: Doc, f: GroupingFeatures): number => {
    const day = f.day
    if (day === null || roundUp(f.counts)) return -1
    if (!f.events.some((type) => COURT_EVENTS.has(type))) return -1
    for (const [person] of f.persons.slice(0, BACK_REFERENCE_MAIN_PERSONS)) {
      const list = personStories.get(person)
      if (list === undefined || list.length > COURT_SUBJECT_STORIES) continue
      if (!personWords(doc, person).some((word) => nameRarity(word) >= RARE_NAME_IDF)) continue
      for (const index of list) {
        const story = stories[index]
        if (story.maxDay === null || story.roundUp || day - story.maxDay <= settings.windowDays) continue
        if (!story.open && story.followUpPlaces === null) continue
        if (!isAbout(story, person) || !f.places.some((place) => storyNamesPlace(story, place))) continue
        return index
      }
    }
    return -1
  }
  /**
   * An open story beyond the window that shares `LONG_GAP_NAMES_WITH_DAY` of the article's rare name words
   * (see `rareNamesOf`, `sharedRareNames`: not all of places or organisations, from two names or more), or
   * one of them and a place, and whose first day or event day the article names; -1 when none. Looked up through the latest postings
   * of those words (`postingScan` each, as the candidate scan reads). A report of the arrest five weeks
   * on names the victim, the bar and the day of the shooting, while the first reports named no suspect,
   * so no rare person of the story's is the article's; the day and three rare names stand in for it. A
   * closed story keeps no name words, so only a story still open (within two windows) is reached.
   */
  const rareNamesFollowUp = (doc: Doc, f: GroupingFeatures): number => {
    const day = f.day
    if (day === null || f.days.length === 0 || roundUp(f.counts)) return -1
    const rare = rareNamesOf(doc, f)
    if (rare === null || rare.ids.length === 0) return -1
    const seen = new Set<number>()
    for (const id of rare.ids) {
      const list = postings.get(id)
      if (list === undefined) continue
      for (let i = list.length - 1; i >= Math.max(0, list.length - settings.postingScan); i--) {
        const index = list[i]
        if (seen.has(index)) continue
        seen.add(index)
        const story = stories[index]
        if (!story.open || story.minDay === null || story.maxDay === null || story.roundUp) continue
        if (day - story.maxDay <= settings.windowDays) continue
        const named =
          sharedRareNames(rare, story) >= LONG_GAP_NAMES_WITH_DAY ||
          (rare.ids.some((id) => story.names.has(id)) && f.places.some((p) => story.places.has(p)))
        if (!named) continue
        const first = story.minDay
        const event = eventDayOf(story)
        const names = (d: number): boolean =>
          Math.abs(d - first) <= LONG_GAP_DAY_SLACK || (event !== null && Math.abs(d - event) <= 1)
        if (f.days.some(names)) return index
      }
    }
    return -1
  }
  /**
   * Beyond the window, a follow-up that names none of its story's days may still link when it shares
   * `least` or more of the story's rare persons, one of them among its own most-named, and the story never
   * took in a round-up (whose persons belong to several events): `LONG_GAP_MANY_PERSONS` persons of any
   * kind, or fewer of those the story is about (see `isAbout` and `LONG_GAP_CORE_PERSONS`).
   */
  const namesPersonsBeyondWindow = (
    day: number,
    story: StoryState,
    shared: number,
    sharesMain: boolean,
    least: number,
  ): boolean =>
    story.maxDay !== null &&
    day - story.maxDay > settings.windowDays &&
    shared >= least &&
    sharesMain &&
    !story.roundUp
  /**
   * Whether a story is about a person: its members name them `CORE_PERSON_MENTIONS` times or more between
   * them (the victim, the accused), or its follow-up record keeps them. A reporter, a spokesman or a
   * judge is named once in passing.
   */
  const isAbout = (story: StoryState, person: string): boolean =>
    (story.persons.get(person) ?? 0) >= CORE_PERSON_MENTIONS ||
    (story.followUpPersons?.includes(person) ?? false)
  /** The persons a closing story is about (see `isAbout`), most named first, for its follow-up record. */
  const corePersonsOf = (story: StoryState, before: string[] | null): string[] | null => {
    const core = [...story.persons]
      .filter(([, n]) => n >= CORE_PERSON_MENTIONS)
      .sort((a, b) => b[1] - a[1])
      .map(([person]) => person)
    for (const person of before ?? []) if (!core.includes(person)) core.push(person)
    return core.length === 0 ? null : core.slice(0, FOLLOW_UP_PERSONS)
  }
  // Each place's listed name, from the first article naming it.
  const placeNameOf = new Map<string, string>(state?.placeNames ?? [])
  // Whether a place of the article names a part of one the story's members name, or the reverse
  // ("South Quarnby" beside "Quarnby", "Quarnby" beside "Quarnby-Dale County"): one place, not a clash.
  const placeInside = (f: GroupingFeatures, story: StoryState, quorum: number): boolean => {
    for (const [place, count] of story.placeCounts) {
      if (count < quorum) continue
      const outer = placeNameOf.get(place)
      if (outer === undefined) continue
      for (const name of f.placeNames.values()) if (placeWithin(name, outer)) return true
    }
    return false
  }
  // Places of closed stories' follow-up records, interned as small integers.
  const placeIds = new Map<string, number>()
  const placeOf: string[] = []
  const placeId = (place: string): number => {
    let id = placeIds.get(place)
    if (id === undefined) {
      id = placeOf.length
      placeIds.set(place, id)
      placeOf.push(place)
    }
    return id
  }
  // Closed stories holding a follow-up record, in order of closing (so roughly of their last day): the
  // records past the horizon are dropped from the front.
  const followUps: number[] = []
  let followUpsHead = 0

  if (state) {
    for (const s of state.stories) {
      const index = stories.length
      stories.push({
        id: s.id,
        // Copies: adds push to them, and the snapshot given may be restored again.
        documents: [...s.documents],
        duplicates: [...s.duplicates],
        independent: s.independent,
        open: s.open,
        ...centroidOf(s.centroid.map(([term, w]): [number, number] => [intern(term), w])),
        norm: 0,
        nameNorm: 0,
        normEpoch: -1,
        minDay: s.minDay,
        maxDay: s.maxDay,
        scoredMaxDay: s.scoredMaxDay === undefined ? s.maxDay : s.scoredMaxDay,
        years: new Map(s.yearCounts ?? s.years.map((y): [number, number] => [y, 1])),
        yearMembers:
          s.yearMembers ??
          (s.yearCounts ? Math.max(0, ...s.yearCounts.map(([, n]) => n)) : Math.min(1, s.years.length)),
        places: new Set(s.places),
        placeCounts: new Map(s.placeCounts ?? s.places.map((p): [string, number] => [p, 1])),
        placeMembers: s.placeMembers ?? Math.min(1, s.places.length),
        events: new Set(s.events),
        days: new Map(s.days ?? []),
        dayMembers: s.dayMembers ?? 0,
        counts: new Set(s.counts ?? []),
        streets: new Set(s.streets ?? []),
        victims: new Set(s.victims ?? []),
        clocks: new Set(s.clocks ?? []),
        ages: new Set(s.ages ?? []),
        addresses: new Set(s.addresses ?? []),
        headlineNames: new Set(s.headlineNames ?? []),
        headlines: (s.headlines ?? []).map((words) => words.map(intern)),
        weekdays: s.weekdays ? [...s.weekdays] : null,
        keyNames: new Map((s.keyNames ?? []).map(([term, n]): [number, number] => [intern(term), n])),
        persons: new Map(s.persons ?? []),
        figures: new Map(s.figures ?? []),
        figureMembers: s.figureMembers ?? 0,
        mainPerson: s.mainPerson ?? mostMentioned(s.persons ?? []),
        firstMain: s.firstMain ?? '',
        firstMainMembers: s.firstMainMembers ?? 0,
        personMembers: s.personMembers ?? 0,
        countRoles: new Set((s.counts ?? []).map(roleOf)),
        names: new Map(s.names.map(([term, n]): [number, number] => [intern(term), n])),
        posted: new Set(),
        members: s.members.map(([id, sig, vector]) => ({
          id,
          signature: state?.signatures === SIGNATURE_SCHEME ? decodeSignature(sig) : NO_SIGNATURE,
          terms: Int32Array.from(vector, ([term]) => intern(term)),
          weights: Float64Array.from(vector, ([, w]) => w),
        })),
        followUpPlaces: s.followUpPlaces ? s.followUpPlaces.map(placeId) : null,
        followUpPersons: s.followUpPersons ? [...s.followUpPersons] : null,
        eventDay: s.eventDay ?? null,
        roundUp: s.roundUp ?? false,
      })
      for (const id of s.documents) storyOfDoc.set(id, index)
      if (!s.open && s.followUpPlaces) followUps.push(index)
      // Older snapshots keep no person map, and closed stories no persons: after restoring one, rarity
      // counts only the stories that were open.
      if (!state.personStories) for (const [person] of s.persons ?? []) notePerson(person, index)
      // Likewise places: a closed story's are those its follow-up record keeps.
      if (!state.placeStories)
        for (const place of [...s.places, ...(s.followUpPlaces ?? [])]) notePlace(place, index)
      setWindow(index)
      if (s.open) {
        open.add(index)
        for (const term of s.posted) post(index, intern(term))
      }
    }
    followUps.sort((a, b) => (stories[a].maxDay ?? 0) - (stories[b].maxDay ?? 0))
  }

  /**
   * The day of a story's event as its reports name it: the calendar day most of its members name (the
   * earliest among equals) within a week before its first report, or null when they name none. The
   * first report may come days after the event (an arrest, a death in hospital).
   */
  const eventDayOf = (story: StoryState): number | null => {
    if (story.minDay === null) return null
    let best: number | null = null
    let most = 0
    for (const [day, n] of story.days) {
      if (day > story.minDay || day < story.minDay - 7) continue
      if (n > most || (n === most && best !== null && day < best)) {
        best = day
        most = n
      }
    }
    return best
  }

  /**
   * At closing, a story that names a rare person (one follow-up links can use) and a place keeps a
   * follow-up record: its most-named places (with those of a record it had before it was reopened).
   * Its first day stays in `minDay`, and its persons stay in `personStories`.
   */
  const keepFollowUp = (index: number): void => {
    const story = stories[index]
    const before = story.followUpPlaces
    const personsBefore = story.followUpPersons
    story.followUpPlaces = null
    story.followUpPersons = null
    if (story.minDay === null) return
    let rare = before !== null
    for (const person of story.persons.keys()) {
      const list = personStories.get(person)
      if (list !== undefined && list.length <= LONG_GAP_PERSON_STORIES) {
        rare = true
        break
      }
    }
    if (!rare) return
    story.eventDay = eventDayOf(story) ?? story.eventDay
    const kept = [...story.placeCounts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, FOLLOW_UP_PLACES)
      .map(([place]) => placeId(place))
    for (const id of before ?? []) {
      if (kept.length < FOLLOW_UP_PLACES && !kept.includes(id)) kept.push(id)
    }
    if (kept.length === 0) return
    story.followUpPlaces = kept
    story.followUpPersons = corePersonsOf(story, personsBefore)
    followUps.push(index)
  }

  // Story index → the story it was merged into (see `mergeStories`): `segments` still names the merged
  // story for its members' sentences.
  const mergedInto = new Map<number, number>(state?.mergedInto ?? [])
  const survivorOf = (index: number): number => {
    let at = index
    for (let next = mergedInto.get(at); next !== undefined; next = mergedInto.get(at)) at = next
    return at
  }
  /**
   * For an undated analysed article joining story `best`: the other candidates (of `top`) that are one
   * report so far and that the article would join as well (scoring `FRAGMENT_MARGIN` above the threshold),
   * with no year or place clash, no `youngStoryClash` or `agreedPersonClash`, and no clash between the two
   * stories themselves (`storiesClash`). Such a report fell just short of the story when it came and
   * started a fragment that would grow beside it; the article that fits both shows them one event.
   * Only a one-report story: a larger one has grown into what it is about (on ECB+ merging stories of two
   * members took in the topic's other event, dev pairwise precision 0.9490 -> 0.8666 when simulated).
   */
  const fragmentsOf = (
    best: number,
    surnames: [string, number][],
    top: Candidates,
    scorer: CompiledScorer,
  ): number[] => {
    const story = stories[best]
    const fragments: number[] = []
    for (const c of top) {
      const other = stories[c.index]
      if (c.index === best || other.members.length !== 1 || other.documents.length !== 1) continue
      const x = c.x
      if (score(x, scorer) < settings.threshold + FRAGMENT_MARGIN) continue
      if (x[YEAR_CLASH] === 1 || x[PLACE_CLASH] === 1) continue
      if (youngStoryClash(x, other) || agreedPersonClash(surnames, other, x)) continue
      if (!storiesClash(story, other)) fragments.push(c.index)
    }
    return fragments
  }
  /**
   * For a dated analysed article joining story `best` with the same day, place and casualty count
   * (`specificsAgree`): the other candidates (of `top`) it agrees with as well, with no `youngStoryClash`,
   * `agreedPersonClash` or clash between the two stories (`storiesClash`). A rewritten report of a shooting
   * often falls short of the first story and starts a second one; the article that agrees with both on
   * day, place and count shows them one event. The newer of the two stories is merged in, so only when it is
   * no larger than the older (a merge costs the size of the story merged in).
   */
  const specificFragmentsOf = (best: number, surnames: [string, number][], top: Candidates): number[] => {
    const story = stories[best]
    const joined = top.find((c) => c.index === best)
    if (joined === undefined || !specificsAgree(joined.x)) return []
    const fragments: number[] = []
    for (const c of top) {
      const other = stories[c.index]
      if (c.index === best || !specificsAgree(c.x)) continue
      // The newer story is merged into the older: it must be no larger.
      const newer = stories[Math.max(best, c.index)]
      if (newer.members.length > stories[Math.min(best, c.index)].members.length) continue
      if (youngStoryClash(c.x, other) || agreedPersonClash(surnames, other, c.x)) continue
      if (!storiesClash(story, other)) fragments.push(c.index)
    }
    return fragments
  }
  /** Adds count map `from` into `into`. */
  const addCounts = <T>(into: Map<T, number>, from: Map<T, number>): void => {
    for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n)
  }
  /** Adds `from`'s values into `into` while it holds fewer than `cap`. */
  const addCapped = <T>(into: Set<T>, from: Iterable<T>, cap: number): void => {
    for (const value of from) if (into.size < cap) into.add(value)
  }
  /** In a person's or a place's story list, `gone` becomes `keep` (once); a full list (a common name) stays. */
  const renameInList = (list: number[] | undefined, gone: number, keep: number, cap: number): void => {
    if (list === undefined || list.length > cap) return
    const at = list.indexOf(gone)
    if (at < 0) return
    if (list.includes(keep)) list.splice(at, 1)
    else list[at] = keep
  }
  /**
   * Merges open story `gone` into open story `keep` (the older, whose id stays): its members, documents,
   * centroid, counts and postings; `gone` is left closed and empty, out of `stories()`. O(size of `gone`).
   */
  const mergeStories = (keep: number, gone: number): void => {
    const a = stories[keep]
    const b = stories[gone]
    for (const id of b.documents) storyOfDoc.set(id, keep)
    a.documents.push(...b.documents)
    a.duplicates.push(...b.duplicates)
    a.independent += b.independent
    a.members.push(...b.members)
    addToCentroid(a, b.centroidIds, b.centroidWeights, settings.centroidTerms)
    a.normEpoch = -1
    if (b.minDay !== null) a.minDay = a.minDay === null ? b.minDay : Math.min(a.minDay, b.minDay)
    if (b.maxDay !== null) a.maxDay = a.maxDay === null ? b.maxDay : Math.max(a.maxDay, b.maxDay)
    if (b.scoredMaxDay !== null)
      a.scoredMaxDay = a.scoredMaxDay === null ? b.scoredMaxDay : Math.max(a.scoredMaxDay, b.scoredMaxDay)
    addCounts(a.years, b.years)
    a.yearMembers += b.yearMembers
    for (const place of b.places) {
      renameInList(placeStories.get(place), gone, keep, LONG_GAP_PLACE_STORIES)
      a.places.add(place)
    }
    addCounts(a.placeCounts, b.placeCounts)
    a.placeMembers += b.placeMembers
    for (const e of b.events) a.events.add(e)
    addCounts(a.days, b.days)
    a.dayMembers += b.dayMembers
    for (const c of b.counts) a.counts.add(c)
    for (const r of b.countRoles) a.countRoles.add(r)
    addCapped(a.streets, b.streets, STORY_STREETS)
    addCapped(a.victims, b.victims, STORY_STREETS)
    addCapped(a.clocks, b.clocks, STORY_STREETS)
    addCapped(a.ages, b.ages, STORY_STREETS)
    addCapped(a.addresses, b.addresses, STORY_STREETS)
    addCapped(a.headlineNames, b.headlineNames, STORY_HEADLINE_NAMES)
    for (const headline of b.headlines) if (a.headlines.length < STORY_HEADLINES) a.headlines.push(headline)
    if (b.weekdays !== null) {
      a.weekdays ??= [0, 0, 0, 0, 0, 0, 0, 0]
      for (let d = 0; d <= ANY_WEEKDAY; d++) a.weekdays[d] += b.weekdays[d]
    }
    addCounts(a.keyNames, b.keyNames)
    for (const person of b.persons.keys())
      renameInList(personStories.get(person), gone, keep, LONG_GAP_PERSON_STORIES)
    addCounts(a.persons, b.persons)
    a.mainPerson = mostMentioned(a.persons)
    for (const [figure, n] of b.figures) {
      const had = a.figures.get(figure)
      if (had !== undefined) a.figures.set(figure, had + n)
      else if (a.figures.size < STORY_FIGURES) a.figures.set(figure, n)
    }
    a.figureMembers += b.figureMembers
    if (a.firstMainMembers === 0) {
      a.firstMain = b.firstMain
      a.firstMainMembers = b.firstMainMembers
    } else if (b.firstMain === a.firstMain) a.firstMainMembers += b.firstMainMembers
    a.personMembers += b.personMembers
    addCounts(a.names, b.names)
    for (const term of b.posted) post(keep, term)
    if (b.roundUp) a.roundUp = true
    setWindow(keep)
    b.documents = []
    b.duplicates = []
    b.independent = 0
    b.open = false
    open.delete(gone)
    setWindow(gone)
    releaseCollections(b)
    mergedInto.set(gone, keep)
  }

  // Closes stories whose date range ended more than two windows before the newest article: they can no
  // longer be candidates (unless an article arrives very late), so their centroid, postings and
  // signatures are freed. This keeps memory and posting lists bounded on an unending stream.
  const evict = (): void => {
    if (latestDay === null) return
    const limit = latestDay - 2 * settings.windowDays
    let closed = 0
    for (const index of open) {
      const story = stories[index]
      if (story.maxDay !== null && story.maxDay < limit) {
        story.open = false
        setWindow(index)
        keepFollowUp(index)
        releaseCollections(story)
        if (story.duplicates.every((d) => d === null)) story.duplicates = []
        open.delete(index)
        closed++
      }
    }
    // Readers skip closed stories anyway, so posting lists are only compacted once closed stories could
    // make up a sizeable share of them: compaction walks every list.
    closedSinceCompaction += closed
    if (closedSinceCompaction < Math.max(1000, open.size)) return
    closedSinceCompaction = 0
    for (const [term, list] of postings) {
      const kept = list.filter((i) => stories[i].open)
      if (kept.length === 0) postings.delete(term)
      else if (kept.length !== list.length) postings.set(term, kept)
    }
    // Follow-up records past the horizon are dropped (a reopened story's entry just leaves the queue: it
    // is queued again when it closes again).
    const horizon = latestDay - FOLLOW_UP_HORIZON_DAYS
    while (followUpsHead < followUps.length) {
      const story = stories[followUps[followUpsHead]]
      if (!story.open && story.followUpPlaces !== null && (story.maxDay ?? 0) >= horizon) break
      if (!story.open) {
        story.followUpPlaces = null
        story.followUpPersons = null
      }
      followUpsHead++
    }
    if (followUpsHead > 1024 && followUpsHead * 2 > followUps.length) {
      followUps.splice(0, followUpsHead)
      followUpsHead = 0
    }
    // A rare person's list only serves follow-up links to open stories and closed ones that keep a
    // record: a person whose stories are all past that is forgotten, so the map stays bounded on an
    // unending stream. A full list marks a common name and stays as it is.
    for (const [person, list] of personStories) {
      if (list.length > LONG_GAP_PERSON_STORIES) continue
      if (list.every((i) => !stories[i].open && stories[i].followUpPlaces === null))
        personStories.delete(person)
    }
    // The same for places.
    for (const [place, list] of placeStories) {
      if (list.length > LONG_GAP_PLACE_STORIES) continue
      if (list.every((i) => !stories[i].open && stories[i].followUpPlaces === null))
        placeStories.delete(place)
    }
  }

  /**
   * Reopens a closed story for a follow-up: it becomes a candidate again, with fresh collections that
   * only its members from now on fill (its follow-up record stays, for when it closes again).
   */
  const reopen = (index: number): void => {
    const story = stories[index]
    story.open = true
    story.posted = new Set()
    story.names = new Map()
    story.years = new Map()
    story.yearMembers = 0
    story.places = new Set()
    story.placeCounts = new Map()
    story.placeMembers = 0
    story.events = new Set()
    story.days = new Map()
    story.dayMembers = 0
    story.counts = new Set()
    story.streets = new Set()
    story.victims = new Set()
    story.clocks = new Set()
    story.ages = new Set()
    story.addresses = new Set()
    story.headlineNames = new Set()
    story.headlines = []
    story.weekdays = null
    story.keyNames = new Map()
    story.persons = new Map()
    story.figures = new Map()
    story.figureMembers = 0
    story.mainPerson = ''
    story.firstMain = ''
    story.firstMainMembers = 0
    story.personMembers = 0
    story.countRoles = new Set()
    story.normEpoch = -1
    if (story.duplicates.length < story.documents.length) story.duplicates = story.documents.map(() => null)
    open.add(index)
    setWindow(index)
  }

  const gapDays = (day: number | null, story: StoryState): number => {
    if (day === null || story.minDay === null || story.maxDay === null) return 0
    if (day < story.minDay) return story.minDay - day
    if (day > story.maxDay) return day - story.maxDay
    return 0
  }

  /**
   * Like `gapDays`, to the latest day of a member the scorer took in (or that began the story) rather
   * than of any member: a follow-up a rule linked days or weeks on (an arrest, a death in hospital) does
   * not make the story's event recent, and measured to it, a new event of that day in the same place
   * would look like the story's next report.
   */
  const scorerGapDays = (day: number | null, story: StoryState): number => {
    const last = story.scoredMaxDay ?? story.maxDay
    if (day === null || story.minDay === null || last === null) return 0
    if (day < story.minDay) return story.minDay - day
    if (day > last) return day - last
    return 0
  }

  /**
   * Whether a dated article is at most a day after the story's last scored day (see `scoredMaxDay`):
   * one news cycle, so it counts for the scorer's gap however it joined (a report the next morning
   * is the story's, not a follow-up).
   */
  const nextDay = (day: number, story: StoryState): boolean =>
    story.scoredMaxDay !== null && day - story.scoredMaxDay <= 1

  // The centroid's norm under current idf, cached per story until it changes or idf is refreshed.
  const centroidNorm = (story: StoryState): number => {
    if (story.normEpoch !== idfEpoch) {
      let norm = 0
      let names = 0
      const ids = story.centroidIds
      const weights = story.centroidWeights
      for (let i = 0; i < ids.length; i++) {
        const term = ids[i]
        const w = weights[i] * idf(term)
        norm += w * w
        if (nameFlag[term] === 1) names += w * w
      }
      story.norm = Math.sqrt(norm)
      story.nameNorm = Math.sqrt(names)
      story.normEpoch = idfEpoch
    }
    return story.norm
  }

  /**
   * Text similarity of the article being added (`queryIds`, `queryWeights`) with the story (linkage),
   * before penalties.
   */
  const linkage = (nameNorm: number, story: StoryState): number => {
    let dot = 0
    let nameDot = 0
    const ids = story.centroidIds
    const weights = story.centroidWeights
    // A merge of two id-sorted lists: the terms both hold, in id order.
    let i = 0
    let j = 0
    while (i < ids.length && j < queryIds.length) {
      const a = ids[i]
      const b = queryIds[j]
      if (a < b) i++
      else if (a > b) j++
      else {
        const v = queryWeights[j] * weights[i]
        dot += v
        if (queryNames[j] === 1) nameDot += v
        i++
        j++
      }
    }
    const norm = centroidNorm(story)
    nameLinkage = nameNorm === 0 || story.nameNorm === 0 ? 0 : nameDot / (nameNorm * story.nameNorm)
    if (settings.linkage === 'average') return dot / Math.max(1, story.members.length)
    return norm === 0 ? 0 : dot / norm
  }
  // The name-only cosine of the last `linkage` call (a second result without allocating).
  let nameLinkage = 0

  /** Cosine with the closest of the story's most recent members. */
  const nearest = (story: StoryState): number => {
    let best = 0
    const members = story.members
    for (let i = members.length - 1; i >= Math.max(0, members.length - settings.memberScan); i--) {
      const { terms, weights } = members[i]
      let d = 0
      for (let k = 0; k < terms.length; k++) d += queryVector[terms[k]] * weights[k]
      if (d > best) best = d
    }
    return best
  }

  /** Pair features ({@link PAIR_FEATURES}) of the article and a story; `nearest` is filled in later. */
  const pairFeatures = (
    f: GroupingFeatures,
    keys: [number, number][],
    names: Set<number>,
    lexical: number,
    story: StoryState,
  ): Float64Array => {
    const x = new Float64Array(PAIR_FEATURES.length)
    x[LEXICAL] = lexical
    x[NEAREST] = lexical
    x[NAMES] = nameLinkage
    const gap = scorerGapDays(f.day, story)
    x[GAP] = Math.min(1, gap / Math.max(1, settings.timeScale))
    x[GAP_LONG] = Math.min(1, Math.log1p(gap) / Math.log1p(LONG_GAP_DAYS))
    // Against the years most of the story's members name: a story's members between them mention many
    // years (background, earlier events), so any year at all would almost always be shared.
    if (f.years.length > 0 && story.yearMembers > 0) {
      const quorum = story.yearMembers / 2
      if (!f.years.some((y) => (story.years.get(y) ?? 0) >= quorum)) x[YEAR_CLASH] = 1
    }
    // Places and days, like years, against what at least half the members naming any name: a story that
    // drew in a report of another event must not thereby accept every place and day of that event.
    if (f.places.length > 0 && story.placeMembers > 0) {
      const quorum = story.placeMembers / 2
      if (f.places.some((p) => (story.placeCounts.get(p) ?? 0) >= quorum) || placeInside(f, story, quorum))
        x[PLACE_SHARED] = 1
      else x[PLACE_CLASH] = 1
    }
    if (keys.length > 0) {
      let missing = 0
      let weight = 0
      for (const [term, w] of keys) {
        weight += w
        if (!story.names.has(term)) missing += w
      }
      x[NAME_MISSING] = missing / weight
    }
    // The story's own key names: those most of its members make key names.
    const quorum = Math.max(1, story.members.length / 2)
    let storyKeys = 0
    let storyMissing = 0
    for (const [term, n] of story.keyNames) {
      if (n < quorum) continue
      storyKeys++
      if (!names.has(term)) storyMissing++
    }
    if (storyKeys > 0) x[STORY_NAMES_MISSING] = storyMissing / storyKeys
    if (f.events.length > 0 && story.events.size > 0 && disjoint(f.events, story.events)) x[EVENT_CLASH] = 1
    if (f.persons.length > 0 && story.persons.size > 0) {
      // The person each side names most: the same one, or neither names the other's at all.
      const own = f.persons[0][0]
      const main = story.mainPerson
      if (own === main) x[PERSON_SHARED] = 1
      else if (!story.persons.has(own) && !f.persons.some(([p]) => p === main)) x[PERSON_CLASH] = 1
    }
    if (f.days.length > 0 && story.dayMembers > 0) {
      const quorum = story.dayMembers / 2
      const named = (d: number): boolean => (story.days.get(d) ?? 0) >= quorum
      const near = f.days.some((d) => named(d) || named(d - 1) || named(d + 1))
      if (near) x[DAY_SHARED] = 1
      else x[DAY_CLASH] = 1
    }
    // Undated, an article's `days` are empty (relative dates stay unresolved): the weekday it names stands in.
    const weekdays = story.weekdays
    if (f.day === null && f.weekday >= 0 && weekdays !== null) {
      if (weekdays[f.weekday] * 2 >= weekdays[ANY_WEEKDAY]) x[WEEKDAY_SHARED] = 1
      else x[WEEKDAY_CLASH] = 1
    }
    if (f.counts.length > 0 && story.counts.size > 0) {
      let sharedRole = false
      let shared = false
      for (const c of f.counts) {
        if (story.counts.has(c)) shared = true
        if (story.countRoles.has(roleOf(c))) sharedRole = true
      }
      if (shared) x[COUNT_SHARED] = 1
      else if (sharedRole) x[COUNT_CLASH] = 1
    }
    // A first report often names no one and the next names the victim: in one place, with no day, event
    // or year against it, a story that names nobody yet may take in the first to name someone.
    const clash = x[DAY_CLASH] === 1 || x[EVENT_CLASH] === 1 || x[YEAR_CLASH] === 1
    if (f.persons.length > 0 && story.persons.size === 0 && x[PLACE_SHARED] === 1 && !clash)
      x[PERSONS_NEW] = 1
    if (f.day === null) figureFeatures(f, story, x)
    return x
  }

  /**
   * Sets `gapRarePerson` (see {@link PAIR_FEATURES}). Not for a round-up, nor for a story that took one in:
   * their persons are several events' (a police spokesman quoted on each). Only beside a shared casualty
   * count: early in a stream a politician too is named in few stories, and the follow-ups of a shooting
   * repeat its toll.
   */
  const excuseGap = (
    f: GroupingFeatures,
    story: StoryState,
    roundUpReport: boolean,
    x: Float64Array,
  ): void => {
    if (roundUpReport || story.roundUp || x[GAP_LONG] === 0 || x[DAY_CLASH] === 1) return
    if (x[COUNT_SHARED] === 0) return
    const rare = f.persons.some(
      ([person]) =>
        story.persons.has(person) && (personStories.get(person)?.length ?? 0) <= GAP_PERSON_STORIES,
    )
    if (rare) x[GAP_RARE_PERSON] = x[GAP_LONG]
  }

  const compile = (scorer: GroupingScorer): CompiledScorer => ({
    bias: scorer.bias,
    weights: Float64Array.from(PAIR_FEATURES, (name) => scorer.weights[name] ?? 0),
  })
  const analysedScorer = compile(settings.scorer)
  const bareScorer = compile(settings.bareScorer)
  /** The candidate best by score among those `accepts` lets through; -1 when none. */
  const bestScoring = (
    candidates: Candidates,
    scorer: CompiledScorer,
    accepts: (index: number, x: Float64Array) => boolean,
  ): number => {
    let best = -1
    let bestScore = Number.NEGATIVE_INFINITY
    for (const { index, x } of candidates) {
      if (!accepts(index, x)) continue
      const s = score(x, scorer)
      if (s > bestScore) {
        best = index
        bestScore = s
      }
    }
    return best
  }
  const score = (x: Float64Array, { bias, weights }: CompiledScorer): number => {
    let total = bias
    for (let i = 0; i < x.length; i++) total += weights[i] * x[i]
    return total
  }

  const preparedKey = featureKey(featureOptions)
  /**
   * The prepared features, when they are what featurising here would give: same options, and the
   * sentences it left out as furniture are exactly those this index now knows as furniture.
   */
  const usable = (prepared: PreparedArticle | undefined): prepared is PreparedArticle =>
    prepared !== undefined &&
    prepared.options === preparedKey &&
    prepared.features.segments.every((hash) => isBoilerplate(hash) === prepared.furniture.includes(hash))

  const add = (doc: Doc, prepared?: PreparedArticle): AddResult => {
    const known = storyOfDoc.get(doc.id)
    if (known !== undefined) {
      const story = stories[known]
      // A closed story with no copies keeps no per-document duplicate list.
      const duplicate = story.duplicates[story.documents.indexOf(doc.id)] ?? null
      return { story: story.id, isNew: false, ...(duplicate ? { duplicateOf: duplicate } : {}) }
    }
    const ready = usable(prepared)
    const f = ready ? prepared.features : featurise(doc, featureOptions, isBoilerplate)
    const surnames = f.day === null ? surnameCounts(doc) : []
    const size = f.terms.size
    const terms = new Int32Array(size)
    // Sublinear tf, then (below) idf-free `shape` and tf·idf `values`, both over the tf·idf norm.
    const shape = new Float64Array(size)
    let t = 0
    // forEach, not for-of over entries: no [key, value] array per term.
    f.terms.forEach((tf, term) => {
      terms[t] = intern(term)
      shape[t++] = 1 + Math.log(tf)
    })
    if (!primed.delete(doc.id)) {
      count++
      for (let i = 0; i < size; i++) dfOf[terms[i]]++
    }
    refreshIdf()

    // `shape` (idf-free, unit length) goes into the centroid so that later idf updates still apply to it;
    // `vector` (tf·idf, unit length) is this article's query, also spread over `queryVector`, and times idf
    // once more in `queryWeights`, since the centroid holds idf-free weights.
    const values = new Float64Array(size)
    const idfs = new Float64Array(size)
    let vectorNorm = 0
    for (let i = 0; i < size; i++) {
      const w = idf(terms[i])
      const v = shape[i] * w
      idfs[i] = w
      vectorNorm += v * v
    }
    vectorNorm = Math.sqrt(vectorNorm) || 1
    // The centroid holds each member's tf scaled by its tf·idf norm at the time it joined: with today's idf
    // applied at comparison time, the sum over members is the sum of their unit tf·idf vectors, as average
    // linkage needs, while idf may still move.
    for (let i = 0; i < size; i++) {
      shape[i] /= vectorNorm
      const v = shape[i] * idfs[i]
      values[i] = v
      queryVector[terms[i]] = v
    }
    const byId = idOrder(terms)
    queryIds = new Int32Array(size)
    queryWeights = new Float64Array(size)
    queryNames = new Uint8Array(size)
    for (let k = 0; k < size; k++) {
      const i = byId[k]
      queryIds[k] = terms[i]
      queryWeights[k] = idfs[i] * values[i]
      queryNames[k] = nameFlag[terms[i]]
    }
    // Terms by weight, heaviest first (ties in the article's order); pairs are made only for the few
    // terms kept, since this runs for every article.
    const order = new Int32Array(size)
    for (let i = 0; i < size; i++) order[i] = i
    order.sort(heaviestFirst(values))
    const pairsOf = (from: Int32Array): [number, number][] => Array.from(from, (i) => [terms[i], values[i]])
    const query = pairsOf(order.subarray(0, settings.queryTerms))
    const keys: [number, number][] = []
    for (let k = 0; k < size && keys.length < settings.keyNames; k++) {
      const i = order[k]
      if (nameFlag[terms[i]] === 1) keys.push([terms[i], values[i]])
    }

    // Candidate stories: open ones within the window sharing salient terms, weighted by the terms' weight
    // in this article. Accumulators are reused typed arrays: this loop runs for every article.
    reserve(stories.length)
    const touched: number[] = []
    const day = f.day
    for (const [term, weight] of query) {
      const list = postings.get(term)
      if (!list) continue
      const stop = Math.max(0, list.length - settings.postingScan)
      for (let i = list.length - 1; i >= stop; i--) {
        const index = list[i]
        const at = 3 * index
        if (scan[at + OVERLAP] === 0) {
          touched.push(index)
          if (!inWindowOf(index, day)) {
            scan[at + OVERLAP] = -1
            continue
          }
        }
        if (scan[at + OVERLAP] >= 0) scan[at + OVERLAP] += weight
      }
    }
    // The best `candidates` by overlap (ties: the older story), by insertion into a short sorted list.
    const overlapOf = (index: number): number => scan[3 * index + OVERLAP]
    const candidates: number[] = []
    const limit = settings.candidates
    for (const index of limit > 0 ? touched : []) {
      const o = overlapOf(index)
      if (o <= 0) continue
      if (candidates.length === limit) {
        const last = candidates[limit - 1]
        if (o < overlapOf(last) || (o === overlapOf(last) && index > last)) continue
        candidates.pop()
      }
      let at = candidates.length
      while (at > 0) {
        const before = candidates[at - 1]
        if (overlapOf(before) > o || (overlapOf(before) === o && before < index)) break
        at--
      }
      candidates.splice(at, 0, index)
    }
    for (const index of touched) scan[3 * index + OVERLAP] = 0
    addPersonCandidates(f, candidates)
    // The article's name features and their norm, for the name-only cosine.
    const names = new Set<number>()
    let nameNorm = 0
    for (let i = 0; i < size; i++) {
      const term = terms[i]
      const v = values[i]
      if (nameFlag[term] !== 1) continue
      names.add(term)
      nameNorm += v * v
    }
    nameNorm = Math.sqrt(nameNorm)
    const scorer = doc.mentions === undefined ? bareScorer : analysedScorer
    const roundUpReport = roundUpHeadline(doc)
    // Every candidate gets the cheap score (nearest-member similarity taken as the centroid's); the few
    // best also get the real nearest-member similarity, which costs a pass over their recent members.
    const scored = candidates
      .map((index) => {
        const story = stories[index]
        const x = pairFeatures(f, keys, names, linkage(nameNorm, story), story)
        excuseGap(f, story, roundUpReport, x)
        return { index, x, cheap: score(x, scorer) }
      })
      .sort((a, b) => b.cheap - a.cheap || a.index - b.index)
    const full = settings.decide ? scored.length : NEAREST_CANDIDATES
    // The candidates scored in full, which every join rule below reads.
    const top = scored.slice(0, full)
    for (const c of top) c.x[NEAREST] = nearest(stories[c.index])
    for (let i = 0; i < size; i++) {
      queryVector[terms[i]] = 0
    }
    let best = -1
    // The story the scorer chose (see `scoredMaxDay`); with `decide`, whatever it chose.
    let scorerChoice = -1
    if (settings.decide) {
      const chosen = settings.decide(
        doc,
        scored.map((c) => ({ story: stories[c.index].id, features: [...c.x] })),
      )
      best = chosen === null ? -1 : (scored.find((c) => stories[c.index].id === chosen)?.index ?? -1)
      scorerChoice = best
    } else {
      let bestScore = settings.threshold
      for (const c of top) {
        const s = score(c.x, scorer)
        const story = stories[c.index]
        if (s >= bestScore && !youngStoryClash(c.x, story) && !agreedPersonClash(surnames, story, c.x)) {
          best = c.index
          bestScore = s
        }
      }
      scorerChoice = best
      // A reworded report of the same day, place and casualty count: the linear scorer cannot weigh the
      // three specifics together, so it rejects such reports when their wording differs. Agreeing on all
      // three, with some shared wording, they are one event.
      if (best < 0 && !roundUpReport) {
        let specific = Number.NEGATIVE_INFINITY
        for (const c of top) {
          const x = c.x
          if (!(x[DAY_SHARED] === 1 && x[PLACE_SHARED] === 1 && x[COUNT_SHARED] === 1)) continue
          if (x[LEXICAL] < SPECIFIC_LEXICAL || x[PERSON_CLASH] === 1 || x[EVENT_CLASH] === 1) continue
          const s = score(x, scorer)
          if (s > specific) {
            best = c.index
            specific = s
          }
        }
      }
      // The same for a report of the same day on the same street: police and reporters place a shooting
      // by its street or block, which two events of one day seldom share, while the wording, the counts
      // and even the city named may differ between the first report and the next.
      // A victim described alike ("a 25-year-old man") is as specific. So is a rare person the report is
      // about (not one it quotes, like a police spokesman) with the same casualty count, unless the
      // report is a round-up giving several counts of one kind.
      if (best < 0 && !roundUpReport) {
        let specific = Number.NEGATIVE_INFINITY
        const roundUpArticle = roundUp(f.counts)
        for (const c of top) {
          const x = c.x
          if (x[DAY_SHARED] !== 1 || x[LEXICAL] < SUBJECT_LEXICAL) continue
          const story = stories[c.index]
          const streetOrVictim =
            x[LEXICAL] >= STREET_LEXICAL &&
            (f.streets.some((street) => story.streets.has(street)) ||
              f.victims.some((victim) => story.victims.has(victim)))
          const subject =
            !streetOrVictim &&
            x[COUNT_SHARED] === 1 &&
            !roundUpArticle &&
            f.subjects.some(
              (person) =>
                story.persons.has(person) && (personStories.get(person)?.length ?? 0) <= SUBJECT_STORIES,
            )
          if (!streetOrVictim && !subject) continue
          const s = score(x, scorer)
          if (s > specific) {
            best = c.index
            specific = s
          }
        }
      }
      if (best < 0 && !roundUpReport) best = personPairCandidate(f, top, scorer)
      if (best < 0 && !roundUpReport) best = mainPersonPairCandidate(f, top, scorer)
      if (best < 0 && !roundUpReport) best = rareStreetCandidate(f, top, scorer)
      if (best < 0 && !roundUpReport) best = rareNamesCandidate(rareNamesOf(doc, f), f, top, scorer)
      if (best < 0 && !roundUpReport) best = ledeSpecificsCandidate(f, top, scorer)
      if (best < 0 && !roundUpReport) best = rarePlaceCandidate(f, top, scorer)
      if (best < 0 && !roundUpReport) best = headlineNameCandidate(doc, f, top, scorer)
      if (best < 0 && !roundUpReport) best = headlineCandidate(doc, f, top, scorer)
      // Undated analysed reports only: dated ones have their days and gap, and a bare one (no mentions)
      // no clash tests, so both stay with the scorer.
      const undatedAnalysed = f.day === null && doc.mentions !== undefined
      if (best < 0 && !roundUpReport && undatedAnalysed)
        best = establishedStoryCandidate(surnames, top, scorer)
      if (best < 0 && !roundUpReport && undatedAnalysed)
        best = sharedProtagonistCandidate(surnames, top, scorer)
    }

    // A one-report story the article shows to be the joined story's event is merged into it (the older
    // story stays); undated analysed reports only, as the other undated rules.
    const merged: string[] = []
    if (best >= 0 && !settings.decide && f.day === null && doc.mentions !== undefined) {
      for (const fragment of fragmentsOf(best, surnames, top, scorer)) {
        const keep = Math.min(best, fragment)
        const gone = Math.max(best, fragment)
        merged.push(stories[gone].id)
        mergeStories(keep, gone)
        best = keep
      }
    }
    // The same for a dated article agreeing with two stories on day, place and count.
    if (best >= 0 && !settings.decide && !roundUpReport && f.day !== null && doc.mentions !== undefined) {
      for (const fragment of specificFragmentsOf(best, surnames, top)) {
        const keep = Math.min(best, fragment)
        const gone = Math.max(best, fragment)
        merged.push(stories[gone].id)
        mergeStories(keep, gone)
        best = keep
      }
    }
    const signature = ready ? prepared.signature : minhash(f.words)
    // Follow-ups beyond the window (an arrest or a trial weeks later) share little wording with the story
    // but name its people and place and refer back to the day it began: with no candidate joined, an
    // article may link to a story beyond the window (or within it, see `BACK_REFERENCE_PERSONS`) that shares
    // a rare person (named in at most `LONG_GAP_PERSON_STORIES` stories), a place, and whose first day
    // (within a day or two) or event day (within a day, see `eventDayOf`) the article names, or else many
    // of whose rare persons (`LONG_GAP_MANY_PERSONS`) or rare name words (`LONG_GAP_RARE_NAMES`) it names
    // (more such words, `LONG_GAP_PLACELESS_NAMES`, stand in for the place). So an article naming no day
    // or no place is not passed over: a plea or a trial report often names neither, only the people.
    // The story may be open, or closed with a follow-up record (then it reopens; a closed story keeps no
    // name words). The most such shared persons wins. A round-up's headline ("shootings", "murders") also
    // names one event with several victims, so a round-up may link through the persons a story is about
    // alone (see `isAbout`), never through a day or a single person its report of several events names.
    if (best < 0 && !settings.decide && f.day !== null) {
      // The article's rare name words, read at the first story that needs them.
      let rare: RareNames | null | undefined
      let most = 0
      // Per story: shared rare persons, and whether one is among the article's most-named.
      const tally = new Map<number, number>()
      const sharesMain = new Set<number>()
      // Per story: shared rare persons it is about.
      const core = new Map<number, number>()
      const persons = personsTypedOtherwise(doc, f)
      persons.forEach(([person], rank) => {
        const list = personStories.get(person)
        if (!list || list.length > LONG_GAP_PERSON_STORIES) return
        const own = persons === f.persons || f.persons.some(([p]) => p === person)
        for (const index of list) {
          // One the tagger typed otherwise here counts only beyond the window (within it, AllSides dev
          // lost F1: 0.8463 -> 0.8454).
          if (!own && inWindowOf(index, f.day)) continue
          tally.set(index, (tally.get(index) ?? 0) + 1)
          if (isAbout(stories[index], person)) core.set(index, (core.get(index) ?? 0) + 1)
          if (rank < BACK_REFERENCE_MAIN_PERSONS) sharesMain.add(index)
        }
      })
      for (const [index, n] of tally) {
        const story = stories[index]
        if (story.minDay === null || story.maxDay === null) continue
        const record = story.followUpPlaces
        if (!story.open && record === null) continue
        // Within the window the scorer has had its say: overruling it takes more shared persons, one of
        // them the article's own.
        if (
          f.day - story.maxDay <= settings.windowDays &&
          (n < BACK_REFERENCE_PERSONS || !sharesMain.has(index))
        )
          continue
        const first = story.minDay
        const event = (story.open ? eventDayOf(story) : null) ?? story.eventDay
        const names = (d: number): boolean =>
          Math.abs(d - first) <= LONG_GAP_DAY_SLACK || (event !== null && Math.abs(d - event) <= 1)
        const main = sharesMain.has(index)
        const coreShared = core.get(index) ?? 0
        if (roundUpReport && !namesPersonsBeyondWindow(f.day, story, coreShared, main, LONG_GAP_CORE_PERSONS))
          continue
        const many =
          namesPersonsBeyondWindow(f.day, story, n, main, LONG_GAP_MANY_PERSONS) ||
          namesPersonsBeyondWindow(f.day, story, coreShared, main, LONG_GAP_CORE_PERSONS)
        if (!f.days.some(names) && !many) {
          if (story.roundUp) continue
          rare ??= rareNamesOf(doc, f)
          if (rare === null || sharedRareNames(rare, story) < LONG_GAP_RARE_NAMES) continue
        }
        const placeShared = (p: string): boolean => {
          if (story.places.has(p)) return true
          const id = placeIds.get(p)
          return record !== null && id !== undefined && record.includes(id)
        }
        const coreForPlace = namesPersonsBeyondWindow(
          f.day,
          story,
          coreShared,
          main,
          LONG_GAP_PLACELESS_CORE_PERSONS,
        )
        if (!f.places.some(placeShared) && !coreForPlace) {
          if (story.roundUp) continue
          rare ??= rareNamesOf(doc, f)
          if (rare === null || sharedRareNames(rare, story) < LONG_GAP_PLACELESS_NAMES) continue
        }
        if (n > most || (n === most && index < best)) {
          most = n
          best = index
        }
      }
    }
    if (best < 0 && !settings.decide && !roundUpReport) best = placeFollowUp(f)
    if (best < 0 && !settings.decide && !roundUpReport) best = rareNamesFollowUp(doc, f)
    if (best < 0 && !settings.decide && !roundUpReport) best = courtFollowUp(doc, f)
    let isNew = false
    if (best < 0) {
      isNew = true
      best = stories.length
      stories.push({
        id: `story-${doc.id}`,
        documents: [],
        duplicates: [],
        independent: 0,
        open: true,
        centroidIds: EMPTY_IDS,
        centroidWeights: EMPTY_WEIGHTS,
        norm: 0,
        nameNorm: 0,
        normEpoch: -1,
        minDay: null,
        maxDay: null,
        scoredMaxDay: null,
        years: new Map(),
        yearMembers: 0,
        places: new Set(),
        placeCounts: new Map(),
        placeMembers: 0,
        events: new Set(),
        days: new Map(),
        dayMembers: 0,
        counts: new Set(),
        streets: new Set(),
        victims: new Set(),
        clocks: new Set(),
        ages: new Set(),
        addresses: new Set(),
        headlineNames: new Set(),
        headlines: [],
        weekdays: null,
        keyNames: new Map(),
        persons: new Map(),
        figures: new Map(),
        figureMembers: 0,
        mainPerson: '',
        firstMain: '',
        firstMainMembers: 0,
        personMembers: 0,
        countRoles: new Set(),
        names: new Map(),
        posted: new Set(),
        members: [],
        followUpPlaces: null,
        followUpPersons: null,
        eventDay: null,
        roundUp: false,
      })
      open.add(best)
      setWindow(best)
    } else if (!stories[best].open) reopen(best)
    const story = stories[best]
    const duplicate = isNew
      ? undefined
      : findDuplicate(signature, story.members.slice(-settings.duplicateScan), {
          threshold: settings.duplicateThreshold,
        })
    story.documents.push(doc.id)
    story.duplicates.push(duplicate?.id ?? null)
    if (!duplicate) story.independent++
    const strongest = order.subarray(0, settings.memberTerms)
    story.members.push({
      id: doc.id,
      signature,
      terms: pick(terms, strongest, new Int32Array(strongest.length)),
      weights: pick(values, strongest, new Float64Array(strongest.length)),
    })
    storyOfDoc.set(doc.id, best)
    if (roundUpReport) story.roundUp = true
    addToCentroid(story, terms, shape, settings.centroidTerms, byId)
    story.normEpoch = -1
    if (f.day !== null) {
      const beyondWindow = story.maxDay !== null && f.day - story.maxDay > settings.windowDays
      story.minDay = story.minDay === null ? f.day : Math.min(story.minDay, f.day)
      story.maxDay = story.maxDay === null ? f.day : Math.max(story.maxDay, f.day)
      setWindow(best)
      latestDay = latestDay === null ? f.day : Math.max(latestDay, f.day)
      // A bare report (no mentions) gives the rules no specifics to weigh: its day counts however it joined
      // (measured without it, GVA raw F1 fell 0.0005).
      const bare = doc.mentions === undefined
      if (isNew || best === scorerChoice || bare || beyondWindow || nextDay(f.day, story))
        story.scoredMaxDay = story.scoredMaxDay === null ? f.day : Math.max(story.scoredMaxDay, f.day)
    }
    for (const y of f.years) story.years.set(y, (story.years.get(y) ?? 0) + 1)
    if (f.years.length > 0) story.yearMembers++
    for (const p of f.places) {
      const name = f.placeNames.get(p)
      if (name !== undefined && !placeNameOf.has(p)) placeNameOf.set(p, name)
      if (!story.places.has(p)) notePlace(p, best)
      story.places.add(p)
      story.placeCounts.set(p, (story.placeCounts.get(p) ?? 0) + 1)
    }
    if (f.places.length > 0) story.placeMembers++
    if (f.days.length > 0) story.dayMembers++
    for (const e of f.events) story.events.add(e)
    for (const d of f.days) story.days.set(d, (story.days.get(d) ?? 0) + 1)
    for (const c of f.counts) story.counts.add(c)
    for (const street of f.streets) if (story.streets.size < STORY_STREETS) story.streets.add(street)
    for (const victim of f.victims) if (story.victims.size < STORY_STREETS) story.victims.add(victim)
    for (const clock of f.clocks) if (story.clocks.size < STORY_STREETS) story.clocks.add(clock)
    for (const age of f.ages) if (story.ages.size < STORY_STREETS) story.ages.add(age)
    for (const address of f.addresses) if (story.addresses.size < STORY_STREETS) story.addresses.add(address)
    if (story.headlines.length < STORY_HEADLINES) {
      const headline = headlineTermsOf(doc)
      if (headline.length > 0) story.headlines.push(headline)
    }
    for (const word of headlineNamesOf(doc, f))
      if (story.headlineNames.size < STORY_HEADLINE_NAMES) story.headlineNames.add(word)
    if (f.weekday >= 0) {
      story.weekdays ??= [0, 0, 0, 0, 0, 0, 0, 0]
      story.weekdays[f.weekday]++
      story.weekdays[ANY_WEEKDAY]++
    }
    for (const [term] of keys) story.keyNames.set(term, (story.keyNames.get(term) ?? 0) + 1)
    for (const [person, n] of f.persons) {
      if (!story.persons.has(person)) notePerson(person, best)
      story.persons.set(person, (story.persons.get(person) ?? 0) + n)
    }
    if (f.persons.length > 0) story.mainPerson = mostMentioned(story.persons)
    noteMainPerson(story, surnames)
    for (const v of f.figures) {
      const n = story.figures.get(v)
      if (n !== undefined) story.figures.set(v, n + 1)
      else if (story.figures.size < STORY_FIGURES) story.figures.set(v, 1)
    }
    if (f.figures.length > 0) story.figureMembers++
    for (const c of f.counts) story.countRoles.add(roleOf(c))
    for (let i = 0; i < size; i++) {
      const term = terms[i]
      if (nameFlag[term] === 1) story.names.set(term, (story.names.get(term) ?? 0) + 1)
    }
    for (const [term] of query) post(best, term)
    noteSegmentDays(f.segments, f.day)
    for (const hash of f.segments) {
      const seen = segments.get(hash)
      if (seen === undefined) segments.set(hash, best + 1)
      else if (seen > 0 && seen !== best + 1 && survivorOf(seen - 1) !== best) flagFurniture(hash)
    }
    if (segments.size > MAX_SEGMENTS) {
      for (const [hash, seen] of segments) if (seen > 0) segments.delete(hash)
    }

    if (++sinceEviction >= settings.evictEvery) {
      sinceEviction = 0
      evict()
    }
    return {
      story: story.id,
      isNew,
      ...(duplicate ? { duplicateOf: duplicate.id } : {}),
      ...(merged.length > 0 ? { merged } : {}),
    }
  }

  const primeOne = (doc: Doc, prepared?: PreparedArticle): void => {
    if (storyOfDoc.has(doc.id) || primed.has(doc.id)) return
    primed.add(doc.id)
    count++
    // Priming reads every sentence, furniture or not: a prepared article made knowing none is the same.
    const f =
      prepared !== undefined && prepared.options === preparedKey && prepared.furniture.length === 0
        ? prepared.features
        : featurise(doc, featureOptions)
    for (const term of f.terms.keys()) dfOf[intern(term)]++
    noteSegmentDays(f.segments, f.day)
  }
  const prime = (docs: Iterable<Doc>): void => {
    for (const doc of docs) primeOne(doc)
  }

  return {
    prime,
    primePrepared: primeOne,
    add,
    furniture: (from = 0) => furnitureLog.slice(from),
    stories: () =>
      stories.flatMap((s) =>
        // A story merged into another (see `mergeStories`) holds no documents and is no longer one.
        s.documents.length === 0
          ? []
          : [{ id: s.id, documents: [...s.documents], independent: s.independent }],
      ),
    storyOf: (id) => {
      const index = storyOfDoc.get(id)
      return index === undefined ? undefined : stories[index].id
    },
    toJSON: () => {
      // Only open stories' places are read through their names.
      const placeNamedOpen = new Set<string>()
      for (const index of open)
        for (const place of stories[index].placeCounts.keys()) placeNamedOpen.add(place)
      return {
        version: 1,
        options,
        signatures: SIGNATURE_SCHEME,
        count,
        ...(idfCount >= 0 ? { idfCount } : {}),
        ...(idfCount >= 0
          ? {
              idf: termOf.flatMap((term, id): [string, number][] =>
                idfAt[id] === idfEpoch ? [[term, idfOf[id]]] : [],
              ),
            }
          : {}),
        ...(primed.size > 0 ? { primed: [...primed] } : {}),
        sinceEviction,
        latestDay,
        df: termOf.flatMap((term, id): [string, number][] => (dfOf[id] > 0 ? [[term, dfOf[id]]] : [])),
        segments: [...segments],
        segmentDays: [...segmentDays],
        stories: stories.map((s) => ({
          id: s.id,
          documents: [...s.documents],
          duplicates: [...s.duplicates],
          independent: s.independent,
          open: s.open,
          centroid: Array.from(s.centroidIds, (id, i): [string, number] => [
            termOf[id],
            s.centroidWeights[i],
          ]),
          minDay: s.minDay,
          maxDay: s.maxDay,
          ...(s.scoredMaxDay !== s.maxDay ? { scoredMaxDay: s.scoredMaxDay } : {}),
          years: [...s.years.keys()],
          yearCounts: [...s.years],
          yearMembers: s.yearMembers,
          ...(s.mainPerson !== '' ? { mainPerson: s.mainPerson } : {}),
          places: [...s.places],
          events: [...s.events],
          placeCounts: [...s.placeCounts],
          placeMembers: s.placeMembers,
          days: [...s.days],
          dayMembers: s.dayMembers,
          counts: [...s.counts],
          ...(s.streets.size > 0 ? { streets: [...s.streets] } : {}),
          ...(s.victims.size > 0 ? { victims: [...s.victims] } : {}),
          ...(s.clocks.size > 0 ? { clocks: [...s.clocks] } : {}),
          ...(s.ages.size > 0 ? { ages: [...s.ages] } : {}),
          ...(s.addresses.size > 0 ? { addresses: [...s.addresses] } : {}),
          ...(s.headlineNames.size > 0 ? { headlineNames: [...s.headlineNames] } : {}),
          ...(s.headlines.length > 0
            ? { headlines: s.headlines.map((ids) => ids.map((id) => termOf[id])) }
            : {}),
          ...(s.weekdays ? { weekdays: [...s.weekdays] } : {}),
          keyNames: [...s.keyNames].map(([id, n]): [string, number] => [termOf[id], n]),
          persons: [...s.persons],
          ...(s.figureMembers > 0 ? { figures: [...s.figures], figureMembers: s.figureMembers } : {}),
          ...(s.personMembers > 0
            ? { firstMain: s.firstMain, firstMainMembers: s.firstMainMembers, personMembers: s.personMembers }
            : {}),
          names: [...s.names].map(([id, n]): [string, number] => [termOf[id], n]),
          posted: [...s.posted].map((id) => termOf[id]),
          members: s.members.map((m): [string, string, [string, number][]] => [
            m.id,
            encodeSignature(m.signature),
            Array.from(m.terms, (id, k): [string, number] => [termOf[id], m.weights[k]]),
          ]),
          ...(s.followUpPlaces ? { followUpPlaces: s.followUpPlaces.map((id) => placeOf[id]) } : {}),
          ...(s.followUpPersons ? { followUpPersons: [...s.followUpPersons] } : {}),
          ...(s.eventDay !== null ? { eventDay: s.eventDay } : {}),
          ...(s.roundUp ? { roundUp: true } : {}),
        })),
        personStories: [...personStories].map(([person, list]): [string, number[]] => [person, [...list]]),
        placeStories: [...placeStories].map(([place, list]): [string, number[]] => [place, [...list]]),
        placeNames: [...placeNameOf].filter(([place]) => placeNamedOpen.has(place)),
        ...(mergedInto.size > 0 ? { mergedInto: [...mergedInto] } : {}),
      }
    },
  }
}

/** Restores an index from {@link StoryIndex.toJSON}'s snapshot (options given here override the saved ones). */
export const storyIndexFromJSON = (state: StoryIndexState, options: StoryIndexOptions = {}): StoryIndex => {
  if (state?.version !== 1)
    throw new TypeError(`Expected a story index snapshot of version 1, not ${state?.version}`)
  return createStoryIndex(options, state)
}

/** Publication order: dated articles by date then id, undated ones last (by id) so they can join any story. */
export const arrivalOrder = (a: Doc, b: Doc): number => {
  const da = a.meta.published
  const db = b.meta.published
  if (da && db && da !== db) return da < db ? -1 : 1
  if (da && !db) return -1
  if (!da && db) return 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Groups documents into stories in one call: the online index, primed with all the documents' idf
 * statistics, fed in publication order (then id): the same as `prime(docs)` then `add` one by one in that
 * order.
 *
 * @example
 * groupStories(docs).map((s) => s.documents)
 */
export const groupStories = (docs: readonly Doc[], options: StoryIndexOptions = {}): StoryGroup[] => {
  const index = createStoryIndex(options)
  index.prime(docs)
  for (const doc of [...docs].sort(arrivalOrder)) index.add(doc)
  return index.stories()
}
