#!/usr/bin/env bash
# compare-traces.sh REFERENCE.log OTHER.log: the init traces of two boots must list the same
# entries in the same order with the same results, except where one side reports the entry
# unsupported (an exclusion declared with its reason). Prints every difference.
set -u
trace() { grep -E '^unientry: init [0-9]+ ' "$1" | awk '{print $3, $4, $5}'; }
[ -s "$1" ] && [ -s "$2" ] || { echo "compare-traces.sh: missing log ($1, $2)"; exit 1; }
reference=$(trace "$1")
other=$(trace "$2")
[ -n "$reference" ] || { echo "no init trace in $1"; exit 1; }
status=0
if [ "$(awk '{print $1, $2}' <<<"$reference")" != "$(awk '{print $1, $2}' <<<"$other")" ]; then
  echo "the plans differ (level, entry):"
  diff <(awk '{print $1, $2}' <<<"$reference") <(awk '{print $1, $2}' <<<"$other")
  exit 1
fi
while read -r level name result && read -r _ _ other_result <&3; do
  [ "$result" = "$other_result" ] && continue
  [ "$result" = unsupported ] || [ "$other_result" = unsupported ] && continue
  echo "entry $name (level $level): $result in $(basename "$1"), $other_result in $(basename "$2")"
  status=1
done <<<"$reference" 3<<<"$other"
[ $status -eq 0 ] && echo "init traces match: $(wc -l <<<"$reference") entries"
exit $status
