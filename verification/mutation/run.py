#!/usr/bin/env python3
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
"""Plants each bug of mutations.py in a scratch copy of the repository and runs that class's own tests.

For every mutation: copy HEAD into a git worktree (once), replace the mutation's `find` text by its
`replace` text, run the class's JUnit tests (unit, contract, Lincheck and scale tests: see TESTS) with
Maven offline, and the structural checks it touches: AccessModeCommentsTest for a VarHandle access mode,
OrderingInventoryTest for a volatile or a fence removed or changed; then restore the file. A mutation is *caught* when some test fails, *survives*
when every test passes, and is a *harness error* when it does not compile. jcstress is not run here
(docs/verification.md says which jcstress test covers what).

Usage, from the repository root (the primitives are installed from HEAD first, so that structures'
tests see the unmutated primitives):
    python3 verification/mutation/run.py [--only REGEX] [--json FILE] [--markdown FILE]
"""
import argparse
import collections
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mutations import MUTATIONS  # noqa: E402

# Each class's own tests: (module, surefire -Dtest pattern). The negative-control test classes are
# left out, as they exercise the Broken copies, except the bounded tests that also run the real class
# through what their control gets wrong (docs/verification.md, "Lost wake-ups").
TESTS = {
    "AtomicCounter": ("primitives", "AtomicCounter*"),
    "StripedCounter": ("primitives", "StripedCounter*"),
    "LockedCounter": ("primitives", "LockedCounter*"),
    "TasLock": ("primitives", "TasLock*"),
    "TtasLock": ("primitives", "TtasLock*"),
    "BackoffLock": ("primitives", "BackoffLock*"),
    "TicketLock": ("primitives", "TicketLock*"),
    "ClhLock": ("primitives", "ClhLock*"),
    "McsLock": ("primitives", "McsLock*"),
    "ReentrantMutex": ("primitives", "*ReentrantMutex*,CancelWakeUpNegativeControlTest,TimeoutRefundNegativeControlTest,"
                                       "SignalTransferNegativeControlTest"),
    "ConditionQueue": ("primitives", "*ReentrantMutex*,*WriteLockTest,SignalCancelNegativeControlTest,"
                                       "SignalTransferNegativeControlTest"),
    "ReadWriteMutex": ("primitives", "*ReadWriteMutex*,HandOffNegativeControlTest,PolicyNegativeControlTest,"
                                       "TimeoutRefundNegativeControlTest,SignalCancelNegativeControlTest"),
    "TokenBucket": ("primitives", "TokenBucket*,RefundNegativeControlTest"),
    "RateMath": ("primitives", "RateMath*,TokenBucket*"),
    "MpmcArrayQueue": ("structures", "MpmcArrayQueue*"),
    "LockFreeLinkedQueue": ("structures", "LockFreeLinkedQueue*"),
    "LockingArrayQueue": ("structures", "*LockingArrayQueue*,PassOnWakeUpNegativeControlTest"),
    "LockingPriorityQueue": ("structures", "*LockingPriorityQueue*,PassOnWakeUpNegativeControlTest,"
                                           "PriorityNegativeControlTest"),
    "SpscArrayQueue": ("structures", "SpscArrayQueue*"),
    "TwoLockLinkedQueue": ("structures", "*TwoLockLinkedQueue*,PassOnWakeUpNegativeControlTest"),
    "TreiberStack": ("structures", "TreiberStack*"),
    "EliminationBackoffStack": ("structures", "EliminationBackoffStack*,EliminatingFirstStackTest"),
    "LockFreeExchanger": ("structures", "*LockFreeExchanger*,EliminationBackoffStack*,ExchangerParkNegativeControlTest"),
    "LockingStack": ("structures", "*LockingStack*"),
    "Event": ("primitives", "Event*,CountDownLatch*,LostReleaseNegativeControlTest"),
    "CountDownLatch": ("primitives", "CountDownLatch*"),
    "Semaphore": ("primitives", "Semaphore*,LostReleaseNegativeControlTest,TimeoutNegativeControlTest,"
                                 "PassOnNegativeControlTest,BargingNegativeControlTest"),
    "Barrier": ("primitives", "Barrier*,LostReleaseNegativeControlTest"),
    "token-bucket": ("redis", "RedisTokenBucket*"),  # needs redis-server on the PATH, as the module's tests do
}

ACCESS_MODE = re.compile(r"\b[A-Z][A-Z_]*\.\w+(Plain|Opaque|Acquire|Release)\(|\b[A-Z][A-Z_]*\.(get|set)\(")  # a weak mode
ORDERING = re.compile(r"\bvolatile\b|\bVarHandle\.\w+Fence\(")  # a volatile field or a fence
COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/|^\s*\*[^\n]*", re.S | re.M)  # a comment, or a javadoc line


