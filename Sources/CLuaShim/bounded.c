/*
 * Library functions whose work runs in C loops, where the count hook never fires.
 *
 * table.insert, table.remove and table.move shift or copy elements one by one in C; given a
 * huge range (`table.move({}, 1, 1e12, 2)`, or a __len that answers 1e15) they would run for
 * hours, allocating nothing. They are written here again, to the semantics of the Lua 5.4
 * manual, counting each element moved as an instruction and checking the deadline as they go.
 *
 * string.rep is written again for the same reason (Lua's loops n times even when the result is
 * empty), and the pattern functions, whose backtracking can take hours, run on a matcher of our
 * own that counts its steps (matcher.c, patterns.c).
 *
 * table.sort sorts in C: its work is not interrupted, but each call is followed by a look at
 * the limits, so a loop of slow sorts stops at the first one that ends past the deadline.
 */
#include "CLuaShim.h"
#include "matcher.h"

#include <limits.h>
#include <string.h>

/* Elements moved between two looks at the limits. */
enum { FLK_LOOP_CHECK = 1024 };

enum { FLK_READ = 1, FLK_WRITE = 2, FLK_LENGTH = 4 };

static int flk_has_field(lua_State *L, const char *name) { /* of the table on top */
    int present = lua_getfield(L, -1, name) != LUA_TNIL;
    lua_pop(L, 1);
    return present;
}

/* The table library accepts a table, or any value whose metatable gives what the function
   needs (__index to read, __newindex to write, __len for the length). */
static void flk_check_table(lua_State *L, int arg, int needs) {
    if (lua_type(L, arg) == LUA_TTABLE) return;
    int usable = 0;
    if (lua_getmetatable(L, arg)) {
        usable = (!(needs & FLK_READ) || flk_has_field(L, "__index"))
            && (!(needs & FLK_WRITE) || flk_has_field(L, "__newindex"))
            && (!(needs & FLK_LENGTH) || flk_has_field(L, "__len"));
        lua_pop(L, 1);
    }
    if (!usable) luaL_checktype(L, arg, LUA_TTABLE);
}

/* Counts one element moved; every FLK_LOOP_CHECK of them, checks the limits. */
static void flk_tick(lua_State *L, lua_Unsigned *moved) {
    if (++*moved % FLK_LOOP_CHECK == 0) flk_charge(L, FLK_LOOP_CHECK);
}

/* table.insert(list, [pos,] value) */
static int flk_table_insert(lua_State *L) {
    flk_check_table(L, 1, FLK_READ | FLK_WRITE | FLK_LENGTH);
    lua_Integer end = (lua_Integer)((lua_Unsigned)luaL_len(L, 1) + 1u); /* the first free slot */
    lua_Integer pos = end;
    switch (lua_gettop(L)) {
    case 2:
        break;
    case 3: {
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)end, 2, "position out of bounds");
        lua_Unsigned moved = 0;
        for (lua_Integer i = end; i > pos; i--) { /* make room at pos */
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
            flk_tick(L, &moved);
        }
        break;
    }
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos); /* the value, on top */
    return 0;
}

