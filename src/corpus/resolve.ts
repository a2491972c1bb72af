/**
 * Cross-document entity resolution: clusters the mentions of many documents into entities.
 *
 * Within a document, mentions join by normalised name, by an acronym defined in the text
 * ("Federal Aviation Administration (FAA)") or matching a name's initials, and a surname joins the
 * one full person name in the document that ends with it. Across documents, clusters join by a
 * shared name or acronym, an organisation's name without its head word ("Red Hawks" for "Red Hawks
 * Brigade"), and by a conservative transliteration match for long names
 * (Kata'ib / Katai'ib / Kataib). Types disagreeing across mentions are settled by majority vote.
 */
import { createHash } from 'node:crypto'
import orgData from '../data/org-heads.json' with { type: 'json' }
import personTitles from '../data/person-titles.json' with { type: 'json' }
import type { Doc, Entity, EntityType, Evidence, Mention } from '../model/types.ts'
import { majority } from '../stages/entities.ts'
import { groupSingular, loadGazetteer } from '../stages/entity-gazetteer.ts'

const LEGAL_SUFFIXES = new Set(orgData.legalSuffixes)
const NAME_SUFFIXES = new Set(personTitles.suffixes)

const tokenCache = new Map<string, string[]>()

/** Name tokens: diacritics, apostrophes, case, dots and possessives folded; hyphens split words. */
export const nameTokens = (text: string): string[] => {
  const cached = tokenCache.get(text)
  if (cached) return cached
  const tokens = foldName(text)
  // Bounded: names repeat across a corpus, but a long-running process must not grow without limit.
  if (tokenCache.size >= 100_000) tokenCache.clear()
  tokenCache.set(text, tokens)
  return tokens
}

const foldName = (text: string): string[] => {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘ʼ`´]s$/u, '')
    .replace(/['’‘ʼ`´.]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  const tokens = folded.length === 0 ? [] : folded.split(' ')
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift()
  // A company form does not tell two names apart: "Acme Inc." and "Acme" are one company.
  while (tokens.length > 1 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1])) tokens.pop()
  // Nor does a generational suffix: "Tom Harlan Jr." is "Harlan" by surname and "Tom Harlan" in full.
  while (tokens.length > 1 && NAME_SUFFIXES.has(tokens[tokens.length - 1])) tokens.pop()
  return tokens
}

/** The key two spellings of one name share: its tokens run together ("al-Saadi" = "Al Saadi" = "alsaadi"). */
export const nameKey = (text: string): string => nameTokens(text).join('')

const isAcronym = (text: string): boolean => {
  const letters = text.replace(/[.&\s-]/g, '')
  return letters.length >= 2 && letters.length <= 8 && /^\p{Lu}[\p{Lu}\d]*$/u.test(letters)
}

/** Types whose names take acronyms of another language's words ("Kurdistan Workers' Party (PKK)"). */
const UNSPELLED_TYPES: ReadonlySet<EntityType> = new Set(['ORG', 'MISC', 'NORP'])

/** Whether an acronym's letters run in order through a name from its first letter ("DRC" in "Democratic Republic of Congo"). */
const spells = (acronym: string, name: string): boolean => {
  const letters = acronym.toLowerCase().replace(/[^\p{L}]/gu, '')
  const text = name.toLowerCase().replace(/[^\p{L}]/gu, '')
  if (letters.length === 0 || text[0] !== letters[0]) return false
  let i = 0
  for (const c of text) if (c === letters[i] && ++i === letters.length) return true
  return false
}

/** A bracket after a mention: the acronym it would define and the mention's name key, or null. */
const bracketAfter = (doc: Doc, m: Mention): { acronym: string; host: string } | null => {
  const defined = ACRONYM_AFTER.exec(doc.text.slice(m.span.end, m.span.end + 16))
  if (!defined || isAcronym(m.text)) return null
  return { acronym: defined[1], host: nameKey(m.text) }
}

/**
 * Brackets that credit an agency, a station or a photographer rather than define an acronym: ones
 * whose letters do not spell the name before them and that follow two or more different names across
 * the corpus ("WASHINGTON (AP)", "Jane Roe (AP)").
 */
