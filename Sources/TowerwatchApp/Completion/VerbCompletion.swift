import TowerwatchCore

/// What a shell completes among a one-line command's own words
/// (`towerwatch dispatch H-000012 --guard G-017`): the verb's table says what each
/// word names, `IDCompletion` finds those ids in the log.
public enum VerbCompletion {
    /// Candidates for the word at `index` of `words` (the shell's words), which
    /// begins with `prefix`: the ids an option of the verb names after that option,
    /// the subject's ids in a word of its own, the verb's options after a `-`.
    public static func candidates(_ verb: Verb, words: [String], index: Int, prefix given: String,
                                  environment: [String: String]) -> [String] {
        let prefix = IDCompletion.typedPrefix(words: words, index: index, prefix: given)
        let previous = index > 0 && index - 1 < words.count ? words[index - 1] : ""
        if previous.hasPrefix("--"), previous.count > 2 {
            let key = String(previous.dropFirst(2))
            guard let argument = verb.arguments.first(where: { !$0.isSubject && $0.key == key }),
                  let kind = kind(of: argument.key) else { return [] }
            return IDCompletion.ids(kind, words: words, prefix: prefix, environment: environment)
        }
        if prefix.hasPrefix("-") {
            let used = Set(words)
            return verb.arguments.filter { !$0.isSubject }.map { "--" + $0.key }.filter { $0.hasPrefix(prefix) && !used.contains($0) }
        }
        guard let subject = verb.subject, let kind = kind(of: subject.key) else { return [] }
        return IDCompletion.ids(kind, words: words, prefix: prefix, environment: environment)
    }

    /// The kind of id an argument's key names, if it names one that can be completed.
    static func kind(of key: String) -> IDCompletion.Kind? {
        switch key {
        case "guard": .guardID
        case "hazard": .hazard
        case "dispatch": .dispatch
        case "officer": .officer
        default: nil
        }
    }
}
