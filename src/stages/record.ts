import numberWords from '../data/quantities.json' with { type: 'json' }
import vocabulary from '../data/record.json' with { type: 'json' }
import { type DayRange, dayRange } from '../model/day-range.ts'
import { makeDoc } from '../model/doc.ts'
import type { CasualtyCount, Doc, EventRecord, Quantity, Span, Token } from '../model/types.ts'
import { createPipeline, type Pipeline, type Stage } from '../pipeline/stage.ts'
import { quantities } from './quantities.ts'
import { segment } from './segment.ts'
import { tokenize, tokenizeText } from './tokenize.ts'

/**
 * The record stage: one killed and one injured count for the document's main event, read from its
 * quantities the way a casualty dataset codes an event (low / best / high, with the evidence).
 *
 * Rules (general reading conventions of news, nothing tuned to one source):
 * - a quantity's value is its `best`, or its `low` when it is open-ended ("a fatal shooting": low 1, no
 *   best, no high); ranges and vague quantifiers ("several", "dozens") give no single value;
 * - killed = the largest value among role `killed`; 0 when there is none; a killer's death told in the lead
 *   ("then turned the gun on himself", "the slain suspect", "before police shot him dead") adds one to a
 *   figure of the victims ("killed his wife and daughter"), as a casualty register counts the killer too
 *   (a killer "shooting himself" right after killing, in one clause, took their own life);
 *   so does a killer the police killed to a toll of several told apart ("three members of a family were
 *   fatally shot … the suspect died after being shot by police"), unless the toll may count the killer (one
 *   more than another figure of the dead in the lead, a killing by the police, a suicide in the lead);
 *   a lead whose only death is the killer's suicide gives way to the victims told elsewhere before the
 *   killer's own death in one sentence ("killed one and injured three before shooting himself"), plus the killer;
 *   a sentence opened by "in total" or "in all" ("In total, two people were killed, including the suspect")
 *   sums up the event, so its exact figure of the dead is the count;
 *   a lead telling the killer shot themselves after others ("shoots four co-workers and then himself") counts
 *   the victims, and the killer's own death told further on ("killed himself") adds one;
 *   a later figure of the dead naming the lead's group as one of its parts ("the deaths of two children … two
 *   children and their father were found dead") tells the whole group, even in a sentence dated earlier;
 * - injured = the larger of the largest value among role `injured` and the largest `dead_or_injured`
 *   ("shot") figure minus the killed count (Gun Violence Archive usage: shot = killed or injured); a
 *   shot figure below the killed count (one victim named among more dead) says nothing of the wounded;
 *   a stated shot figure told in one sentence beside the rest of the hurt ("five were shot and a girl was
 *   hurt as she fled", "six injured, five by gunfire") counts the wounded, who are the people shot;
 * - when someone was killed and no wounded or shot person was introduced as such ("a woman was shot"), a
 *   single wounded person named only by a definite reference ("the teen was wounded", "he") is the victim
 *   who died later, not another one, when it fits one of the dead described (no clash of sex, child or
 *   adult, or age: "the girl" or "she" after "a girl died", but not "he", "the man" or "the 56-year-old"
 *   after "a 7-year-old girl died"); with someone introduced, a definite noun phrase that fits still is,
 *   and so is the surname of one of the dead ("Roe was wounded" after "Jane Roe died");
 * - "two men were hurt and a third person died": an ordinal after a figure of the wounded or shot, one
 *   fewer, in its sentence counts people, so it is one death ("a third person has died" alone is three);
 * - a shot figure of others ("three other men", "another man", "a woman and two men were also shot") leaves
 *   out the dead counted;
 * - "killed one and injured three others … Four victims were taken to a hospital": a wounded figure of others
 *   besides the dead of its sentence, that with the dead makes up the largest wounded figure, is the wounded;
 * - "four people were wounded. One of them later died": a killed part ("one of them", "two of the victims")
 *   named in the sentence right after a wounded figure comes out of that group (3 wounded, 1 killed);
 *   so does one told after "including" in the clause of the wounded figure ("three people were injured,
 *   including a girl who died": 2 wounded), and so does a member named in the group whose death the next
 *   sentence tells by that name ("Mara and her mother were rushed to the hospital. Mara died");
 * - conversely, with one death and no wounded counted, someone introduced as shot ("a woman was also hit")
 *   whom no description of the dead fits (sex, child or adult, age) is another victim, who survived: 1 injured;
 *   so is someone told by a definite reference with an age that none of the dead has ("the 7-year-old brother"
 *   after "a 5-year-old was killed");
 * - "a second man was wounded", "a third victim was shot": an indefinite ordinal for someone hurt counts the
 *   people shot so far, the dead among them, so it is a shot figure of that size (unless a figure one
 *   fewer comes before it in its sentence: "four shot and a fifth hurt by glass"); past the lead, such an
 *   ordinal that counts more people than the lead told of gives the wounded figure;
 * - "Man killed, three hospitalized … the shooting sent four people to the hospital": a wounded figure that is the
 *   death toll more than a bare wounded figure told before it in the lead counts the dead among the hurt, so
 *   the earlier one is the wounded (not after "four others were injured", which leaves the dead out);
 * - counts of attempted murder are charged per person shot at, so they give way to a stated figure of several
 *   wounded ("three people were injured");
 * - "One victim is still in the hospital … the rampage killed one and injured three": past the lead, a sentence
 *   stating the lead's death toll beside a larger stated wounded figure gives the wounded;
 * - "Four killed, one wounded … police found two people shot to death and three wounded": a wounded figure stated
 *   beside the death toll (the killed count) is the wounded of that toll; one told apart from it gives way;
 * - a title that the text does not contain (a document built through the API with its title as metadata) is read on its own
 *   as the lead's first sentence; evidence from it carries `field: 'title'` and indexes `meta.title`;
 * - the lead first: news is written as an inverted pyramid, so the title and the first sentences state
 *   the event's own figures while later ones bring earlier incidents and statistics. Each count is taken
 *   from the quantities of the first `leadSentences` sentences when they have a value of that kind, and
 *   from the whole document otherwise; a death without a figure ("a homicide", "a fatal shooting") counts
 *   only in the lead, since further down it is mostly an earlier killing; and past the lead, a sentence
 *   dated more than a week before the publication day ("In late January, … killing three troops") tells
 *   an earlier event, so its figures are left out, unless it is dated the very day the lead dates (a
 *   follow-up report: "the July 4 shooting … The shots on July 4 wounded four people"); when nothing else
 *   tells of wounded, such a sentence that states the report's death toll tells the event itself, so it
 *   gives the wounded ("charged with killing a man … On March 2, a man was killed and his wife wounded"), as
 *   does one stating the victims' toll when the report's counts the killer ("killed four and himself");
 *   a survivors' figure past an all-dead lead that repeats a shot figure of the report ("12 people were shot,
 *   including Roe … 12 injured victims") counts the dead too, so they are taken out of it.
 *
 * @module
 */

/** Options of the {@link record} stage. */
export interface RecordOptions {
  /** How many sentences (title included) count as the lead. Default 5. */
  leadSentences?: number
}

const CASUALTY = new Set<Quantity['role']>(['killed', 'injured', 'dead_or_injured'])

/** A quantity's single value: its best, or its low when it is open-ended; null for ranges and vague words. */
const figureOf = (q: Quantity): number | null => q.best ?? (q.high === null ? q.low : null)

/** The quantity of a role with the largest single value, or null. */
const largest = (qs: readonly Quantity[], role: Quantity['role']): { q: Quantity; n: number } | null => {
  let top: { q: Quantity; n: number } | null = null
  for (const q of qs) {
    if (q.role !== role) continue
    const n = figureOf(q)
    if (n !== null && (top === null || n > top.n)) top = { q, n }
  }
  return top
}

/** Words that open a reference back to someone already introduced ("the teen", "he", a reflexive "himself"). */
const ANAPHORS = new Set(['the', 'he', 'she', 'him', 'himself', 'herself'])
/** Words after "the" that name someone else ("the other", "the second"). */
const OTHERS = new Set(['other', 'second', 'third', 'fourth', 'fifth', 'another'])

/**
 * "The boy was in critical condition" after "a boy was killed": one person named again by a definite
 * noun or a pronoun, not another victim.
 */
const isAnaphoric = (q: Quantity): boolean => {
  if (q.best !== 1) return false
  const words = q.text.toLowerCase().split(/\s+/)
  return ANAPHORS.has(words[0]) && !OTHERS.has(words[1] ?? '')
}

const MALE = new Set(vocabulary.male)
const FEMALE = new Set(vocabulary.female)
const CHILD = new Set(vocabulary.child)
const ADULT = new Set(vocabulary.adult)
const AGE = /\b(\w+)[- ]years?[- ]old\b/i

/** Whether a mention may name one of the described dead (anyone, when none is described). */
const fitsOne = (deaths: readonly Quantity[], q: Quantity): boolean =>
  deaths.length === 0 || deaths.some((k) => fits(k, q))

/** Whether a mention says something of the person: sex, child or adult, or age ("a 16-year-old girl"). */
const described = (q: Quantity): boolean =>
  AGE.test(q.text) ||
  personWords(q.text).some((w) => MALE.has(w) || FEMALE.has(w) || CHILD.has(w) || ADULT.has(w))

const POSSESSORS = new Set(['his', 'her', 'their'])

/**
 * The words of a mention that describe the person it names: "his wife" and "her brother's wife" are
 * women, whatever "his" and "brother's" say of someone else.
 */
const personWords = (text: string): string[] => {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u)
  return words.filter(
    (w, i) => w && words[i + 1] !== 's' && !(POSSESSORS.has(w) && i < words.length - 1 && words[i + 1]),
  )
}

const TENS = new Map(Object.entries(numberWords.tens as Record<string, number>))

