/* SPDX-License-Identifier: ISC */
/* Lookup of the compiled-in static files (see static.h). */
#include <string.h>

#include "web/static.h"

/* The asset served as /static/name, or NULL. */
const struct web_asset *
web_asset_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < web_assets_count; i++)
		if (strcmp(web_assets[i].name, name) == 0)
			return &web_assets[i];
	return NULL;
}
