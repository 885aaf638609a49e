// Built-in copies of themes/*.yaml, so the binary works without the files.
//
// Keep these byte-for-byte equal to the files: ThemeTests fails when they
// drift. To refresh, paste each file between its #""" and """# markers,
// keeping one empty line before """# (the file's final newline).

/// The themes compiled into the binary.
enum BuiltInThemes {
    /// A built-in theme's name, as used on the command line.
    enum Name: String, CaseIterable, Sendable {
        case standard = "default"
        case light
        case highContrast = "high-contrast"
        case mono
    }

    /// The YAML text of a built-in theme.
    static func yaml(_ name: Name) -> String {
        switch name {
        case .standard: return standardYAML
        case .light: return lightYAML
        case .highContrast: return highContrastYAML
        case .mono: return monoYAML
        }
    }

    /// A built-in theme parsed with no base. Built-in files define every
    /// role (a test checks it), so a failure here is a programming error.
    static func parsed(_ name: Name) -> Theme {
        do {
            let theme = try ThemeParser.parse(yaml(name), source: "built-in \(name.rawValue)", defaultName: name.rawValue, base: nil)
            precondition(Role.allCases.allSatisfy { theme.styles[$0] != nil }, "built-in theme \(name.rawValue) lacks a role")
            return theme
        } catch {
            preconditionFailure("built-in theme \(name.rawValue) does not parse: \(error)")
        }
    }

    static let standardYAML = #"""
# towerwatch theme: default (for dark terminals)
#
# How a theme file works
# ----------------------
# palette:  names for colours, so roles can say "amber" instead of "214".
#           A colour is one of: default (the terminal's own colour), black,
#           red, green, yellow, blue, magenta, cyan, white, or a 256-colour
#           palette index 0-255.
# roles:    what each thing on screen looks like. Each role takes
#             fg, bg                      a palette name or a colour
#             bold, dim, reverse, underline   true or false
#           A bare value (`text: amber`) sets only the foreground.
#           Roles left out get towerwatch's built-in defaults; an unknown
#           role name or colour is an error that names the file and the key.
#
# On terminals with 8 colours, palette indexes are mapped to the nearest basic
# colour; with no colours (or NO_COLOR set) the monochrome look is used, so
# write roles here for colour terminals and let mono.yaml cover the rest.
name: default
palette:
  fg: 252
  dim: 245
  muted: 240
  bright: 255
  accent: 39
  amber: 214
  orange: 208
  red: 196
  darkred: 124
  green: 41
  teal: 37
  yellow: 227
  purple: 135
  bar: 236
  selbg: 24
  selbgdim: 238
roles:
  text:               { fg: fg }
  textDim:            { fg: dim }
  paneBorder:         { fg: muted }
  paneBorderFocused:  { fg: accent, bold: true }
  paneTitle:          { fg: dim }
  paneTitleFocused:   { fg: bright, bold: true }
  header:             { fg: bright, bg: selbg, bold: true }

  statusBar:          { fg: fg, bg: bar }
  statusLive:         { fg: black, bg: green, bold: true }
  statusDrill:        { fg: black, bg: amber, bold: true }
  statusReplay:       { fg: black, bg: purple, bold: true }

  selection:          { fg: bright, bg: selbg, bold: true }
  selectionUnfocused: { fg: fg, bg: selbgdim }
  hintKey:            { fg: amber, bg: bar, bold: true }
  hintText:           { fg: fg, bg: bar }

  clockNormal:        { fg: fg }
  clockWarning:       { fg: amber, bold: true }
  clockOverdue:       { fg: red, bold: true }

  hazardNew:          { fg: yellow, bold: true }
  hazardDispatched:   { fg: accent, bold: true }
  hazardAcknowledged: { fg: teal }
  hazardOnScene:      { fg: green }
  hazardOverdue:      { fg: bright, bg: darkred, bold: true }
  hazardResolved:     { fg: dim }
  severityLow:        { fg: dim }
  severityMedium:     { fg: yellow }
  severityHigh:       { fg: orange, bold: true }
  severityCritical:   { fg: bright, bg: red, bold: true }

  guardAvailable:     { fg: green }
  guardOnPatrol:      { fg: teal }
  guardDispatched:    { fg: accent, bold: true }
  guardEnRoute:       { fg: purple }
  guardOnScene:       { fg: green, bold: true }
  guardOffDuty:       { fg: muted }
  guardSilent:        { fg: red, bold: true, underline: true }

  feedTime:           { fg: dim }
  feedText:           { fg: fg }
  feedAlarm:          { fg: red, bold: true }
  towerName:          { fg: bright, bold: true }
  filterPrompt:       { fg: amber, bold: true }
  error:              { fg: red, bold: true }
  alarm:              { fg: bright, bg: red, bold: true }