def ordering(text):
    """The volatile keywords and fences in the code of a snippet, by kind: comments do not count."""
    return collections.Counter(ORDERING.findall(COMMENT.sub("", text)))
TIMEOUT_SECONDS = 900


def run(command, cwd, timeout=TIMEOUT_SECONDS):
    started = time.monotonic()
    # A session of its own, so that a hung mutant's forked test JVM can be killed with Maven's.
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
        return process.returncode, output, time.monotonic() - started
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return None, output or "", time.monotonic() - started


def failures(reports_dir):
    """(test, first line of the message) for every failed or errored test case in the surefire reports."""
    found = []
    if not os.path.isdir(reports_dir):
        return found
    for name in sorted(os.listdir(reports_dir)):
        if not (name.startswith("TEST-") and name.endswith(".xml")):
            continue
        for case in ElementTree.parse(os.path.join(reports_dir, name)).getroot().iter("testcase"):
            for child in case:
                if child.tag in ("failure", "error"):
                    message = (child.get("message") or child.get("type") or "").strip().splitlines()
                    # The model-checking execution's reports name the class "Foo(model-checking)".
                    simple = case.get("classname", "").rsplit(".", 1)[-1].split("(", 1)[0]
                    found.append((simple + "#" + case.get("name", ""), message[0][:160] if message else ""))
    return found


def maven(worktree, module, pattern):
    reports = os.path.join(worktree, module, "target", "surefire-reports")
    shutil.rmtree(reports, ignore_errors=True)
    # failure.ignore: a failure in Surefire's default execution must not skip the model-checking one
    # (pom.xml), so that every test that catches the bug is listed.
    code, output, seconds = run(["./mvnw", "-B", "-o", "test", "-pl", module, "-Dtest=" + pattern,
                                 "-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.test.failure.ignore=true"],
                                worktree)
    return code, output, seconds, failures(reports)


def judge(mutation, worktree):
    simple = os.path.splitext(os.path.basename(mutation["file"]))[0]
    module, pattern = TESTS[simple]
    path = os.path.join(worktree, mutation["file"])
    with open(path) as source:
        original = source.read()
    if original.count(mutation["find"]) != 1:
        return dict(outcome="harness error", detail="find text occurs %d times" % original.count(mutation["find"]))
    with open(path, "w") as source:
        source.write(original.replace(mutation["find"], mutation["replace"]))
    try:
        code, output, seconds, failed = maven(worktree, module, pattern)
        if code is None:
            return dict(outcome="hang", seconds=round(seconds), detail="no result within %d s" % TIMEOUT_SECONDS)
        if code != 0 and not failed:
            error = next((line for line in output.splitlines() if "[ERROR]" in line and ".java" in line), "")
            return dict(outcome="harness error", seconds=round(seconds), detail=error[:200] or "build failed")
        result = dict(outcome="caught" if failed else "survived", seconds=round(seconds),
                      failed=[test for test, _ in failed], detail=failed[0][1] if failed else "")
        checks = []
        if ACCESS_MODE.search(mutation["replace"]):
            checks.append("AccessModeCommentsTest")
        if ordering(mutation["replace"]) != ordering(mutation["find"]):
            checks.append("OrderingInventoryTest")  # a volatile or a fence removed, or a fence of another kind
        for check in checks:
            code, _, more, structural = maven(worktree, "verification", check)
            result["seconds"] += round(more)
            if structural:
                result["failed"].append(check)
                if result["outcome"] == "survived":
                    result["outcome"] = "caught"
                    result["detail"] = structural[0][1]
        return result
    finally:
        with open(path, "w") as source:
            source.write(original)