/** The age a mention gives, as a number ("a six-year-old", "6-year-old", "twenty-one years old"). */
const ageOf = (text: string): number | undefined => {
  const m = AGE_FULL.exec(text)
  if (!m) return undefined
  const word = m[1].toLowerCase()
  if (/^\d+$/.test(word)) return Number(word)
  const [tens, unit] = word.split(/[- ]/)
  const value =
    (TENS.get(tens) ?? UNITS.get(tens) ?? Number.NaN) + (unit ? (UNITS.get(unit) ?? Number.NaN) : 0)
  return Number.isNaN(value) ? undefined : value
}
const AGE_FULL = /\b(\d+|[a-z]+(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)[- ]years?[- ]old\b/i

/**
 * Whether two one-person mentions may name the same person: no clash of sex, of child and adult, or of
 * age.
 */
export const fits = (a: Pick<Quantity, 'text'>, b: Pick<Quantity, 'text'>): boolean => {
  const wa = personWords(a.text)
  const wb = personWords(b.text)
  const has = (ws: string[], set: Set<string>) => ws.some((w) => set.has(w))
  if ((has(wa, MALE) && has(wb, FEMALE)) || (has(wa, FEMALE) && has(wb, MALE))) return false
  const ga = ageOf(a.text)
  const gb = ageOf(b.text)
  if (ga !== undefined && gb !== undefined && ga !== gb) return false
  const child = (ws: string[], age?: number) => has(ws, CHILD) || (age !== undefined && age <= 12)
  const adult = (ws: string[], age?: number) => has(ws, ADULT) || (age !== undefined && age >= 21)
  return !((child(wa, ga) && adult(wb, gb)) || (adult(wa, ga) && child(wb, gb)))
}

/** Quantities read from a title that the text does not contain: their spans index `meta.title`. */
type Titled = ReadonlySet<Quantity>

const evidenceOf = (titled: Titled, ...qs: Quantity[]): CasualtyCount['evidence'] =>
  qs.map((q) => ({
    span: { ...q.span },
    text: q.text,
    ...(titled.has(q) ? { field: 'title' as const } : {}),
  }))

const countOf = (titled: Titled, { q, n }: { q: Quantity; n: number }): CasualtyCount => ({
  low: q.low ?? (q.high === null ? n : 0),
  best: n,
  high: q.high,
  evidence: evidenceOf(titled, q),
})

/** "A woman and two men were also shot": a shot figure besides the people already told of. */
const ALSO_AFTER = /^\s+(?:were|was|had been|have been)\s+also\s+(?:shot|hit|struck|wounded)\b/i

/** "three other men", "two others": a figure that leaves out the people already counted. */
export const OTHERS_AFTER = /^\s+others?\b/i

const TRANSITIVE = new Set(numberWords.transitive)
const PRONOUNS = new Set(numberWords.pronouns)
const UNITS = new Map(Object.entries(numberWords.units as Record<string, number>))

/**
 * "Another man was also shot": someone besides the people already told of, as the subject. As the object of
 * a shooting ("the boy accidentally shot another teen") "another" sets the victim apart from the shooter.
 */
const isAnotherVictim = (q: Quantity, text: string): boolean => {
  if (!/^another\b/i.test(q.text)) return false
  const before = /(\S+)\s+$/.exec(text.slice(Math.max(0, q.span.start - 20), q.span.start))
  return !before || !TRANSITIVE.has(before[1].toLowerCase())
}

/** A death reported without a figure: killed, at least one, no best ("a fatal shooting", "a homicide"). */
const isOpenDeath = (q: Quantity): boolean => q.role === 'killed' && q.best === null && q.high === null

/**
 * A death told without a figure of its own, at least one ("a homicide", "a fatal shooting"). An open figure
 * of several ("a murder-suicide", at least two) counts its dead, so it is no such marker.
 */
const isBareDeath = (q: Quantity): boolean => isOpenDeath(q) && (q.low ?? 0) < 2

/** Nothing in the document supports the count. */
const NONE = (): CasualtyCount => ({ low: 0, best: 0, high: 0, evidence: [] })

/** Counts of none read as "everyone shot died" (shot figure minus the dead), not from a stated figure. */
const ALL_DEAD = new WeakSet<CasualtyCount>()
const allDead = (): CasualtyCount => {
  const none = NONE()
  ALL_DEAD.add(none)
  return none
}

/**
 * The last word of a quantity written as a capitalised name ("Jane Roe" → "roe"), or null. A capitalised
 * figure ("One Dead, One Hurt" in a headline) is no name.
 */
const surname = (q: Quantity): string | null =>
  /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)*$/u.test(q.text) && !statesFigure(q)
    ? q.text.split(' ').at(-1)!.toLowerCase()
    : null

/**
 * "Al-Saadi was killed … Two other officials were also killed": a killed figure of others adds to the
 * killed figure before it. Returns the sum when it beats the largest single figure, else null.
 */
const othersKilled = (
  all: readonly Quantity[],
  titled: Titled,
  text: string,
): { q: Quantity; n: number } | null => {
  const top = largest(all, 'killed')
  let best: { q: Quantity; n: number } | null = null
  for (let i = 0; i < all.length; i++) {
    const q = all[i]
    const n = q.role === 'killed' ? figureOf(q) : null
    if (n === null || titled.has(q) || !OTHERS_AFTER.test(text.slice(q.span.end, q.span.end + 12))) continue
    // The others are added to the nearest killed figure before them when it is one person: a larger
    // figure is more often the total already ("3 dead … two other family members were found dead").
    const before = all
      .slice(0, i)
      .findLast((p) => p.role === 'killed' && !titled.has(p) && figureOf(p) !== null)
    if (!before || figureOf(before) !== 1) continue
    const sum = figureOf(before)! + n
    if (sum > (top?.n ?? 0) && sum > (best?.n ?? 0))
      best = { q: { ...q, best: sum, low: sum, high: q.high === null ? null : sum }, n: sum }
  }
  return best
}

/** A wounded pick with `dead` of its members told as killed taken out: its quantity re-counted to the rest. */
const lessDead = (hurt: { q: Quantity; n: number }, dead: number): { q: Quantity; n: number } => {
  const n = hurt.n - dead
  return { q: { ...hurt.q, low: n, best: n, high: n }, n }
}

/**
 * "Four people were wounded. One of them later died": a killed part of the wounded group, told right after
 * it, leaves the rest wounded (3). The sentence after the wounded figure must name the dead as a part ("one
 * of them", "two of the victims"), so the group is the one just counted.
 */
const diedAmong = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  hurt: { q: Quantity; n: number } | null,
): { q: Quantity; n: number } | null => {
  if (!hurt || titled.has(hurt.q)) return hurt
  for (const p of qs) {
    if (p.role !== 'killed' || titled.has(p) || p.span.start < hurt.q.span.end || p.best === null) continue
    const between = text.slice(hurt.q.span.end, p.span.start)
    if ((between.match(/[.!?]\s/g) ?? []).length > 1) break
    if (!/^\s+of\s/i.test(text.slice(p.span.end, p.span.end + 5)) || between.match(/[.!?]\s/) === null)
      continue
    if (p.best >= hurt.n) continue
    // "one of the five people": a group named by its figure must be the wounded one.
    const group = /^\s+of\s+(?:the\s+|those\s+|these\s+)?([\w-]+)/i.exec(
      text.slice(p.span.end, p.span.end + 30),
    )?.[1]
    const size = group
      ? /^\d+$/.test(group)
        ? Number(group)
        : (UNITS.get(group.toLowerCase()) ?? null)
      : null
    if (size !== null && size !== hurt.n) continue
    return lessDead(hurt, p.best)
  }
  return hurt
}

/**
 * "Emma and her mother were rushed to the hospital. Emma died late Thursday": a member of a wounded group,
 * named in it, whose death the next sentence tells by that name comes out of the group (1 wounded).
 */
const namedDiedAmong = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  hurt: { q: Quantity; n: number } | null,
): { q: Quantity; n: number } | null => {
  if (!hurt || hurt.n < 2 || titled.has(hurt.q)) return hurt
  const inside = (p: Quantity): boolean =>
    p !== hurt.q && !titled.has(p) && hurt.q.span.start <= p.span.start && p.span.end <= hurt.q.span.end
  const members = new Set(qs.filter((p) => inside(p) && p.best === 1).map(surname))
  members.delete(null)
  if (members.size === 0) return hurt
  const died = new Set<string>()
  for (const p of qs) {
    if (p.role !== 'killed' || titled.has(p) || p.best !== 1 || p.span.start < hurt.q.span.end) continue
    const between = text.slice(hurt.q.span.end, p.span.start)
    if ((between.match(/[.!?]\s/g) ?? []).length > 1) break
    const name = surname(p)
    if (name && members.has(name)) died.add(name)
  }
  if (died.size === 0 || died.size >= hurt.n) return hurt
  return lessDead(hurt, died.size)
}

/**
 * "Three people were injured, including a woman who later died": a killed figure told as part of a wounded
 * figure, right after "including" in its clause, is counted in it, so the rest are the wounded (2).
 */
const includingTheDead = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  hurt: { q: Quantity; n: number } | null,
): { q: Quantity; n: number } | null => {
  if (!hurt || titled.has(hurt.q) || !opensWithFigure(hurt.q)) return hurt
  const after = text.slice(hurt.q.span.end, hurt.q.span.end + 80)
  const including = /^[^.;!?]*?,\s*including\s+/i.exec(after)
  if (!including) return hurt
  const at = hurt.q.span.end + including[0].length
  const part = qs.find((p) => p.role === 'killed' && !titled.has(p) && p.span.start === at && p.best !== null)
  if (!part?.best || part.best >= hurt.n) return hurt
  return lessDead(hurt, part.best)
}

/**
 * "One dead, three others injured … Four victims were rushed to the hospital": a wounded figure of others,
 * besides the dead, that with the dead makes up the largest wounded figure shows that figure counts the dead
 * too (all taken to hospital), so the others are the wounded.
 */
const othersHurt = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  hurt: { q: Quantity; n: number } | null,
  killed: number,
  sentences: readonly Span[],
): { q: Quantity; n: number } | null => {
  if (!hurt || killed === 0) return hurt
  const after = (q: Quantity): string => (titled.has(q) ? '' : text.slice(q.span.end, q.span.end + 12))
  if (OTHERS_AFTER.test(after(hurt.q))) return hurt
  const sentence = (q: Quantity): number =>
    titled.has(q) ? -1 : sentences.findIndex((s) => s.start <= q.span.start && q.span.start < s.end)
  for (const q of qs) {
    const n = q.role === 'injured' ? figureOf(q) : null
    if (n === null || n + killed !== hurt.n || !OTHERS_AFTER.test(after(q))) continue
    // A part of a conjoined total ("three other men … and a woman") is not the figure.
    const within = (p: Quantity): boolean =>
      p !== q &&
      p.role === 'injured' &&
      titled.has(p) === titled.has(q) &&
      p.span.start <= q.span.start &&
      q.span.end <= p.span.end
    if (qs.some(within)) continue
    // The others are besides the dead told in the same sentence ("killed one and injured three others").
    const here = sentence(q)
    if (
      qs.some(
        (p) =>
          p.role === 'killed' && p.best !== null && titled.has(p) === titled.has(q) && sentence(p) === here,
      )
    )
      return { q, n }
  }
  return hurt
}

/**
 * Counts from one set of quantities: the largest killed, and injured or shot-minus-killed. When someone
 * was killed, a wounded or shot person mentioned only by a definite reference is taken to be that victim
 * (shot, then died), so it adds no injured. A count with no quantity of its kind is null.
 */
