/**
 * Story grouping accuracy: BCubed and pairwise precision / recall / F1 of `groupStories` against gold
 * event groups on ECB+ (topic + ecb/ecbplus sub-topic: same kind of event, different event), GVA (one
 * shooting incident per story) and AllSides (one story per day's roundup). Also how much the order of
 * arrival changes the online index's result: ECB+ shuffled several times, the spread of BCubed F1; GVA
 * and AllSides (dated reports) as a feed delivers them, in publication order but each up to three days late.
 *
 * The main figures group the documents as `parallax analyze` does: after the per-document pipeline and
 * entity resolution (`analyseGroupingSet`), so mentions, dates, quantities and events feed the features.
 * The `raw-` figures group bare documents (text and metadata only), the light path of the benchmarks.
 * The scorer is trained on the `train` half of each dataset (scripts/train-grouping-scorer.ts); the
 * `train` and `heldout` splits report each half grouped on its own.
 */
import { arrivalOrder, createStoryIndex, groupStories } from '../src/corpus/cluster.ts'
import { bcubed, membership, pairwise } from '../src/corpus/clustering-scores.ts'
import type { Doc } from '../src/model/types.ts'
import {
  analyseGroupingSet,
  type GroupingSet,
  loadAllSides,
  loadEcbPlus,
  loadGva,
  splitSet,
} from './grouping-data.ts'
import type { Metric } from './metric.ts'

const score = (
  dataset: string,
  set: GroupingSet,
  { split = 'dev', prefix = '', brief = false } = {},
): Metric[] => {
  const stories = groupStories(set.docs)
  const predicted = membership(stories)
  const b = bcubed(predicted, set.gold)
  const p = pairwise(predicted, set.gold)
  const note = `${set.docs.length} docs, ${new Set(set.gold.values()).size} gold stories, ${stories.length} found`
  const metric = (name: string): string => `${prefix}grouping-${name}`
  if (brief)
    return [
      { dataset, split, metric: metric('bcubed-f1'), value: b.f1, note },
      { dataset, split, metric: metric('pairwise-p'), value: p.p },
    ]
  return [
    { dataset, split, metric: metric('bcubed-p'), value: b.p },
    { dataset, split, metric: metric('bcubed-r'), value: b.r },
    { dataset, split, metric: metric('bcubed-f1'), value: b.f1, note },
    { dataset, split, metric: metric('pairwise-p'), value: p.p },
    { dataset, split, metric: metric('pairwise-r'), value: p.r },
    { dataset, split, metric: metric('pairwise-f1'), value: p.f1 },
  ]
}

// A seeded Fisher–Yates shuffle so the order-sensitivity figure is reproducible.
const shuffle = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items]
  let state = seed
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const orderSpread = (dataset: string, set: GroupingSet, runs: number, prefix = ''): Metric[] => {
  const f1s: number[] = []
  for (let seed = 1; seed <= runs; seed++) {
    const index = createStoryIndex()
    index.prime(set.docs)
    for (const doc of shuffle(set.docs, seed)) index.add(doc)
    f1s.push(bcubed(membership(index.stories()), set.gold).f1)
  }
  const min = Math.min(...f1s)
  const max = Math.max(...f1s)
  return [
    {
      dataset,
      split: 'dev',
      metric: `${prefix}grouping-shuffled-bcubed-f1-min`,
      value: min,
      note: `${runs} random arrival orders: min ${min.toFixed(4)}, max ${max.toFixed(4)}, spread ${(max - min).toFixed(4)}`,
    },
  ]
}

const DAY_MS = 86_400_000

// Publication order with each report delayed by a seeded random 0 to `days` days: a feed's order, where
// reports arrive late (a slow site, a crawl that catches up) but not years out of place.
const lateOrder = (docs: readonly Doc[], days: number, seed: number): Doc[] => {
  let state = seed
  const delay = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state / 2 ** 32) * days * DAY_MS
  }
  return [...docs]
    .sort(arrivalOrder)
    .map((doc) => ({ doc, at: (doc.meta.published ? Date.parse(doc.meta.published) : 0) + delay() }))
    .sort((a, b) => a.at - b.at)
    .map(({ doc }) => doc)
}

const LATE_DAYS = 3

const lateSpread = (dataset: string, set: GroupingSet, runs: number): Metric[] => {
  const runsOf = Array.from({ length: runs }, (_, i) => {
    const index = createStoryIndex()
    index.prime(set.docs)
    for (const doc of lateOrder(set.docs, LATE_DAYS, 7919 * (i + 1))) index.add(doc)
    const predicted = membership(index.stories())
    return { f1: bcubed(predicted, set.gold).f1, p: pairwise(predicted, set.gold).p }
  })
  const f1 = runsOf.map((r) => r.f1)
  const note = `${runs} feed orders, each report up to ${LATE_DAYS} days late: BCubed F1 ${Math.min(...f1).toFixed(4)}–${Math.max(...f1).toFixed(4)}`
  return [
    { dataset, split: 'dev', metric: 'grouping-late-bcubed-f1-min', value: Math.min(...f1), note },
    {
      dataset,
      split: 'dev',
      metric: 'grouping-late-pairwise-p-min',
      value: Math.min(...runsOf.map((r) => r.p)),
    },
  ]
}

/** Every figure for one dataset: analysed (main), its two halves, and raw. */
const scoreAll = (dataset: string, raw: GroupingSet, shuffles: number, late = 0): Metric[] => {
  const analysed = analyseGroupingSet(raw)
  return [
    ...score(dataset, analysed),
    ...(shuffles > 0 ? orderSpread(dataset, analysed, shuffles) : []),
    ...(late > 0 ? lateSpread(dataset, analysed, late) : []),
    ...score(dataset, splitSet(analysed, 'train'), { split: 'train', brief: true }),
    ...score(dataset, splitSet(analysed, 'test'), { split: 'heldout', brief: true }),
    ...score(dataset, raw, { prefix: 'raw-', brief: true }),
    ...(shuffles > 0 ? orderSpread(dataset, raw, shuffles, 'raw-') : []),
  ]
}

/** Runs the grouping eval. */
export const evaluate = async (): Promise<Metric[]> => [
  ...scoreAll('ecbplus', loadEcbPlus(), 5),
  ...scoreAll('gva', loadGva(), 0, 3),
  ...scoreAll('allsides', loadAllSides(), 0, 3),
]