/* table.remove(list [, pos]) */
static int flk_table_remove(lua_State *L) {
    flk_check_table(L, 1, FLK_READ | FLK_WRITE | FLK_LENGTH);
    lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size) /* size + 1 is allowed: removing past the end */
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, pos); /* the result */
    lua_Unsigned moved = 0;
    for (; pos < size; pos++) { /* close the gap */
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
        flk_tick(L, &moved);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/* table.move(a1, f, e, t [, a2]): a2[t..] = a1[f..e]; returns a2. */
static int flk_table_move(lua_State *L) {
    lua_Integer first = luaL_checkinteger(L, 2);
    lua_Integer last = luaL_checkinteger(L, 3);
    lua_Integer to = luaL_checkinteger(L, 4);
    int target = lua_isnoneornil(L, 5) ? 1 : 5;
    flk_check_table(L, 1, FLK_READ);
    flk_check_table(L, target, FLK_WRITE);
    if (last >= first) {
        luaL_argcheck(L, first > 0 || last < LUA_MAXINTEGER + first, 3, "too many elements to move");
        lua_Unsigned span = (lua_Unsigned)last - (lua_Unsigned)first; /* elements to move, minus one */
        luaL_argcheck(L, to <= LUA_MAXINTEGER - (lua_Integer)span, 4, "destination wrap around");
        /* Overlapping ranges in one table are copied from the end, so nothing is read after
           it was overwritten. */
        int ascending = to > last || to <= first || (target != 1 && !lua_compare(L, 1, target, LUA_OPEQ));
        lua_Unsigned moved = 0;
        for (lua_Unsigned i = 0;; i++) {
            lua_Unsigned offset = ascending ? i : span - i;
            lua_geti(L, 1, (lua_Integer)((lua_Unsigned)first + offset));
            lua_seti(L, target, (lua_Integer)((lua_Unsigned)to + offset));
            flk_tick(L, &moved);
            if (i == span) break;
        }
    }
    lua_pushvalue(L, target);
    return 1;
}

/* The longest result of string.rep, as Lua's own: "resulting string too large" past it. */
#define FLK_MAX_REP (sizeof(size_t) < sizeof(int) ? (size_t)~(size_t)0 : (size_t)INT_MAX)

/* Bytes string.rep copies between two looks at the limits (at most). */
enum { FLK_COPY_CHUNK = 64 * 1024 };

/* string.rep(s, n [, sep]): Lua's results and errors. An empty result returns at once; any
   other is allocated once, through the capped allocator, and filled by copying what is already
   written, a step per 64 bytes. */
static int flk_string_rep(lua_State *L) {
    size_t length, separator_length;
    const char *s = luaL_checklstring(L, 1, &length);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *separator = luaL_optlstring(L, 3, "", &separator_length);
    size_t unit = length + separator_length; /* one copy and its separator */
    if (n <= 0 || unit == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if (unit < length || unit > FLK_MAX_REP / (size_t)n) return luaL_error(L, "resulting string too large");
    size_t total = (size_t)n * length + (size_t)(n - 1) * separator_length;
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, total);
    flk_meter meter;
    flk_meter_start(&meter, L);
    flk_meter_bytes(&meter, unit);
    memcpy(out, s, length);
    size_t filled = length;
    if (n > 1) {
        memcpy(out + length, separator, separator_length);
        filled = unit;
    }
    /* The result repeats with period `unit`: each chunk is copied from whole units back. */
    while (filled < total) {
        size_t back = filled / unit * unit;
        size_t chunk = total - filled;
        if (chunk > back) chunk = back;
        if (chunk > FLK_COPY_CHUNK) chunk = FLK_COPY_CHUNK;
        flk_meter_bytes(&meter, chunk);
        memcpy(out + filled, out + filled - back, chunk);
        filled += chunk;
    }
    luaL_pushresultsize(&b, total);
    flk_meter_end(&meter);
    return 1;
}

/* Upvalue 1: a library function. Calls it, then looks at the limits. */
static int flk_checked_call(lua_State *L) {
    int arguments = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, arguments, LUA_MULTRET);
    flk_charge(L, 1);
    return lua_gettop(L);
}

static void flk_wrap(lua_State *L, int library, const char *name, lua_CFunction wrapper) {
    lua_getfield(L, library, name);
    lua_pushcclosure(L, wrapper, 1);
    lua_setfield(L, library, name);
}

void flk_bound_libraries(lua_State *L, int table, int string) {
    table = lua_absindex(L, table);
    string = lua_absindex(L, string);
    lua_pushcfunction(L, flk_table_insert);
    lua_setfield(L, table, "insert");
    lua_pushcfunction(L, flk_table_remove);
    lua_setfield(L, table, "remove");
    lua_pushcfunction(L, flk_table_move);
    lua_setfield(L, table, "move");
    flk_wrap(L, table, "sort", flk_checked_call);
    lua_pushvalue(L, string);
    luaL_setfuncs(L, flk_pattern_functions, 0);
    lua_pushcfunction(L, flk_string_rep);
    lua_setfield(L, -2, "rep");
    lua_pop(L, 1);
}
