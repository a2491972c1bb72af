import assert from 'node:assert/strict'
import { test } from 'node:test'
import { normalise, tokenizeText } from './tokenize.ts'

const texts = (text: string) => tokenizeText(text).map((t) => text.slice(t.span.start, t.span.end))

test('tokenizeText splits as readers expect', () => {
  const cases: [string, string[]][] = [
    ['The U.S. military struck.', ['The', 'U.S.', 'military', 'struck', '.']],
    ['Iran-backed groups', ['Iran-backed', 'groups']],
    ['Jordan’s Tower 22 base', ['Jordan', '’s', 'Tower', '22', 'base']],
    ['Kata’ib leaders', ['Kata’ib', 'leaders']],
    ['1,200 people and 3.5 million', ['1,200', 'people', 'and', '3.5', 'million']],
    ['on Jan. 28 in Ostra', ['on', 'Jan.', '28', 'in', 'Ostra']],
    ['killed.Al-Saadi was', ['killed', '.', 'Al-Saadi', 'was']],
    ['“Quoted,” he said', ['“', 'Quoted', ',', '”', 'he', 'said']],
    ['John F. Kennedy', ['John', 'F.', 'Kennedy']],
    ['', []],
  ]
  for (const [input, expected] of cases) assert.deepEqual(texts(input), expected, input)
})

test('tokens keep exact offsets and never overlap', () => {
  const text = '  A “mixed” text—with 47 others,\nnew lines\tand tabs… U.N. 28th.'
  let last = 0
  for (const t of tokenizeText(text)) {
    assert.ok(t.span.start >= last)
    assert.ok(t.span.end > t.span.start)
    assert.equal(/\s/.test(text.slice(t.span.start, t.span.end)), false)
    last = t.span.end
  }
  // Tokens plus the gaps between them rebuild the text exactly.
  const rebuilt = tokenizeText(text).reduce(
    (acc, t, i, all) => acc + text.slice(t.span.start, all[i + 1]?.span.start ?? text.length),
    text.slice(0, tokenizeText(text)[0].span.start),
  )
  assert.equal(rebuilt, text)
})

test('normalise folds typographic forms', () => {
  const cases: [string, string][] = [
    ['Kata’ib', "kata'ib"],
    ['“Hi”', '"hi"'],
    ['a—b', 'a-b'],
  ]
  for (const [input, expected] of cases) assert.equal(normalise(input), expected)
})
