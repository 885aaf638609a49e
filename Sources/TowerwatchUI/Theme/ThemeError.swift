/// Why a theme could not be loaded, naming the file and the offending key so
/// that the person editing the theme can go straight to it.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// No theme of that name in any search directory nor built in.
        case notFound
        /// The file exists but could not be read.
        case unreadable
        /// The file is not valid YAML.
        case syntax
        /// A key towerwatch does not know (a typo, usually).
        case unknownKey
        /// A name under `roles:` that is not a ``Role``.
        case unknownRole
        /// A colour that is neither a palette name, a basic colour, nor 0-255.
        case badColor
        /// Any other malformed value (not a mapping, not true/false...).
        case badValue
    }

    public var kind: Kind
    /// The file (or built-in theme) being read.
    public var file: String
    /// Dotted path of the key at fault, e.g. `roles.paneBorder.fg`.
    public var key: String?
    /// 1-based line in the file, when known.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, file: String, key: String? = nil, line: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `themes/x.yaml:12: roles.paneBordr: unknown role ...`
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + message
    }
}
