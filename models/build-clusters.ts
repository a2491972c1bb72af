/**
 * Distributional word clusters for the entity tagger, derived from unlabelled news text in
 * ../shared/data at training time (PolNeAR texts, GVA local news, AllSides roundups, CoNLL-2003 train
 * words without labels). Like Brown clusters they are bit-string paths, so prefixes give coarser
 * classes: words are represented by PPMI-weighted left/right neighbour counts, randomly projected
 * to a few dozen dimensions, and split top-down by bisecting 2-means. Only hashes of words are kept.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { hashWord } from '../src/stages/entity-tagger.ts'
import { tokenizeText } from '../src/stages/tokenize.ts'

export interface ClusterOptions {
  dataDir: string
  /** Words seen fewer times are not clustered. */
  minCount?: number
  maxWords?: number
  contexts?: number
  dims?: number
  depth?: number
  /** Extra tokenised text (sentences of words), e.g. the training set without its labels. */
  extra?: readonly (readonly string[])[]
}

const fold = (word: string): string => word.toLowerCase().replace(/[’‘ʼ`´]/g, "'")

const safeList = (dir: string): string[] => {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/** Unlabelled news texts from the shared data, as plain strings. */
const newsTexts = (dataDir: string): string[] => {
  const texts: string[] = []
  for (const split of ['train', 'dev']) {
    const dir = join(dataDir, 'polnear', split, 'text')
    for (const f of safeList(dir)) texts.push(readFileSync(join(dir, f), 'utf8'))
  }
  const gva = join(dataDir, 'gva', 'documents.jsonl')
  for (const line of readFileSync(gva, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    const content = (JSON.parse(line) as { content?: string }).content
    if (content) texts.push(content)
  }
  const allsides = join(dataDir, 'allsides_neus', 'data', 'naacl2022_lrc_roundup_random_order_probe')
  for (const f of safeList(allsides)) {
    if (f.endsWith('.source') || f.endsWith('.target')) texts.push(readFileSync(join(allsides, f), 'utf8'))
  }
  return texts
}

/** Deterministic ±1 for (feature, dimension). */
const sign = (f: number, d: number): number => {
  let h = Math.imul(f ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(d + 1, 0xc2b2ae35)
  h ^= h >>> 15
  h = Math.imul(h, 0x2c1b3c6d)
  h ^= h >>> 12
  return h & 1 ? 1 : -1
}

/**
 * Builds the cluster table: sorted word hashes and their cluster paths (bit strings with a leading 1).
 */
export const buildClusters = (options: ClusterOptions): { keys: Uint32Array; ids: Uint32Array } => {
  const {
    dataDir,
    minCount = 4,
    maxWords = 60_000,
    contexts = 2000,
    dims = 64,
    depth = 18,
    extra = [],
  } = options
  const sentences: string[][] = []
  for (const text of newsTexts(dataDir)) {
    for (const line of text.split(/\n+/)) {
      const words = tokenizeText(line).map((t) => t.norm)
      if (words.length > 0) sentences.push(words)
    }
  }
  for (const s of extra) sentences.push(s.map(fold))
  const freq = new Map<string, number>()
  for (const s of sentences) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1)
  const ranked = [...freq]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const vocab = ranked.slice(0, maxWords).map(([w]) => w)
  const index = new Map(vocab.map((w, i) => [w, i]))
  const contextIndex = new Map(vocab.slice(0, contexts).map((w, i) => [w, i]))
  const BOUNDARY = contexts
  const C = contexts + 1
  // Co-occurrence of each word with its left and right neighbour (positions 0 and 1).
  const pairs = new Map<number, number>()
  const featTotals = new Float64Array(2 * C)
  const wordTotals = new Float64Array(vocab.length)
  let total = 0
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const w = index.get(s[i])
      if (w === undefined) continue
      const left = i > 0 ? (contextIndex.get(s[i - 1]) ?? -1) : BOUNDARY
      const right = i + 1 < s.length ? (contextIndex.get(s[i + 1]) ?? -1) : BOUNDARY
      for (const f of [left, right < 0 ? -1 : C + right]) {
        if (f < 0) continue
        const key = w * 2 * C + f
        pairs.set(key, (pairs.get(key) ?? 0) + 1)
        featTotals[f]++
        wordTotals[w]++
        total++
      }
    }
  }
  const vectors = new Float32Array(vocab.length * dims)
  for (const [key, count] of pairs) {
    const w = Math.floor(key / (2 * C))
    const f = key - w * 2 * C
    const pmi = Math.log((count * total) / (wordTotals[w] * featTotals[f]))
    if (pmi <= 0) continue
    for (let d = 0; d < dims; d++) vectors[w * dims + d] += pmi * sign(f, d)
  }
  for (let w = 0; w < vocab.length; w++) {
    let norm = 0
    for (let d = 0; d < dims; d++) norm += vectors[w * dims + d] ** 2
    norm = Math.sqrt(norm) || 1
    for (let d = 0; d < dims; d++) vectors[w * dims + d] /= norm
  }
  const paths = new Uint32Array(vocab.length).fill(1)
  const dot = (w: number, c: Float64Array): number => {
    let s = 0
    for (let d = 0; d < dims; d++) s += vectors[w * dims + d] * c[d]
    return s
  }
  // Bisecting 2-means, breadth-first; each split seeds with the two most frequent words.
  let groups: number[][] = [vocab.map((_, i) => i)]
  for (let level = 0; level < depth; level++) {
    const next: number[][] = []
    for (const group of groups) {
      if (group.length < 2) continue
      const a = new Float64Array(dims)
      const b = new Float64Array(dims)
      for (let d = 0; d < dims; d++) {
        a[d] = vectors[group[0] * dims + d]
        b[d] = vectors[group[1] * dims + d]
      }
      let side = new Uint8Array(group.length)
      for (let iter = 0; iter < 6; iter++) {
        side = Uint8Array.from(group, (w) => (dot(w, a) >= dot(w, b) ? 0 : 1))
        a.fill(0)
        b.fill(0)
        group.forEach((w, k) => {
          const c = side[k] === 0 ? a : b
          for (let d = 0; d < dims; d++) c[d] += vectors[w * dims + d]
        })
      }
      const left = group.filter((_, k) => side[k] === 0)
      const right = group.filter((_, k) => side[k] === 1)
      if (left.length === 0 || right.length === 0) continue
      for (const w of left) paths[w] = paths[w] * 2
      for (const w of right) paths[w] = paths[w] * 2 + 1
      next.push(left, right)
    }
    groups = next
  }
  const entries = vocab.map((w, i) => [hashWord(w), paths[i]] as const).sort((x, y) => x[0] - y[0])
  // Two words with one hash: keep the first (the table is a feature, not a dictionary).
  const unique = entries.filter((e, i) => i === 0 || entries[i - 1][0] !== e[0])
  return { keys: Uint32Array.from(unique, (e) => e[0]), ids: Uint32Array.from(unique, (e) => e[1]) }
}
