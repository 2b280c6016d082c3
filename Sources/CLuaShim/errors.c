/*
 * The message handler of every host call: it runs where the error was raised, before the stack
 * unwinds, and records what a person needs: the file and line, and a traceback.
 */
#include "CLuaShim.h"

#include <ctype.h>
#include <string.h>

/* The file a chunk name stands for: "@path" and "=name" lose their mark, a source string is
   shown as Lua shows it ([string "..."]). */
static void flk_push_file(lua_State *L, const lua_Debug *ar) {
    if (ar->source[0] == '@' || ar->source[0] == '=')
        lua_pushstring(L, ar->source + 1);
    else
        lua_pushstring(L, ar->short_src);
}

/* When `message` starts with "<short_src>:<line>: ", returns the length of that prefix. */
static size_t flk_prefix(const char *message, const char *short_src, lua_Integer *line) {
    size_t n = strlen(short_src);
    if (strncmp(message, short_src, n) != 0 || message[n] != ':') return 0;
    const char *p = message + n + 1;
    if (!isdigit((unsigned char)*p)) return 0;
    lua_Integer value = 0;
    while (isdigit((unsigned char)*p)) value = value * 10 + (*p++ - '0');
    if (p[0] != ':' || p[1] != ' ') return 0;
    *line = value;
    return (size_t)(p + 2 - message);
}

int flk_message_handler(lua_State *L) {
    flk_state *S = flk_from(L);
    int strict = S->strict;
    S->strict = 0; /* bounded work; the cap is enforced again when the handler returns */

    const char *message = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : NULL;
    lua_settop(L, 1);
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, 1);
    lua_setfield(L, 2, "error");

    /* Position: the frame the message's own "file:line: " prefix names (error(msg, 2) names the
       caller), else the innermost Lua function. */
    int located = 0;
    lua_Debug ar;
    for (int level = 1; level < 200 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
        lua_Integer line = 0;
        size_t prefix = message ? flk_prefix(message, ar.short_src, &line) : 0;
        if (prefix > 0) {
            flk_push_file(L, &ar);
            lua_setfield(L, 2, "file");
            lua_pushinteger(L, line);
            lua_setfield(L, 2, "line");
            lua_pushinteger(L, (lua_Integer)prefix);
            lua_setfield(L, 2, "prefix");
            break;
        }
        if (!located) {
            located = 1;
            flk_push_file(L, &ar);
            lua_setfield(L, 2, "file");
            lua_pushinteger(L, ar.currentline);
            lua_setfield(L, 2, "line");
            if (message == NULL) break;
        }
    }

    luaL_traceback(L, L, NULL, 1);
    lua_setfield(L, 2, "traceback");
    S->strict = strict;
    return 1;
}
