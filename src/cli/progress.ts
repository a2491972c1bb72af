/**
 * A one-line progress indicator on stderr, redrawn in place. Silent when stderr is not a terminal
 * (pipes, CI, files) or when there are few items.
 */
export const createProgress = (
  label: string,
  { stream = process.stderr, minItems = 20 }: { stream?: NodeJS.WriteStream; minItems?: number } = {},
) => {
  const enabled = Boolean(stream.isTTY)
  let lastDraw = 0
  return {
    update(done: number, total: number): void {
      if (!enabled || total < minItems) return
      const now = Date.now()
      if (done < total && now - lastDraw < 100) return
      lastDraw = now
      stream.write(`\r${label} ${done}/${total} (${Math.floor((done / total) * 100)}%)`)
      if (done === total) stream.write('\r\x1b[K')
    },
  }
}
