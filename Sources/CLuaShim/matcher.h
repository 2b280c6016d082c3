#ifndef FIRMLINK_CLUASHIM_MATCHER_H
#define FIRMLINK_CLUASHIM_MATCHER_H

/*
 * Lua 5.4 patterns (reference manual §6.4.1) matched by backtracking, every step counted on the
 * call's meter: the engine of string.find, match, gmatch and gsub (patterns.c).
 */

#include "meter.h"

/* Lua's own limits: captures in one pattern, and backtracking points open at once (past
   that, "pattern too complex"). */
enum { FLK_MAX_CAPTURES = 32, FLK_MAX_NESTING = 200 };

/* A capture's length while it is open, and for a position capture `()`. */
enum { FLK_CAPTURE_OPEN = -1, FLK_CAPTURE_POSITION = -2 };

typedef struct flk_capture {
    const char *start;
    ptrdiff_t length; /* or FLK_CAPTURE_OPEN, FLK_CAPTURE_POSITION */
} flk_capture;

typedef struct flk_matcher {
    flk_meter meter;
    const char *subject;
    const char *subject_end;
    const char *pattern_end;
    int nesting_left;
    int level; /* captures opened so far */
    flk_capture capture[FLK_MAX_CAPTURES];
} flk_matcher;

/* Prepares a match of the pattern that ends at pattern + pattern_length against the subject,
   counting on a fresh meter. */
void flk_matcher_init(flk_matcher *m, lua_State *L, const char *subject, size_t length,
                      const char *pattern, size_t pattern_length);

/* Matches the pattern from `pattern` on at subject position `at`: the end of the match, or
   NULL. Captures are those of this match. Raises Lua's error for a malformed pattern. */
const char *flk_match(flk_matcher *m, const char *at, const char *pattern);

/* Capture i of the last match, where the match s..e stands for capture 0 of a pattern without
   captures. Returns its length and sets *start; for a position capture, pushes its position
   and returns FLK_CAPTURE_POSITION. */
ptrdiff_t flk_capture_text(flk_matcher *m, int i, const char *s, const char *e, const char **start);

/* Pushes capture i (as flk_capture_text reads it). */
void flk_push_capture(flk_matcher *m, int i, const char *s, const char *e);

/* Pushes every capture of the last match, or the whole match s..e when there is none (nothing
   when s is NULL). Returns how many values it pushed. */
int flk_push_captures(flk_matcher *m, const char *s, const char *e);

/* string.find, match, gmatch and gsub over this matcher (patterns.c). */
extern const luaL_Reg flk_pattern_functions[];

#endif
