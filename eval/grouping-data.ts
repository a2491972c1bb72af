/**
 * Loaders for the grouping datasets in ../shared/data, read at run time (no article text is copied into
 * the repository). Each returns docs plus the gold story of each doc id.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { linkEntities } from '../src/corpus/link.ts'
import { resolveEntities } from '../src/corpus/resolve.ts'
import { leadWithTitle } from '../src/ingest/text.ts'
import { makeDoc } from '../src/model/doc.ts'
import type { Doc } from '../src/model/types.ts'
import { analyseDocument } from '../src/pipeline/default.ts'
import { dataDir, unescapeXml } from './metric.ts'

/** Docs with their gold story labels. */
export interface GroupingSet {
  docs: Doc[]
  gold: Map<string, string>
}

/**
 * The half of a dataset a gold story belongs to: `train` when the number its label starts with (ECB+
 * topic, GVA incident id, AllSides story id) is odd, `test` otherwise. The grouping scorer is trained on
 * `train` only (scripts/train-grouping-scorer.ts), so `test` figures are held out.
 */
export const splitOf = (label: string): 'train' | 'test' =>
  Number(/^\d+/.exec(label)?.[0] ?? 0) % 2 === 1 ? 'train' : 'test'

/** The docs of a set whose gold story falls in `split`. */
export const splitSet = (set: GroupingSet, split: 'train' | 'test'): GroupingSet => {
  const docs = set.docs.filter((doc) => splitOf(set.gold.get(doc.id) ?? '') === split)
  return { docs, gold: new Map(docs.map((doc) => [doc.id, set.gold.get(doc.id) ?? ''])) }
}

/**
 * The set as `parallax analyze` groups it: every article through the default per-document pipeline
 * (mentions, dates, quantities, events), then entity resolution and linking across the set, as
 * `compareDocuments` in src/analyze.ts does before grouping. About 200 articles a second.
 */
export const analyseGroupingSet = (set: GroupingSet): GroupingSet => {
  const docs = set.docs.map((doc) => analyseDocument({ id: doc.id, text: doc.text, meta: doc.meta }))
  resolveEntities(docs)
  linkEntities(docs)
  return { docs, gold: set.gold }
}

/** ECB+: text rebuilt from the XML tokens (sentence 0 of *ecbplus.xml files, the URL, dropped); gold = topic + ecb/ecbplus. */
export const loadEcbPlus = (root = join(dataDir(), 'ecbplus/ECB+')): GroupingSet => {
  const docs: Doc[] = []
  const gold = new Map<string, string>()
  const topics = readdirSync(root).filter((t) => /^\d+$/.test(t))
  for (const topic of topics) {
    for (const file of readdirSync(join(root, topic)).filter((f) => f.endsWith('.xml'))) {
      const xml = readFileSync(join(root, topic, file), 'utf8')
      const plus = file.endsWith('ecbplus.xml')
      const sentences = new Map<number, string[]>()
      for (const m of xml.matchAll(/<token [^>]*sentence="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
        const s = Number(m[1])
        if (plus && s === 0) continue
        let list = sentences.get(s)
        if (!list) {
          list = []
          sentences.set(s, list)
        }
        list.push(unescapeXml(m[2]))
      }
      const text = [...sentences.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([, tokens]) => tokens.join(' '))
        .join('\n')
      const id = file.replace(/\.xml$/, '')
      docs.push(makeDoc({ id, text, meta: { source: join(topic, file) } }))
      gold.set(id, `${topic}${plus ? 'plus' : 'ecb'}`)
    }
  }
  return { docs, gold }
}

/** GVA: text = the title leading the content (as `parallax analyze` reads it), published = dct, gold = incident_id. */
export const loadGva = (file = join(dataDir(), 'gva/documents.jsonl')): GroupingSet => {
  const docs: Doc[] = []
  const gold = new Map<string, string>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const row = JSON.parse(line) as {
      id: string
      incident_id: string
      title: string
      dct: string
      content: string
    }
    if (gold.has(row.id)) continue
    const title = row.title ?? ''
    const text = leadWithTitle(title, row.content ?? '')
    docs.push(makeDoc({ id: row.id, text, meta: { source: file, published: row.dct, title } }))
    gold.set(row.id, String(row.incident_id))
  }
  return { docs, gold }
}

/** AllSides: each story's left/center/right report (newsTitle + newBody paragraphs), date = story date, gold = story id. */
export const loadAllSides = (
  file = join(dataDir(), 'allsides_neus/data/raw_crawled/headline_11_2021-10-19_crawled_all.jsonl'),
): GroupingSet => {
  const docs: Doc[] = []
  const gold = new Map<string, string>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const row = JSON.parse(line) as {
      id: number
      date: string
      news: Record<string, { newsTitle?: string; newBody?: string[]; newsSource?: string; newsLink?: string }>
    }
    for (const side of ['left', 'center', 'right']) {
      const report = row.news?.[side]
      if (!report || (!report.newsTitle && !report.newBody?.length)) continue
      const title = report.newsTitle ?? ''
      const text = [title, ...(report.newBody ?? [])].join('\n\n')
      const id = `${row.id}-${side}`
      docs.push(
        makeDoc({
          id,
          text,
          meta: {
            source: file,
            published: row.date.slice(0, 10),
            title,
            outlet: report.newsSource,
            url: report.newsLink,
          },
        }),
      )
      gold.set(id, String(row.id))
    }
  }
  return { docs, gold }
}
