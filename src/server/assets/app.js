// Parallax web UI behaviour: choosing a fact scrolls every report column to that fact's evidence.
// Plain JavaScript, no build step; served as a file so the page's CSP can forbid inline script.
;(() => {
  'use strict'

  const reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches

  function showFact(id, button) {
    // A static report can hold several stories: act only within the story of the chosen fact.
    const story = button.closest('.story') || document
    story.querySelectorAll('mark.active').forEach((el) => el.classList.remove('active'))
    story.querySelectorAll('.fact-row.active').forEach((el) => el.classList.remove('active'))
    story.querySelectorAll('.fact-link[aria-pressed="true"]').forEach((el) => el.setAttribute('aria-pressed', 'false'))
    const row = button.closest('.fact-row')
    if (row) row.classList.add('active')
    if (button) button.setAttribute('aria-pressed', 'true')
    const about = button ? button.textContent : ''
    let shown = 0
    let total = 0
    story.querySelectorAll('.column').forEach((column) => {
      const text = column.querySelector('.doc-text')
      const note = column.querySelector('.lacks-note')
      if (!text) return
      const marks = text.querySelectorAll('mark[data-facts~="' + id + '"]')
      total++
      if (marks.length > 0) shown++
      if (marks.length === 0) {
        column.classList.add('lacks')
        if (note) {
          note.textContent = 'This report does not mention: ' + about
          note.hidden = false
        }
        return
      }
      column.classList.remove('lacks')
      if (note) note.hidden = true
      marks.forEach((m) => m.classList.add('active'))
      // Scroll the column itself (not the page) so every column shows its evidence at once.
      const first = marks[0]
      const top = first.getBoundingClientRect().top - text.getBoundingClientRect().top + text.scrollTop
      text.scrollTo({ top: Math.max(0, top - text.clientHeight / 3), behavior: 'instant' })
    })
    // Said in words for everyone (and announced to screen readers): where the fact was found.
    const status = story.querySelector('.fact-status')
    if (status) status.textContent = 'Showing “' + about + '”: in ' + shown + ' of ' + total + (total === 1 ? ' report.' : ' reports.')
    const reports = story.querySelector('.sec-reports')
    if (reports) reports.scrollIntoView({ block: 'start', behavior: reduceMotion ? 'instant' : 'smooth' })
  }

  document.addEventListener('click', (event) => {
    const target = event.target
    if (!(target instanceof Element)) return
    const button = target.closest('.fact-link')
    if (!button) return
    event.preventDefault()
    showFact(button.getAttribute('data-fact'), button)
  })
})()
