/* SPDX-License-Identifier: ISC */
/* Static files compiled into the binary (web/embed-static.sh). */
#ifndef WEB_STATIC_H
#define WEB_STATIC_H

#include <stddef.h>

struct web_asset {
	const char	*name;		/* served as /static/NAME */
	const char	*ctype;
	const char	*data;
	size_t		 len;
};

extern const struct web_asset web_assets[];
extern const size_t web_assets_count;

const struct web_asset *web_asset_find(const char *name);

#endif
