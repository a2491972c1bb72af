/**
 * Builds models/background-df.json: in how many documents of a reference news corpus each word stem
 * occurs, so that story grouping weighs words by how rare they are in news at large, not only in the
 * (possibly tiny) batch being grouped. With two articles alone, every shared word would otherwise
 * look common — exactly the words that show they report one event.
 *
 * Reference corpus (read from ../shared/data at build time; no text is written): PolNeAR train
 * articles (US election news, 7 outlets) and the NeuS train roundups (left/centre/right reports of
 * AllSides stories). Neither is a grouping evaluation set. Only stems with df ≥ MIN_DF are kept.
 *
 * Run: npx tsx scripts/build-background-df.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { featurise } from '../src/corpus/grouping-features.ts'
import { makeDoc } from '../src/model/doc.ts'

const data = process.env.PARALLAX_DATA ?? new URL('../../shared/data', import.meta.url).pathname
const MIN_DF = 3

const texts: string[] = []
const polnear = `${data}/polnear/train/text`
for (const name of readdirSync(polnear).sort()) texts.push(readFileSync(`${polnear}/${name}`, 'utf8'))
const neus = `${data}/allsides_neus/data/naacl2022_lrc_roundup_random_order_probe/train.source`
for (const line of readFileSync(neus, 'utf8').split('\n')) {
  for (const report of line.split('[SEP]')) {
    const text = report.replace('TITLE=>', '').replace('ARTICLE=>', '\n\n').trim()
    if (text.length > 100) texts.push(text)
  }
}

const df = new Map<string, number>()
for (const text of texts) {
  const { terms } = featurise(makeDoc({ text, meta: { source: 'background' } }))
  for (const term of terms.keys()) {
    // Plain word stems only: names, years, numbers and entity ids are specific to their corpus.
    if (term.includes(':') || term.startsWith('#')) continue
    df.set(term, (df.get(term) ?? 0) + 1)
  }
}
const kept = [...df].filter(([, n]) => n >= MIN_DF).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
const out = {
  _note:
    'Document frequencies of word stems (as src/corpus/grouping-features.ts stems them) over PolNeAR train articles and NeuS train roundups (../shared/data); counts only, no text. Built by scripts/build-background-df.ts.',
  documents: texts.length,
  df: Object.fromEntries(kept),
}
writeFileSync(new URL('../models/background-df.json', import.meta.url), `${JSON.stringify(out)}\n`)
console.log(`${texts.length} documents, ${df.size} stems, ${kept.length} kept (df >= ${MIN_DF})`)
