/*
 * string.find, string.match, string.gmatch and string.gsub over the bounded matcher
 * (matcher.c): the arguments, results and errors of Lua 5.4's own functions, with every step
 * of their work counted toward the call's limits. A limit that fires inside one of them raises
 * the limit's error there, and it stays fired (see flk_trip), so a script's pcall cannot
 * swallow it.
 */
#include "matcher.h"

#include <string.h>

/* Where a search starts, as Lua reads `init`: negative counts from the end, 0 or before the
   start is the start. A 0-based offset, past the subject's end when `init` is. */
static size_t flk_start_offset(lua_State *L, int arg, size_t length) {
    lua_Integer init = luaL_optinteger(L, arg, 1);
    if (init > 0) return (size_t)init - 1;
    if (init == 0 || init < -(lua_Integer)length) return 0;
    return length + (size_t)init;
}

/* A pattern without any of `^$*+?.([%-` matches only its own bytes: find looks for it as
   plain text, as Lua does. */
static int flk_is_plain(const char *p, size_t length) {
    for (size_t i = 0; i < length; i++) {
        switch (p[i]) {
        case '^': case '$': case '*': case '+': case '?': case '.': case '(': case '[': case '%': case '-':
            return 0;
        default:
            break;
        }
    }
    return 1;
}

/* The first occurrence of text in s, counting the bytes scanned and compared. */
static const char *flk_find_text(flk_meter *meter, const char *s, size_t length, const char *text,
                                 size_t text_length) {
    if (text_length == 0) return s;
    if (text_length > length) return NULL;
    const char *last = s + (length - text_length); /* the last place it could start */
    for (const char *at = s; at <= last;) {
        const char *hit = memchr(at, text[0], (size_t)(last - at) + 1);
        flk_meter_bytes(meter, (size_t)((hit != NULL ? hit + 1 : last + 1) - at));
        if (hit == NULL) return NULL;
        flk_meter_bytes(meter, text_length - 1);
        if (memcmp(hit + 1, text + 1, text_length - 1) == 0) return hit;
        at = hit + 1;
    }
    return NULL;
}

/* string.find(s, pattern [, init [, plain]]) and string.match(s, pattern [, init]). */
static int flk_find_or_match(lua_State *L, int find) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *p = luaL_checklstring(L, 2, &pattern_length);
    size_t init = flk_start_offset(L, 3, length);
    if (init > length) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || flk_is_plain(p, pattern_length))) {
        flk_meter meter;
        flk_meter_start(&meter, L);
        const char *found = flk_find_text(&meter, s + init, length - init, p, pattern_length);
        flk_meter_end(&meter);
        if (found == NULL) {
            luaL_pushfail(L);
            return 1;
        }
        lua_pushinteger(L, (lua_Integer)(found - s) + 1);
        lua_pushinteger(L, (lua_Integer)(found - s + pattern_length));
        return 2;
    }
    int anchored = pattern_length > 0 && *p == '^';
    if (anchored) p++, pattern_length--;
    flk_matcher m;
    flk_matcher_init(&m, L, s, length, p, pattern_length);
    for (const char *at = s + init;; at++) {
        const char *end = flk_match(&m, at, p);
        if (end != NULL) {
            flk_meter_end(&m.meter);
            if (!find) return flk_push_captures(&m, at, end);
            lua_pushinteger(L, (lua_Integer)(at - s) + 1);
            lua_pushinteger(L, (lua_Integer)(end - s));
            return 2 + flk_push_captures(&m, NULL, NULL);
        }
        if (anchored || at == m.subject_end) break;
    }
    flk_meter_end(&m.meter);
    luaL_pushfail(L);
    return 1;
}

static int flk_find(lua_State *L) { return flk_find_or_match(L, 1); }

static int flk_match_function(lua_State *L) { return flk_find_or_match(L, 0); }

/* The iterator's state: a `^` is a plain byte here, as in Lua 5.4's gmatch. */
typedef struct flk_gmatch_state {
    flk_matcher m;
    const char *pattern;
    size_t next;      /* the offset where the next search starts; past the end when done */
    const char *last; /* the end of the last match: an empty match there is skipped */
} flk_gmatch_state;

