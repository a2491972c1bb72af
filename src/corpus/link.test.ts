import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Doc, Mention } from '../model/types.ts'
import { entityWithin, linkEntities } from './link.ts'

const text =
  'Brigade spokesman Jane Roe of the Lakeland Front said so, the Interior Ministry said, Estorian officials said.'
const at = (s: string, type: Mention['type'], entity: string): Mention => {
  const start = text.indexOf(s)
  return { span: { start, end: start + s.length }, text: s, type, entity }
}
const mentions = [
  at('Jane Roe', 'PERSON', 'p1'),
  at('Lakeland Front', 'ORG', 'o1'),
  at('Interior Ministry', 'ORG', 'o2'),
  at('Estorian', 'NORP', 'n1'),
]
const spanOf = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length })

test('entityWithin prefers the person named in a title-plus-name phrase', () => {
  const cases: [string, string | undefined][] = [
    ['Brigade spokesman Jane Roe of the Lakeland Front', 'p1'],
    ['the Interior Ministry', 'o2'],
    ['Brigade spokesman', undefined],
    ['Estorian officials', undefined],
  ]
  for (const [phrase, expected] of cases)
    assert.equal(entityWithin(mentions, spanOf(phrase)), expected, phrase)
})

test('linkEntities sets speaker entities and leaves ones already set', () => {
  const doc: Doc = {
    id: 'd',
    text,
    meta: { source: 't' },
    messages: [],
    mentions,
    quotes: [
      {
        span: spanOf(text),
        content: spanOf('so'),
        speaker: { span: spanOf('Brigade spokesman Jane Roe'), text: 'Brigade spokesman Jane Roe' },
        direct: false,
      },
      {
        span: spanOf(text),
        content: spanOf('so'),
        speaker: { span: spanOf('the Interior Ministry'), text: 'the Interior Ministry', entity: 'kept' },
        direct: false,
      },
    ],
  }
  linkEntities([doc])
  assert.equal(doc.quotes?.[0].speaker?.entity, 'p1')
  assert.equal(doc.quotes?.[1].speaker?.entity, 'kept')
})
