import type { Span, Token } from '../model/types.ts'
import type { Stage } from '../pipeline/stage.ts'

const TERMINAL = new Set(['.', '!', '?', '…'])
const CLOSERS = new Set(['"', "'", ')', ']', '”', '’', '»'])

/** Sentence spans from tokens, trimmed to their first and last token. */
export const segmentTokens = (text: string, tokens: readonly Token[]): Span[] => {
  const sentences: Span[] = []
  let first = 0
  const close = (last: number): void => {
    if (last >= first) sentences.push({ start: tokens[first].span.start, end: tokens[last].span.end })
    first = last + 1
  }
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1]
    if (!next) {
      close(i)
      break
    }
    const gap = text.slice(tokens[i].span.end, next.span.start)
    // A line break ends a sentence: titles, datelines and paragraphs are separate.
    if (gap.includes('\n')) {
      close(i)
      continue
    }
    const t = tokens[i]
    if (!TERMINAL.has(t.norm)) continue
    // Take closing quotes and brackets that belong to this sentence.
    let last = i
    while (tokens[last + 1] && CLOSERS.has(tokens[last + 1].norm) && !tokens[last + 1].spaceBefore) last++
    const after = tokens[last + 1]
    if (!after) {
      close(last)
      break
    }
    const afterText = text.slice(after.span.start, after.span.end)
    // A sentence starts with a capital, a digit or an opening quote. Scraped text often runs sentences
    // together with no space ("commanders.Al-Saadi"): a capital straight after a full stop still splits.
    const startsSentence = /^[\p{Lu}\p{N}"“‘'([]/u.test(afterText)
    if (startsSentence) {
      close(last)
      i = last
    }
  }
  return sentences
}

/** The segment stage: produces `sentences` from `tokens`. */
export const segment = (): Stage<'sentences'> => ({
  name: 'segment',
  needs: ['tokens'],
  produces: 'sentences',
  run: (doc) => segmentTokens(doc.text, doc.tokens ?? []),
})
