import type { CasualtyCount, Doc, StoryCount, StoryRecord } from '../model/types.ts'
import { type EarlierFigure, statesNumber } from './align-quantities.ts'
import { type NumberValue, numberStatus, reconcile } from './reconcile.ts'

type Stated = { document: string; value: NumberValue; published?: string }[]

/**
 * Each report's figure for one count, as reconciliation takes it. A report whose record has no evidence
 * for the count is silent about it (it did not say "nobody died"), so it gives none; one whose count is
 * only implied by the people it names ("a man was killed") gives a lower bound. With `earlier`, a count
 * resting only on figures another report dates to an earlier attack is that attack's, and left out.
 */
const statedCounts = (
  docs: readonly Doc[],
  pick: (doc: Doc) => CasualtyCount | undefined,
  earlier: readonly EarlierFigure[],
): Stated =>
  docs.flatMap((doc) => {
    const count = pick(doc)
    if (!count || count.evidence.length === 0) return []
    const recalled = (e: CasualtyCount['evidence'][number]): boolean =>
      e.field !== 'title' &&
      earlier.some((f) => f.document === doc.id && f.span.start === e.span.start && f.span.end === e.span.end)
    if (count.evidence.every(recalled)) return []
    const { low, best, high } = count
    // "killed a senior commander" counts one person without saying nobody else died: at least that many.
    const implied = !count.evidence.some((e) => statesNumber(e))
    return [
      { document: doc.id, value: { low, best, high: implied ? null : high }, published: doc.meta.published },
    ]
  })

/** One count reconciled over the reports that state it. */
const reconcileCount = (values: Stated): StoryCount => {
  if (values.length === 0)
    return {
      low: 0,
      best: 0,
      high: 0,
      sources: { low: [], best: [], high: [] },
      status: 'unique',
      reports: [],
    }
  return {
    ...reconcile(values),
    status: numberStatus(values.map((v) => v.value)),
    reports: values.map(({ document, value }) => ({ document, ...value })),
  }
}

/**
 * The story's main-event record: each report's killed and injured counts (`doc.record`) reconciled into
 * low / best / high with the reports behind each, as conflict datasets reconcile tolls. Undefined when
 * no report carries a record (a pipeline without the record stage). A report's count that rests only on
 * `earlier` figures (the comparison's `earlierFigures`: lined up with a figure another report dates to
 * well before its day) is left out: the report recounts an earlier attack, not the main event.
 *
 * @example
 * storyRecord(docs)?.killed // { low: 2, best: 3, high: 3, sources: {...}, status: 'conflict' }
 */
export const storyRecord = (
  docs: readonly Doc[],
  earlier: readonly EarlierFigure[] = [],
): StoryRecord | undefined => {
  if (!docs.some((doc) => doc.record)) return undefined
  const killed = (doc: Doc) => doc.record?.killed
  const injured = (doc: Doc) => doc.record?.injured
  let k = statedCounts(docs, killed, earlier)
  let i = statedCounts(docs, injured, earlier)
  // When every count of every report rests on figures dated before the story began, that "earlier"
  // event is the one the story tells (follow-ups weeks on, dating the shooting before the first of them
  // was published): its counts. A story with a count of its own ("a commander was killed" beside a
  // recalled "killing three troops and injuring 47") keeps the recalled figures out of both.
  if (k.length === 0 && i.length === 0) {
    k = statedCounts(docs, killed, [])
    i = statedCounts(docs, injured, [])
  }
  return { killed: reconcileCount(k), injured: reconcileCount(i) }
}
