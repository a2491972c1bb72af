import lexicon from '../data/events.json' with { type: 'json' }
import type { EventMention, QuantityRole, Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'
import { tokenizeText } from './tokenize.ts'

/** One trigger of the lexicon, as token norms. */
export interface EventTrigger {
  /** The trigger's token norms ("drone", "strike"). */
  words: string[]
  type: string
  /** Fires only when one of these (token-norm sequences) occurs within the window. */
  context?: string[][]
  /** Never fires when one of these occurs within the window. */
  unless?: string[][]
  /**
   * Also fires, when its context words are missing, in a sentence where the quantities stage counted
   * people killed or hurt ("Six shot at a party"): the count settles what the word means.
   */
  counted?: boolean
}

export interface EventsOptions {
  /** Triggers to use instead of `src/data/events.json`. */
  triggers?: readonly {
    phrase: string
    type: string
    context?: string[]
    unless?: string[]
    counted?: boolean
  }[]
  /** Tokens either side of a trigger searched for its context words. Default from the lexicon (8). */
  window?: number
}

/** Quantity roles that count people killed or hurt. */
const CASUALTY_ROLES = new Set<QuantityRole>(['killed', 'injured', 'dead_or_injured'])

const words = (phrase: string): string[] => tokenizeText(phrase).map((t) => t.norm)

/** Compiles phrases into triggers grouped by first word, longest first so multi-word triggers win. */
const compile = (entries: NonNullable<EventsOptions['triggers']>): Map<string, EventTrigger[]> => {
  const byFirst = new Map<string, EventTrigger[]>()
  for (const entry of entries) {
    const trigger: EventTrigger = { words: words(entry.phrase), type: entry.type }
    if (entry.context) trigger.context = entry.context.map(words)
    if (entry.unless) trigger.unless = entry.unless.map(words)
    if (entry.counted) trigger.counted = true
    const list = byFirst.get(trigger.words[0]) ?? []
    list.push(trigger)
    byFirst.set(trigger.words[0], list)
  }
  // Stable sort: same-length entries keep the lexicon's order.
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length)
  return byFirst
}

let defaultTriggers: Map<string, EventTrigger[]> | undefined

/** The default lexicon, compiled once on first use and shared by every stage instance. */
const defaults = (): Map<string, EventTrigger[]> => {
  if (!defaultTriggers) defaultTriggers = compile(lexicon.triggers)
  return defaultTriggers
}

const occursIn = (tokens: readonly Token[], from: number, to: number, seq: readonly string[]): boolean => {
  for (let i = from; i + seq.length <= to; i++) {
    let k = 0
    while (k < seq.length && tokens[i + k].norm === seq[k]) k++
    if (k === seq.length) return true
  }
  return false
}

const capitalised = (text: string, t: Token | undefined): boolean =>
  t !== undefined && t.kind === 'word' && /^\p{Lu}/u.test(text.slice(t.span.start, t.span.end))

/** A title-case line (a headline): no full stop and most words capitalised, so capitals say nothing about names. */
const isTitleCase = (text: string, tokens: readonly Token[], start: number, end: number): boolean => {
  // A headline has no closing full stop; a sentence full of names has one.
  if (end > start && tokens[end - 1].norm === '.') return false
  let words = 0
  let caps = 0
  for (let i = start; i < end; i++) {
    if (tokens[i].kind !== 'word' || tokens[i].norm.length < 4) continue
    words++
    if (capitalised(text, tokens[i])) caps++
  }
  return words >= 3 && caps / words > 0.6
}

/**
 * A capitalised word inside a run of capitalised words, not at the start of the sentence, is part of a
 * name ("Surrey Fire and Rescue", "Central Election Commission", "Catching Fire"), not an event.
 */
const inProperName = (
  text: string,
  tokens: readonly Token[],
  i: number,
  start: number,
  end: number,
): boolean => {
  if (i === start || !capitalised(text, tokens[i])) return false
  return capitalised(text, tokens[i - 1]) || (i + 1 < end && capitalised(text, tokens[i + 1]))
}

/**
 * Finds event triggers in the tokens [start, end) of one sentence: at each token the longest trigger
 * whose context test passes; context is searched within `window` tokens either side, inside the sentence.
 * `counted`: the sentence holds a count of people killed or hurt (passes the test of `counted` triggers).
 */
export const findEvents = (
  text: string,
  tokens: readonly Token[],
  start: number,
  end: number,
  triggers: Map<string, EventTrigger[]>,
  window: number,
  counted = false,
): EventMention[] => {
  const out: EventMention[] = []
  const headline = isTitleCase(text, tokens, start, end)
  for (let i = start; i < end; ) {
    const candidates =
      !headline && inProperName(text, tokens, i, start, end) ? undefined : triggers.get(tokens[i].norm)
    let matched = 0
    if (candidates) {
      for (const trigger of candidates) {
        const n = trigger.words.length
        if (i + n > end) continue
        let k = 1
        while (k < n && tokens[i + k].norm === trigger.words[k]) k++
        if (k < n) continue
        const from = Math.max(start, i - window)
        const to = Math.min(end, i + n + window)
        if (trigger.unless?.some((seq) => occursIn(tokens, from, to, seq))) continue
        if (
          trigger.context &&
          !(counted && trigger.counted) &&
          !trigger.context.some((seq) => occursIn(tokens, from, to, seq))
        )
          continue
        const span = { start: tokens[i].span.start, end: tokens[i + n - 1].span.end }
        out.push({ span, text: text.slice(span.start, span.end), type: trigger.type })
        matched = n
        break
      }
    }
    i += Math.max(1, matched)
  }
  return out
}

/**
 * The events stage: event triggers ("drone strike", "shooting", "arrested") typed with a coarse class from
 * `src/data/events.json`, so later steps can key facts by the event they are about.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), events()])
 * run(makeDoc({ text: 'A drone strike hit the base.', meta: { source: 'x' } })).events
 * // → [{ span: { start: 2, end: 14 }, text: 'drone strike', type: 'airstrike' }]
 */
export const events = ({ triggers, window = lexicon.window }: EventsOptions = {}): Stage<'events'> => {
  const compiled = triggers ? compile(triggers) : undefined
  return {
    name: 'events',
    needs: ['tokens', 'sentences'],
    produces: 'events',
    run(doc) {
      const table = compiled ?? defaults()
      const tokens = doc.tokens ?? []
      const out: EventMention[] = []
      const casualties = (doc.quantities ?? []).filter((q) => CASUALTY_ROLES.has(q.role))
      let t = 0
      for (const sentence of doc.sentences ?? []) {
        while (t < tokens.length && tokens[t].span.start < sentence.start) t++
        const first = t
        while (t < tokens.length && tokens[t].span.end <= sentence.end) t++
        const counted = casualties.some((q) => q.span.start >= sentence.start && q.span.end <= sentence.end)
        for (const e of findEvents(doc.text, tokens, first, t, table, window, counted)) out.push(e)
      }
      return out
    },
  }
}
