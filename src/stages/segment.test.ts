import assert from 'node:assert/strict'
import { test } from 'node:test'
import { segmentTokens } from './segment.ts'
import { tokenizeText } from './tokenize.ts'

const sentences = (text: string) =>
  segmentTokens(text, tokenizeText(text)).map((s) => text.slice(s.start, s.end))

test('segmentTokens finds sentence boundaries', () => {
  const cases: [string, string[]][] = [
    ['One here. Two there.', ['One here.', 'Two there.']],
    ['Title line\n\nBody starts. Ends!', ['Title line', 'Body starts.', 'Ends!']],
    ['It was killed.Al-Saadi was a commander.', ['It was killed.', 'Al-Saadi was a commander.']],
    ['“We will win,” he said. Then he left.', ['“We will win,” he said.', 'Then he left.']],
    ['He said “we will win.” Then he left.', ['He said “we will win.”', 'Then he left.']],
    ['The U.S. Central Command said so.', ['The U.S. Central Command said so.']],
    ['On Jan. 28 the attack came. Gen. Smith spoke.', ['On Jan. 28 the attack came.', 'Gen. Smith spoke.']],
    ['in 2024. 47 people were hurt.', ['in 2024.', '47 people were hurt.']],
    ['no final stop', ['no final stop']],
  ]
  for (const [input, expected] of cases) assert.deepEqual(sentences(input), expected, input)
})
