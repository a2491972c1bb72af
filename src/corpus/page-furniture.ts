/**
 * Page furniture: the parts of a saved page that wrap the report (the site's name after the title, video
 * players' notices, captions and gallery counters, copyright and sign-up lines, section headings). A name
 * there ("WSMV Channel 4", "Javascript", "Photo") is the page's, not an actor of the story nor where
 * its event happened, so the comparison leaves it out of the actors and places it ranks. The mentions stay in the document's layers: grouping
 * and search still read them.
 */
import facilityHeads from '../data/facility-heads.json' with { type: 'json' }
import orgHeads from '../data/org-heads.json' with { type: 'json' }
import furniture from '../data/page-furniture.json' with { type: 'json' }
import type { Doc, Mention, Span } from '../model/types.ts'
import { headlineOf } from './headline.ts'

const LINE_CUES = furniture.lines
const WORDS = new Set([...furniture.words, ...furniture.things])
const STREET_HEADS = new Set(facilityHeads.streetHeads)
const ORG_HEADS = new Set(orgHeads.heads)
/** A possessive right before a mention ("the Coroner's Office"). */
const POSSESSIVE_BEFORE = /['’]s\s+$/

/**
 * A one-word name that is only the head of a longer one the tagger split: a street's ("Avenue" of "2nd
 * Avenue") or an office's after a possessive ("Office" of "the Coroner's Office").
 */
const isBareHead = (text: string, m: Mention): boolean => {
  const word = m.text.toLowerCase()
  if (/\s/.test(word)) return false
  return (
    STREET_HEADS.has(word) ||
    (ORG_HEADS.has(word) && POSSESSIVE_BEFORE.test(text.slice(Math.max(0, m.span.start - 3), m.span.start)))
  )
}
/** A gallery's counter ("Image 2 of 13", "Photo 4/9"). */
const COUNTER = /\b(?:image|photo|picture|slide)\s+\d+\s*(?:of|\/)\s*\d+/i
/** A station's or agency's credit opening a paragraph: "(WXYZ) - Two men were …". */
const CREDIT = /(?:^|\n)[ \t]*(\([^()\n]{1,40}\))[ \t]*[-–—]/g
/** Longest sentence, in words, that a furniture cue marks as a whole line of furniture. */
const MAX_LINE_WORDS = 20
/** Short words a heading leaves in lower case ("Man Shot in the Leg"). */
const HEADING_SMALL = /^(?:a|an|the|and|or|of|in|on|at|to|for|by|with|from)$/

/**
 * The spans of the site's name a page appends to its title ("Teen hurt in crash - WSMV Channel 4 -
 * Nashville, Tennessee" → " - WSMV Channel 4 - Nashville, Tennessee"), wherever the text repeats it (a
 * saved page often carries its title twice).
 */
export const siteSuffixSpans = (doc: Pick<Doc, 'text' | 'meta'>): Span[] => {
  const title = doc.meta.title ?? doc.text.slice(0, Math.max(0, doc.text.indexOf('\n')))
  if (!title) return []
  const headline = headlineOf(title)
  // The headline is rebuilt with " - " between its segments: only a title that starts with it is cut.
  if (!title.startsWith(headline)) return []
  const suffix = title.slice(headline.length)
  if (suffix.trim() === '') return []
  const spans: Span[] = []
  for (let at = doc.text.indexOf(suffix); at >= 0; at = doc.text.indexOf(suffix, at + suffix.length))
    spans.push({ start: at, end: at + suffix.length })
  return spans
}

/** A sentence that is furniture: a cue line of at most 20 words, a gallery counter, or a heading. */
const isFurnitureLine = (sentence: string, first: boolean): boolean => {
  const words = sentence.split(/\s+/).filter((w) => /\p{L}/u.test(w))
  if (COUNTER.test(sentence)) return true
  const lower = sentence.toLowerCase()
  if (words.length <= MAX_LINE_WORDS && LINE_CUES.some((cue) => lower.includes(cue))) return true
  // A heading inside the text ("Just One More Thing..."): a few capitalised words and no full stop. The
  // first sentence is the title, which names the story's actors.
  return (
    !first &&
    words.length > 0 &&
    words.length <= 6 &&
    !/[^.]\.["”’)]*$/.test(sentence.trim()) &&
    !/[!?:;,]/.test(sentence) &&
    words.every((w) => /^\P{L}*\p{Lu}/u.test(w) || HEADING_SMALL.test(w))
  )
}

/**
 * The mentions of a document that sit in page furniture (see the module comment), that are one of the
 * page's parts by name ("Photo", "UPDATE") or a thing written in capitals ("SUV", "DUI"), or that
 * are only the head of a name the tagger split ("Office" of "the Coroner's Office", "Avenue").
 *
 * @example
 * furnitureMentions(doc, sentences) // Set { mention of "Javascript" in "Please enable Javascript to watch this video" }
 */
export const furnitureMentions = (
  doc: Pick<Doc, 'text' | 'meta' | 'mentions'>,
  sentences: readonly Span[],
  stamps: readonly Span[] = [],
): Set<Mention> => {
  const credits = [...doc.text.matchAll(CREDIT)].map((match) => {
    const start = (match.index ?? 0) + match[0].indexOf('(')
    return { start, end: start + match[1].length }
  })
  const spans = [
    ...siteSuffixSpans(doc),
    ...stamps,
    ...credits,
    ...sentences.filter((s, i) => isFurnitureLine(doc.text.slice(s.start, s.end), i === 0)),
  ]
  const within = (m: Mention): boolean => spans.some((s) => s.start <= m.span.start && m.span.end <= s.end)
  return new Set(
    (doc.mentions ?? []).filter(
      (m) => WORDS.has(m.text.toLowerCase()) || isBareHead(doc.text, m) || within(m),
    ),
  )
}