  overlayBorder:      { fg: accent, bold: true }
  overlayText:        { fg: fg }
  timelineMark:       { fg: accent }
  timelineOverdue:    { fg: red, bold: true }
  helpKey:            { fg: amber, bold: true }
  helpText:           { fg: fg }

"""#

    static let lightYAML = #"""
# towerwatch theme: light (for terminals with a light background)
#
# Format: see default.yaml. palette: names colours (default, black, red,
# green, yellow, blue, magenta, cyan, white, or 0-255); roles: map a role to
# { fg, bg, bold, dim, reverse, underline }. Roles left out use the defaults.
name: light
palette:
  ink: 235
  dim: 242
  muted: 248
  accent: 25
  amber: 136
  orange: 166
  red: 160
  darkred: 124
  green: 28
  teal: 30
  purple: 91
  paper: 255
  bar: 253
  selbg: 153
  selbgdim: 252
roles:
  text:               { fg: ink }
  textDim:            { fg: dim }
  paneBorder:         { fg: muted }
  paneBorderFocused:  { fg: accent, bold: true }
  paneTitle:          { fg: dim }
  paneTitleFocused:   { fg: ink, bold: true }
  header:             { fg: paper, bg: accent, bold: true }

  statusBar:          { fg: ink, bg: bar }
  statusLive:         { fg: paper, bg: green, bold: true }
  statusDrill:        { fg: paper, bg: amber, bold: true }
  statusReplay:       { fg: paper, bg: purple, bold: true }

  selection:          { fg: ink, bg: selbg, bold: true }
  selectionUnfocused: { fg: ink, bg: selbgdim }
  hintKey:            { fg: accent, bg: bar, bold: true }
  hintText:           { fg: ink, bg: bar }

  clockNormal:        { fg: ink }
  clockWarning:       { fg: amber, bold: true }
  clockOverdue:       { fg: red, bold: true }

  hazardNew:          { fg: orange, bold: true }
  hazardDispatched:   { fg: accent }
  hazardAcknowledged: { fg: teal }
  hazardOnScene:      { fg: green }
  hazardOverdue:      { fg: paper, bg: darkred, bold: true }
  hazardResolved:     { fg: dim }
  severityLow:        { fg: dim }
  severityMedium:     { fg: amber }
  severityHigh:       { fg: orange, bold: true }
  severityCritical:   { fg: paper, bg: red, bold: true }

  guardAvailable:     { fg: green }
  guardOnPatrol:      { fg: teal }
  guardDispatched:    { fg: accent, bold: true }
  guardEnRoute:       { fg: purple }
  guardOnScene:       { fg: green, bold: true }
  guardOffDuty:       { fg: muted }
  guardSilent:        { fg: red, bold: true, underline: true }

  feedTime:           { fg: dim }
  feedText:           { fg: ink }
  feedAlarm:          { fg: red, bold: true }
  towerName:          { fg: ink, bold: true }
  filterPrompt:       { fg: accent, bold: true }
  error:              { fg: red, bold: true }
  alarm:              { fg: paper, bg: red, bold: true }

  overlayBorder:      { fg: accent, bold: true }
  overlayText:        { fg: ink }
  timelineMark:       { fg: accent }
  timelineOverdue:    { fg: red, bold: true }
  helpKey:            { fg: accent, bold: true }
  helpText:           { fg: ink }

"""#

    static let highContrastYAML = #"""
# towerwatch theme: high-contrast
#
# Only the eight basic colours, bold text and solid backgrounds for urgent
# states, for bright control rooms and weak eyes. Looks the same on an
# 8-colour terminal as on a 256-colour one.
#
# Format: see default.yaml. palette: names colours (default, black, red,
# green, yellow, blue, magenta, cyan, white, or 0-255); roles: map a role to
# { fg, bg, bold, dim, reverse, underline }. Roles left out use the defaults.
name: high-contrast
palette:
  ink: white
  ground: black
  focus: yellow
roles:
  text:               { fg: ink, bold: true }
  textDim:            { fg: ink }
  paneBorder:         { fg: ink }
  paneBorderFocused:  { fg: focus, bold: true }
  paneTitle:          { fg: ink, bold: true }
  paneTitleFocused:   { fg: ground, bg: focus, bold: true }
  header:             { fg: ground, bg: ink, bold: true }

  statusBar:          { fg: ground, bg: ink }
  statusLive:         { fg: ground, bg: green, bold: true }
  statusDrill:        { fg: ground, bg: yellow, bold: true }
  statusReplay:       { fg: ground, bg: cyan, bold: true }

