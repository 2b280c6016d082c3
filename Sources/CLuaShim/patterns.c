/*
 * Lua's pattern functions (string.find, match, gmatch, gsub) with a step budget.
 *
 * Lua's own matcher backtracks in C, where the count hook never runs: one call such as
 * ("a"):rep(1000):find(".-.-b") takes seconds, a longer subject hours. This matcher follows the
 * pattern language of the Lua 5.4 manual (section 6.4.1) and counts its work: every match step
 * and every byte scanned counts as one instruction against the call's budget, and the deadline
 * is checked every 1,024 steps. When a limit fires, the call raises like the count hook does.
 */
#include "CLuaShim.h"

#include <ctype.h>
#include <string.h>

#define FLK_MAXCAPTURES 32
#define FLK_MAXDEPTH 200
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define ESC '%'
#define SPECIALS "^$*+?.([%-"
#define UC(c) ((unsigned char)(c))

typedef struct {
    const char *src_init, *src_end, *p_end;
    lua_State *L;
    int depth, level;
    size_t pending;
    struct {
        const char *init;
        ptrdiff_t len;
    } capture[FLK_MAXCAPTURES];
} Match;

/* Counts `work` steps; every 1,024 steps charges them to the call's limits. */
static void count(Match *ms, size_t work) {
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

static const char *class_end(Match *ms, const char *p) {
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

static int single_matches(Match *ms, const char *s, const char *p, const char *ep) {
    if (s >= ms->src_end) return 0;
    int c = UC(*s);
    switch (*p) {
    case '.': return 1;
    case ESC: return class_matches(c, UC(*(p + 1)));
    case '[': return set_matches(c, p, ep - 1);
    default: return UC(*p) == c;
    }
}

static const char *match(Match *ms, const char *s, const char *p);

static const char *balance(Match *ms, const char *s, const char *p) {
    if (p >= ms->p_end - 1) luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= ms->src_end || *s != *p) return NULL;
    int open = *p, close = *(p + 1), depth = 1;
    const char *start = s;
    while (++s < ms->src_end) {
        if (*s == close) {
            if (--depth == 0) {
                count(ms, (size_t)(s - start));
                return s + 1;
            }
        } else if (*s == open) {
            depth++;
        }
    }
    count(ms, (size_t)(s - start));
    return NULL;
}

static const char *max_expand(Match *ms, const char *s, const char *p, const char *ep) {
    ptrdiff_t i = 0;
    while (single_matches(ms, s + i, p, ep)) i++;
    count(ms, (size_t)i);
    while (i >= 0) { /* try the longest run first */
        const char *res = match(ms, s + i, ep + 1);
        if (res != NULL) return res;
        i--;
    }
    return NULL;
}

static const char *min_expand(Match *ms, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *res = match(ms, s, ep + 1);
        if (res != NULL) return res;
        if (!single_matches(ms, s, p, ep)) return NULL;
        s++;
    }
}

static const char *start_capture(Match *ms, const char *s, const char *p, int what) {
    int level = ms->level;
    if (level >= FLK_MAXCAPTURES) luaL_error(ms->L, "too many captures");
    ms->capture[level].init = s;
    ms->capture[level].len = what;
    ms->level = level + 1;
    const char *res = match(ms, s, p);
    if (res == NULL) ms->level--;
    return res;
}

static const char *end_capture(Match *ms, const char *s, const char *p) {
    int level = ms->level - 1;
    while (level >= 0 && ms->capture[level].len != CAP_UNFINISHED) level--;
    if (level < 0) luaL_error(ms->L, "invalid pattern capture");
    ms->capture[level].len = s - ms->capture[level].init;
    const char *res = match(ms, s, p);
    if (res == NULL) ms->capture[level].len = CAP_UNFINISHED;
    return res;
}

static int capture_index(Match *ms, int digit) {
    int l = digit - '1';
    if (l < 0 || l >= ms->level || ms->capture[l].len == CAP_UNFINISHED)
        return luaL_error(ms->L, "invalid capture index %%%d", l + 1);
    return l;
}

static const char *back_reference(Match *ms, const char *s, int digit) {
    int l = capture_index(ms, digit);
    size_t len = (size_t)ms->capture[l].len;
    count(ms, len);
    if ((size_t)(ms->src_end - s) >= len && memcmp(ms->capture[l].init, s, len) == 0) return s + len;
    return NULL;
}

