/**
 * Loaded-word detection against BABE (Spinde et al., Findings of EMNLP 2021): news sentences labelled Biased /
 * Non-biased by experts, with the words that make them biased. Each sentence is run alone through tokenize, segment,
 * quotes and framing. The lexicons are not derived from BABE, so every sentence is test data (split `sg2` = all of
 * final_labels_SG2.csv; `sg1` = the MBIC sentences relabelled by experts, final_labels_SG1.csv).
 *
 * - word P/R/F1: per sentence, a predicted loaded word in the outlet's voice is right (BABE marks the outlet's own
 *   bias: its annotators seldom marked words inside quotations, which framing assigns to the quoted speaker) when it equals a gold biased word or is a
 *   word of a multi-word gold entry (case-insensitive); a gold entry is found when a predicted word equals it or is
 *   one of its words. Sentences with "No agreement" are left out.
 * - sentence accuracy: a sentence is predicted Biased when it has at least one loaded word in the outlet's voice;
 *   compared with label_bias. Also P/R/F1 of the Biased class.
 * Set FRAMING_EVAL_DUMP=<file> to write false positives and misses for error analysis.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeDoc } from '../src/model/doc.ts'
import { createPipeline } from '../src/pipeline/stage.ts'
import { framing } from '../src/stages/framing.ts'
import { quotes } from '../src/stages/quotes.ts'
import { segment } from '../src/stages/segment.ts'
import { tokenize } from '../src/stages/tokenize.ts'
import { dataDir, type Metric, prf } from './metric.ts'

/** Parses `;`-separated CSV with `"` quoting and doubled `""` inside quotes; strips a byte-order mark. */
export const parseCsv = (text: string, separator = ';'): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === separator) {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Parses a Python list of strings as written by `str(list)`: `['a', "b's"]`. */
export const parsePythonList = (text: string): string[] => {
  const out: string[] = []
  const item = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g
  for (let m = item.exec(text); m; m = item.exec(text)) out.push((m[1] ?? m[2]).replace(/\\(.)/g, '$1'))
  return out
}

const run = createPipeline([tokenize(), segment(), quotes(), framing()])

const evaluateFile = (file: string, split: string, dump: string[]): Metric[] => {
  const rows = parseCsv(readFileSync(join(dataDir(), 'babe_mbic', 'data', file), 'utf8'))
  const header = rows[0]
  const col = (name: string): number => header.indexOf(name)
  const [cText, cLabel, cWords] = [col('text'), col('label_bias'), col('biased_words')]
  let tp = 0
  let fp = 0
  let fn = 0
  let right = 0
  let sentences = 0
  let sTp = 0
  let sFp = 0
  let sFn = 0
  for (const row of rows.slice(1)) {
    const label = row[cLabel]
    if (label !== 'Biased' && label !== 'Non-biased') continue
    const text = row[cText]
    const gold = parsePythonList(row[cWords] ?? '[]').map((w) => w.toLowerCase())
    const goldWords = new Set(gold.flatMap((g) => g.split(/\s+/)))
    const doc = run(makeDoc({ text, meta: { source: `${file}:${sentences}` } }))
    const loaded = doc.framing?.loaded ?? []
    const predicted = new Set(loaded.filter((l) => l.voice === 'outlet').map((l) => l.text.toLowerCase()))
    for (const p of predicted) {
      if (goldWords.has(p)) tp++
      else {
        fp++
        dump.push(`${split}\tFP\t${p}\t${text}`)
      }
    }
    for (const g of new Set(gold)) {
      if (!g.split(/\s+/).some((w) => predicted.has(w))) {
        fn++
        dump.push(`${split}\tFN\t${g}\t${text}`)
      }
    }
    const biased = loaded.some((l) => l.voice === 'outlet')
    const gBiased = label === 'Biased'
    sentences++
    if (biased === gBiased) right++
    if (biased && gBiased) sTp++
    else if (biased) sFp++
    else if (gBiased) sFn++
  }
  const words = prf(tp, fp, fn)
  const sent = prf(sTp, sFp, sFn)
  return [
    {
      dataset: 'babe',
      split,
      metric: 'loaded-word-f1',
      value: words.f1,
      note: `P ${words.p.toFixed(3)} R ${words.r.toFixed(3)}; tp ${tp} fp ${fp} fn ${fn}`,
    },
    { dataset: 'babe', split, metric: 'loaded-word-precision', value: words.p },
    {
      dataset: 'babe',
      split,
      metric: 'sentence-accuracy',
      value: right / Math.max(1, sentences),
      note: `${right}/${sentences}; Biased class P ${sent.p.toFixed(3)} R ${sent.r.toFixed(3)} F1 ${sent.f1.toFixed(3)}`,
    },
  ]
}

/** BABE SG2 and SG1: word-level loaded-word P/R/F1 and sentence-level accuracy of "has an outlet-voice loaded word". */
export const evaluate = async (): Promise<Metric[]> => {
  const dump: string[] = []
  const metrics = [
    ...evaluateFile('final_labels_SG2.csv', 'sg2', dump),
    ...evaluateFile('final_labels_SG1.csv', 'sg1', dump),
  ]
  const file = process.env.FRAMING_EVAL_DUMP
  if (file) writeFileSync(file, `${dump.join('\n')}\n`)
  return metrics
}
