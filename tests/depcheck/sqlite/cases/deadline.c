/* Fixture: a domain file including sqlite3.h. */
#include <sqlite3.h>
#include "util/buf.h"
