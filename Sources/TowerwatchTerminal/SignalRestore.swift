import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back to normal when the process is killed or crashes.
///
/// `endwin` is not async-signal-safe (it takes locks and allocates), so the
/// handlers here do only what is safe inside a signal handler: `write` a
/// reset string prepared in advance from terminfo (leave the alternate
/// screen, show the cursor, reset attributes, stop mouse reporting) and
/// `tcsetattr` the terminal modes saved before curses started. Then:
/// - SIGINT, SIGTERM, SIGHUP, SIGQUIT exit with 128 + the signal number;
/// - crash signals (SIGILL and SIGTRAP from a Swift trap, SIGABRT, SIGSEGV,
///   SIGBUS, SIGFPE) restore the default action and re-raise, so the crash
///   is still reported as a crash.
enum SignalRestore {
    static let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    static let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    // Written only by `install` and `uninstall` on the thread that owns the
    // terminal, before handlers are live or after they are gone; read by the
    // handlers. Plain globals because a signal handler can reach nothing else.
    nonisolated(unsafe) static var resetBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var resetLength = 0
    nonisolated(unsafe) static var savedModes = termios()
    nonisolated(unsafe) static var haveSavedModes = false
    nonisolated(unsafe) static var previousActions: [Int32: sigaction] = [:]

    /// Saves the terminal modes of standard input. Call before curses changes them.
    static func saveModes() {
        haveSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
    }

    /// Prepares the reset string and installs the handlers.
    static func install(resetSequence: [UInt8]) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, resetSequence.count))
        buffer.initialize(from: resetSequence, count: resetSequence.count)
        resetBytes = buffer
        resetLength = resetSequence.count

        for signo in exitSignals + crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = signalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signo, &action, &old) == 0 {
                previousActions[signo] = old
            }
        }
    }

    /// Puts back whatever handlers were there before `install`.
    static func uninstall() {
        for (signo, old) in previousActions {
            var action = old
            sigaction(signo, &action, nil)
        }
        previousActions = [:]
        resetBytes?.deallocate()
        resetBytes = nil
        resetLength = 0
    }

    /// Only async-signal-safe calls from here on.
    static func restoreFromSignal() {
        if let bytes = resetBytes, resetLength > 0 {
            _ = write(STDOUT_FILENO, bytes, resetLength)
        }
        if haveSavedModes {
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedModes)
        }
    }
}

/// The handler itself: a C function pointer that captures nothing.
private let signalHandler: @convention(c) (Int32) -> Void = { signo in
    SignalRestore.restoreFromSignal()
    switch signo {
    case SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE:
        // Let the crash be a crash (core dump, exit status) after restoring.
        signal(signo, SIG_DFL)
        raise(signo)
    default:
        _exit(128 + signo)
    }
}
