/** Exit codes of the `parallax` CLI (DESIGN §4). */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const

/** A usage mistake: printed as one line with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** How many lines of one file with the same problem are printed before they are counted instead. */
const SAME_PROBLEM_SHOWN = 3

/**
 * Problem lines for stderr, one per problem (`parallax: SOURCE: REASON`), except that once a file has
 * shown {@link SAME_PROBLEM_SHOWN} lines or items with one reason, the rest are counted in one line:
 * a JSONL file of 10,000 lines all missing their text is one problem, not 10,000. The JSON report
 * still lists every one in `errors`.
 */
export const problemLines = (problems: readonly { source: string; reason: string }[]): string[] => {
  const groups = new Map<string, { file: string; reason: string; sources: string[] }>()
  for (const p of problems) {
    // `file:line` (JSONL) and `file#index` (JSON arrays) name one item of a file.
    const file = /^(.*?)(?::\d+|#\d+)$/.exec(p.source)?.[1] ?? p.source
    const key = `${file}\u0000${p.reason}`
    const group = groups.get(key) ?? { file, reason: p.reason, sources: [] }
    group.sources.push(p.source)
    groups.set(key, group)
  }
  const lines: string[] = []
  for (const { file, reason, sources } of groups.values()) {
    for (const source of sources.slice(0, SAME_PROBLEM_SHOWN)) lines.push(`parallax: ${source}: ${reason}`)
    const more = sources.length - SAME_PROBLEM_SHOWN
    if (more > 0)
      lines.push(`parallax: ${file}: ${more} more with the same problem (${sources.length} in all)`)
  }
  return lines
}
