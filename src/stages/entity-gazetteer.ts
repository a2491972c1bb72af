/**
 * Place and group-name gazetteers for the entity tagger: features while tagging, and the mapping
 * from the tagger's CoNLL types (PER, ORG, LOC, MISC) to ours (PERSON, ORG, GPE, LOC, FAC, NORP, MISC).
 * Loaded once, lazily, from npm packages that ship data (countries-list, city-timezones) and small
 * hand-written data files under src/data/.
 */
import { createRequire } from 'node:module'
import { countries } from 'countries-list'
import abbreviations from '../data/abbreviations.json' with { type: 'json' }
import demonymData from '../data/demonyms.json' with { type: 'json' }
import facilityData from '../data/facility-heads.json' with { type: 'json' }
import gpeExtra from '../data/gpe-extra.json' with { type: 'json' }
import norpData from '../data/norp-groups.json' with { type: 'json' }
import orgData from '../data/org-heads.json' with { type: 'json' }
import titleData from '../data/person-titles.json' with { type: 'json' }
import type { EntityType } from '../model/types.ts'

/** Gazetteer classes a token can belong to, as bit flags. */
export const GAZ_GPE_BEGIN = 1
export const GAZ_GPE_INSIDE = 2
export const GAZ_DEMONYM = 4
export const GAZ_GROUP = 8
export const GAZ_COUNTRY = 16

/** The loaded gazetteers: lower-case names, multi-word names joined by single spaces. */
export interface Gazetteer {
  /** Countries, their capitals and aliases, cities, provinces/states, extra short forms. */
  gpe: Set<string>
  countries: Set<string>
  /** `countries` and the nations news treats as countries ("England", "Scotland"), for typing names. */
  nations: Set<string>
  /** First words of multi-word GPE names, to skip the longest-match search quickly. */
  gpeFirst: Map<string, number>
  demonyms: Set<string>
  groups: Set<string>
  facilityHeads: Set<string>
  /** Street words and administrative divisions ending a name ("Kostner Avenue", "Cook County"). */
  streetHeads: Set<string>
  gpeHeads: Set<string>
  /** Last words that make a name an organisation ("Command", "Brigades", "Party"). */
  orgHeads: Set<string>
  /** Nouns that after a name make it an organisation's ("the X movement"); and members' ("X commander"). */
  groupNouns: Set<string>
  memberNouns: Set<string>
  /** Nouns that after a one-word name make it a leader's surname ("the Obama administration"). */
  leaderNouns: Set<string>
  /** Titles written before a person's name ("ceo", "spokeswoman", "gen"), lower-case without dots. */
  titles: Set<string>
  /** Titles that also begin other names ("General Motors"). */
  ambiguousTitles: Set<string>
  /** Single-word flags (demonym, group) for every listed form and its plurals, for fast lookup. */
  wordFlags: Map<string, number>
}

interface CityRow {
  city: string
  city_ascii: string
  province: string
  iso2: string
  pop?: number
}

let loaded: Gazetteer | undefined

const fold = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()

