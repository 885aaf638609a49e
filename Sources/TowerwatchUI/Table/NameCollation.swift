/// How names compare when a pane is sorted: numbers by their value, written
/// in digits (`G-2` before `G-10`) or in Chinese numerals (巡防二队 before
/// 巡防十队 before 巡防十一队), everything else by its characters.
///
/// Used only when comparing, so drawing a frame costs nothing extra.
public enum NameCollation {
    /// True when `a` sorts before `b`.
    public static func less(_ a: String, _ b: String) -> Bool {
        var i = a.makeIterator(), j = b.makeIterator()
        var x = i.next(), y = j.next()
        while let cx = x, let cy = y {
            if let nx = numeral(cx), let ny = numeral(cy) {
                let (vx, restX) = number(first: cx, nx, &i)
                let (vy, restY) = number(first: cy, ny, &j)
                if vx != vy { return vx < vy }
                x = restX; y = restY
                continue
            }
            if cx != cy { return cx < cy }
            x = i.next(); y = j.next()
        }
        return x == nil && y != nil
    }

    /// The kind of numeral `c` is: an ASCII digit, or a Chinese numeral character.
    enum Numeral { case digit, chinese }

    static func numeral(_ c: Character) -> Numeral? {
        if c.isASCII, c.isNumber { return .digit }
        return chineseValue[c] != nil ? .chinese : nil
    }

    static let chineseValue: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
        "十": 10, "百": 100,
    ]

    /// Reads the number starting with `first` (of kind `kind`); returns it and the character after it.
    static func number(first: Character, _ kind: Numeral, _ it: inout String.Iterator) -> (Int, Character?) {
        var c: Character? = first
        switch kind {
        case .digit:
            var value = 0
            while let d = c, d.isASCII, let v = d.wholeNumberValue { value = value &* 10 &+ v; c = it.next() }
            return (value, c)
        case .chinese:
            // 十一 = 11, 二十四 = 24, 一百零五 = 105.
            var total = 0, current = 0
            while let d = c, let v = chineseValue[d] {
                if v >= 10 { total += (current == 0 ? 1 : current) * v; current = 0 } else { current = v }
                c = it.next()
            }
            return (total + current, c)
        }
    }
}
