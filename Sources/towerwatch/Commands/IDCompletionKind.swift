import ArgumentParser
import Foundation
import TowerwatchApp

extension CompletionKind {
    /// Completes the ids of `kind` from the log the command line names (`IDCompletion`).
    static func ids(_ kind: IDCompletion.Kind) -> CompletionKind {
        .custom { words, index, prefix in
            IDCompletion.ids(kind, words: words, prefix: IDCompletion.typedPrefix(words: words, index: index, prefix: prefix))
        }
    }
}
