/// A named look for every ``Role``.
///
/// Panes ask `theme.style(for: .hazardOverdue)` and never pick colours
/// themselves. A theme always has a style for every role: roles a theme file
/// leaves out are filled from the built-in default theme, so a short file
/// that changes three roles is a valid theme.
public struct Theme: Hashable, Sendable {
    /// The theme's name, e.g. `default` or `mono`.
    public var name: String
    /// The style of each role; complete (every role has one).
    public private(set) var styles: [Role: Style]

    /// A theme from `styles`; roles missing from it take `base`'s style.
    public init(name: String, styles: [Role: Style], base: Theme? = nil) {
        self.name = name
        var complete = styles
        if let base {
            for role in Role.allCases where complete[role] == nil {
                complete[role] = base.style(for: role)
            }
        }
        self.styles = complete
    }

    /// The style for `role`.
    public func style(for role: Role) -> Style {
        styles[role] ?? .plain
    }

    public subscript(role: Role) -> Style { style(for: role) }

    /// A copy with `role` set to `style`.
    public func setting(_ role: Role, to style: Style) -> Theme {
        var copy = self
        copy.styles[role] = style
        return copy
    }

    /// True when no role uses a colour: only attributes tell states apart.
    public var isMonochrome: Bool {
        styles.values.allSatisfy { $0.foreground == .default && $0.background == .default }
    }

    // MARK: - Built-in themes

    /// The built-in dark theme, the defaults for every role.
    public static let standard: Theme = BuiltInThemes.parsed(.standard)

    /// The built-in monochrome theme: attributes only. Used by
    /// ``degraded(to:)`` on terminals without colour.
    public static let monochrome: Theme = BuiltInThemes.parsed(.mono)
}
