/*
 * fuzz_greader: the Google Reader backend's readers of server answers (the
 * items' contents, the subscription list, the id lists -- new since a mark,
 * unread --, the login and token answers) on arbitrary bytes, as the engine hands them over: a finished
 * 200 response. The first byte picks the reader; the rest is the body.
 * Whatever is accepted must be sane: ids parsed, strings valid UTF-8 and
 * free of control characters where they are labels.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync.h"
#include "text.h"

#define FUZZ_MAX (1u << 20)	/* bytes of input tried */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A label must be valid UTF-8 without C0 controls. */
static void
check_label(const char *s)
{
	if (s == NULL)
		return;
	if (!utf8_valid(s, strlen(s)))
		abort();
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			abort();
}

static void
run_contents(void *b, const struct fetch_response *r)
{
	static const int64_t asked[] = { 1796527444853215LL };
	struct sync_request next = { 0 };
	struct sync_items l = { 0 };
	enum sync_result res = SYNC_OK;
	char *err = NULL;
	size_t i;

	if (sync_greader.contents(b, asked, 1, r, &next, &l, &res, &err) ==
	    SYNC_STEP_DONE) {
		for (i = 0; i < l.n; i++) {
			check_label(l.v[i].item.title);
			check_label(l.v[i].feed);
			if (l.v[i].item.id == NULL || l.v[i].rating < 0 ||
			    l.v[i].rating > 5)
				abort();
		}
	} else if (err == NULL)
		abort();	/* a failure always says why */
	sync_items_free(&l);
	sync_request_clear(&next);
	free(err);
}

static void
run_subscriptions(void *b, const struct fetch_response *r)
{
	struct sync_request next = { 0 };
	struct sync_feeds l = { 0 };
	enum sync_result res = SYNC_OK;
	char *err = NULL;
	size_t i, j;

	if (sync_greader.subscriptions(b, r, &next, &l, &res, &err) ==
	    SYNC_STEP_DONE) {
		for (i = 0; i < l.n; i++) {
			if (l.v[i].id == NULL || l.v[i].url == NULL)
				abort();
			check_label(l.v[i].title);
			for (j = 0; j < l.v[i].nfolders; j++)
				check_label(l.v[i].folders[j]);
		}
	} else if (err == NULL)
		abort();
	sync_feeds_free(&l);
	sync_request_clear(&next);
	free(err);
}

/* the unread ids (new: false) or the ids since a mark (true) */
static void
run_ids(void *b, const struct fetch_response *r, bool new)
{
	struct sync_request next = { 0 };
	struct sync_ids l = { 0 };
	enum sync_result res = SYNC_OK;
	char *err = NULL;
	enum sync_step st = new ?
	    sync_greader.item_ids(b, 1, NULL, r, &next, &l, &res, &err) :
	    sync_greader.ids(b, SYNC_SET_UNREAD, 0, NULL, r, &next, &l, &res, &err);

	if (st != SYNC_STEP_DONE && err == NULL)
		abort();
	if (st == SYNC_STEP_DONE)
		check_label(l.continuation);
	sync_ids_free(&l);
	sync_request_clear(&next);
	free(err);
}

static void
run_login(void *b, const struct fetch_response *r)
{
	struct sync_request next = { 0 };
	enum sync_result res = SYNC_OK;
	char *err = NULL;

	/* the answer to ClientLogin, then the same bytes as the token */
	if (sync_greader.login(b, NULL, &next, &res, &err) != SYNC_STEP_MORE)
		abort();
	sync_request_clear(&next);
	if (sync_greader.login(b, r, &next, &res, &err) == SYNC_STEP_MORE) {
		sync_request_clear(&next);
		(void)sync_greader.login(b, r, &next, &res, &err);
	}
	sync_request_clear(&next);
	free(err);
}

/* The tag list, for the rating labels (a login's answer is one more
 * text of the same shape: both read the same body). */
static void
run_rating_labels(void *b, const struct fetch_response *r)
{
	struct sync_request next;
	enum sync_result res = SYNC_OK;
	char *err = NULL;
	unsigned mask = 0;

	memset(&next, 0, sizeof(next));
	if (sync_greader.rating_labels(b, r, &next, &mask, &res, &err) ==
	    SYNC_STEP_DONE && (mask & ~0x3eu) != 0)
		abort();	/* only labels 1..5 */
	sync_request_clear(&next);
	free(err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sync_config c = {
		.kind = SYNC_GREADER, .url = "https://rss.example.org/api/greader.php",
		.user = "alice", .password = "pw",
	};
	struct fetch_response r;
	void *b;

	if (size < 1 || size > FUZZ_MAX)
		return 0;
	memset(&r, 0, sizeof(r));
	r.result = FETCH_OK;
	r.status = 200;
	tbuf_init(&r.body, FUZZ_MAX);
	if (!tbuf_add(&r.body, data + 1, size - 1))
		abort();
	b = sync_greader.new(&c);
	switch (data[0] % 5) {
	case 0:
		run_contents(b, &r);
		break;
	case 1:
		run_subscriptions(b, &r);
		break;
	case 2:
		run_ids(b, &r, false);
		break;
	case 4:
		run_ids(b, &r, true);
		break;
	default:
		run_login(b, &r);
		run_rating_labels(b, &r);
		break;
	}
	sync_greader.free(b);
	tbuf_free(&r.body);
	return 0;
}
