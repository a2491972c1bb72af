/**
 * Scores of a grouping against gold classes: BCubed (per item, averaged) and pairwise (over all pairs of
 * items put together). Used by the grouping eval and bench; kept here so it is tested like any other code.
 */

/** Precision, recall and F1. */
export interface PRF {
  p: number
  r: number
  f1: number
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r))

const countBy = (items: readonly string[], label: (item: string) => string): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(label(item), (counts.get(label(item)) ?? 0) + 1)
  return counts
}

/**
 * BCubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009). `predicted` maps each item
 * to its cluster, `gold` to its class; items missing from `predicted` are scored as singletons.
 *
 * @example
 * bcubed(new Map([['a', '1'], ['b', '1']]), new Map([['a', 'x'], ['b', 'y']])) // p 0.5, r 1
 */
export const bcubed = (predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): PRF => {
  const items = [...gold.keys()]
  if (items.length === 0) return { p: 0, r: 0, f1: 0 }
  const cluster = (item: string): string => predicted.get(item) ?? `\u0000${item}`
  const clusterSize = countBy(items, cluster)
  const classSize = countBy(items, (item) => gold.get(item)!)
  const both = countBy(items, (item) => `${cluster(item)}\u0001${gold.get(item)}`)
  let p = 0
  let r = 0
  for (const item of items) {
    const shared = both.get(`${cluster(item)}\u0001${gold.get(item)}`)!
    p += shared / clusterSize.get(cluster(item))!
    r += shared / classSize.get(gold.get(item)!)!
  }
  p /= items.length
  r /= items.length
  return { p, r, f1: f1(p, r) }
}

const pairs = (n: number): number => (n * (n - 1)) / 2

/** Pairwise precision, recall and F1 over item pairs (a pair is positive when its two items share a cluster). */
export const pairwise = (predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): PRF => {
  const items = [...gold.keys()]
  const cluster = (item: string): string => predicted.get(item) ?? `\u0000${item}`
  let predictedPairs = 0
  for (const n of countBy(items, cluster).values()) predictedPairs += pairs(n)
  let goldPairs = 0
  for (const n of countBy(items, (item) => gold.get(item)!).values()) goldPairs += pairs(n)
  let shared = 0
  for (const n of countBy(items, (item) => `${cluster(item)}\u0001${gold.get(item)}`).values())
    shared += pairs(n)
  // No predicted pairs means no false merges: precision 1 (recall shows the cost).
  const p = predictedPairs === 0 ? 1 : shared / predictedPairs
  const r = goldPairs === 0 ? 1 : shared / goldPairs
  return { p, r, f1: f1(p, r) }
}

/** Item → cluster id map from a list of groups of item ids. */
export const membership = (
  groups: readonly { id: string; documents: readonly string[] }[],
): Map<string, string> => {
  const map = new Map<string, string>()
  for (const group of groups) for (const doc of group.documents) map.set(doc, group.id)
  return map
}
