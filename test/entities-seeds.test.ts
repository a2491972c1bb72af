/**
 * Acceptance for entity mentions and cross-document resolution on the two real seed articles
 * (../shared/seeds, read at run time). Nothing in src/ knows these articles: the names below are
 * what a reader would expect any general tagger and resolver to get.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, test } from 'node:test'
import { resolveEntities } from '../src/corpus/resolve.ts'
import { readTextArticle } from '../src/ingest/text.ts'
import { makeDoc } from '../src/model/doc.ts'
import { assertDoc } from '../src/model/invariants.ts'
import type { Doc, Entity, EntityType } from '../src/model/types.ts'
import { createPipeline } from '../src/pipeline/stage.ts'
import { entities } from '../src/stages/entities.ts'
import { segment } from '../src/stages/segment.ts'
import { tokenize } from '../src/stages/tokenize.ts'
import { seedPaths } from './seeds.ts'

const paths = seedPaths()

describe('entities on the seed reports', {
  skip: paths.length < 2 && 'no ../shared/seeds beside the checkout',
}, () => {
  let docs: Doc[]
  let resolved: Entity[]
  before(() => {
    const run = createPipeline([tokenize(), segment(), entities()])
    docs = paths.flatMap((path) =>
      readTextArticle(readFileSync(path, 'utf8'), path).articles.map((a) =>
        run(makeDoc({ text: a.text, meta: a.meta })),
      ),
    )
    resolved = resolveEntities(docs)
  })

  const entityOf = (text: string): Entity | undefined =>
    resolved.find((e) => e.name === text || e.aliases.includes(text))

  test('mentions are valid spans of the text', () => {
    for (const doc of docs) {
      assertDoc(doc)
      for (const m of doc.mentions ?? []) assert.equal(m.text, doc.text.slice(m.span.start, m.span.end))
    }
  })

  const typed: [string, EntityType[]][] = [
    ['John Kirby', ['PERSON']],
    ['Abu Baqir al-Saadi', ['PERSON']],
    ['Baghdad', ['GPE']],
    ['Iraqi', ['NORP']],
    ['Pentagon', ['ORG', 'FAC']],
    ['CENTCOM', ['ORG']],
  ]
  for (const [name, types] of typed) {
    test(`${name} is found as ${types.join(' or ')}`, () => {
      const entity = entityOf(name)
      assert.ok(entity, `no entity for ${name}`)
      assert.ok(types.includes(entity.type), `${name} is ${entity.type}`)
    })
  }

  test('"U.S. Central Command (CENTCOM)" makes CENTCOM an alias of the command', () => {
    const entity = entityOf('CENTCOM')
    assert.ok(entity)
    assert.ok([entity.name, ...entity.aliases].includes('U.S. Central Command'), JSON.stringify(entity))
  })

  test('the militia’s three spellings are one entity, apart from the shorter "Hezbollah"', () => {
    const militia = resolved.filter((e) =>
      [e.name, ...e.aliases].some((n) => /^Kata\W?i\W?b Hezbollah$/u.test(n)),
    )
    assert.equal(militia.length, 1, JSON.stringify(militia.map((e) => [e.name, e.aliases])))
    const spellings = new Set([militia[0].name, ...militia[0].aliases])
    assert.ok(spellings.size >= 3, [...spellings].join(', '))
    assert.ok(!spellings.has('Hezbollah'))
    assert.ok(['ORG', 'PERSON'].includes(militia[0].type))
    assert.ok(militia[0].mentions.length >= 5)
  })

  test('documents mentions all carry resolved entity ids', () => {
    for (const doc of docs) for (const m of doc.mentions ?? []) assert.ok(m.entity?.startsWith('e-'))
  })
})