const creditBrackets = (docs: readonly Doc[]): Set<string> => {
  const hosts = new Map<string, Set<string>>()
  for (const doc of docs) {
    for (const m of doc.mentions ?? []) {
      const b = bracketAfter(doc, m)
      if (!b || spells(b.acronym, m.text)) continue
      const key = nameKey(b.acronym)
      let set = hosts.get(key)
      if (!set) {
        set = new Set()
        hosts.set(key, set)
      }
      set.add(b.host)
    }
  }
  return new Set([...hosts].filter(([, set]) => set.size > 1).map(([key]) => key))
}

/**
 * Whether "Name (ACRO)" makes ACRO an alias of the name: when its letters spell the name ("Democratic
 * Republic of Congo (DRC)"), or, for an organisation's or a group's name, when no other name of the
 * corpus takes the same bracket: organisations keep acronyms of their names in other languages
 * ("Kurdistan Workers' Party (PKK)"), while a place's or a person's bracket is a station's, an agency's
 * or a photographer's credit ("INDIANAPOLIS (WISH)", "Jane Roe (AP)"), and so is one that follows many
 * names ("Acme Police Department (AP)").
 */
const definesAcronym = (m: Mention, acronym: string, sharedCredits: ReadonlySet<string>): boolean =>
  spells(acronym, m.text) || (UNSPELLED_TYPES.has(m.type) && !sharedCredits.has(nameKey(acronym)))

/** Initials of a name's capitalised words ("Federal Aviation Administration" → "faa"), skipping "of", "the". */
const initials = (text: string): string =>
  text
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => (isAcronym(w) ? w.replace(/\./g, '') : w[0]))
    .join('')
    .toLowerCase()

/** Damerau-free Levenshtein distance, stopping early past `max`. */
const editDistance = (a: string, b: string, max: number): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      row.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = row
  }
  return prev[b.length]
}

/** Consonant skeleton: vowels dropped, repeated letters collapsed ("kataiib" → "ktb"). */
const skeleton = (token: string): string => token.replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1')

/** Shortest token length for which spelling variants are matched at all. */
const MIN_FUZZY = 5

/**
 * Whether two name tokens are spelling or transliteration variants: equal, or long enough, with
 * the same first letter, and the same consonant skeleton or one edit apart.
 */
export const tokensVary = (a: string, b: string): boolean => {
  if (a === b) return true
  if (a.length < MIN_FUZZY || b.length < MIN_FUZZY || a[0] !== b[0]) return false
  // A suffix added is derivation, not spelling ("Syria" / "Syrian").
  if (a.startsWith(b) || b.startsWith(a)) return false
  // Three consonants are shared by too many different names ("Paris", "Press"; "Boren", "Bruin").
  const sa = skeleton(a)
  if (sa.length >= 4 && sa === skeleton(b)) return true
  return editDistance(a, b, 1) <= 1
}

/** Whether two names are variants: same number of tokens, each pair equal or varying, one pair at least long. */
export const namesVary = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length || a.length === 0) return false
  let long = false
  for (let i = 0; i < a.length; i++) {
    if (!tokensVary(a[i], b[i])) return false
    if (a[i].length >= MIN_FUZZY) long = true
  }
  return long
}

interface LocalCluster {
  doc: number
  mentions: Mention[]
  /** Keys any other cluster may join on. */
  strong: Set<string>
  /** Surname keys: join only a single cluster that has it. */
  weak: Set<string>
}

const typeVotes = (mentions: readonly Mention[]): Map<EntityType, number> => {
  const votes = new Map<EntityType, number>()
  for (const m of mentions) votes.set(m.type, (votes.get(m.type) ?? 0) + 1)
  return votes
}

class UnionFind {
  parent: number[]
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i)
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]]
      i = this.parent[i]
    }
    return i
  }
  union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
}

/** "Name (ACRO)" right after a mention defines ACRO as its acronym. */
const ACRONYM_AFTER = /^\s*\(\s*(\p{Lu}[\p{Lu}\d.&-]{1,9})\s*\)/u

