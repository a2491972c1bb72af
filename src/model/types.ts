/**
 * Parallax core data model: plain JSON-safe objects, no classes.
 * Every extracted thing carries a {@link Span} into `doc.text`; the text itself is never rewritten.
 */

/** Half-open [start, end) in UTF-16 code units of `doc.text`. */
export interface Span {
  start: number
  end: number
}

/** Entity types (OntoNotes-style subset). GPE = country/city/state; NORP = nationality, religious or political group. */
export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'FAC' | 'MISC'

export const ENTITY_TYPES: readonly EntityType[] = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'MISC']

/** Metadata of one article. `published` is an ISO date (YYYY-MM-DD) or absent when unknown. */
export interface DocMeta {
  /** Where the article came from: a file path (with `:line` for JSONL), `-` for stdin, or a URL. */
  source: string
  url?: string
  outlet?: string
  published?: string
  title?: string
  language?: string
  byline?: string
}

/** A problem found while reading or analysing; a message on the doc, never an exception. */
export interface Message {
  reason: string
  rule: string
  severity: 'info' | 'warning' | 'error'
  span?: Span
}

/** A token: a view into the text with a normalised form beside it. */
export interface Token {
  span: Span
  /** The token's text, lower-cased and with typographic quotes/apostrophes/dashes folded. */
  norm: string
  kind: 'word' | 'number' | 'punct' | 'symbol'
  /** True when whitespace (or the start of text) precedes the token. */
  spaceBefore: boolean
}

/** An entity mention in one document. `entity` is the corpus-level entity id once resolved. */
export interface Mention {
  span: Span
  text: string
  type: EntityType
  entity?: string
}

/** A date or time expression resolved against the publication date. */
export interface DateMention {
  span: Span
  text: string
  /** ISO value (`2024-02-07`, `2024-01`, `2024`, `2023-W41`, `2024-Q1`), or null when it cannot be resolved (no publication date). */
  value: string | null
  precision:
    | 'day'
    | 'week'
    | 'month'
    | 'quarter'
    | 'season'
    | 'year'
    | 'decade'
    | 'century'
    | 'time'
    | 'duration'
    | 'unknown'
  /** For vague expressions ("late January", "last week"): the inclusive ISO day range. */
  range?: { start: string; end: string }
  /** TimeML type. */
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET'
  /** True when the value depended on the publication date ("Wednesday", "last week"). */
  relative: boolean
}

/** What a number counts, as far as casualty and event datasets care. */
export type QuantityRole =
  | 'killed'
  | 'injured'
  | 'dead_or_injured'
  | 'arrested'
  | 'displaced'
  | 'missing'
  | 'kidnapped'
  | 'evacuated'
  | 'participants'
  | 'money'
  | 'percent'
  | 'other'

/** A number with what it counts. "at least 40" → low 40, best 40, high null. */
export interface Quantity {
  span: Span
  text: string
  low: number | null
  best: number | null
  high: number | null
  /** The counted noun phrase head, normalised ("people", "soldiers"), or '' when unknown. */
  counted: string
  role: QuantityRole
  /** Span of the counted noun or the role word it was attached through, when found. */
  countedSpan?: Span
}

/** A direct or indirect quotation with its cue ("said") and speaker. */
export interface Quote {
  span: Span
  content: Span
  cue?: Span
  speaker?: { span: Span; text: string; entity?: string }
  direct: boolean
}

/** How an article labels an actor: "Iran-backed militia", "the Iraqi government-allied militia". */
export interface Label {
  span: Span
  text: string
  /** The actor the label describes (a mention in the same doc), when found. */
  target?: { span: Span; text: string; entity?: string }
  voice: 'outlet' | 'quoted'
}

/** An evaluative or loaded word. `voice` says whose word it is: the outlet's narration or a quoted speaker's. */
export interface LoadedTerm {
  span: Span
  text: string
  voice: 'outlet' | 'quoted'
  /** Which lexicon the word came from (e.g. `recasens-bias`, `mpqa-strongsubj`). */
  lexicon: string
  polarity?: 'positive' | 'negative' | 'neutral'
}

/** A hedge or distancing device: "reportedly", "so-called", "according to", "claimed". */
export interface Hedge {
  span: Span
  text: string
  kind: 'hedge' | 'distancing' | 'attribution'
  voice: 'outlet' | 'quoted'
}

export interface Framing {
  labels: Label[]
  loaded: LoadedTerm[]
  hedges: Hedge[]
}

/** An event trigger ("drone strike", "shooting") typed with a coarse event class. */
export interface EventMention {
  span: Span
  text: string
  type: string
}

/**
 * One casualty count of a document's main event, as conflict-event datasets code it: low / best / high
 * (`high` null when open: "at least 4 were hurt"), with the quantities it was read from. A count nothing in
 * the document supports is 0 with no evidence ("a man was shot" says nobody died).
 */
