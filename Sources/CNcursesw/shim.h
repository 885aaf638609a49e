// The C face of ncursesw for Swift.
//
// Only TowerwatchTerminal imports this module. The wrappers below exist
// because Swift cannot import function-like or bit-shifting macros, and
// because the Swift 6 language mode refuses to read mutable C globals
// (stdscr, LINES, COLS, COLORS, stdout) directly.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// Without this the wide-character API (cchar_t, setcchar, wadd_wch, wget_wch)
// is invisible; pkg-config's -D flags are dropped by SwiftPM.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>

// A [system] module hides warnings, so an implicit declaration would slip
// through silently; declare wcwidth explicitly.
extern int wcwidth(wchar_t c);

// MARK: - Attributes (macros built from NCURSES_BITS, not importable)
static inline attr_t cnw_a_normal(void) { return A_NORMAL; }
static inline attr_t cnw_a_bold(void) { return A_BOLD; }
static inline attr_t cnw_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnw_a_dim(void) { return A_DIM; }
static inline attr_t cnw_a_underline(void) { return A_UNDERLINE; }

// MARK: - Window geometry and keys
static inline void cnw_getmaxyx(WINDOW *win, int *y, int *x) {
    int rows, cols;
    getmaxyx(win, rows, cols);
    *y = rows;
    *x = cols;
}
static inline int cnw_key_f(int n) { return KEY_F(n); }

// MARK: - Mouse masks (shift expressions, not importable)
static inline mmask_t cnw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cnw_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cnw_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t cnw_button2_clicked(void) { return BUTTON2_CLICKED | BUTTON2_PRESSED; }
static inline mmask_t cnw_button3_clicked(void) { return BUTTON3_CLICKED | BUTTON3_PRESSED; }
static inline mmask_t cnw_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnw_button5_pressed(void) { return BUTTON5_PRESSED; }

// MARK: - Globals behind accessor functions (Swift 6 strict concurrency)
static inline WINDOW *cnw_stdscr(void) { return stdscr; }
static inline int cnw_lines(void) { return LINES; }
static inline int cnw_cols(void) { return COLS; }
static inline int cnw_colors(void) { return COLORS; }
static inline int cnw_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *cnw_stdout(void) { return stdout; }
static inline FILE *cnw_stdin(void) { return stdin; }

// MARK: - Locale
// Returns the codeset of the current LC_CTYPE locale, e.g. "UTF-8".
static inline const char *cnw_codeset(void) { return nl_langinfo(CODESET); }

#endif