const allPersons = (c: LocalCluster): boolean => c.mentions.every((m) => m.type === 'PERSON')

/** Clusters one document's mentions. `personNames` says which name keys are mostly PERSON corpus-wide. */
const clusterDoc = (
  doc: Doc,
  index: number,
  personKeys: Set<string>,
  sharedCredits: ReadonlySet<string>,
): LocalCluster[] => {
  const mentions = doc.mentions ?? []
  const byKey = new Map<string, LocalCluster>()
  const clusters: LocalCluster[] = []
  const clusterFor = (key: string): LocalCluster => {
    let c = byKey.get(key)
    if (!c) {
      c = { doc: index, mentions: [], strong: new Set([key]), weak: new Set() }
      byKey.set(key, c)
      clusters.push(c)
    }
    return c
  }
  for (const m of mentions) {
    // Nationality and group words join their plurals ("Americans" with "American").
    const key = (m.type === 'NORP' ? groupSingular(m.text) : undefined) ?? nameKey(m.text)
    if (key.length === 0) continue
    clusterFor(key).mentions.push(m)
  }
  const merge = (into: LocalCluster, from: LocalCluster): void => {
    if (into === from) return
    into.mentions.push(...from.mentions)
    for (const k of from.strong) {
      into.strong.add(k)
      byKey.set(k, into)
    }
    for (const k of from.weak) into.weak.add(k)
    from.mentions = []
    from.strong.clear()
  }
  // Acronyms: defined in parentheses after a mention, or matching the initials of a longer name.
  for (const m of mentions) {
    const bracket = bracketAfter(doc, m)
    if (!bracket || !definesAcronym(m, bracket.acronym, sharedCredits)) continue
    const host = byKey.get(bracket.host)
    if (!host) continue
    const acronym = nameKey(bracket.acronym)
    const existing = byKey.get(acronym)
    if (existing) merge(host, existing)
    else {
      host.strong.add(acronym)
      byKey.set(acronym, host)
    }
  }
  const live = (): LocalCluster[] => clusters.filter((c) => c.mentions.length > 0)
  const longNames = live().filter((c) =>
    c.mentions.some((m) => !isAcronym(m.text) && nameTokens(m.text).length > 1),
  )
  for (const c of live()) {
    if (!c.mentions.every((m) => isAcronym(m.text))) continue
    const key = nameKey(c.mentions[0].text)
    const hosts = longNames.filter((h) => h !== c && h.mentions.some((m) => initials(m.text) === key))
    if (hosts.length === 1) merge(hosts[0], c)
  }
  // Surnames (and other trailing parts of a person's name) join the one full name ending with them.
  const persons = live().filter(allPersons)
  for (const c of persons) {
    if (c.mentions.length === 0) continue
    const short = c.mentions[0]
    const tokens = nameTokens(short.text)
    // Only a form read mostly as a person corpus-wide and always in this document, joining a name read
    // as a person every time here: "Hezbollah" must not join "Kata'ib Hezbollah" when the tagger
    // mistakes some mentions of the longer name for a person.
    if (!personKeys.has(nameKey(short.text)) || !allPersons(c)) continue
    const hosts = persons.filter((h) => {
      if (h === c || h.mentions.length === 0) return false
      return h.mentions.some((m) => {
        const full = nameTokens(m.text)
        if (full.length <= tokens.length || !personKeys.has(nameKey(m.text))) return false
        return full.slice(full.length - tokens.length).join('') === tokens.join('')
      })
    })
    if (hosts.length !== 1) continue
    const weakKeys = [...c.strong]
    merge(hosts[0], c)
    for (const k of weakKeys) {
      hosts[0].strong.delete(k)
      hosts[0].weak.add(k)
    }
  }
  return live()
}

/**
 * Acronyms that stand for different names in different documents ("APD" for the Albany and the Austin
 * police): they join names inside each document only. Names one of which begins the other ("Dellport
 * Police" and "Dellport Police Department") are one name here.
 */
