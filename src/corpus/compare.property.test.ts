/**
 * Properties of compareStory over random made-up documents with random layers: whatever the
 * stages produced, the comparison never throws, every fact accounts for every document exactly
 * once (a value or a missing entry), no fact lines up two numbers of one report, keys are unique
 * and every piece of evidence is a span of its document.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { Doc, EntityType, QuantityRole } from '../model/types.ts'
import { segmentTokens } from '../stages/segment.ts'
import { tokenizeText } from '../stages/tokenize.ts'
import { compareStory } from './compare.ts'

const WORDS = [
  'Ostravia',
  'Karvik',
  'the',
  'militia',
  'killed',
  'three',
  '12',
  'soldiers',
  'in',
  'on',
  'Monday',
  'attack',
]
const ROLES: QuantityRole[] = ['killed', 'injured', 'arrested', 'other', 'money']
const TYPES: EntityType[] = ['GPE', 'ORG', 'PERSON', 'NORP', 'LOC']

/** A random document: random words, sentences, and layers pinned to random tokens. */
const arbDoc = (id: string) =>
  fc
    .record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 40 }),
      stops: fc.array(fc.nat(40), { maxLength: 6 }),
      picks: fc.array(
        fc.record({
          at: fc.nat(60),
          layer: fc.constantFrom('mention', 'quantity', 'date', 'event'),
          n: fc.integer({ min: 0, max: 60 }),
          open: fc.boolean(),
          role: fc.constantFrom(...ROLES),
          type: fc.constantFrom(...TYPES),
          entity: fc.constantFrom(undefined, 'e1', 'e2', 'e3'),
        }),
        { maxLength: 12 },
      ),
      published: fc.constantFrom(undefined, '2025-03-10'),
    })
    .map(({ words, stops, picks, published }): Doc => {
      const text = words.map((w, i) => (stops.includes(i) ? `${w}.` : w)).join(' ')
      const tokens = tokenizeText(text)
      const doc: Doc = {
        id,
        text,
        meta: { source: id, published },
        messages: [],
        tokens,
        sentences: segmentTokens(text, tokens),
        mentions: [],
        quantities: [],
        dates: [],
        events: [],
      }
      for (const p of picks) {
        const t = tokens[p.at % Math.max(tokens.length, 1)]
        if (!t) continue
        const span = { ...t.span }
        const covered = text.slice(span.start, span.end)
        if (p.layer === 'mention') doc.mentions!.push({ span, text: covered, type: p.type, entity: p.entity })
        if (p.layer === 'quantity')
          doc.quantities!.push({
            span,
            text: covered,
            low: p.n,
            best: p.n,
            high: p.open ? null : p.n,
            counted: 'soldiers',
            role: p.role,
          })
        if (p.layer === 'date')
          doc.dates!.push({
            span,
            text: covered,
            value: `2025-03-${String(1 + (p.n % 28)).padStart(2, '0')}`,
            precision: 'day',
            type: 'DATE',
            relative: false,
          })
        if (p.layer === 'event') doc.events!.push({ span, text: covered, type: p.open ? 'attack' : 'arrest' })
      }
      return doc
    })

describe('compareStory properties', () => {
  it('accounts for every document in every fact, with valid evidence', () => {
    let shared = 0
    fc.assert(
      fc.property(fc.tuple(arbDoc('a'), arbDoc('b'), arbDoc('c')), (docs) => {
        const byId = new Map(docs.map((d) => [d.id, d]))
        const out = compareStory(docs, [])
        assert.equal(new Set(out.facts.map((f) => f.key)).size, out.facts.length)
        for (const fact of out.facts) {
          const told = fact.values.map((v) => v.document)
          assert.equal(new Set(told).size, told.length, `${fact.key} lines up two values of one report`)
          assert.deepEqual([...told, ...fact.missing].sort(), ['a', 'b', 'c'])
          if (fact.values.length === 1) assert.equal(fact.status, 'unique')
          for (const v of fact.values)
            for (const ev of v.evidence)
              assert.equal(byId.get(ev.document)?.text.slice(ev.start, ev.end), ev.text)
        }
        assert.equal(out.framing.loaded.length, 3)
        if (out.facts.some((f) => f.kind === 'quantity' && f.values.length > 1)) shared++
      }),
      { numRuns: 150 },
    )
    // The generator must reach the interesting case: numbers lined up across reports.
    assert.ok(shared > 10, `only ${shared} runs lined up numbers`)
  })
})
