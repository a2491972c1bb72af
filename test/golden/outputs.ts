import { analyze } from '../../src/analyze.ts'
import { renderJson } from '../../src/report/json.ts'
import { renderMarkdown } from '../../src/report/markdown.ts'
import { renderText } from '../../src/report/text.ts'

const examples = new URL('../../examples', import.meta.url).pathname

/** Source paths made relative so goldens do not depend on where the checkout is. */
const relative = (text: string): string => text.split(`${examples}/`).join('examples/')

/** The outputs kept as goldens, by file name. */
export const goldenOutputs = async (): Promise<Record<string, string>> => {
  const report = await analyze([examples])
  return {
    'examples.json': relative(renderJson(report)),
    'examples.txt': relative(renderText(report)),
    'examples.md': relative(renderMarkdown(report)),
  }
}
