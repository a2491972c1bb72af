/**
 * Floors for comparing real reports of one incident: Gun Violence Archive incidents with two or
 * more local news articles (../shared/data/gva, read at run time, never copied). Every group is
 * one real incident, so the registry's killed and injured counts say what the comparison should
 * reconcile to, and a killed "conflict" is almost always a misalignment.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { before, describe, test } from 'node:test'
import { compareStory } from '../src/corpus/compare.ts'
import { resolveEntities } from '../src/corpus/resolve.ts'
import type { Fact } from '../src/model/types.ts'
import { analyseDocument } from '../src/pipeline/default.ts'

const DIR = new URL('../../shared/data/gva', import.meta.url).pathname
/** Incidents looked at: the first ones (by id) with 2–5 articles; enough to measure, cheap to run. */
const INCIDENTS = 30

interface Outcome {
  gold: { killed: number; injured: number }
  facts: Fact[]
}

const loadOutcomes = (): Outcome[] => {
  const incidents = new Map<string, { num_killed: number; num_injured: number }>()
  for (const line of readFileSync(`${DIR}/incidents.jsonl`, 'utf8').trim().split('\n')) {
    const o = JSON.parse(line)
    incidents.set(o.incident_id, o)
  }
  const articles = new Map<string, { id: string; title: string; content: string; dct: string }[]>()
  for (const line of readFileSync(`${DIR}/documents.jsonl`, 'utf8').trim().split('\n')) {
    const o = JSON.parse(line)
    if (!incidents.has(o.incident_id)) continue
    articles.set(o.incident_id, [...(articles.get(o.incident_id) ?? []), o])
  }
  const ids = [...articles.keys()].filter(
    (id) => articles.get(id)!.length >= 2 && articles.get(id)!.length <= 5,
  )
  return ids.slice(0, INCIDENTS).map((id) => {
    const docs = articles.get(id)!.map((a) =>
      analyseDocument({
        id: a.id,
        text: `${a.title}\n\n${a.content}`,
        meta: { source: a.id, title: a.title, published: a.dct },
      }),
    )
    const gold = incidents.get(id)!
    return {
      gold: { killed: gold.num_killed, injured: gold.num_injured },
      facts: compareStory(docs, resolveEntities(docs)).facts,
    }
  })
}

/** The fact most reports tell for a role: the incident's toll as the comparison sees it. */
const mainFact = (facts: Fact[], role: string): Fact | undefined =>
  facts
    .filter((f) => f.kind === 'quantity' && f.key.startsWith(`quantity:${role}:`))
    .sort((a, b) => b.values.length - a.values.length)[0]

describe('comparing reports of one shooting (GVA)', {
  skip: !existsSync(DIR) && 'no ../shared/data/gva',
}, () => {
  let outcomes: Outcome[]
  before(() => {
    outcomes = loadOutcomes()
  })

  const share = (role: 'killed' | 'injured'): { right: number; told: number } => {
    let right = 0
    let told = 0
    for (const { gold, facts } of outcomes) {
      const fact = mainFact(facts, role)
      if (!fact) continue
      told++
      if (fact.reconciled?.best === gold[role]) right++
    }
    return { right, told }
  }

  test('the reconciled killed count matches the registry in at least 75% of incidents that report one', () => {
    const { right, told } = share('killed')
    assert.ok(told >= 10, `only ${told} incidents with a killed fact`)
    assert.ok(right / told >= 0.75, `${right}/${told}`)
  })

  test('the reconciled injured count matches the registry in at least 55%', () => {
    const { right, told } = share('injured')
    assert.ok(told >= 10, `only ${told} incidents with an injured fact`)
    assert.ok(right / told >= 0.55, `${right}/${told}`)
  })

  test('killed counts of one incident are rarely read as conflicting (at most 1 in 10)', () => {
    const conflicts = outcomes.filter(({ facts }) =>
      facts.some((f) => f.key.startsWith('quantity:killed:') && f.status === 'conflict'),
    ).length
    assert.ok(conflicts * 10 <= outcomes.length, `${conflicts} of ${outcomes.length}`)
  })

  test('the fact list stays readable (at most 25 facts a story)', () => {
    for (const { facts } of outcomes) assert.ok(facts.length <= 25, `${facts.length} facts`)
  })
})
