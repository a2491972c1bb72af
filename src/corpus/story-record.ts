import type { CasualtyCount, Doc, StoryCount, StoryRecord } from '../model/types.ts'
import { type EarlierFigure, statesNumber } from './align-quantities.ts'
import { numberStatus, reconcile } from './reconcile.ts'

/**
 * One count reconciled over the reports that state it. A report whose record has no evidence for the
 * count is silent about it (it did not say "nobody died"), so it neither lowers the low nor conflicts;
 * one whose count is only implied by the people it names ("a man was killed") gives a lower bound.
 */
const reconcileCount = (
  docs: readonly Doc[],
  pick: (doc: Doc) => CasualtyCount | undefined,
  earlier: readonly EarlierFigure[],
): StoryCount => {
  const values = docs.flatMap((doc) => {
    const count = pick(doc)
    if (!count || count.evidence.length === 0) return []
    // A count resting on figures another report dates to an earlier attack is that attack's.
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
  if (values.length === 0)
    return { low: 0, best: 0, high: 0, sources: { low: [], best: [], high: [] }, status: 'unique' }
  return { ...reconcile(values), status: numberStatus(values.map((v) => v.value)) }
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
  return {
    killed: reconcileCount(docs, (doc) => doc.record?.killed, earlier),
    injured: reconcileCount(docs, (doc) => doc.record?.injured, earlier),
  }
}
