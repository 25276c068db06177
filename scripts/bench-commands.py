#!/usr/bin/env python3
"""Time tcui's command-line commands on a large task list, and Taskwarrior's beside them.

Usage:

    python3 scripts/bench-commands.py [--tcui PATH] [--task PATH] [--sizes 10000,100000]
                                      [--runs 15] [--data DIR]

For each size N the script

1. generates N tasks shaped like a long-time Taskwarrior user's list: about 10% pending (a few
   of them waiting, a few started, a few blocked by another), 80% completed and 10% deleted;
   dotted projects (Home.Garden, Work.Reports, ...), 0-3 tags, a due date on a third, some
   priorities and annotations, with entry, modified and end times spread over three years up to
   today. The data is seeded, UUIDs included: the same size on the same day gives the same tasks
   (every time is counted back from today's midnight, UTC, so that waiting tasks wait);
2. writes them as `task export` JSON and loads that into a fresh tcui replica with `tcui import`;
3. with --task, writes the same tasks straight into a Taskwarrior 3.1 database
   (taskchampion.sqlite3 in TaskChampion 0.6's layout, pending tasks numbered in the same order),
   since `task import` takes minutes at this size;
4. checks that both hold N tasks with the expected number pending and that ID 1 is the same task
   in both, and stops with a message if not;
5. times whole processes (spawn to exit, standard output and error discarded) of `next`,
   `1 modify +bench` / `1 modify -bench` (alternating, so the data keeps its size), `export` and
   `count`: each command is first run once with its exit code checked (standard error shown if
   it is not 0), then twice unmeasured, then --runs times measured, tcui and task taking turns;
6. prints, per size, the median, quartiles and extremes in milliseconds, the ratio of the medians
   (task / tcui), and the peak resident memory of one more run of each, measured by GNU time
   (/usr/bin/time; left blank without it).

Both programs run with HOME and XDG folders pointing into a temporary folder and their own
taskrc (TASKRC): an empty one for tcui, one with `news.version=3.1.0` and `confirmation=off` for
task, and TCUI_DATA / TASKDATA naming the data; neither reads or writes the real home.

Generated data is kept under --data (default /tmp/tcui-bench-commands), one folder per size,
so a second run skips generation (the tcui replica is rebuilt when the tcui binary changes, and
everything is rebuilt once a waiting task's wait date has passed). Each run works on fresh
copies, so modify's undo history never piles up across runs.

Only the Python 3 standard library is used.
"""

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

SEED = 20240131
# Bump when the generated data changes shape, so cached data is rebuilt.
DATA_FORMAT = 1
WARMUPS = 2
GNU_TIME = "/usr/bin/time"

DAY = 86_400
YEARS = 3

PROJECTS = [
    "Home", "Home.Garden", "Home.Kitchen", "Home.Repairs", "Home.Finance",
    "Work", "Work.Reports", "Work.Meetings", "Work.Hiring", "Work.Infra.Backups",
    "Work.Infra.Monitoring", "Health", "Health.Running", "Errands", "Learning.Rust",
    "Learning.Piano", "Travel.2025", "Family", "Side.Blog", "Side.Garage",
]
TAGS = [
    "next", "phone", "email", "urgent", "someday", "bills", "errand", "read",
    "waiting", "review", "computer", "weekend", "quick", "car", "kids",
]
VERBS = [
    "Call", "Email", "Write", "Fix", "Buy", "Plan", "Check", "Review", "Book", "Clean",
    "Order", "Sort", "Reply to", "Prepare", "Update", "Read", "Pay", "Cancel", "Move", "Ask about",
]
OBJECTS = [
    "the landlord", "the quarterly report", "the tax return", "the garden hose", "the dentist",
    "the car insurance", "the backup job", "the team offsite", "the kitchen tap", "the blog post",
    "the interview feedback", "the gas bill", "the running shoes", "the piano lesson",
    "the photo archive", "the monitoring alerts", "the school trip", "the train tickets",
    "the bike brakes", "the library books",
]
TAILS = [
    "", "", "", "before Friday", "for next week", "again", "with Sam", "for the 1:1",
    "and file it", "(second try)", "after lunch", "on the way home",
]
NOTES = [
    "left a voicemail", "waiting for an answer", "see the email thread", "asked Sam",
    "price went up", "needs a second look", "half done", "moved to next month", "ordered",
    "they said Tuesday",
]

