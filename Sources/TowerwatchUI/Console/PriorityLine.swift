import TowerwatchText

/// A one-line message made of parts that know what they may give up, so a
/// narrow bar shortens the wording before it touches an id.
///
/// Each part lists its spellings from the fullest to the shortest (the last may
/// be empty: the part can go). A part with one spelling (an id, the key to
/// press) never changes. To fit a width, the parts of the lowest `rank` shrink
/// first, one spelling at a time, left to right; only when nothing can shrink
/// any more are whole parts dropped from the end. A part is never cut in the
/// middle, so an id on the line is always whole or absent.
public struct PriorityLine: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        public var spellings: [String]
        /// Lower ranks give way first: names 0, filler words 1, the wording 2.
        public var rank: Int
        public init(_ spellings: [String], rank: Int) { self.spellings = spellings; self.rank = rank }
        /// A part that always shows as it is (an id, the key).
        public static func fixed(_ text: String) -> Part { Part([text], rank: Int.max) }
    }

    public var parts: [Part]
    public init(_ parts: [Part]) { self.parts = parts }

    /// The whole line, every part at its fullest.
    public var full: String { parts.map { $0.spellings[0] }.joined() }

    /// The fullest spelling of the line that fits in `width` cells.
    public func fitted(toWidth width: Int) -> String {
        var chosen = parts.map { _ in 0 }
        func text() -> String { zip(parts, chosen).map { $0.spellings[$1] }.joined() }
        while DisplayWidth.of(text()) > width {
            // The first part of the lowest rank that still has a shorter spelling.
            let candidates = parts.indices.filter { chosen[$0] + 1 < parts[$0].spellings.count }
            guard let next = candidates.min(by: { (parts[$0].rank, $0) < (parts[$1].rank, $1) }) else { break }
            chosen[next] += 1
        }
        // Still too wide: whole parts from the end, never half an id.
        var shown = zip(parts, chosen).map { $0.spellings[$1] }
        while DisplayWidth.of(shown.joined()) > width, !shown.isEmpty { shown.removeLast() }
        return shown.joined()
    }
}
