#ifndef FIRMLINK_CLUASHIM_H
#define FIRMLINK_CLUASHIM_H

/*
 * C side of LuaHost: shims for the lua.h macros Swift cannot import, the host-function
 * trampoline (Swift reports an error by status; C raises it), the count/deadline hook, the
 * capped allocator and the sandbox's C functions.
 *
 * Rule: Lua errors are raised only from C frames. Swift code never calls a Lua API function
 * that can raise while no C frame is between it and the nearest lua_pcall.
 */

#include <stddef.h>
#include <stdint.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

/* Which limit stopped the current call. */
enum {
    FLK_TRIP_NONE = 0,
    FLK_TRIP_INSTRUCTIONS = 1,
    FLK_TRIP_TIMEOUT = 2,
    FLK_TRIP_MEMORY = 3,
};

/*
 * Called by the trampoline for a host function. Returns the number of results pushed, or -1
 * with an error message (a string) on top of the stack; the trampoline then raises it.
 */
typedef int (*flk_dispatch_fn)(lua_State *L, void *host, lua_Integer function);

/* Everything the allocator, the hook and the trampoline share; one per lua_State. */
typedef struct flk_state {
    lua_State *L;

    /* Allocator: bytes in use, the cap (0: none), and whether the cap is enforced now. The cap
       is enforced only while Lua code runs; host code pushing values never sees a refusal. */
    size_t used;
    size_t cap;
    int strict;
    /* The last refused growth, to tell Lua's retry after its emergency collection. */
    int refused;
    void *refused_block;
    size_t refused_size;

    /* Per-call limits. `tripped` stays set until the host disarms the call. */
    int tripped;
    uint64_t budget;      /* instructions; 0: unlimited */
    uint64_t executed;    /* instructions counted so far (in hook steps) */
    int step;             /* current hook period in instructions */
    uint64_t deadline_ns; /* CLOCK_MONOTONIC; 0: none */
    uint64_t checked_ns;  /* when the hook last looked at the clock */

    /* Where the first limit fired (a chunk name such as "@rules.lua"), or line 0. */
    char trip_source[512];
    int trip_line;
    /* Lua's "stack traceback:" text for that moment (a memory error gets no message handler). */
    char trip_traceback[2048];

    flk_dispatch_fn dispatch;
    void *host;
} flk_state;

/* ---- State, limits ---------------------------------------------------------------------- */

/* Creates a state that allocates through the capped allocator of `S`. NULL if out of memory. */
lua_State *flk_open(flk_state *S);
uint64_t flk_now_ns(void);
/* Starts a call's limits: 0 means no limit for each argument. */
void flk_arm(flk_state *S, uint64_t instructions, uint64_t timeout_ns, size_t memory);
/* Ends a call's limits (the cap stops being enforced, the hook is removed). */
void flk_disarm(flk_state *S);
/* Moves the current call's deadline `ns` later: what a host function spent waiting outside
   Lua (on the network) does not count against it. Nothing happens while no deadline is set. */
void flk_extend_deadline(flk_state *S, uint64_t ns);
/* Marks a limit as fired; from then on the hook raises before every instruction. */
void flk_trip(flk_state *S, int kind);
/* Marks a limit as fired at the running script's current line. */
void flk_trip_here(lua_State *L, int kind);
/* Raises the error of the limit that fired (call only from a C function or hook). */
int flk_raise_tripped(lua_State *L);
/* Counts work a C function did in a loop (in instructions) toward the budget and checks the
   deadline, raising when a limit fires; nothing while no call is armed. Call only from a C
   function run by Lua. */
void flk_charge(lua_State *L, uint64_t instructions);
/* flk_charge without the look at the clock: for the last few steps of a C function whose
   longer work was charged with flk_charge as it went. */
void flk_count(lua_State *L, uint64_t instructions);

/* ---- C functions run under lua_pcall by the host ----------------------------------------- */

/* Opens the allowed libraries and pushes the sandbox template table. */
int flk_sandbox_init(lua_State *L);
/* Argument 1: the template. Pushes a fresh environment for one script. */
int flk_sandbox_env(lua_State *L);
/* Replaces the library functions whose work runs in C loops out of the count hook's reach
   (table.insert, remove, move; string.rep, find, match, gmatch, gsub) with versions that count
   their work toward the limits, and makes table.sort look at the limits when it returns.
   Argument 1: the table library; argument 2: the string library. */
void flk_bound_libraries(lua_State *L, int table, int string);
/* Argument 1: a table. Pushes a read-only view of it. */
int flk_readonly_view(lua_State *L);
/* Argument 1: a script environment. Pushes a proxy to load a chunk with, whose every global
   assignment is stored in the environment and noted in a log, and the log: an array of
   {name, line, main, type [, parameters, vararg, defined]}. */
int flk_recording_env(lua_State *L);
/* Argument 1: a recording proxy; argument 2: its environment. Later assignments go to the
   environment without being noted. */
int flk_stop_recording(lua_State *L);
/* Argument 1: a script environment. Pushes a table of its global Lua functions (C functions
   left out): name -> {parameters, vararg, defined}. */
int flk_global_functions(lua_State *L);
/* Message handler: turns the error object into {error=, file=, line=, prefix=, traceback=}. */
int flk_message_handler(lua_State *L);
/* Upvalue 1: the host function id. */
int flk_host_trampoline(lua_State *L);
/* Upvalue 1: a function that receives the formatted line (tab-separated, like Lua's print). */
int flk_print(lua_State *L);

/* ---- Shims for lua.h macros -------------------------------------------------------------- */

static inline flk_state *flk_from(lua_State *L) { return *(flk_state **)lua_getextraspace(L); }
static inline int flk_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int flk_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void flk_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void flk_newtable(lua_State *L) { lua_newtable(L); }
static inline const char *flk_tostring(lua_State *L, int i) { return lua_tostring(L, i); }
static inline int flk_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcall(L, nargs, nresults, msgh);
}
static inline void flk_call(lua_State *L, int nargs, int nresults) { lua_call(L, nargs, nresults); }
static inline int flk_isnil(lua_State *L, int i) { return lua_isnil(L, i); }
static inline int flk_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }
static inline int flk_isfunction(lua_State *L, int i) { return lua_isfunction(L, i); }
static inline int flk_istable(lua_State *L, int i) { return lua_istable(L, i); }
static inline void flk_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline void flk_insert(lua_State *L, int i) { lua_insert(L, i); }
static inline void flk_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline void flk_replace(lua_State *L, int i) { lua_replace(L, i); }
static inline lua_Integer flk_tointeger(lua_State *L, int i) { return lua_tointeger(L, i); }
static inline lua_Number flk_tonumber(lua_State *L, int i) { return lua_tonumber(L, i); }
static inline int flk_gc(lua_State *L, int what) { return lua_gc(L, what); }
static inline void flk_pushhostfunction(lua_State *L, lua_Integer id) {
    lua_pushinteger(L, id);
    lua_pushcclosure(L, flk_host_trampoline, 1);
}

#endif
