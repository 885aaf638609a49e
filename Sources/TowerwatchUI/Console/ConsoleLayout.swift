/// Where each pane goes for a terminal size.
///
/// Wide terminals (120×32 and up) show every pane at once. From 80×24 up to
/// that, one table pane fills the middle with a tab strip to switch, and the
/// latest events run along the bottom. Below 60×16 the console says what
/// size it needs.
public struct ConsoleLayout: Sendable {
    public enum Kind: Sendable, Hashable { case wide, compact, tooSmall }
    public var kind: Kind
    public var size: Size
    public var rects: [PaneID: Rect] = [:]
    public var statusBar = Rect.zero
    public var hintBar = Rect.zero
    /// The compact layout's tab strip: each tab's pane and its cells.
    public var tabs: [(PaneID, Rect)] = []

    public static let minimum = Size(width: 60, height: 16)
    public static let wideFrom = Size(width: 120, height: 32)

    /// Panes in Tab order for this layout.
    public var focusOrder: [PaneID] {
        kind == .wide ? [.hazards, .towers, .guards, .feed, .detail] : [.hazards, .towers, .guards, .feed]
    }

    public func tabHit(x: Int, y: Int) -> PaneID? {
        tabs.first { $0.1.contains(Point(x: x, y: y)) }?.0
    }

    public init(size: Size, focus: PaneID) {
        self.size = size
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else { kind = .tooSmall; return }
        let full = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let (top, rest) = full.splitTop(1)
        statusBar = top
        let (body, hints) = rest.splitBottom(1)
        hintBar = hints
        if size.width >= Self.wideFrom.width && size.height >= Self.wideFrom.height {
            kind = .wide
            let upperHeight = body.height * 9 / 20
            let (upper, lower) = body.splitTop(upperHeight)
            let leftWidth = body.width * 3 / 5
            let (hazards, towers) = upper.splitLeft(leftWidth)
            let (guards, right) = lower.splitLeft(leftWidth)
            let (detail, feed) = right.splitTop(right.height * 11 / 20)
            rects = [.hazards: hazards, .towers: towers, .guards: guards, .detail: detail, .feed: feed]
        } else {
            kind = .compact
            let (tabLine, main) = body.splitTop(1)
            let shown: PaneID = focus == .detail ? .hazards : focus
            let feedHeight = body.height >= 22 && shown != .feed ? 6 : 0
            let (paneArea, feed) = main.splitBottom(feedHeight)
            rects[shown] = paneArea
            if feedHeight > 0 { rects[.feed] = feed }
            var x = 0
            for pane in [PaneID.hazards, .towers, .guards, .feed] {
                let label = " \(pane.rawValue + 1) \(pane.title) "
                let w = label.count
                if x + w <= tabLine.width { tabs.append((pane, Rect(x: x, y: tabLine.y, width: w, height: 1))) }
                x += w + 1
            }
        }
    }
}
