/*
 * html/tables.c: tables: telling a data table from layout, collecting its
 * cells, and laying them out side by side or one under another.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "html.h"
#include "html_private.h"
#include "text.h"

/* ---- tables -------------------------------------------------------------- */

static bool
is_layout_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_UL:
	case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_H1:
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HR:
	case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_FIGURE:
		return true;
	default:
		return false;
	}
}

/* A data table has cells of inline content and more than one column;
 * anything else holds page layout and is rendered as blocks. */
static bool
is_data_table(GumboNode *table)
{
	GumboNode *stack[HTML_MAX_DEPTH];
	unsigned idx[HTML_MAX_DEPTH];
	size_t depth = 0, seen = 0, maxcols = 0;

	stack[0] = table;
	idx[0] = 0;
	depth = 1;
	while (depth > 0) {
		GumboNode *n = stack[depth - 1];
		GumboNode *c;

		if (idx[depth - 1] >= n->v.element.children.length) {
			depth--;
			continue;
		}
		c = n->v.element.children.data[idx[depth - 1]++];
		if (c->type != GUMBO_NODE_ELEMENT)
			continue;
		if (++seen > TABLE_SCAN_MAX)
			return false;
		if (is_layout_block(c->v.element.tag))
			return false;
		if (c->v.element.tag == GUMBO_TAG_TR) {
			size_t i, cols = 0;

			for (i = 0; i < c->v.element.children.length; i++) {
				GumboNode *t = c->v.element.children.data[i];

				cols += t->type == GUMBO_NODE_ELEMENT &&
				    (t->v.element.tag == GUMBO_TAG_TD ||
				    t->v.element.tag == GUMBO_TAG_TH);
			}
			if (cols > maxcols)
				maxcols = cols;
		}
		if (depth < HTML_MAX_DEPTH) {
			stack[depth] = c;
			idx[depth++] = 0;
		}
	}
	return maxcols > 1;
}

bool
html_start_table(struct render *r, GumboElement *el, struct visit *v)
{
	enum table_mode mode;

	(void)el;
	if (r->ntables > HTML_MAX_DEPTH)
		return true;
	if (r->table != NULL)
		mode = T_INNER;
	else if (is_data_table(v->node)) {
		mode = T_COLLECT;
		html_block_break(r, BRK_BLANK);
		r->table = xcalloc(1, sizeof(*r->table));
		html_flow_init(&r->table->caption);
		r->cur = NULL;
	} else {
		mode = T_LAYOUT;
		html_block_break(r, BRK_BLANK);
	}
	r->tmodes[r->ntables++] = (unsigned char)mode;
	v->flags |= V_TABLE;
	return true;
}

static enum table_mode
table_mode(const struct render *r)
{
	return r->ntables > 0 ? r->tmodes[r->ntables - 1] : T_LAYOUT;
}

bool
html_start_caption(struct render *r, GumboElement *el, struct visit *v)
{
	(void)el;
	if (table_mode(r) == T_COLLECT && r->table != NULL) {
		r->cur = &r->table->caption;
		v->flags |= V_CELL;
	} else
		html_block_break(r, BRK_LINE);
	return true;
}

bool
html_start_row(struct render *r, GumboElement *el, struct visit *v)
{
	struct table *t = r->table;

	(void)el;
	(void)v;
	switch (table_mode(r)) {
	case T_COLLECT:
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 8;
			t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
		}
		memset(&t->rows[t->n++], 0, sizeof(*t->rows));
		break;
	case T_INNER:
		html_block_break(r, BRK_NONE);
		break;
	case T_LAYOUT:
		html_block_break(r, BRK_BLANK);
		break;
	}
	return true;
}

/* Cells of a layout table are blocks: one per line, a blank between rows. */
bool
html_start_cell(struct render *r, GumboElement *el, struct visit *v)
{
	struct table *t = r->table;
	struct row *row;
	struct cell *c;

	(void)el;
	switch (table_mode(r)) {
	case T_COLLECT:
		if (t->n == 0)
			html_start_row(r, el, v);
		row = &t->rows[t->n - 1];
		if (row->n == row->cap) {
			row->cap = row->cap ? row->cap * 2 : 4;
			row->cells = xreallocarray(row->cells, row->cap,
			    sizeof(*row->cells));
		}
		c = &row->cells[row->n++];
		html_flow_init(&c->f);
		c->header = v->node->v.element.tag == GUMBO_TAG_TH;
		r->cur = &c->f;
		v->flags |= V_CELL;
		break;
	case T_INNER:
		html_block_break(r, BRK_NONE);
		break;
	case T_LAYOUT:
		html_block_break(r, BRK_LINE);
		break;
	}
	return true;
}