const countsOf = (
  all: readonly Quantity[],
  titled: Titled,
  text: string,
  doc: Context,
): { killed: CasualtyCount | null; injured: CasualtyCount | null } => {
  const counts = shotCounts(all, titled, text, doc)
  if ((counts.injured?.best ?? 0) > 0 || counts.killed?.best !== 1) return counts
  // "A boy was killed … A woman in the car was also hit": one death, and someone introduced as shot whom
  // none of the descriptions of the dead fits (sex, child or adult, age) is another person, who survived.
  const fitting = all.filter((q) => q.role === 'killed' && q.best === 1 && described(q))
  const stranger = all.find(
    (q) =>
      q.role === 'dead_or_injured' &&
      q.best === 1 &&
      /^an?\s/i.test(q.text) &&
      described(q) &&
      fitting.length > 0 &&
      !fitsOne(fitting, q),
  )
  const survivor = stranger ?? unlikeTheDead(all, fitting)
  return survivor ? { killed: counts.killed, injured: countOf(titled, { q: survivor, n: 1 }) } : counts
}

/**
 * "5-year-old killed … The 7-year-old brother, suffering from a gunshot wound, was released": a definite
 * reference to someone shot or hurt whose age is not the age told of the one dead names someone else, who
 * survived. Only ages: "the boy" may be the teen who died.
 */
const unlikeTheDead = (all: readonly Quantity[], fitting: readonly Quantity[]): Quantity | undefined => {
  const ages = fitting.flatMap((k) => ageOf(k.text) ?? [])
  if (ages.length === 0) return undefined
  return all.find((q) => {
    const age =
      (q.role === 'dead_or_injured' || q.role === 'injured') && q.best === 1 ? ageOf(q.text) : undefined
    return age !== undefined && /^the\s/i.test(q.text) && !ages.includes(age)
  })
}

/** A killer's own death: "turned the gun on himself", "took his own life". */
const isSelfKilling = (q: Quantity): boolean =>
  q.role === 'killed' && q.best === 1 && /^(?:him|her)self$|^(?:his|her) own life$/i.test(q.text)

/**
 * "killed one and injured three before shooting himself", "killed the kids and then shot herself": a killer
 * who shot themselves right after killing, told in one clause, took their own life.
 */
const shotSelfAfterKilling = (q: Quantity, text: string): boolean => {
  if (q.role !== 'dead_or_injured' || q.best !== 1 || !/^(?:him|her)self$/i.test(q.text)) return false
  const before = text.slice(Math.max(0, q.span.start - 160), q.span.start)
  const clause = before.split(/[.;!?]\s/).at(-1) ?? ''
  return (
    /\b(?:before|then)\s+(?:shooting|shot|shoots)\s+$/i.test(clause) &&
    /\b(?:killed|killing|kills|murdered|murdering|fatally shot|fatally shooting)\b/i.test(clause)
  )
}

/**
 * "a girl was shot and killed after a boy shot her mother, the girl and then himself": a shooter who shot
 * others and then themselves, in a clause that tells of a killing, took their own life too.
 */
const shotSelfLast = (q: Quantity, text: string): boolean => {
  if (q.role !== 'dead_or_injured' || q.best !== 1 || !/^(?:him|her)self$/i.test(q.text)) return false
  const before = text.slice(Math.max(0, q.span.start - 200), q.span.start)
  const clause = before.split(/[.;!?]\s/).at(-1) ?? ''
  return (
    /\b(?:shot|shooting|shoots)\b[^.;!?]*,?\s+(?:and\s+)?then\s+$/i.test(clause) &&
    /\b(?:killed|killing|kills|murdered|murdering|fatally)\b/i.test(clause)
  )
}

const PERPETRATORS = new Set(vocabulary.perpetrators)
const POLICE = new Set(vocabulary.police)

/**
 * A killer who died: their own death ("turned the gun on himself"), the shooter named as dead ("the slain
 * suspect", "the gunman was killed"), or someone the police killed ("before police shot him dead").
 */
const isKillerDeath = (q: Quantity, text: string, titled: Titled): boolean => {
  if (isSelfKilling(q) || (!titled.has(q) && (shotSelfAfterKilling(q, text) || shotSelfLast(q, text))))
    return true
  if (q.role !== 'killed' || q.best !== 1) return false
  const words = q.text.toLowerCase().split(/[^\p{L}]+/u)
  if (/^the\b/i.test(q.text) && PERPETRATORS.has(words.at(-1) ?? '')) return true
  // "a man shot and killed by officers", "before he was fatally shot by police".
  if (!titled.has(q) && byPoliceAfter(text, q)) return true
  if (titled.has(q) || !/^(?:him|he)$/i.test(q.text)) return false
  return byPolice(text, q)
}

/**
 * "before he was fatally shot by police", "a man shot and killed by officers": the police as the agent after
 * someone killed, in the same clause.
 */
const byPoliceAfter = (text: string, q: Quantity): boolean => {
  const after = text
    .slice(q.span.end, q.span.end + 60)
    .split(/[.;!?,]/)[0]
    .toLowerCase()
  const by = /\bby\s+((?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+)/u.exec(after)?.[1] ?? ''
  return by.split(/[^\p{L}]+/u).some((w) => POLICE.has(w))
}

/** Whether the clause before a quantity names the police ("officers returned fire, killing him"). */
const byPolice = (text: string, q: Quantity): boolean => {
  const before = text.slice(Math.max(0, q.span.start - 40), q.span.start).toLowerCase()
  const clause = before.split(/[.;!?]/).at(-1) ?? ''
  return clause.split(/[^\p{L}]+/u).some((w) => POLICE.has(w))
}

/** Kill verbs whose object is the victims ("killing his wife and two daughters"). */
const KILL_VERBS =
  /\b(?:killed|killing|kills|kill|murdered|murdering|shot|shooting|shoots)\s+(?:and\s+killed\s+|dead\s+)?(?:(?:his|her|their)\s+)?$/i

/**
 * "A man killed his wife and stepdaughter. He then turned the gun on himself": the killer's death told in
 * the lead (their own, the shooter named as dead, or someone the police killed) adds one to a figure of the
 * victims, since a casualty register counts a killer who died among the dead. A victims' figure is the
 * object of a killing ("killing his wife and two daughters", not by the police), or one victim the killer
 * cannot be ("a girl died" and "himself"); a figure of the dead that may already count the killer ("left
 * two dead", a total spanning "himself") stays. `found` is the killed figure found so far; an open one (a
 * murder-suicide, at least two) gives way to an exact victims' figure as large.
 */
const withKiller = (
  all: readonly Quantity[],
  titled: Titled,
  text: string,
  found: { q: Quantity; n: number } | null,
  lead: (q: Quantity) => boolean,
): { q: Quantity; n: number } | null => {
  const top =
    found?.q.best === null
      ? largest(
          all.filter((q) => q.best !== null),
          'killed',
        )
      : found
  if (!found || !top || top.n < found.n) return found
  const killer = all.find((q) => isKillerDeath(q, text, titled) && !titled.has(q) && lead(q))
  const pact = all.some((q) => isOpenDeath(q) && /murders?[- /]suicide/i.test(q.text) && lead(q))
  if ((!killer && !pact) || isKillerDeath(top.q, text, titled)) return found
  if (/\b(?:him|her)?self\b|\bown life\b|suicide/i.test(top.q.text)) return found
  // A total spanning the killer's death already counts it ("his wife and son before killing himself").
  const within = (q: Quantity): boolean =>
    !titled.has(q) && !titled.has(top.q) && top.q.span.start <= q.span.start && q.span.end <= top.q.span.end
  if (all.some((q) => within(q) && isKillerDeath(q, text, titled))) return found
  const before = titled.has(top.q) ? '' : text.slice(Math.max(0, top.q.span.start - 30), top.q.span.start)
  // "Police officer fatally shoots man": whom the police killed is the killer, not a victim.
  const object = KILL_VERBS.test(before) && !byPolice(text, top.q)
  // One victim the killer cannot be: the figure itself, or another telling of the one death in the lead
  // ("1 other person dead … the rampage left a 25-year-old woman dead … before police shot him dead").
  const other =
    !!killer &&
    top.n === 1 &&
    all.some(
      (q) =>
        (q === top.q || (lead(q) && q.role === 'killed' && figureOf(q) === 1 && q !== killer)) &&
        described(q) &&
        !fits(q, killer),
    )
  if (
    !object &&
    !other &&
    !(killer && victimsBesidesPolice(all, titled, text, top, killer, lead)) &&
    !selfKilledAfter(all, titled, text, top.q)
  )
    return found
  const n = top.n + 1
  return { q: { ...top.q, low: n, best: n, high: top.q.high === null ? null : n }, n }
}

/** A counted noun naming killers, singular or plural ("suspects", "gunmen"). */
const countsKillers = (counted: string): boolean =>
  PERPETRATORS.has(counted) || PERPETRATORS.has(counted.replace(/men$/, 'man').replace(/s$/, ''))

/**
 * "14 dead, 21 injured in mass shooting; 2 suspects killed": a figure of several killers killed, told in the
 * lead apart from the victims' toll, adds to it, as a casualty register counts the killers among the dead. A
 * lone killer's death is {@link withKiller}'s; a toll that spans the killers' figure already counts them.
 */
const withKillersCounted = (
  all: readonly Quantity[],
  found: { q: Quantity; n: number } | null,
  lead: (q: Quantity) => boolean,
): { q: Quantity; n: number } | null => {
  if (!found || found.q.best === null || countsKillers(found.q.counted)) return found
  const spans = (q: Quantity): boolean => found.q.span.start <= q.span.start && q.span.end <= found.q.span.end
  const killers = all.find(
    (q) =>
      lead(q) &&
      q.role === 'killed' &&
      (q.best ?? 0) >= 2 &&
      q.high !== null &&
      countsKillers(q.counted) &&
      !spans(q),
  )
  if (!killers?.best) return found
  const n = found.n + killers.best
  return { q: { ...found.q, low: n, best: n, high: found.q.high === null ? null : n }, n }
}

/**
 * "Four shot to death in Dellport, then gunman kills himself", "four people were shot dead by a man who later
 * shot himself": a killer's own death told after the toll in its sentence, as what came next ("then",
 * "later", "before"), is one more death than the toll, which told of the victims first.
 */
const selfKilledAfter = (all: readonly Quantity[], titled: Titled, text: string, top: Quantity): boolean => {
  // "a suspect who later killed himself": the killer named as the figure is that death, not a victim.
  if (titled.has(top) || countsKillers(top.counted)) return false
  return all.some((q) => {
    if (titled.has(q) || q.span.start < top.span.end || q.span.start - top.span.end > 150) return false
    if (!isSelfKilling(q) && !(q.role === 'dead_or_injured' && /^(?:him|her)self$/i.test(q.text)))
      return false
    const between = text.slice(top.span.end, q.span.start)
    return (
      !/[.!?]\s|\n/.test(between) &&
      /\b(?:then|later|before)\b/i.test(between) &&
      !/\b(?:including|among)\b/i.test(between)
    )
  })
}

/**
 * "Three members of a family were fatally shot … The suspect died after being shot by police": a killer the
 * police killed, told apart from a figure of several dead, is one more. A toll that may count the killer
 * stays: one of a single person (whom the police shot may be that person: "officer fatally shoots man"),
 * a killing by the police, a lead that tells of a suicide, or a toll one more than another figure of the
 * dead in the lead ("two bailiffs were killed … three dead, including the shooter").
 */
const victimsBesidesPolice = (
  all: readonly Quantity[],
  titled: Titled,
  text: string,
  top: { q: Quantity; n: number },
  killer: Quantity,
  lead: (q: Quantity) => boolean,
): boolean => {
  if (isSelfKilling(killer) || top.n < 2 || top.q.best === null) return false
  // "Police officer fatally shoots man", not "Police: 3 members of a family fatally shot".
  const clause = titled.has(top.q)
    ? ''
    : (text
        .slice(Math.max(0, top.q.span.start - 40), top.q.span.start)
        .split(/[.;:!?]/)
        .at(-1) ?? '')
  if (
    clause
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .some((w) => POLICE.has(w))
  )
    return false
  if (all.some((q) => lead(q) && (/suicide|(?:him|her)self|own life/i.test(q.text) || isSelfKilling(q))))
    return false
  return !all.some((q) => lead(q) && q.role === 'killed' && figureOf(q) === top.n - 1)
}

/**
 * The largest shot figure of others ("two other men were hit", "a woman was also shot"), which leaves out
 * the dead counted, or null. Ordinals ("a second man was also shot") count the dead too, so they are not.
 */
const alsoShot = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  ordinals: ReadonlySet<Quantity>,
): { q: Quantity; n: number } | null => {
  let best: { q: Quantity; n: number } | null = null
  for (const q of qs) {
    const n = q.role === 'dead_or_injured' && !titled.has(q) && !ordinals.has(q) ? figureOf(q) : null
    if (n === null || n === 0) continue
    if (
      !OTHERS_AFTER.test(text.slice(q.span.end, q.span.end + 12)) &&
      !ALSO_AFTER.test(text.slice(q.span.end, q.span.end + 24))
    )
      continue
    if (n > (best?.n ?? 0)) best = { q, n }
  }
  return best
}