  selection:          { fg: ground, bg: focus, bold: true }
  selectionUnfocused: { fg: ground, bg: ink }
  hintKey:            { fg: ground, bg: focus, bold: true }
  hintText:           { fg: ground, bg: ink }

  clockNormal:        { fg: ink, bold: true }
  clockWarning:       { fg: ground, bg: yellow, bold: true }
  clockOverdue:       { fg: ink, bg: red, bold: true }

  hazardNew:          { fg: yellow, bold: true }
  hazardDispatched:   { fg: cyan, bold: true }
  hazardAcknowledged: { fg: cyan, bold: true, underline: true }
  hazardOnScene:      { fg: green, bold: true }
  hazardOverdue:      { fg: ink, bg: red, bold: true }
  hazardResolved:     { fg: ink }
  severityLow:        { fg: ink }
  severityMedium:     { fg: yellow, bold: true }
  severityHigh:       { fg: red, bold: true }
  severityCritical:   { fg: ink, bg: red, bold: true }

  guardAvailable:     { fg: green, bold: true }
  guardOnPatrol:      { fg: cyan, bold: true }
  guardDispatched:    { fg: yellow, bold: true }
  guardEnRoute:       { fg: magenta, bold: true }
  guardOnScene:       { fg: green, bold: true, underline: true }
  guardOffDuty:       { fg: ink }
  guardSilent:        { fg: ink, bg: red, bold: true }

  feedTime:           { fg: ink }
  feedText:           { fg: ink, bold: true }
  feedAlarm:          { fg: ink, bg: red, bold: true }
  towerName:          { fg: ink, bold: true, underline: true }
  filterPrompt:       { fg: focus, bold: true }
  error:              { fg: ink, bg: red, bold: true }
  alarm:              { fg: ink, bg: red, bold: true }

  overlayBorder:      { fg: focus, bold: true }
  overlayText:        { fg: ink, bold: true }
  timelineMark:       { fg: cyan, bold: true }
  timelineOverdue:    { fg: ink, bg: red, bold: true }
  helpKey:            { fg: focus, bold: true }
  helpText:           { fg: ink, bold: true }

"""#

    static let monoYAML = #"""
# towerwatch theme: mono (no colours, only attributes)
#
# For terminals without colour, NO_COLOR, or TERM=vt100; towerwatch also
# falls back to exactly these looks by itself on such terminals. Every state
# that matters differs by an attribute, so it stays visible:
# reverse = needs action now, bold = active or focused, underline = moving
# or waiting, dim = quiet or done.
#
# Format: see default.yaml. roles: map a role to { fg, bg, bold, dim,
# reverse, underline }; here only the attributes are used. Roles left out
# use the defaults.
name: mono
palette: {}
roles:
  text:               {}
  textDim:            { dim: true }
  paneBorder:         {}
  paneBorderFocused:  { bold: true }
  paneTitle:          {}
  paneTitleFocused:   { bold: true, underline: true }
  header:             { reverse: true, bold: true }

  statusBar:          { reverse: true }
  statusLive:         { reverse: true, bold: true }
  statusDrill:        { reverse: true, bold: true, underline: true }
  statusReplay:       { reverse: true, underline: true }

  selection:          { reverse: true }
  selectionUnfocused: { underline: true }
  hintKey:            { reverse: true, bold: true }
  hintText:           { reverse: true }

  clockNormal:        {}
  clockWarning:       { bold: true }
  clockOverdue:       { reverse: true, bold: true }

  hazardNew:          { bold: true }
  hazardDispatched:   { underline: true }
  hazardAcknowledged: {}
  hazardOnScene:      { bold: true, underline: true }
  hazardOverdue:      { reverse: true, bold: true }
  hazardResolved:     { dim: true }
  severityLow:        { dim: true }
  severityMedium:     {}
  severityHigh:       { bold: true }
  severityCritical:   { reverse: true, bold: true }

  guardAvailable:     {}
  guardOnPatrol:      {}
  guardDispatched:    { bold: true }
  guardEnRoute:       { underline: true }
  guardOnScene:       { bold: true, underline: true }
  guardOffDuty:       { dim: true }
  guardSilent:        { reverse: true, bold: true }

  feedTime:           { dim: true }
  feedText:           {}
  feedAlarm:          { bold: true, underline: true }
  towerName:          { bold: true }
  filterPrompt:       { bold: true }
  error:              { reverse: true, bold: true }
  alarm:              { reverse: true, bold: true }

  overlayBorder:      { bold: true }
  overlayText:        {}
  timelineMark:       { bold: true }
  timelineOverdue:    { reverse: true }
  helpKey:            { bold: true }
  helpText:           {}

"""#
}
