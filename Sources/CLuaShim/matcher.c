/*
 * The pattern matcher: Lua 5.4's pattern language, written from its reference manual (§6.4.1)
 * and checked against Lua's own results.
 *
 * A pattern is a sequence of items. A single-character item (a byte, `.`, `%x`, a set `[...]`)
 * may carry a quantifier `*`, `+`, `-` or `?`; the other items are captures `(...)` and `()`,
 * back-references `%1`-`%9`, `%bxy`, `%f[set]` and a final `$`. Matching backtracks: each
 * quantifier, `?` and capture is a point to return to, and at most FLK_MAX_NESTING of them may
 * be open at once ("pattern too complex"), as in Lua.
 *
 * Work: every item tried at a subject position is a step on the call's meter, as is every
 * byte `%b` scans, every 8 bytes of a set read and every 64 bytes a back-reference compares,
 * so a pattern whose backtracking would take hours stops at the call's instruction budget or
 * deadline.
 *
 * Like Lua's, the matcher reads the pattern as it goes: a malformed part is an error only when
 * the match reaches it (`("abc"):find("x%")` finds nothing; `("x"):find("x%")` raises).
 */
#include "matcher.h"

#include <ctype.h>
#include <string.h>

static const char *flk_match_here(flk_matcher *m, const char *s, const char *p);

/* Whether byte c is in class %cl. A capital letter is the complement of its class; `%z` (the
   zero byte) is gone from the 5.4 manual but still in Lua 5.4. Any other byte after `%`
   stands for itself. */
static int flk_class_has(int c, int cl) {
    int in;
    switch (cl) {
    case 'a': case 'A': in = isalpha(c); break;
    case 'c': case 'C': in = iscntrl(c); break;
    case 'd': case 'D': in = isdigit(c); break;
    case 'g': case 'G': in = isgraph(c); break;
    case 'l': case 'L': in = islower(c); break;
    case 'p': case 'P': in = ispunct(c); break;
    case 's': case 'S': in = isspace(c); break;
    case 'u': case 'U': in = isupper(c); break;
    case 'w': case 'W': in = isalnum(c); break;
    case 'x': case 'X': in = isxdigit(c); break;
    case 'z': case 'Z': in = c == 0; break;
    default: return cl == c;
    }
    in = in != 0;
    return cl <= 'Z' ? !in : in;
}

/* Whether byte c is in the set from '[' at `set` to its ']' at `close`. `x-y` is a range
   when a byte follows the '-' inside the set; `%` escapes one byte or names a class. */
static int flk_set_has(int c, const char *set, const char *close) {
    const char *p = set + 1;
    int in = 1;
    if (*p == '^') {
        in = 0;
        p++;
    }
    for (; p < close; p++) {
        int first = (unsigned char)*p;
        if (first == '%') {
            p++;
            if (flk_class_has(c, (unsigned char)*p)) return in;
        } else if (p + 2 < close && p[1] == '-') {
            if (first <= c && c <= (unsigned char)p[2]) return in;
            p += 2;
        } else if (first == c) {
            return in;
        }
    }
    return !in;
}

/* A set is read byte by byte each time it is tried: a long one costs a step per 8 bytes. */
enum { FLK_SET_BYTES_PER_STEP = 8 };

static void flk_count_set(flk_matcher *m, const char *set, const char *end) {
    size_t steps = (size_t)(end - set) / FLK_SET_BYTES_PER_STEP;
    if (steps > 0) flk_meter_add(&m->meter, steps);
}

/* Where the single-character item at p ends: where its quantifier, if any, stands. */
static const char *flk_item_end(flk_matcher *m, const char *p) {
    const char *end = m->pattern_end;
    const char *item = p;
    switch (*p++) {
    case '%':
        if (p == end) luaL_error(m->meter.L, "malformed pattern (ends with '%%')");
        return p + 1;
    case '[':
        if (p < end && *p == '^') p++;
        do { /* a set's first byte never closes it: "[]]" is the set of ']' */
            if (p == end) luaL_error(m->meter.L, "malformed pattern (missing ']')");
            if (*p++ == '%' && p < end) p++;
        } while (p == end || *p != ']');
        flk_count_set(m, item, p);
        return p + 1;
    default:
        return p;
    }
}