/**
 * Whether a mention is told apart from the people already counted: another or the other person, an
 * ordinal, a figure of others, or "also" before or after it ("was also shot", "also left a man wounded").
 */
const isToldApart = (q: Quantity, titled: Titled, text: string, ordinals: ReadonlySet<Quantity>): boolean => {
  if (ordinals.has(q) || /^(?:another|a second|the other|one other)\b/i.test(q.text)) return true
  if (titled.has(q)) return false
  const before = text.slice(Math.max(0, q.span.start - 30), q.span.start)
  return (
    OTHERS_AFTER.test(text.slice(q.span.end, q.span.end + 12)) ||
    ALSO_AFTER.test(text.slice(q.span.end, q.span.end + 24)) ||
    isAnotherVictim(q, text) ||
    /\balso\s+(?:\S+\s+){0,2}$/i.test(before)
  )
}

/** What the counts read of the document besides its quantities: the lead, and the sentences. */
interface Context {
  inLead: (q: Quantity) => boolean
  sentences: readonly Span[]
  /** Shot figures read from an ordinal ("a second man was wounded"): they count the dead too. */
  ordinals: ReadonlySet<Quantity>
}

/** Whether a quantity is a bare stated figure ("4", "four people"), not a charge count or a described person. */
const opensWithFigure = (q: Quantity): boolean => {
  const words = q.text.toLowerCase().split(/\s+/)
  return (/^\d+$/.test(words[0]) || FIGURE_WORDS.has(words[0])) && !words.some((w) => /^counts?$/.test(w))
}

/**
 * "Father of five killed, four hospitalized … the shooting sent five people to the hospital": a wounded
 * figure that is the death toll more than another stated wounded figure counts the dead among the hurt,
 * so the smaller one is the wounded.
 */
const withoutTheDead = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  inLead: (q: Quantity) => boolean,
  hurt: { q: Quantity; n: number } | null,
  killed: number,
): { q: Quantity; n: number } | null => {
  if (!hurt || killed === 0 || hurt.n <= killed) return hurt
  // "Four others were injured" already leaves out the dead.
  if (!titled.has(hurt.q) && OTHERS_AFTER.test(text.slice(hurt.q.span.end, hurt.q.span.end + 12))) return hurt
  const rest = hurt.n - killed
  // The smaller figure is told first (the headline's "four hospitalized"), not a part that follows the whole
  // ("three wounded, two of them critically", "a woman and two men").
  const part = qs.find(
    (q) =>
      q.role === 'injured' &&
      figureOf(q) === rest &&
      opensWithFigure(q) &&
      inLead(q) &&
      // A title read apart comes first.
      ((titled.has(q) && !titled.has(hurt.q)) ||
        (titled.has(q) === titled.has(hurt.q) && q.span.end <= hurt.q.span.start)),
  )
  return part ? { q: part, n: rest } : hurt
}

/**
 * "Four killed, one wounded … police found two people shot to death and three wounded": the wounded figure
 * stated beside the death toll counts the same moment of the event as that toll; one told apart from it is
 * an earlier count (before some of the wounded died) or another group. The largest figure beside the toll wins.
 */
const pairedWithToll = (
  qs: readonly Quantity[],
  titled: Titled,
  sentences: readonly Span[],
  hurt: { q: Quantity; n: number } | null,
  killed: number,
): { q: Quantity; n: number } | null => {
  if (!hurt || killed === 0) return hurt
  const sentenceOf = (q: Quantity): number =>
    titled.has(q) ? -1 : sentences.findIndex((x) => x.start <= q.span.start && q.span.start < x.end)
  const tolls = new Set(qs.filter((q) => q.role === 'killed' && figureOf(q) === killed).map(sentenceOf))
  if (tolls.has(sentenceOf(hurt.q))) return hurt
  let best: { q: Quantity; n: number } | null = null
  for (const q of qs) {
    const n = q.role === 'injured' && opensWithFigure(q) ? figureOf(q) : null
    if (n === null || n === 0 || !tolls.has(sentenceOf(q))) continue
    if (n > (best?.n ?? 0)) best = { q, n }
  }
  return best ?? hurt
}

/** {@link countsOf} before the check for a second, surviving victim. */
const shotCounts = (
  all: readonly Quantity[],
  titled: Titled,
  text: string,
  doc: Context,
): { killed: CasualtyCount | null; injured: CasualtyCount | null } => {
  const top = withKillersCounted(
    all,
    withKiller(all, titled, text, othersKilled(all, titled, text) ?? largest(all, 'killed'), doc.inLead),
    doc.inLead,
  )
  const killed = top ? countOf(titled, top) : null
  // A name already given to someone killed ("Jane Roe died … Roe was shot in the chest") is that victim.
  const dead = new Set(all.flatMap((q) => (q.role === 'killed' && q.best === 1 ? [surname(q)] : [])))
  dead.delete(null)
  const namedDead = (q: Quantity): boolean => q.best === 1 && dead.has(surname(q))
  const again = (q: Quantity): boolean => isAnaphoric(q) || namedDead(q)
  const introduced = all.some((q) => q.role !== 'killed' && CASUALTY.has(q.role) && !again(q))
  const deaths = all.filter((q) => q.role === 'killed' && q.best === 1)
  // A mention named again is the dead victim when it fits one of the dead described ("he" is not the girl
  // who died); with someone else introduced as hurt, only a definite noun phrase ("the teen") or the name of
  // one of the dead ("Roe was wounded" after "Jane Roe died") is; one told apart ("the mother was also
  // shot") is not.
  const fitting = deaths.filter(described)
  // With one death, a wounded person told as someone like the dead, in every description of them ("a
  // 16-year-old boy was critically wounded" after "a 16-year-old boy died"), is that victim, wounded first,
  // unless told apart as another ("another man", "also wounded a woman").
  const alike = (q: Quantity): boolean =>
    top?.n === 1 &&
    q.role === 'injured' &&
    q.best === 1 &&
    fitting.length > 0 &&
    described(q) &&
    fitting.every((k) => fits(k, q)) &&
    !isToldApart(q, titled, text, doc.ordinals)
  const same = (q: Quantity): boolean =>
    (again(q) &&
      (!introduced || /^the\b/i.test(q.text) || namedDead(q)) &&
      fitsOne(fitting, q) &&
      !isToldApart(q, titled, text, doc.ordinals)) ||
    alike(q)
  const qs = top?.n ? all.filter((q) => q.role === 'killed' || !same(q)) : all
  const told = includingTheDead(
    qs,
    titled,
    text,
    // The members named are read from every quantity: one named as the dead is left out of `qs`.
    namedDiedAmong(all, titled, text, diedAmong(qs, titled, text, largest(qs, 'injured'))),
  )
  const hurt = pairedWithToll(
    qs,
    titled,
    doc.sentences,
    withoutTheDead(
      qs,
      titled,
      text,
      doc.inLead,
      othersHurt(qs, titled, text, told, top?.n ?? 0, doc.sentences),
      top?.n ?? 0,
    ),
    top?.n ?? 0,
  )
  const injured = hurt ? countOf(titled, hurt) : null
  const shot = largest(qs, 'dead_or_injured')
  if (!shot) return { killed, injured }
  // "Three other men were also hit", "Another man was shot": figures of others leave out the dead counted.
  const others =
    !doc.ordinals.has(shot.q) &&
    ((!titled.has(shot.q) && OTHERS_AFTER.test(text.slice(shot.q.span.end, shot.q.span.end + 12))) ||
      isAnotherVictim(shot.q, titled.has(shot.q) ? '' : text) ||
      (!titled.has(shot.q) && ALSO_AFTER.test(text.slice(shot.q.span.end, shot.q.span.end + 24))))
  const died = others ? 0 : (top?.n ?? 0)
  // "A man shot four others, including one who died": a figure of others whose own breakdown leaves out
  // its dead is read from the breakdown (the wounded figure at the same place).
  const brokenDown =
    others &&
    !titled.has(shot.q) &&
    qs.some(
      (q) =>
        q.role === 'injured' &&
        !titled.has(q) &&
        q.span.start === shot.q.span.start &&
        (q.best ?? shot.n) < shot.n,
    )
  if (brokenDown) return { killed, injured }
  const survivors = shot.n - died
  // "He was shot and died … A woman was also shot": with the shot figure all dead, one of others survived.
  if (survivors <= 0) {
    const also = alsoShot(qs, titled, text, doc.ordinals)
    if (also && !(injured && injured.best >= also.n)) return { killed, injured: countOf(titled, also) }
  }
  if (
    injured &&
    injured.best > survivors &&
    hurtBesidesShot(qs, titled, text, doc.sentences, shot, survivors, injured.best)
  ) {
    return { killed, injured: shotSurvivors(titled, shot.q, survivors, died, top) }
  }
  if (injured && injured.best >= survivors) return { killed, injured }
  // One shot person named among more dead ("victims now identified") says nothing of the wounded.
  if (survivors < 0) return { killed, injured }
  if (survivors === 0) return { killed, injured: allDead() }
  return {
    killed,
    injured: {
      low: Math.max(0, (shot.q.low ?? 0) - died),
      best: survivors,
      high: shot.q.high === null ? null : Math.max(survivors, shot.q.high - died),
      evidence: top ? evidenceOf(titled, shot.q, top.q) : evidenceOf(titled, shot.q),
    },
  }
}