# (label, arguments, expected exit code); arguments None: `1 modify +bench`, then `-bench`, ...
COMMANDS = [
    ("next", ["next"], 0),
    ("1 modify +/-bench", None, 0),
    ("export", ["export"], 0),
    ("count", ["count"], 0),
]


def fail(message):
    sys.exit(f"bench-commands: {message}")


def tw_time(t):
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))


# ---------------------------------------------------------------------------------------------
# Data


def generate(size, anchor):
    """N tasks as dicts in `task export` form (times as epoch seconds until written out),
    oldest entry first."""
    rng = random.Random(SEED * 1_000_003 + size)
    span = YEARS * 365 * DAY
    tasks = []
    for _ in range(size):
        u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        r = rng.random()
        status = "pending" if r < 0.10 else "completed" if r < 0.90 else "deleted"
        if status == "pending":
            # Pending tasks lean recent, with a long tail of old ones.
            entry = anchor - int(span * rng.random() ** 2) - rng.randrange(DAY)
        else:
            entry = anchor - rng.randrange(span)
        t = {
            "uuid": u,
            "status": status,
            "description": " ".join(
                w for w in (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)) if w
            ),
            "entry": entry,
        }
        if status == "pending":
            t["modified"] = entry + int((anchor - entry) * rng.random() ** 3)
            t["modified"] = min(t["modified"], anchor - 60)
        else:
            end = min(entry + int(rng.expovariate(1 / (14 * DAY))) + 60, anchor - 60)
            t["end"] = end
            t["modified"] = end
        if rng.random() < 0.85:
            t["project"] = rng.choice(PROJECTS)
        ntags = rng.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0]
        if ntags:
            t["tags"] = sorted(rng.sample(TAGS, ntags))
        if rng.random() < 1 / 3:
            if status == "pending":
                due = anchor + rng.randrange(-30 * DAY, 120 * DAY)
            else:
                due = entry + rng.randrange(DAY, 30 * DAY)
            t["due"] = due - due % 3600
        p = rng.random()
        if p < 0.05:
            t["priority"] = "H"
        elif p < 0.17:
            t["priority"] = "M"
        elif p < 0.25:
            t["priority"] = "L"
        if rng.random() < 0.12:
            last = t.get("end", anchor - 60)
            times = set()
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                times.add(entry + rng.randrange(max(last - entry, 1)))
            t["annotations"] = [{"entry": a, "description": rng.choice(NOTES)} for a in sorted(times)]
        tasks.append(t)

    tasks.sort(key=lambda t: (t["entry"], t["uuid"]))

    # Among pending tasks: a few waiting (until a day months away), a few started, and a few
    # blocked by an older pending task.
    pending = [t for t in tasks if t["status"] == "pending"]
    for i, t in enumerate(pending):
        r = rng.random()
        if r < 0.05:
            t["wait"] = anchor + rng.randrange(60 * DAY, 365 * DAY)
            t["wait"] -= t["wait"] % DAY
        elif r < 0.10:
            t["start"] = max(t["entry"], anchor - rng.randrange(14 * DAY)) + 60
            t["start"] = min(t["start"], anchor - 60)
            t["modified"] = max(t["modified"], t["start"])
        if i > 0 and rng.random() < 0.03:
            t["depends"] = [pending[rng.randrange(i)]["uuid"]]
    return tasks


def counts_of(tasks):
    c = {"tasks": len(tasks), "pending": 0, "waiting": 0, "started": 0, "blocked": 0,
         "completed": 0, "deleted": 0}
    for t in tasks:
        c[t["status"]] += 1
        c["waiting"] += "wait" in t
        c["started"] += "start" in t
        c["blocked"] += "depends" in t
    return c


def export_form(t):
    out = {}
    for k, v in t.items():
        if k in ("entry", "modified", "end", "due", "wait", "start"):
            out[k] = tw_time(v)
        elif k == "annotations":
            out[k] = [{"entry": tw_time(a["entry"]), "description": a["description"]} for a in v]
        else:
            out[k] = v
    return out


def write_export(tasks, path):
    with open(path, "w") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(export_form(t), separators=(",", ":")) for t in tasks))
        f.write("\n]\n")


