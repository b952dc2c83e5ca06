/* SPDX-License-Identifier: ISC */
/* The five-user web template (tests/webfive.h). */
#include "tests/webfive.h"
#include "tests/webfix.h"

static const struct wf_user users[U__MAX] = {
	{ "clerk", "clerk" },
	{ "officer", "officer" },
	{ "officer2", "officer" },
	{ "reviewer", "reviewer" },
	{ "admin", "admin" },
};

/* The template: agency, five users, three cases, five sessions. */
void
webfive_tmpl_setup(void)
{
	wf_tmpl_setup(users, U__MAX, "post");
}

/* A copy of the template behind a server with small body limits. */
void
webfive_start(void (*tweak)(struct web_config *))
{
	wf_start(16 * 1024, 64 * 1024, tweak);
}

void
webfive_setup(void)
{
	webfive_start(NULL);
}
