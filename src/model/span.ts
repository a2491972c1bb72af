import type { Doc, Evidence, Span } from './types.ts'

/** The text a span covers. */
export const spanText = (text: string, span: Span): string => text.slice(span.start, span.end)

/** True when `inner` lies within `outer`. */
export const contains = (outer: Span, inner: Span): boolean =>
  inner.start >= outer.start && inner.end <= outer.end

/** True when the two spans share at least one code unit. */
export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end

/** Evidence for a span of a document. */
export const evidence = (doc: Doc, span: Span): Evidence => ({
  document: doc.id,
  start: span.start,
  end: span.end,
  text: doc.text.slice(span.start, span.end),
})

/** Index of the sentence containing `offset`, by binary search over sorted sentences; -1 if none. */
export const sentenceIndexAt = (sentences: readonly Span[], offset: number): number => {
  let lo = 0
  let hi = sentences.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = sentences[mid]
    if (offset < s.start) hi = mid - 1
    else if (offset >= s.end) lo = mid + 1
    else return mid
  }
  return -1
}
