/*
 * The matcher behind Lua's pattern functions (string.find, match, gmatch, gsub) with a step budget.
 *
 * Lua's own matcher backtracks in C, where the count hook never runs: one call such as
 * ("a"):rep(1000):find(".-.-b") takes seconds, a longer subject hours. This matcher follows the
 * pattern language of the Lua 5.4 manual (section 6.4.1) and counts its work: every match step
 * and every byte scanned counts as one instruction against the call's budget, and the deadline
 * is checked every 1,024 steps. When a limit fires, the call raises like the count hook does.
 */
#include "pattern_match.h"

#include <ctype.h>
#include <string.h>

#define FLK_MAXDEPTH 200
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define ESC '%'
#define UC(c) ((unsigned char)(c))


void flk_match_count(flk_match_state *ms, size_t work) {
    ms->pending += work;
    if (ms->pending < 1024) return;
    flk_state *S = flk_from(ms->L);
    uint64_t done = ms->pending;
    ms->pending = 0;
    if (S->tripped == FLK_TRIP_NONE) {
        S->executed += done;
        if (S->budget != 0 && S->executed >= S->budget)
            flk_trip_here(ms->L, FLK_TRIP_INSTRUCTIONS);
        else if (S->deadline_ns != 0 && flk_now_ns() >= S->deadline_ns)
            flk_trip_here(ms->L, FLK_TRIP_TIMEOUT);
    }
    if (S->tripped != FLK_TRIP_NONE) flk_raise_tripped(ms->L);
}

static const char *class_end(flk_match_state *ms, const char *p) {
    switch (*p++) {
    case ESC:
        if (p == ms->p_end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
        return p + 1;
    case '[':
        if (*p == '^') p++;
        do { /* the first character of a set may be ']' */
            if (p == ms->p_end) luaL_error(ms->L, "malformed pattern (missing ']')");
            if (*(p++) == ESC && p < ms->p_end) p++;
        } while (*p != ']');
        return p + 1;
    default:
        return p;
    }
}

static int class_matches(int c, int cl) {
    int res;
    switch (tolower(cl)) {
    case 'a': res = isalpha(c); break;
    case 'c': res = iscntrl(c); break;
    case 'd': res = isdigit(c); break;
    case 'g': res = isgraph(c); break;
    case 'l': res = islower(c); break;
    case 'p': res = ispunct(c); break;
    case 's': res = isspace(c); break;
    case 'u': res = isupper(c); break;
    case 'w': res = isalnum(c); break;
    case 'x': res = isxdigit(c); break;
    case 'z': res = (c == 0); break; /* deprecated, still accepted by Lua 5.4 */
    default: return cl == c;
    }
    if (isupper(cl)) res = !res;
    return res != 0;
}

/* `p` is at '[', `ec` at the closing ']'. */
static int set_matches(int c, const char *p, const char *ec) {
    int sig = 1;
    if (*(p + 1) == '^') {
        sig = 0;
        p++;
    }
    while (++p < ec) {
        if (*p == ESC) {
            p++;
            if (class_matches(c, UC(*p))) return sig;
        } else if (*(p + 1) == '-' && p + 2 < ec) {
            p += 2;
            if (UC(*(p - 2)) <= c && c <= UC(*p)) return sig;
        } else if (UC(*p) == c) {
            return sig;
        }
    }
    return !sig;
}

static int single_matches(flk_match_state *ms, const char *s, const char *p, const char *ep) {
    if (s >= ms->src_end) return 0;
    int c = UC(*s);
    switch (*p) {
    case '.': return 1;
    case ESC: return class_matches(c, UC(*(p + 1)));
    case '[': return set_matches(c, p, ep - 1);
    default: return UC(*p) == c;
    }
}


static const char *balance(flk_match_state *ms, const char *s, const char *p) {
    if (p >= ms->p_end - 1) luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= ms->src_end || *s != *p) return NULL;
    int open = *p, close = *(p + 1), depth = 1;
    const char *start = s;
    while (++s < ms->src_end) {
        if (*s == close) {
            if (--depth == 0) {
                flk_match_count(ms, (size_t)(s - start));
                return s + 1;
            }
        } else if (*s == open) {
            depth++;
        }
    }
    flk_match_count(ms, (size_t)(s - start));
    return NULL;
}

static const char *max_expand(flk_match_state *ms, const char *s, const char *p, const char *ep) {
    ptrdiff_t i = 0;
    while (single_matches(ms, s + i, p, ep)) i++;
    flk_match_count(ms, (size_t)i);
    while (i >= 0) { /* try the longest run first */
        const char *res = flk_match_at(ms, s + i, ep + 1);
        if (res != NULL) return res;
        i--;
    }
    return NULL;
}

static const char *min_expand(flk_match_state *ms, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *res = flk_match_at(ms, s, ep + 1);
        if (res != NULL) return res;
        if (!single_matches(ms, s, p, ep)) return NULL;
        s++;
    }
}

