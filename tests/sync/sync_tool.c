/*
 * sync_tool: what the reader does, from a shell test, through the store's
 * own functions (so the pending changes are queued exactly as the TUI
 * queues them):
 *	sync_tool DB read|unread|star|unstar ITEM_ROWID
 *	sync_tool DB rate ITEM_ROWID N		(0 clears)
 *	sync_tool DB markall FEED_ROWID		(0: every feed)
 *	sync_tool DB pending			prints the pending changes,
 *						one "kind item_sid value" a line
 * Exit 0, or 1 with the store's message.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static int
usage(void)
{
	fputs("usage: sync_tool DB read|unread|star|unstar|rate|markall|pending "
	    "[ROWID [N]]\n", stderr);
	return 2;
}

static int
print_pending(struct store *st)
{
	struct store_changes l;
	size_t i;

	if (store_pending_changes(st, 0, &l) != STORE_OK)
		return 1;
	for (i = 0; i < l.n; i++)
		printf("%d %lld %lld\n", (int)l.v[i].kind,
		    (long long)l.v[i].item_sid, l.v[i].value);
	store_changes_free(&l);
	return 0;
}

int
main(int argc, char **argv)
{
	struct store *st;
	enum store_result r;
	char *why;
	int64_t id;
	int rc;

	if (argc < 3)
		return usage();
	if (store_open(argv[1], &st, &why) != STORE_OK) {
		fprintf(stderr, "sync_tool: %s\n", why);
		free(why);
		return 1;
	}
	if (strcmp(argv[2], "pending") == 0) {
		rc = print_pending(st);
		store_close(st);
		return rc;
	}
	if (argc < 4) {
		store_close(st);
		return usage();
	}
	id = strtoll(argv[3], NULL, 10);
	if (strcmp(argv[2], "read") == 0 || strcmp(argv[2], "unread") == 0)
		r = store_set_read(st, id, argv[2][0] == 'r');
	else if (strcmp(argv[2], "star") == 0 || strcmp(argv[2], "unstar") == 0)
		r = store_set_starred(st, id, argv[2][0] == 's');
	else if (strcmp(argv[2], "rate") == 0 && argc == 5)
		r = store_set_rating(st, id, atoi(argv[4]));
	else if (strcmp(argv[2], "markall") == 0)
		r = store_mark_all_read(st, id, NULL);
	else {
		store_close(st);
		return usage();
	}
	if (r != STORE_OK)
		fprintf(stderr, "sync_tool: %s: %s\n", store_strerror(r),
		    store_errmsg(st));
	store_close(st);
	return r == STORE_OK ? 0 : 1;
}
