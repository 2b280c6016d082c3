/*
 * The sandbox of a LuaHost runtime: which libraries a script sees, the private environment each
 * script gets, and the wrapped base functions (`load` in text mode with the script's own
 * environment as default, `setmetatable` without finalizers).
 */
#include "CLuaShim.h"

#include <string.h>

/* Base functions a script may use. Missing on purpose: dofile, loadfile, collectgarbage,
   print (the host provides one), warn, require. `load`, `setmetatable`, `xpcall` and `rawset`
   are wrapped. */
static const char *const flk_base_allowed[] = {
    "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal",
    "rawget", "rawlen", "select", "tonumber", "tostring", "type", "_VERSION", NULL,
};

static const luaL_Reg flk_libraries[] = {
    {LUA_TABLIBNAME, luaopen_table},
    {LUA_STRLIBNAME, luaopen_string},
    {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8},
    {NULL, NULL},
};

static int flk_readonly_newindex(lua_State *L);

/* rawset skips __newindex: on a read-only view it would write into the view itself, and every
   later read through the view would see that value. It is refused there. */
static int flk_rawset(lua_State *L) {
    if (lua_getmetatable(L, 1)) {
        lua_getfield(L, -1, "__newindex");
        int readonly = lua_tocfunction(L, -1) == flk_readonly_newindex;
        lua_pop(L, 2);
        if (readonly) return flk_readonly_newindex(L);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* A finalizer runs with hooks off, so no limit could stop it: metatables with __gc are refused. */
static int flk_setmetatable(lua_State *L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        int kind = lua_rawget(L, 2);
        lua_pop(L, 1);
        if (kind != LUA_TNIL) return luaL_error(L, "__gc metamethods are not allowed in scripts");
    }
    int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, 1);
    return 1;
}

/* An error raised by the hook runs the message handler with hooks off, so a looping handler
   could not be stopped: once a limit fired, xpcall's handler is skipped. */
static int flk_guarded_handler(lua_State *L) {
    if (flk_from(L)->tripped != FLK_TRIP_NONE) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int flk_xpcall(lua_State *L) {
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, flk_guarded_handler, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* load(chunk [, chunkname [, mode [, env]]]): text only; without env, the calling script's
   environment (upvalue 2), never the state's global table. */
static int flk_load(lua_State *L) {
    int given = lua_gettop(L);
    const char *mode = luaL_optstring(L, 3, "t");
    if (strchr(mode, 't') == NULL) {
        luaL_pushfail(L);
        lua_pushliteral(L, "binary chunks are not allowed");
        return 2;
    }
    lua_settop(L, 4);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    if (given < 4) {
        lua_pushvalue(L, lua_upvalueindex(2));
        lua_replace(L, 4);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 4, LUA_MULTRET);
    return lua_gettop(L);
}

int flk_sandbox_init(lua_State *L) {
    lua_createtable(L, 0, 3); /* the template */
    int template = lua_gettop(L);

    luaL_requiref(L, LUA_GNAME, luaopen_base, 0);
    int base = lua_gettop(L);
    lua_createtable(L, 0, 24);
    for (const char *const *name = flk_base_allowed; *name != NULL; name++) {
        lua_getfield(L, base, *name);
        lua_setfield(L, -2, *name);
    }
    lua_getfield(L, base, "setmetatable");
    lua_pushcclosure(L, flk_setmetatable, 1);
    lua_setfield(L, -2, "setmetatable");
    lua_getfield(L, base, "xpcall");
    lua_pushcclosure(L, flk_xpcall, 1);
    lua_setfield(L, -2, "xpcall");
    lua_getfield(L, base, "rawset");
    lua_pushcclosure(L, flk_rawset, 1);
    lua_setfield(L, -2, "rawset");
    lua_setfield(L, template, "functions");
    lua_getfield(L, base, "load");
    lua_setfield(L, template, "load");
    lua_pop(L, 1); /* base */

    lua_createtable(L, 0, 4);
    for (const luaL_Reg *lib = flk_libraries; lib->func != NULL; lib++) {
        luaL_requiref(L, lib->name, lib->func, 0);
        if (lib->func == luaopen_string) { /* bytecode must never reach a script */
            lua_pushnil(L);
            lua_setfield(L, -2, "dump");
        }
        lua_setfield(L, -2, lib->name);
    }
    lua_getfield(L, -1, LUA_TABLIBNAME);
    lua_getfield(L, -2, LUA_STRLIBNAME);
    flk_bound_libraries(L, -2, -1); /* also string methods: the metatable's __index is this library */
    lua_pop(L, 2);
    lua_setfield(L, template, "libraries");

    /* Strings share one metatable whose __index is the pristine string library; scripts only
       get copies of that library, and cannot reach or change the metatable. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    /* The state's global table is left empty: nothing a script loads ever defaults to it. */
    lua_newtable(L);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);

    lua_settop(L, template);
    return 1;
}

static void flk_copy_fields(lua_State *L, int from, int to) {
    lua_pushnil(L);
    while (lua_next(L, from) != 0) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, to);
    }
}

int flk_sandbox_env(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_createtable(L, 0, 32);
    int env = lua_gettop(L);

    lua_getfield(L, 1, "functions");
    flk_copy_fields(L, lua_gettop(L), env);
    lua_pop(L, 1);

    /* Each script gets its own copy of every library table, so `string.x = f` in one script
       is not seen by another (nor by string methods, which use the pristine library). */
    lua_getfield(L, 1, "libraries");
    int libraries = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, libraries) != 0) {
        lua_createtable(L, 0, 32);
        flk_copy_fields(L, lua_gettop(L) - 1, lua_gettop(L));
        lua_remove(L, -2);
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, env);
    }
    lua_pop(L, 1);

    lua_getfield(L, 1, "load");
    lua_pushvalue(L, env);
    lua_pushcclosure(L, flk_load, 2);
    lua_setfield(L, env, "load");

    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua_settop(L, env);
    return 1;
}

static int flk_readonly_newindex(lua_State *L) {
    return luaL_error(L, "attempt to change a read-only table (field '%s')",
                      luaL_tolstring(L, 2, NULL));
}

static int flk_next(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

static int flk_readonly_pairs(lua_State *L) {
    lua_pushcfunction(L, flk_next);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    return 3;
}

int flk_readonly_view(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_newtable(L);
    lua_createtable(L, 0, 4);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, flk_readonly_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, flk_readonly_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    return 1;
}
