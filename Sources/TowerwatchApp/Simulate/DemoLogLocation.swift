import Foundation

/// Where `towerwatch` with no command keeps its demo district: the XDG data
/// folder, as desktop programs do.
public enum DemoLogLocation {
    /// `$XDG_DATA_HOME/towerwatch/demo.twlog`, or `$HOME/.local/share/towerwatch/demo.twlog`
    /// when XDG_DATA_HOME is unset or empty; `demo-drill.twlog` beside it for a demo
    /// faster than real time (a drill: a live log keeps the real time).
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment, drill: Bool = false) -> String {
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return base + "/towerwatch/" + (drill ? "demo-drill.twlog" : "demo.twlog")
    }
}
