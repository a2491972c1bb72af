/**
 * `npm run train:ner`: trains the entity tagger on CoNLL-2003 train (read from ../shared/data at run
 * time), prints dev F1 after each epoch, and writes models/ner.model.gz. Deterministic (fixed seed).
 * Options: --epochs N, --bits B, --out FILE, --no-teacher-forcing, --clusters FILE.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { type ChunkScore, f1Of, readConll, scoreChunks } from '../eval/conll.ts'
import { dataDir } from '../eval/metric.ts'
import {
  encodeModel,
  type NerModel,
  type TrainingDoc,
  tagDocument,
  trainTagger,
} from '../src/stages/entity-tagger.ts'

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    bits: { type: 'string', default: '20' },
    out: { type: 'string', default: new URL('ner.model.gz', import.meta.url).pathname },
    clusters: { type: 'string', default: new URL('clusters.bin', import.meta.url).pathname },
    'no-teacher-forcing': { type: 'boolean', default: false },
  },
})

const devScore = (model: NerModel, dev: readonly TrainingDoc[]): Record<string, number> => {
  const scores = new Map<string, ChunkScore>()
  for (const doc of dev) {
    const tags = tagDocument(
      doc.map((s) => s.words),
      model,
    )
    doc.forEach((s, i) => scoreChunks(s.tags, tags[i], scores))
  }
  return f1Of(scores)
}

const started = performance.now()
const train = readConll(`${dataDir()}/conll2003/conllpp_train.txt`)
const dev = readConll(`${dataDir()}/conll2003/conllpp_dev.txt`)
let clusters: { keys: Uint32Array; ids: Uint32Array } | undefined
if (existsSync(values.clusters)) {
  const raw = readFileSync(values.clusters)
  const n = raw.readUInt32LE(0)
  const copy = new Uint8Array(raw.byteLength)
  copy.set(raw)
  clusters = { keys: new Uint32Array(copy.buffer, 4, n), ids: new Uint32Array(copy.buffer, 4 + 4 * n, n) }
  console.log(`clusters: ${n} words`)
}
const model = trainTagger(train, {
  bits: Number(values.bits),
  epochs: Number(values.epochs),
  seed: 20031,
  clusters,
  teacherForcing: !values['no-teacher-forcing'],
  onEpoch: (epoch, m) => {
    const f = devScore(m, dev)
    const fmt = (x: number | undefined): string => (x ?? 0).toFixed(4)
    console.log(
      `epoch ${epoch}: dev F1 ${fmt(f.ALL)} PER ${fmt(f.PER)} ORG ${fmt(f.ORG)} LOC ${fmt(f.LOC)} MISC ${fmt(f.MISC)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    )
  },
})
const data = encodeModel(model)
writeFileSync(values.out, data)
console.log(`wrote ${values.out}: ${(data.byteLength / 1e6).toFixed(1)} MB`)
