import CNcursesw
import Foundation
import TowerwatchUI

/// The full-screen terminal: the only place where towerwatch talks to
/// ncurses.
///
/// The UI renders a ``Grid``; ``draw(_:)`` compares it with the grid drawn
/// last time and hands only the changed cells to ncurses, so a clock ticking
/// in the corner costs a few bytes, and an unchanged frame costs nothing.
/// Input comes back as ``KeyEvent``s, never curses codes.
///
/// Prefer ``withTerminal(options:_:)``, which restores the terminal however
/// the body ends. Signals and crashes restore it too (see `SignalRestore`).
///
/// - Warning: ncurses is process-global and not thread-safe. Create one
///   `Terminal` at a time and use it from one thread.
public final class Terminal {
    /// Start-up choices.
    public struct Options: Sendable {
        /// Report mouse clicks and wheel steps as ``KeyEvent/mouse(x:y:button:)``.
        public var mouse: Bool
        /// How long a lone Esc waits for the rest of an escape sequence.
        public var escapeDelayMillis: Int
        /// Environment consulted for TERM, NO_COLOR and the locale.
        public var environment: [String: String]

        public init(mouse: Bool = true, escapeDelayMillis: Int = 25,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.mouse = mouse
            self.escapeDelayMillis = escapeDelayMillis
            self.environment = environment
        }
    }

    /// What the terminal can show; degrade the theme to it with
    /// `theme.degraded(to: terminal.colorCapability)`.
    public let colorCapability: ColorCapability
    /// The TERM the terminal was started with.
    public let terminalType: String

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: Grid?
    private var palette: ColorPairs
    private var ended = false
    /// Consecutive ERRs from get_wch although poll said input was ready:
    /// the sign of a terminal that has gone away.
    var spuriousErrors = 0

    // MARK: - Start and end

