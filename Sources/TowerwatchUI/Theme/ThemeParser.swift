import Yams

/// Reads the YAML theme format (see themes/default.yaml for a commented
/// example) into a ``Theme``.
///
/// It walks Yams' node tree instead of decoding into Codable structs so that
/// every error can name the exact key and line.
enum ThemeParser {
    static let topLevelKeys: Set<String> = ["name", "description", "palette", "roles"]
    static let roleKeys: Set<String> = ["fg", "bg", "bold", "dim", "reverse", "underline"]

    /// Parses `yaml` read from `source` (a path or a built-in name, used in
    /// errors). Roles the file leaves out come from `base`; with no base,
    /// they are plain.
    static func parse(_ yaml: String, source: String, defaultName: String, base: Theme?) throws -> Theme {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ThemeError(.syntax, file: source, message: "not valid YAML: \(error)")
        }
        guard let root else {
            // An empty file is a theme that changes nothing.
            return Theme(name: defaultName, styles: [:], base: base)
        }
        guard let top = root.mapping else {
            throw ThemeError(.badValue, file: source, line: line(of: root), message: "a theme file must be a mapping with palette: and roles:")
        }

        var name = defaultName
        var paletteNode: Node?
        var rolesNode: Node?
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "name":
                guard let text = value.string else {
                    throw ThemeError(.badValue, file: source, key: "name", line: line(of: value), message: "must be text")
                }
                name = text
            case "description":
                break
            case "palette":
                paletteNode = value
            case "roles":
                rolesNode = value
            default:
                throw ThemeError(.unknownKey, file: source, key: key, line: line(of: keyNode),
                                 message: "unknown key; expected one of \(topLevelKeys.sorted().joined(separator: ", "))")
            }
        }

        let palette = try parsePalette(paletteNode, source: source)
        var styles: [Role: Style] = [:]
        if let rolesNode, !isNull(rolesNode) {
            guard let roles = rolesNode.mapping else {
                throw ThemeError(.badValue, file: source, key: "roles", line: line(of: rolesNode), message: "must be a mapping of role names")
            }
            for (keyNode, value) in roles {
                let roleName = keyNode.string ?? ""
                guard let role = Role(rawValue: roleName) else {
                    throw ThemeError(.unknownRole, file: source, key: "roles.\(roleName)", line: line(of: keyNode),
                                     message: "unknown role\(suggestion(for: roleName))")
                }
                styles[role] = try parseStyle(value, key: "roles.\(roleName)", palette: palette, source: source)
            }
        }
        return Theme(name: name, styles: styles, base: base)
    }

    // MARK: - Pieces

    private static func parsePalette(_ node: Node?, source: String) throws -> [String: Style.Color] {
        guard let node, !isNull(node) else { return [:] }
        guard let mapping = node.mapping else {
            throw ThemeError(.badValue, file: source, key: "palette", line: line(of: node), message: "must be a mapping of names to colours")
        }
        var palette: [String: Style.Color] = [:]
        for (keyNode, value) in mapping {
            let name = keyNode.string ?? ""
            let key = "palette.\(name)"
            guard let text = value.string, let color = Style.Color(themeValue: text) else {
                throw ThemeError(.badColor, file: source, key: key, line: line(of: value),
                                 message: "bad colour \(quoted(value)); use default, a basic colour name or 0-255")
            }
            palette[name] = color
        }
        return palette
    }

    private static func parseStyle(_ node: Node, key: String, palette: [String: Style.Color], source: String) throws -> Style {
        if isNull(node) { return .plain }
        // Shorthand: `text: amber` sets only the foreground.
        if let text = node.scalar?.string {
            return Style(foreground: try color(text, key: key, node: node, palette: palette, source: source))
        }
        guard let mapping = node.mapping else {
            throw ThemeError(.badValue, file: source, key: key, line: line(of: node),
                             message: "must be a colour or a mapping with fg, bg, bold, dim, reverse, underline")
        }
        var style = Style.plain
        for (fieldNode, value) in mapping {
            let field = fieldNode.string ?? ""
            let fieldKey = "\(key).\(field)"
            switch field {
            case "fg":
                style.foreground = try color(value.string ?? "", key: fieldKey, node: value, palette: palette, source: source)
            case "bg":
                style.background = try color(value.string ?? "", key: fieldKey, node: value, palette: palette, source: source)
            case "bold", "dim", "reverse", "underline":
                let attribute: Style.Attributes = ["bold": .bold, "dim": .dim, "reverse": .reverse][field] ?? .underline
                if try flag(value, key: fieldKey, source: source) {
                    style.attributes.insert(attribute)
                }
            default:
                throw ThemeError(.unknownKey, file: source, key: fieldKey, line: line(of: fieldNode),
                                 message: "unknown key; expected one of fg, bg, bold, dim, reverse, underline")
            }
        }
        return style
    }

    private static func color(_ text: String, key: String, node: Node, palette: [String: Style.Color], source: String) throws -> Style.Color {
        // Palette names win over built-in names, so a palette may redefine
        // `red` as a softer 256-colour red.
        if let named = palette[text] { return named }
        if let literal = Style.Color(themeValue: text) { return literal }
        throw ThemeError(.badColor, file: source, key: key, line: line(of: node),
                         message: "bad colour \(quoted(node)); not in the palette, not a basic colour name, not 0-255")
    }

    private static func flag(_ node: Node, key: String, source: String) throws -> Bool {
        switch node.string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            throw ThemeError(.badValue, file: source, key: key, line: line(of: node), message: "must be true or false, not \(quoted(node))")
        }
    }

    // MARK: - Node helpers

    private static func isNull(_ node: Node) -> Bool {
        // A plain (unquoted) empty, `~` or `null` scalar is YAML's null.
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func line(of node: Node) -> Int? {
        node.mark.map { $0.line }
    }

    private static func quoted(_ node: Node) -> String {
        if let text = node.string { return "'\(text)'" }
        return "(not a single value)"
    }

    /// ", did you mean paneBorder?" when a close role name exists.
    private static func suggestion(for name: String) -> String {
        let lower = name.lowercased()
        let best = Role.allCases.min { editDistance($0.rawValue.lowercased(), lower) < editDistance($1.rawValue.lowercased(), lower) }
        if let best, editDistance(best.rawValue.lowercased(), lower) <= 3 {
            return "; did you mean \(best.rawValue)?"
        }
        return "; see the Role list in themes/default.yaml"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
