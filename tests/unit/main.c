// SPDX-License-Identifier: GPL-2.0-only
#include <stdlib.h>

#include "suites.h"

/*
 * Some tests check that a host fault kills them with SIGSEGV; the
 * sanitizer must not turn that into its own report and exit status.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "handle_segv=0";
}

int main(void)
{
	Suite *(*const suites[])(void) = {
		page_alloc_suite, slab_suite,  params_suite,  log_ring_suite,
		vsprintf_suite,	  parse_suite, hostlib_suite, uapi_suite,
		radix_tree_suite,
	};
	SRunner *sr = srunner_create(NULL);
	size_t i;
	int failed;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
