#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tamu at a terminal, driven the way a user drives it: tmux gives it a real
# pseudo-terminal, keys are sent as tmux sends them, and the screen is read
# back with capture-pane.  Boot to the prompt, run a command, line editing
# (the shell's and the tty's own), ^C and ^Z with job control, the window
# size and SIGWINCH, poweroff, and the host terminal's settings afterwards.
# Every wait is bounded; the tmux server (on its own socket) and all it
# runs are cleaned up on any exit.

# The typed command lines are for the guest's shell to expand:
# shellcheck disable=SC2016

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

if ! command -v tmux >/dev/null 2>&1; then
	fail "tmux is not installed: the interactive tests need it (tools/install-deps installs it)"
	report
	exit
fi

setup_tamu "${1:-./tamu}"
# shellcheck disable=SC2206
opts=($TAMU_OPTS)
what=${TAMU_OPTS:+ ($TAMU_OPTS)}

HOST=$(cat rootfs/etc/hostname 2>/dev/null || echo tamu)
# rootfs/etc/profile sets PS1='\u@\h:\w\$ '; the console shell starts in /.
PROMPT_RE="^root@$HOST:/# ?\$"
BOOT_WAIT=10	# seconds to the first prompt
STEP_WAIT=3	# seconds for a command's output and the next prompt
ROWS=30 COLS=100

SOCK=tamu-test-$$
SOCK_PATH=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK
PANE=tamu:0.0
WORK=$(mktemp -d /tmp/tamu-tty.XXXXXX)
unset TMUX

T() {
	tmux -L "$SOCK" "$@"
}

# The pids of processes and of all their descendants.
tree() {
	local p
	for p in "$@"; do
		echo "$p"
		# shellcheck disable=SC2046
		tree $(pgrep -P "$p")
	done
}

cleanup() {
	local pids left p
	# shellcheck disable=SC2046
	pids=$(tree $(T display -p -t "$PANE" '#{pane_pid}' 2>/dev/null))
	T kill-server 2>/dev/null
	rm -f "$SOCK_PATH"	# the server leaves it behind
	# Closing the pane hangs up its terminal; give tamu a moment to go,
	# then make sure nothing started here outlives the test.
	for _ in $(seq 30); do
		left=$(for p in $pids; do
			# A zombie counts as gone.
			ps -o stat= -p "$p" 2>/dev/null | grep -qv Z && echo "$p"
		done)
		[ -z "$left" ] && break
		sleep 0.1
	done
	for p in $left; do
		kill -KILL "$p" 2>/dev/null
	done
	rm -rf "$WORK"
	[ -n "$AS_USER" ] && rm -rf "$TAMU_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((10#$t / 1000))
}

secs() {	# milliseconds as seconds, two decimals
	printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10))
}

since() {	# seconds since a now_ms
	secs $(($(now_ms) - $1))
}

# until_ SECONDS CMD...: run CMD every 50ms until it succeeds or SECONDS
# pass.
until_() {
	local limit=$(($1 * 1000)) start
	shift
	start=$(now_ms)
	until "$@"; do
		[ $(($(now_ms) - start)) -ge "$limit" ] && return 1
		sleep 0.05
	done
}

screen() {	# the pane and its history, wrapped lines joined
	T capture-pane -p -J -S - -t "$PANE" 2>/dev/null
}

has_line() {	# has_line ERE: a line of the screen matches
	screen | grep -Eq "$1"
}

last_line() {	# the last non-blank line of the screen
	screen | sed '/^[[:space:]]*$/d' | tail -n 1
}

at_prompt() {
	last_line | grep -Eq "$PROMPT_RE"
}

done_with() {	# the output ERE is there and the shell prompts again
	has_line "$1" && at_prompt
}

keys() {	# keys KEY...: tmux key names (Enter, BSpace, C-c)
	T send-keys -t "$PANE" "$@"
}

type_text() {	# exactly these characters
	T send-keys -t "$PANE" -l "$1"
}

type_line() {
	type_text "$1" && keys Enter
}

# run_cmd TEXT ERE: type a command line, wait for its output and a prompt.
run_cmd() {
	type_line "$1"
	until_ "$STEP_WAIT" done_with "$2"
}

