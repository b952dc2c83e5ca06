/* SPDX-License-Identifier: ISC */
/* The equivalence fixture of check_ops.c (see opsfix.c). */
#ifndef TESTS_OPSFIX_H
#define TESTS_OPSFIX_H

/* The template's users, by index (wf_csrf, wf_tok). */
enum { U_CLERK, U_OFFICER, U_REVIEWER, OF_USERS };

/* A driver does one scenario through one interface; a refusal driver
 * returns what the user saw (page body, API body, CLI output). */
typedef void	 driver(void);
typedef char	*rdriver(void);

void		 of_tmpl_setup(void);
void		 of_setup(void);
void		 of_restart(void);
int		 of_page_post(const char *path, int user, char **body, ...);
int		 of_api_post(const char *path, int user, const char *json,
		    char **body);
int		 of_cli(char **out, int user, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
char		*of_api_message(const char *body);
const char	*of_first_diff(const char *a, const char *b);
char		*of_same_state(driver *page, driver *api, driver *cli);
void		 of_same_refusal(rdriver *page, rdriver *api, rdriver *cli);

#endif
