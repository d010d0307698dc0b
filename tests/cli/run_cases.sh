#!/bin/sh
# shellcheck disable=SC2119,SC2120  # run_case uses "$@" of its eval, not its own arguments
# run_cases.sh - the command-line test suite of myohep, driven by cases.txt.
#
# Usage: tests/cli/run_cases.sh MYOHEP_BINARY TESTS_CLI_DIR
#
# cases.txt holds one block per case, blocks separated by blank lines; lines
# starting with '#' are comments. Keys:
#   name: TEXT            what the case checks (required)
#   args: ARGS            the arguments, shell-quoted as on a command line (required)
#   exit: N               the expected exit status (required)
#   stderr: TEXT          a fixed string that must appear in stderr (repeatable: all must)
#   stdout: TEXT          a fixed string that must appear in stdout (repeatable: all must)
#   stdout_empty: yes     nothing may be written to stdout
#   no_file: PATH         PATH must not exist after the command (no partial output)
#   file: PATH            PATH must exist and be non-empty after the command
# Placeholders: @BAD@ is TESTS_CLI_DIR/bad, @DATA@ the repository's data folder
# (TESTS_CLI_DIR/../../data), @OUT@ a fresh empty folder for each case. In args
# they must stand outside quotes (they are replaced by a shell-quoted path).
# args are expanded with eval: cases.txt is trusted project data.
#
# Each case runs with a 60 s time limit. Prints one line per case and exits 1
# if any case failed, if cases.txt is malformed, if fewer than MIN_BAD cases use
# a file in bad/, or if a file in bad/ is used by no case.
# POSIX sh only (runs under dash).

MIN_BAD=20
TIME_LIMIT=60

