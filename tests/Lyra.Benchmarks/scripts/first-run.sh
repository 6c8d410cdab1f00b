#!/usr/bin/env bash
# Whole-process timing of a first `lyra backtest` on a new 1,000,000-row OHLCV CSV (SMA-cross, report written) and of
# the same run from the columnar cache. Publishes lyra ReadyToRun, as a trader installs it, then runs each case N times
# (default 5) with a fresh cache folder for the cold case. Prints every run and the median. Usage: first-run.sh [runs]
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d /tmp/lyra-first-run-XXXX)
trap 'rm -rf "$work"' EXIT
dotnet publish "$root/functions/Lyra.Cli" -c Release -r linux-x64 --self-contained false -o "$work/lyra" >/dev/null
lyra="$work/lyra/lyra"
"$lyra" data synth --bars 1000000 --seed 7 --out "$work/1m.csv" >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { # $1 = label, $2 = cache folder (emptied first when $3 = cold)
  local times=()
  for _ in $(seq "$runs"); do
    [ "$3" = cold ] && rm -rf "$2"
    local t0=$(date +%s.%N)
    XDG_CACHE_HOME="$2" "$lyra" backtest --data "$work/1m.csv" --strategy sma-cross --out "$work/report" >/dev/null
    times+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')")
  done
  printf '%-28s %s   median %s s\n' "$1" "${times[*]}" "$(printf '%s\n' "${times[@]}" | median)"
}
run "first run (parse CSV)" "$work/cache" cold
run "from the columnar cache" "$work/cache" warm
