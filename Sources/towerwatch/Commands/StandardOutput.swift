import Foundation
import TowerwatchText

/// Standard output as a text stream, written in large pieces: a report over a
/// year is tens of megabytes and is written as it is made, never held whole.
/// Everything written passes the one sanitizer: text from the log (names, notes)
/// never reaches the terminal with its control characters or escapes.
struct StandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    init() { buffer.reserveCapacity(limit + 4096) }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: Sanitizer.sanitizeLines(string).utf8)
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