def markdown(results):
    java = subprocess.run(["java", "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True).stdout.splitlines()[0]
    caught = sum(1 for _, result in results if result["outcome"] == "caught")
    runs = collections.Counter((result.get("commit", "?"), result.get("started", "?")) for _, result in results)
    judged = "; ".join("%d at commit %s (run started %s UTC)" % (count, commit, started)
                       for (commit, started), count in sorted(runs.items(), key=lambda run: run[0][1]))
    lines = ["# Planted bugs and the tests that catch them", "",
             "Made by `python3 verification/mutation/run.py --json docs/verification-mutations.json"
             " --markdown docs/verification-mutations.md`; a later `--only REGEX --update"
             " docs/verification-mutations.json --markdown docs/verification-mutations.md` reruns some and keeps"
             " the rest, each with the commit it was judged at (the bugs are in"
             " [mutations.py](../verification/mutation/mutations.py); what the harness runs,"
             " and how to read this table, is in [verification.md](verification.md#planted-bugs)).", "",
             "- Judged: %s; %s, %d CPUs." % (judged, java, os.cpu_count()),
             "- **%d of %d caught** by the class's own JUnit tests or by the structural checks (`AccessModeCommentsTest`, `OrderingInventoryTest`)." % (
                 caught, len(results)), "",
             "| mutation | kind | the bug | outcome | failing tests (first three) | s |",
             "|---|---|---|---|---|---:|"]
    for mutation, result in results:
        tests = ", ".join("`%s`" % test for test in result.get("failed", [])[:3])
        more = len(result.get("failed", [])) - 3
        if more > 0:
            tests += " and %d more" % more
        outcome = result["outcome"] if result["outcome"] != "survived" else "**survived**"
        lines.append("| `%s` | %s | %s | %s | %s | %s |" % (
            mutation["id"], mutation["kind"], html.escape(mutation["bug"]).replace("|", "\\|"), outcome,
            tests or html.escape(result.get("detail", "")).replace("|", "\\|"), result.get("seconds", "")))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="run only the mutations whose id matches this regular expression")
    parser.add_argument("--json", help="write the results as JSON to this file")
    parser.add_argument("--markdown", help="write the results as a markdown table to this file")
    parser.add_argument("--update", metavar="JSON", help="start from the results in this file (written by --json):"
                        " rerun only the selected mutations, keep the others' results, and write it back")
    parser.add_argument("--check", action="store_true", help="only check that each mutation's find text occurs"
                        " exactly once in today's source (seconds; .ci/run does this), then exit")
    arguments = parser.parse_args()
    selected = [m for m in MUTATIONS if not arguments.only or re.search(arguments.only, m["id"])]
    if arguments.check:
        stale = []
        root = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
        for mutation in selected:
            with open(os.path.join(root, mutation["file"])) as source:
                count = source.read().count(mutation["find"])
            if count != 1:
                stale.append("%s: its find text occurs %d times in %s" % (mutation["id"], count, mutation["file"]))
        print("\n".join(stale) or "%d mutations, each find text found once" % len(selected))
        sys.exit(1 if stale else 0)
    repository = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
    commit = subprocess.check_output(["git", "rev-parse", "HEAD"], cwd=repository, text=True).strip()
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    worktree = tempfile.mkdtemp(prefix="interlock-mutation-")
    subprocess.check_call(["git", "worktree", "add", "-q", "--detach", worktree, "HEAD"], cwd=repository)
    results = []
    earlier = {}
    if arguments.update:
        with open(arguments.update) as previous:
            earlier = {entry["id"]: entry for entry in json.load(previous)}
        arguments.json = arguments.json or arguments.update
    try:
        code, output, _ = run(["./mvnw", "-B", "-o", "-q", "install", "-pl", "primitives",
                               "-DskipTests", "-DskipITs"], worktree)
        if code != 0:
            sys.exit("installing the unmutated primitives failed:\n" + output[-3000:])
        for index, mutation in enumerate(selected, 1):
            result = dict(judge(mutation, worktree), commit=commit[:7], started=started)
            results.append((mutation, result))
            print("[%d/%d] %-55s %-14s %4ss %s" % (index, len(selected), mutation["id"], result["outcome"],
                                                    result.get("seconds", "?"),
                                                    ", ".join(result.get("failed", [])[:2]) or result.get("detail", "")),
                  flush=True)
            if arguments.json and not earlier:
                with open(arguments.json, "w") as out:
                    json.dump([dict(mutation, **result) for mutation, result in results], out, indent=1)
    finally:
        subprocess.call(["git", "worktree", "remove", "--force", worktree], cwd=repository)
    if earlier:
        rerun = {mutation["id"]: (mutation, result) for mutation, result in results}
        keys = ("outcome", "seconds", "failed", "detail", "commit", "started")
        results = [rerun.get(m["id"]) or (m, {k: earlier[m["id"]][k] for k in keys if k in earlier[m["id"]]})
                   for m in MUTATIONS if m["id"] in rerun or m["id"] in earlier]
        with open(arguments.json, "w") as out:
            json.dump([dict(mutation, **result) for mutation, result in results], out, indent=1)
    if arguments.markdown:
        with open(arguments.markdown, "w") as out:
            out.write(markdown(results))
    survived = [mutation["id"] for mutation, result in results if result["outcome"] != "caught"]
    print("%d of %d caught%s" % (len(results) - len(survived), len(results),
                                 "; not caught: " + ", ".join(survived) if survived else ""))


if __name__ == "__main__":
    main()
