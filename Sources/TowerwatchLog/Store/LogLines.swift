#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LogFile {
    /// Calls `body` with each complete line from `offset` on (without its newline)
    /// and the file offset just past that newline: the one line splitter of the
    /// serial reader and the decoding thread. The line points into the scan's
    /// buffer and is valid only during the call. Returns the scan, with any torn tail.
    @inline(__always)
    func forEachLine(from offset: Int, chunkSize: Int,
                     _ body: (_ line: UnsafeBufferPointer<UInt8>, _ end: Int) throws -> Void) throws -> ChunkScan {
        try forEachChunk(from: offset, chunkSize: chunkSize) { chunkOffset, lines in
            guard let base = lines.baseAddress else { return }
            var s = 0
            let n = lines.count
            while s < n {
                guard let hit = memchr(base + s, 10, n - s) else { break }
                let e = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                try body(UnsafeBufferPointer(start: base + s, count: e - s), chunkOffset + e + 1)
                s = e + 1
            }
        }
    }
}
