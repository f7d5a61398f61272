// SPDX-License-Identifier: GPL-2.0
/*
 * user_bench: our objpool (objpool/), under the names oot-names.h gives
 * it, so that upstream's objpool can be linked next to it.
 */
#include "objpool.h"

#define UB_OBJPOOL_NAME	"ours"
#define UB_OBJPOOL_VAR	ub_pool_ours
#include "ub_objpool.h"