/**
 * "Five people were shot and a girl was hurt as she ran", "six injured, five by gunfire": a shot figure of
 * several told in one sentence beside the rest of the wounded (someone else hurt after it, or the wounded
 * total it is a part of) shows that some of the wounded were hurt otherwise (falling, glass), and a casualty
 * register of gun violence counts the people shot.
 */
const hurtBesidesShot = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  sentences: readonly Span[],
  shot: { q: Quantity; n: number },
  survivors: number,
  wounded: number,
): boolean => {
  if (survivors < 2 || shot.q.high === null || !opensWithFigure(shot.q) || titled.has(shot.q)) return false
  const sentence = sentences.find((x) => x.start <= shot.q.span.start && shot.q.span.start < x.end)
  if (!sentence) return false
  const here = (q: Quantity): boolean =>
    q.role === 'injured' && !titled.has(q) && sentence.start <= q.span.start && q.span.end <= sentence.end
  return qs.some((q) => {
    if (!here(q)) return false
    const n = figureOf(q)
    // Someone else is introduced ("a girl", "two women"), not named again ("both", "they").
    if (q.span.start >= shot.q.span.end)
      return (
        n === wounded - survivors &&
        (opensWithFigure(q) || /^an?\s/i.test(q.text)) &&
        /\band\b/i.test(text.slice(shot.q.span.end, q.span.start))
      )
    const between = text.slice(q.span.end, shot.q.span.start)
    return n === wounded && opensWithFigure(q) && /^[^.;]*,\s*$/.test(between) && !/\band\b/i.test(between)
  })
}

/** The wounded as the survivors of a shot figure (the shot less the dead counted in it). */
const shotSurvivors = (
  titled: Titled,
  shot: Quantity,
  survivors: number,
  died: number,
  top: { q: Quantity; n: number } | null,
): CasualtyCount => ({
  low: Math.max(0, (shot.low ?? 0) - died),
  best: survivors,
  high: shot.high === null ? null : Math.max(survivors, shot.high - died),
  evidence: top ? evidenceOf(titled, shot, top.q) : evidenceOf(titled, shot),
})

/**
 * The main-event record of a document from its sentences and quantities (see the module comment).
 *
 * @example
 * recordOf(doc) // { killed: { low: 1, best: 1, high: 1, evidence: [...] }, injured: { ... } }
 */
export const recordOf = (
  doc: Pick<Doc, 'sentences' | 'quantities' | 'text' | 'meta' | 'tokens' | 'dates'>,
  { leadSentences = 5 }: RecordOptions = {},
): EventRecord => {
  const title = titleQuantities(doc)
  const titled: Titled = new Set(title ?? [])
  const sentences = doc.sentences ?? []
  const ordinals = new Set<Quantity>()
  const qs = ordinalsShot(
    ordinalsOfPeople(
      withoutAttemptCharges(
        withoutSuperseded(
          doc,
          withoutAggregates(doc, [...(title ?? []), ...(doc.quantities ?? [])], titled),
          titled,
        ),
      ),
      titled,
      sentences,
    ),
    titled,
    sentences,
    ordinals,
  )
  // A title read apart is the lead's first sentence.
  const textLead = title ? leadSentences - 1 : leadSentences
  const leadEnd = sentences[Math.min(textLead, sentences.length) - 1]?.end ?? 0
  const inLead = (q: Quantity): boolean => titled.has(q) || q.span.end <= leadEnd
  const context: Context = { inLead, sentences, ordinals }
  // "… was killed in the strike. Two other officials were also killed": the sentence right after the
  // lead may go on counting the lead's dead.
  const nextEnd = sentences[textLead]?.end ?? leadEnd
  const continues = (q: Quantity): boolean =>
    q.role === 'killed' &&
    !titled.has(q) &&
    q.span.start >= leadEnd &&
    q.span.end <= nextEnd &&
    OTHERS_AFTER.test(doc.text.slice(q.span.end, q.span.end + 12))
  const lead = countsOf(
    qs.filter((q) => inLead(q) || continues(q)),
    titled,
    doc.text,
    context,
  )
  // "a homicide", "a fatal shooting" says someone died without a figure: after the lead, such a marker is
  // mostly an earlier killing or the background ("another homicide earlier this year").
  const earlier = earlierEventSentences(doc, leadEnd)
  const current = qs.filter(
    (q) =>
      inLead(q) || (!isBareDeath(q) && !earlier.some((s) => s.start <= q.span.start && q.span.start < s.end)),
  )
  const all = countsOf(current, titled, doc.text, context)
  // "A second victim was grazed" after a lead of one: an ordinal past the lead that counts more people
  // hurt than the lead told of, and makes up the whole report's wounded figure, shows the lead's figures
  // were the first report's.
  const told = (lead.killed?.best ?? 0) + (lead.injured?.best ?? 0)
  const ordinalLater = all.injured?.evidence.some((e) =>
    [...ordinals].some((q) => !inLead(q) && q.span.start === e.span.start && (q.best ?? 0) > told),
  )
  return {
    killed:
      beyondCharges(
        current,
        titled,
        summedUp(current, titled, doc.text, sentences) ??
          beyondSuicideOnly(
            current,
            titled,
            doc.text,
            killerDiedLater(
              current,
              titled,
              doc.text,
              inLead,
              widerGroup(qs, titled, beyondDefinite(beyondOpen(lead.killed, all.killed), all.killed)),
            ),
          ) ??
          all.killed,
      ) ?? NONE(),
    injured:
      hurtOtherwise(
        doc,
        current,
        titled,
        sentences,
        gunfireShare(
          doc,
          sentences,
          datedEarlierHurt(qs, current, titled, context, all) ??
            shotPastHospitalLead(
              doc,
              current,
              titled,
              inLead,
              lead.killed?.best ?? 0,
              hospitalPastLead(
                doc,
                current,
                titled,
                inLead,
                summaryPastLead(
                  current,
                  titled,
                  { inLead, sentences, ordinals },
                  lead,
                  ordinalLater
                    ? all.injured
                    : shotCountedAsHurt(
                        current,
                        titled,
                        doc.text,
                        lead.killed?.best ?? 0,
                        lead.injured,
                        survivorPastLead(current, titled, inLead, lead.injured),
                      ),
                ),
              ),
            ) ??
            all.injured,
        ),
      ) ?? NONE(),
  }
}

/**
 * "The shooting sent three people to the hospital … Four people were wounded": a figure of people taken to
 * hospital counts those treated there, a part of the wounded, so a larger plain wounded figure past the lead
 * is the whole count.
 */
const HOSPITAL_AFTER =
  /^[^.;]{0,40}?\b(?:hospitali[sz]ed|(?:to|in|at)\s+(?:the\s+|a\s+|an\s+|area\s+|local\s+)?hospitals?)\b/i
const WOUND_WORD = /\b(?:injur\w*|wound\w*|hurt|shot|hit|struck)\b/i
/** "Four people were wounded": a figure whose own clause says they were hurt, and none killed. */
const HURT_AFTER = /^[^.;,]{0,30}?\b(?:injured|wounded|hurt)\b/i
const DEATH_WORD = /\b(?:kill\w*|dead|died|deaths?|fatal\w*)\b/i

const toldHurt = (text: string, q: Quantity): boolean => {
  const after = HURT_AFTER.exec(text.slice(q.span.end, q.span.end + 60))
  return after !== null && !DEATH_WORD.test(text.slice(q.span.end, q.span.end + after[0].length + 20))
}

const toldAtHospital = (doc: Pick<Doc, 'text' | 'meta'>, e: CasualtyCount['evidence'][number]): boolean => {
  const source = e.field === 'title' ? (doc.meta.title ?? '') : doc.text
  const after = HOSPITAL_AFTER.exec(source.slice(e.span.end, e.span.end + 80))
  return after !== null && !WOUND_WORD.test(after[0])
}

/**
 * "Two women were grazed by bullets. The third victim was hit by flying glass": people hurt otherwise than
 * by gunfire (glass, a car), told apart in a sentence that tells of no gunshot, are left out of the hurt count
 * when a wounded figure of the report and those people sum to it, for a register of gun violence counts the
 * people shot. Glass "from the gunfire" is the gunfire's; someone "running from the gunfire" hit by a car is not.
 */
const HURT_OTHERWISE =
  /\b(?:(?:hit|struck|injured|hurt|cut)\s+(?:by|with|from)\s+(?:(?:flying|shattered|broken)\s+)?(?:glass|shrapnel|a car|a vehicle)|glass struck|cuts and scrapes)\b/i
const GUNSHOT_WORD = /\b(?:shot|bullets?|gunshots?|gunfire|grazed)\b/i

const hurtOtherwise = (
  doc: Pick<Doc, 'text'>,
  qs: readonly Quantity[],
  titled: Titled,
  sentences: readonly Span[],
  told: CasualtyCount | null,
): CasualtyCount | null => {
  if (!told || told.best < 2) return told
  const otherwise = sentences.filter((x) => {
    const words = doc.text.slice(x.start, x.end)
    return (
      HURT_OTHERWISE.test(words) &&
      !GUNSHOT_WORD.test(
        words.replace(/\b(?:running|fleeing|fled|ran)\s+(?:from|after)\s+the\s+gunfire\b/gi, ''),
      )
    )
  })
  if (otherwise.length === 0) return told
  const people = otherwise.reduce((sum, x) => {
    const first = doc.text.slice(x.start, x.end).split(/\s+/).slice(0, 3).map(smallFigure)
    return sum + (first.find((n) => n !== null && n > 1) ?? 1)
  }, 0)
  const within = (q: Quantity): boolean =>
    otherwise.some((x) => x.start <= q.span.start && q.span.start < x.end)
  const shot = qs.find(
    (q) =>
      q.role === 'injured' &&
      !titled.has(q) &&
      opensWithFigure(q) &&
      !within(q) &&
      (figureOf(q) ?? 0) > 0 &&
      (figureOf(q) ?? 0) + people === told.best,
  )
  return shot ? countOf(titled, { q: shot, n: figureOf(shot) ?? 0 }) : told
}

/** A small figure as a word or digits ("four", "4"). */
const smallFigure = (word: string): number | null =>
  /^\d+$/.test(word) ? Number(word) : (UNITS.get(word.toLowerCase()) ?? null)

/**
 * "Five people were hurt, four by gunshots and one by flying glass": a split of the hurt between gunfire and
 * another cause (glass, shrapnel, a car, a fall), whose parts sum to the count, gives the people shot, whom a
 * register of gun violence counts.
 */