def task_map(t):
    """A task in TaskChampion's key/value form, as Taskwarrior 3 stores it."""
    m = {}
    for k, v in t.items():
        if k == "uuid":
            continue
        if k in ("entry", "modified", "end", "due", "wait", "start"):
            m[k] = str(v)
        elif k == "tags":
            for tag in v:
                m[f"tag_{tag}"] = ""
        elif k == "annotations":
            for a in v:
                m[f"annotation_{a['entry']}"] = a["description"]
        elif k == "depends":
            for d in v:
                m[f"dep_{d}"] = ""
        else:
            m[k] = v
    return m


def write_taskchampion_db(tasks, folder):
    """Taskwarrior 3.1.0's database (TaskChampion 0.6): the tasks, and the pending ones in the
    working set in list order, so their IDs are 1..P."""
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "taskchampion.sqlite3")
    db.executescript(
        "CREATE TABLE operations (id INTEGER PRIMARY KEY AUTOINCREMENT, data STRING);"
        "CREATE TABLE sync_meta (key STRING PRIMARY KEY, value STRING);"
        "CREATE TABLE tasks (uuid STRING PRIMARY KEY, data STRING);"
        "CREATE TABLE working_set (id INTEGER PRIMARY KEY, uuid STRING);"
    )
    with db:
        db.executemany(
            "INSERT INTO tasks (uuid, data) VALUES (?, ?)",
            ((t["uuid"], json.dumps(task_map(t))) for t in tasks),
        )
        pending = (t["uuid"] for t in tasks if t["status"] == "pending")
        db.executemany(
            "INSERT INTO working_set (id, uuid) VALUES (?, ?)",
            ((i, u) for i, u in enumerate(pending, start=1)),
        )
    db.close()


# ---------------------------------------------------------------------------------------------
# Running the programs


