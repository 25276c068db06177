//! What Taskwarrior 3.1.0 found for each filter (`task FILTER export`, the taskrc below,
//! `TZ=UTC`) on the tasks of [`TASKS`]: each a filter and the tasks it found, by the
//! number their UUID ends with.
//! `{H}` in the tasks stands for the time H hours from now.

pub const TASKRC: &str = "uda.estimate.type=numeric\nsearch.case.sensitive=yes\n";

pub const TASKS: &str = r#"[{"uuid": "abcdef12-0000-0000-0000-000000000001", "description": "bank plan rent", "entry": "{-149}", "modified": "{-1}", "status": "completed", "end": "{-49}", "project": "work.admin"}, {"uuid": "abcdef12-0000-0000-0000-000000000002", "description": "Fence", "entry": "{-1292}", "modified": "{-1}", "status": "pending", "tags": ["next", "errand", "urgent"], "scheduled": "{14}", "priority": "M"}, {"uuid": "00000000-0000-0000-0000-000000000003", "description": "milk call", "entry": "{-1122}", "modified": "{-1}", "status": "completed", "end": "{-289}", "tags": ["someday"]}, {"uuid": "abcdef12-0000-0000-0000-000000000004", "description": "Tax café", "entry": "{-615}", "modified": "{-1}", "status": "pending", "project": "work.admin", "tags": ["phone", "bills", "next"], "due": "{456}", "scheduled": "{-25}", "estimate": "2"}, {"uuid": "abcdef12-0000-0000-0000-000000000005", "description": "buy milk book", "entry": "{-1188}", "modified": "{-1}", "status": "completed", "end": "{-36}", "project": "home", "tags": ["someday", "next"], "due": "{234}"}, {"uuid": "00000000-0000-0000-0000-000000000006", "description": "read", "entry": "{-728}", "modified": "{-1}", "status": "pending", "project": "home", "tags": ["next", "errand", "phone"], "due": "{107}", "estimate": "7"}, {"uuid": "abcdef12-0000-0000-0000-000000000007", "description": "trip milk plan", "entry": "{-1962}", "modified": "{-1}", "status": "pending", "project": "home", "tags": ["errand"], "due": "{77}", "scheduled": "{101}", "priority": "H"}, {"uuid": "abcdef12-0000-0000-0000-000000000008", "description": "read", "entry": "{-1843}", "modified": "{-1}", "status": "completed", "end": "{-488}", "project": "Work", "tags": ["someday", "urgent", "next"], "due": "{420}", "scheduled": "{-166}", "estimate": "1", "annotations": [{"entry": "{-37}", "description": "bank tomatoes"}]}, {"uuid": "00000000-0000-0000-0000-000000000009", "description": "Tax", "entry": "{-1791}", "modified": "{-1}", "status": "pending", "project": "Work", "tags": ["urgent"], "due": "{311}", "priority": "M", "depends": ["abcdef12-0000-0000-0000-000000000002"]}, {"uuid": "abcdef12-0000-0000-0000-00000000000a", "description": "email book the", "entry": "{-1058}", "modified": "{-1}", "status": "pending", "project": "work.admin", "tags": ["urgent"], "scheduled": "{70}", "estimate": "5"}, {"uuid": "abcdef12-0000-0000-0000-00000000000b", "description": "tomatoes Über", "entry": "{-1596}", "modified": "{-1}", "status": "pending", "project": "home.bills", "tags": ["errand"], "annotations": [{"entry": "{-2}", "description": "email book"}]}, {"uuid": "00000000-0000-0000-0000-00000000000c", "description": "read milk café", "entry": "{-165}", "modified": "{-1}", "status": "pending", "project": "home.bills", "tags": ["errand", "phone", "urgent"], "due": "{849}", "annotations": [{"entry": "{-43}", "description": "call plan"}]}, {"uuid": "abcdef12-0000-0000-0000-00000000000d", "description": "the trip buy Tax", "entry": "{-1641}", "modified": "{-1}", "status": "deleted", "end": "{-370}", "project": "Work", "tags": ["someday", "next", "errand"], "due": "{-140}", "scheduled": "{102}", "estimate": "8"}, {"uuid": "abcdef12-0000-0000-0000-00000000000e", "description": "pay Über", "entry": "{-1638}", "modified": "{-1}", "status": "deleted", "end": "{-333}", "project": "home", "tags": ["someday"], "scheduled": "{-92}", "priority": "L"}, {"uuid": "00000000-0000-0000-0000-00000000000f", "description": "rent milk", "entry": "{-1839}", "modified": "{-1}", "status": "pending", "project": "Work", "tags": ["bills"], "due": "{645}", "scheduled": "{25}", "annotations": [{"entry": "{-10}", "description": "book call"}]}, {"uuid": "abcdef12-0000-0000-0000-000000000010", "description": "call tomatoes rent Fence", "entry": "{-392}", "modified": "{-1}", "status": "pending", "project": "home", "tags": ["bills", "next", "urgent"], "due": "{854}", "priority": "M"}, {"uuid": "abcdef12-0000-0000-0000-000000000011", "description": "tomatoes fix read", "entry": "{-281}", "modified": "{-1}", "status": "pending", "project": "Work", "tags": ["phone", "next", "errand"], "due": "{35}", "estimate": "6", "annotations": [{"entry": "{-9}", "description": "read Fence"}], "depends": ["abcdef12-0000-0000-0000-000000000010"]}, {"uuid": "00000000-0000-0000-0000-000000000012", "description": "Fence the", "entry": "{-1447}", "modified": "{-1}", "status": "pending", "project": "Work", "tags": ["someday", "errand"], "due": "{-212}", "wait": "{293}"}, {"uuid": "abcdef12-0000-0000-0000-000000000013", "description": "call", "entry": "{-1882}", "modified": "{-1}", "status": "completed", "end": "{-498}", "project": "home", "due": "{-319}"}, {"uuid": "abcdef12-0000-0000-0000-000000000014", "description": "bank tomatoes water book", "entry": "{-1435}", "modified": "{-1}", "status": "pending", "project": "work", "scheduled": "{-163}", "priority": "H", "annotations": [{"entry": "{-15}", "description": "Tax email"}]}, {"uuid": "00000000-0000-0000-0000-000000000015", "description": "tomatoes trip email", "entry": "{-1274}", "modified": "{-1}", "status": "pending", "project": "home.bills"}, {"uuid": "abcdef12-0000-0000-0000-000000000016", "description": "email milk", "entry": "{-1646}", "modified": "{-1}", "status": "pending", "project": "work", "due": "{635}", "annotations": [{"entry": "{-42}", "description": "trip book"}]}, {"uuid": "abcdef12-0000-0000-0000-000000000017", "description": "fix Fence buy", "entry": "{-407}", "modified": "{-1}", "status": "completed", "end": "{-362}", "project": "home.garden", "tags": ["phone", "next", "errand"], "due": "{880}", "priority": "H"}, {"uuid": "00000000-0000-0000-0000-000000000018", "description": "Ann rent", "entry": "{-941}", "modified": "{-1}", "status": "pending", "project": "work", "tags": ["next", "phone", "bills"], "priority": "M", "annotations": [{"entry": "{-22}", "description": "plan Tax"}]}, {"uuid": "abcdef12-0000-0000-0000-000000000019", "description": "Fence water", "entry": "{-1590}", "modified": "{-1}", "status": "pending", "project": "work", "due": "{801}", "scheduled": "{-189}", "estimate": "9"}, {"uuid": "abcdef12-0000-0000-0000-00000000001a", "description": "buy book bank Ann", "entry": "{-1484}", "modified": "{-1}", "status": "pending", "project": "home.garden"}, {"uuid": "00000000-0000-0000-0000-00000000001b", "description": "café", "entry": "{-1635}", "modified": "{-1}", "status": "deleted", "end": "{-350}", "project": "home.bills", "due": "{-128}", "annotations": [{"entry": "{-2}", "description": "tomatoes Fence"}], "depends": ["abcdef12-0000-0000-0000-00000000001a"]}, {"uuid": "abcdef12-0000-0000-0000-00000000001c", "description": "water", "entry": "{-1839}", "modified": "{-1}", "status": "pending", "project": "home", "tags": ["phone", "next", "urgent"], "due": "{20}", "annotations": [{"entry": "{-44}", "description": "Ann rent"}]}, {"uuid": "abcdef12-0000-0000-0000-00000000001d", "description": "Über", "entry": "{-302}", "modified": "{-1}", "status": "pending", "project": "work", "tags": ["next"], "due": "{594}"}, {"uuid": "00000000-0000-0000-0000-00000000001e", "description": "call tomatoes fix Ann", "entry": "{-176}", "modified": "{-1}", "status": "deleted", "end": "{-9}", "project": "work", "tags": ["next", "bills", "someday"], "estimate": "2", "annotations": [{"entry": "{-34}", "description": "email milk"}]}, {"uuid": "abcdef12-0000-0000-0000-00000000001f", "description": "call milk Fence", "entry": "{-1020}", "modified": "{-1}", "status": "deleted", "end": "{-249}", "project": "Work", "due": "{606}"}, {"uuid": "abcdef12-0000-0000-0000-000000000020", "description": "buy plan call", "entry": "{-1925}", "modified": "{-1}", "status": "deleted", "end": "{-366}", "tags": ["phone", "urgent"], "due": "{399}", "depends": ["00000000-0000-0000-0000-00000000001b"]}, {"uuid": "00000000-0000-0000-0000-000000000021", "description": "bank Fence email", "entry": "{-894}", "modified": "{-1}", "status": "pending", "project": "home.bills", "tags": ["someday", "next"], "start": "{-14}"}, {"uuid": "abcdef12-0000-0000-0000-000000000022", "description": "Ann book", "entry": "{-101}", "modified": "{-1}", "status": "deleted", "end": "{-282}", "project": "home.garden", "tags": ["someday"], "due": "{177}"}, {"uuid": "abcdef12-0000-0000-0000-000000000023", "description": "call the café Tax", "entry": "{-426}", "modified": "{-1}", "status": "pending", "project": "travel", "tags": ["someday"], "priority": "H", "annotations": [{"entry": "{-36}", "description": "Tax buy"}]}, {"uuid": "00000000-0000-0000-0000-000000000024", "description": "pay trip", "entry": "{-785}", "modified": "{-1}", "status": "pending", "project": "home.bills", "tags": ["phone", "urgent", "next"], "due": "{776}"}, {"uuid": "abcdef12-0000-0000-0000-000000000025", "description": "plan Über", "entry": "{-1323}", "modified": "{-1}", "status": "pending", "project": "work", "due": "{470}", "annotations": [{"entry": "{-26}", "description": "water read"}]}, {"uuid": "abcdef12-0000-0000-0000-000000000026", "description": "Fence", "entry": "{-317}", "modified": "{-1}", "status": "pending", "project": "home", "tags": ["next", "bills", "urgent"], "due": "{-143}", "annotations": [{"entry": "{-17}", "description": "water trip"}], "depends": ["abcdef12-0000-0000-0000-000000000005"]}, {"uuid": "00000000-0000-0000-0000-000000000027", "description": "water café fix", "entry": "{-795}", "modified": "{-1}", "status": "pending"}, {"uuid": "abcdef12-0000-0000-0000-000000000028", "description": "trip", "entry": "{-1444}", "modified": "{-1}", "status": "pending", "due": "{460}", "scheduled": "{-84}", "annotations": [{"entry": "{-22}", "description": "trip milk"}]}, {"uuid": "abcdef12-0000-0000-0000-000000000029", "description": "water Tax fix", "entry": "{-1016}", "modified": "{-1}", "status": "deleted", "end": "{-160}", "project": "home.bills", "tags": ["someday"], "due": "{204}", "scheduled": "{119}", "priority": "H"}, {"uuid": "00000000-0000-0000-0000-00000000002a", "description": "rent fix pay bank", "entry": "{-851}", "modified": "{-1}", "status": "pending", "tags": ["someday"], "due": "{243}", "annotations": [{"entry": "{-34}", "description": "read rent"}]}, {"uuid": "abcdef12-0000-0000-0000-00000000002b", "description": "buy read the", "entry": "{-224}", "modified": "{-1}", "status": "pending", "project": "work", "due": "{-147}", "depends": ["abcdef12-0000-0000-0000-00000000001f"]}, {"uuid": "abcdef12-0000-0000-0000-00000000002c", "description": "milk tomatoes", "entry": "{-1884}", "modified": "{-1}", "status": "pending", "project": "work.admin", "tags": ["urgent", "someday"], "due": "{441}", "depends": ["abcdef12-0000-0000-0000-00000000000d"]}, {"uuid": "00000000-0000-0000-0000-00000000002d", "description": "Über", "entry": "{-695}", "modified": "{-1}", "status": "pending", "project": "work.admin", "due": "{248}", "depends": ["00000000-0000-0000-0000-00000000000f"]}, {"uuid": "abcdef12-0000-0000-0000-00000000002e", "description": "book", "entry": "{-1466}", "modified": "{-1}", "status": "deleted", "end": "{-489}", "project": "Work", "tags": ["someday", "urgent"], "due": "{616}", "scheduled": "{178}", "estimate": "4"}, {"uuid": "abcdef12-0000-0000-0000-00000000002f", "description": "water", "entry": "{-405}", "modified": "{-1}", "status": "pending", "project": "home.garden", "tags": ["someday"], "due": "{-331}", "priority": "M", "depends": ["abcdef12-0000-0000-0000-000000000007"]}, {"uuid": "00000000-0000-0000-0000-000000000030", "description": "book read the Fence", "entry": "{-273}", "modified": "{-1}", "status": "pending", "project": "home.bills", "priority": "M", "annotations": [{"entry": "{-16}", "description": "the Fence"}]}, {"uuid": "abcdef12-0000-0000-0000-000000000031", "description": "buy Tax", "entry": "{-812}", "modified": "{-1}", "status": "pending", "project": "home.bills", "tags": ["urgent"], "priority": "M"}, {"uuid": "abcdef12-0000-0000-0000-000000000032", "description": "Fence call rent", "entry": "{-389}", "modified": "{-1}", "status": "pending", "project": "home.bills", "due": "{-36}", "annotations": [{"entry": "{-39}", "description": "Über milk"}]}, {"uuid": "00000000-0000-0000-0000-000000000033", "description": "rent fix", "entry": "{-523}", "modified": "{-1}", "status": "pending", "project": "home.bills", "estimate": "1", "depends": ["abcdef12-0000-0000-0000-000000000007"]}, {"uuid": "abcdef12-0000-0000-0000-000000000034", "description": "tomatoes bank Über Tax", "entry": "{-1338}", "modified": "{-1}", "status": "pending", "project": "work", "tags": ["phone", "urgent", "someday"]}, {"uuid": "abcdef12-0000-0000-0000-000000000035", "description": "plan Über", "entry": "{-418}", "modified": "{-1}", "status": "deleted", "end": "{-223}", "project": "home.garden", "tags": ["next", "urgent", "someday"], "priority": "H", "depends": ["abcdef12-0000-0000-0000-000000000028"]}, {"uuid": "00000000-0000-0000-0000-000000000036", "description": "water the bank", "entry": "{-713}", "modified": "{-1}", "status": "pending", "project": "home.garden", "due": "{604}", "start": "{-16}"}, {"uuid": "abcdef12-0000-0000-0000-000000000037", "description": "Tax the Fence plan", "entry": "{-1259}", "modified": "{-1}", "status": "completed", "end": "{-425}", "project": "travel", "tags": ["bills"], "due": "{418}", "estimate": "4", "annotations": [{"entry": "{-36}", "description": "rent buy"}]}, {"uuid": "abcdef12-0000-0000-0000-000000000038", "description": "trip Ann Fence", "entry": "{-872}", "modified": "{-1}", "status": "pending", "project": "work.admin", "tags": ["bills", "someday", "errand"], "due": "{867}"}, {"uuid": "00000000-0000-0000-0000-000000000039", "description": "call Tax bank milk", "entry": "{-882}", "modified": "{-1}", "status": "pending", "project": "travel", "due": "{-134}", "scheduled": "{175}", "estimate": "9"}, {"uuid": "abcdef12-0000-0000-0000-00000000003a", "description": "Tax", "entry": "{-1258}", "modified": "{-1}", "status": "completed", "end": "{-418}", "project": "home", "tags": ["errand"], "estimate": "4", "annotations": [{"entry": "{-23}", "description": "Über email"}]}, {"uuid": "abcdef12-0000-0000-0000-00000000003b", "description": "read bank email", "entry": "{-1029}", "modified": "{-1}", "status": "deleted", "end": "{-246}", "project": "home.bills", "tags": ["bills", "urgent"], "due": "{362}", "scheduled": "{-107}"}, {"uuid": "00000000-0000-0000-0000-00000000003c", "description": "call water rent", "entry": "{-1304}", "modified": "{-1}", "status": "completed", "end": "{-495}", "project": "travel", "due": "{697}"}]"#;

