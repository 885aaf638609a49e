import Foundation
import TowerwatchText

/// Standard output (or another open file) as a text stream, written in large
/// pieces: a report over a year is tens of megabytes and is written as it is
/// made, never held whole. Everything written passes the one sanitizer: text
/// from the log (names, notes) never reaches the terminal with its control
/// characters or escapes.
struct StandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20
    private let descriptor: Int32
    /// The first write error (`errno`), if any: a full disk must not pass for a whole report.
    private(set) var failure: Int32?

    init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(limit + 4096)
    }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: Sanitizer.sanitizeLines(string).utf8)
        if buffer.count >= limit { flush() }
    }

    /// Hands what is buffered to the system (call once at the end).
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        let fd = descriptor
        let error: Int32? = buffer.withUnsafeBufferPointer { bytes in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 { if errno == EINTR { continue } else { return errno } }
                done += n
            }
            return nil
        }
        if failure == nil { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }
}
