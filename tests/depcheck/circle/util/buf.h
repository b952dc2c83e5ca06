/* Fixture. */
#include <stddef.h>