pub const CASES: &[(&[&str], &str)] = &[
    (
        &["project:home"],
        "6 12 21 27 33 36 48 51 54 5 7 11 14 16 19 23 26 28 34 38 41 47 49 50 53 58 59",
    ),
    (
        &["project:work"],
        "24 30 45 1 4 10 20 22 25 29 37 43 44 52 56",
    ),
    (
        &["project.not:home"],
        "3 9 15 18 24 30 39 42 45 57 60 1 2 4 8 10 13 17 20 22 25 29 31 32 35 37 40 43 44 46 52 55 56",
    ),
    (&["project.is:home"], "6 5 7 14 16 19 28 38 58"),
    (
        &["project.isnt:work"],
        "3 6 9 12 15 18 21 27 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 23 26 28 31 32 34 35 38 40 41 44 46 47 49 50 53 55 56 58 59",
    ),
    (&["project:Work"], "9 15 18 8 13 17 31 46"),
    (
        &["project.startswith:wo"],
        "24 30 45 1 4 10 20 22 25 29 37 43 44 52 56",
    ),
    (&["project.endswith:en"], "54 23 26 34 47 53"),
    (
        &["project.has:o"],
        "6 9 12 15 18 21 24 27 30 33 36 45 48 51 54 1 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 34 37 38 41 43 44 46 47 49 50 52 53 56 58 59",
    ),
    (&["project.hasnt:o"], "3 39 42 57 60 2 32 35 40 55"),
    (&["project.none:"], "3 39 42 2 32 40"),
    (
        &["project.any:"],
        "6 9 12 15 18 21 24 27 30 33 36 45 48 51 54 57 60 1 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 34 35 37 38 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["project.before:j"],
        "6 9 12 15 18 21 27 33 36 48 51 54 5 7 8 11 13 14 16 17 19 23 26 28 31 34 38 41 46 47 49 50 53 58 59",
    ),
    (
        &["project.after:j"],
        "24 30 45 57 60 1 4 10 20 22 25 29 35 37 43 44 52 55 56",
    ),
    (&["priority:H"], "7 20 23 35 41 53"),
    (
        &["priority.not:H"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 8 10 11 13 14 16 17 19 22 25 26 28 29 31 32 34 37 38 40 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (
        &["priority.none:"],
        "3 6 12 15 18 21 27 30 33 36 39 42 45 51 54 57 60 1 4 5 8 10 11 13 17 19 22 25 26 28 29 31 32 34 37 38 40 43 44 46 50 52 55 56 58 59",
    ),
    (&["priority.any:"], "9 24 48 2 7 14 16 20 23 35 41 47 49 53"),
    (
        &["priority.before:M"],
        "3 6 12 15 18 21 27 30 33 36 39 42 45 51 54 57 60 1 4 5 8 10 11 13 14 17 19 22 25 26 28 29 31 32 34 37 38 40 43 44 46 50 52 55 56 58 59",
    ),
    (&["priority.after:L"], "9 24 48 2 7 16 20 23 35 41 47 49 53"),
    (
        &["priority.by:M"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 8 10 11 13 14 16 17 19 22 25 26 28 29 31 32 34 37 38 40 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (
        &["priority<H"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 8 10 11 13 14 16 17 19 22 25 26 28 29 31 32 34 37 38 40 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (&["priority>=M"], "9 24 48 2 7 16 20 23 35 41 47 49 53"),
    (&["+next"], "6 24 30 33 36 2 4 5 8 13 16 17 23 28 29 38 53"),
    (
        &["-next"],
        "3 9 12 15 18 21 27 39 42 45 48 51 54 57 60 1 7 10 11 14 19 20 22 25 26 31 32 34 35 37 40 41 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (&["+bills"], "15 24 30 4 16 38 55 56 59"),
    (
        &["-errand"],
        "3 9 15 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 4 5 8 10 14 16 19 20 22 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 59",
    ),
    (&["tags:phone"], "32 52"),
    (&["tags:bills"], "15 24 30 4 16 38 55 56 59"),
    (
        &["tags.has:urgent"],
        "9 12 36 2 8 10 16 28 32 38 44 46 49 52 53 59",
    ),
    (
        &["tags.hasnt:urgent"],
        "3 6 15 18 21 24 27 30 33 39 42 45 48 51 54 57 60 1 4 5 7 11 13 14 17 19 20 22 23 25 26 29 31 34 35 37 40 41 43 47 50 55 56 58",
    ),
    (
        &["tags.none:"],
        "21 27 39 45 48 51 54 57 60 1 19 20 22 25 26 31 37 40 43 50",
    ),
    (
        &["tags.any:"],
        "3 6 9 12 15 18 24 30 33 36 42 2 4 5 7 8 10 11 13 14 16 17 23 28 29 32 34 35 38 41 44 46 47 49 52 53 55 56 58 59",
    ),
    (&["tags.is:next"], "29"),
    (
        &["tags.not:errand"],
        "3 9 15 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 4 5 8 10 14 16 19 20 22 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 59",
    ),
    (&["tags~ph"], "6 12 24 36 4 17 23 28 32 52"),
    (
        &["tags.word:next"],
        "6 24 30 33 36 2 4 5 8 13 16 17 23 28 29 38 53",
    ),
    (&["due.before:now"], "18 27 57 13 19 38 43 47 50"),
    (
        &["due.after:now"],
        "6 9 12 15 36 42 45 54 60 4 5 7 8 16 17 22 23 25 28 29 31 32 34 37 40 41 44 46 55 56 59",
    ),
    (
        &["due.none:"],
        "3 21 24 30 33 39 48 51 1 2 10 11 14 20 26 35 49 52 53 58",
    ),
    (
        &["due.any:"],
        "6 9 12 15 18 27 36 42 45 54 57 60 4 5 7 8 13 16 17 19 22 23 25 28 29 31 32 34 37 38 40 41 43 44 46 47 50 55 56 59",
    ),
    (&["due.before:now+3d"], "18 27 57 13 17 19 28 38 43 47 50"),
    (
        &["due.after:now-2d"],
        "6 9 12 15 36 42 45 54 60 4 5 7 8 16 17 22 23 25 28 29 31 32 34 37 40 41 44 46 50 55 56 59",
    ),
    (
        &["due<now+10d"],
        "6 18 27 57 5 7 13 17 19 28 34 38 41 43 47 50",
    ),
    (
        &["due>=now-1d"],
        "6 9 12 15 36 42 45 54 60 4 5 7 8 16 17 22 23 25 28 29 31 32 34 37 40 41 44 46 55 56 59",
    ),
    (&["due.by:now"], "18 27 57 13 19 38 43 47 50"),
    (
        &["scheduled.any:"],
        "15 57 2 4 7 8 10 13 14 20 25 40 41 46 59",
    ),
    (&["scheduled.before:now"], "4 8 14 20 25 40 59"),
    (&["wait.any:"], "18"),
    (&["start.any:"], "33 54"),
    (&["end.after:now-5d"], "30 1 5"),
    (
        &["end.before:now-10d"],
        "3 27 60 8 13 14 19 23 31 32 34 46 55 58 59",
    ),
    (
        &["entry.before:now-30d"],
        "3 6 9 15 18 21 24 27 33 36 39 42 57 60 2 5 7 8 10 11 13 14 19 20 22 25 26 28 31 32 37 40 41 44 46 49 52 55 56 58 59",
    ),
    (&["entry.after:now-10d"], "12 30 1 34 43"),
    (
        &["modified.any:"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["until.none:"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["status:pending"],
        "6 9 12 15 21 24 33 36 39 42 45 48 51 54 57 2 4 7 10 11 16 17 20 22 25 26 28 29 35 37 38 40 43 44 47 49 50 52 56",
    ),
    (&["status:completed"], "3 60 1 5 8 19 23 55 58"),
    (&["status:deleted"], "27 30 13 14 31 32 34 41 46 53 59"),
    (&["status:waiting"], "18"),
    (&["status.not:pending"], "18"),
    (
        &["status.not:deleted"],
        "3 6 9 12 15 18 21 24 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 16 17 19 20 22 23 25 26 28 29 35 37 38 40 43 44 47 49 50 52 55 56 58",
    ),
    (
        &["status.isnt:completed"],
        "6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 2 4 7 10 11 13 14 16 17 20 22 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 56 59",
    ),
    (&["status:pend"], ""),
    (&["description.has:pay"], "36 42 14"),
    (
        &["description.hasnt:the"],
        "3 6 9 12 15 21 24 27 30 33 36 39 42 45 51 57 60 1 2 4 5 7 8 11 14 16 17 19 20 22 23 25 26 28 29 31 32 34 37 38 40 41 44 46 47 49 50 52 53 56 58 59",
    ),
    (&["description.startswith:fix"], "23"),
    (&["description.endswith:milk"], "15 30 57 22 40 50"),
    (&["description.word:the"], "18 48 54 10 13 35 43 55"),
    (
        &["description.noword:the"],
        "3 6 9 12 15 21 24 27 30 33 36 39 42 45 51 57 60 1 2 4 5 7 8 11 14 16 17 19 20 22 23 25 26 28 29 31 32 34 37 38 40 41 44 46 47 49 50 52 53 56 58 59",
    ),
    (&["description~bank"], "33 42 54 57 1 8 20 26 52 59"),
    (
        &["description!~bank"],
        "3 6 9 12 15 18 21 24 27 30 36 39 45 48 51 60 2 4 5 7 10 11 13 14 16 17 19 22 23 25 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 53 55 56 58",
    ),
    (&["description:buy"], "5 26 32 43 49"),
    (&["description.is:buy"], ""),
    (
        &["description.before:m"],
        "9 18 24 27 30 33 48 57 60 1 2 4 5 10 16 19 20 22 23 25 26 31 32 34 35 38 43 46 49 50 55 58",
    ),
    (
        &["description.after:m"],
        "3 6 12 15 21 36 39 42 45 51 54 7 8 11 13 14 17 28 29 37 40 41 44 47 52 53 56 59",
    ),
    (&["pay"], "36 42 14"),
    (&["Tax"], "9 24 57 4 13 20 35 41 49 52 55 58"),
    (&["tax"], ""),
    (&["the"], "18 48 54 10 13 35 43 55"),
    (&["café"], "12 27 39 4 35"),
    (&["Über"], "45 11 14 29 37 50 52 53 58"),
    (&["/pa.?y/"], "36 42 14"),
    (&["/^fix/"], "23"),
    (&["estimate.any:"], "6 30 51 57 4 8 10 13 17 25 46 55 58"),
    (
        &["estimate.none:"],
        "3 9 12 15 18 21 24 27 33 36 39 42 45 48 54 60 1 2 5 7 11 14 16 19 20 22 23 26 28 29 31 32 34 35 37 38 40 41 43 44 47 49 50 52 53 56 59",
    ),
    (&["estimate.over:4"], "6 57 10 13 17 25"),
    (
        &["estimate.under:4"],
        "3 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 60 1 2 4 5 7 8 11 14 16 19 20 22 23 26 28 29 31 32 34 35 37 38 40 41 43 44 47 49 50 52 53 56 59",
    ),
    (&["estimate:5"], "10"),
    (&["estimate>3"], "6 57 10 13 17 25 46 55 58"),
    (
        &["estimate<=2"],
        "3 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 60 1 2 4 5 7 8 11 14 16 19 20 22 23 26 28 29 31 32 34 35 37 38 40 41 43 44 47 49 50 52 53 56 59",
    ),
    (
        &["estimate!=5"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["estimate.below:1"],
        "3 9 12 15 18 21 24 27 33 36 39 42 45 48 54 60 1 2 5 7 11 14 16 19 20 22 23 26 28 29 31 32 34 35 37 38 40 41 43 44 47 49 50 52 53 56 59",
    ),
    (&["depends.any:"], "9 27 45 51 17 32 38 43 44 47 53"),
    (
        &["depends.none:"],
        "3 6 12 15 18 21 24 30 33 36 39 42 48 54 57 60 1 2 4 5 7 8 10 11 13 14 16 19 20 22 23 25 26 28 29 31 34 35 37 40 41 46 49 50 52 55 56 58 59",
    ),
    (&["depends.has:abcd"], "9 27 51 17 38 43 44 47 53"),
    (&["+ACTIVE"], "33 54"),
    (&["+BLOCKED"], "9 45 51 17 47"),
    (&["+BLOCKING"], "15 2 7 16"),
    (
        &["+UNBLOCKED"],
        "3 6 12 15 18 21 24 27 30 33 36 39 42 48 54 57 60 1 2 4 5 7 8 10 11 13 14 16 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 49 50 52 53 55 56 58 59",
    ),
    (&["+OVERDUE"], "18 57 38 43 47 50"),
    (&["+DUE"], "6 7 17 28"),
    (
        &["+READY"],
        "6 12 21 24 33 36 39 42 48 54 4 11 16 20 22 25 26 28 29 35 37 38 40 43 44 49 50 52 56",
    ),
    (&["+WAITING"], "18"),
    (
        &["+PENDING"],
        "6 9 12 15 21 24 33 36 39 42 45 48 51 54 57 2 4 7 10 11 16 17 20 22 25 26 28 29 35 37 38 40 43 44 47 49 50 52 56",
    ),
    (&["+COMPLETED"], "3 60 1 5 8 19 23 55 58"),
    (&["+DELETED"], "27 30 13 14 31 32 34 41 46 53 59"),
    (
        &["+ANNOTATED"],
        "12 15 24 27 30 42 48 8 11 17 20 22 28 35 37 38 40 50 55 58",
    ),
    (
        &["+TAGGED"],
        "3 6 9 12 15 18 24 30 33 36 42 2 4 5 7 8 10 11 13 14 16 17 23 28 29 32 34 35 38 41 44 46 47 49 52 53 55 56 58 59",
    ),
    (
        &["+PROJECT"],
        "6 9 12 15 18 21 24 27 30 33 36 45 48 51 54 57 60 1 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 34 35 37 38 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (&["+PRIORITY"], "9 24 48 2 7 14 16 20 23 35 41 47 49 53"),
    (&["+SCHEDULED"], "15 57 2 4 7 8 10 13 14 20 25 40 41 46 59"),
    (
        &["+UDA"],
        "6 9 24 30 48 51 57 2 4 7 8 10 13 14 16 17 20 23 25 35 41 46 47 49 53 55 58",
    ),
    (&["+LATEST"], "57"),
    (
        &["-WAITING"],
        "3 6 9 12 15 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["-BLOCKED"],
        "3 6 12 15 18 21 24 27 30 33 36 39 42 48 54 57 60 1 2 4 5 7 8 10 11 13 14 16 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 49 50 52 53 55 56 58 59",
    ),
    (&["+UNTIL"], ""),
    (&["+TEMPLATE"], ""),
    (
        &["id.before:5"],
        "3 6 27 30 60 1 2 4 5 7 8 13 14 19 23 31 32 34 41 46 53 55 58 59",
    ),
    (&["id:3"], "6"),
    (
        &["id.after:10"],
        "18 21 24 33 36 39 42 45 48 51 54 57 17 20 22 25 26 28 29 35 37 38 40 43 44 47 49 50 52 56",
    ),
    (&["1-5"], "6 9 2 4 7"),
    (&["3,7,9"], "6 15 11"),
    (
        &["id<4"],
        "3 6 27 30 60 1 2 4 5 8 13 14 19 23 31 32 34 41 46 53 55 58 59",
    ),
    (
        &["id:0"],
        "3 27 30 60 1 5 8 13 14 19 23 31 32 34 41 46 53 55 58 59",
    ),
    (
        &["id.any:"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["00000000"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60",
    ),
    (
        &["-WAITING", "xor", "id.before:5"],
        "9 12 15 21 24 33 36 39 42 45 48 51 54 57 10 11 16 17 20 22 25 26 28 29 35 37 38 40 43 44 47 49 50 52 56",
    ),
    (
        &["wait.any:", "xor", "scheduled.before:now"],
        "18 4 8 14 20 25 40 59",
    ),
    (
        &["scheduled.before:now", "xor", "-next"],
        "3 9 12 15 18 21 27 39 42 45 48 51 54 57 60 1 4 7 8 10 11 19 22 26 31 32 34 35 37 41 43 44 46 47 49 50 52 55 56 58",
    ),
    (
        &["+next", "xor", "project.none:"],
        "3 6 24 30 33 36 39 42 4 5 8 13 16 17 23 28 29 32 38 40 53",
    ),
    (
        &["(", "due.any:", "or", "project.is:home", ")", "wait.any:"],
        "18",
    ),
    (
        &["status.not:deleted", "xor", "project.endswith:en"],
        "3 6 9 12 15 18 21 24 33 36 39 42 45 48 51 57 60 1 2 4 5 7 8 10 11 16 17 19 20 22 25 28 29 34 35 37 38 40 43 44 49 50 52 53 55 56 58",
    ),
    (&["end.after:now-5d", "and", "status:waiting"], ""),
    (&["priority<H", "and", "+UNTIL"], ""),
    (
        &["priority<H", "and", "description.hasnt:the"],
        "3 6 9 12 15 21 24 27 30 33 36 39 42 45 51 57 60 1 2 4 5 8 11 14 16 17 19 22 25 26 28 29 31 32 34 37 38 40 44 46 47 49 50 52 56 58 59",
    ),
    (&["description.is:buy", "project.endswith:en"], ""),
    (&["tags:phone", "+DUE"], ""),
    (&["+BLOCKED", "priority.any:"], "9 47"),
    (
        &["project:home", "or", "modified.any:"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["project.after:j", "xor", "id:3"],
        "6 24 30 45 57 60 1 4 10 20 22 25 29 35 37 43 44 52 55 56",
    ),
    (&["+OVERDUE", "+DELETED"], ""),
    (
        &[
            "(",
            "end.after:now-5d",
            "or",
            "description.noword:the",
            ")",
            "estimate.any:",
        ],
        "6 30 51 57 4 8 17 25 46 58",
    ),
    (
        &["(", "project.is:home", "or", "+WAITING", ")", "+bills"],
        "16 38",
    ),
    (
        &["project.not:home", "xor", "priority.not:H"],
        "6 12 21 27 33 36 48 51 54 5 11 14 16 19 20 26 28 34 35 38 47 49 50 58 59",
    ),
    (
        &["due.by:now", "xor", "wait.any:"],
        "27 57 13 19 38 43 47 50",
    ),
    (
        &["(", "tags.is:next", "or", "+DELETED", ")", "+DELETED"],
        "27 30 13 14 31 32 34 41 46 53 59",
    ),
    (
        &["modified.any:", "and", "project:home"],
        "6 12 21 27 33 36 48 51 54 5 7 11 14 16 19 23 26 28 34 38 41 47 49 50 53 58 59",
    ),
    (
        &["(", "Tax", "or", "project:Work", ")", "+bills"],
        "15 24 4 55",
    ),
    (
        &["project.none:", "or", "due.before:now"],
        "3 18 27 39 42 57 2 13 19 32 38 40 43 47 50",
    ),
    (
        &["priority.after:L", "or", "+next"],
        "6 9 24 30 33 36 48 2 4 5 7 8 13 16 17 20 23 28 29 35 38 41 47 49 53",
    ),
    (
        &["status.isnt:completed", "and", "project.is:home"],
        "6 7 14 16 28 38",
    ),
    (
        &["-BLOCKED", "xor", "tags.any:"],
        "9 21 27 39 48 54 57 60 1 17 19 20 22 25 26 31 37 40 43 47 50",
    ),
    (
        &["tags.not:errand", "or", "+BLOCKED"],
        "3 9 15 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 4 5 8 10 14 16 17 19 20 22 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 59",
    ),
    (
        &["the", "or", "status:deleted"],
        "18 27 30 48 54 10 13 14 31 32 34 35 41 43 46 53 55 59",
    ),
    (
        &["due.any:", "xor", "end.after:now-5d"],
        "6 9 12 15 18 27 30 36 42 45 54 57 60 1 4 7 8 13 16 17 19 22 23 25 28 29 31 32 34 37 38 40 41 43 44 46 47 50 55 56 59",
    ),
    (
        &[
            "(",
            "priority.by:M",
            "or",
            "+DELETED",
            ")",
            "project.hasnt:o",
        ],
        "3 39 42 57 60 2 32 40 55",
    ),
    (
        &["description.hasnt:the", "xor", "status.not:deleted"],
        "18 27 30 48 54 10 14 31 32 34 35 41 43 46 53 55 59",
    ),
    (
        &["id:0", "or", "description.after:m"],
        "3 6 12 15 21 27 30 36 39 42 45 51 54 60 1 5 7 8 11 13 14 17 19 23 28 29 31 32 34 37 40 41 44 46 47 52 53 55 56 58 59",
    ),
    (
        &["priority.any:", "or", "tags.any:"],
        "3 6 9 12 15 18 24 30 33 36 42 48 2 4 5 7 8 10 11 13 14 16 17 20 23 28 29 32 34 35 38 41 44 46 47 49 52 53 55 56 58 59",
    ),
    (
        &["priority.before:M", "or", "description!~bank"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["entry.before:now-30d", "project.isnt:work"],
        "3 6 9 15 18 21 27 33 36 39 42 57 60 2 5 7 8 10 11 13 14 19 26 28 31 32 40 41 44 46 49 55 56 58 59",
    ),
    (
        &["(", "+LATEST", "or", "status:pend", ")", "description:buy"],
        "",
    ),
    (&["depends.any:", "tags.is:next"], ""),
    (
        &["project.isnt:work", "and", "id.after:10"],
        "18 21 33 36 39 42 45 48 51 54 57 17 26 28 35 38 40 44 47 49 50 56",
    ),
    (&["project.has:o", "project:Work"], "9 15 18 8 13 17 31 46"),
    (
        &["the", "or", "Über"],
        "18 45 48 54 10 11 13 14 29 35 37 43 50 52 53 55 58",
    ),
    (
        &["priority.after:L", "and", "-WAITING"],
        "9 24 48 2 7 16 20 23 35 41 47 49 53",
    ),
    (
        &[
            "(",
            "tags.is:next",
            "or",
            "estimate.over:4",
            ")",
            "id.after:10",
        ],
        "57 17 25 29",
    ),
    (&["priority.after:L", "+COMPLETED"], "23"),
    (
        &["project.is:home", "xor", "+ACTIVE"],
        "6 33 54 5 7 14 16 19 28 38 58",
    ),
    (
        &["priority.before:M", "priority.by:M"],
        "3 6 12 15 18 21 27 30 33 36 39 42 45 51 54 57 60 1 4 5 8 10 11 13 14 17 19 22 25 26 28 29 31 32 34 37 38 40 43 44 46 50 52 55 56 58 59",
    ),
    (
        &["description.hasnt:the", "and", "+COMPLETED"],
        "3 60 1 5 8 19 23 58",
    ),
    (
        &["+UNTIL", "xor", "+SCHEDULED"],
        "15 57 2 4 7 8 10 13 14 20 25 40 41 46 59",
    ),
    (&["priority<H", "and", "project.endswith:en"], "54 26 34 47"),
    (
        &["3,7,9", "or", "project:Work"],
        "6 9 15 18 8 11 13 17 31 46",
    ),
    (
        &["tags:bills", "xor", "00000000"],
        "3 6 9 12 18 21 27 33 36 39 42 45 48 51 54 57 60 4 16 38 55 56 59",
    ),
    (
        &[
            "(",
            "project.not:home",
            "or",
            "depends.any:",
            ")",
            "end.before:now-10d",
        ],
        "3 27 60 8 13 31 32 46 55",
    ),
    (
        &["due<now+10d", "xor", "estimate.over:4"],
        "18 27 5 7 10 19 25 28 34 38 41 43 47 50",
    ),
    (
        &["status.not:deleted", "xor", "/^fix/"],
        "3 6 9 12 15 18 21 24 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 16 17 19 20 22 25 26 28 29 35 37 38 40 43 44 47 49 50 52 55 56 58",
    ),
    (
        &["end.after:now-5d", "or", "+PROJECT"],
        "6 9 12 15 18 21 24 27 30 33 36 45 48 51 54 57 60 1 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 34 35 37 38 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &[
            "(",
            "+BLOCKED",
            "or",
            "status:pending",
            ")",
            "tags.not:errand",
        ],
        "9 15 21 24 33 36 39 42 45 48 51 54 57 4 10 16 20 22 25 26 28 29 35 37 38 40 43 44 47 49 50 52 56",
    ),
    (&["00000000", "estimate:5"], ""),
    (&["description~bank", "due<now+10d"], "57"),
    (
        &["description~bank", "xor", "modified.any:"],
        "3 6 9 12 15 18 21 24 27 30 36 39 45 48 51 60 2 4 5 7 10 11 13 14 16 17 19 22 23 25 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 53 55 56 58",
    ),
    (
        &["id.any:", "xor", "café"],
        "3 6 9 15 18 21 24 30 33 36 42 45 48 51 54 57 60 1 2 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["project.has:o", "description!~bank"],
        "6 9 12 15 18 21 24 27 30 36 45 48 51 4 5 7 10 11 13 14 16 17 19 22 23 25 28 29 31 34 37 38 41 43 44 46 47 49 50 53 56 58",
    ),
    (
        &["description!~bank", "and", "estimate>3"],
        "6 10 13 17 25 46 55 58",
    ),
    (
        &["project.isnt:work", "xor", "tags.not:errand"],
        "6 12 18 24 30 2 7 11 13 17 20 22 23 25 29 37 43 52 58",
    ),
    (
        &["project.startswith:wo", "or", "description.word:the"],
        "18 24 30 45 48 54 1 4 10 13 20 22 25 29 35 37 43 44 52 55 56",
    ),
    (
        &[
            "(",
            "project.before:j",
            "or",
            "tags.has:urgent",
            ")",
            "depends.any:",
        ],
        "9 27 51 17 32 38 44 47 53",
    ),
    (
        &["priority.after:L", "or", "end.after:now-5d"],
        "9 24 30 48 1 2 5 7 16 20 23 35 41 47 49 53",
    ),
    (
        &["description.hasnt:the", "due.by:now"],
        "27 57 19 38 47 50",
    ),
    (
        &["project.hasnt:o", "or", "due.by:now"],
        "3 18 27 39 42 57 60 2 13 19 32 35 38 40 43 47 50 55",
    ),
    (
        &["estimate.under:4", "xor", "due.any:"],
        "3 6 21 24 30 33 39 48 51 57 1 2 11 13 14 17 20 25 26 35 46 49 52 53 55",
    ),
    (
        &["status:completed", "xor", "priority>=M"],
        "3 9 24 48 60 1 2 5 7 8 16 19 20 35 41 47 49 53 55 58",
    ),
    (&["+BLOCKING", "xor", "tags.is:next"], "15 2 7 16 29"),
    (&["project:work", "and", "depends.has:abcd"], "43 44"),
    (
        &[
            "(",
            "entry.before:now-30d",
            "or",
            "+bills",
            ")",
            "+BLOCKING",
        ],
        "15 2 7 16",
    ),
    (&["priority>=M", "and", "the"], "48 35"),
    (
        &[
            "(",
            "project.isnt:work",
            "or",
            "estimate:5",
            ")",
            "estimate.over:4",
        ],
        "6 57 10 13 17",
    ),
    (
        &["+DELETED", "xor", "description~bank"],
        "27 30 33 42 54 57 1 8 13 14 20 26 31 32 34 41 46 52 53",
    ),
    (
        &["until.none:", "xor", "priority.none:"],
        "9 24 48 2 7 14 16 20 23 35 41 47 49 53",
    ),
    (
        &["due>=now-1d", "or", "estimate.any:"],
        "6 9 12 15 30 36 42 45 51 54 57 60 4 5 7 8 10 13 16 17 22 23 25 28 29 31 32 34 37 40 41 44 46 55 56 58 59",
    ),
    (
        &["+SCHEDULED", "id.any:"],
        "15 57 2 4 7 8 10 13 14 20 25 40 41 46 59",
    ),
    (
        &["+SCHEDULED", "or", "description.before:m"],
        "9 15 18 24 27 30 33 48 57 60 1 2 4 5 7 8 10 13 14 16 19 20 22 23 25 26 31 32 34 35 38 40 41 43 46 49 50 55 58 59",
    ),
    (
        &["description.hasnt:the", "xor", "the"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["entry.after:now-10d", "or", "Tax"],
        "9 12 24 30 57 1 4 13 20 34 35 41 43 49 52 55 58",
    ),
    (
        &["description.noword:the", "or", "00000000"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 11 14 16 17 19 20 22 23 25 26 28 29 31 32 34 37 38 40 41 44 46 47 49 50 52 53 56 58 59",
    ),
    (
        &[
            "(",
            "tags.has:urgent",
            "or",
            "project:work",
            ")",
            "project.any:",
        ],
        "9 12 24 30 36 45 1 4 8 10 16 20 22 25 28 29 37 38 43 44 46 49 52 53 56 59",
    ),
    (
        &["(", "+DUE", "or", "tags.none:", ")", "due.after:now-2d"],
        "6 45 54 60 7 17 22 25 28 31 37 40 50",
    ),
    (
        &["priority.none:", "xor", "+UNTIL"],
        "3 6 12 15 18 21 27 30 33 36 39 42 45 51 54 57 60 1 4 5 8 10 11 13 17 19 22 25 26 28 29 31 32 34 37 38 40 43 44 46 50 52 55 56 58 59",
    ),
    (
        &["+READY", "or", "description.word:the"],
        "6 12 18 21 24 33 36 39 42 48 54 4 10 11 13 16 20 22 25 26 28 29 35 37 38 40 43 44 49 50 52 55 56",
    ),
    (
        &["tags.any:", "xor", "estimate.none:"],
        "6 21 27 30 39 45 48 54 60 1 4 8 10 13 17 19 20 22 26 31 37 40 43 46 50 55 58",
    ),
    (
        &["(", "id.after:10", "or", "Über", ")", "project.endswith:en"],
        "54 26 47 53",
    ),
    (
        &[
            "(",
            "description.startswith:fix",
            "or",
            "tags.is:next",
            ")",
            "due.none:",
        ],
        "",
    ),
    (&["status:deleted", "and", "project.is:home"], "14"),
    (
        &[
            "(",
            "estimate>3",
            "or",
            "status.isnt:completed",
            ")",
            "tags.none:",
        ],
        "21 27 39 45 48 51 54 57 20 22 25 26 31 37 40 43 50",
    ),
    (
        &[
            "(",
            "description.has:pay",
            "or",
            "end.after:now-5d",
            ")",
            "+PENDING",
        ],
        "36 42",
    ),
    (
        &["due.any:", "or", "entry.before:now-30d"],
        "3 6 9 12 15 18 21 24 27 33 36 39 42 45 54 57 60 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 37 38 40 41 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (&["tags.not:errand", "and", "status:waiting"], ""),
    (&["café", "or", "start.any:"], "12 27 33 39 54 4 35"),
    (
        &["start.any:", "or", "-next"],
        "3 9 12 15 18 21 27 33 39 42 45 48 51 54 57 60 1 7 10 11 14 19 20 22 25 26 31 32 34 35 37 40 41 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (&["tags.is:next", "and", "priority>=M"], ""),
    (
        &["(", "+PRIORITY", "or", "+DELETED", ")", "project.isnt:work"],
        "9 27 48 2 7 13 14 16 23 31 32 34 35 41 46 47 49 53 59",
    ),
    (
        &["-next", "and", "end.before:now-10d"],
        "3 27 60 14 19 31 32 34 46 55 58 59",
    ),
    (
        &["estimate!=5", "and", "tags.has:urgent"],
        "9 12 36 2 8 16 28 32 38 44 46 49 52 53 59",
    ),
    (
        &[
            "(",
            "wait.any:",
            "or",
            "priority.before:M",
            ")",
            "project.hasnt:o",
        ],
        "3 39 42 57 60 32 40 55",
    ),
    (
        &[
            "(",
            "3,7,9",
            "or",
            "due.before:now",
            ")",
            "entry.before:now-30d",
        ],
        "6 15 18 27 57 11 13 19",
    ),
    (
        &["due>=now-1d", "and", "due.any:"],
        "6 9 12 15 36 42 45 54 60 4 5 7 8 16 17 22 23 25 28 29 31 32 34 37 40 41 44 46 55 56 59",
    ),
    (
        &["-next", "or", "priority.not:H"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (&["+TEMPLATE", "priority.after:L"], ""),
    (
        &["id.before:5", "and", "+TAGGED"],
        "3 6 30 2 4 5 7 8 13 14 23 32 34 41 46 53 55 58 59",
    ),
    (
        &["depends.none:", "project.is:home"],
        "6 5 7 14 16 19 28 58",
    ),
    (
        &["scheduled.any:", "xor", "+WAITING"],
        "15 18 57 2 4 7 8 10 13 14 20 25 40 41 46 59",
    ),
    (
        &["depends.any:", "or", "+READY"],
        "6 9 12 21 24 27 33 36 39 42 45 48 51 54 4 11 16 17 20 22 25 26 28 29 32 35 37 38 40 43 44 47 49 50 52 53 56",
    ),
    (&["-next", "and", "project.is:home"], "7 14 19 58"),
    (&["+READY", "and", "wait.any:"], ""),
    (&["description.startswith:fix", "description!~bank"], "23"),
    (
        &["due.any:", "or", "+READY"],
        "6 9 12 15 18 21 24 27 33 36 39 42 45 48 54 57 60 4 5 7 8 11 13 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 55 56 59",
    ),
    (
        &["depends.any:", "or", "+PROJECT"],
        "6 9 12 15 18 21 24 27 30 33 36 45 48 51 54 57 60 1 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["scheduled.before:now", "and", "priority.before:M"],
        "4 8 14 25 40 59",
    ),
    (&["+bills", "and", "project.not:home"], "15 24 30 4 55 56"),
    (&["project.before:j", "and", "status:waiting"], "18"),
    (
        &["pay", "or", "estimate.none:"],
        "3 9 12 15 18 21 24 27 33 36 39 42 45 48 54 60 1 2 5 7 11 14 16 19 20 22 23 26 28 29 31 32 34 35 37 38 40 41 43 44 47 49 50 52 53 56 59",
    ),
    (
        &["scheduled.any:", "xor", "priority.after:L"],
        "9 15 24 48 57 4 8 10 13 14 16 23 25 35 40 46 47 49 53 59",
    ),
    (
        &["00000000", "modified.any:"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60",
    ),
    (&["project:Work", "tags.has:urgent"], "9 8 46"),
    (
        &["description.hasnt:the", "xor", "+UDA"],
        "3 12 15 21 27 33 36 39 42 45 48 60 1 5 10 11 13 19 22 26 28 29 31 32 34 35 37 38 40 44 50 52 55 56 59",
    ),
    (
        &[
            "(",
            "end.after:now-5d",
            "or",
            "depends.has:abcd",
            ")",
            "description.has:pay",
        ],
        "",
    ),
    (
        &["description~bank", "xor", "estimate.over:4"],
        "6 33 42 54 1 8 10 13 17 20 25 26 52 59",
    ),
    (&["+bills", "+UDA"], "24 30 4 16 55"),
    (
        &["project.any:", "or", "+BLOCKED"],
        "6 9 12 15 18 21 24 27 30 33 36 45 48 51 54 57 60 1 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 34 35 37 38 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["due<now+10d", "id.any:"],
        "6 18 27 57 5 7 13 17 19 28 34 38 41 43 47 50",
    ),
    (
        &["id.any:", "and", "+DELETED"],
        "27 30 13 14 31 32 34 41 46 53 59",
    ),
    (&["the", "and", "estimate.below:1"], "18 48 54 35 43"),
    (
        &[
            "(",
            "description.noword:the",
            "or",
            "description:buy",
            ")",
            "status.isnt:completed",
        ],
        "6 9 12 15 21 24 27 30 33 36 39 42 45 51 57 2 4 7 11 14 16 17 20 22 25 26 28 29 31 32 34 37 38 40 41 43 44 46 47 49 50 52 53 56 59",
    ),
    (
        &["project.none:", "xor", "due.any:"],
        "3 6 9 12 15 18 27 36 39 45 54 57 60 2 4 5 7 8 13 16 17 19 22 23 25 28 29 31 34 37 38 41 43 44 46 47 50 55 56 59",
    ),
    (&["+BLOCKING", "and", "project.after:j"], ""),
    (&["project.before:j", "Über"], "11 14 50 53 58"),
    (
        &["status:completed", "xor", "+TAGGED"],
        "6 9 12 15 18 24 30 33 36 42 60 1 2 4 7 10 11 13 14 16 17 19 28 29 32 34 35 38 41 44 46 47 49 52 53 56 59",
    ),
    (
        &["status.isnt:completed", "project.any:"],
        "6 9 12 15 18 21 24 27 30 33 36 45 48 51 54 57 4 7 10 11 13 14 16 17 20 22 25 26 28 29 31 34 35 37 38 41 43 44 46 47 49 50 52 53 56 59",
    ),
    (
        &["id.before:5", "or", "tags.word:next"],
        "3 6 24 27 30 33 36 60 1 2 4 5 7 8 13 14 16 17 19 23 28 29 31 32 34 38 41 46 53 55 58 59",
    ),
    (
        &["tags.has:urgent", "xor", "project.before:j"],
        "6 15 18 21 27 33 48 51 54 2 5 7 10 11 13 14 17 19 23 26 31 32 34 41 44 47 50 52 58",
    ),
    (
        &["entry.before:now-30d", "and", "project.after:j"],
        "24 57 60 10 20 22 25 37 44 52 55 56",
    ),
    (
        &[
            "(",
            "tags.none:",
            "or",
            "estimate.below:1",
            ")",
            "+COMPLETED",
        ],
        "3 60 1 5 19 23",
    ),
    (
        &["-BLOCKED", "xor", "description.endswith:milk"],
        "3 6 12 18 21 24 27 33 36 39 42 48 54 60 1 2 4 5 7 8 10 11 13 14 16 19 20 23 25 26 28 29 31 32 34 35 37 38 41 43 44 46 49 52 53 55 56 58 59",
    ),
    (
        &[
            "(",
            "tags~ph",
            "or",
            "description.before:m",
            ")",
            "tags.has:urgent",
        ],
        "9 12 36 2 10 16 28 32 38 46 49 52",
    ),
    (&["the", "and", "estimate<=2"], "18 48 54 35 43"),
    (
        &[
            "(",
            "wait.any:",
            "or",
            "description!~bank",
            ")",
            "status:pend",
        ],
        "",
    ),
    (
        &[
            "(",
            "end.after:now-5d",
            "or",
            "project.none:",
            ")",
            "description.startswith:fix",
        ],
        "",
    ),
    (
        &[
            "(",
            "+ANNOTATED",
            "or",
            "project.startswith:wo",
            ")",
            "description!~bank",
        ],
        "12 15 24 27 30 45 48 4 10 11 17 22 25 28 29 35 37 38 40 43 44 50 55 56 58",
    ),
    (
        &["priority.before:M", "or", "priority>=M"],
        "3 6 9 12 15 18 21 24 27 30 33 36 39 42 45 48 51 54 57 60 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 46 47 49 50 52 53 55 56 58 59",
    ),
    (
        &["depends.none:", "xor", "3,7,9"],
        "3 12 18 21 24 30 33 36 39 42 48 54 57 60 1 2 4 5 7 8 10 13 14 16 19 20 22 23 25 26 28 29 31 34 35 37 40 41 46 49 50 52 55 56 58 59",
    ),
    (
        &["estimate.none:", "xor", "estimate.over:4"],
        "3 6 9 12 15 18 21 24 27 33 36 39 42 45 48 54 57 60 1 2 5 7 10 11 13 14 16 17 19 20 22 23 25 26 28 29 31 32 34 35 37 38 40 41 43 44 47 49 50 52 53 56 59",
    ),
    (
        &["priority.after:L", "xor", "tags.hasnt:urgent"],
        "3 6 9 15 18 21 27 30 33 39 42 45 51 54 57 60 1 2 4 5 11 13 14 16 17 19 22 25 26 29 31 34 37 40 43 49 50 53 55 56 58",
    ),
    (
        &["modified.any:", "xor", "+UDA"],
        "3 12 15 18 21 27 33 36 39 42 45 54 60 1 5 11 19 22 26 28 29 31 32 34 37 38 40 43 44 50 52 56 59",
    ),
    (
        &["(", "+BLOCKING", "or", "due.after:now", ")", "/^fix/"],
        "23",
    ),
    (
        &["description.before:m", "xor", "scheduled.before:now"],
        "9 18 24 27 30 33 48 57 60 1 2 5 8 10 14 16 19 22 23 26 31 32 34 35 38 40 43 46 49 50 55 58 59",
    ),
    (
        &["(", "-next", "or", "+TEMPLATE", ")", "priority<H"],
        "3 9 12 15 18 21 27 39 42 45 48 51 54 57 60 1 10 11 14 19 22 25 26 31 32 34 37 40 43 44 46 47 49 50 52 55 56 58 59",
    ),
    (
        &["+PROJECT", "xor", "id<4"],
        "3 9 12 15 18 21 24 33 36 45 48 51 54 57 2 7 10 11 16 17 20 22 25 26 28 29 32 35 37 38 43 44 47 49 50 52 56",
    ),
    (
        &[
            "(",
            "project.not:home",
            "or",
            "priority.after:L",
            ")",
            "priority.by:M",
        ],
        "3 9 15 18 24 30 39 42 45 48 57 60 1 2 4 8 10 13 16 17 22 25 29 31 32 37 40 43 44 46 47 49 52 55 56",
    ),
    (
        &["Tax", "and", "id.any:"],
        "9 24 57 4 13 20 35 41 49 52 55 58",
    ),
    (
        &["tags.word:next", "and", "status:pending"],
        "6 24 33 36 2 4 16 17 28 29 38",
    ),
    (&["/^fix/", "estimate.below:1"], "23"),
];