/* Upvalues: the subject and the pattern (kept alive for the state's pointers), the state. */
static int flk_gmatch_next(lua_State *L) {
    flk_gmatch_state *g = (flk_gmatch_state *)lua_touserdata(L, lua_upvalueindex(3));
    size_t length = (size_t)(g->m.subject_end - g->m.subject);
    flk_meter_start(&g->m.meter, L);
    for (size_t offset = g->next; offset <= length; offset++) {
        const char *at = g->m.subject + offset;
        const char *end = flk_match(&g->m, at, g->pattern);
        if (end != NULL && end != g->last) {
            g->next = (size_t)(end - g->m.subject);
            g->last = end;
            flk_meter_end(&g->m.meter);
            return flk_push_captures(&g->m, at, end);
        }
    }
    g->next = length + 1; /* a later call finds nothing again, at once */
    flk_meter_end(&g->m.meter);
    return 0;
}

/* string.gmatch(s, pattern [, init]) */
static int flk_gmatch(lua_State *L) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *p = luaL_checklstring(L, 2, &pattern_length);
    size_t init = flk_start_offset(L, 3, length);
    lua_settop(L, 2);
    flk_gmatch_state *g = (flk_gmatch_state *)lua_newuserdatauv(L, sizeof *g, 0);
    if (init > length) init = length + 1;
    flk_matcher_init(&g->m, L, s, length, p, pattern_length);
    g->pattern = p;
    g->next = init;
    g->last = NULL;
    lua_pushcclosure(L, flk_gmatch_next, 3);
    return 1;
}

/* gsub's replacement string (argument 3) for the match s..e: `%0` is the match, `%1`-`%9` a
   capture, `%%` a '%'. */
static void flk_add_template(flk_matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = m->meter.L;
    size_t length;
    const char *t = lua_tolstring(L, 3, &length);
    const char *end = t + length;
    for (;;) {
        const char *mark = memchr(t, '%', (size_t)(end - t));
        size_t plain = (size_t)((mark != NULL ? mark : end) - t);
        flk_meter_bytes(&m->meter, plain);
        luaL_addlstring(b, t, plain);
        if (mark == NULL) return;
        t = mark + 1;
        char c = t < end ? *t : '\0';
        if (c == '%') {
            luaL_addchar(b, '%');
        } else if (c == '0') {
            flk_meter_bytes(&m->meter, (size_t)(e - s));
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (c >= '1' && c <= '9') {
            const char *capture;
            ptrdiff_t n = flk_capture_text(m, c - '1', s, e, &capture);
            if (n == FLK_CAPTURE_POSITION) {
                luaL_addvalue(b);
            } else {
                flk_meter_bytes(&m->meter, (size_t)n);
                luaL_addlstring(b, capture, (size_t)n);
            }
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", '%');
        }
        t++;
    }
}

/* Appends the replacement for the match s..e; returns whether it differs from the match (a
   function or table answering nil or false keeps the match). */
static int flk_add_replacement(flk_matcher *m, luaL_Buffer *b, const char *s, const char *e, int kind) {
    lua_State *L = m->meter.L;
    switch (kind) {
    case LUA_TFUNCTION:
        lua_pushvalue(L, 3);
        lua_call(L, flk_push_captures(m, s, e), 1);
        break;
    case LUA_TTABLE:
        flk_push_capture(m, 0, s, e);
        lua_gettable(L, 3);
        break;
    default: /* a string or a number */
        flk_add_template(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1)) return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

/* string.gsub(s, pattern, replacement [, n]) */
static int flk_gsub(lua_State *L) {
    size_t length, pattern_length;
    const char *s = luaL_checklstring(L, 1, &length);
    const char *p = luaL_checklstring(L, 2, &pattern_length);
    int kind = lua_type(L, 3);
    lua_Integer most = luaL_optinteger(L, 4, (lua_Integer)length + 1);
    luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION || kind == LUA_TTABLE,
                     3, "string/function/table");
    int anchored = pattern_length > 0 && *p == '^';
    if (anchored) p++, pattern_length--;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    flk_matcher m;
    flk_matcher_init(&m, L, s, length, p, pattern_length);
    const char *at = s, *last = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < most) {
        const char *end = flk_match(&m, at, p);
        if (end != NULL && end != last) {
            n++;
            changed |= flk_add_replacement(&m, &b, at, end, kind);
            at = last = end;
        } else if (at < m.subject_end) {
            luaL_addchar(&b, *at++);
        } else {
            break;
        }
        if (anchored) break;
    }
    if (changed) {
        luaL_addlstring(&b, at, (size_t)(m.subject_end - at));
        luaL_pushresult(&b);
    } else {
        lua_pushvalue(L, 1); /* the subject itself */
    }
    lua_pushinteger(L, n);
    flk_meter_end(&m.meter);
    return 2;
}

const luaL_Reg flk_pattern_functions[] = {
    {"find", flk_find},
    {"match", flk_match_function},
    {"gmatch", flk_gmatch},
    {"gsub", flk_gsub},
    {NULL, NULL},
};