static const char *match(Match *ms, const char *s, const char *p) {
    if (ms->depth-- == 0) luaL_error(ms->L, "pattern too complex");
    count(ms, 1);
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
            const char *res = match(ms, s + 1, ep + 1);
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

static void prepare(Match *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
    ms->L = L;
    ms->src_init = s;
    ms->src_end = s + ls;
    ms->p_end = p + lp;
    ms->pending = 0;
}

static void restart(Match *ms) {
    ms->level = 0;
    ms->depth = FLK_MAXDEPTH;
}

static void push_capture(Match *ms, int i, const char *s, const char *e) {
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

/* The captures, or the whole match when there are none (and `s` is given). */
static int push_captures(Match *ms, const char *s, const char *e) {
    int levels = (ms->level == 0 && s != NULL) ? 1 : ms->level;
    luaL_checkstack(ms->L, levels, "too many captures");
    for (int i = 0; i < levels; i++) push_capture(ms, i, s, e);
    return levels;
}

static size_t start_position(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp) {
    size_t upto = 0;
    do { /* strpbrk stops at a zero byte, so go segment by segment */
        if (strpbrk(p + upto, SPECIALS)) return 1;
        upto += strlen(p + upto) + 1;
    } while (upto <= lp);
    return 0;
}

static const char *find_plain(Match *ms, const char *s, size_t ls, const char *p, size_t lp) {
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    const char *end = s + ls - lp + 1;
    while (s < end) {
        const char *hit = memchr(s, *p, (size_t)(end - s));
        if (hit == NULL) return NULL;
        count(ms, lp + (size_t)(hit - s));
        if (memcmp(hit + 1, p + 1, lp - 1) == 0) return hit;
        s = hit + 1;
    }
    return NULL;
}

static int find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    Match ms;
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        prepare(&ms, L, s, ls, p, lp);
        const char *hit = find_plain(&ms, s + init, ls - init, p, lp);
        if (hit != NULL) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)((size_t)(hit - s) + lp));
            return 2;
        }
    } else {
        const char *s1 = s + init;
        int anchor = (*p == '^');
        if (anchor) {
            p++;
            lp--;
        }
        prepare(&ms, L, s, ls, p, lp);
        do {
            restart(&ms);
            const char *e = match(&ms, s1, p);
            if (e != NULL) {
                if (!find) return push_captures(&ms, s1, e);
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return push_captures(&ms, NULL, 0) + 2;
            }
        } while (s1++ < ms.src_end && !anchor);
    }
    luaL_pushfail(L);
    return 1;
}

static int flk_find(lua_State *L) { return find_or_match(L, 1); }
static int flk_match(lua_State *L) { return find_or_match(L, 0); }

typedef struct {
    const char *src, *p, *lastmatch;
    Match ms;
} GMatch;

static int gmatch_next(lua_State *L) {
    GMatch *gm = (GMatch *)lua_touserdata(L, lua_upvalueindex(3));
    gm->ms.L = L;
    for (const char *src = gm->src; src <= gm->ms.src_end; src++) {
        restart(&gm->ms);
        const char *e = match(&gm->ms, src, gm->p);
        if (e != NULL && e != gm->lastmatch) {
            gm->src = gm->lastmatch = e;
            return push_captures(&gm->ms, src, e);
        }
    }
    return 0;
}

static int flk_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);
    GMatch *gm = (GMatch *)lua_newuserdatauv(L, sizeof(GMatch), 0);
    if (init > ls) init = ls + 1;
    prepare(&gm->ms, L, s, ls, p, lp);
    gm->src = s + init;
    gm->p = p;
    gm->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

static void add_template(Match *ms, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = ms->L;
    size_t l;
    const char *text = lua_tolstring(L, 3, &l);
    const char *p;
    while ((p = memchr(text, ESC, l)) != NULL) {
        luaL_addlstring(b, text, (size_t)(p - text));
        p++;
        if (*p == ESC) {
            luaL_addchar(b, *p);
        } else if (*p == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit(UC(*p))) {
            push_capture(ms, *p - '1', s, e);
            luaL_tolstring(L, -1, NULL);
            lua_remove(L, -2);
            luaL_addvalue(b);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", ESC);
        }
        l -= (size_t)(p + 1 - text);
        text = p + 1;
    }
    luaL_addlstring(b, text, l);
}

static int add_replacement(Match *ms, luaL_Buffer *b, const char *s, const char *e, int kind) {
    lua_State *L = ms->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(ms, s, e);
        lua_call(L, n, 1);
    } else if (kind == LUA_TTABLE) {
        push_capture(ms, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_template(ms, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) { /* nil or false: keep the original text */
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static int flk_gsub(lua_State *L) {
    size_t srcl, lp;
    const char *src = luaL_checklstring(L, 1, &srcl);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *lastmatch = NULL;
    int kind = lua_type(L, 3);
    lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
    int anchor = (*p == '^');
    lua_Integer n = 0;
    int changed = 0;
    Match ms;
    luaL_Buffer b;
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE,
                     3, "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) {
        p++;
        lp--;
    }
    prepare(&ms, L, src, srcl, p, lp);
    while (n < max) {
        restart(&ms);
        const char *e = match(&ms, src, p);
        if (e != NULL && e != lastmatch) {
            n++;
            changed = add_replacement(&ms, &b, src, e, kind) | changed;
            src = lastmatch = e;
        } else if (src < ms.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

void flk_bound_patterns(lua_State *L, int library) {
    static const luaL_Reg functions[] = {
        {"find", flk_find}, {"match", flk_match}, {"gmatch", flk_gmatch}, {"gsub", flk_gsub}, {NULL, NULL},
    };
    library = lua_absindex(L, library);
    for (const luaL_Reg *f = functions; f->name != NULL; f++) {
        lua_pushcfunction(L, f->func);
        lua_setfield(L, library, f->name);
    }
}
