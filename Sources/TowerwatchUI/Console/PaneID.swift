/// The panes of the officer console, in Tab order.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case hazards, towers, guards, feed, detail

    public var title: String {
        switch self {
        case .hazards: "Open hazards"
        case .towers: "Towers"
        case .guards: "Guards"
        case .feed: "Event feed"
        case .detail: "Detail"
        }
    }

    /// Panes whose rows can be selected, filtered and sorted.
    public var isTable: Bool { self != .detail }
}
