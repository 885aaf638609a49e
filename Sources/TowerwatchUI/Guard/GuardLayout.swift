/// Where each part of the guard console goes for a terminal size.
///
/// The dispatch takes the top and most of the screen: it is what the guard
/// reads at a glance. Below it, the guard's own status and recent bulletins;
/// side by side from 90 columns, stacked below that. On a short screen with a
/// dispatch open, the bulletins give way so the procedure's steps fit. A
/// message line (the last outcome, a new dispatch) sits above the hint bar
/// while there is one. Below 40×12 the console says what size it needs.
public struct GuardLayout: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case wide, narrow, tooSmall }
    public var kind: Kind
    public var size: Size
    public var statusBar = Rect.zero
    public var dispatch = Rect.zero
    public var you = Rect.zero
    public var bulletins = Rect.zero
    public var message = Rect.zero
    public var hintBar = Rect.zero

    public static let minimum = Size(width: 40, height: 12)
    public static let wideFrom = 90

    public init(size: Size, hasMessage: Bool, hasDispatch: Bool) {
        self.size = size
        guard size.width >= Self.minimum.width, size.height >= Self.minimum.height else { kind = .tooSmall; return }
        let full = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let (top, rest) = full.splitTop(1)
        statusBar = top
        var body: Rect
        (body, hintBar) = rest.splitBottom(1)
        if hasMessage { (body, message) = body.splitBottom(1) }
        if size.width >= Self.wideFrom {
            kind = .wide
            let lower = min(8, max(4, body.height / 3))
            let (upper, band) = body.splitBottom(lower)
            dispatch = upper
            (you, bulletins) = band.splitLeft(band.width * 2 / 5)
        } else {
            kind = .narrow
            let youHeight = 4
            let bulletinsHeight = hasDispatch ? (body.height >= 26 ? 6 : body.height >= 20 ? 3 : 0)
                                              : (body.height >= 24 ? 6 : body.height >= 15 ? 4 : 0)
            var rest: Rect
            (rest, bulletins) = body.splitBottom(bulletinsHeight)
            (dispatch, you) = rest.splitBottom(youHeight)
        }
    }
}
