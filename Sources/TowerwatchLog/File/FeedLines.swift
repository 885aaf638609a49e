#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TowerwatchCore
import TowerwatchText

/// Reads lines from a descriptor (a feed on standard input) as they arrive, in
/// linear time and bounded memory, and says which lines cannot be taken.
///
/// Each read hands out the complete lines it finished, many at a time when a
/// feed is fast. A line is searched for its end once, where it was read; the
/// bytes already handed out are dropped once per read, so a long line costs its
/// length, not its length squared. A line longer than ``maximumLineBytes`` is
/// not kept at all: its bytes are skipped up to its newline and it comes out as
/// ``Line/tooLong(bytes:)``, and the lines after it go on. A line that is not
/// UTF-8 comes out as ``Line/notUTF8(byteOffset:)``, never "repaired".
public struct FeedLines {
    /// One line of input, as far as reading it can tell.
    public enum Line: Equatable, Sendable {
        /// A well-formed line, without its newline.
        case text(String)
        /// Bytes that are not UTF-8, from this offset in the line (0-based).
        case notUTF8(byteOffset: Int)
        /// A line over the limit, of this many bytes (it was skipped).
        case tooLong(bytes: Int)
    }

    /// The longest line taken: 1 MiB.
    public static let maximumLineBytes = 1 << 20

    let fd: Int32
    let limit: Int
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var lineStart = 0
    /// How far `buffer` has been searched for a newline.
    private var searched = 0
    /// Bytes of an over-long line dropped so far (nil when not skipping one).
    private var skipping: Int?
    private var ended = false

    public init(fd: Int32, maximumLineBytes: Int = FeedLines.maximumLineBytes) {
        self.fd = fd
        self.limit = maximumLineBytes
    }

    /// The lines completed by the next read (at least one), or nil at the end of input.
    public mutating func nextBatch() -> [Line]? {
        var lines: [Line] = []
        while lines.isEmpty {
            if ended {
                // A last line without its newline still counts.
                if let dropped = skipping {
                    skipping = nil
                    return [.tooLong(bytes: dropped + buffer.count - lineStart)]
                }
                guard lineStart < buffer.count else { return nil }
                defer { buffer.removeAll(); lineStart = 0; searched = 0 }
                return [Self.line(buffer[lineStart...])]
            }
            if lineStart > 0 {
                // Drop what was handed out: once per read, so the cost stays linear.
                buffer.removeFirst(lineStart)
                searched -= lineStart
                lineStart = 0
            }
            let room = 1 << 16
            let before = buffer.count
            buffer.reserveCapacity(before + room)
            buffer.append(contentsOf: repeatElement(0, count: room))
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + before, room) }
            buffer.removeLast(room - max(n, 0))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ended = true; continue }
            collect(into: &lines)
        }
        return lines
    }

    /// Hands out every complete line in the buffer, skipping an over-long one.
    private mutating func collect(into lines: inout [Line]) {
        while true {
            let newline = buffer.withUnsafeBufferPointer { b -> Int? in
                guard searched < b.count, let hit = memchr(b.baseAddress! + searched, 10, b.count - searched) else { return nil }
                return UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - b.baseAddress!
            }
            guard let end = newline else {
                searched = buffer.count
                let partial = buffer.count - lineStart
                if partial > limit || skipping != nil {
                    // Too long already: keep nothing of it, only count it.
                    skipping = (skipping ?? 0) + partial
                    buffer.removeAll(keepingCapacity: true)
                    lineStart = 0; searched = 0
                }
                return
            }
            if let dropped = skipping {
                lines.append(.tooLong(bytes: dropped + end - lineStart))
                skipping = nil
            } else if end - lineStart > limit {
                lines.append(.tooLong(bytes: end - lineStart))
            } else {
                lines.append(Self.line(buffer[lineStart..<end]))
            }
            lineStart = end + 1
            searched = lineStart
        }
    }

    private static func line(_ bytes: ArraySlice<UInt8>) -> Line {
        if let bad = UTF8Validation.firstInvalidByte(in: bytes) { return .notUTF8(byteOffset: bad) }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}
