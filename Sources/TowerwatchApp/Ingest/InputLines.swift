#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a stream in whatever pieces arrive and hands out the complete lines
/// of each piece: a feed's lines are taken as soon as they come, many at a time
/// when they come fast.
public struct InputLines {
    /// Reads up to `count` bytes into the buffer: the number read, 0 at the end,
    /// or -1 with `errno` set (EINTR is retried).
    public typealias Read = (UnsafeMutableRawPointer, Int) -> Int
    let source: Read
    var pending: [UInt8] = []
    var ended = false

    /// Lines read from a file descriptor (standard input for `ingest`).
    public init(fd: Int32) {
        source = { buffer, count in read(fd, buffer, count) }
    }

    /// Lines from any source of bytes (tests hand over pieces of their own).
    public init(read: @escaping Read) { source = read }

    /// The complete lines of the next read (at least one), or nil at the end.
    /// A last line without a newline is handed out at the end of input.
    public mutating func nextBatch() -> [String]? {
        while true {
            if let last = pending.lastIndex(of: 10) {
                let chunk = pending[..<last]
                let lines = chunk.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                pending.removeFirst(last + 1)
                return lines
            }
            if ended {
                guard !pending.isEmpty else { return nil }
                defer { pending.removeAll() }
                return [String(decoding: pending, as: UTF8.self)]
            }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let n = buffer.withUnsafeMutableBytes { source($0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ended = true; continue }
            pending.append(contentsOf: buffer[..<n])
        }
    }
}