    /// Takes over the terminal: locale, curses screen, input modes, colours,
    /// mouse, and the signal handlers that give it back.
    ///
    /// - Throws: ``TerminalError`` when standard input or output is not a
    ///   terminal, TERM is unset, unknown, or cannot address the cursor.
    public init(options: Options = Options()) throws {
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "output") }
        guard let term = options.environment["TERM"], !term.isEmpty else { throw TerminalError.noTermVariable }
        Terminal.setUpLocale()

        SignalRestore.saveModes()
        // newterm, not initscr: initscr prints and exits on an unknown TERM,
        // newterm returns NULL so we can explain.
        guard let screen = newterm(term, cnw_stdout(), cnw_stdin()) else {
            throw TerminalError.unknownTerminal(term)
        }
        guard Terminal.capability("cup") != nil else {
            endwin()
            delscreen(screen)
            throw TerminalError.noCursorAddressing(term)
        }
        self.screen = screen
        self.window = cnw_stdscr()
        self.terminalType = term

        cbreak()        // keys arrive at once; Ctrl-C still raises SIGINT
        noecho()
        nonl()          // Enter arrives as CR and the output does not translate
        keypad(window, true)
        intrflush(window, false)
        leaveok(window, true)   // the cursor is hidden; don't chase it
        set_escdelay(Int32(options.escapeDelayMillis))
        curs_set(0)

        var defaultColors = false
        if has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
        }
        colorCapability = ColorCapability.detect(
            environment: options.environment,
            terminalHasColors: has_colors(),
            terminalColors: Int(cnw_colors())
        )
        palette = ColorPairs(
            capability: colorCapability,
            terminalColors: Int(cnw_colors()),
            maxPairs: Int(cnw_color_pairs()),
            defaultColorsAvailable: defaultColors
        )

        var mouseOff = ""
        if options.mouse {
            let mask = cnw_button1_pressed() | cnw_button2_clicked() | cnw_button3_clicked()
                | cnw_button4_pressed() | cnw_button5_pressed()
            if mousemask(mask, nil) != 0 {
                // Report presses at once instead of waiting to tell clicks
                // from double clicks.
                mouseinterval(0)
                mouseOff = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l"
            }
        }

        // The reset string a signal handler writes: attributes off, cursor
        // visible, keypad transmit off, leave the alternate screen, mouse off.
        var reset: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let bytes = Terminal.capability(name) { reset += bytes }
        }
        reset += Array(mouseOff.utf8)
        SignalRestore.install(resetSequence: reset)
    }

    /// Gives the terminal back: normal screen, cursor, modes. Safe to call
    /// more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        endwin()
        delscreen(screen)
        SignalRestore.uninstall()
    }

    deinit {
        end()
    }

    /// Runs `body` with the terminal taken over and always gives it back,
    /// whether `body` returns or throws.
    public static func withTerminal<Result>(
        options: Options = Options(),
        _ body: (Terminal) throws -> Result
    ) throws -> Result {
        let terminal = try Terminal(options: options)
        defer { terminal.end() }
        return try body(terminal)
    }

    // MARK: - Size

    /// The current size in cells (after a ``KeyEvent/resize`` this is the
    /// new size).
    public var size: Size {
        var rows: Int32 = 0
        var columns: Int32 = 0
        cnw_getmaxyx(window, &rows, &columns)
        return Size(width: Int(columns), height: Int(rows))
    }

    /// Forgets what is on screen, so the next ``draw(_:)`` repaints every
    /// cell (after a resize, or when something else scribbled on the screen).
    public func invalidate() {
        previous = nil
    }

    // MARK: - Drawing

    /// Shows `grid`, sending only the cells that differ from the last grid
    /// drawn; returns how many cells were sent (0 means nothing was written
    /// to the terminal at all).
    ///
    /// A grid of a different size from the last one repaints everything.
    /// Cells beyond the terminal's size are ignored.
    @discardableResult
    public func draw(_ grid: Grid) -> Int {
        let screenSize = size
        let fullRepaint = previous == nil || previous?.size != grid.size
        if fullRepaint {
            werase(window)
            clearok(window, true)
        }
        let rows = min(grid.height, screenSize.height)
        let columns = min(grid.width, screenSize.width)
        var sent = 0
        for y in 0..<rows {
            var x = 0
            while x < columns {
                let cell = grid[x, y]
                if !fullRepaint, let old = previous, old[x, y] == cell, !continuationChanged(grid, old, x, y) {
                    x += 1
                    continue
                }
                if cell.isContinuation {
                    // The right half of a wide character whose left half did
                    // not change: the left half must be resent with it, or
                    // the terminal would show half an ideograph.
                    if x > 0, grid[x - 1, y].width == 2 {
                        put(grid[x - 1, y], x: x - 1, y: y, columns: columns, screenSize: screenSize)
                        sent += 1
                    }
                    x += 1
                    continue
                }
                put(cell, x: x, y: y, columns: columns, screenSize: screenSize)
                sent += 1
                x += max(1, cell.width)
            }
        }
        previous = grid
        if sent > 0 || fullRepaint {
            wnoutrefresh(window)
            doupdate()
        }
        return sent
    }

    /// True when the continuation after a wide cell changed even though the
    /// wide cell did not (a broken pair); resend the pair then.
    private func continuationChanged(_ grid: Grid, _ old: Grid, _ x: Int, _ y: Int) -> Bool {
        grid[x, y].width == 2 && x + 1 < grid.width && old[x + 1, y] != grid[x + 1, y]
    }

    /// Sends one cell to curses at (x, y): its whole grapheme cluster when
    /// curses can hold and measure it as the grid did, else a stand-in of
    /// the same width (see ``CursesGlyph``).
    private func put(_ cell: Cell, x: Int, y: Int, columns: Int, screenSize: Size) {
        let width = max(1, cell.width)
        if x + width > columns {
            drawCell([" "], style: cell.style, x: x, y: y, screenSize: screenSize)
            return
        }
        let glyph = CursesGlyph.forCell(text: cell.text, width: width, capacity: Int(CCHARW_MAX)) { scalar in
            Int(wcwidth(wchar_t(bitPattern: scalar.value)))
        }
        drawCell(glyph.lead, style: cell.style, x: x, y: y, screenSize: screenSize)
        let afterLead = x + width - glyph.after.count
        for (offset, scalar) in glyph.after.enumerated() {
            drawCell([scalar], style: cell.style, x: afterLead + offset, y: y, screenSize: screenSize)
        }
    }

    /// One `cchar_t` at (x, y) holding `scalars` (at most `CCHARW_MAX`), with
    /// the style's attributes and colour pair.
    ///
    /// `setcchar` keeps only one spacing scalar and stops at the next one, so
    /// it would cut 👩‍🚒 to 👩 and a dangling joiner; the scalars are
    /// therefore stored in the cell directly. ncurses keeps every scalar of a
    /// cell and writes them all, measuring the cell by the first.
    private func drawCell(_ scalars: [Unicode.Scalar], style: Style, x: Int, y: Int, screenSize: Size) {
        var cell = cchar_t()
        let (attributes, pair) = palette.resolve(style)
        let base: [wchar_t] = [wchar_t(bitPattern: (scalars.first ?? " ").value), 0]
        base.withUnsafeBufferPointer { buffer in
            _ = setcchar(&cell, buffer.baseAddress, attributes, Int16(clamping: pair), nil)
        }
        withUnsafeMutableBytes(of: &cell.chars) { raw in
            let slots = raw.bindMemory(to: wchar_t.self)
            for (i, scalar) in scalars.prefix(slots.count).enumerated() {
                slots[i] = wchar_t(bitPattern: scalar.value)
            }
        }
        if y == screenSize.height - 1, x == screenSize.width - 1 {
            // Adding at the bottom-right corner would try to advance the
            // cursor past the screen; inserting does not move it.
            _ = mvwins_wch(window, Int32(y), Int32(x), &cell)
        } else {
            _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
        }
    }

    // MARK: - Attention

    /// Rings the terminal bell (an alarm the officer can hear).
    public func bell() {
        _ = beep()
    }

    /// Flashes the screen (visual bell), falling back to the audible bell.
    public func flashScreen() {
        _ = flash()
    }

    // MARK: - Helpers

    /// The bytes of a terminfo string capability, or nil if the terminal
    /// lacks it.
    static func capability(_ name: String) -> [UInt8]? {
        guard let pointer = tigetstr(name) else { return nil }
        // tigetstr returns (char *)-1 for names that are not string capabilities.
        if Int(bitPattern: pointer) == -1 { return nil }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer)))
        return bytes.isEmpty ? nil : bytes
    }

    /// Makes LC_CTYPE a UTF-8 locale: without one, wide cells come out blank
    /// and wcwidth returns -1. Only C, C.UTF-8 and POSIX may exist, so
    /// C.UTF-8 is the fallback.
    static func setUpLocale() {
        setlocale(LC_ALL, "")
        if isUTF8Locale() { return }
        for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            if isUTF8Locale() { return }
        }
    }

    private static func isUTF8Locale() -> Bool {
        guard let codeset = cnw_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