if [ $# -ne 2 ]; then
    echo "usage: $0 MYOHEP_BINARY TESTS_CLI_DIR" >&2
    exit 2
fi
BIN=$1
case $BIN in
    */*) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;;
esac
if ! CLI=$(cd "$2" 2>/dev/null && pwd); then
    echo "$0: no such folder: $2" >&2
    exit 2
fi
CASES=$CLI/cases.txt
BAD=$CLI/bad
if ! DATA=$(cd "$CLI/../../data" 2>/dev/null && pwd); then
    echo "$0: no data folder at $CLI/../../data" >&2
    exit 2
fi
if [ ! -f "$CASES" ]; then
    echo "$0: missing $CASES" >&2
    exit 2
fi
if [ ! -x "$BIN" ] && ! command -v "$BIN" >/dev/null 2>&1; then
    echo "$0: not an executable: $BIN" >&2
    exit 2
fi
if command -v timeout >/dev/null 2>&1; then
    TIMEOUT="timeout $TIME_LIMIT"
else
    echo "note: no 'timeout' command; cases run without a time limit" >&2
    TIMEOUT=
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/myohep-cli.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

n_cases=0
n_failed=0
n_bad=0
malformed=0

# A path as one shell word: 'text' with embedded ' written as '\''.
shell_quote() {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# Text with @BAD@, @DATA@ and @OUT@ replaced; $2 = quote to shell-quote the paths.
expand() {
    _text=$1
    _out=
    while :; do
        case $_text in
            *@BAD@* | *@DATA@* | *@OUT@*) ;;
            *) break ;;
        esac
        # the earliest placeholder
        _best=
        _best_len=-1
        for _ph in @BAD@ @DATA@ @OUT@; do
            case $_text in
                *"$_ph"*)
                    _pre=${_text%%"$_ph"*}
                    if [ "$_best_len" -lt 0 ] || [ "${#_pre}" -lt "$_best_len" ]; then
                        _best=$_ph
                        _best_len=${#_pre}
                    fi
                    ;;
            esac
        done
        case $_best in
            @BAD@) _val=$BAD ;;
            @DATA@) _val=$DATA ;;
            @OUT@) _val=$case_out ;;
        esac
        [ "$2" = quote ] && _val=$(shell_quote "$_val")
        _out=$_out${_text%%"$_best"*}$_val
        _text=${_text#*"$_best"}
    done
    printf '%s' "$_out$_text"
}

reset_case() {
    c_name=
    c_args=
    c_exit=
    c_stderr=
    c_stdout=
    c_stdout_empty=
    c_no_file=
    c_file=
    c_line=
    c_seen=
}

# Append a line to a newline-separated list held in the variable named $1.
append() {
    eval "_cur=\$$1"
    if [ -z "$_cur" ]; then
        eval "$1=\$2"
    else
        eval "$1=\"\$_cur
\$2\""
    fi
}

fail_case() {
    n_failed=$((n_failed + 1))
    printf 'FAIL %s\n' "$c_name"
    printf '%s\n' "$1" | sed 's/^/     /'
}

show_file() {
    if [ -s "$1" ]; then
        head -n 5 "$1" | cut -c 1-300 | sed 's/^/       | /'
    else
        echo "       (empty)"
    fi
}

run_case() {
    [ -z "$c_seen" ] && return 0
    if [ -z "$c_name" ] || [ -z "$c_args" ] || [ -z "$c_exit" ]; then
        echo "FAIL cases.txt:$c_line: a case needs name, args and exit"
        malformed=1
        return 0
    fi
    case $c_exit in
        *[!0-9]*)
            echo "FAIL cases.txt:$c_line: exit must be a number, found '$c_exit'"
            malformed=1
            return 0
            ;;
    esac
    n_cases=$((n_cases + 1))
    case $c_args in
        *@BAD@/*) n_bad=$((n_bad + 1)) ;;
    esac
    case_out=$WORK/out.$n_cases
    mkdir "$case_out" || exit 2
    out_file=$WORK/stdout.$n_cases
    err_file=$WORK/stderr.$n_cases
    expanded=$(expand "$c_args" quote)
    # shellcheck disable=SC2086
    (eval "set -- $expanded" && exec $TIMEOUT "$BIN" "$@") <"/dev/null" >"$out_file" 2>"$err_file"
    got=$?
    problems=
    if [ "$got" -ne "$c_exit" ]; then
        if [ -n "$TIMEOUT" ] && [ "$got" -eq 124 ]; then
            append problems "timed out after $TIME_LIMIT s (expected exit $c_exit)"
        else
            append problems "exit: expected $c_exit, got $got"
        fi
    fi
    if [ -n "$c_stderr" ]; then
        while IFS= read -r want; do
            want=$(expand "$want")
            if ! grep -F -q -e "$want" "$err_file"; then
                append problems "stderr: expected to contain: $want"
            fi
        done <<EOF
$c_stderr
EOF
    fi
    if [ -n "$c_stdout" ]; then
        while IFS= read -r want; do
            want=$(expand "$want")
            if ! grep -F -q -e "$want" "$out_file"; then
                append problems "stdout: expected to contain: $want"
            fi
        done <<EOF
$c_stdout
EOF
    fi
    if [ "$c_stdout_empty" = yes ] && [ -s "$out_file" ]; then
        append problems "stdout: expected nothing, got $(wc -c <"$out_file" | tr -d ' ') bytes"
    fi
    if [ -n "$c_no_file" ]; then
        path=$(expand "$c_no_file")
        if [ -e "$path" ]; then
            append problems "no_file: $path exists (partial output left behind)"
        fi
    fi
    if [ -n "$c_file" ]; then
        path=$(expand "$c_file")
        if [ ! -s "$path" ]; then
            append problems "file: $path is missing or empty"
        fi
    fi
    if [ -z "$problems" ]; then
        printf 'ok   %s\n' "$c_name"
    else
        fail_case "command: myohep $c_args
$problems"
        case $problems in
            *stderr:* | *exit:* | *"timed out"*)
                echo "       got stderr:"
                show_file "$err_file"
                ;;
        esac
        case $problems in
            *stdout:*)
                echo "       got stdout:"
                show_file "$out_file"
                ;;
        esac
    fi
    return 0
}

reset_case
line_no=0
while IFS= read -r line || [ -n "$line" ]; do
    line_no=$((line_no + 1))
    # drop a trailing carriage return (files edited on Windows)
    case $line in
        *"$(printf '\r')") line=${line%?} ;;
    esac
    case $line in
        '#'*) continue ;;
        *[!' 	']*) ;;
        *)
            run_case
            reset_case
            continue
            ;;
    esac
    key=${line%%:*}
    value=${line#*:}
    value=${value# }
    if [ "$key" = "$line" ]; then
        echo "FAIL cases.txt:$line_no: expected 'key: value', found '$line'"
        malformed=1
        continue
    fi
    [ -z "$c_seen" ] && c_line=$line_no
    c_seen=1
    case $key in
        name) c_name=$value ;;
        args) c_args=$value ;;
        exit) c_exit=$value ;;
        stderr) append c_stderr "$value" ;;
        stdout) append c_stdout "$value" ;;
        stdout_empty)
            case $value in
                yes | no) c_stdout_empty=$value ;;
                *)
                    echo "FAIL cases.txt:$line_no: stdout_empty: expected yes or no, found '$value'"
                    malformed=1
                    ;;
            esac
            ;;
        no_file) c_no_file=$value ;;
        file) c_file=$value ;;
        *)
            echo "FAIL cases.txt:$line_no: unknown key '$key' (expected name, args, exit, stderr, stdout, stdout_empty, no_file, file)"
            malformed=1
            ;;
    esac
done <"$CASES"
run_case

# Every malformed scenario must be exercised by some case.
uncovered=0
for f in "$BAD"/*; do
    [ -e "$f" ] || continue
    base=${f##*/}
    if ! grep -F -q -e "@BAD@/$base" "$CASES"; then
        echo "FAIL bad/$base is used by no case in cases.txt"
        uncovered=1
    fi
done

status=0
if [ "$n_bad" -lt "$MIN_BAD" ]; then
    echo "FAIL only $n_bad cases use a file in bad/ (at least $MIN_BAD expected): has the suite shrunk?"
    status=1
fi
[ "$malformed" -ne 0 ] && status=1
[ "$uncovered" -ne 0 ] && status=1
[ "$n_failed" -ne 0 ] && status=1
echo "$n_cases cases ($n_bad on files in bad/), $n_failed failed"
exit $status
