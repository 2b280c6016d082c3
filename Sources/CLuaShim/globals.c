/*
 * What a script's main chunk does to its globals, for the host to check: a recording
 * environment notes every global assignment with its line, and a script's global functions can
 * be listed with their parameter counts and the line that defines them.
 */
#include "CLuaShim.h"

/* Sets the fields of `info` (a table at `info`) that describe the Lua function at the top of
   the stack, which is popped: parameters, vararg, defined (its first line). A C function gets
   none of them. */
static void flk_describe_function(lua_State *L, int info) {
    lua_Debug ar;
    if (!lua_getinfo(L, ">Su", &ar) || ar.what[0] == 'C') return;
    lua_pushinteger(L, ar.nparams);
    lua_setfield(L, info, "parameters");
    lua_pushboolean(L, ar.isvararg);
    lua_setfield(L, info, "vararg");
    lua_pushinteger(L, ar.linedefined);
    lua_setfield(L, info, "defined");
}

/* __newindex of a recording environment (arguments: the proxy, the key, the value; upvalue 1:
   the script's real environment, upvalue 2: the log). Appends {name, line, main, type[,
   parameters, vararg, defined]} to the log for a string key — `line` where the assignment ran,
   `main` whether the main chunk itself ran it — and stores the value in the real environment. */
static int flk_recording_newindex(lua_State *L) {
    lua_settop(L, 3);
    if (lua_type(L, 2) == LUA_TSTRING) {
        lua_Debug ar;
        int line = 0, main = 0;
        if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
            line = ar.currentline;
            main = ar.what[0] == 'm';
        }
        lua_createtable(L, 0, 7);
        int entry = lua_gettop(L);
        lua_pushvalue(L, 2);
        lua_setfield(L, entry, "name");
        lua_pushinteger(L, line);
        lua_setfield(L, entry, "line");
        lua_pushboolean(L, main);
        lua_setfield(L, entry, "main");
        lua_pushstring(L, luaL_typename(L, 3));
        lua_setfield(L, entry, "type");
        if (lua_type(L, 3) == LUA_TFUNCTION) {
            lua_pushvalue(L, 3);
            flk_describe_function(L, entry);
        }
        lua_rawseti(L, lua_upvalueindex(2), (lua_Integer)lua_rawlen(L, lua_upvalueindex(2)) + 1);
    }
    lua_settop(L, 3);
    lua_rawset(L, lua_upvalueindex(1));
    return 0;
}

int flk_recording_env(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_newtable(L); /* 2: the proxy */
    lua_newtable(L); /* 3: the log */
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 3);
    lua_pushcclosure(L, flk_recording_newindex, 2);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, 2);
    return 2;
}

int flk_stop_recording(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    if (lua_getmetatable(L, 1)) {
        lua_pushvalue(L, 2);
        lua_setfield(L, -2, "__newindex");
    }
    return 0;
}

int flk_global_functions(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_newtable(L); /* 2: name -> {parameters, vararg, defined} */
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
            lua_createtable(L, 0, 3);
            int info = lua_gettop(L);
            lua_pushvalue(L, -2);
            flk_describe_function(L, info);
            lua_getfield(L, info, "defined");
            int lua_function = !lua_isnil(L, -1);
            lua_pop(L, 1);
            if (lua_function) {
                lua_pushvalue(L, -3); /* the name */
                lua_insert(L, -2);
                lua_rawset(L, 2);
            } else {
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    lua_settop(L, 2);
    return 1;
}
