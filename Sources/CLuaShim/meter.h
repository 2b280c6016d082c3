#ifndef FIRMLINK_CLUASHIM_METER_H
#define FIRMLINK_CLUASHIM_METER_H

/*
 * Counting the work of one C library call toward the call's limits.
 *
 * A function that loops in C (matching a pattern, copying a repeated string) counts its steps
 * on a meter: a decrement per step, nothing else. Every FLK_METER_BATCH steps the batch is
 * charged to the instruction budget and the deadline is checked (flk_charge), which raises the
 * limit error when one fired; the steps left over when the call ends are charged to the budget
 * alone (flk_count), so a short call never reads the clock.
 */

#include "CLuaShim.h"

/* Steps between two looks at the budget and the clock: some microseconds of work. */
enum { FLK_METER_BATCH = 4096 };

/* Bytes compared or copied that count as one step. */
enum { FLK_BYTES_PER_STEP = 64 };

typedef struct flk_meter {
    lua_State *L;
    int left; /* steps before the next look */
} flk_meter;

static inline void flk_meter_start(flk_meter *m, lua_State *L) {
    m->L = L;
    m->left = FLK_METER_BATCH;
}

/* Charges the steps counted so far, and `more`, and checks the deadline. */
static inline void flk_meter_look(flk_meter *m, size_t more) {
    uint64_t steps = (uint64_t)(FLK_METER_BATCH - m->left) + (uint64_t)more;
    m->left = FLK_METER_BATCH;
    flk_charge(m->L, steps);
}

static inline void flk_meter_step(flk_meter *m) {
    if (--m->left <= 0) flk_meter_look(m, 0);
}

static inline void flk_meter_add(flk_meter *m, size_t steps) {
    if (steps >= (size_t)m->left)
        flk_meter_look(m, steps);
    else
        m->left -= (int)steps;
}

/* Work on `bytes` bytes (a comparison, a copy): one step, and one more per FLK_BYTES_PER_STEP. */
static inline void flk_meter_bytes(flk_meter *m, size_t bytes) {
    flk_meter_add(m, 1 + bytes / FLK_BYTES_PER_STEP);
}

/* The call is done: the steps of its last, partial batch go to the budget. */
static inline void flk_meter_end(flk_meter *m) {
    flk_count(m->L, (uint64_t)(FLK_METER_BATCH - m->left));
    m->left = FLK_METER_BATCH;
}

#endif
