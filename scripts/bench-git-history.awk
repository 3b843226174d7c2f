# Writes a git fast-import stream of a synthetic agent-team history (used by bench-git):
# `main`, where a lead commits, and five agents each on a long-lived branch
# (`agent-<name>-1750000000` or `agents/<name>`) that is merged into main with a merge
# commit every 15 of its commits. 800 text files of 30 lines; each commit rewrites two
# lines in one to three files. Deterministic (fixed seed and dates).
#
#   LC_ALL=C awk -v total=50000 -f bench-git-history.awk </dev/null | git fast-import
BEGIN {
  srand(42)
  nfiles = 800; nlines = 30; t = 1700000000; mark = 0; made = 0
  split("builder validator architect planner tester", agent, " ")
  for (a = 1; a <= 5; a++) {
    ref[a] = (a % 2 ? "refs/heads/agent-" agent[a] "-1750000000" : "refs/heads/agents/" agent[a])
    tip[a] = 0; done[a] = 0
  }
  main_tip = 0
  while (made < total) {
    if (main_tip == 0 || rand() < 0.55) {
      main_tip = commit("refs/heads/main", "Lead", "lead@example.com", "Lead change " made, main_tip, 0)
    } else {
      a = int(rand() * 5) + 1
      base = tip[a] ? tip[a] : main_tip
      msg = "TASK-" (made % 900 + 100) ": " agent[a] " work " made
      if (rand() < 0.2) msg = msg "\n\nAgent: " agent[a]
      tip[a] = commit(ref[a], "Orchestrator", "orchestrator@example.com", msg, base, 0)
      if (++done[a] % 15 == 0 && made < total)
        main_tip = commit("refs/heads/main", "Lead", "lead@example.com", "Merge " agent[a] " work", main_tip, tip[a])
    }
  }
}

# Emits one commit on `branch` with parent `from` (and `merge` when non-zero); returns its mark.
function commit(branch, name, email, message, from, merge,    k, n, f, l, i, body) {
  t += 37 + int(rand() * 300)
  made++
  printf "commit %s\nmark :%d\n", branch, ++mark
  printf "author %s <%s> %d +0000\ncommitter %s <%s> %d +0000\n", name, email, t, name, email, t
  printf "data <<EOM\n%s\nEOM\n", message
  if (from) printf "from :%d\n", from
  if (merge) { printf "merge :%d\n", merge; printf "\n"; return mark }
  n = int(rand() * 3) + 1
  for (k = 0; k < n; k++) {
    f = int(rand() * nfiles)
    for (i = 0; i < 2; i++) { l = int(rand() * nlines); version[f, l] = made }
    body = ""
    for (l = 0; l < nlines; l++) body = body sprintf("line %d of src/module%d/file%d.swift, revision %d\n", l, f % 40, f, version[f, l])
    printf "M 100644 inline src/module%d/file%d.swift\ndata <<EOF\n%sEOF\n", f % 40, f, body
  }
  printf "\n"
  return mark
}
