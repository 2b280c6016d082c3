/*
 * string.find, match, gmatch and gsub over the bounded matcher of pattern_match.c. They follow
 * Lua 5.4's string library (results, errors, the empty-match rules of gmatch and gsub); only
 * their work is charged to the call's limits.
 */
#include "pattern_match.h"

#include <ctype.h>
#include <string.h>

#define ESC '%'
#define SPECIALS "^$*+?.([%-"
#define UC(c) ((unsigned char)(c))

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

static const char *find_plain(flk_match_state *ms, const char *s, size_t ls, const char *p, size_t lp) {
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    const char *end = s + ls - lp + 1;
    while (s < end) {
        const char *hit = memchr(s, *p, (size_t)(end - s));
        if (hit == NULL) return NULL;
        flk_match_count(ms, lp + (size_t)(hit - s));
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
    flk_match_state ms;
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        flk_match_prepare(&ms, L, s, ls, p, lp);
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
        flk_match_prepare(&ms, L, s, ls, p, lp);
        do {
            flk_match_restart(&ms);
            const char *e = flk_match_at(&ms, s1, p);
            if (e != NULL) {
                if (!find) return flk_match_push_captures(&ms, s1, e);
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return flk_match_push_captures(&ms, NULL, 0) + 2;
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
    flk_match_state ms;
} GMatch;

static int gmatch_next(lua_State *L) {
    GMatch *gm = (GMatch *)lua_touserdata(L, lua_upvalueindex(3));
    gm->ms.L = L;
    for (const char *src = gm->src; src <= gm->ms.src_end; src++) {
        flk_match_restart(&gm->ms);
        const char *e = flk_match_at(&gm->ms, src, gm->p);
        if (e != NULL && e != gm->lastmatch) {
            gm->src = gm->lastmatch = e;
            return flk_match_push_captures(&gm->ms, src, e);
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
    flk_match_prepare(&gm->ms, L, s, ls, p, lp);
    gm->src = s + init;
    gm->p = p;
    gm->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

static void add_template(flk_match_state *ms, luaL_Buffer *b, const char *s, const char *e) {
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
            flk_match_push_capture(ms, *p - '1', s, e);
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

static int add_replacement(flk_match_state *ms, luaL_Buffer *b, const char *s, const char *e, int kind) {
    lua_State *L = ms->L;
    if (kind == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = flk_match_push_captures(ms, s, e);
        lua_call(L, n, 1);
    } else if (kind == LUA_TTABLE) {
        flk_match_push_capture(ms, 0, s, e);
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
    flk_match_state ms;
    luaL_Buffer b;
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE,
                     3, "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) {
        p++;
        lp--;
    }
    flk_match_prepare(&ms, L, src, srcl, p, lp);
    while (n < max) {
        flk_match_restart(&ms);
        const char *e = flk_match_at(&ms, src, p);
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