const GUNFIRE_PART =
  /\b(\w+)(?:\s+(?:people|persons|victims|others|of them))?\s+(?:(?:were|was)\s+)?(?:(?:injured|hurt|wounded|struck|hit)\s+)?(?:by|from)\s+(?:gunshots?|gunfire|bullets?)\b[^.;]*?\band\s+(\w+)\b[^.;]*?\b(?:glass|shrapnel|fragments?|debris|a car|a vehicle|falling|fell|trampl\w*)\b/i

const gunfireShare = (
  doc: Pick<Doc, 'text'>,
  sentences: readonly Span[],
  told: CasualtyCount | null,
): CasualtyCount | null => {
  if (!told || told.best < 2) return told
  for (const sentence of sentences) {
    const m = GUNFIRE_PART.exec(doc.text.slice(sentence.start, sentence.end))
    const shot = m ? smallFigure(m[1]) : null
    const other = m ? smallFigure(m[2]) : null
    if (shot !== null && other !== null && shot > 0 && shot + other === told.best)
      return { ...told, low: shot, best: shot, high: shot }
  }
  return told
}

/**
 * "Three still in hospital … he is accused of shooting into a crowd, hitting five people": past a lead that
 * tells only of people in hospital, a larger shot figure less the lead's dead is the wounded.
 */
const shotPastHospitalLead = (
  doc: Pick<Doc, 'text' | 'meta'>,
  qs: readonly Quantity[],
  titled: Titled,
  inLead: (q: Quantity) => boolean,
  killed: number,
  told: CasualtyCount | null,
): CasualtyCount | null => {
  if (!told || told.evidence.length === 0 || !told.evidence.every((e) => toldAtHospital(doc, e))) return told
  const survivors = (q: Quantity): number | null => {
    const n =
      q.role === 'dead_or_injured' && !titled.has(q) && !inLead(q) && opensWithFigure(q) ? figureOf(q) : null
    return n === null || CHARGE.test(q.text) || OTHERS_AFTER.test(doc.text.slice(q.span.end, q.span.end + 12))
      ? null
      : n - killed
  }
  const shot = qs.find((q) => (survivors(q) ?? 0) > told.best)
  const n = shot ? (survivors(shot) ?? 0) : 0
  return shot ? { low: n, best: n, high: n, evidence: evidenceOf(titled, shot) } : told
}

const hospitalPastLead = (
  doc: Pick<Doc, 'text' | 'meta'>,
  qs: readonly Quantity[],
  titled: Titled,
  inLead: (q: Quantity) => boolean,
  told: CasualtyCount | null,
): CasualtyCount | null => {
  if (!told || told.evidence.length === 0 || !told.evidence.every((e) => toldAtHospital(doc, e))) return told
  const whole = qs.find((q) => {
    const n = q.role === 'injured' && !titled.has(q) && !inLead(q) && opensWithFigure(q) ? figureOf(q) : null
    return n !== null && n > told.best && !CHARGE.test(q.text) && toldHurt(doc.text, q)
  })
  return whole ? countOf(titled, { q: whole, n: figureOf(whole) ?? 0 }) : told
}

/**
 * "Two men were indicted on Friday … the May 10 home invasion in which a boy was killed and his mother was
 * wounded": a follow-up report dates its event well before publication, so when the report tells of no
 * wounded otherwise, the figure of a sentence dated earlier is the event's own.
 */
const datedEarlierHurt = (
  qs: readonly Quantity[],
  current: readonly Quantity[],
  titled: Titled,
  context: Context,
  all: { killed: CasualtyCount | null; injured: CasualtyCount | null },
): CasualtyCount | null => {
  if (current.length === qs.length || (all.injured?.best ?? 0) > 0 || (all.killed?.best ?? 0) === 0)
    return null
  const dead = all.killed?.best
  const sentenceOf = (q: Quantity): number =>
    titled.has(q) ? -1 : context.sentences.findIndex((x) => x.start <= q.span.start && q.span.start < x.end)
  // The earlier sentence tells the report's own death toll, so it is the same event.
  const left = qs.filter((q) => !current.includes(q))
  const victims = victimsToll(all.killed)
  const tolls = new Set(
    left
      .filter((q) => q.role === 'killed' && (figureOf(q) === dead || figureOf(q) === victims))
      .map(sentenceOf),
  )
  const hurt = largest(
    left.filter((q) => tolls.has(sentenceOf(q))),
    'injured',
  )
  return hurt && hurt.n > 0 ? countOf(titled, hurt) : null
}

/**
 * "killed four classmates and himself": a death toll that counts the killer's own death also gives the
 * victims' toll (one fewer), the figure an account of the killings states. Null when it does not.
 */
const victimsToll = (killed: CasualtyCount | null): number | null =>
  killed && killed.best > 1 && killed.evidence.some((e) => /\b(?:him|her)self\b|\bown life\b/i.test(e.text))
    ? killed.best - 1
    : null

/**
 * "One victim is still in the hospital … the rampage killed one and injured three": past the lead, a sentence
 * that sums up the event, stating the lead's death toll beside a wounded figure of several larger than the
 * lead's, counts all the wounded, where the lead told of some of them.
 */
const summaryPastLead = (
  qs: readonly Quantity[],
  titled: Titled,
  { inLead, sentences }: Context,
  lead: { killed: CasualtyCount | null; injured: CasualtyCount | null },
  told: CasualtyCount | null,
): CasualtyCount | null => {
  if (!told) return told
  const dead = lead.killed?.best ?? 0
  const hurt = told.best
  const sentenceOf = (q: Quantity): number =>
    titled.has(q) ? -1 : sentences.findIndex((x) => x.start <= q.span.start && q.span.start < x.end)
  let best: { q: Quantity; n: number } | null = null
  for (const q of qs) {
    const n = q.role === 'injured' && !titled.has(q) && !inLead(q) && opensWithFigure(q) ? figureOf(q) : null
    if (n === null || n < 2 || n <= hurt || n <= (best?.n ?? 0)) continue
    const here = sentenceOf(q)
    const toll = qs.some(
      (p) => p.role === 'killed' && !titled.has(p) && sentenceOf(p) === here && figureOf(p) === dead,
    )
    if (dead > 0 && toll) best = { q, n }
  }
  return best ? countOf(titled, best) : told
}

/**
 * "A murder-suicide on Elm Road … the bodies of a child, a man and a woman": a lead that only says at least
 * several died ("a murder-suicide", two or more) gives way to an exact larger figure further on, which
 * says how many.
 */
const beyondOpen = (lead: CasualtyCount | null, all: CasualtyCount | null): CasualtyCount | null => {
  const several = lead !== null && lead.high === null && lead.low >= 2
  const exact = all !== null && all.high !== null
  return several && exact && all.best > lead.best ? all : lead
}

/**
 * "An autopsy on the woman killed in Sunday's shooting … police believe he shot and killed Jane Roe and her
 * daughter": a lead that tells of the dead only by a definite reference to one person, known from earlier
 * reports, gives way to an exact larger figure further on, which tells them all.
 */
const beyondDefinite = (lead: CasualtyCount | null, all: CasualtyCount | null): CasualtyCount | null => {
  const definite =
    lead !== null &&
    lead.best === 1 &&
    lead.evidence.length > 0 &&
    lead.evidence.every((e) => /^the\s/i.test(e.text))
  const exact = all !== null && all.high !== null && all.best > 1
  return definite && exact ? all : lead
}

/**
 * "A man shot at twelve people before turning the gun on himself … the rampage killed one and injured three
 * before shooting himself": a lead whose only death is the killer's own, a suicide, tells how the event ended,
 * not its toll; the largest figure of the dead told elsewhere before the killer's own death in its sentence,
 * with the killer added, gives it.
 */
const beyondSuicideOnly = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  lead: CasualtyCount | null,
): CasualtyCount | null => {
  if (lead === null || lead.best !== 1 || lead.evidence.length === 0) return lead
  const at = (q: Quantity, e: CasualtyCount['evidence'][number]): boolean =>
    q.span.start === e.span.start && q.span.end === e.span.end && titled.has(q) === (e.field === 'title')
  const suicide = lead.evidence.every((e) => qs.some((q) => at(q, e) && isSelfKilling(q)))
  if (!suicide) return lead
  // The victims are a figure told before the killer's own death in one sentence ("killed one … before
  // shooting himself"), so a suicide alone or an accident ("accidentally shot himself") adds nobody.
  const victims = largest(
    qs.filter(
      (q) => q.best !== null && !isKillerDeath(q, text, titled) && selfKilledAfter(qs, titled, text, q),
    ),
    'killed',
  )
  if (!victims) return lead
  const n = victims.n + 1
  return countOf(titled, {
    q: { ...victims.q, low: n, best: n, high: victims.q.high === null ? null : n },
    n,
  })
}

/** Openers of a sentence that sums up the event's toll: "In total, two people were killed". */
const SUM_OPENERS = /^\W*(?:in total|in all|all told|altogether),/i

/**
 * "A deadly shooting … In total, two people were killed, including the suspect, and six others were injured": a
 * sentence opened by "in total" or "in all" sums up the whole event, killer included, where the lead tells of
 * part of it, so its exact figure of the dead is the count. Null when no such sentence states one.
 */
const summedUp = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  sentences: readonly Span[],
): CasualtyCount | null => {
  const opened = (q: Quantity): boolean => {
    const sentence = sentences.find((s) => s.start <= q.span.start && q.span.start < s.end)
    return sentence !== undefined && SUM_OPENERS.test(text.slice(sentence.start, q.span.start))
  }
  const summed = largest(
    qs.filter((q) => !titled.has(q) && q.high !== null && opensWithFigure(q) && opened(q)),
    'killed',
  )
  return summed ? countOf(titled, summed) : null
}

/**
 * "A former employee shoots four co-workers and then himself … Afterward, he went home and killed himself": a
 * lead that tells the killer shot themselves after others, leaving their fate open, counts the victims; the
 * killer's own death told further on ("killed himself", "took his own life") adds one.
 */
const killerDiedLater = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  inLead: (q: Quantity) => boolean,
  lead: CasualtyCount | null,
): CasualtyCount | null => {
  if (lead === null || lead.best === 0) return lead
  const lastShotSelf = (q: Quantity): boolean => {
    if (titled.has(q) || q.role !== 'dead_or_injured' || !/^(?:him|her)self$/i.test(q.text)) return false
    const clause =
      text
        .slice(Math.max(0, q.span.start - 200), q.span.start)
        .split(/[.;!?]\s/)
        .at(-1) ?? ''
    return /\b(?:shot|shoots|shooting)\b[^.;!?]*\b(?:then|before shooting)\s+$/i.test(clause)
  }
  const leadQs = qs.filter(inLead)
  if (!leadQs.some(lastShotSelf)) return lead
  // The lead already told the killer dead, or a figure of it may count them.
  if (leadQs.some((q) => q.role === 'killed' && (isKillerDeath(q, text, titled) || /suicide/i.test(q.text))))
    return lead
  const died = qs.some((q) => !inLead(q) && isSelfKilling(q))
  if (!died) return lead
  const n = lead.best + 1
  return { ...lead, low: n, best: n, high: lead.high === null ? null : n }
}

