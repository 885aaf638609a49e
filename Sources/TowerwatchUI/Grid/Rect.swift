/// A cell position: column `x`, row `y`, both from the top-left corner (0, 0).
public struct Point: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(x: 0, y: 0)

    public var description: String { "(\(x), \(y))" }
}

/// A size in cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)x\(height)" }
}

/// A rectangle of cells, and the splitting helpers that layouts are made of.
///
/// Panes are functions of (state, area): the screen is split into rects,
/// each pane draws inside its own. Rects never have negative sizes; every
/// helper clamps, so a layout squeezed into a tiny terminal degrades to
/// empty rects instead of trapping.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var origin: Point { Point(x: x, y: y) }
    public var size: Size { Size(width: width, height: height) }
    /// First column inside.
    public var minX: Int { x }
    /// First row inside.
    public var minY: Int { y }
    /// First column past the right edge.
    public var maxX: Int { x + width }
    /// First row past the bottom edge.
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var area: Int { width * height }

    public var description: String { "Rect(x: \(x), y: \(y), w: \(width), h: \(height))" }

    public func contains(_ point: Point) -> Bool {
        point.x >= minX && point.x < maxX && point.y >= minY && point.y < maxY
    }

    /// The overlap of two rects; empty (at this rect's origin) when they
    /// do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(minX, other.minX)
        let top = max(minY, other.minY)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    // MARK: - Shrinking

    /// This rect shrunk by `amount` cells on every side (the inside of a box
    /// border is `inset(by: 1)`).
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// A `width` x `height` rect centred in this one (clamped to fit): for
    /// overlays such as help or a confirmation dialog.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width)
        let ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// Row `index` of this rect as a one-row rect (empty when out of range).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    // MARK: - Cutting off an edge

    /// Cuts `rows` rows off the top: `(top, rest)`.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// Cuts `rows` rows off the bottom: `(rest, bottom)`.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: maxY - n, width: width, height: n))
    }

    /// Cuts `columns` columns off the left: `(left, rest)`.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// Cuts `columns` columns off the right: `(rest, right)`.
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let n = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: width - n, height: height), Rect(x: maxX - n, y: y, width: n, height: height))
    }

    // MARK: - Splitting by constraints

    /// How much of an axis a part of a split takes.
    public enum Constraint: Hashable, Sendable {
        /// Exactly this many cells (less if the space runs out).
        case fixed(Int)
        /// This percentage of the whole axis, rounded down.
        case percent(Int)
        /// A share of what is left after fixed and percent parts, by weight.
        case fill(Int)
        /// Like `fill(1)`, but never less than this many cells while space lasts.
        case min(Int)
    }

    /// Which way a split cuts.
    public enum Axis: Hashable, Sendable {
        /// Parts side by side, left to right (columns).
        case horizontal
        /// Parts stacked top to bottom (rows).
        case vertical
    }

    /// Splits this rect into parts along `axis`, one per constraint, with
    /// `spacing` cells between neighbours. The parts always tile the rect
    /// exactly (the last flexible part absorbs rounding).
    public func split(_ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = axis == .horizontal ? width : height
        let gaps = Swift.max(0, spacing) * (constraints.count - 1)
        let available = Swift.max(0, total - gaps)
        let lengths = Rect.distribute(available, over: constraints)
        var parts: [Rect] = []
        var offset = 0
        for (index, length) in lengths.enumerated() {
            let start = Swift.min(offset, total)
            let clamped = Swift.max(0, Swift.min(length, total - start))
            switch axis {
            case .horizontal:
                parts.append(Rect(x: x + start, y: y, width: clamped, height: height))
            case .vertical:
                parts.append(Rect(x: x, y: y + start, width: width, height: clamped))
            }
            offset = start + clamped + (index < lengths.count - 1 ? spacing : 0)
        }
        return parts
    }

    /// Parts side by side: `area.columns([.fixed(20), .fill(1)])`.
    public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        split(.horizontal, constraints, spacing: spacing)
    }

    /// Parts stacked: `area.rows([.fixed(1), .fill(1), .fixed(1)])`.
    public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        split(.vertical, constraints, spacing: spacing)
    }

    /// Lengths for each constraint, summing to at most `available`.
    static func distribute(_ available: Int, over constraints: [Constraint]) -> [Int] {
        var lengths = [Int](repeating: 0, count: constraints.count)
        var remaining = available
        // Rigid parts first, in order, so that a header and a status bar
        // survive a short terminal at the expense of the flexible middle.
        for (i, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let n):
                lengths[i] = Swift.min(Swift.max(0, n), remaining)
            case .percent(let p):
                lengths[i] = Swift.min(available * Swift.max(0, Swift.min(p, 100)) / 100, remaining)
            case .min(let n):
                lengths[i] = Swift.min(Swift.max(0, n), remaining)
            case .fill:
                continue
            }
            remaining -= lengths[i]
        }
        // Then share the rest among flexible parts by weight; `min` parts
        // count as weight 1 on top of their minimum.
        let weights: [Int] = constraints.map {
            switch $0 {
            case .fill(let w): return Swift.max(0, w)
            case .min: return 1
            default: return 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0, remaining > 0 else { return lengths }
        var handed = 0
        let lastFlexible = weights.lastIndex(where: { $0 > 0 })!
        for i in weights.indices where weights[i] > 0 {
            let share = i == lastFlexible ? remaining - handed : remaining * weights[i] / totalWeight
            lengths[i] += share
            handed += share
        }
        return lengths
    }
}
