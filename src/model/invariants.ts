import type { Doc, Span } from './types.ts'

/** Thrown by {@link assertDoc} when a document breaks an invariant (a bug, never bad input). */
export class InvariantError extends Error {
  override name = 'InvariantError'
}

const checkSpan = (doc: Doc, span: Span, where: string, text?: string): void => {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end)) {
    throw new InvariantError(
      `${doc.meta.source}: ${where}: expected integer offsets, not ${span.start}..${span.end}`,
    )
  }
  if (span.start < 0 || span.end > doc.text.length || span.start > span.end) {
    throw new InvariantError(
      `${doc.meta.source}: ${where}: span ${span.start}..${span.end} out of bounds (text length ${doc.text.length})`,
    )
  }
  if (text !== undefined && doc.text.slice(span.start, span.end) !== text) {
    throw new InvariantError(
      `${doc.meta.source}: ${where}: expected text ${JSON.stringify(doc.text.slice(span.start, span.end))}, not ${JSON.stringify(text)}`,
    )
  }
}

/**
 * Checks every span of every layer: in bounds, start ≤ end, and `text.slice(start, end)` equal to
 * the span's `text` where it carries one. Tokens must be sorted and not overlap; sentences too.
 */
export const assertDoc = (doc: Doc): void => {
  if (typeof doc.text !== 'string') throw new InvariantError(`${doc.meta.source}: text is not a string`)
  let last = 0
  doc.tokens?.forEach((t, i) => {
    checkSpan(doc, t.span, `tokens[${i}]`)
    if (t.span.start < last)
      throw new InvariantError(`${doc.meta.source}: tokens[${i}] overlaps or is out of order`)
    if (t.span.start === t.span.end) throw new InvariantError(`${doc.meta.source}: tokens[${i}] is empty`)
    last = t.span.end
  })
  last = 0
  doc.sentences?.forEach((s, i) => {
    checkSpan(doc, s, `sentences[${i}]`)
    if (s.start < last)
      throw new InvariantError(`${doc.meta.source}: sentences[${i}] overlaps or is out of order`)
    last = s.end
  })
  doc.mentions?.forEach((m, i) => checkSpan(doc, m.span, `mentions[${i}]`, m.text))
  doc.dates?.forEach((d, i) => checkSpan(doc, d.span, `dates[${i}]`, d.text))
  doc.quantities?.forEach((q, i) => {
    checkSpan(doc, q.span, `quantities[${i}]`, q.text)
    if (q.countedSpan) checkSpan(doc, q.countedSpan, `quantities[${i}].countedSpan`)
  })
  doc.events?.forEach((e, i) => checkSpan(doc, e.span, `events[${i}]`, e.text))
  doc.quotes?.forEach((q, i) => {
    checkSpan(doc, q.span, `quotes[${i}]`)
    checkSpan(doc, q.content, `quotes[${i}].content`)
    if (q.cue) checkSpan(doc, q.cue, `quotes[${i}].cue`)
    if (q.speaker) checkSpan(doc, q.speaker.span, `quotes[${i}].speaker`, q.speaker.text)
  })
  if (doc.framing) {
    doc.framing.labels.forEach((l, i) => {
      checkSpan(doc, l.span, `framing.labels[${i}]`, l.text)
      if (l.target) checkSpan(doc, l.target.span, `framing.labels[${i}].target`, l.target.text)
    })
    doc.framing.loaded.forEach((l, i) => checkSpan(doc, l.span, `framing.loaded[${i}]`, l.text))
    doc.framing.hedges.forEach((h, i) => checkSpan(doc, h.span, `framing.hedges[${i}]`, h.text))
  }
  doc.messages.forEach((m, i) => {
    if (m.span) checkSpan(doc, m.span, `messages[${i}]`)
  })
}
