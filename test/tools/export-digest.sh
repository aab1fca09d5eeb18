#!/usr/bin/env bash
# Digests of every interfaces.md dataset exported from the demo county, for comparing two versions of the
# code: a refactoring must leave each export byte-identical.
#
#   test/tools/export-digest.sh [CHECKOUT] > digests.txt      # CHECKOUT defaults to this repository
#   test/tools/export-digest.sh --compare BASE_REF            # digests of BASE_REF (a git worktree) and of
#                                                             # the work tree side by side; exit 1 if any differ
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
datasets=(repeat-violators cross-domain-violators persistent-violators legal-rep-links key-project-risk
  publicity-quality indicators sector-heatmap warnings quarantine)

digest() {
  local repo=$1 dir
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  (cd "$repo" && node bin/sentinel.js --data-dir "$dir" demo --no-serve >/dev/null 2>&1)
  for d in "${datasets[@]}"; do
    for f in csv json; do
      (cd "$repo" && node bin/sentinel.js --data-dir "$dir" export "$d" --format "$f" --out "$dir/$d.$f" 2>/dev/null)
      printf '%s  %s.%s\n' "$(sha256sum < "$dir/$d.$f" | cut -c1-64)" "$d" "$f"
    done
  done
}

if [ "${1:-}" = "--compare" ]; then
  base=${2:?usage: export-digest.sh --compare BASE_REF}
  wt=$(mktemp -d)
  git -C "$here" worktree add --detach "$wt" "$base" >/dev/null 2>&1
  trap 'git -C "$here" worktree remove --force "$wt" >/dev/null 2>&1' EXIT
  ln -s "$here/node_modules" "$wt/node_modules"
  a=$(digest "$wt")
  b=$(digest "$here")
  if diff <(echo "$a") <(echo "$b"); then
    echo "identical: ${#datasets[@]} datasets × csv, json ($base vs work tree)"
  else
    echo "exports differ between $base and the work tree" >&2
    exit 1
  fi
else
  digest "${1:-$here}"
fi
