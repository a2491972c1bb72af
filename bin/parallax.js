#!/usr/bin/env node
// Parallax ships TypeScript sources and runs them through tsx's loader (no build step to forget).
import { register } from 'tsx/esm/api'

// A reader that stops early (`parallax … | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
}

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
