/**
 * Story grouping accuracy: BCubed and pairwise precision / recall / F1 of `groupStories` against gold
 * event groups on ECB+ (topic + ecb/ecbplus sub-topic: same kind of event, different event), GVA (one
 * shooting incident per story) and AllSides (one story per day's roundup). Also how much the order of
 * arrival changes the online index's result: ECB+ shuffled several times, the spread of BCubed F1.
 */
import { createStoryIndex, groupStories } from '../src/corpus/cluster.ts'
import { bcubed, membership, pairwise } from '../src/corpus/clustering-scores.ts'
import { type GroupingSet, loadAllSides, loadEcbPlus, loadGva } from './grouping-data.ts'
import type { Metric } from './metric.ts'

const score = (
  dataset: string,
  set: GroupingSet,
  stories: { id: string; documents: string[] }[],
): Metric[] => {
  const predicted = membership(stories)
  const b = bcubed(predicted, set.gold)
  const p = pairwise(predicted, set.gold)
  const note = `${set.docs.length} docs, ${new Set(set.gold.values()).size} gold stories, ${stories.length} found`
  return [
    { dataset, split: 'dev', metric: 'grouping-bcubed-p', value: b.p },
    { dataset, split: 'dev', metric: 'grouping-bcubed-r', value: b.r },
    { dataset, split: 'dev', metric: 'grouping-bcubed-f1', value: b.f1, note },
    { dataset, split: 'dev', metric: 'grouping-pairwise-p', value: p.p },
    { dataset, split: 'dev', metric: 'grouping-pairwise-r', value: p.r },
    { dataset, split: 'dev', metric: 'grouping-pairwise-f1', value: p.f1 },
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

const orderSpread = (dataset: string, set: GroupingSet, runs: number): Metric[] => {
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
      metric: 'grouping-shuffled-bcubed-f1-min',
      value: min,
      note: `${runs} random arrival orders: min ${min.toFixed(4)}, max ${max.toFixed(4)}, spread ${(max - min).toFixed(4)}`,
    },
  ]
}

/** Runs the grouping eval. */
export const evaluate = async (): Promise<Metric[]> => {
  const ecb = loadEcbPlus()
  const gva = loadGva()
  const allsides = loadAllSides()
  return [
    ...score('ecbplus', ecb, groupStories(ecb.docs)),
    ...orderSpread('ecbplus', ecb, 5),
    ...score('gva', gva, groupStories(gva.docs)),
    ...score('allsides', allsides, groupStories(allsides.docs)),
  ]
}