# The pane's command has ended: no process is left on its terminal.
pane_dead() {
	[ "$(T display -p -t "$PANE" '#{pane_dead}' 2>/dev/null)" = 1 ]
}

# Its exit status as tmux reports it.  tmux 3.3 sets pane_dead at the
# terminal's end of file, before it has the status, and now and then
# misses the child's exit altogether (the pane stays a zombie): wait a
# little, and say "unknown" rather than hang.
pane_status() {
	local st
	until_ 1 eval '[ -n "$(T display -p -t "$PANE" "#{pane_dead_status}")" ]'
	st=$(T display -p -t "$PANE" '#{pane_dead_status}' 2>/dev/null)
	echo "${st:-unknown}"
}

# What to show when a check fails: the end of the screen and of stderr.
context() {
	echo "screen (last lines):"
	screen | sed '/^[[:space:]]*$/d' | tail -n 12 | sed 's/^/  | /'
	if [ -s "$WORK/stderr" ]; then
		echo "tamu's stderr (last lines):"
		tail -n 8 "$WORK/stderr" | sed 's/^/  | /'
	fi
}

fail_ctx() {	# fail_ctx MESSAGE [DETAIL...]: fail, with the context
	local msg=$1 line lines=()
	shift
	while IFS= read -r line; do
		[ -n "$line" ] && lines+=("$line")
	done < <([ $# -gt 0 ] && printf '%s\n' "$@"; context)
	fail "$msg" "${lines[@]}"
}

# After a failed step, get back to a prompt if the shell answers: ^C, and
# a new line.
recover() {
	at_prompt && return 0
	keys C-c
	sleep 0.3
	keys Enter
	until_ 2 at_prompt
}

# check NAME: run check_NAME unless the guest is gone or stuck; after a
# failed check, the next ones only run if the shell still answers.
gone=""
check() {
	[ -n "$gone" ] && return
	"check_$1"
	if pane_dead; then
		gone="tamu ended"
	elif ! recover; then
		gone="the shell stopped answering"
	fi
	if [ -n "$gone" ]; then
		fail_ctx "$gone during the check '$1'" \
			"$(cat "$WORK/status" 2>/dev/null)"
	fi
}

# The pane runs a small shell that keeps the terminal's settings before
# and after tamu, and tamu's exit status, which is also its own.
{
	echo "cd $(printf '%q' "$TAMU_DIR") || exit 97"
	echo "stty -g > $WORK/before"
	# shellcheck disable=SC2086
	printf '%s ' $AS_USER "$(printf '%q' "$TAMU")"
	for o in "${opts[@]}"; do printf '%q ' "$o"; done
	echo "2> $WORK/stderr"
	echo 'st=$?'
	echo "echo \"exit=\$st\" > $WORK/status"
	echo "stty -g > $WORK/after"
	echo 'exit $st'
} >"$WORK/wrap.sh"
# No user configuration; no status line, so the pane is the whole window;
# a pane whose command ended stays, to read its status and screen.
cat >"$WORK/tmux.conf" <<EOF
set -g status off
set -g remain-on-exit on
set -g history-limit 5000
EOF

start=$(now_ms)
if ! T -f "$WORK/tmux.conf" new-session -d -s tamu -x "$COLS" -y "$ROWS" \
	"bash --norc --noprofile $WORK/wrap.sh" 2>"$WORK/tmux.err"; then
	fail "tmux could not start a session" "$(cat "$WORK/tmux.err")"
	report
	exit
fi

# 1. Boot to the prompt.
if until_ "$BOOT_WAIT" eval 'at_prompt || pane_dead' && at_prompt; then
	ok "boots to the shell prompt '$(last_line)' on a terminal in $(since "$start")s$what"
else
	pane_dead && gone="tamu ended before the shell prompt$what" ||
		gone="no shell prompt within ${BOOT_WAIT}s$what"
	fail_ctx "$gone" "$(cat "$WORK/status" 2>/dev/null)"
fi

# 2. A typed command runs.  Markers are computed by the guest shell, so
# the echo of the typed line does not match them.
check_command() {
	local t0
	t0=$(now_ms)
	if run_cmd 'echo typed-$((6*7))-ok' '^typed-42-ok$'; then
		ok "a typed command and Enter run it ($(since "$t0")s)"
	else
		fail_ctx "a typed command did not run within ${STEP_WAIT}s"
	fi
}

# 3. Line editing.  tmux sends BSpace as DEL (^?), the guest's erase
# character; C-h is ^H, which the shell's line editor takes as erase too.
check_backspace() {
	type_text 'echo edit-$((3+4))-abX'
	keys BSpace
	type_text c
	keys Enter
	if until_ "$STEP_WAIT" done_with '^edit-7-abc$' && ! has_line '^edit-7-abX'; then
		ok "Backspace (^?) corrects a typo in the shell's line editor"
	else
		fail_ctx "Backspace (^?): the corrected command 'echo edit-\$((3+4))-abc' did not run"
	fi
}

check_ctrl_h() {
	type_text 'echo edit-$((3+5))-deX'
	keys C-h
	type_text f
	keys Enter
	if until_ "$STEP_WAIT" done_with '^edit-8-def$' && ! has_line '^edit-8-deX'; then
		ok "C-h (^H) corrects a typo in the shell's line editor"
	else
		fail_ctx "C-h (^H): the corrected command 'echo edit-\$((3+5))-def' did not run"
	fi
}

# The tty's own line discipline: the shell's read builtin reads the
# terminal in canonical mode, so ^U and ^? are the kernel's to handle.
check_canonical() {
	type_line 'echo rd-$((1+1))-go; read line; echo "got-$((2+2))=[$line]"'
	if until_ "$STEP_WAIT" has_line '^rd-2-go$'; then
		type_text junk
		keys C-u
		type_text hellX
		keys BSpace
		type_text o
		keys Enter
	fi
	if until_ "$STEP_WAIT" done_with '^got-4=\[hello\]$' && has_line '^hello$'; then
		ok "the tty's canonical mode: ^U kills the line, ^? erases a character, on screen too"
	else
		fail_ctx "the tty's canonical mode: junk ^U hellX ^? o should read 'hello' and show it"
	fi
}

# 4. ^C stops a foreground sleep.  The half second lets the shell start
# it and give it the terminal.
check_intr() {
	local t0 t
	type_line 'sleep 100'
	sleep 0.5
	t0=$(now_ms)
	keys C-c
	if ! until_ 2 at_prompt; then
		fail_ctx "^C did not stop a foreground 'sleep 100' within 2s"
		return
	fi
	t=$(since "$t0")
	if run_cmd 'echo int-$((1+1))-$?' '^int-2-[0-9]+$' && has_line '^int-2-130$'; then
		ok "^C stops a foreground 'sleep 100' (status 130), the prompt is back in ${t}s"
	else
		fail_ctx "^C: the prompt is back but sleep's status is not 130 (SIGINT)"
	fi
}

# 5. ^Z stops it, jobs lists it, fg resumes it, ^C ends it.
check_susp() {
	local t0 t
	type_line 'sleep 100'
	sleep 0.5
	t0=$(now_ms)
	keys C-z
	if ! until_ 2 done_with 'Stopped +sleep 100$'; then
		fail_ctx "^Z did not stop a foreground 'sleep 100' within 2s"
		return
	fi
	t=$(since "$t0")
	if ! run_cmd jobs '^\[1\]\+ +Stopped +sleep 100$'; then
		fail_ctx "^Z stopped the sleep but jobs does not list it as Stopped"
		return
	fi
	ok "^Z stops a foreground 'sleep 100' in ${t}s; jobs lists it as Stopped"
	type_line fg
	# fg names the job and waits for it: no prompt while it runs.
	if ! { until_ 2 has_line '^sleep 100$' && sleep 0.5 && ! at_prompt; }; then
		fail_ctx "fg did not resume the stopped sleep in the foreground"
		return
	fi
	keys C-c
	if until_ 2 at_prompt && run_cmd 'echo fg-$((1+1))-$?' '^fg-2-[0-9]+$' &&
		has_line '^fg-2-130$'; then
		ok "fg brings the stopped sleep back to the foreground, ^C ends it"
	else
		fail_ctx "after fg, ^C did not end the sleep with status 130 within 2s"
	fi
}

# 6. The window size, and changes of it.
pane_size() {	# as stty prints it: rows cols
	T display -p -t "$PANE" '#{pane_height} #{pane_width}'
}

check_size() {
	local want
	want=$(pane_size)
	if run_cmd 'echo "size-$((1+1)) $(stty size)"' '^size-2 ' &&
		has_line "^size-2 $want\$"; then
		ok "stty size in the guest is the terminal's: $want"
	else
		fail_ctx "stty size in the guest is not the terminal's $want"
	fi
}

check_resize() {
	local want
	T resize-window -t tamu -x 90 -y 25
	want=$(pane_size)
	if [ "$want" != "25 90" ]; then
		fail "tmux resize-window did not make the pane 25 90: $want"
		return
	fi
	sleep 0.3
	if run_cmd 'echo "size-$((2+2)) $(stty size)"' '^size-4 ' &&
		has_line "^size-4 $want\$"; then
		ok "after the terminal is resized, stty size in the guest is the new $want"
	elif has_line "^size-4 $ROWS $COLS\$"; then
		fail_ctx "after a resize to $want the guest still sees $ROWS $COLS: the host's SIGWINCH does not reach the console tty (kernel gap)"
	else
		fail_ctx "after a resize to $want, stty size in the guest printed no size"
	fi
}

# A foreground program is told of a resize (SIGWINCH), as a full-screen
# program such as vi needs to be.
check_sigwinch() {
	local want t0
	type_line 'sh -c '\''trap "echo winch-\$((5+5)) \$(stty size); exit 0" WINCH; echo wready-$((2+3)); while :; do sleep 0.1; done'\'''
	if ! until_ "$STEP_WAIT" has_line '^wready-5$'; then
		fail_ctx "the SIGWINCH test program did not start"
		return
	fi
	t0=$(now_ms)
	T resize-window -t tamu -x 100 -y 28
	want=$(pane_size)
	if ! until_ 2 done_with '^winch-10 '; then
		fail_ctx "a foreground program got no SIGWINCH within 2s of a resize to $want (kernel gap)"
	elif has_line "^winch-10 $want\$"; then
		ok "a foreground program gets SIGWINCH on a resize and sees $want ($(since "$t0")s)"
	else
		fail_ctx "a foreground program got SIGWINCH but stty size is not $want"
	fi
}

for c in command backspace ctrl_h canonical intr susp size resize sigwinch; do
	check $c
done

# 7. poweroff ends tamu; the pane's command exits 0; the host terminal
# has its settings back (after a panic too).
how=poweroff
if pane_dead; then
	how="its early end"
elif [ -n "$gone" ]; then
	fail "poweroff was not tried: $gone"
else
	t0=$(now_ms)
	type_line poweroff
	if until_ 10 pane_dead; then
		ok "poweroff ends tamu in $(since "$t0")s"
	else
		fail_ctx "poweroff did not end tamu within 10s"
		# Halt it directly, so the checks below can still run.
		how="poweroff -f"
		recover && type_line "$how" && until_ 5 pane_dead
	fi
fi
if pane_dead; then
	dead=$(pane_status)
	st=$(cat "$WORK/status" 2>/dev/null)
	if [ "$st" = exit=0 ] && [ "$dead" = 0 ]; then
		ok "after $how, tamu exits with status 0, and so does the pane's command"
	elif [ "$st" = exit=0 ] && [ "$dead" = unknown ]; then
		ok "after $how, tamu exits with status 0 (tmux did not report the pane's status)"
	elif [ "$how" = poweroff ]; then
		fail_ctx "after $how: tamu's status '$st', the pane's command's status '$dead'"
	else	# the context is above already
		fail "after $how: tamu's status '$st', the pane's command's status '$dead'"
	fi
	if [ -s "$WORK/before" ] && [ -s "$WORK/after" ] &&
		cmp -s "$WORK/before" "$WORK/after"; then
		ok "after $how, the host terminal has its settings back (stty -g as before)"
	else
		fail "after $how, the host terminal does not have its settings back" \
			"before: $(cat "$WORK/before" 2>/dev/null)" \
			"after:  $(cat "$WORK/after" 2>/dev/null)"
	fi
else
	fail "tamu is still running: its exit status and the terminal's settings were not checked"
fi

echo "        (the whole session took $(since "$start")s)"
report