const ambiguousAcronyms = (locals: readonly LocalCluster[]): Set<string> => {
  const acronymKeys = new Set<string>()
  for (const c of locals) for (const m of c.mentions) if (isAcronym(m.text)) acronymKeys.add(nameKey(m.text))
  const hosts = new Map<string, Set<string>>()
  for (const c of locals) {
    const names = [...c.strong].filter((k) => !acronymKeys.has(k))
    if (names.length === 0) continue
    const longest = names.reduce((a, b) => (b.length > a.length ? b : a))
    for (const k of c.strong) {
      if (!acronymKeys.has(k)) continue
      let set = hosts.get(k)
      if (!set) {
        set = new Set()
        hosts.set(k, set)
      }
      set.add(longest)
    }
  }
  const out = new Set<string>()
  for (const [k, names] of hosts) {
    // "US government" holds "US" as a word, not as initials: no other meaning of it.
    const all = [...names].filter((a) => !a.startsWith(k))
    const distinct = all.filter((a) => !all.some((b) => b !== a && b.startsWith(a)))
    if (distinct.length > 1) out.add(k)
  }
  return out
}

const compareRanks = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/** Chooses an entity's display name: the most frequent full (non-acronym) name, longer on ties. */
const canonicalName = (mentions: readonly Mention[], weak: Set<string>): string => {
  const counts = new Map<string, number>()
  for (const m of mentions) {
    const text = m.text.replace(/\s+/g, ' ')
    counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  const rank = (text: string): number[] => [
    isAcronym(text) ? 0 : 1,
    weak.has(nameKey(text)) ? 0 : 1,
    counts.get(text) ?? 0,
    text.length,
  ]
  let best = ''
  let bestRank: number[] = []
  for (const text of counts.keys()) {
    const r = rank(text)
    if (bestRank.length === 0 || compareRanks(r, bestRank) > 0) {
      best = text
      bestRank = r
    }
  }
  return best
}

const entityId = (type: EntityType, name: string): string =>
  `e-${createHash('sha256')
    .update(`${type}:${nameKey(name)}`)
    .digest('hex')
    .slice(0, 12)}`

/**
 * Resolves the mentions of many documents into entities, setting `mention.entity` on each.
 *
 * @example
 * const entities = resolveEntities(docs) // docs analysed by the entities stage
 * entities[0] // → { id: 'e-…', type: 'ORG', name: 'Federal Aviation Administration', aliases: ['FAA'], mentions: [...] }
 */
export const resolveEntities = (docs: readonly Doc[]): Entity[] => {
  // Which names are mostly people corpus-wide: surname attachment trusts only those.
  const votesByKey = new Map<string, Map<EntityType, number>>()
  for (const doc of docs) {
    for (const m of doc.mentions ?? []) {
      const key = nameKey(m.text)
      let votes = votesByKey.get(key)
      if (!votes) {
        votes = new Map()
        votesByKey.set(key, votes)
      }
      votes.set(m.type, (votes.get(m.type) ?? 0) + 1)
    }
  }
  const personKeys = new Set([...votesByKey].filter(([, v]) => majority(v) === 'PERSON').map(([k]) => k))
  const sharedCredits = creditBrackets(docs)
  const locals = docs.flatMap((doc, i) => clusterDoc(doc, i, personKeys, sharedCredits))
  const uf = new UnionFind(locals.length)
  const byStrong = new Map<string, number>()
  const ambiguous = ambiguousAcronyms(locals)
  locals.forEach((c, i) => {
    for (const k of c.strong) {
      if (ambiguous.has(k)) continue
      const j = byStrong.get(k)
      if (j === undefined) byStrong.set(k, i)
      else uf.union(i, j)
    }
  })
  // A lone surname elsewhere joins the single full name that has it as a surname.
  const weakHosts = new Map<string, Set<number>>()
  locals.forEach((c, i) => {
    for (const k of c.weak) {
      let s = weakHosts.get(k)
      if (!s) {
        s = new Set()
        weakHosts.set(k, s)
      }
      s.add(i)
    }
  })
  for (const [key, hosts] of weakHosts) {
    const roots = new Set([...hosts].map((h) => uf.find(h)))
    const lone = byStrong.get(key)
    if (roots.size === 1 && lone !== undefined) uf.union(lone, [...hosts][0])
  }
  const gaz = loadGazetteer()
  // A surname alone in a document where the tagger misread it ("Al-Saadi" as a place) joins the one
  // person entity of the corpus whose full name ends with it; never a place or nationality word.
  const rootVotes = new Map<number, Map<EntityType, number>>()
  locals.forEach((c, i) => {
    const root = uf.find(i)
    const votes = rootVotes.get(root) ?? new Map<EntityType, number>()
    for (const m of c.mentions) votes.set(m.type, (votes.get(m.type) ?? 0) + 1)
    rootVotes.set(root, votes)
  })
  const surnameHosts = new Map<string, Set<number>>()
  // Only an entity read as a person nearly every time hosts surnames: a group's name the tagger
  // sometimes mistakes for a person ("Kata'ib Hezbollah") must not swallow "Hezbollah".
  const clearPerson = (votes: Map<EntityType, number> | undefined): boolean => {
    let total = 0
    for (const n of votes?.values() ?? []) total += n
    return total > 0 && (votes?.get('PERSON') ?? 0) >= 0.75 * total
  }
  locals.forEach((c, i) => {
    const root = uf.find(i)
    if (!clearPerson(rootVotes.get(root))) return
    for (const m of c.mentions) {
      const tokens = nameTokens(m.text)
      for (let k = 1; k < tokens.length; k++) {
        const key = tokens.slice(k).join('')
        const hosts = surnameHosts.get(key) ?? new Set<number>()
        hosts.add(root)
        surnameHosts.set(key, hosts)
      }
    }
  })
  locals.forEach((c, i) => {
    if (c.mentions.some((m) => m.type === 'GPE' || m.type === 'NORP' || m.type === 'FAC')) return
    const keys = new Set(c.mentions.map((m) => nameKey(m.text)))
    if (keys.size !== 1) return
    const hosts = surnameHosts.get([...keys][0])
    if (hosts?.size !== 1) return
    const [host] = hosts
    if (uf.find(i) !== uf.find(host)) uf.union(i, host)
  })
  // An organisation's first word alone ("Lockheed" for "Lockheed Martin") joins the one organisation
  // of the corpus whose name starts with it; two such organisations ("Apple Computer", "Apple Corps")
  // leave it alone.
  const orgRoot = new Map<number, boolean>()
  const isOrgRoot = (root: number): boolean => {
    let known = orgRoot.get(root)
    if (known === undefined) {
      known = majority(rootVotes.get(root) ?? new Map()) === 'ORG'
      orgRoot.set(root, known)
    }
    return known
  }
  const firstWordHosts = new Map<string, Set<number>>()
  locals.forEach((c, i) => {
    const root = uf.find(i)
    if (!isOrgRoot(root)) return
    for (const m of c.mentions) {
      const tokens = nameTokens(m.text)
      if (tokens.length < 2 || tokens[0].length < 3 || isAcronym(m.text)) continue
      const hosts = firstWordHosts.get(tokens[0]) ?? new Set<number>()
      hosts.add(root)
      firstWordHosts.set(tokens[0], hosts)
    }
  })
  locals.forEach((c, i) => {
    const tokens = c.mentions.map((m) => nameTokens(m.text))
    if (!tokens.every((t) => t.length === 1 && t[0] === tokens[0][0])) return
    if (!isOrgRoot(uf.find(i)) || gaz.gpe.has(tokens[0][0])) return
    const hosts = firstWordHosts.get(tokens[0][0])
    if (hosts?.size !== 1) return
    const [host] = hosts
    if (uf.find(i) !== uf.find(host)) uf.union(i, host)
  })
  // An organisation's name without its head word ("Red Hawks" for "Red Hawks Brigade") joins the one
  // organisation of the corpus named by it and a head word ("Brigade", "Party", "Ministry").
  const headlessHosts = new Map<string, Set<number>>()
  locals.forEach((c, i) => {
    const root = uf.find(i)
    if (!isOrgRoot(root)) return
    for (const m of c.mentions) {
      const tokens = nameTokens(m.text)
      if (tokens.length < 3 || !gaz.orgHeads.has(tokens[tokens.length - 1])) continue
      const key = tokens.slice(0, -1).join(' ')
      const hosts = headlessHosts.get(key) ?? new Set<number>()
      hosts.add(root)
      headlessHosts.set(key, hosts)
    }
  })
  locals.forEach((c, i) => {
    const keys = new Set(c.mentions.map((m) => nameTokens(m.text).join(' ')))
    if (keys.size !== 1 || !isOrgRoot(uf.find(i))) return
    const [key] = keys
    if (gaz.gpe.has(key)) return
    const hosts = headlessHosts.get(key)
    if (hosts?.size !== 1) return
    const [host] = hosts
    if (uf.find(i) !== uf.find(host)) uf.union(i, host)
  })
  // Spelling variants of long names, never between two names the gazetteer knows as distinct places.
  const names = new Map<string, { tokens: string[]; cluster: number; known: boolean }>()
  locals.forEach((c, i) => {
    for (const m of c.mentions) {
      const tokens = nameTokens(m.text)
      const key = tokens.join(' ')
      const known = gaz.gpe.has(key) || gaz.demonyms.has(key) || gaz.groups.has(key)
      if (!names.has(key)) names.set(key, { tokens, cluster: i, known })
    }
  })
  const buckets = new Map<string, { tokens: string[]; cluster: number; known: boolean }[]>()
  for (const entry of names.values()) {
    if (!entry.tokens.some((t) => t.length >= MIN_FUZZY)) continue
    // Variants agree on every short token and on the first letter of every long one.
    const bucket = entry.tokens.map((t) => (t.length < MIN_FUZZY ? t : t[0])).join(' ')
    let list = buckets.get(bucket)
    if (!list) {
      list = []
      buckets.set(bucket, list)
    }
    list.push(entry)
  }
  for (const list of buckets.values()) {
    // Complete link: two entities join only when every name of one varies with every name of the other
    // in this bucket. Single link chained a corpus's surnames one edit at a time ("Barnes", "Banes",
    // "Banks", "Batts", …) into one person.
    const members = new Map<number, { tokens: string[]; known: boolean }[]>()
    const membersOf = (root: number) => members.get(root) ?? list.filter((e) => uf.find(e.cluster) === root)
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        if (list[a].known && list[b].known) continue
        const ra = uf.find(list[a].cluster)
        const rb = uf.find(list[b].cluster)
        if (ra === rb || !namesVary(list[a].tokens, list[b].tokens)) continue
        const ma = membersOf(ra)
        const mb = membersOf(rb)
        const fits = ma.every((x) =>
          mb.every(
            (y) =>
              !(x.known && y.known) &&
              (x.tokens.join(' ') === y.tokens.join(' ') || namesVary(x.tokens, y.tokens)),
          ),
        )
        if (!fits) continue
        uf.union(ra, rb)
        members.set(uf.find(ra), [...ma, ...mb])
      }
    }
  }
  // Build entities.
  const groups = new Map<number, LocalCluster[]>()
  locals.forEach((c, i) => {
    const root = uf.find(i)
    const list = groups.get(root) ?? []
    list.push(c)
    groups.set(root, list)
  })
  const entities: Entity[] = []
  const used = new Set<string>()
  for (const group of groups.values()) {
    const mentions = group.flatMap((c) => c.mentions)
    const weak = new Set(group.flatMap((c) => [...c.weak]))
    const type = majority(typeVotes(mentions)) ?? 'MISC' // every entity has mentions
    const name = canonicalName(mentions, weak)
    let id = entityId(type, name)
    // Two entities that stayed apart under one name (a surname shared by two people) keep distinct ids.
    for (let n = 2; used.has(id); n++) id = `${entityId(type, name)}-${n}`
    used.add(id)
    const evidence: Evidence[] = []
    for (const c of group) {
      const doc = docs[c.doc]
      for (const m of c.mentions) {
        m.entity = id
        evidence.push({ document: doc.id, start: m.span.start, end: m.span.end, text: m.text })
      }
    }
    evidence.sort((x, y) =>
      x.document === y.document ? x.start - y.start : x.document < y.document ? -1 : 1,
    )
    const aliases = [...new Set(mentions.map((m) => m.text.replace(/\s+/g, ' ')))]
      .filter((t) => t !== name)
      .sort()
    entities.push({ id, type, name, aliases, mentions: evidence })
  }
  entities.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))
  return entities
}

