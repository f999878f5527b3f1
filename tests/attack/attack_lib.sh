# Helpers for the attack suites (tests/attack/*.sh), sourced after
# tests/lib.sh. Everything hostile is generated at test time into $T.

# the servers are on loopback: a proxy from the environment must not get in between
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY
[ -n "${PYTHON3:-}" ] || skip "no python3"

DB="$XDG_DATA_HOME/tidings/cache.db"
URLS="$XDG_CONFIG_HOME/tidings/urls"
mkdir -p "$XDG_CONFIG_HOME/tidings"

# A sanitizer build (ASan reserves terabytes of address space, so ulimit -v
# cannot be used, and valgrind cannot run it): TIDINGS_SANITIZED=1 forces it,
# else look for the ASan runtime's entry point in the binary.
if [ -n "${TIDINGS_SANITIZED:-}" ]; then
	SANITIZED=$TIDINGS_SANITIZED
elif grep -q __asan_init "$TIDINGS" 2>/dev/null; then
	SANITIZED=1
else
	SANITIZED=0
fi
[ "$SANITIZED" = 0 ] || SANITIZED=1

# Memory bound for one tidings run, in KiB of address space (ulimit -v).
ATTACK_MEM_KB=${ATTACK_MEM_KB:-1048576}

# bounded SECONDS CMD...: run CMD with at most SECONDS of wall time and (not
# under ASan) ATTACK_MEM_KB of address space; stdout to $T/out, stderr to
# $T/err; sets RC (124 when the time ran out).
bounded() {
	_b_secs=$1; shift
	if [ "$SANITIZED" = 1 ]; then
		timeout -k 5 "$_b_secs" "$@" >"$T/out" 2>"$T/err"
	else
		(ulimit -v "$ATTACK_MEM_KB"; exec timeout -k 5 "$_b_secs" "$@") >"$T/out" 2>"$T/err"
	fi
	RC=$?
}

# expect_bounded WANT SECONDS CMD...: bounded, then fail unless it exited WANT.
expect_bounded() {
	_eb_want=$1; shift
	bounded "$@"
	[ "$RC" -ne 124 ] || fail "'$*' ran out of time"
	[ "$RC" -eq "$_eb_want" ] || {
		head -c 2000 "$T/out" >&2; head -c 4000 "$T/err" >&2
		fail "'$*' exited $RC, wanted $_eb_want"
	}
	no_sanitizer_report
}

# no_sanitizer_report: fail when $T/err holds an ASan/UBSan/LSan report.
no_sanitizer_report() {
	if grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$T/err"; then
		head -c 6000 "$T/err" >&2
		fail "sanitizer report"
	fi
}

# sql STATEMENT: run it on the cache with python3's sqlite3, rows as a|b|c.
sql() { "$PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
for row in c.execute(sys.argv[2]): print("|".join("" if v is None else str(v) for v in row))
c.commit()' "$DB" "$1"; }

# start_faults: start tests/attack/faultserver.py (root $T/root); sets
# FPORT, FBASE (http) and, when openssl made a certificate, TLSPORT.
start_faults() {
	mkdir -p "$T/root"
	"$PYTHON3" "$top_srcdir/tests/attack/faultserver.py" --root "$T/root" \
		--port-file "$T/fport" ${1:+"$@"} >"$T/faults.log" 2>&1 &
	fault_pid=$!
	at_exit "kill $fault_pid 2>/dev/null"
	i=0
	while [ ! -s "$T/fport" ]; do
		i=$((i + 1)); [ $i -lt 600 ] || { cat "$T/faults.log" >&2; fail "fault server did not start"; }
		sleep 0.05
	done
	FPORT=$(sed -n 1p "$T/fport"); FBASE="http://127.0.0.1:$FPORT"
	TLSPORT=$(sed -n 2p "$T/fport")
}

# free_port: a loopback TCP port nobody listens on (bound, then closed).
free_port() {
	"$PYTHON3" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# checksum FILE
checksum() { cksum <"$1"; }
