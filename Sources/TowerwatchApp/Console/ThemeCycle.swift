import TowerwatchUI

/// The themes `t` cycles through, degraded to what the terminal can show.
public struct ThemeCycle {
    let loader: ThemeLoader
    let capability: ColorCapability
    private(set) var names: [String]
    private(set) var index: Int
    public private(set) var theme: Theme

    public init(first name: String, loader: ThemeLoader, capability: ColorCapability) throws {
        self.loader = loader
        self.capability = capability
        names = ThemeLoader.builtInNames
        if !names.contains(name) { names.insert(name, at: 0) }
        index = names.firstIndex(of: name) ?? 0
        theme = try loader.load(name).degraded(to: capability)
    }

    /// Moves to the next theme; returns a status line.
    public mutating func next() -> StatusMessage {
        index = (index + 1) % names.count
        do {
            theme = try loader.load(names[index]).degraded(to: capability)
            return StatusMessage(text: "theme \(names[index])", isError: false)
        } catch {
            return StatusMessage(text: "\(error)", isError: true)
        }
    }
}
