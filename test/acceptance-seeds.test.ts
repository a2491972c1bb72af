/**
 * Acceptance on the two real seed articles (../shared/seeds): what a reader would check. These pass
 * through general mechanisms; nothing in src/ knows these articles.
 */
import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { analyze } from '../src/analyze.ts'
import { assertDoc } from '../src/model/invariants.ts'
import type { Doc, Fact, Report } from '../src/model/types.ts'
import { seedPaths } from './seeds.ts'

const paths = seedPaths()

describe('the two seed reports of the Baghdad drone strike', {
  skip: paths.length < 2 && 'no ../shared/seeds beside the checkout',
}, () => {
  let report: Report
  let dated: Doc
  let undated: Doc
  before(async () => {
    report = await analyze(paths)
    dated = report.documents.find((d) => d.meta.published)!
    undated = report.documents.find((d) => !d.meta.published)!
  })

  test('both are read, every span is valid, and they form one story', () => {
    assert.equal(report.errors.length, 0)
    assert.equal(report.documents.length, 2)
    for (const doc of report.documents) assertDoc(doc)
    assert.equal(dated.meta.published, '2024-02-08')
    assert.equal(dated.meta.outlet, 'sputnikglobe.com')
    const story = report.stories.find((s) => s.documents.length === 2)
    assert.ok(
      story,
      `expected one story with both reports, got ${report.stories.map((s) => s.documents.length)}`,
    )
  })

  const numericFacts = (role: string): Fact[] =>
    report.stories[0].facts.filter(
      (f) => f.kind === 'quantity' && f.key.includes(role) && f.values.length === 2,
    )

  test('the killed count of the attack in Jordan is agreed (three soldiers, three troops)', () => {
    const killed = numericFacts('killed')
    const agreed = killed.find(
      (f) => f.status === 'agree' && f.values.every((v) => JSON.stringify(v.value).includes('3')),
    )
    assert.ok(
      agreed,
      `expected an agreed killed fact of 3, got ${JSON.stringify(killed.map((f) => [f.status, f.values.map((v) => v.value)]))}`,
    )
  })

  test('the injured figures "at least 40" and "47" are compatible and reconciled', () => {
    const injured = numericFacts('injured')
    const fact = injured.find((f) => f.status === 'compatible')
    assert.ok(
      fact,
      `expected a compatible injured fact, got ${JSON.stringify(injured.map((f) => [f.status, f.values.map((v) => v.value)]))}`,
    )
    assert.equal(fact.reconciled?.low, 40)
    assert.equal(fact.reconciled?.best, 47)
    const texts = fact.values.flatMap((v) => v.evidence.map((e) => e.text)).join(' | ')
    assert.match(texts, /at least 40/)
    assert.match(texts, /47/)
  })

  test('the two militia officials killed in Baghdad are not lined up with the soldiers killed in Jordan', () => {
    const killedInBoth = numericFacts('killed')
    for (const f of killedInBoth) {
      const values = f.values.map((v) => JSON.stringify(v.value))
      assert.ok(
        !(
          values.some((v) => v.includes('2')) &&
          values.some((v) => v.includes('3')) &&
          f.status === 'conflict'
        ),
        'a 2-vs-3 killed conflict means two events were merged',
      )
    }
  })

  test('the spelling variants of the militia are one entity', () => {
    const militia = report.entities.filter((e) =>
      e.aliases.concat(e.name).some((a) => /^kata.?.?i.?b hezbollah$/i.test(a.replace(/[’']/g, "'"))),
    )
    assert.equal(
      militia.length,
      1,
      `expected one entity, got ${JSON.stringify(militia.map((e) => [e.name, e.aliases]))}`,
    )
    const spellings = new Set(militia[0].mentions.map((m) => m.text.replace(/[’']s$/, '')))
    assert.ok(spellings.size >= 3, `expected at least three spellings, got ${[...spellings]}`)
    assert.equal(new Set(militia[0].mentions.map((m) => m.document)).size, 2)
  })

  test('"Wednesday" is 2024-02-07 in the dated report and unresolved in the undated one', () => {
    const wed = dated.dates?.filter((d) => /^Wednesday/.test(d.text)) ?? []
    assert.ok(wed.length > 0)
    for (const d of wed) assert.equal(d.value, '2024-02-07')
    const undatedWed = undated.dates?.filter((d) => /Wednesday/.test(d.text)) ?? []
    assert.ok(undatedWed.length > 0)
    for (const d of undatedWed) assert.equal(d.value, null)
  })

  test("each outlet's label for the militia is shown side by side", () => {
    const story = report.stories[0]
    const actor = story.framing.labels.find((l) => /hezbollah/i.test(l.name) || /militia/i.test(l.name))
    assert.ok(actor, `labels for: ${story.framing.labels.map((l) => l.name)}`)
    const withLabels = actor.byDocument.filter((d) => d.labels.length > 0)
    assert.equal(withLabels.length, 2, JSON.stringify(actor.byDocument))
    const all = withLabels.flatMap((d) => d.labels.map((l) => l.text)).join(' | ')
    assert.match(all, /Iran-backed/i)
    assert.match(all, /government-allied|Iraqi militia/i)
  })

  test('loaded words inside quotations are the speaker’s, those in the narration are the outlet’s', () => {
    for (const doc of report.documents) {
      const direct = (doc.quotes ?? []).filter((q) => q.direct)
      for (const term of doc.framing?.loaded ?? []) {
        const inQuote = direct.some(
          (q) => q.content.start <= term.span.start && term.span.end <= q.content.end,
        )
        if (inQuote)
          assert.equal(term.voice, 'quoted', `${term.text} at ${term.span.start} is inside a quotation`)
      }
    }
    const voices = report.documents.flatMap((d) => d.framing?.loaded ?? []).map((l) => l.voice)
    assert.ok(voices.includes('quoted'), 'some loaded word is inside a quotation (the militia statement)')
    assert.ok(voices.includes('outlet'), 'some loaded word is in the narration')
    const statement =
      undated.framing?.loaded.filter((l) => l.voice === 'quoted').map((l) => l.text.toLowerCase()) ?? []
    assert.ok(
      statement.length > 0,
      'the militia statement quoted by the US outlet has loaded words in quoted voice',
    )
  })

  test('the named spokesman is a speaker', () => {
    const speakers = (dated.quotes ?? []).map((q) => q.speaker?.text ?? '')
    assert.ok(
      speakers.some((s) => /Kirby/.test(s)),
      `speakers: ${speakers}`,
    )
    const voices = report.stories[0].framing.voices.flatMap((v) => v.speakers.map((s) => s.name))
    assert.ok(
      voices.some((n) => /Kirby/.test(n)),
      `voices: ${voices}`,
    )
  })
})
