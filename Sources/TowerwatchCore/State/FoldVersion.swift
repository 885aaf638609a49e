extension DistrictState {
    /// The version of the fold that makes a `DistrictState`: of `evolve` (what each
    /// event does to the state) and of the state's shape (its stored properties,
    /// those of every type it holds, and their Codable form).
    ///
    /// A snapshot is a cached fold and names the version that made it; a build
    /// with another version ignores it, with a notice, and folds the log itself,
    /// so a console never shows a state its own `evolve` would not have folded.
    ///
    /// **Bump it** in any change that makes `evolve`/`apply` fold some event
    /// differently (a new figure, a changed rule, a new event type) or that changes
    /// `DistrictState` or a type stored in it (a field added, removed, renamed or
    /// given another meaning). A pure refactor that folds every log to an equal
    /// state leaves it. When in doubt, bump: the only cost is one slower start.
    public static let foldVersion = 5
}
