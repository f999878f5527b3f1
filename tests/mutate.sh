#!/bin/sh
# tests/mutate.sh [-l] [NAME...]: mutation testing. Each mutation below is a
# small, deliberate break of a rule the project promises (the sanitiser lets
# ESC through, the urls file is written in place, a transaction is dropped,
# a limit is switched off...). The script copies the source tree to a scratch
# folder (the working tree is never touched), builds it once, then applies
# each mutation alone, rebuilds, and runs the tests named for it, in order,
# until one fails. A mutation no test kills is a missing test.
#
#   -l        list the mutations and exit
#   NAME...   run only these (default: all)
#
# Environment: MUTATE_DIR (the scratch folder; default a new one under
# $TMPDIR, removed at the end), TIDINGS_SHARED (the shared corpora, passed
# on to make check), MUTATE_JOBS (make -j, default 2), MUTATE_TIMEOUT
# (seconds for one test, default 900: a mutation may make a test hang).
# Prints one row per mutation: NAME, FILE, then "killed by TEST",
# SURVIVED, "NOT APPLIED" (its pattern no longer matches: rewrite the
# mutation for the new code) or "BUILD FAILED". Exits 1 unless every
# mutation run was killed; under a killed one, the line of the test's log
# that failed. Run by `make mutate`, never by `make check`.
#
# A mutation is one perl substitution over a whole file (perl -0777), so a
# pattern may span lines; keep each one narrow (one function, one line)
# so that unrelated edits to the file leave it valid.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
jobs=${MUTATE_JOBS:-2}
limit=${MUTATE_TIMEOUT:-900}

