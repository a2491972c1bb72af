/**
 * Acceptance for comparing one story, on the two real seed reports (../shared/seeds, read at run
 * time, never copied). The per-document pipeline and entity resolution are the real ones; the
 * story is the two seeds, so this pins what compareStory makes of them, not how they are grouped.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, test } from 'node:test'
import { compareStory, type StoryComparison } from '../src/corpus/compare.ts'
import { resolveEntities } from '../src/corpus/resolve.ts'
import { readTextArticle } from '../src/ingest/text.ts'
import type { Doc, Fact } from '../src/model/types.ts'
import { analyseDocument } from '../src/pipeline/default.ts'
import { seedPaths } from './seeds.ts'

const paths = seedPaths()

describe('comparing the two seed reports', {
  skip: paths.length < 2 && 'no ../shared/seeds beside the checkout',
}, () => {
  let docs: Doc[]
  let story: StoryComparison
  before(() => {
    docs = paths.map((path) => analyseDocument(readTextArticle(readFileSync(path, 'utf8'), path).articles[0]))
    story = compareStory(docs, resolveEntities(docs))
  })

  const shared = (role: string): Fact[] =>
    story.facts.filter(
      (f) => f.kind === 'quantity' && f.key.startsWith(`quantity:${role}:`) && f.values.length === 2,
    )
  const show = (facts: Fact[]): string =>
    JSON.stringify(facts.map((f) => [f.status, f.about, f.values.map((v) => v.evidence[0]?.text)]))

  test('every piece of evidence is a span of its document', () => {
    const byId = new Map(docs.map((d) => [d.id, d]))
    for (const fact of story.facts) {
      assert.deepEqual(
        [...fact.values.map((v) => v.document), ...fact.missing].sort(),
        docs.map((d) => d.id).sort(),
      )
      for (const value of fact.values) {
        for (const ev of value.evidence) {
          assert.equal(byId.get(ev.document)?.text.slice(ev.start, ev.end), ev.text, fact.key)
        }
      }
    }
  })

  test('the soldiers killed in Jordan are one agreed fact (three and three)', () => {
    const agreed = shared('killed').filter(
      (f) =>
        f.status === 'agree' &&
        f.values.every((v) => JSON.stringify(v.value) === '{"low":3,"best":3,"high":3}'),
    )
    assert.equal(agreed.length, 1, show(shared('killed')))
    assert.match(agreed[0].about, /Jordan/)
  })

  test('"at least 40" and "47" injured are compatible, reconciled low 40, best 47, high 47', () => {
    const fact = shared('injured').find((f) => f.status === 'compatible')
    assert.ok(fact, show(shared('injured')))
    assert.deepEqual([fact.reconciled?.low, fact.reconciled?.best, fact.reconciled?.high], [40, 47, 47])
    const [first, second] = fact.values
    assert.match(first.evidence[0].text, /at least 40/)
    assert.match(second.evidence[0].text, /47/)
    // The second piece of evidence is the sentence the number was read in.
    for (const v of fact.values) {
      const [num, sentence] = v.evidence
      assert.ok(sentence.start <= num.start && num.end <= sentence.end)
    }
  })

  test('the officials killed in the Baghdad strike are a fact of their own, which the other report leaves out', () => {
    const killed = story.facts.filter((f) => f.kind === 'quantity' && f.key.startsWith('quantity:killed:'))
    const baghdad = killed.find((f) => f.values.some((v) => /\bTwo other\b/.test(v.evidence[1]?.text ?? '')))
    assert.ok(baghdad, `no killed fact from that sentence (quantities stage?): ${show(killed)}`)
    assert.equal(baghdad.status, 'unique')
    assert.equal(baghdad.missing.length, 1)
    assert.notEqual(baghdad.missing[0], baghdad.values[0].document)
  })

  test('numbers from the Baghdad strike line up with the other report only where both tell them: the commander killed', () => {
    for (const fact of story.facts.filter((f) => f.kind === 'quantity')) {
      const sentences = fact.values.map((v) => v.evidence[1]?.text ?? '')
      if (!sentences.some((s) => /\bTwo other\b/.test(s) || /\bBaghdad\b/.test(s))) continue
      if (sentences.some((s) => /\bTwo other\b/.test(s))) assert.equal(fact.values.length, 1, show([fact]))
      else if (fact.values.length > 1) {
        // Both reports tell of the commander's death: one killed each, in agreement.
        assert.equal(fact.status, 'agree', show([fact]))
        assert.ok(
          fact.values.every((v) => /commander|Saadi/i.test(v.evidence[0].text)),
          show([fact]),
        )
      }
    }
  })

  test("each outlet's label for the militia, side by side", () => {
    const militia = story.framing.labels.find((row) => /hezbollah/i.test(row.name))
    assert.ok(militia, `labels for: ${story.framing.labels.map((l) => l.name)}`)
    const texts = militia.byDocument.map((d) => d.labels.map((l) => l.text).join(' | '))
    assert.equal(texts.filter(Boolean).length, 2, JSON.stringify(texts))
    assert.match(texts.join(' || '), /Iran-backed/i)
    assert.match(texts.join(' || '), /government-allied/i)
  })

  test('the fact list stays short enough to read at a glance', () => {
    assert.ok(story.facts.length <= 20, `${story.facts.length} facts`)
    assert.ok(story.title.length > 0)
  })
})
