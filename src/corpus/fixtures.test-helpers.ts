/**
 * Helpers for hand-made test documents in the corpus tests: layers are written by naming the text
 * they cover, and spans are found in the (made-up) text, so a fixture cannot drift from its text.
 */
import { assertDoc } from '../model/invariants.ts'
import type {
  DateMention,
  Doc,
  EntityType,
  EventMention,
  Framing,
  Mention,
  Quantity,
  QuantityRole,
  Quote,
  Span,
} from '../model/types.ts'
import { segmentTokens } from '../stages/segment.ts'
import { tokenizeText } from '../stages/tokenize.ts'

/** The span of the `nth` occurrence of `needle` in `text`; throws when absent (a broken fixture). */
export const find = (text: string, needle: string, nth = 0): Span => {
  let at = -1
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1)
    if (at < 0) throw new Error(`Expected ${JSON.stringify(needle)} (#${nth}) in the fixture text`)
  }
  return { start: at, end: at + needle.length }
}

/** A fixture layer item: the text it covers, optionally which occurrence. */
export interface At {
  at: string
  nth?: number
}

/** Fixture description of one document; every layer is optional. */
export interface DocSpec {
  id: string
  text: string
  title?: string
  published?: string
  outlet?: string
  withSentences?: boolean
  mentions?: (At & { type: EntityType; entity?: string })[]
  dates?: (At & {
    value: string | null
    precision?: DateMention['precision']
    range?: { start: string; end: string }
  })[]
  quantities?: (At & {
    low: number | null
    best: number | null
    high: number | null
    counted?: string
    role: QuantityRole
  })[]
  events?: (At & { type: string })[]
  quotes?: (At & { speaker?: At & { entity?: string }; direct?: boolean })[]
  framing?: {
    labels?: (At & { target?: At & { entity?: string }; voice?: 'outlet' | 'quoted' })[]
    loaded?: (At & { voice: 'outlet' | 'quoted' })[]
    hedges?: (At & { kind?: 'hedge' | 'distancing' | 'attribution'; voice?: 'outlet' | 'quoted' })[]
  }
}

/** Builds a document from a spec and checks its invariants. */
export const makeFixture = (spec: DocSpec): Doc => {
  const { text } = spec
  const sp = (a: At): Span => find(text, a.at, a.nth)
  const tokens = tokenizeText(text)
  const doc: Doc = {
    id: spec.id,
    text,
    meta: { source: `${spec.id}.txt`, title: spec.title, published: spec.published, outlet: spec.outlet },
    messages: [],
    tokens,
  }
  if (spec.withSentences !== false) doc.sentences = segmentTokens(text, tokens)
  if (spec.mentions)
    doc.mentions = spec.mentions.map(
      (m): Mention => ({ span: sp(m), text: m.at, type: m.type, entity: m.entity }),
    )
  if (spec.dates)
    doc.dates = spec.dates.map(
      (d): DateMention => ({
        span: sp(d),
        text: d.at,
        value: d.value,
        precision: d.precision ?? 'day',
        range: d.range,
        type: 'DATE',
        relative: false,
      }),
    )
  if (spec.quantities)
    doc.quantities = spec.quantities.map(
      (q): Quantity => ({
        span: sp(q),
        text: q.at,
        low: q.low,
        best: q.best,
        high: q.high,
        counted: q.counted ?? '',
        role: q.role,
      }),
    )
  if (spec.events)
    doc.events = spec.events.map((e): EventMention => ({ span: sp(e), text: e.at, type: e.type }))
  if (spec.quotes)
    doc.quotes = spec.quotes.map(
      (q): Quote => ({
        span: sp(q),
        content: sp(q),
        direct: q.direct ?? true,
        speaker: q.speaker
          ? { span: sp(q.speaker), text: q.speaker.at, entity: q.speaker.entity }
          : undefined,
      }),
    )
  if (spec.framing) {
    const f: Framing = {
      labels: (spec.framing.labels ?? []).map((l) => ({
        span: sp(l),
        text: l.at,
        voice: l.voice ?? 'outlet',
        target: l.target ? { span: sp(l.target), text: l.target.at, entity: l.target.entity } : undefined,
      })),
      loaded: (spec.framing.loaded ?? []).map((l) => ({
        span: sp(l),
        text: l.at,
        voice: l.voice,
        lexicon: 'test',
      })),
      hedges: (spec.framing.hedges ?? []).map((h) => ({
        span: sp(h),
        text: h.at,
        kind: h.kind ?? 'hedge',
        voice: h.voice ?? 'outlet',
      })),
    }
    doc.framing = f
  }
  assertDoc(doc)
  return doc
}
