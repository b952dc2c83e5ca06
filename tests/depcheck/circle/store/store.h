/* Fixture: the store includes the domain. */
#include "cases/model.h"
