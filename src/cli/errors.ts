/** Exit codes of the `parallax` CLI (DESIGN §4). */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const

/** A usage mistake: printed as one line with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
