#!/usr/bin/env bash
# The README's follow-up example, end to end on this machine only:
#   1. serve four of the bundled London-talks articles as a feed (scripts/serve_feed.py, 127.0.0.1);
#   2. first digest of the feed, kept as JSON (the state a bot keeps);
#   3. one more article arrives (the fifth is copied in);
#   4. second digest against the first: only what is new.
# Run from anywhere: bash examples/followup-demo.sh   (SUMMARIZE / PYTHON pick other executables)
set -euo pipefail
cd "$(dirname "$0")/.."
summarize=${SUMMARIZE:-summarize}
python=${PYTHON:-python3}
site=$(mktemp -d) state=$(mktemp -d)
models="${SUMMARIZE_CACHE:-$HOME/.cache/summarize}/models"
export SUMMARIZE_CACHE="$state/cache"   # a fresh HTTP cache, so the counts below are the same every time,
mkdir -p "$SUMMARIZE_CACHE"             # but the models setup built (the paraphrase model) as they are
if [ -d "$models" ]; then ln -s "$models" "$SUMMARIZE_CACHE/models"; fi
"$python" scripts/serve_feed.py "$site" --port "${PORT:-0}" > "$state/url" &   # PORT=8765: the README's URLs
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$site" "$state"' EXIT
for f in examples/london-talks/00[0-3]_*.txt; do cp "$f" "$site/"; done
until [ -s "$state/url" ]; do sleep 0.1; done
feed=$(cat "$state/url")

echo "\$ summarize digest $feed --allow-private --no-fuse -f json -o day1.json"
$summarize digest "$feed" --allow-private --no-fuse -f json -o "$state/day1.json"
$summarize digest "$feed" --allow-private --no-fuse --quiet   # the same brief, as Markdown (all cached)

sleep 1   # the new article is one second newer than the others
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cp examples/london-talks/004_*.txt "$site/"
echo
echo "\$ summarize digest $feed --allow-private --no-fuse --since $since --since-brief day1.json --only-new"
$summarize digest "$feed" --allow-private --no-fuse --since "$since" --since-brief "$state/day1.json" --only-new
