/**
 * `npm run train:ner`: trains the entity tagger on CoNLL-2003 train (read from ../shared/data at run
 * time), prints dev F1 after each epoch, and writes models/ner.model.gz. Deterministic (fixed seed).
 * Options: --epochs N, --bits B, --out FILE, --seeds N (ensemble size), --no-teacher-forcing, --clusters, --verbose (dev F1 per epoch).
 */
import { writeFileSync } from 'node:fs'
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
import { buildClusters } from './build-clusters.ts'

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    bits: { type: 'string', default: '20' },
    out: { type: 'string', default: new URL('ner.model.gz', import.meta.url).pathname },
    clusters: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '5' },
    verbose: { type: 'boolean', default: false },
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
// Clusters are opt-in: on CoNLL dev and MEANTIME they measured slightly worse than none (see README).
const clusters = !values.clusters
  ? undefined
  : buildClusters({ dataDir: dataDir(), extra: train.flatMap((doc) => doc.map((s) => s.words)) })
if (clusters) {
  console.log(
    `clusters: ${clusters.keys.length} words (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  )
}
const fmt = (x: number | undefined): string => (x ?? 0).toFixed(4)
const report = (label: string, m: NerModel): void => {
  const f = devScore(m, dev)
  console.log(
    `${label}: dev F1 ${fmt(f.ALL)} PER ${fmt(f.PER)} ORG ${fmt(f.ORG)} LOC ${fmt(f.LOC)} MISC ${fmt(f.MISC)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  )
}
// Several perceptrons over different shuffles, their averaged weights summed: a cheap ensemble that
// costs nothing at run time.
const runs = Number(values.seeds)
let model: NerModel | undefined
for (let r = 0; r < runs; r++) {
  const m = trainTagger(train, {
    bits: Number(values.bits),
    epochs: Number(values.epochs),
    seed: 20031 + r,
    clusters,
    teacherForcing: !values['no-teacher-forcing'],
    onEpoch: (epoch, partial) => {
      if (values.verbose) report(`seed ${r + 1} epoch ${epoch}`, partial)
    },
  })
  if (!model) model = m
  else for (let i = 0; i < m.weights.length; i++) model.weights[i] += m.weights[i]
  report(`ensemble of ${r + 1}`, model)
}
if (!model) throw new Error('Expected --seeds of at least 1, not 0')
const data = encodeModel(model)
writeFileSync(values.out, data)
console.log(`wrote ${values.out}: ${(data.byteLength / 1e6).toFixed(1)} MB`)
