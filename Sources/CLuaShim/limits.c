/* The capped allocator and the count/deadline hook: the per-call limits of a LuaHost runtime. */
#include "CLuaShim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t flk_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void flk_hook(lua_State *L, lua_Debug *ar);

/* The hook runs every FLK_HOOK_PERIOD instructions while they are fast. */
enum { FLK_HOOK_PERIOD = 1000 };
/* Deadline checks are kept about this far apart (see flk_next_step). */
static const uint64_t flk_check_interval_ns = 1000000;

static void flk_record(flk_state *S, const char *source, int line) {
    if (S->trip_line != 0 || line <= 0 || source == NULL) return;
    snprintf(S->trip_source, sizeof S->trip_source, "%s", source);
    S->trip_line = line;
}

/* Appends one frame to the traceback kept for a limit that fired, as Lua writes its own. */
static void flk_append_frame(flk_state *S, size_t *used, const lua_Debug *ar) {
    size_t room = sizeof S->trip_traceback - *used;
    if (room <= 1) return;
    char *end = S->trip_traceback + *used;
    int written;
    if (ar->currentline > 0)
        written = snprintf(end, room, "\n\t%s:%d: in ", ar->short_src, ar->currentline);
    else
        written = snprintf(end, room, "\n\t%s: in ", ar->short_src);
    if (written < 0 || (size_t)written >= room) return;
    end += written;
    room -= (size_t)written;
    if (*ar->what == 'm')
        written = snprintf(end, room, "main chunk");
    else if (ar->name != NULL)
        written = snprintf(end, room, "function '%s'", ar->name);
    else if (*ar->what == 'C')
        written = snprintf(end, room, "?");
    else
        written = snprintf(end, room, "function <%s:%d>", ar->short_src, ar->linedefined);
    if (written < 0 || (size_t)written >= room) return;
    *used = (size_t)(end + written - S->trip_traceback);
}

/* Where the running script is: the innermost Lua function with a line, and the traceback a
   memory error cannot get from the message handler (Lua does not run it for one). Reads the
   stack only: it runs inside the allocator, where nothing may allocate. */
static void flk_record_stack(flk_state *S, lua_State *L) {
    if (S->trip_line != 0) return;
    lua_Debug ar;
    size_t used = (size_t)snprintf(S->trip_traceback, sizeof S->trip_traceback, "stack traceback:");
    for (int level = 0; level < 24 && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sln", &ar)) continue;
        if (ar.currentline > 0) flk_record(S, ar.source, ar.currentline);
        flk_append_frame(S, &used, &ar);
    }
}

/* A limit fired: from now on the hook runs before every instruction and raises each time. */
void flk_trip(flk_state *S, int kind) {
    if (S->tripped == FLK_TRIP_NONE) S->tripped = kind;
    lua_sethook(S->L, flk_hook, LUA_MASKCOUNT, 1);
}

static void flk_trip_memory(flk_state *S) {
    S->refused = 0;
    flk_record_stack(S, S->L);
    flk_trip(S, FLK_TRIP_MEMORY);
}

void flk_trip_here(lua_State *L, int kind) {
    flk_state *S = flk_from(L);
    flk_record_stack(S, L);
    flk_trip(S, kind);
}

static void *flk_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    flk_state *S = (flk_state *)ud;
    if (ptr == NULL) osize = 0; /* osize then tells the object type, not a size */
    if (nsize == 0) {
        free(ptr);
        S->used -= osize;
        return NULL;
    }
    if (nsize > osize && S->strict) {
        size_t growth = nsize - osize;
        int retry = S->refused && S->refused_block == ptr && S->refused_size == nsize;
        /* Lua answers a refusal with an emergency collection and asks again for the same
           block; any other request after a refusal means that refusal stood (it became an
           error), so the limit has fired. */
        if (S->refused && !retry) flk_trip_memory(S);
        if (S->tripped == FLK_TRIP_MEMORY) return NULL;
        if (S->cap != 0 && S->used + growth > S->cap) {
            if (retry) {
                flk_trip_memory(S);
            } else {
                flk_record_stack(S, S->L); /* kept only if this refusal stands */
                S->refused = 1;
                S->refused_block = ptr;
                S->refused_size = nsize;
            }
            return NULL;
        }
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    if (nsize > osize && S->strict && S->refused) {
        S->refused = 0;
        if (S->tripped == FLK_TRIP_NONE) {
            S->trip_line = 0;
            S->trip_traceback[0] = '\0';
        }
    }
    S->used = S->used - osize + nsize;
    return block;
}

static int flk_panic(lua_State *L) {
    const char *message = lua_tostring(L, -1);
    fprintf(stderr, "firmlink: unprotected Lua error: %s\n", message ? message : "(no message)");
    fflush(stderr);
    abort();
    return 0;
}

lua_State *flk_open(flk_state *S) {
    lua_State *L = lua_newstate(flk_alloc, S);
    if (L == NULL) return NULL;
    S->L = L;
    *(flk_state **)lua_getextraspace(L) = S;
    lua_atpanic(L, flk_panic);
    return L;
}