/* Whether the item p..ep (without its quantifier) matches the byte at s. */
static int flk_single(flk_matcher *m, const char *s, const char *p, const char *ep) {
    if (s >= m->subject_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case '%': return flk_class_has(c, (unsigned char)p[1]);
    case '[':
        flk_count_set(m, p, ep);
        return flk_set_has(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

/* `*` (and `+` after its first byte): as many bytes as the item matches, then fewer. */
static const char *flk_longest(flk_matcher *m, const char *s, const char *p, const char *ep) {
    size_t n = 0;
    while (flk_single(m, s + n, p, ep)) {
        n++;
        flk_meter_step(&m->meter);
    }
    for (;; n--) {
        const char *end = flk_match_here(m, s + n, ep + 1);
        if (end != NULL || n == 0) return end;
    }
}

/* `-`: as few bytes as the rest of the pattern allows. */
static const char *flk_shortest(flk_matcher *m, const char *s, const char *p, const char *ep) {
    for (;; s++) {
        const char *end = flk_match_here(m, s, ep + 1);
        if (end != NULL) return end;
        if (!flk_single(m, s, p, ep)) return NULL;
    }
}

static const char *flk_open_capture(flk_matcher *m, const char *s, const char *p, ptrdiff_t kind) {
    if (m->level >= FLK_MAX_CAPTURES) luaL_error(m->meter.L, "too many captures");
    m->capture[m->level].start = s;
    m->capture[m->level].length = kind;
    m->level++;
    const char *end = flk_match_here(m, s, p);
    if (end == NULL) m->level--;
    return end;
}

/* `)` closes the innermost capture still open. */
static const char *flk_close_capture(flk_matcher *m, const char *s, const char *p) {
    int i = m->level - 1;
    while (i >= 0 && m->capture[i].length != FLK_CAPTURE_OPEN) i--;
    if (i < 0) luaL_error(m->meter.L, "invalid pattern capture");
    m->capture[i].length = s - m->capture[i].start;
    const char *end = flk_match_here(m, s, p);
    if (end == NULL) m->capture[i].length = FLK_CAPTURE_OPEN;
    return end;
}

/* `%1`-`%9` (and `%0`, always an error): the text of a closed capture again. A position
   capture has no text, so a reference to one never matches. */
static const char *flk_back_reference(flk_matcher *m, const char *s, int digit) {
    int i = digit - '1';
    if (i < 0 || i >= m->level || m->capture[i].length == FLK_CAPTURE_OPEN)
        luaL_error(m->meter.L, "invalid capture index %%%d", i + 1);
    ptrdiff_t length = m->capture[i].length;
    if (length < 0 || m->subject_end - s < length) return NULL;
    flk_meter_bytes(&m->meter, (size_t)length);
    return memcmp(m->capture[i].start, s, (size_t)length) == 0 ? s + length : NULL;
}

/* `%bxy` with p at x: from an x at s to the y that balances it. */
static const char *flk_balance(flk_matcher *m, const char *s, const char *p) {
    if (m->pattern_end - p < 2) luaL_error(m->meter.L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->subject_end || *s != p[0]) return NULL;
    ptrdiff_t depth = 1;
    while (++s < m->subject_end) {
        flk_meter_step(&m->meter);
        if (*s == p[1]) {
            if (--depth == 0) return s + 1;
        } else if (*s == p[0]) {
            depth++;
        }
    }
    return NULL;
}

/* `%f[set]` with p at '[': the byte before s (zero at the start) is not in the set and the
   byte at s (zero at the end) is. Returns where the pattern goes on, or NULL. */
static const char *flk_frontier(flk_matcher *m, const char *s, const char *p) {
    if (p == m->pattern_end || *p != '[') luaL_error(m->meter.L, "missing '[' after '%%f' in pattern");
    const char *ep = flk_item_end(m, p);
    int before = s == m->subject ? 0 : (unsigned char)s[-1];
    int after = s < m->subject_end ? (unsigned char)*s : 0;
    if (flk_set_has(before, p, ep - 1) || !flk_set_has(after, p, ep - 1)) return NULL;
    return ep;
}

/* Matches the pattern from p on at s: the end of the match, or NULL. Items that leave no
   point to return to are matched in the loop; the others recurse. */
static const char *flk_match_here(flk_matcher *m, const char *s, const char *p) {
    const char *pattern_end = m->pattern_end;
    if (m->nesting_left-- == 0) luaL_error(m->meter.L, "pattern too complex");
    for (;;) {
        flk_meter_step(&m->meter);
        if (p == pattern_end) break;
        if (*p == '(') {
            if (p + 1 < pattern_end && p[1] == ')')
                s = flk_open_capture(m, s, p + 2, FLK_CAPTURE_POSITION);
            else
                s = flk_open_capture(m, s, p + 1, FLK_CAPTURE_OPEN);
            break;
        }
        if (*p == ')') {
            s = flk_close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == pattern_end) { /* elsewhere, '$' is a plain byte */
            if (s != m->subject_end) s = NULL;
            break;
        }
        if (*p == '%' && p + 1 < pattern_end) {
            char kind = p[1];
            if (kind == 'b') {
                s = flk_balance(m, s, p + 2);
                if (s == NULL) break;
                p += 4;
                continue;
            }
            if (kind == 'f') {
                p = flk_frontier(m, s, p + 2);
                if (p == NULL) {
                    s = NULL;
                    break;
                }
                continue;
            }
            if (kind >= '0' && kind <= '9') {
                s = flk_back_reference(m, s, kind);
                if (s == NULL) break;
                p += 2;
                continue;
            }
        }
        /* A single-character item and its quantifier. */
        const char *ep = flk_item_end(m, p);
        char quantifier = ep < pattern_end ? *ep : '\0';
        if (!flk_single(m, s, p, ep)) {
            if (quantifier == '*' || quantifier == '?' || quantifier == '-') { /* zero times */
                p = ep + 1;
                continue;
            }
            s = NULL;
            break;
        }
        if (quantifier == '?') {
            const char *end = flk_match_here(m, s + 1, ep + 1);
            if (end != NULL) {
                s = end;
                break;
            }
            p = ep + 1;
            continue;
        }
        if (quantifier == '*' || quantifier == '+') {
            s = flk_longest(m, quantifier == '+' ? s + 1 : s, p, ep);
            break;
        }
        if (quantifier == '-') {
            s = flk_shortest(m, s, p, ep);
            break;
        }
        s++;
        p = ep;
    }
    m->nesting_left++;
    return s;
}

void flk_matcher_init(flk_matcher *m, lua_State *L, const char *subject, size_t length,
                      const char *pattern, size_t pattern_length) {
    flk_meter_start(&m->meter, L);
    m->subject = subject;
    m->subject_end = subject + length;
    m->pattern_end = pattern + pattern_length;
    m->nesting_left = FLK_MAX_NESTING;
    m->level = 0;
}

const char *flk_match(flk_matcher *m, const char *at, const char *pattern) {
    m->level = 0;
    m->nesting_left = FLK_MAX_NESTING;
    return flk_match_here(m, at, pattern);
}

ptrdiff_t flk_capture_text(flk_matcher *m, int i, const char *s, const char *e, const char **start) {
    lua_State *L = m->meter.L;
    if (i >= m->level) {
        if (i != 0) luaL_error(L, "invalid capture index %%%d", i + 1);
        *start = s;
        return e - s;
    }
    ptrdiff_t length = m->capture[i].length;
    *start = m->capture[i].start;
    if (length == FLK_CAPTURE_OPEN) luaL_error(L, "unfinished capture");
    if (length == FLK_CAPTURE_POSITION) lua_pushinteger(L, (lua_Integer)(*start - m->subject) + 1);
    return length;
}

void flk_push_capture(flk_matcher *m, int i, const char *s, const char *e) {
    const char *start;
    ptrdiff_t length = flk_capture_text(m, i, s, e, &start);
    if (length != FLK_CAPTURE_POSITION) lua_pushlstring(m->meter.L, start, (size_t)length);
}

int flk_push_captures(flk_matcher *m, const char *s, const char *e) {
    int n = m->level == 0 && s != NULL ? 1 : m->level;
    luaL_checkstack(m->meter.L, n, "too many captures");
    for (int i = 0; i < n; i++) flk_push_capture(m, i, s, e);
    return n;
}
