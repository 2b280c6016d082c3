/* The bounded pattern matcher shared by the string functions in patterns.c. Not exported. */
#ifndef FIRMLINK_PATTERN_MATCH_H
#define FIRMLINK_PATTERN_MATCH_H

#include "CLuaShim.h"

#include <stddef.h>

#define FLK_MAXCAPTURES 32

typedef struct {
    const char *src_init, *src_end, *p_end;
    lua_State *L;
    int depth, level;
    size_t pending;
    struct {
        const char *init;
        ptrdiff_t len;
    } capture[FLK_MAXCAPTURES];
} flk_match_state;

/* Charges `work` steps to the call's limits (raising when one fires). */
void flk_match_count(flk_match_state *ms, size_t work);
/* Where pattern `p` matches at `s`: the end of the match, or NULL. */
const char *flk_match_at(flk_match_state *ms, const char *s, const char *p);
void flk_match_prepare(flk_match_state *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp);
void flk_match_restart(flk_match_state *ms);
void flk_match_push_capture(flk_match_state *ms, int i, const char *s, const char *e);
/* The captures, or the whole match when there are none (and `s` is given). */
int flk_match_push_captures(flk_match_state *ms, const char *s, const char *e);

#endif
