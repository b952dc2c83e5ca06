/* SPDX-License-Identifier: ISC */
/*
 * The Check runner: every tests/check_<module>.c defines one
 * <module>_suite(); the build collects them into suites.inc.
 */
#include <check.h>
#include <stdlib.h>

#define SUITE(f) Suite *f(void);
#include "tests/suites.inc"
#undef SUITE

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(NULL);
#define SUITE(f) srunner_add_suite(sr, f());
#include "tests/suites.inc"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
