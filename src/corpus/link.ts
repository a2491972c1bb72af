import type { Doc, EntityType, Mention, Span } from '../model/types.ts'

/**
 * Which mention inside a speaker or label-target phrase names the actor: a person before an
 * organisation before a place. A nationality word ("Estorian officials") describes the speakers
 * without naming them, so NORP and MISC mentions never stand for the actor.
 */
const PREFERENCE: Partial<Record<EntityType, number>> = { PERSON: 0, ORG: 1, GPE: 2, FAC: 3, LOC: 4 }

const mentionsWithin = (mentions: readonly Mention[], span: Span): Mention[] =>
  mentions.filter(
    (m) =>
      m.entity !== undefined && m.type in PREFERENCE && m.span.start >= span.start && m.span.end <= span.end,
  )

/**
 * The entity a phrase refers to, from the resolved mentions inside it ("Brigade spokesman Jane Roe"
 * → Jane Roe; "the Interior Ministry" → Interior Ministry). The rightmost of the preferred type wins,
 * since in English the head of a title-plus-name phrase comes last.
 */
export const entityWithin = (mentions: readonly Mention[], span: Span): string | undefined => {
  const inside = mentionsWithin(mentions, span)
  if (inside.length === 0) return undefined
  const rank = (m: Mention): number => PREFERENCE[m.type] ?? Number.POSITIVE_INFINITY
  const best = Math.min(...inside.map(rank))
  return inside.filter((m) => rank(m) === best).at(-1)?.entity
}

/**
 * After entity resolution: points each quote's speaker and each label's target at the entity named
 * inside it, so voices and labels are counted per actor rather than per spelling.
 */
export const linkEntities = (docs: readonly Doc[]): void => {
  for (const doc of docs) {
    const mentions = doc.mentions ?? []
    for (const quote of doc.quotes ?? []) {
      if (quote.speaker && !quote.speaker.entity) {
        const entity = entityWithin(mentions, quote.speaker.span)
        if (entity) quote.speaker.entity = entity
      }
    }
    for (const label of doc.framing?.labels ?? []) {
      if (label.target && !label.target.entity) {
        const entity = entityWithin(mentions, label.target.span)
        if (entity) label.target.entity = entity
      }
    }
  }
}
