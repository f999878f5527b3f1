/*
 * welcome.c: the screen shown while there are no subscriptions: how to
 * add a feed, load the bundled sample (Enter, handled with the actions),
 * get help or quit.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui_private.h"

static void
welcome_layout(struct ui *ui, int rows, int cols)
{
	(void)ui;
	(void)rows;
	(void)cols;
}

/* The first of the keys listed in buf ("Enter, l" -> "Enter"). */
static const char *
first_key(char *buf)
{
	char *comma = strchr(buf, ',');

	if (comma != NULL)
		*comma = '\0';
	return buf;
}

static void
welcome_draw(struct ui *ui, int top, int rows, int cols)
{
	char add[64], sample[64], quit[64], help[64];
	char l1[160], l2[160], l3[160], l4[160];
	const char *lines[] = {
		"Welcome to tidings.", "", "You have no subscriptions yet.", "",
		l1, l2, l3, l4
	};

	ui_keys_for(ui, CONF_ACT_ADD_FEED, add, sizeof(add));
	ui_keys_for(ui, CONF_ACT_OPEN, sample, sizeof(sample));
	ui_keys_for(ui, CONF_ACT_BACK, quit, sizeof(quit));
	ui_keys_for(ui, CONF_ACT_HELP, help, sizeof(help));
	snprintf(l1, sizeof(l1), "  %-8s add a feed by its URL (or a site's)", first_key(add));
	snprintf(l2, sizeof(l2), "  %-8s load the bundled NewsFactor sample feeds",
	    first_key(sample));
	snprintf(l3, sizeof(l3), "  %-8s all the keys", first_key(help));
	snprintf(l4, sizeof(l4), "  %-8s quit", first_key(quit));
	for (int i = 0; i < rows && (size_t)i < sizeof(lines) / sizeof(lines[0]); i++)
		ui_put(ui, top + i, 1, cols - 1, lines[i],
		    i == 0 ? ui->attr[CONF_EL_HEADING] : ui->attr[CONF_EL_NORMAL]);
}

static bool
welcome_action(struct ui *ui, enum conf_action a)
{
	/* Enter (load the sample) is an action: actions.c sees it. */
	switch (a) {
	case CONF_ACT_BACK:
		/* The top screen: only q (not Esc, Left, h) quits. */
		if (!ui_key_back_only(ui->key))
			ui->quit = true;
		return true;
	default:
		return false;
	}
}

static void
welcome_title(struct ui *ui, char *buf, size_t size)
{
	(void)ui;
	snprintf(buf, size, "tidings %s", PACKAGE_VERSION);
}

const struct screen ui_welcome_screen = {
	"welcome", welcome_layout, welcome_draw, welcome_action, NULL, welcome_title
};
