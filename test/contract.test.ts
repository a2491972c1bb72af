import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import Ajv2020 from 'ajv/dist/2020.js'
import { analyze } from '../src/analyze.ts'
import * as api from '../src/index.ts'
import { assertDoc } from '../src/model/invariants.ts'
import { toJsonReport } from '../src/report/json.ts'
import { seedPaths } from './seeds.ts'

const schema = JSON.parse(readFileSync(new URL('../docs/report.schema.json', import.meta.url), 'utf8'))
const examples = new URL('../examples', import.meta.url).pathname

test('the public API exports exactly what the contract promises', () => {
  assert.deepEqual(Object.keys(api).sort(), [
    'REPORT_VERSION',
    'analyseDocument',
    'analyze',
    'analyzeArticles',
    'assertDoc',
    'compareDocuments',
    'createPipeline',
    'defaultPipeline',
    'makeDoc',
    'readInputs',
    'renderMarkdown',
    'renderText',
    'toJsonReport',
  ])
})

test('the JSON report of examples/ and of the seeds follows docs/report.schema.json, and every offset indexes its text', async () => {
  const ajv = new Ajv2020.default({ allErrors: true, strict: false })
  const validate = ajv.compile(schema)
  for (const paths of [[examples], seedPaths()]) {
    if (paths.length === 0) continue
    const report = await analyze(paths)
    for (const doc of report.documents) assertDoc(doc)
    const json = JSON.parse(JSON.stringify(toJsonReport(report))) as {
      documents: {
        id: string
        text: string
        mentions: { start: number; end: number; text: string }[]
        quantities: { start: number; end: number; text: string }[]
        quotes: { speaker?: { start: number; end: number; text: string } }[]
        title: string | null
        record?: Record<
          'killed' | 'injured',
          { evidence: { start: number; end: number; text: string; field?: 'title' }[] }
        >
      }[]
      stories: {
        facts: { values: { evidence: { document: string; start: number; end: number; text: string }[] }[] }[]
      }[]
    }
    assert.ok(validate(json), JSON.stringify(validate.errors?.slice(0, 5), null, 2))
    const texts = new Map<string, string>(json.documents.map((d) => [d.id, d.text]))
    for (const d of json.documents) {
      for (const m of d.mentions) assert.equal(d.text.slice(m.start, m.end), m.text)
      for (const q of d.quantities) assert.equal(d.text.slice(q.start, q.end), q.text)
      for (const q of d.quotes)
        if (q.speaker) assert.equal(d.text.slice(q.speaker.start, q.speaker.end), q.speaker.text)
      assert.ok(d.record, `${d.id}: every document carries its main-event record`)
      for (const e of [...d.record.killed.evidence, ...d.record.injured.evidence])
        assert.equal((e.field === 'title' ? (d.title ?? '') : d.text).slice(e.start, e.end), e.text)
    }
    for (const story of json.stories) {
      for (const fact of story.facts) {
        for (const v of fact.values) {
          for (const e of v.evidence) assert.equal(texts.get(e.document)?.slice(e.start, e.end), e.text)
        }
      }
    }
  }
})

test('a JSONL id is kept and the text is exactly the input', async () => {
  const report = await analyze([`${examples}/coastal-wire.jsonl`])
  const doc = report.documents[0]
  assert.equal(doc.id, 'coastal-wire-rates-0311')
  const line = JSON.parse(readFileSync(`${examples}/coastal-wire.jsonl`, 'utf8').split('\n')[0])
  assert.equal(doc.text, line.text)
  assert.equal(doc.meta.published, '2025-03-11')
})