/** True when `short` is `full` told shorter: its last words ("Vasquith"), or its first and last ("Marlon Vasquith"). */
const shortFor = (short: readonly string[], full: readonly string[]): boolean => {
  if (short.length === 0 || short.length >= full.length) return false
  const tail = full.slice(full.length - short.length)
  if (tail.every((t, i) => t === short[i])) return true
  return short.length === 2 && short[0] === full[0] && short[1] === full.at(-1)
}

/**
 * Within one story, joins a person told shorter to the one person of the story told in full: the
 * mentions of "Vasquith" or "Marlon Vasquith" in the story's reports move to "Marlon Dreck Vasquith"
 * when no other person of the story has that name as a surname or as first and last names. Across a
 * whole corpus those forms name many people ("Michael Johnson", "Johnson"), so resolution leaves them
 * apart; inside the reports of one event they name the one person the story is about. Mentions of the
 * shorter entity in other stories keep their entity. Quote speakers and label targets follow their
 * mentions. Returns the entities, those left without mentions removed.
 *
 * @example
 * const entities = joinWithinStories(resolveEntities(docs), groupStories(docs).map((s) => docsOf(s)))
 */
export const joinWithinStories = (
  entities: readonly Entity[],
  stories: readonly (readonly Doc[])[],
): Entity[] => {
  const byId = new Map(entities.map((e) => [e.id, { ...e, mentions: [...e.mentions] }]))
  const namesOf = (e: Entity): string[][] =>
    [e.name, ...e.aliases].map(nameTokens).filter((t) => t.length > 0)
  for (const docs of stories) {
    if (docs.length < 2) continue
    const persons = new Map<string, Entity>()
    for (const doc of docs)
      for (const m of doc.mentions ?? []) {
        const e = m.entity === undefined ? undefined : byId.get(m.entity)
        if (e?.type === 'PERSON') persons.set(e.id, e)
      }
    const moves = new Map<string, string>()
    for (const short of persons.values()) {
      const shortNames = namesOf(short)
      const hosts = [...persons.values()].filter(
        (full) => full !== short && shortNames.every((s) => namesOf(full).some((f) => shortFor(s, f))),
      )
      if (hosts.length === 1) moves.set(short.id, hosts[0].id)
    }
    if (moves.size === 0) continue
    // A chain (a surname to a shortened name to the full one) ends at the fullest.
    const target = (id: string): string => {
      let at = id
      for (let steps = 0; moves.has(at) && steps < moves.size; steps++) at = moves.get(at)!
      return at
    }
    const docIds = new Set(docs.map((d) => d.id))
    for (const [from] of moves) {
      const to = byId.get(target(from))!
      const source = byId.get(from)!
      const moved = source.mentions.filter((m) => docIds.has(m.document))
      source.mentions = source.mentions.filter((m) => !docIds.has(m.document))
      to.mentions.push(...moved)
      const spelled = new Set([...to.aliases, ...moved.map((m) => m.text.replace(/\s+/g, ' '))])
      spelled.delete(to.name)
      to.aliases = [...spelled].sort()
    }
    for (const doc of docs) {
      const remap = <T extends { entity?: string }>(x: T | undefined): void => {
        if (x?.entity !== undefined && moves.has(x.entity)) x.entity = target(x.entity)
      }
      for (const m of doc.mentions ?? []) remap(m)
      for (const q of doc.quotes ?? []) remap(q.speaker)
      for (const l of doc.framing?.labels ?? []) remap(l.target)
    }
  }
  const out = [...byId.values()].filter((e) => e.mentions.length > 0)
  for (const e of out)
    e.mentions.sort((x, y) =>
      x.document === y.document ? x.start - y.start : x.document < y.document ? -1 : 1,
    )
  out.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))
  return out
}
