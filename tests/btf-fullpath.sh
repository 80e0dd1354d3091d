#!/usr/bin/env bash
# opensnoop -F with the kernel's BTF: a relative path opened by a process
# that is gone by the time its event is printed must still come out as
# the exact absolute path. Builds nothing: runs $O/barebpf (build/ by
# default) as root. Prints one line per check, then "N passed, N failed";
# exits 0 when all passed, 1 otherwise. Without root or without
# /sys/kernel/btf/vmlinux it says SKIP and exits 0 (1 with REQUIRE_BPF=1).
#
# No timing is relied on: each command leaves its directory (cd /, or
# closes its dirfd) before it exits, so /proc/PID/cwd can never give the
# right answer, whenever the event is read. Only the kernel's walk can.
set -u
cd "$(dirname "$0")/.."
O=${O:-build}
BIN=$O/barebpf
passed=0
failed=0

skip() {
	echo "SKIP: $*"
	[ "${REQUIRE_BPF:-0}" = 1 ] && exit 1
	exit 0
}

ok() {
	echo "ok   - $*"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL - $*"
	failed=$((failed + 1))
}

[ -x "$BIN" ] || { echo "FAIL - $BIN not built (make first)"; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root"
[ -r /sys/kernel/btf/vmlinux ] || skip "this kernel has no /sys/kernel/btf/vmlinux"

# Resolved through any symlink, as the kernel names it.
dir=$(cd "$(mktemp -d /tmp/barebpf-btf.XXXXXX)" && pwd -P)
mnt=
cleanup() {
	[ -n "$mnt" ] && umount "$mnt"
	rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$dir/sub" "$dir/mnt"
echo x > "$dir/sub/relfile"

# trace OUT ERR [ENV=VAL...] -- COMMAND...: opensnoop -F --json over
# COMMAND; stdout to OUT, stderr to ERR. Returns barebpf's status.
trace() {
	local out=$1 err=$2
	shift 2
	local envs=()
	while [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	shift
	env ${envs[@]+"${envs[@]}"} timeout 120 "$BIN" opensnoop -F -v --json -- "$@" \
		>"$out" 2>"$err"
}

# path_of OUT NAME: the path of every event whose path ends in /NAME or is NAME.
path_of() {
	sed -n 's/.*"path":"\(\([^"]*\/\)\{0,1\}'"$2"'\)"}$/\1/p' "$1"
}

# expect WHAT OUT NAME WANT: exactly one event for NAME, with path WANT.
expect() {
	local what=$1 out=$2 name=$3 want=$4 got
	got=$(path_of "$out" "$name")
	if [ "$got" = "$want" ]; then
		ok "$what: $want"
	else
		fail "$what: want $want, got '${got//$'\n'/ | }'"
	fi
}

out=$dir/out
err=$dir/err

# 1. cwd: cd in, open a relative path, cd out, exit.
if trace "$out" "$err" -- sh -c 'cd "$1" && : < relfile && cd /' sh "$dir/sub"; then
	ok "cwd: barebpf exit status 0"
else
	fail "cwd: barebpf exit status $?: $(cat "$err")"
fi
expect "cwd" "$out" relfile "$dir/sub/relfile"
if grep -q 'note: -F names directories in the kernel' "$err"; then
	ok "cwd: -v says the kernel names directories"
else
	fail "cwd: -v said: $(cat "$err")"
fi

# 2. A failed open is named too.
trace "$out" "$err" -- sh -c 'cd "$1" && { { true < missing; } 2>/dev/null; cd /; }' sh "$dir/sub"
expect "failed open" "$out" missing "$dir/sub/missing"
if grep -q '"err":2,.*"path":"'"$dir/sub/missing"'"' "$out"; then
	ok "failed open: err 2 (ENOENT)"
else
	fail "failed open: no err 2 in $(grep missing "$out")"
fi

# 3. Across a mount: $dir/mnt is a tmpfs; its root is not its own parent.
if mount -t tmpfs barebpf-btf "$dir/mnt"; then
	mnt=$dir/mnt
	mkdir -p "$mnt/deep/er"
	echo x > "$mnt/deep/er/relfile"
	trace "$out" "$err" -- sh -c 'cd "$1" && : < relfile && cd /' sh "$mnt/deep/er"
	expect "mount crossing" "$out" relfile "$mnt/deep/er/relfile"
	# The cwd the root of a mount: no name of its own, just the crossing.
	echo x > "$mnt/top"
	trace "$out" "$err" -- sh -c 'cd "$1" && : < top && cd /' sh "$mnt"
	expect "mount root" "$out" top "$mnt/top"
else
	fail "mount crossing: could not mount a tmpfs on $dir/mnt"
fi

# 4. dirfd: openat(fd, "relfile") with fd closed before exit.
if command -v python3 >/dev/null; then
	trace "$out" "$err" -- python3 -S -c '
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
os.close(os.open("relfile", os.O_RDONLY, dir_fd=fd))
os.close(fd)
os.chdir("/")' "$dir/sub"
	expect "dirfd" "$out" relfile "$dir/sub/relfile"
else
	echo "note - dirfd: no python3 to call openat() with a dirfd, not checked"
fi

# 5. The old helpers (bpf_probe_read, before 5.5) walk the same.
trace "$out" "$err" BAREBPF_FORCE_PROBE_READ=1 -- sh -c 'cd "$1" && : < relfile && cd /' sh "$dir/sub"
expect "bpf_probe_read" "$out" relfile "$dir/sub/relfile"

# 6. Without BTF: the /proc fallback, said so, and it cannot know.
trace "$out" "$err" BAREBPF_NO_BTF=1 -- sh -c 'cd "$1" && : < relfile && cd /' sh "$dir/sub"
if grep -q 'note: -F reads /proc/PID/cwd, which needs the process alive: BAREBPF_NO_BTF is set' "$err"; then
	ok "no BTF: -v says /proc is read"
else
	fail "no BTF: -v said: $(cat "$err")"
fi
got=$(path_of "$out" relfile)
case $got in
relfile | /relfile) ok "no BTF: the fallback gives '$got', as it must once the cwd moved" ;;
*) fail "no BTF: got '$got', want relfile or /relfile" ;;
esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