static const char *start_capture(flk_match_state *ms, const char *s, const char *p, int what) {
    int level = ms->level;
    if (level >= FLK_MAXCAPTURES) luaL_error(ms->L, "too many captures");
    ms->capture[level].init = s;
    ms->capture[level].len = what;
    ms->level = level + 1;
    const char *res = flk_match_at(ms, s, p);
    if (res == NULL) ms->level--;
    return res;
}

static const char *end_capture(flk_match_state *ms, const char *s, const char *p) {
    int level = ms->level - 1;
    while (level >= 0 && ms->capture[level].len != CAP_UNFINISHED) level--;
    if (level < 0) luaL_error(ms->L, "invalid pattern capture");
    ms->capture[level].len = s - ms->capture[level].init;
    const char *res = flk_match_at(ms, s, p);
    if (res == NULL) ms->capture[level].len = CAP_UNFINISHED;
    return res;
}

static int capture_index(flk_match_state *ms, int digit) {
    int l = digit - '1';
    if (l < 0 || l >= ms->level || ms->capture[l].len == CAP_UNFINISHED)
        return luaL_error(ms->L, "invalid capture index %%%d", l + 1);
    return l;
}

static const char *back_reference(flk_match_state *ms, const char *s, int digit) {
    int l = capture_index(ms, digit);
    size_t len = (size_t)ms->capture[l].len;
    flk_match_count(ms, len);
    if ((size_t)(ms->src_end - s) >= len && memcmp(ms->capture[l].init, s, len) == 0) return s + len;
    return NULL;
}

const char *flk_match_at(flk_match_state *ms, const char *s, const char *p) {
    if (ms->depth-- == 0) luaL_error(ms->L, "pattern too complex");
    flk_match_count(ms, 1);
    while (p != ms->p_end) {
        if (*p == '(') {
            s = (*(p + 1) == ')') ? start_capture(ms, s, p + 2, CAP_POSITION)
                                  : start_capture(ms, s, p + 1, CAP_UNFINISHED);
            break;
        }
        if (*p == ')') {
            s = end_capture(ms, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == ms->p_end) {
            s = (s == ms->src_end) ? s : NULL;
            break;
        }
        if (*p == ESC && *(p + 1) == 'b') {
            s = balance(ms, s, p + 2);
            if (s == NULL) break;
            p += 4;
            continue;
        }
        if (*p == ESC && *(p + 1) == 'f') {
            p += 2;
            if (*p != '[') luaL_error(ms->L, "missing '[' after '%%f' in pattern");
            const char *ep = class_end(ms, p);
            int previous = (s == ms->src_init) ? '\0' : UC(*(s - 1));
            int current = (s < ms->src_end) ? UC(*s) : '\0';
            if (!set_matches(previous, p, ep - 1) && set_matches(current, p, ep - 1)) {
                p = ep;
                continue;
            }
            s = NULL;
            break;
        }
        if (*p == ESC && isdigit(UC(*(p + 1)))) {
            s = back_reference(ms, s, UC(*(p + 1)));
            if (s == NULL) break;
            p += 2;
            continue;
        }
        const char *ep = class_end(ms, p);
        if (!single_matches(ms, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') { /* zero repetitions are fine */
                p = ep + 1;
                continue;
            }
            s = NULL;
            break;
        }
        if (*ep == '?') {
            const char *res = flk_match_at(ms, s + 1, ep + 1);
            if (res != NULL) {
                s = res;
                break;
            }
            p = ep + 1;
            continue;
        }
        if (*ep == '+') { s = max_expand(ms, s + 1, p, ep); break; }
        if (*ep == '*') { s = max_expand(ms, s, p, ep); break; }
        if (*ep == '-') { s = min_expand(ms, s, p, ep); break; }
        s++;
        p = ep;
    }
    ms->depth++;
    return s;
}

void flk_match_prepare(flk_match_state *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    ms->L = L;
    ms->src_init = s;
    ms->src_end = s + ls;
    ms->p_end = p + lp;
    ms->pending = 0;
}

void flk_match_restart(flk_match_state *ms) {
    ms->level = 0;
    ms->depth = FLK_MAXDEPTH;
}

void flk_match_push_capture(flk_match_state *ms, int i, const char *s, const char *e) {
    if (i >= ms->level) {
        if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(ms->L, s, (size_t)(e - s));
        return;
    }
    ptrdiff_t len = ms->capture[i].len;
    if (len == CAP_UNFINISHED) luaL_error(ms->L, "unfinished capture");
    if (len == CAP_POSITION)
        lua_pushinteger(ms->L, (ms->capture[i].init - ms->src_init) + 1);
    else
        lua_pushlstring(ms->L, ms->capture[i].init, (size_t)len);
}

int flk_match_push_captures(flk_match_state *ms, const char *s, const char *e) {
    int levels = (ms->level == 0 && s != NULL) ? 1 : ms->level;
    luaL_checkstack(ms->L, levels, "too many captures");
    for (int i = 0; i < levels; i++) flk_match_push_capture(ms, i, s, e);
    return levels;
}

