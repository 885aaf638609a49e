import Foundation
import Testing
import TowerwatchCore

/// A `switch` over events with a `default:` would quietly give the next new
/// event whatever the other cases get; without one the compiler lists every
/// switch to update (docs/adding-an-event.md). This keeps it that way.
@Suite("Switches over events")
struct EventSwitchTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// The Swift names of the event cases: `HazardEscalated` → `hazardEscalated`.
    static let eventCases: Set<String> = Set(EventKind.allCases.map { $0.rawValue.prefix(1).lowercased() + $0.rawValue.dropFirst() })

    @Test("no switch that names an event case has a default:")
    func noDefaultOverEvents() throws {
        var offenders: [String] = []
        var switchesOverEvents = 0
        let files = FileManager.default.enumerator(atPath: Self.sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            for body in SwitchScan.bodies(in: text) {
                let cases = body.caseNames.intersection(Self.eventCases)
                guard !cases.isEmpty else { continue }
                switchesOverEvents += 1
                if body.hasDefault { offenders.append("\(file):\(body.line) (cases \(cases.sorted().prefix(3).joined(separator: ", ")))") }
            }
        }
        #expect(switchesOverEvents >= 10, "the scan finds the switches over events (found \(switchesOverEvents))")
        #expect(offenders.isEmpty, "switches over events with a default: \(offenders)")
    }

    @Test("the scan sees a default: at a switch's own level, not in a nested one")
    func scanFindsDefaults() {
        let hidden = """
        switch e {
        case .hazardClosed: return 1
        default: return 0
        }
        """
        let nested = """
        switch e {
        case .hazardClosed:
            switch actor { case .system: break
            default: break }
        case .alarmRaised: break
        }
        """
        #expect(SwitchScan.bodies(in: hidden).map(\.hasDefault) == [true])
        #expect(SwitchScan.bodies(in: hidden).first?.caseNames == ["hazardClosed"])
        let outer = SwitchScan.bodies(in: nested).first
        #expect(outer?.hasDefault == false)
        #expect(outer?.caseNames == ["hazardClosed", "alarmRaised"])
        #expect(SwitchScan.bodies(in: nested).count == 2, "the nested switch is read on its own")
    }
}

/// The top level of every `switch { … }` block in Swift source: the `.name`
/// patterns of its cases and whether it has a `default:`. Nested blocks are
/// left out of their parent and read as switches of their own.
enum SwitchScan {
    struct Body {
        let line: Int
        let caseNames: Set<String>
        let hasDefault: Bool
    }

    static func bodies(in source: String) -> [Body] {
        let chars = Array(source)
        var found: [Body] = []
        var searchFrom = source.startIndex
        while let match = source.range(of: #"\bswitch\b[^{\n]*\{"#, options: .regularExpression, range: searchFrom..<source.endIndex) {
            searchFrom = match.upperBound
            var index = source.distance(from: source.startIndex, to: match.upperBound)
            var depth = 1
            var top = ""
            while index < chars.count, depth > 0 {
                let c = chars[index]
                if c == "{" { depth += 1 } else if c == "}" { depth -= 1 } else if depth == 1 { top.append(c) }
                index += 1
            }
            let names = top.matches(of: /case\s+(?:let\s+)?\.(\w+)|,\s*(?:let\s+)?\.(\w+)/).compactMap { m in
                (m.output.1 ?? m.output.2).map(String.init)
            }
            let line = source[..<match.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            found.append(Body(line: line, caseNames: Set(names), hasDefault: top.contains(/(^|\n)\s*default\s*:/)))
        }
        return found
    }
}