export interface CasualtyCount {
  low: number
  best: number
  high: number | null
  /**
   * The quantities the count rests on (the figure, or the shot figure and the killed one it subtracts).
   * `field: 'title'` marks a figure read from a title that the text does not contain: its span indexes
   * `meta.title` instead of `text`.
   */
  evidence: { span: Span; text: string; field?: 'title' }[]
}

/** The main event's record in one document: how many were killed and how many injured. */
export interface EventRecord {
  killed: CasualtyCount
  injured: CasualtyCount
}

/** The layers a pipeline can add to a document, by name. */
export interface Layers {
  tokens: Token[]
  sentences: Span[]
  mentions: Mention[]
  dates: DateMention[]
  quantities: Quantity[]
  quotes: Quote[]
  events: EventMention[]
  framing: Framing
  record: EventRecord
}

export type LayerName = keyof Layers

/** One article. `id` is a stable content hash unless the input gave one. */
export interface Doc extends Partial<Layers> {
  id: string
  text: string
  meta: DocMeta
  messages: Message[]
}

/** A piece of evidence: a span of one document's text. */
export interface Evidence {
  document: string
  start: number
  end: number
  text: string
}

/** A corpus-level entity: all the names one actor goes by across documents. */
export interface Entity {
  id: string
  type: EntityType
  name: string
  aliases: string[]
  mentions: Evidence[]
}

export type FactStatus = 'agree' | 'compatible' | 'conflict' | 'unique'

/** One source's value for a fact. `value` is a number range for quantities, an ISO value for dates, a name for actors. */
export interface FactValue {
  document: string
  outlet?: string
  value: string | number | { low: number | null; best: number | null; high: number | null }
  evidence: Evidence[]
  /**
   * The document whose date gave this value its day: an undated report's "on Wednesday" read as the
   * Wednesday that report dates the event to. Absent when the value is the document's own.
   */
  inferredFrom?: string
}

/** Low / best / high with the documents behind each, as conflict datasets reconcile casualty counts. */
export interface Reconciled {
  low: number | null
  best: number | null
  high: number | null
  sources: { low: string[]; best: string[]; high: string[] }
}

/** A casualty count of a story's main event, reconciled over the reports that state it. */
export interface StoryCount extends Reconciled {
  /** Whether those reports agree, allow a common count, or conflict (`unique` with one or none). */
  status: FactStatus
  /**
   * Each stating report's own figure, in story order (`high: null` when it gives only a lower bound).
   * Absent from stories stored before it was added.
   */
  reports?: { document: string; low: number | null; best: number | null; high: number | null }[]
}

/** The story's main-event record: killed and injured reconciled over its reports' records. */
export interface StoryRecord {
  killed: StoryCount
  injured: StoryCount
}

/** A fact lined up across the reports of one story. */
export interface Fact {
  key: string
  kind: 'quantity' | 'date' | 'actor' | 'place' | 'event' | 'quote'
  /** A human-readable description of what the fact is about ("injured in the attack in Jordan"). */
  about: string
  status: FactStatus
  values: FactValue[]
  /** Documents of the story that do not report this fact. */
  missing: string[]
  reconciled?: Reconciled
}

/**
 * Who a quoted voice is: a named `person`, a named `organisation` or place ("the Pentagon", "Iraq"),
 * an `unnamed` source ("officials", "a senior commander", "witnesses"), a `document` ("the
 * statement", "reports", "a court filing"), or a `pronoun` not tied to a name ("he said").
 */
export type VoiceKind = 'person' | 'organisation' | 'unnamed' | 'document' | 'pronoun'

/** How each outlet frames a story. */
export interface StoryFraming {
  /** Per actor, each document's labels for it, side by side. */
  labels: {
    entity: string
    name: string
    byDocument: { document: string; outlet?: string; labels: Evidence[] }[]
  }[]
  /** Per document, its loaded words split by voice. */
  loaded: { document: string; outlet?: string; outlet_voice: Evidence[]; quoted_voice: Evidence[] }[]
  /** Per document, whose voices it quotes and how often. */
  voices: {
    document: string
    outlet?: string
    speakers: { name: string; entity?: string; count: number; kind: VoiceKind }[]
  }[]
  /** Per document, its hedges and distancing devices. */
  hedges: { document: string; outlet?: string; hedges: Evidence[] }[]
}

/** Reports of one event grouped together. */
export interface Story {
  id: string
  documents: string[]
  /** Documents after collapsing near-duplicate copies (wire copy, republished articles). */
  independent: number
  title: string
  dateRange?: { start: string; end: string }
  /** Killed and injured in the main event, reconciled over the reports (when they carry records). */
  record?: StoryRecord
  facts: Fact[]
  framing: StoryFraming
}

/** An input that could not be read, in one line. */
export interface InputProblem {
  source: string
  reason: string
}

/** The result of `analyze`. */
export interface Report {
  version: string
  documents: Doc[]
  entities: Entity[]
  stories: Story[]
  /** Inputs that could not be read (each named, with the problem). */
  errors: InputProblem[]
}
