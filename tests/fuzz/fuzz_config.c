/*
 * fuzz_config: the config file parser (conf_parse) on arbitrary bytes, and
 * the key and action name tables on the input's first word. Besides the
 * sanitizers it checks what the UI relies on:
 * - every value stays in its documented range (max-parallel
 *   1..CONF_MAX_PARALLEL, refresh-interval up to CONF_MAX_INTERVAL, colors
 *   -1..255, known actions and attributes), with at most CONF_MAX_BINDINGS
 *   bindings and CONF_MAX_ERRORS errors;
 * - error messages, shown on the screen, start with the file name and hold
 *   no control character; a browser line gives a command;
 * - a key's name parses back to the key.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

#define FUZZ_MAX (64u << 10)	/* bytes of input tried */
#define FUZZ_WORD_MAX 64	/* bytes of the first word tried as a name */
#define FUZZ_NAME "fuzz.conf"
#define ALL_ATTRS (CONF_ATTR_BOLD | CONF_ATTR_UNDERLINE | CONF_ATTR_REVERSE | \
	CONF_ATTR_DIM | CONF_ATTR_ITALIC | CONF_ATTR_BLINK | CONF_ATTR_STANDOUT)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (*p < ' ' || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			abort();
}

static bool
key_valid(int key)
{
	return (key >= 0 && key <= 0x10ffff) || key >= CONF_KEY_FUNC;
}

static void
check_key_name(int key)
{
	char buf[CONF_KEY_NAME_MAX];

	if (!key_valid(key))
		abort();
	conf_key_name(key, buf);
	if (memchr(buf, '\0', sizeof(buf)) == NULL)
		abort();
	if (conf_key_parse(buf) != key)
		abort();
}

static void
check_conf(const struct conf *c)
{
	size_t i;

	if (c->nbindings > CONF_MAX_BINDINGS || c->nerrors > CONF_MAX_ERRORS)
		abort();
	if (c->max_parallel < 1 || c->max_parallel > CONF_MAX_PARALLEL)
		abort();
	if (c->refresh_interval > CONF_MAX_INTERVAL)
		abort();
	for (i = 0; i < c->nbindings; i++) {
		if ((unsigned)c->bindings[i].action >= CONF_ACT_COUNT)
			abort();
		check_key_name(c->bindings[i].key);
	}
	for (i = 0; i < CONF_EL_COUNT; i++) {
		const struct conf_color *k = &c->colors[i];

		if (k->fg < -1 || k->fg > 255 || k->bg < -1 || k->bg > 255 ||
		    (k->attrs & ~(unsigned)ALL_ATTRS) != 0)
			abort();
	}
	/* a browser line gives a command (maybe "": it then fails to run,
	 * with a message, when a link is opened) */
	if (c->browser != NULL && c->browser[0] == NULL)
		abort();
	for (i = 0; i < c->nerrors; i++) {
		if (strncmp(c->errors[i], FUZZ_NAME ":", strlen(FUZZ_NAME ":")) != 0)
			abort();
		check_clean(c->errors[i]);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf c;
	char word[FUZZ_WORD_MAX + 1];
	enum conf_action a;
	size_t k;
	int key;

	if (size > FUZZ_MAX)
		return 0;
	conf_parse(&c, (const char *)data, size, FUZZ_NAME);
	check_conf(&c);
	conf_clear(&c);

	for (k = 0; k < size && k < FUZZ_WORD_MAX && data[k] != ' ' &&
	    data[k] != '\n' && data[k] != '\0'; k++)
		word[k] = (char)data[k];
	word[k] = '\0';
	if ((key = conf_key_parse(word)) != CONF_KEY_NONE)
		check_key_name(key);
	if ((a = conf_action_parse(word)) != CONF_ACT_NONE &&
	    conf_action_parse(conf_action_name(a)) != a)
		abort();
	return 0;
}
