#ifndef FIRMLINK_CHARU_SHIM_H
#define FIRMLINK_CHARU_SHIM_H
#include <hpdf.h>
#endif