void
html_end_cell(struct render *r, struct visit *v)
{
	if (v->flags & V_CELL) {
		html_flow_trim(r->cur);
		r->cur = NULL;
	} else
		html_block_break(r, table_mode(r) == T_LAYOUT ? BRK_LINE : BRK_NONE);
}

/* One line of a table: cells padded to their columns. */
static void
put_table_row(struct render *r, const struct row *row, const size_t *colw,
    size_t ncols, bool show)
{
	struct flow *f = &r->scratch;
	const char *sep = r->text_mode ? " | " : "  ";
	size_t i, last = row->n, w;

	html_flow_clear(f);
	while (last > 0 && row->cells[last - 1].f.text.len == 0)
		last--;
	for (i = 0; i < last && i < ncols; i++) {
		const struct cell *c = &row->cells[i];

		if (i > 0)
			html_flow_add(f, sep, strlen(sep), HTML_PLAIN);
		html_flow_copy(f, &c->f, 0, c->f.text.len, c->header ? HTML_BOLD : 0);
		if (r->text_mode || i + 1 == last)
			continue;
		for (w = html_width_of(c->f.text.ptr, c->f.text.len); w < colw[i]; w++)
			html_flow_add(f, " ", 1, HTML_PLAIN);
	}
	if (f->text.len > 0)
		html_put_line(r, f, 0, f->text.len, show);
}

static void
put_table(struct render *r, struct table *t)
{
	size_t colw[TABLE_MAX_COLS], ncols = 0, total = 0, i, j, room;
	bool show, side = true, head;

	memset(colw, 0, sizeof(colw));
	for (i = 0; i < t->n; i++) {
		if (t->rows[i].n > TABLE_MAX_COLS)
			side = false;
		for (j = 0; j < t->rows[i].n && j < TABLE_MAX_COLS; j++) {
			size_t w = html_width_of(t->rows[i].cells[j].f.text.ptr,
			    t->rows[i].cells[j].f.text.len);

			if (w > colw[j])
				colw[j] = w;
			if (j + 1 > ncols)
				ncols = j + 1;
		}
	}
	for (j = 0; j < ncols; j++)
		total += colw[j] + (j > 0 ? 2 : 0);
	html_flush_flow(r, &t->caption);
	room = html_text_room(r, &show);
	if (room > 0 && total > room)
		side = false;
	if (side) {
		for (i = 0; i < t->n; i++) {
			if (t->rows[i].n == 0)
				continue;
			html_put_pending(r);
			put_table_row(r, &t->rows[i], colw, ncols, show);
		}
		return;
	}
	/* Too wide: each row a block of "header: cell" paragraphs. */
	head = t->n > 1 && t->rows[0].n > 0;
	for (j = 0; head && j < t->rows[0].n; j++)
		head = t->rows[0].cells[j].header;
	for (i = head ? 1 : 0; i < t->n; i++) {
		for (j = 0; j < t->rows[i].n; j++) {
			struct cell *c = &t->rows[i].cells[j];
			struct flow *f = &r->para;

			if (c->f.text.len == 0)
				continue;
			if (head && j < t->rows[0].n &&
			    t->rows[0].cells[j].f.text.len > 0) {
				const struct flow *h = &t->rows[0].cells[j].f;

				html_flow_copy(f, h, 0, h->text.len, HTML_BOLD);
				html_flow_add(f, ": ", 2, HTML_BOLD);
			}
			html_flow_copy(f, &c->f, 0, c->f.text.len,
			    c->header ? HTML_BOLD : 0);
			html_flush_flow(r, f);
			r->brk = BRK_LINE;
		}
		r->brk = BRK_BLANK;
		r->brk_frames = r->nframes;
	}
}

void
html_table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			html_flow_free(&t->rows[i].cells[j].f);
		free(t->rows[i].cells);
	}
	free(t->rows);
	html_flow_free(&t->caption);
	free(t);
}

void
html_end_table(struct render *r, struct visit *v)
{
	enum table_mode mode;

	if (!(v->flags & V_TABLE))
		return;
	mode = (enum table_mode)r->tmodes[--r->ntables];
	if (mode == T_COLLECT) {
		struct table *t = r->table;

		r->table = NULL;
		r->cur = &r->para;
		put_table(r, t);
		html_table_free(t);
		html_block_break(r, BRK_BLANK);
	} else if (mode == T_LAYOUT)
		html_block_break(r, BRK_BLANK);
	else
		html_block_break(r, BRK_NONE);
}
