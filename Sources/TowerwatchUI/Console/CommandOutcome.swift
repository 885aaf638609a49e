import TowerwatchCore

extension StatusMessage {
    /// How an executed command went, as the officer's and the guard's consoles say
    /// it: `✓` and the last record in words, or `rejected:` and the reason.
    public init(outcomeOf result: Result<[EventRecord], Rejection>, in state: DistrictState) {
        switch result {
        case .success(let records):
            self.init(text: "✓ " + (records.last.map { RecordText.describe($0, in: state) } ?? "done"), isError: false)
        case .failure(let rejection):
            self.init(text: "rejected: \(rejection.reason)", isError: true)
        }
    }
}
