/* SPDX-License-Identifier: ISC */
/* The server's reminder thread (web/notifier.c). */
#ifndef WEB_NOTIFIER_H
#define WEB_NOTIFIER_H

struct notifier;
struct web;

struct notifier	*notifier_start(struct web *, const char *dbpath,
		    int first_secs);
void		 notifier_stop(struct notifier *);

#endif