class Programs:
    def __init__(self, tcui, task, home):
        self.paths = {"tcui": tcui, "task": task}
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TASK", "TCUI_", "XDG_"))}
        env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local/share"),
                   XDG_STATE_HOME=str(home / ".local/state"),
                   XDG_CACHE_HOME=str(home / ".cache"))
        self.base_env = env
        self.envs = {}

    def point_at(self, name, **env):
        self.envs[name] = dict(self.base_env, **env)

    def run(self, name, args):
        """Run one program to completion, output discarded: (seconds, exit code)."""
        start = time.perf_counter()
        code = subprocess.run([self.paths[name], *args], env=self.envs[name],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode
        return time.perf_counter() - start, code

    def peak_rss(self, name, args):
        """Peak resident memory of one run in KiB, as GNU time reports it, or None.

        A child's own rusage is no use here: on Linux it starts from the RSS of the process that
        forked it, and this script's is larger than a small command's."""
        if not os.access(GNU_TIME, os.X_OK):
            return None
        with tempfile.NamedTemporaryFile("r") as out:
            subprocess.run([GNU_TIME, "-f", "%M", "-o", out.name, self.paths[name], *args],
                           env=self.envs[name], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            text = out.read().strip().splitlines()
        return int(text[-1]) if text and text[-1].isdigit() else None

    def capture(self, name, args):
        """Run one program to completion: (exit code, stdout, stderr)."""
        p = subprocess.run([self.paths[name], *args], env=self.envs[name],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    def must(self, name, args):
        code, out, err = self.capture(name, args)
        if code != 0:
            fail(f"{name} {' '.join(args)} exited with {code}:\n{err.strip()}")
        return out

    def version(self, name):
        code, out, err = self.capture(name, ["--version"])
        return (out or err).strip().splitlines()[0] if (out or err).strip() else f"exit {code}"


def binary_id(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def prepare(size, data_root, progs, with_task):
    """Make (or reuse) the data for one size; return (folder, counts)."""
    folder = data_root / f"n{size}"
    manifest_path = folder / "manifest.json"
    now = int(time.time())
    manifest = None
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if (manifest.get("format") != DATA_FORMAT or manifest.get("seed") != SEED
                or manifest.get("size") != size or manifest.get("first_wait", 0) < now + DAY
                or not (folder / "tasks.json").exists()
                or not (folder / "task" / "taskchampion.sqlite3").exists()):
            manifest = None
    if manifest is None:
        started = time.perf_counter()
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        anchor = now - now % DAY
        tasks = generate(size, anchor)
        write_export(tasks, folder / "tasks.json")
        write_taskchampion_db(tasks, folder / "task")
        (folder / "taskrc").write_text("")
        (folder / "taskrc-task").write_text("news.version=3.1.0\nconfirmation=off\n")
        manifest = {
            "format": DATA_FORMAT, "seed": SEED, "size": size, "anchor": tw_time(anchor),
            "first_wait": min((t["wait"] for t in tasks if "wait" in t), default=now + 365 * DAY),
            "counts": counts_of(tasks),
            "id1": next(t["uuid"] for t in tasks if t["status"] == "pending"),
        }
        manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
        print(f"  generated {size:,} tasks (times up to {manifest['anchor']}) "
              f"in {time.perf_counter() - started:.1f} s")
    else:
        print(f"  reusing the {size:,} tasks generated up to {manifest['anchor']} in {folder}")

    tcui_id = binary_id(progs.paths["tcui"])
    if manifest.get("tcui_binary") != tcui_id or not (folder / "tcui").exists():
        if (folder / "tcui").exists():
            shutil.rmtree(folder / "tcui")
        progs.point_at("tcui", TCUI_DATA=str(folder / "tcui"), TASKRC=str(folder / "taskrc"))
        started = time.perf_counter()
        progs.must("tcui", ["import", str(folder / "tasks.json")])
        print(f"  tcui import took {time.perf_counter() - started:.1f} s")
        manifest["tcui_binary"] = tcui_id
        manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")

    # Fresh copies to run on.
    run = folder / "run"
    if run.exists():
        shutil.rmtree(run)
    run.mkdir()
    shutil.copytree(folder / "tcui", run / "tcui")
    progs.point_at("tcui", TCUI_DATA=str(run / "tcui"), TASKRC=str(folder / "taskrc"))
    names = ["tcui"]
    if with_task:
        shutil.copytree(folder / "task", run / "task")
        progs.point_at("task", TASKDATA=str(run / "task"), TASKRC=str(folder / "taskrc-task"))
        names.append("task")

    c = manifest["counts"]
    for name in names:
        checks = [
            (["count"], c["tasks"]),
            (["count", "status:pending"], c["pending"] - c["waiting"]),
            (["count", "status:waiting"], c["waiting"]),
            (["count", "status:completed"], c["completed"]),
        ]
        for args, want in checks:
            got = progs.must(name, args).strip()
            if got != str(want):
                fail(f"{name} {' '.join(args)} says {got!r}, but {want} were generated "
                     f"(data in {folder})")
        exported = json.loads(progs.must(name, ["export"]))
        if len(exported) != c["tasks"]:
            fail(f"{name} export gives {len(exported)} tasks, but {c['tasks']} were generated")
        got = progs.must(name, ["1", "uuids"]).strip()
        if got != manifest["id1"]:
            fail(f"{name}'s task 1 is {got!r}, but {manifest['id1']} was generated as the first")
    return folder, c


# ---------------------------------------------------------------------------------------------
# Timing


def arguments(args, turn):
    if args is None:
        return ["1", "modify", "+bench" if turn % 2 == 0 else "-bench"]
    return args


def bench(progs, names, runs):
    """{label: {program: {"times": [seconds], "codes": {unexpected}, "rss": KiB}
    or {"failed": text}}}"""
    results = {}
    for command, args, expected in COMMANDS:
        turns = dict.fromkeys(names, 0)
        result = {}
        live = []
        for name in names:
            a = arguments(args, turns[name])
            turns[name] += 1
            code, _, err = progs.capture(name, a)
            if code != expected:
                print(f"  {name} {' '.join(a)} exited with {code}, not {expected}:", file=sys.stderr)
                print("    " + "\n    ".join(err.strip().splitlines()[-10:]), file=sys.stderr)
                result[name] = {"failed": f"exit {code}"}
            else:
                result[name] = {"times": [], "codes": set()}
                live.append(name)
        for i in range(WARMUPS + runs):
            for name in live:
                a = arguments(args, turns[name])
                turns[name] += 1
                seconds, code = progs.run(name, a)
                if i >= WARMUPS:
                    result[name]["times"].append(seconds)
                    if code != expected:
                        result[name]["codes"].add(code)
        for name in live:
            result[name]["rss"] = progs.peak_rss(name, arguments(args, turns[name]))
            turns[name] += 1
        results[command] = result
    return results


def quartiles(xs):
    if len(xs) < 2:
        return xs[0], xs[0]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[2]


def table(results, names):
    head = ["command"]
    for name in names:
        head += [f"{name} median", "p25-p75", "min-max"]
    if len(names) == 2:
        head.append("task/tcui")
    head += [f"{name} RSS" for name in names]
    rows = [head]
    notes = []
    for command, _, _ in COMMANDS:
        r = results[command]
        row = [command]
        medians = {}
        for name in names:
            x = r[name]
            if "failed" in x:
                row += [x["failed"], "", ""]
                continue
            ms = [t * 1000 for t in x["times"]]
            medians[name] = statistics.median(ms)
            lo, hi = quartiles(ms)
            row += [f"{medians[name]:.1f} ms", f"{lo:.1f}-{hi:.1f}", f"{min(ms):.1f}-{max(ms):.1f}"]
            if x["codes"]:
                notes.append(f"{command}: {name} also exited with {sorted(x['codes'])} in timed runs")
        if len(names) == 2:
            row.append(f"{medians['task'] / medians['tcui']:.1f}x"
                       if len(medians) == 2 else "")
        for name in names:
            x = r[name]
            row.append(f"{x['rss'] / 1024:.1f} MiB" if x.get("rss") else "")
        rows.append(row)
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  " + "  ".join(cells))
        if n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    lines.append("  ms: wall time of the whole process; RSS: peak resident memory of one more run"
                 + ("" if os.access(GNU_TIME, os.X_OK) else f" (blank: no {GNU_TIME})"))
    lines += [f"  note: {n}" for n in notes]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description="Time tcui's (and optionally Taskwarrior's) commands on generated data.")
    parser.add_argument("--tcui", default="target/release/tcui", help="tcui binary")
    parser.add_argument("--task", help="Taskwarrior 3.1 binary to compare with")
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated task counts")
    parser.add_argument("--runs", type=int, default=15, help="measured runs per command")
    parser.add_argument("--data", default="/tmp/tcui-bench-commands",
                        help="folder for the generated data, kept between runs")
    opts = parser.parse_args()
    try:
        sizes = [int(s.replace("_", "")) for s in opts.sizes.split(",") if s.strip()]
    except ValueError:
        fail(f"--sizes takes numbers separated by commas, not {opts.sizes!r}")
    if not sizes or min(sizes) < 10:
        fail("each size must be at least 10 tasks")
    if opts.runs < 1:
        fail("--runs must be at least 1")
    tcui = shutil.which(opts.tcui) or fail(f"no tcui binary at {opts.tcui}")
    tcui = str(Path(tcui).resolve())
    task = None
    if opts.task:
        task = shutil.which(opts.task) or fail(f"no task binary at {opts.task}")
        task = str(Path(task).resolve())
    names = ["tcui", "task"] if task else ["tcui"]
    data_root = Path(opts.data).resolve()
    data_root.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="tcui-bench-home-") as home:
        progs = Programs(tcui, task, Path(home))
        progs.point_at("tcui", TCUI_DATA=str(Path(home) / "none"), TASKRC="/dev/null")
        if task:
            progs.point_at("task", TASKDATA=str(Path(home) / "none"), TASKRC="/dev/null")
        print("bench-commands: whole-process wall time of each command, "
              "standard output and error to /dev/null")
        for name in names:
            print(f"  {name:<5} {progs.paths[name]} ({progs.version(name)})")
        print(f"  {WARMUPS} unmeasured + {opts.runs} measured runs per command and program"
              + (", tcui and task taking turns" if task else ""))
        print(f"  machine: {platform.system()} {platform.release()}, {os.cpu_count()} CPUs; "
              f"data in {data_root}")
        total = time.perf_counter()
        for size in sizes:
            print(f"\nN = {size:,}")
            started = time.perf_counter()
            folder, c = prepare(size, data_root, progs, task is not None)
            print(f"  data ready and checked in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            load_before = os.getloadavg()[0]
            results = bench(progs, names, opts.runs)
            print(f"\n{c['tasks']:,} tasks: {c['pending']:,} pending ({c['waiting']:,} waiting, "
                  f"{c['started']:,} started, {c['blocked']:,} blocked), "
                  f"{c['completed']:,} completed, {c['deleted']:,} deleted; "
                  f"{opts.runs} measured runs each")
            print(f"timing took {time.perf_counter() - started:.0f} s; load average "
                  f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after "
                  f"(other work on the machine shows up as noise)")
            print(table(results, names))
            shutil.rmtree(folder / "run")
        print(f"\ntotal {time.perf_counter() - total:.0f} s")


if __name__ == "__main__":
    main()
