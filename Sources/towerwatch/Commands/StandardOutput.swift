import Foundation

/// Standard output as a text stream, written in large pieces: a report over a
/// year is tens of megabytes and is written as it is made, never held whole.
struct StandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    init() { buffer.reserveCapacity(limit + 4096) }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= limit { flush() }
    }

    /// Hands what is buffered to the system (call once at the end).
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { bytes in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 { if errno == EINTR { continue } else { return } }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
