/**
 * The product's own answers to "when" and "where" on the Gun Violence Archive articles: each
 * article is analysed by the real pipeline and compared as a story of one report (what
 * `parallax analyze` prints for it), then its date fact ("when the shooting happened") is checked
 * against the registry's incident day and its place facts ("where it happened") against the
 * incident's city or county.
 *
 * Many articles are follow-ups (an arrest, a trial, a funeral) whose own event is not the shooting,
 * and many name only a neighbourhood or a street, so neither figure can reach 1.
 * `STORY_FACTS_EVAL_DUMP=<file>` writes every miss as a tab-separated line.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compareStory } from '../src/corpus/compare.ts'
import { resolveEntities } from '../src/corpus/resolve.ts'
import { storyRecord } from '../src/corpus/story-record.ts'
import { leadWithTitle } from '../src/ingest/text.ts'
import { makeDoc } from '../src/model/doc.ts'
import type { Doc, Fact } from '../src/model/types.ts'
import { analyseDocument } from '../src/pipeline/default.ts'
import { normalise } from '../src/stages/tokenize.ts'
import { dataDir, gvaIncidentDay, type Metric } from './metric.ts'

interface Incident {
  incident_id: string
  date: string
  city_or_county: string
  state: string
  num_killed: number
  num_injured: number
}

/**
 * A place name as GVA and news both write it, for matching: lower case, no parenthesised
 * note, no "city of", no "county"/"township", "St." as "Saint" ("Rock Falls", "Greene County" → "greene",
 * "St. Louis" → "saint louis").
 */
const placeKey = (name: string): string =>
  normalise(name)
    .replace(/\s*\(.*\)\s*/g, ' ')
    .replace(/^(?:city|town|village) of\s+/, '')
    .replace(/^(?:st|saint)\.?\s+/, 'saint ')
    .replace(/\s+(?:county|township|parish|city|borough)$/, '')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim()

const date = (facts: readonly Fact[]): Fact | undefined => facts.find((f) => f.kind === 'date')

/** A story's answers: the value of its date fact, and its place facts as match keys, in order. */
const answers = (facts: readonly Fact[]): { value: string | null; places: string[] } => {
  const when = date(facts)
  return {
    value: when ? String(when.values[0].value) : null,
    places: facts.filter((f) => f.kind === 'place').map((f) => placeKey(String(f.values[0]?.value ?? ''))),
  }
}

/** Runs the story-facts eval. */
export const evaluate = async (): Promise<Metric[]> => {
  const base = join(dataDir(), 'gva')
  const incidents = new Map<string, Incident>()
  for (const line of readFileSync(join(base, 'incidents.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue
    const incident = JSON.parse(line) as Incident
    incidents.set(incident.incident_id, incident)
  }
  const dump: string[] = []
  let articles = 0
  let dated = 0
  let rightDay = 0
  let placed = 0
  let cityNamed = 0
  let cityFirst = 0
  const byIncident = new Map<string, Doc[]>()
  for (const line of readFileSync(join(base, 'documents.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue
    const row = JSON.parse(line) as {
      id: string
      incident_id: string
      title: string
      dct: string
      content: string
    }
    const incident = incidents.get(row.incident_id)
    const day = incident ? gvaIncidentDay(incident.date) : undefined
    if (!incident || !day || !row.content) continue
    articles++
    const doc = analyseDocument(
      makeDoc({
        id: row.id,
        text: leadWithTitle(row.title, row.content),
        meta: { source: 'gva', published: row.dct, title: row.title },
      }),
    )
    byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), doc])
    const { facts } = compareStory([doc], resolveEntities([doc]))
    const { value, places } = answers(facts)
    if (value !== null) dated++
    if (value?.slice(0, 10) === day) rightDay++
    else
      dump.push(
        `DATE\t${row.id}\t${row.dct}\t${day}\t${date(facts)?.values[0].evidence[0].text ?? '-'}\t${value ?? '-'}`,
      )
    const city = placeKey(incident.city_or_county)
    if (places.length > 0) placed++
    if (places.includes(city)) cityNamed++
    if (places[0] === city) cityFirst++
    else
      dump.push(
        `PLACE\t${row.id}\t${incident.city_or_county}, ${incident.state}\t${places.join(' | ') || '-'}`,
      )
  }
  // Every incident told by two or more articles, compared as one story (the gold grouping): the
  // answers a user reads for a story of several reports.
  let stories = 0
  let storyDay = 0
  let storyCityFirst = 0
  let storyCityNamed = 0
  let storyKilled = 0
  let storyInjured = 0
  for (const [id, group] of byIncident) {
    if (group.length < 2) continue
    const incident = incidents.get(id)!
    stories++
    const comparison = compareStory(group, resolveEntities(group))
    const { value, places } = answers(comparison.facts)
    const record = storyRecord(group, comparison.earlierFigures)
    if (record?.killed.best === incident.num_killed) storyKilled++
    if (record?.injured.best === incident.num_injured) storyInjured++
    const city = placeKey(incident.city_or_county)
    if (value?.slice(0, 10) === gvaIncidentDay(incident.date)) storyDay++
    if (places.includes(city)) storyCityNamed++
    if (places[0] === city) storyCityFirst++
    else
      dump.push(
        `STORY-PLACE\t${id}\t${incident.city_or_county}, ${incident.state}\t${places.join(' | ') || '-'}`,
      )
  }
  const out = process.env.STORY_FACTS_EVAL_DUMP
  if (out) writeFileSync(out, `${dump.join('\n')}\n`)
  const m = (dataset: string, metric: string, value: number, note: string): Metric => ({
    dataset,
    split: 'all',
    metric,
    value,
    note,
  })
  return [
    m(
      'gva-dates',
      'event_date_accuracy',
      articles ? rightDay / articles : 0,
      `${rightDay}/${articles} articles: the date fact of the article's story is the incident's day (${dated} have a date fact)`,
    ),
    m(
      'gva-dates',
      'event_date_precision',
      dated ? rightDay / dated : 0,
      `${rightDay}/${dated} date facts are the incident's day`,
    ),
    m(
      'gva-places',
      'city_named',
      articles ? cityNamed / articles : 0,
      `${cityNamed}/${articles} articles: a place fact of the article's story is the incident's city or county (${placed} have a place fact)`,
    ),
    m(
      'gva-places',
      'city_first',
      articles ? cityFirst / articles : 0,
      `${cityFirst}/${articles}: the first place fact is the incident's city or county`,
    ),
    m(
      'gva-stories',
      'event_date_accuracy',
      stories ? storyDay / stories : 0,
      `${storyDay}/${stories} incidents with two or more articles, compared as one story: the date fact is the incident's day`,
    ),
    m(
      'gva-stories',
      'city_named',
      stories ? storyCityNamed / stories : 0,
      `${storyCityNamed}/${stories} such stories: a place fact is the incident's city or county`,
    ),
    m(
      'gva-stories',
      'city_first',
      stories ? storyCityFirst / stories : 0,
      `${storyCityFirst}/${stories} such stories: the first place fact is the incident's city or county`,
    ),
    m(
      'gva-stories',
      'killed_accuracy',
      stories ? storyKilled / stories : 0,
      `${storyKilled}/${stories} such stories: the story record's best killed count is the registry's`,
    ),
    m(
      'gva-stories',
      'injured_accuracy',
      stories ? storyInjured / stories : 0,
      `${storyInjured}/${stories} such stories: the story record's best injured count is the registry's`,
    ),
  ]
}
