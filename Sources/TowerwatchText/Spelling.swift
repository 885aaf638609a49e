/// The nearest spellings to a word a person mistyped: the command they meant,
/// the guard or hazard id they had in mind.
///
/// A slip is a few edits (a letter added, dropped, changed, or two swapped);
/// more than a third of the word, or more than 3, is another word and gets no
/// suggestion. Letters are compared without case: `g-017` is no slip from `G-017`.
public enum Spelling {
    /// The candidates within a slip of `typed`, nearest first (ties: the longer
    /// shared beginning first, then in the order given), at most `count` of them.
    /// `maxEdits` narrows what counts as a slip: ids take 1, since among hundreds
    /// of numbered ids two changed digits name some other id rather than the one meant.
    public static func nearest(to typed: String, among candidates: some Sequence<String>, count: Int = 3, maxEdits: Int = 3) -> [String] {
        let word = Array(typed.lowercased())
        guard !word.isEmpty else { return [] }
        let limit = min(maxEdits, max(1, word.count / 3))
        var scored: [(text: String, distance: Int, shared: Int, order: Int)] = []
        for (order, candidate) in candidates.enumerated() {
            let other = Array(candidate.lowercased())
            // Words whose lengths differ by more than the limit are never within it.
            guard abs(other.count - word.count) <= limit else { continue }
            let d = distance(word, other)
            guard d <= limit else { continue }
            let shared = zip(word, other).prefix { $0 == $1 }.count
            scored.append((candidate, d, shared, order))
        }
        guard let best = scored.map(\.distance).min() else { return [] }
        return scored.filter { $0.distance == best }
            .sorted { ($0.shared, -$0.order) > ($1.shared, -$1.order) }
            .prefix(count).map(\.text)
    }

    /// `did you mean A?`, `did you mean A or B?`, `did you mean A, B or C?`; empty for none.
    /// `quoted` wraps each in single quotes, as for a command name.
    public static func didYouMean(_ suggestions: [String], quoted: Bool = false) -> String {
        let words = suggestions.map { quoted ? "'\($0)'" : $0 }
        guard let last = words.last else { return "" }
        let list = words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
        return "did you mean \(list)?"
    }

    /// Edits from one word to another: insertions, deletions, substitutions, and
    /// swaps of two neighbouring letters (`clsoe` is one slip from `close`).
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
