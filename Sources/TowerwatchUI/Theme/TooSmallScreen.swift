extension Theme {
    /// The screen shown below a layout's minimum size: what it is, what it needs, how to leave.
    public func drawTooSmall(into grid: inout Grid, size: Size, need: Size) {
        let lines = ["Terminal too small", "\(size.width)×\(size.height), need \(need.width)×\(need.height)", "q quits"]
        for (i, line) in lines.enumerated() {
            let y = max(0, size.height / 2 - 1) + i
            guard y < size.height else { break }
            grid.write(line, x: 0, y: y, width: size.width, style: i == 0 ? self[.error] : self[.text], align: .center)
        }
    }
}
