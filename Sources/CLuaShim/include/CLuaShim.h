#ifndef FIRMLINK_CLUASHIM_H
#define FIRMLINK_CLUASHIM_H
#include <lua5.4/lua.h>
#endif
