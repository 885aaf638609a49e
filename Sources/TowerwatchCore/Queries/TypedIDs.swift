import TowerwatchText

/// Ids as people type them: in any case, sometimes with a slip.
///
/// `g-017` names G-017: a typed id that is not known as written but matches
/// one known id when case is ignored is read as that id. An id that matches
/// nothing is left as typed, for `decide` to reject; its rejection then names
/// the nearest known ids (`unknown guard G-0177; did you mean G-017?`).
extension DistrictState {
    /// The known id that `typed` names, in the district's spelling; `typed` itself
    /// when it is known as written or matches nothing.
    public static func spelled<Tag, Value>(_ typed: String, in table: [ID<Tag>: Value]) -> ID<Tag> {
        let exact = ID<Tag>(typed)
        if table[exact] != nil { return exact }
        // The district's ids are upper case: try that before looking through them all.
        let upper = ID<Tag>(typed.uppercased())
        if table[upper] != nil { return upper }
        let lower = typed.lowercased()
        return table.keys.first { $0.raw.lowercased() == lower } ?? exact
    }

    /// `; did you mean X?` for an id that `table` does not hold: the known ids one
    /// edit away, or nothing when there is none. Starts with `;` so it reads after
    /// "unknown guard G-0177".
    public static func suggestion<Tag, Value>(for id: ID<Tag>, in table: [ID<Tag>: Value]) -> String {
        let near = Spelling.nearest(to: id.raw, among: table.keys.map(\.raw).sorted(), maxEdits: 1)
        return near.isEmpty ? "" : "; " + Spelling.didYouMean(near)
    }
}
