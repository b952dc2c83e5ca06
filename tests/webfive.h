/* SPDX-License-Identifier: ISC */
/*
 * The five-user web template shared by check_web.c (access, limits)
 * and check_webwork.c (the work itself): agency, clerk, two officers,
 * reviewer and administrator, three cases, five sessions; a copy
 * behind a server with small body limits (16 KiB form, 64 KiB upload).
 */
#ifndef TESTS_WEBFIVE_H
#define TESTS_WEBFIVE_H

struct web_config;

enum { U_CLERK, U_OFFICER, U_OFFICER2, U_REVIEWER, U_ADMIN, U__MAX };

void	 webfive_tmpl_setup(void);
void	 webfive_start(void (*tweak)(struct web_config *));
void	 webfive_setup(void);

#endif
