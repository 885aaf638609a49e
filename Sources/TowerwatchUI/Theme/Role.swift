/// The things on screen that a theme gives a look to.
///
/// Themes name roles, not colours: a pane asks for `.hazardOverdue`, never
/// for "red". That keeps meaning in the panes and looks in the theme files,
/// lets a monochrome terminal keep states apart with attributes, and lets a
/// test check that every theme covers every role. The raw value is the key
/// used in theme files.
///
/// Adding a role: add the case here, give it a default in
/// ``Theme/fallbackStyle(for:)`` and ``Theme/monochromeStyle(for:)``; theme
/// files that leave it out get those defaults.
public enum Role: String, CaseIterable, Sendable, Hashable {
    // MARK: Text and panes
    case text
    case textDim
    case paneBorder
    case paneBorderFocused
    case paneTitle
    case paneTitleFocused
    case header

    // MARK: Status bar and mode
    case statusBar
    case statusLive
    case statusDrill
    case statusReplay

    // MARK: Selection and hints
    case selection
    case selectionUnfocused
    case hintKey
    case hintText

    // MARK: Clocks and deadlines
    case clockNormal
    case clockWarning
    case clockOverdue

    // MARK: Hazards
    case hazardNew
    case hazardDispatched
    case hazardAcknowledged
    case hazardOnScene
    case hazardOverdue
    case hazardResolved
    case severityLow
    case severityMedium
    case severityHigh
    case severityCritical

    // MARK: Guards
    case guardAvailable
    case guardOnPatrol
    case guardDispatched
    case guardEnRoute
    case guardOnScene
    case guardOffDuty
    case guardSilent

    // MARK: Feed, towers, prompts
    case feedTime
    case feedText
    case feedAlarm
    case towerName
    case filterPrompt
    case error
    case alarm

    // MARK: Overlays, timeline, help
    case overlayBorder
    case overlayText
    case timelineMark
    case timelineOverdue
    case helpKey
    case helpText
}
