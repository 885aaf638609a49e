import TowerwatchCore

/// What the replay asks its runtime to do with the log.
public enum ReplayEffect: Sendable, Hashable {
    case seek(Timestamp)
    case step(forward: Bool)
    case console(ConsoleEffect)
}

/// The replay's own state: where it is in time, playing or not, how fast, bookmarks.
/// The panes' state (selection, filters, sort, overlays) is the console model inside.
public struct ReplayModel: Sendable {
    public var console = ConsoleModel(mode: .replay)
    public var time: Timestamp
    public var from: Timestamp
    public var to: Timestamp
    public var playing = false
    public var speed = 1
    public var bookmarks: [Timestamp] = []
    /// The `g` prompt's text while it is open.
    public var goToText: String?
    /// How the district's times read and are typed: its zone's local time.
    public var local: LocalTimeText

    public init(from: Timestamp, to: Timestamp, local: LocalTimeText) {
        self.from = from; self.to = to; time = from; self.local = local
    }

    /// Handles a key: replay keys first, then the console's.
    public mutating func handle(_ key: KeyEvent, rows: ConsoleRows, state: DistrictState, layout: ConsoleLayout) -> [ReplayEffect] {
        if let text = goToText {
            switch key {
            case .escape: goToText = nil
            case .enter:
                goToText = nil
                // Local unless it says otherwise; a bare time is on the day being replayed.
                // Never clamped: a time outside the replay is refused, saying what the replay holds.
                switch TypedTime.resolve(text, in: local, day: time, within: from...to) {
                case .failure(let refusal):
                    console.status = StatusMessage(text: refusal.description, isError: true)
                    return []
                case .success(let target):
                    return jump(to: target)
                }
            default: goToText = key.edited(text, limit: 40)
            }
            return []
        }
        if console.overlay == nil, let action = ReplayKeyMap.action(for: key) {
            return perform(action)
        }
        return console.handle(key, rows: rows, state: state, now: time, layout: layout).map { .console($0) }
    }

    mutating func perform(_ action: ReplayAction) -> [ReplayEffect] {
        let speeds = ReplayKeyMap.speeds
        switch action {
        case .playPause: playing.toggle()
        case .faster: speed = speeds.first { $0 > speed } ?? speeds.last!
        case .slower: speed = speeds.last { $0 < speed } ?? speeds.first!
        case .stepForward: playing = false; return [.step(forward: true)]
        case .stepBack: playing = false; return [.step(forward: false)]
        case .minuteForward: return jump(to: clamp(time + .minutes(1)))
        case .minuteBack: return jump(to: clamp(time - .minutes(1)))
        case .tenMinutesForward: return jump(to: clamp(time + .minutes(10)))
        case .tenMinutesBack: return jump(to: clamp(time - .minutes(10)))
        case .goTo: goToText = ""
        case .bookmark:
            if !bookmarks.contains(time) { bookmarks.append(time); bookmarks.sort() }
            console.status = StatusMessage(text: "bookmark \(bookmarks.count) at \(local.dateTime(time))", isError: false)
        case .nextBookmark:
            guard !bookmarks.isEmpty else {
                console.status = StatusMessage(text: "no bookmarks yet: m sets one", isError: true)
                return []
            }
            return jump(to: bookmarks.first { $0 > time } ?? bookmarks[0])
        }
        return []
    }

    public func clamp(_ t: Timestamp) -> Timestamp { min(max(t, from), to) }

    /// Seeks to `target`; a refusal still on screen has been answered, so it goes.
    mutating func jump(to target: Timestamp) -> [ReplayEffect] {
        if console.status?.isError == true { console.status = nil }
        return [.seek(target)]
    }
}
