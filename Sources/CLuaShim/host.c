/* Host functions: how Lua calls into Swift, and the host-provided print. */
#include "CLuaShim.h"

/*
 * The Swift callback returns a status instead of raising: any error is raised here, after the
 * Swift frame has returned, so a longjmp never crosses Swift code. While Swift runs, the memory
 * cap is not enforced (a refused allocation would raise through Swift); the cap is checked
 * again as soon as Swift returns.
 */
int flk_host_trampoline(lua_State *L) {
    flk_state *S = flk_from(L);
    if (S->tripped != FLK_TRIP_NONE) return flk_raise_tripped(L);
    int strict = S->strict;
    S->strict = 0;
    int results = S->dispatch(L, S->host, lua_tointeger(L, lua_upvalueindex(1)));
    S->strict = strict;
    if (results < 0) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    if (S->tripped != FLK_TRIP_NONE) return flk_raise_tripped(L);
    if (strict && S->cap != 0 && S->used > S->cap) {
        flk_trip(S, FLK_TRIP_MEMORY);
        return flk_raise_tripped(L);
    }
    flk_charge(L, 1); /* a slow host function: the deadline is seen as soon as it returns */
    return results;
}

int flk_print(lua_State *L) {
    int n = lua_gettop(L);
    luaL_Buffer line;
    luaL_buffinit(L, &line);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&line, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&line);
    }
    luaL_pushresult(&line);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, -2);
    lua_call(L, 1, 0);
    return 0;
}