/**
 * "the death of two children … two children and their father were found dead": a later figure of the dead
 * that names the lead's own group as one of its parts (the same figure of the same people) and adds others
 * tells the whole of it, so it is the count.
 */
const widerGroup = (
  qs: readonly Quantity[],
  titled: Titled,
  lead: CasualtyCount | null,
): CasualtyCount | null => {
  if (lead === null || lead.high === null || lead.evidence.length === 0) return lead
  const at = (q: Quantity, e: CasualtyCount['evidence'][number]): boolean =>
    q.span.start === e.span.start && q.span.end === e.span.end && titled.has(q) === (e.field === 'title')
  const told = qs.find((q) => lead.evidence.some((e) => at(q, e)))
  if (!told?.counted) return lead
  const within = (part: Quantity, whole: Quantity): boolean =>
    part !== whole &&
    !titled.has(part) &&
    !titled.has(whole) &&
    whole.span.start <= part.span.start &&
    part.span.end <= whole.span.end
  const wider = largest(
    qs.filter(
      (w) =>
        w.high !== null &&
        (w.best ?? 0) > lead.best &&
        qs.some(
          (p) => p.role === 'killed' && p.best === lead.best && p.counted === told.counted && within(p, w),
        ),
    ),
    'killed',
  )
  return wider ? countOf(titled, wider) : lead
}

/** "charged with two counts of first-degree murder": a charge count, not a figure of the dead. */
const CHARGE = /\bcounts?\s+of\b/i

/**
 * "He is charged with two counts of murder … the shooting that left three men dead": a killed count resting
 * on the counts of a charge gives way to a larger figure of the dead told elsewhere in the report, since a
 * death may not be charged (yet). A smaller figure does not replace it: one victim may bring two counts.
 */
const beyondCharges = (
  qs: readonly Quantity[],
  titled: Titled,
  killed: CasualtyCount | null,
): CasualtyCount | null => {
  if (!killed?.evidence.every((e) => CHARGE.test(e.text))) return killed
  const told = largest(
    qs.filter((q) => !CHARGE.test(q.text) && q.best !== null),
    'killed',
  )
  return told && told.n > killed.best ? countOf(titled, told) : killed
}

/**
 * "Jane Roe was shot and died at the scene … A 40-year-old man was also wounded": when everyone the lead
 * tells of as shot died, a wounded figure past the lead that introduces someone else is the survivors'.
 * Someone else is a mention that is no pronoun or definite reference ("he", "the boy"), not a name of the
 * dead (the killed, and the lead's shot), and that no description of them fits. `told` is the lead's injured count.
 */
const survivorPastLead = (
  qs: readonly Quantity[],
  titled: Titled,
  inLead: (q: Quantity) => boolean,
  told: CasualtyCount | null,
): CasualtyCount | null => {
  if (!told || !ALL_DEAD.has(told)) return told
  // Everyone shot in the lead died, so they are the dead too.
  const deaths = qs.filter(
    (q) => q.best === 1 && (q.role === 'killed' || (q.role === 'dead_or_injured' && inLead(q))),
  )
  const dead = new Set(deaths.map(surname))
  // A death told without a name ("himself", "a man") gives no name to match: null is no surname.
  dead.delete(null)
  const fitting = deaths.filter(described)
  let best: { q: Quantity; n: number } | null = null
  for (const q of qs) {
    const n = q.role === 'injured' && !inLead(q) ? figureOf(q) : null
    if (n === null || n === 0 || isAnaphoric(q) || PRONOUNS.has(q.text.toLowerCase())) continue
    if (n === 1 && (dead.has(surname(q)) || (described(q) && fitsOne(fitting, q)))) continue
    if (n > (best?.n ?? 0)) best = { q, n }
  }
  return best ? countOf(titled, best) : told
}

/**
 * "That night, 12 people were shot, including Roe [who died] … a total of 12 injured victims": a survivors'
 * figure past an all-dead lead that repeats a shot figure of the report (not one of others) calls everyone
 * shot hurt, the dead among them, so the survivors are that figure less the dead.
 */
const shotCountedAsHurt = (
  qs: readonly Quantity[],
  titled: Titled,
  text: string,
  killed: number,
  told: CasualtyCount | null,
  found: CasualtyCount | null,
): CasualtyCount | null => {
  if (!found || found === told || killed === 0 || found.best <= killed || found.evidence.length !== 1)
    return found
  const shotAlike = qs.some(
    (q) =>
      q.role === 'dead_or_injured' &&
      !titled.has(q) &&
      figureOf(q) === found.best &&
      opensWithFigure(q) &&
      !OTHERS_AFTER.test(text.slice(q.span.end, q.span.end + 12)) &&
      !ALSO_AFTER.test(text.slice(q.span.end, q.span.end + 24)),
  )
  if (!shotAlike) return found
  const n = found.best - killed
  return { ...found, low: Math.max(0, found.low - killed), best: n, high: found.high === null ? null : n }
}

/** "Police originally said seven people were shot": a report's earlier figure, told to be replaced. */
const SUPERSEDED = /\b(?:originally|initially)\s+(?:said|reported|thought|believed|stated|told)\b/i

/**
 * "Police had originally said that seven people were shot, but amended that number to four": a wounded
 * or shot figure told after "originally said" or "initially reported" (and before any "but", "now",
 * "later" or "since" that brings the correction) is the earlier figure, left out while another wounded
 * or shot figure remains. Deaths are left as they are.
 */
const withoutSuperseded = (
  doc: Pick<Doc, 'sentences' | 'text'>,
  qs: Quantity[],
  titled: Titled,
): Quantity[] => {
  const sentences = doc.sentences ?? []
  const earlier = (q: Quantity): boolean => {
    if (titled.has(q) || !CASUALTY.has(q.role) || q.role === 'killed') return false
    const sentence = sentences.find((x) => x.start <= q.span.start && q.span.start < x.end)
    if (!sentence) return false
    const before = doc.text.slice(sentence.start, q.span.start)
    const marker = SUPERSEDED.exec(before)
    return marker !== null && !/\b(?:but|now|later|since)\b/i.test(before.slice(marker.index))
  }
  const kept = qs.filter((q) => !earlier(q))
  return kept.some((q) => CASUALTY.has(q.role) && q.role !== 'killed') ? kept : qs
}

/** "Five counts of attempted murder": a charge counted per person shot at. */
const ATTEMPT_CHARGE = /\bcounts?\s+(?:each\s+)?of\b/i

/**
 * "Charged with five counts of attempted murder": a prosecutor charges one count for each person shot at,
 * hit or not, so the count is no figure of the wounded while the report states one of several ("three others
 * were injured"); with none, it is the best there is.
 */
const withoutAttemptCharges = (qs: Quantity[]): Quantity[] => {
  const charge = (q: Quantity): boolean => q.role === 'injured' && ATTEMPT_CHARGE.test(q.text)
  const told = qs.some(
    (q) => q.role === 'injured' && !charge(q) && opensWithFigure(q) && (figureOf(q) ?? 0) > 1,
  )
  return told ? qs.filter((q) => !charge(q)) : qs
}

const ORDINALS = new Map(Object.entries(numberWords.ordinals as Record<string, number>))

/**
 * "Two men suffered injuries and a third person died": an ordinal after a figure of the wounded or shot
 * (one fewer) in its sentence counts the people, not the dead, so it is one death, not a running toll of three.
 */
const ordinalsOfPeople = (qs: Quantity[], titled: Titled, sentences: readonly Span[]): Quantity[] => {
  const sentenceOf = (q: Quantity): number =>
    titled.has(q) ? -1 : sentences.findIndex((s) => s.start <= q.span.start && q.span.start < s.end)
  return qs.map((q) => {
    const ordinal = q.text
      .toLowerCase()
      .split(/\s+/)
      .map((w) => ORDINALS.get(w))
      .find((n) => n !== undefined)
    if (q.role !== 'killed' || ordinal === undefined || q.best !== ordinal || q.high !== null) return q
    const here = sentenceOf(q)
    const counted = qs.some(
      (p) =>
        (p.role === 'injured' || p.role === 'dead_or_injured') &&
        figureOf(p) === ordinal - 1 &&
        p.span.end <= q.span.start &&
        titled.has(p) === titled.has(q) &&
        sentenceOf(p) === here,
    )
    return counted ? { ...q, low: 1, best: 1, high: 1 } : q
  })
}

/**
 * "A second man was wounded", "a third victim was shot": an indefinite ordinal for someone hurt counts the
 * people shot so far, at least that many, the dead among them ("a man died … a second man was wounded" is
 * one wounded), so it reads as a shot figure of that size, not one of others besides the dead. After a
 * figure one fewer in its sentence ("four people were shot and a fifth was cut by glass") it is one more
 * person, told apart, so it stays as it is; so does an ordinal with no person after it ("a second shot").
 */
const ordinalsShot = (
  qs: Quantity[],
  titled: Titled,
  sentences: readonly Span[],
  ordinals: Set<Quantity>,
): Quantity[] => {
  const sentenceOf = (q: Quantity): number =>
    titled.has(q) ? -1 : sentences.findIndex((s) => s.start <= q.span.start && q.span.start < s.end)
  return qs.map((q) => {
    if ((q.role !== 'injured' && q.role !== 'dead_or_injured') || q.best !== 1) return q
    const words = q.text.toLowerCase().split(/\s+/)
    const ordinal = /^an?$/.test(words[0]) && words.length > 2 ? ORDINALS.get(words[1]) : undefined
    if (ordinal === undefined) return q
    const here = sentenceOf(q)
    const counted = qs.some(
      (p) =>
        CASUALTY.has(p.role) &&
        figureOf(p) === ordinal - 1 &&
        p.span.end <= q.span.start &&
        titled.has(p) === titled.has(q) &&
        sentenceOf(p) === here,
    )
    if (counted) return q
    const shot: Quantity = { ...q, role: 'dead_or_injured', low: ordinal, best: ordinal, high: null }
    ordinals.add(shot)
    return shot
  })
}

/** Days before the publication date from which a dated sentence tells an earlier event. */
const EARLIER_DAYS = 7

/** Whether a day range ends more than {@link EARLIER_DAYS} days before a report's publication date. */
export const endsWellBefore = (range: DayRange, published: string): boolean =>
  Date.parse(range.end) < Date.parse(published) - EARLIER_DAYS * 86_400_000

/**
 * Sentences after the lead that date what they tell well before the publication day ("In late January,
 * … killing three troops"): background of an earlier event, whose figures are not the report's own.
 */
