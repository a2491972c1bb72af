/**
 * CoNLL-2003 reading and conlleval-style scoring, shared by the NER training script and the entity
 * eval. The data is read from ../shared at run time and never copied into the repository.
 */
import { readFileSync } from 'node:fs'
import { chunksOf, type Tag, type TrainingDoc } from '../src/stages/entity-tagger.ts'
import { prf } from './metric.ts'

/** Reads a CoNLL-2003 file (`token POS chunk NER`, `-DOCSTART-` lines, blank lines between sentences). */
export const readConll = (path: string): TrainingDoc[] => {
  const docs: { words: string[]; tags: Tag[] }[][] = []
  let doc: { words: string[]; tags: Tag[] }[] = []
  let sentence = { words: [] as string[], tags: [] as Tag[] }
  const endSentence = (): void => {
    if (sentence.words.length > 0) doc.push(sentence)
    sentence = { words: [], tags: [] }
  }
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cols = line.trim().split(' ')
    if (cols[0] === '-DOCSTART-') {
      endSentence()
      if (doc.length > 0) docs.push(doc)
      doc = []
      continue
    }
    if (cols.length < 4) {
      endSentence()
      continue
    }
    sentence.words.push(cols[0])
    sentence.tags.push(cols[3] as Tag)
  }
  endSentence()
  if (doc.length > 0) docs.push(doc)
  return docs
}

/** Exact-match chunk counts per type and overall (conlleval semantics). */
export interface ChunkScore {
  tp: number
  fp: number
  fn: number
}

/** Adds the chunk matches of one sentence into `scores` (keyed by type, plus `ALL`). */
export const scoreChunks = (
  gold: readonly string[],
  predicted: readonly string[],
  scores: Map<string, ChunkScore>,
): void => {
  const get = (type: string): ChunkScore => {
    let s = scores.get(type)
    if (!s) {
      s = { tp: 0, fp: 0, fn: 0 }
      scores.set(type, s)
    }
    return s
  }
  const g = new Map(chunksOf(gold).map((c) => [`${c.start}:${c.end}`, c.type]))
  const p = chunksOf(predicted)
  const matched = new Set<string>()
  for (const c of p) {
    const key = `${c.start}:${c.end}`
    if (g.get(key) === c.type) {
      get(c.type).tp++
      get('ALL').tp++
      matched.add(key)
    } else {
      get(c.type).fp++
      get('ALL').fp++
    }
  }
  for (const [key, type] of g) {
    if (matched.has(key)) continue
    get(type).fn++
    get('ALL').fn++
  }
}

/** F1 per type and overall from chunk counts. */
export const f1Of = (scores: Map<string, ChunkScore>): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const [type, s] of scores) out[type] = prf(s.tp, s.fp, s.fn).f1
  return out
}