# NAME~FILES~PERL SUBSTITUTION~TESTS. FILES: where the code may live (a
# module being split), the first the substitution changes is mutated.
# TESTS: tried in order, the test aimed at the behaviour first.
mutations() {
	cat <<'EOF'
urls-saved-in-place~src/subs.c~s/\(fd = mkstemp\(tmp\)\) < 0/(fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0/; s/ok = ok && rename\(tmp, target\) == 0;//~tests/unit/test_subs tests/attack/urls.sh
refresh-sends-no-etag~src/refresh.c~s/v\.etag = etag;/v.etag = NULL;/~tests/cli/refresh_api.sh tests/cli/refresh_http.sh
readable-sponsor-likely~src/readable/match.c~s/("social", )"sponsor", /$1/~tests/unit/test_readable tests/cli/read_corpus.sh
readable-no-conditional-cleaning~src/readable/clean.c~s/if \(!\(g->flags & FLAG_CLEAN_CONDITIONALLY\)\)/if (1)/~tests/cli/read_corpus.sh tests/unit/test_readable
ui-n-does-nothing~src/ui/items.c~s/if \(!ui_items_next_unread\(ui, a == CONF_ACT_NEXT_UNREAD \? 1 : -1\) &&\s+\(a != CONF_ACT_NEXT_UNREAD \|\| !ui_items_next_feed\(ui\)\)\)/if (0)/~tests/tui/keys.sh tests/tui/next_feed.sh
ui-sanitiser-raw~src/ui/draw.c~s/return text_sanitize_line\(s\);/return xstrdup(s);/~tests/tui/hostile.sh tests/attack/terminal.sh
refresh-no-transaction~src/store.c~s/if \(\(r = exec\(st, "BEGIN IMMEDIATE"\)\) != STORE_OK\)\n\t\treturn r;\n(\tif \(\(r = feed_row)/$1/; s/if \(\(r = exec\(st, "COMMIT"\)\) != STORE_OK\) \{\n(\t\tstore_refresh_abort)/if ((r = STORE_OK) != STORE_OK) {\n$1/~tests/attack/storage.sh
text-sanitiser-lets-esc~src/text.c~s/(else if \(cp == C0_ESC\)\n\t\t)return skip_escape\(s, n, i \+ 1\);/$1\{ put(&st->b, "\\033", 1); return i + 1; }/~tests/unit/test_text tests/attack/terminal.sh
browser-through-a-shell~src/ui/browser.c src/ui/actions.c~s/execvp\(argv\[0\], argv\);/execl("\/bin\/sh", "sh", "-c", xasprintf("%s %s", argv[0], url), (char *)NULL);/~tests/attack/command.sh
browser-url-split~src/ui/browser.c src/ui/actions.c~s/argv\[n\+\+\] = \(char \*\)url;/n += split_command(xstrdup(url), argv + n, MAX_BROWSER_ARGS - n);/~tests/attack/command.sh
browser-any-scheme~src/ui/browser.c src/ui/actions.c~s/if \(strncasecmp\(url, "http:\/\/", 7\) != 0 && strncasecmp\(url, "https:\/\/", 8\) != 0\) \{/if (0) {/~tests/attack/command.sh
fetch-no-size-limit~src/fetch/fetch.c~s/tbuf_init\(&t->body, max_body\);/tbuf_init(&t->body, (size_t)-1);/~tests/cli/fetch.sh tests/attack/network.sh
fetch-no-redirect-limit~src/fetch/fetch.c~s/setopt_long\(e, CURLOPT_MAXREDIRS, l->max_redirects\);/setopt_long(e, CURLOPT_MAXREDIRS, 1000L);/~tests/cli/fetch.sh tests/attack/network.sh
fetch-redirect-to-file~src/fetch/fetch.c~s/#define REDIR_PROTOCOLS "http,https"/#define REDIR_PROTOCOLS "http,https,file"/~tests/cli/fetch.sh tests/cli/refresh_http.sh
fetch-bad-response-as-bad-url~src/fetch/fetch.c~s/code == CURLE_UNSUPPORTED_PROTOCOL && is_http\(out->final_url\)/code == CURLE_UNSUPPORTED_PROTOCOL \&\& !is_http(out->final_url)/~tests/cli/fetch.sh
feed-no-nesting-limit~src/feed/feed.c~s/if \(p->depth > FEED_MAX_DEPTH\) \{/if (p->depth > FEED_MAX_DEPTH * 1000) {/~tests/unit/test_feed tests/attack/documents.sh
feed-no-item-cap~src/feed/feed.c~s/if \(p->feed->nitems >= FEED_MAX_ITEMS\) \{/if (p->feed->nitems >= FEED_MAX_ITEMS * 10) {/~tests/unit/test_feed tests/attack/documents.sh
retention-deletes-rated~src/store.c~s/" AND user_rating IS NULL AND last_seen < \?2"/" AND last_seen < ?2"/~tests/unit/test_store
user-actions-not-synced~src/store.c~s/exec\(st, "PRAGMA synchronous = FULL"\)/exec(st, "PRAGMA synchronous = NORMAL")/~tests/unit/test_store
feed-warning-not-kept~src/store.c~s/bind_text\(s, 9, f->warning\);/bind_text(s, 9, NULL);/~tests/unit/test_store
corrupt-cache-recreated~src/store.c~s/(static enum store_result\nsetup\(struct store \*st\)\n\{\n(?:.*\n)*?)(\trc = sqlite3_open_v2)/$1\tunlink(st->path);\n$2/~tests/unit/test_store tests/attack/storage.sh
EOF
}

if [ "${1:-}" = -l ]; then
	mutations | cut -d'~' -f1,2,4 | tr '~' '\t'
	exit 0
fi
wanted=" $* "

work=${MUTATE_DIR:-}
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/tidings-mutate.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
src="$work/src" build="$work/build"
log() { echo "mutate: $*" >&2; }

# the tree as it is now (tracked and new files, nothing ignored), not HEAD
log "copying $top to $src"
rm -rf "$src" "$build"
mkdir -p "$src" "$build"
# (one tar reading the list: xargs may split it into several archives)
(cd "$top" && git ls-files -z --cached --others --exclude-standard |
	tar cf - --no-recursion --null -T -) | tar xf - -C "$src" ||
	{ log "cannot copy the tree"; exit 2; }
log "building the unmutated tree"
(cd "$src" && autoreconf -fi) >"$work/autoreconf.log" 2>&1 &&
	(cd "$build" && "$src/configure") >"$work/configure.log" 2>&1 &&
	make -C "$build" -j"$jobs" >"$work/make.log" 2>&1 ||
	{ tail -30 "$work"/*.log >&2; log "the unmutated tree does not build"; exit 2; }

# run_test TEST: 0 when it passes (a skip counts as a pass: it killed nothing)
run_test() {
	timeout -k 10 "$limit" make -C "$build" -j"$jobs" check TESTS="$1" \
		${TIDINGS_SHARED:+TIDINGS_SHARED="$TIDINGS_SHARED"} >"$work/check.log" 2>&1
}

total=0 killed=0
printf '%-34s %-22s %s\n' MUTATION FILE RESULT
mutations | while IFS='~' read -r name files expr tests; do
	case $wanted in "  ") ;; *" $name "*) ;; *) continue ;; esac
	total=$((total + 1))
	for file in $files; do
		[ -f "$src/$file" ] || continue
		cp "$src/$file" "$work/orig"
		MUTATE_EXPR=$expr perl -0777 -pi -e 'eval $ENV{MUTATE_EXPR}; die $@ if $@' "$src/$file"
		cmp -s "$src/$file" "$work/orig" || break
	done
	if cmp -s "$src/$file" "$work/orig"; then
		result="NOT APPLIED (the pattern no longer matches)"
	elif ! make -C "$build" -j"$jobs" >"$work/make.log" 2>&1; then
		result="BUILD FAILED: $(grep -m1 'error:' "$work/make.log")"
	else
		result=SURVIVED why=""
		for t in $tests; do
			if ! run_test "$t"; then
				result="killed by $t"
				# the check that failed, as the test's log names it
				why=$(grep -m1 -E '^(FAIL|ERROR)|Sanitizer|Segmentation' \
					"$build/${t%.sh}.log" 2>/dev/null | cut -c1-160)
				break
			fi
		done
	fi
	# a fresh copy, so make rebuilds what the mutation touched
	cp "$work/orig" "$src/$file"
	printf '%-34s %-22s %s\n' "$name" "$file" "$result"
	[ -z "${why:-}" ] || printf '%34s   %s\n' "" "$why"
	why=""
	case $result in killed*) killed=$((killed + 1)) ;; esac
	echo "$total $killed" >"$work/count"
done
read -r total killed <"$work/count" 2>/dev/null || { total=0 killed=0; }
make -C "$build" -j"$jobs" >/dev/null 2>&1
echo "$killed of $total mutations killed"
[ "$killed" -eq "$total" ]
