# Helpers for the TUI tests of the ui developer, sourced after tmux_lib.sh.

# mkfeed NAME TITLE: a one-item RSS feed at $T/feeds/NAME.xml; prints its
# file:// URL.
mkfeed() {
	mkdir -p "$T/feeds"
	cat >"$T/feeds/$1.xml" <<EOT
<?xml version="1.0"?>
<rss version="2.0"><channel><title>$2</title><link>http://$1.example/</link>
<item><title>$2 news</title><link>http://$1.example/1</link><guid>$1-1</guid></item>
</channel></rss>
EOT
	echo "file://$T/feeds/$1.xml"
}

# urls_file: the reader's subscription list.
URLS="$XDG_CONFIG_HOME/tidings/urls"
mkdir -p "$XDG_CONFIG_HOME/tidings"

# three_feeds_read_in: Feed Alpha, Bravo and Charlie subscribed, the reader
# started at 80x24 and all three refreshed once (one new article each).
three_feeds_read_in() {
	a=$(mkfeed a "Feed Alpha"); b=$(mkfeed b "Feed Bravo"); c=$(mkfeed c "Feed Charlie")
	printf '%s\n%s\n%s\n' "$a" "$b" "$c" >"$URLS"
	start_tui 80x24
	wait_for "Feeds (3)"
	keys R
	wait_for "Refreshed 3 feeds: 3 new."
}
