// The grid measures, cuts and pads text with the project's one display
// width, which lives in its own small module so that the core's reports use
// it too. Re-exported so that every user of the UI (panes, the executable,
// tests, benchmarks) keeps writing `DisplayWidth.of`, `text.padded(toWidth:)`
// and `TextAlignment` with `import TowerwatchUI` alone.
@_exported import TowerwatchText
