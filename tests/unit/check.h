/*
 * check.h: the one set of checks the unit tests share. A unit test is a
 * small program (tests/unit/test_MODULE.c) that runs its cases, counts the
 * failures with CHECK/CHECKF, and ends with `return check_finish();`, which
 * prints the count and returns the exit status automake's harness reads.
 *
 *	CHECK(x == 1);                       prints the condition that failed
 *	CHECKF(x == 1, "row %zu: %d", i, x);  prints a message of its own
 *	CHECK_STR(got, "want");              prints both strings (NULL-safe)
 */
#ifndef TIDINGS_TEST_CHECK_H
#define TIDINGS_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "FAIL %s:%d: %s: %s\n", __FILE__, __LINE__, \
		    __func__, #cond); \
		check_failures++; \
	} \
} while (0)

#define CHECKF(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, __func__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		check_failures++; \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *check_g_ = (got), *check_w_ = (want); \
	if ((check_g_ == NULL) != (check_w_ == NULL) || \
	    (check_g_ != NULL && strcmp(check_g_, check_w_) != 0)) { \
		fprintf(stderr, "FAIL %s:%d: %s: %s\n  got:  %s%s%s\n  want: %s%s%s\n", \
		    __FILE__, __LINE__, __func__, #got, \
		    check_g_ ? "\"" : "", check_g_ ? check_g_ : "NULL", \
		    check_g_ ? "\"" : "", check_w_ ? "\"" : "", \
		    check_w_ ? check_w_ : "NULL", check_w_ ? "\"" : ""); \
		check_failures++; \
	} \
} while (0)

/* Print the failure count (when any) and return the exit status. */
static inline int
check_finish(void)
{
	if (check_failures != 0) {
		fprintf(stderr, "%d failure(s)\n", check_failures);
		return 1;
	}
	return 0;
}

#endif