int flk_raise_tripped(lua_State *L) {
    switch (flk_from(L)->tripped) {
    case FLK_TRIP_INSTRUCTIONS: return luaL_error(L, "instruction limit reached");
    case FLK_TRIP_TIMEOUT: return luaL_error(L, "time limit reached");
    default: return luaL_error(L, "memory limit reached");
    }
}

/* The next hook period. An instruction can call a slow C function (a pattern match, a sort),
   and a thousand of them can take seconds: when a period took longer than the check interval,
   the next is shortened in proportion (down to every instruction), so the deadline is seen
   about one interval late at most, plus the slowest single call; fast periods grow it back. */
static int flk_next_step(int step, uint64_t elapsed_ns) {
    if (elapsed_ns > flk_check_interval_ns) {
        uint64_t scaled = (uint64_t)step * flk_check_interval_ns / elapsed_ns;
        return scaled < 1 ? 1 : (int)scaled;
    }
    if (elapsed_ns < flk_check_interval_ns / 10 && step < FLK_HOOK_PERIOD) {
        return step * 10 > FLK_HOOK_PERIOD ? FLK_HOOK_PERIOD : step * 10;
    }
    return step;
}

static void flk_hook(lua_State *L, lua_Debug *ar) {
    flk_state *S = flk_from(L);
    if (S->refused) flk_trip_memory(S);
    if (S->tripped == FLK_TRIP_NONE) {
        S->executed += (uint64_t)S->step;
        int step = S->step;
        if (S->budget != 0 && S->executed >= S->budget) {
            S->tripped = FLK_TRIP_INSTRUCTIONS;
        } else if (S->deadline_ns != 0) {
            uint64_t now = flk_now_ns();
            if (now >= S->deadline_ns) S->tripped = FLK_TRIP_TIMEOUT;
            step = flk_next_step(step, now - S->checked_ns);
            S->checked_ns = now;
        }
        if (S->tripped == FLK_TRIP_NONE) {
            if (S->budget != 0 && S->budget - S->executed < (uint64_t)step) step = (int)(S->budget - S->executed);
            if (step != S->step) {
                S->step = step;
                lua_sethook(L, flk_hook, LUA_MASKCOUNT, step);
            }
            return;
        }
        lua_sethook(L, flk_hook, LUA_MASKCOUNT, 1);
    }
    if (lua_getinfo(L, "Sl", ar)) flk_record(S, ar->source, ar->currentline);
    flk_raise_tripped(L);
}

/* Adds `instructions` to the count and raises when the budget is spent or, when `look_at_clock`,
   the deadline passed (or when a limit fired before); nothing while no call is armed. */
static inline void flk_spend(lua_State *L, uint64_t instructions, int look_at_clock) {
    flk_state *S = flk_from(L);
    if (!S->strict) return;
    if (S->tripped == FLK_TRIP_NONE) {
        S->executed += instructions;
        if (S->budget != 0 && S->executed >= S->budget) {
            flk_trip_here(L, FLK_TRIP_INSTRUCTIONS);
        } else if (look_at_clock && S->deadline_ns != 0 && flk_now_ns() >= S->deadline_ns) {
            flk_trip_here(L, FLK_TRIP_TIMEOUT);
        } else {
            return;
        }
    }
    flk_raise_tripped(L);
}

void flk_charge(lua_State *L, uint64_t instructions) { flk_spend(L, instructions, 1); }

void flk_count(lua_State *L, uint64_t instructions) { flk_spend(L, instructions, 0); }

void flk_extend_deadline(flk_state *S, uint64_t ns) {
    if (S->deadline_ns == 0) return;
    S->deadline_ns += ns;
    S->checked_ns += ns; /* the wait is not a slow period of instructions either */
}

void flk_arm(flk_state *S, uint64_t instructions, uint64_t timeout_ns, size_t memory) {
    S->tripped = FLK_TRIP_NONE;
    S->executed = 0;
    S->trip_line = 0;
    S->trip_source[0] = '\0';
    S->trip_traceback[0] = '\0';
    S->refused = 0;
    S->budget = instructions;
    S->cap = memory;
    S->checked_ns = flk_now_ns();
    S->deadline_ns = timeout_ns != 0 ? S->checked_ns + timeout_ns : 0;
    S->step = FLK_HOOK_PERIOD;
    if (instructions != 0 && instructions < FLK_HOOK_PERIOD) S->step = (int)instructions;
    if (instructions != 0 || timeout_ns != 0)
        lua_sethook(S->L, flk_hook, LUA_MASKCOUNT, S->step);
    else
        lua_sethook(S->L, NULL, 0, 0);
    S->strict = 1;
}

void flk_disarm(flk_state *S) {
    if (S->refused) flk_trip_memory(S);
    S->strict = 0;
    lua_sethook(S->L, NULL, 0, 0);
}