const earlierEventSentences = (doc: Pick<Doc, 'sentences' | 'dates' | 'meta'>, leadEnd: number): Span[] => {
  const published = doc.meta.published
  if (!published) return []
  const ranges = (doc.dates ?? []).flatMap((date) => {
    const range = date.type === 'DATE' && date.value !== null ? dayRange(date) : null
    return range ? [{ date, range }] : []
  })
  // A follow-up report dates its own event in the lead ("the July 4 shooting"): a later sentence of
  // that single day tells the same event, not an earlier one.
  const leadDays = new Set(
    ranges
      .filter(({ date, range }) => date.span.end <= leadEnd && range.start === range.end)
      .map(({ range }) => range.start),
  )
  const out: Span[] = []
  for (const { date, range } of ranges) {
    if (!endsWellBefore(range, published) || (range.start === range.end && leadDays.has(range.start)))
      continue
    const sentence = (doc.sentences ?? []).find((s) => s.start <= date.span.start && date.span.start < s.end)
    if (sentence) out.push(sentence)
  }
  return out
}

const AGGREGATE_WORDS = new Set(vocabulary.aggregateWords)
const AGGREGATE_PHRASES = vocabulary.aggregatePhrases.map((p) => p.split(' '))

/** Nouns after "48-hour" that make it a stretch of time, and words before "30 hours" that make it one. */
const SPANS = new Set(['span', 'period', 'stretch', 'window'])
const WITHIN = new Set(['in', 'within', 'than', 'over'])

/**
 * The round-up marker in tokens [from, to): 'statistic' for a period or place-wide total ("so far this
 * year", "since Friday", "citywide", "in a 48-hour span", "within 72 hours"), 'incidents' for plural or
 * separate incidents ("in shootings", "separate"), or null. Plural incidents with one perpetrator named in the
 * sentence ("the suspect in the Dellport shootings") are a spree, one incident: no marker. A toll since a time
 * of day ("since 8 p.m.") is a statistic too.
 */

const aggregateMarker = (
  tokens: readonly Token[],
  from: number,
  to: number,
): 'statistic' | 'incidents' | null => {
  let found: 'incidents' | null = null
  if (timelineEntry(tokens, from, to)) return 'statistic'
  // "Suspect in Dellport shootings charged": one perpetrator's shootings are a spree, one incident.
  const spree = tokens.slice(from, to).some((t) => PERPETRATORS.has(t.norm))
  for (let i = from; i < to; i++) {
    if (AGGREGATE_PHRASES.some((p) => p.every((w, k) => i + k < to && tokens[i + k].norm === w)))
      return 'statistic'
    if (sinceClockTime(tokens, i, to)) return 'statistic'
    if (betweenWeekdays(tokens, i, to)) return 'statistic'
    if (AGGREGATE_WORDS.has(tokens[i].norm) && !spree && !modifiesOther(tokens, i, to)) found = 'incidents'
    // "in a 48-hour span", "in less than 30 hours", "within 72 hours": a toll over a stretch of hours.
    if (/^\d+-hours?$/.test(tokens[i].norm) && i + 1 < to && SPANS.has(tokens[i + 1].norm)) return 'statistic'
    if (
      tokens[i].norm === 'hours' &&
      i - 2 >= from &&
      /^\d+$/.test(tokens[i - 1].norm) &&
      WITHIN.has(tokens[i - 2].norm)
    )
      return 'statistic'
  }
  return found
}

/** Adjectives among the round-up words: they mark other incidents only when they modify an incident noun. */
const INCIDENT_MODIFIERS = new Set(['separate', 'unrelated'])
/** Incident nouns: the event nouns a death can be told with ("a fatal shooting") and their plurals, and a few more. */
const INCIDENT_NOUNS = new Set([
  ...numberWords.fatalEvents.flatMap((noun) => [noun, /(s|sh|ch|x)$/.test(noun) ? `${noun}es` : `${noun}s`]),
  ...['homicide', 'homicides', 'killing', 'killings', 'case', 'cases', 'event', 'events'],
])

/**
 * "were already in jail for an unrelated crime when they were charged": "separate" or "unrelated" before a
 * noun that is not an incident ("crime", "charges", "locations") does not tell of other incidents.
 */
const modifiesOther = (tokens: readonly Token[], i: number, to: number): boolean => {
  if (!INCIDENT_MODIFIERS.has(tokens[i].norm)) return false
  const next = tokens.slice(i + 1, Math.min(to, i + 5)).map((t) => t.norm)
  return next.length > 0 && !next.some((w) => INCIDENT_NOUNS.has(w))
}

const CLOCK = new Set(['a.m.', 'p.m.', 'am', 'pm'])

/**
 * "August 2009: Four killed at a family gathering": a line opened by a year and a colon is an entry in a
 * timeline of past events, not the report's own.
 */
const timelineEntry = (tokens: readonly Token[], from: number, to: number): boolean => {
  for (let i = from; i < Math.min(to - 1, from + 3); i++)
    if (/^(19|20)\d\d$/.test(tokens[i].norm) && tokens[i + 1].norm === ':') return true
  return false
}

const WEEKDAY_NAMES = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])

/**
 * "12 killed between Friday evening and Monday morning": a toll between two days runs over several days, as
 * "since Friday" does.
 */
const betweenWeekdays = (tokens: readonly Token[], i: number, to: number): boolean => {
  if (tokens[i].norm !== 'between') return false
  const window = tokens.slice(i + 1, Math.min(to, i + 7)).map((t) => t.norm)
  const and = window.indexOf('and')
  return and > 0 && WEEKDAY_NAMES.has(window[0]) && window.slice(and + 1).some((w) => WEEKDAY_NAMES.has(w))
}

/**
 * "14 shot since 8 p.m.", "since 10:30 p.m. Friday, 11 people have been shot": a toll counted since a time of
 * day runs over a stretch of hours, as "since Friday" does over days.
 */
const sinceClockTime = (tokens: readonly Token[], i: number, to: number): boolean => {
  if (tokens[i].norm !== 'since' || i + 2 >= to || !/^\d{1,2}$/.test(tokens[i + 1].norm)) return false
  const k = tokens[i + 2].norm === ':' && i + 4 < to ? i + 4 : i + 2
  return CLOCK.has(tokens[k].norm)
}

/**
 * Leaves out the casualty figures of round-up sentences ("4 killed, 11 wounded in shootings across the
 * city") when the document also gives figures elsewhere: a round-up's totals span several incidents, and
 * the report's own incident is the one told in the other sentences. A statistic ("so far this year")
 * gives way to any other figure; plural incidents only to a stated number. With no other figure, they stay.
 */
const withoutAggregates = (
  doc: Pick<Doc, 'text' | 'meta' | 'sentences' | 'tokens'>,
  qs: Quantity[],
  titled: Titled,
): Quantity[] => {
  const tokens = doc.tokens ?? []
  const sentences = doc.sentences ?? []
  if (tokens.length === 0) return qs
  const titleTokens = titled.size > 0 ? tokenizeText(doc.meta.title ?? '') : []
  const markerOf = (q: Quantity): 'statistic' | 'incidents' | null => {
    if (!CASUALTY.has(q.role)) return null
    if (titled.has(q)) return aggregateMarker(titleTokens, 0, titleTokens.length)
    const sentence = sentences.find((s) => s.start <= q.span.start && q.span.start < s.end)
    if (!sentence) return null
    return aggregateMarker(tokens, tokenAt(tokens, sentence.start), tokenAt(tokens, sentence.end))
  }
  const casualties = qs.filter((q) => CASUALTY.has(q.role))
  const marked = new Map(casualties.map((q) => [q, markerOf(q)]))
  const rounded = new Set(casualties.filter((q) => marked.get(q) !== null))
  if (rounded.size === 0 || rounded.size === casualties.length) return qs
  // Plural incidents may be one spree ("killed four people in three separate locations"): they give way
  // only to figures that state a number, not to "a man" or "a murder" alone.
  const stated = casualties.some((q) => !rounded.has(q) && statesFigure(q))
  const dropped = stated
    ? rounded
    : new Set(casualties.filter((q) => marked.get(q) === 'statistic' || countedIncidents(doc, q, titled)))
  return qs.filter((q) => !dropped.has(q))
}

const PLURAL_INCIDENTS = new Set(vocabulary.aggregateWords.filter((w) => w.endsWith('s')))

/**
 * "Five people were shot in three separate shootings": a sentence that counts two or more incidents is a
 * round-up even when nothing else in the report states a number, unlike bare "shootings", which a spree
 * can be told with.
 */
const countedIncidents = (
  doc: Pick<Doc, 'meta' | 'sentences' | 'tokens'>,
  q: Quantity,
  titled: Titled,
): boolean => {
  const sentence = (doc.sentences ?? []).find((s) => s.start <= q.span.start && q.span.start < s.end)
  const tokens = titled.has(q)
    ? tokenizeText(doc.meta.title ?? '')
    : sentence
      ? (doc.tokens ?? []).filter((t) => t.span.start >= sentence.start && t.span.start < sentence.end)
      : []
  return tokens.some((t, i) => {
    if (!PLURAL_INCIDENTS.has(t.norm)) return false
    const before = tokens[i - 1]?.norm === 'separate' ? tokens[i - 2] : tokens[i - 1]
    if (!before) return false
    const n = /^\d+$/.test(before.norm) ? Number(before.norm) : UNITS.get(before.norm)
    return n !== undefined && n >= 2
  })
}

/** Index of the first token starting at or after `offset`. */
const tokenAt = (tokens: readonly Token[], offset: number): number => {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid].span.start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

const FIGURE_WORDS = new Set([...Object.keys(numberWords.units), ...Object.keys(numberWords.tens)])
/** Whether a quantity writes its figure ("2", "two men"), rather than implying one ("a man", "murder"). */
const statesFigure = (q: Quantity): boolean =>
  /\d/.test(q.text) ||
  q.text
    .toLowerCase()
    .split(/[\s-]+/)
    .some((w) => FIGURE_WORDS.has(w))

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase()

/** Reads a title on its own; built on first use. */
let readTitle: Pipeline | undefined

/**
 * The quantities of the title when the text does not start with it (a JSONL or HTML input whose title is
 * metadata only): headlines carry the event's figures ("2 dead, 4 hurt in …"), so the record reads them
 * as the lead's first sentence. Null when there is no title or the text already contains it.
 */
const titleQuantities = (doc: Pick<Doc, 'text' | 'meta'>): Quantity[] | null => {
  const title = doc.meta?.title
  if (!title?.trim()) return null
  const head = squash(title).slice(0, 40)
  if (squash(doc.text.slice(0, title.length + 300)).includes(head)) return null
  readTitle ??= createPipeline([tokenize(), segment(), quantities()])
  return readTitle(makeDoc({ text: title, meta: { source: `${doc.meta.source} (title)` } })).quantities ?? []
}

/** The record stage: {@link recordOf} on every document. */
export const record = (options: RecordOptions = {}): Stage<'record'> => ({
  name: 'record',
  needs: ['tokens', 'sentences', 'quantities'],
  produces: 'record',
  run: (doc) => recordOf(doc, options),
})
