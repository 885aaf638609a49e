import CNcursesw
#if canImport(Glibc)
import Glibc
#endif
import TowerwatchUI

/// What woke ``Terminal/readKey(timeoutMillis:alsoWatching:)``.
public enum TerminalWake: Hashable, Sendable {
    /// A key, mouse or resize event (``KeyEvent/endOfInput`` if the terminal
    /// is gone).
    case key(KeyEvent)
    /// The watched descriptor (e.g. the log follower's) is readable.
    case watchedDescriptorReadable
    /// Nothing happened before the timeout.
    case timeout
}

extension Terminal {
    /// After this many ERRs in a row from a terminal that poll() called
    /// readable, input is taken to be gone (hang-up, closed pty), instead of
    /// spinning at full CPU on a dead descriptor.
    static let spuriousErrorLimit = 8

    /// Waits up to `timeoutMillis` (negative: forever) for a key; returns
    /// ``KeyEvent/none`` on timeout.
    public func readKey(timeoutMillis: Int) -> KeyEvent {
        switch readKey(timeoutMillis: timeoutMillis, alsoWatching: nil) {
        case .key(let key): return key
        case .watchedDescriptorReadable, .timeout: return .none
        }
    }

    /// Waits up to `timeoutMillis` (negative: forever) for a key or for
    /// `descriptor` to become readable, whichever comes first.
    ///
    /// Keys already buffered inside curses are returned first without
    /// waiting: poll() cannot see those, because curses has read them off
    /// the descriptor already.
    public func readKey(timeoutMillis: Int, alsoWatching descriptor: Int32?) -> TerminalWake {
        if let key = nextBufferedKey() { return .key(key) }
        let deadline = timeoutMillis < 0 ? nil : monotonicMillis() + timeoutMillis
        while true {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
            if let descriptor {
                fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
            }
            let wait: Int32
            if let deadline {
                wait = Int32(clamping: max(0, deadline - monotonicMillis()))
            } else {
                wait = -1
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 {
                // EINTR: most often SIGWINCH, after which curses has a
                // KEY_RESIZE waiting for us.
                if errno == EINTR, let key = nextBufferedKey() { return .key(key) }
                if errno == EINTR { continue }
                return .key(.endOfInput)
            }
            if ready == 0 {
                if let key = nextBufferedKey() { return .key(key) }
                return .timeout
            }
            let stdinEvents = Int32(fds[0].revents)
            if stdinEvents & Int32(POLLIN | POLLHUP | POLLERR) != 0 {
                if let key = nextBufferedKey() {
                    spuriousErrors = 0
                    return .key(key)
                }
                if stdinEvents & Int32(POLLNVAL | POLLHUP | POLLERR) != 0 {
                    return .key(.endOfInput)
                }
                spuriousErrors += 1
                if spuriousErrors >= Terminal.spuriousErrorLimit { return .key(.endOfInput) }
            }
            if descriptor != nil, fds[1].revents != 0 {
                return .watchedDescriptorReadable
            }
            if let deadline, monotonicMillis() >= deadline { return .timeout }
        }
    }

    // MARK: - Reading one event from curses

    /// One event from curses without blocking, or nil if none is buffered.
    private func nextBufferedKey() -> KeyEvent? {
        wtimeout(cnw_stdscr(), 0)
        while true {
            var character: wint_t = 0
            let result = wget_wch(cnw_stdscr(), &character)
            let event: KeyEvent?
            switch result {
            case KEY_CODE_YES:
                event = translate(keyCode: Int32(character))
            case OK:
                event = translate(character: character)
            default:
                return nil
            }
            // Keys we have no name for (and mouse events we did not ask
            // for) are skipped; the next buffered one is tried.
            if let event { return event }
        }
    }

    private func translate(character: wint_t) -> KeyEvent? {
        switch character {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .character(Character(scalar))
        }
    }

    private func translate(keyCode: Int32) -> KeyEvent? {
        switch keyCode {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_BEG: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_RESIZE:
            // curses has already resized stdscr; repaint everything.
            invalidate()
            return .resize
        case KEY_MOUSE:
            return mouseEvent()
        default:
            let f0 = cnw_key_f(0)
            if keyCode > f0, keyCode <= f0 + 63 { return .function(Int(keyCode - f0)) }
            return nil
        }
    }

    private func mouseEvent() -> KeyEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let button: MouseButton
        if state & cnw_button1_pressed() != 0 || state & cnw_button1_clicked() != 0 {
            button = .left
        } else if state & cnw_button2_clicked() != 0 {
            button = .middle
        } else if state & cnw_button3_clicked() != 0 {
            button = .right
        } else if state & cnw_button4_pressed() != 0 {
            button = .wheelUp
        } else if state & cnw_button5_pressed() != 0 {
            button = .wheelDown
        } else {
            return nil
        }
        return .mouse(x: Int(event.x), y: Int(event.y), button: button)
    }
}
