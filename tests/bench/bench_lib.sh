# Shared by the refresh benchmarks (refresh_200.sh, build_50k.sh): feeds
# served by nginx on loopback (gzip_static, ETag/Last-Modified), and
# tidings, newsboat (reload-threads 16) and sfeed_update (8 jobs) measured
# the same way in the same run: wall, CPU (user + system) and peak RSS
# from /usr/bin/time, the median of BENCH_RUNS runs (default 3). Runs are
# interleaved (tidings, newsboat, sfeed, tidings, ...) so a load spike
# from another process on a shared machine hits all three alike.
# Source after tests/lib.sh.

BENCH_RUNS=${BENCH_RUNS:-3}
[ -x /usr/bin/time ] || skip "no /usr/bin/time"

# start_nginx ROOT: serve ROOT on a free loopback port; sets BASE.
start_nginx() {
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || skip "no nginx"
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
	port=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	mkdir -p "$T/nginx"
	# as root, nginx's worker would drop to nobody, who cannot read $T
	cat >"$T/nginx/nginx.conf" <<EOF
worker_processes 1;
user $(id -un) $(id -gn);
daemon off;
pid $T/nginx/pid;
error_log $T/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log $T/nginx/access.log;
	client_body_temp_path $T/nginx;
	proxy_temp_path $T/nginx;
	fastcgi_temp_path $T/nginx;
	uwsgi_temp_path $T/nginx;
	scgi_temp_path $T/nginx;
	types { application/rss+xml xml; }
	keepalive_requests 100000;
	server {
		listen 127.0.0.1:$port;
		root $1;
		gzip_static on;
		etag on;
	}
}
EOF
	PATH=$PATH:/usr/sbin nginx -c "$T/nginx/nginx.conf" -p "$T/nginx" \
		2>"$T/nginx/stderr" &
	nginx_pid=$!
	at_exit "kill $nginx_pid 2>/dev/null"
	BASE="http://127.0.0.1:$port"
	i=0
	until curl -s -o /dev/null "$BASE/"; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "nginx did not start: $(cat "$T/nginx/stderr")"
		sleep 0.05
	done
}

# measure NAME CMD...: run CMD once; appends "wall cpu peak_kib" to
# $T/NAME.times. Fails the benchmark when CMD does.
measure() {
	name=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" >"$T/$name.out" 2>"$T/$name.err" ||
		fail "$name failed: $(tail -5 "$T/$name.err")"
	awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }' "$T/time" >>"$T/$name.times"
}

# median NAME: "wall cpu peak" with each column's median over the runs.
median() {
	for col in 1 2 3; do
		cut -d' ' -f$col "$T/$1.times" | sort -n |
			awk '{ v[NR] = $1 } END { printf "%s ", v[int((NR + 1) / 2)] }'
	done
}

# serve_mix NFEEDS NITEMS: write feeds_mix.py's feeds (and their .gz) to
# $T/root, serve them with nginx, list their URLs in $T/urls, set up the
# three programs; sets size (KiB of XML).
serve_mix() {
	"$PYTHON3" "$top_srcdir/tests/bench/feeds_mix.py" --gzip "$T/root" "$1" "$2" ||
		fail "could not write the feeds"
	size=$(du -sk --exclude='*.gz' "$T/root" | cut -f1)
	start_nginx "$T/root"
	feed_urls "$BASE" "$1" >"$T/urls"
	setup_programs
}

# The three programs' set-ups over the same URL list $T/urls.
setup_programs() {
	mkdir -p "$XDG_CONFIG_HOME/tidings" "$T/nb" "$T/sf"
	cp "$T/urls" "$XDG_CONFIG_HOME/tidings/urls"
	printf 'reload-threads 16\n' >"$T/nb/config"
	{
		echo "sfeedpath=\"$T/sf/feeds\""
		echo "maxjobs=8"
		echo "feeds() {"
		awk '{ printf "\tfeed \"f%04d\" \"%s\"\n", NR, $0 }' "$T/urls"
		echo "}"
	} >"$T/sf/sfeedrc"
	HAVE_NEWSBOAT=false HAVE_SFEED=false
	command -v newsboat >/dev/null 2>&1 && HAVE_NEWSBOAT=true
	command -v sfeed_update >/dev/null 2>&1 && HAVE_SFEED=true
}

# Forget every program's cache (the next run is cold).
cold_caches() {
	rm -f "$XDG_DATA_HOME/tidings/cache.db" "$XDG_DATA_HOME/tidings/cache.db-wal" \
		"$XDG_DATA_HOME/tidings/cache.db-shm" "$T/nb/cache.db"
	rm -rf "$T/sf/feeds"
}

run_tidings() { measure "tidings$1" "$TIDINGS" --refresh; }
run_newsboat() {
	$HAVE_NEWSBOAT || return 0
	measure "newsboat$1" newsboat -x reload -u "$T/urls" -c "$T/nb/cache.db" -C "$T/nb/config"
}
run_sfeed() { $HAVE_SFEED || return 0; measure "sfeed$1" sfeed_update "$T/sf/sfeedrc"; }

# row LABEL NAME: one line of the results table.
row() {
	if [ -s "$T/$2.times" ]; then
		set -- "$1" $(median "$2")
		printf '%-24s %7s %7s %9s\n' "$1" "$2" "$3" "$4"
	else
		printf '%-24s %7s %7s %9s\n' "$1" n/a n/a n/a
	fi
}
header() { printf '%-24s %7s %7s %9s\n' "$1" "wall s" "cpu s" "peak KiB"; }

# field NAME COL: one median (1 wall, 2 cpu, 3 peak) of NAME's runs.
field() { median "$1" | cut -d' ' -f"$2"; }

# explain_peak: after a peak over the budget, one more cold run of
# tidings under rss_peak.py, to show what the peak was made of (heap,
# malloc's own mappings, each library) next to the miss.
explain_peak() {
	cold_caches
	echo "what tidings' peak is made of (one more cold run):"
	"$PYTHON3" "$top_srcdir/tests/bench/rss_peak.py" -- "$TIDINGS" --refresh
}
