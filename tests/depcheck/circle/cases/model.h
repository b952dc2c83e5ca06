/* Fixture: the domain including the store closes a circle. */
#include "store/store.h"
#include "util/buf.h"