const addName = (gaz: Gazetteer, name: string, into: Set<string> = gaz.gpe): void => {
  const words = name
    .toLowerCase()
    .replace(/[’‘ʼ`´]/g, "'")
    .split(/\s+/)
    .filter((w) => w.length > 0)
  if (words.length === 0) return
  const key = words.join(' ')
  into.add(key)
  if (into !== gaz.gpe) gaz.gpe.add(key)
  const longest = gaz.gpeFirst.get(words[0]) ?? 0
  if (words.length > longest) gaz.gpeFirst.set(words[0], words.length)
}

/** The gazetteers, loaded on first use and shared. */
export const loadGazetteer = (): Gazetteer => {
  if (loaded) return loaded
  const gaz: Gazetteer = {
    gpe: new Set(),
    countries: new Set(),
    nations: new Set(),
    gpeFirst: new Map(),
    demonyms: new Set(demonymData.demonyms),
    groups: new Set(norpData.groups),
    facilityHeads: new Set(facilityData.heads),
    orgHeads: new Set(orgData.heads),
    streetHeads: new Set(facilityData.streetHeads),
    gpeHeads: new Set(facilityData.gpeHeads),
    titles: new Set([...titleData.titles, ...abbreviations.titles]),
    ambiguousTitles: new Set(titleData.ambiguous),
    groupNouns: new Set(orgData.groupNouns),
    memberNouns: new Set(orgData.memberNouns),
    leaderNouns: new Set(orgData.leaderNouns),
    wordFlags: new Map(),
  }
  const flag = (word: string, bit: number): void => {
    const forms = [word, `${word}s`, `${word}es`]
    if (word.endsWith('man')) forms.push(`${word.slice(0, -3)}men`)
    for (const form of forms) gaz.wordFlags.set(form, (gaz.wordFlags.get(form) ?? 0) | bit)
  }
  for (const word of gaz.demonyms) flag(word, GAZ_DEMONYM)
  for (const word of gaz.groups) flag(word, GAZ_GROUP)
  for (const country of Object.values(countries) as { name: string; capital?: string; alias?: string[] }[]) {
    addName(gaz, country.name, gaz.countries)
    for (const alias of country.alias ?? []) addName(gaz, alias, gaz.countries)
    if (country.capital) addName(gaz, country.capital)
  }
  // city-timezones ships ~7,300 cities (GeoNames-derived) with their province or state.
  const require = createRequire(import.meta.url)
  const cities = require('city-timezones/data/cityMap.json') as CityRow[]
  for (const row of cities) {
    addName(gaz, row.city)
    if (row.city_ascii !== row.city) addName(gaz, row.city_ascii)
    if (row.province) addName(gaz, row.province)
  }
  for (const name of gpeExtra.names) addName(gaz, name)
  // Not in `countries`: the tagger's features were trained on countries-list's countries alone.
  for (const name of gpeExtra.countries) gaz.nations.add(name)
  for (const name of gaz.countries) gaz.nations.add(name)
  loaded = gaz
  return gaz
}

/** A place name as the gazetteers list it: lower case, no dots, no leading "the" ("the U.S." → "us"). */
export const listedForm = (name: string): string =>
  fold(name)
    .replace(/\./g, '')
    .replace(/^the\s+/, '')

let containing: Map<string, Set<string>> | undefined

const NONE: ReadonlySet<string> = new Set()

/**
 * The places a listed city or province lies in, as listed names: its province or state, its country and
 * the country's other names ("memphis" → tennessee, united states, us, usa, america, …). Empty for a
 * name not listed; a name listed more than once (two Springfields) gets every container.
 */
export const containersOf = (name: string): ReadonlySet<string> => {
  if (!containing) {
    const map = new Map<string, Set<string>>()
    const countryNames = (iso2: string): string[] => {
      const country = (countries as Record<string, { name: string; alias?: string[] }>)[iso2]
      return country ? [country.name, ...(country.alias ?? [])] : []
    }
    const add = (inner: string, outer: readonly string[]): void => {
      const key = listedForm(inner)
      const set = map.get(key) ?? new Set<string>()
      for (const o of outer) if (listedForm(o) !== key) set.add(listedForm(o))
      map.set(key, set)
    }
    const require = createRequire(import.meta.url)
    const cities = new Set<string>()
    const wholes = new Set<string>()
    for (const row of require('city-timezones/data/cityMap.json') as CityRow[]) {
      const outer = [row.province, ...countryNames(row.iso2)].filter(Boolean)
      add(row.city, outer)
      add(row.city_ascii, outer)
      cities.add(listedForm(row.city)).add(listedForm(row.city_ascii))
      for (const o of outer) wholes.add(listedForm(o))
      if (row.province) add(row.province, countryNames(row.iso2))
    }
    containing = map
    regionNames = new Set([...wholes].filter((w) => !cities.has(w)))
    wholeNames = wholes
  }
  return containing.get(listedForm(name)) ?? NONE
}

let populations: Map<string, number> | undefined

/**
 * The population of a listed city (city-timezones' figure; the largest of the cities listed under that
 * name, since a report naming "Albany" may mean any of them), undefined for a name not listed as a city.
 *
 * @example
 * populationOf('Houston') // about 4 million
 */
export const populationOf = (name: string): number | undefined => {
  if (!populations) {
    const map = new Map<string, number>()
    const require = createRequire(import.meta.url)
    for (const row of require('city-timezones/data/cityMap.json') as CityRow[]) {
      for (const form of new Set([listedForm(row.city), listedForm(row.city_ascii)])) {
        map.set(form, Math.max(map.get(form) ?? 0, row.pop ?? 0))
      }
    }
    populations = map
  }
  return populations.get(listedForm(name))
}

let regionNames: Set<string> | undefined
let wholeNames: Set<string> | undefined

const REGION_WORDS = new Set(gpeExtra.regionWords)

/**
 * Whether a name is listed as a province, state or country and never as a city ("Ohio", "Iraq"; not
 * "New York", which is both), or ends with the kind of division it is ("Cobb County", "Orleans Parish"):
 * a region, less precise than any town named beside it.
 */
export const isRegion = (name: string): boolean => {
  containersOf(name)
  const listed = listedForm(name)
  if (regionNames!.has(listed)) return true
  const words = listed.split(' ')
  return words.length > 1 && REGION_WORDS.has(words[words.length - 1])
}

const COMPASS_PREFIXES = new Set(gpeExtra.compassPrefixes)

/**
 * What a place name says it is a part of: "South Toledo" → "toledo", "East Side" → "side" and
 * "Downtown" → "" (a part of the town the report is about), undefined for a name without a compass
 * or part word before it or for one listed whole ("West Virginia" is not a part of Virginia).
 */
export const partOf = (name: string): string | undefined => {
  const words = listedForm(name).split(' ')
  if (!COMPASS_PREFIXES.has(words[0]) || containersOf(name).size > 0) return undefined
  if (words.length < 2) return ''
  return words.slice(1).join(' ')
}

/** Whether a name is listed as a town and never as a state or country ("Memphis"; not "Ohio", "Florida", "Cobb County"). */
const isTown = (name: string): boolean =>
  containersOf(name).size > 0 && !isRegion(name) && !wholeNames!.has(listedForm(name))

/**
 * Whether one place names a part of a town named as the other, or the other a county named after the
 * town: "south toledo" and "toledo" (`partOf`), "varenna" and "varenna-dale county" (a division ending
 * with its kind, whose first words are the town's). Both listed forms. Not a part of a state or
 * nation ("South Florida", "North Korea"), nor a state whose name begins like the town's ("West
 * Virginia" beside "West").
 */
export const placeWithin = (a: string, b: string): boolean => {
  if (a === b) return false
  if ((partOf(a) === b && isTown(b)) || (partOf(b) === a && isTown(a))) return true
  const x = a.split(/[\s-]+/)
  const y = b.split(/[\s-]+/)
  const [short, long] = x.length < y.length ? [x, y] : [y, x]
  return (
    short.length < long.length &&
    short.every((w, i) => long[i] === w) &&
    REGION_WORDS.has(long[long.length - 1]) &&
    isTown(short.join(' '))
  )
}

/** The singular of a group word as the data files list it ("Iraqis" → "iraqi", "Frenchmen" → "frenchman"). */
const singular = (word: string, set: Set<string>): string | undefined => {
  if (set.has(word)) return word
  if (word.endsWith('men') && set.has(`${word.slice(0, -3)}man`)) return `${word.slice(0, -3)}man`
  if (word.endsWith('es') && set.has(word.slice(0, -2))) return word.slice(0, -2)
  if (word.endsWith('s') && set.has(word.slice(0, -1))) return word.slice(0, -1)
  return undefined
}

/** Whether a word is a title written before a person's name ("CEO", "Gen.", "Spokeswoman"). */
export const isTitle = (word: string, gaz: Gazetteer = loadGazetteer()): boolean =>
  gaz.titles.has(word.toLowerCase().replace(/\.$/, ''))

/** Whether a title only ever stands before a person's name ("CEO", "Spokeswoman", "Mr."), unlike "General". */
export const isPersonTitle = (word: string, gaz: Gazetteer = loadGazetteer()): boolean => {
  const key = word.toLowerCase().replace(/\.$/, '')
  return gaz.titles.has(key) && !gaz.ambiguousTitles.has(key)
}

/** The listed singular of a nationality or group word ("Americans" → "american"), if it is one. */
export const groupSingular = (word: string, gaz: Gazetteer = loadGazetteer()): string | undefined => {
  const lower = fold(word)
  return singular(lower, gaz.demonyms) ?? singular(lower, gaz.groups)
}

/**
 * Gazetteer flags per token, from lower-cased words: GPE names by longest match over up to the
 * longest listed name, and demonym / religious-political group words singly. `known` passes each
 * word's own flags and longest GPE name starting with it when the caller has them cached.
 */
export const gazetteerFlags = (
  lower: readonly string[],
  gaz: Gazetteer = loadGazetteer(),
  known?: { single: Uint8Array; longest: Uint8Array },
): Uint8Array => {
  const flags = new Uint8Array(lower.length)
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i]
    flags[i] |= known ? known.single[i] : (gaz.wordFlags.get(w) ?? 0)
    const longest = known ? known.longest[i] : (gaz.gpeFirst.get(w) ?? 0)
    if (longest === 0) continue
    for (let n = Math.min(longest, lower.length - i); n >= 1; n--) {
      const key = n === 1 ? w : lower.slice(i, i + n).join(' ')
      if (!gaz.gpe.has(key)) continue
      const country = gaz.countries.has(key) ? GAZ_COUNTRY : 0
      flags[i] |= GAZ_GPE_BEGIN | country
      for (let j = i + 1; j < i + n; j++) flags[j] |= GAZ_GPE_INSIDE | country
      break
    }
  }
  return flags
}

/** Street and division heads that are also common surnames ("Lane", "Parish"). */
const SURNAME_HEADS = new Set(facilityData.surnameHeads)

/** Prefixes of adjectival compounds ("anti-Vellan", "pro-Vellan", "pre-war"). */
const ADJECTIVE_PREFIXES: readonly string[] = orgData.adjectivePrefixes

/** A number, a number word or a single capital letter: what labels a group or a division ("group four"). */
const LABEL = /^(?:\d+|[A-Z]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$/

/** A score, a table's count or a lap time after a team's name ("2", "34", "1:52.104"), not a year. */
const SCORE = /^(?:\d{1,3}|\d+:[\d.]+)$/

/** The tagger's coarse types (CoNLL-2003). */
export type ConllType = 'PER' | 'ORG' | 'LOC' | 'MISC'

/**
 * Maps a tagger type to ours, looking at the mention's words and the word after it (`next`, as it
 * appears, case kept; only a lower-case common noun counts): a LOC listed as a country, city or
 * state is a GPE, one whose last word is a facility head ("airport", "base") a FAC; a MISC made only
 * of nationality or religious/political group words ("Iraqi", "Shiite Muslims") is NORP.
 */
export const refineType = (
  type: ConllType,
  words: readonly string[],
  gaz: Gazetteer = loadGazetteer(),
  next?: string,
  nextButOne?: string,
): EntityType => {
  const refined = refineWords(type, words, gaz)
  // A country the tagger read as a team in a results line ("Tarsk 2 Monaco 1", "Marsk ( Kenya )
  // Jordan 1:52.104") is a club or a racing team named after it: national sides are read as places.
  if (type === 'ORG' && refined === 'GPE' && SCORE.test(next ?? '')) return 'ORG'
  // An adjectival compound ("Iran-backed", "US-led", "anti-Vellan", "pro-Vellan") modifies the noun;
  // it is not the group's name.
  const first = fold(words[0] ?? '')
  if (/-\p{Ll}+$/u.test(words[words.length - 1] ?? '')) return refined
  if (ADJECTIVE_PREFIXES.some((p) => first.startsWith(`${p}-`))) return refined
  // A religion's or a party's adjective before a noun ("a Roman Catholic organisation") is no
  // organisation's name.
  const last = fold(words[words.length - 1] ?? '')
  if (singular(last, gaz.groups) !== undefined || singular(last, gaz.demonyms) !== undefined) return refined
  // A noun followed by a number or a letter is a label ("the Kestrel Cup group four qualifier",
  // "group B"), not the organisation the name would modify.
  if (nextButOne !== undefined && LABEL.test(nextButOne)) return refined
  // A name used as a modifier of "movement" or "commander" names an organisation; a person's name
  // is only retyped by group nouns ("Biden administration" stays a person's name).
  const after = next === undefined || next !== next.toLowerCase() ? '' : next
  if (words.length === 1 && gaz.leaderNouns.has(after) && refined !== 'GPE' && refined !== 'NORP')
    return 'PERSON'
  if (refined === 'MISC' && (gaz.groupNouns.has(after) || gaz.memberNouns.has(after))) return 'ORG'
  if (refined === 'PERSON' && gaz.groupNouns.has(after) && after !== 'government') return 'ORG'
  return refined
}

const refineWords = (type: ConllType, words: readonly string[], gaz: Gazetteer): EntityType => {
  const lower = words.map(fold).filter((w) => w.length > 0)
  if (lower.length > 1 && lower[0] === 'the') lower.shift()
  // "North Quarnby", "SW Dellport": a part of a listed city or country is a place, whatever the
  // tagger read ("North Dellport" as an organisation). Not one listed whole ("South Ostravia" is a
  // country of its own and stays as the gazetteers have it).
  if (lower.length > 1 && COMPASS_PREFIXES.has(lower[0]) && gaz.gpe.has(lower.slice(1).join(' '))) {
    return gaz.gpe.has(lower.join(' ')) || type !== 'LOC' ? 'GPE' : 'LOC'
  }
  // News tagged like sports results: a country name the tagger read as a team ("US", "Germany") is the country.
  if (type === 'ORG') return gaz.nations.has(lower.join(' ').replace(/\./g, '')) ? 'GPE' : 'ORG'
  if (lower.length === 0) return type === 'PER' ? 'PERSON' : type === 'LOC' ? 'LOC' : 'MISC'
  // A road or an administrative division says so in its last word, whatever the words before it
  // looked like to the tagger ("Kostner Avenue" is not a person, "Cook County" not an organisation).
  const head = lower[lower.length - 1]
  // Not a head that is also a common surname, in a name read as a person ("Barry Lane").
  const surname = type === 'PER' && SURNAME_HEADS.has(head)
  if (lower.length > 1 && gaz.streetHeads.has(head) && !surname) return 'FAC'
  if (lower.length > 1 && gaz.gpeHeads.has(head) && !surname) return 'GPE'
  // A place the tagger read as one and the gazetteers list is that place, whatever its last word
  // ("West Bank", "Soviet Union", "Russian Federation").
  if (type === 'LOC' && gaz.gpe.has(lower.join(' '))) return 'GPE'
  // A name ending in an organisation head word is an organisation, whatever the tagger guessed from
  // the shape of the words before it ("U.S. Central Command", "Vanguard Brigades"). Not a name the
  // tagger read as MISC: that reading comes from the words around it, and head words also end the
  // names of competitions and their tables ("Southern Division", "National League", "Kestrel Cup").
  if (type !== 'MISC' && lower.length > 1 && gaz.orgHeads.has(head.replace(/\.$/, ''))) return 'ORG'
  if (type === 'PER') return 'PERSON'
  if (type === 'LOC') {
    if (gaz.gpe.has(lower.join(' '))) return 'GPE'
    if (lower.length > 1 && gaz.facilityHeads.has(lower[lower.length - 1])) return 'FAC'
    return 'LOC'
  }
  const isGroup = (w: string): boolean =>
    singular(w, gaz.demonyms) !== undefined || singular(w, gaz.groups) !== undefined
  // "Shiite Muslims" word by word, "Sri Lankan" as a whole.
  if (lower.every(isGroup) || isGroup(lower.join(' '))) return 'NORP'
  return 'MISC'
}
