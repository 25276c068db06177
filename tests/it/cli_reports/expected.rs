/// What Taskwarrior 3.1.0 printed for each report (and a few filters) on the data set of
/// `tasks` (`TZ=UTC`, piped, so 80 columns wide unless the arguments say otherwise), and
/// whether it found anything; `{DAYS_HOURS}` stands for the date that many days and hours
/// from now.
pub const REPORTS: &[(&[&str], bool, &str)] = &[
    (
        &["next"],
        true,
        r#"
ID Active Age   Deps P Project     Tag            Due   Description        Urg
-- ------ ----- ---- - ----------- -------------- ----- ------------------ -----
 3   1h    5w          work                       -2d   Send invoice        22.9
 1        10d        H home.bills  bills           3d   Pay rent            15.3
 2         2w          home.garden garden outdoor       Water the tomatoes  7.81
                                                          {-5_0} use
                                                        the rain barrel
 6         2d          work                        2w   A rather long       3.41
                                                        description that
                                                        will need to be
                                                        wrapped when the
                                                        report is narrow
 4         3d   3    L work.admin                       Call the bank      -2.18

5 tasks
"#,
    ),
    (
        &["list"],
        true,
        r#"
ID Active Age   D P Project     Tags          Due        Description       Urg
-- ------ ----- - - ----------- ------------- ---------- ----------------- -----
 3   1h    5w       work                      {-2_0} Send invoice       22.9
 1        10d     H home.bills  bills         {3_1} Pay rent           15.3
 6         2d       work                      {20_0} A rather long      3.41
                                                         description that
                                                         will need to be
                                                         wrapped when the
                                                         report is narrow
 2         2w       home.garden garden                   Water the          7.81
                                outdoor                  tomatoes [1]
 4         3d   D L work.admin                           Call the bank     -2.18

5 tasks
"#,
    ),
    (
        &["all"],
        true,
        r#"
ID St UUID     A Age   Done D P Project Tags Wait Due        Description
-- -- -------- - ----- ---- - - ------- ---- ---- ---------- -------------------
 6 P  00000000    2d            work              {20_0} A rather long
                                                             description that
                                                             will need to be
                                                             wrapped when the
                                                             report is narrow
 4 P  00000000    3d        D L work                         Call the bank
 1 P  00000000   10d          H home     [1]      {3_1} Pay rent
 2 P  00000000    2w            home     [2]                 Water the tomatoes
                                                               {-5_0} use
                                                             the rain barrel
 - C  00000000    4w   7d       home                         Old done thing
 - D  00000000    4w   1d                                    Deleted one
 3 P  00000000 *  5w            work              {-2_0} Send invoice
 5 W  00000000    3mo                    [1] 5d              Read the book

8 tasks
"#,
    ),
    (
        &["completed"],
        true,
        r#"
ID UUID     Created    Completed  Age  Project Description
-- -------- ---------- ---------- ---- ------- --------------
 - 00000000 {-30_0} {-7_0} 4w   home    Old done thing

1 task
"#,
    ),
    (
        &["waiting"],
        true,
        r#"
ID Age  Tags    Wait       Remaining Description
-- ---- ------- ---------- --------- -------------
 5 3mo  someday {5_1}      5d   Read the book

1 task
"#,
    ),
    (
        &["ready"],
        true,
        r#"
ID Active Age   P Project     Tags           Due  Description               Urg
-- ------ ----- - ----------- -------------- ---- ------------------------- ----
 3   1h    5w     work                            Send invoice              22.9
 1        10d   H home.bills  bills          3d   Pay rent                  15.3
 2         2w     home.garden garden outdoor      Water the tomatoes        7.81
                                                    {-5_0} use the rain
                                                  barrel
 6         2d     work                       2w   A rather long description 3.41
                                                  that will need to be
                                                  wrapped when the report
                                                  is narrow

4 tasks
"#,
    ),
    (
        &["blocked"],
        true,
        r#"
ID Deps Proj       Pri Age  Description
-- ---- ---------- --- ---- -------------
 4 3    work.admin L   3d   Call the bank

1 task
"#,
    ),
    (
        &["blocking"],
        true,
        r#"
ID UUID     A Project Due   Description      Urg
-- -------- - ------- ----- ---------------- ----
 3 00000000 * work    -2d   Send invoice     22.9

1 task
"#,
    ),
    (
        &["unblocked"],
        true,
        r#"
ID Proj        Pri Due        Active Age   Description
-- ----------- --- ---------- ------ ----- -------------------------------------
 3 work            {-2_0}      *  5w   Send invoice
 1 home.bills  H   {3_1}        10d   Pay rent
 6 work            {20_0}         2d   A rather long description that will
                                           need to be wrapped when the report is
                                           narrow
 2 home.garden                        2w   Water the tomatoes
                                             {-5_0} use the rain barrel

4 tasks
"#,
    ),
    (&["recurring"], false, r#""#),
    (
        &["active"],
        true,
        r#"
ID Started    Active Age  Project Due        Description
-- ---------- ------ ---- ------- ---------- ------------
 3 {0_-1}   1h   5w   work    {-2_0} Send invoice

1 task
"#,
    ),
    (
        &["overdue"],
        true,
        r#"
ID Active Age  Project Due        Description  Urg
-- ------ ---- ------- ---------- ------------ ----
 3   1h   5w   work    {-2_0} Send invoice 22.9

1 task
"#,
    ),
    (
        &["newest"],
        true,
        r#"
ID Active Created    Age   Mod   D P Project     Tags    Due        Description
-- ------ ---------- ----- ----- - - ----------- ------- ---------- ------------
 6        {-2_0}  2d    2d       work                {20_0} A rather
                                                                    long
                                                                    description
                                                                    that will
                                                                    need to be
                                                                    wrapped when
                                                                    the report
                                                                    is narrow
 4        {-3_0}  3d    3d   D L work.admin                     Call the
                                                                    bank
 1        {-10_0} 10d   10d     H home.bills  bills   {3_1} Pay rent
 2        {-20_0}  2w    5d       home.garden garden             Water the
                                                 outdoor            tomatoes
                                                                      {-5_0}
                                                                    use the rain
                                                                    barrel
 3   1h   {-40_0}  5w    1h       work                {-2_0} Send invoice

5 tasks
"#,
    ),
    (
        &["oldest"],
        true,
        r#"
ID Active Created    Age   Mod   D P Project     Tags    Due        Description
-- ------ ---------- ----- ----- - - ----------- ------- ---------- ------------
 3   1h   {-40_0}  5w    1h       work                {-2_0} Send invoice
 2        {-20_0}  2w    5d       home.garden garden             Water the
                                                 outdoor            tomatoes
                                                                      {-5_0}
                                                                    use the rain
                                                                    barrel
 1        {-10_0} 10d   10d     H home.bills  bills   {3_1} Pay rent
 4        {-3_0}  3d    3d   D L work.admin                     Call the
                                                                    bank
 6        {-2_0}  2d    2d       work                {20_0} A rather
                                                                    long
                                                                    description
                                                                    that will
                                                                    need to be
                                                                    wrapped when
                                                                    the report
                                                                    is narrow

5 tasks
"#,
    ),
    (
        &["ls"],
        true,
        r#"
ID A D Project     Tags           Due  Description
-- - - ----------- -------------- ---- -----------------------------------------
 3 *   work                            Send invoice
 6     work                       2w   A rather long description that will need
                                       to be wrapped when the report is narrow
 4   D work.admin                      Call the bank
 1     home.bills  bills          3d   Pay rent
 2     home.garden garden outdoor      Water the tomatoes [1]

5 tasks
"#,
    ),
    (
        &["minimal"],
        true,
        r#"
ID Project     Tags Description
-- ----------- ---- ------------------------------------------------------------
 1 home.bills   [1] Pay rent

 2 home.garden  [2] Water the tomatoes [1]

 6 work             A rather long description that will need to be wrapped when
                    the report is narrow
 3 work             Send invoice

 4 work.admin       Call the bank

5 tasks
"#,
    ),
    (
        &["rc.defaultwidth=160", "long"],
        true,
        r#"
ID A Created    Mod   Deps P Project     Tags           Sched      Due        Description
-- - ---------- ----- ---- - ----------- -------------- ---------- ---------- --------------------------------------------------------------------------------
 3 * {-40_0}  1h          work                                  {-2_0} Send invoice
 6   {-2_0}  2d          work                                  {20_0} A rather long description that will need to be wrapped when the report is narrow
 4   {-3_0}  3d   3    L work.admin                                       Call the bank
 2   {-20_0}  5d          home.garden garden outdoor {-1_0}            Water the tomatoes
                                                                                {-5_0} use the rain barrel
 1   {-10_0} 10d        H home.bills  bills                     {3_1} Pay rent

5 tasks
"#,
    ),
    (&["list", "+home"], false, r#""#),
    (
        &["next", "limit:2"],
        true,
        r#"
ID Active Age   P Project    Tag   Due   Description  Urg
-- ------ ----- - ---------- ----- ----- ------------ ----
 3   1h    5w     work             -2d   Send invoice 22.9
 1        10d   H home.bills bills  3d   Pay rent     15.3

5 tasks, 2 shown
"#,
    ),
    (&["+WAITING", "list"], false, r#""#),
    (
        &["minimal", "project:work"],
        true,
        r#"
ID Project    Description
-- ---------- ------------------------------------------------------------------
 6 work       A rather long description that will need to be wrapped when the
              report is narrow
 3 work       Send invoice

 4 work.admin Call the bank

3 tasks
"#,
    ),
    (
        &["all", "status:completed"],
        true,
        r#"
ID St UUID     Age  Done Project Description
-- -- -------- ---- ---- ------- --------------
 - C  00000000 4w   7d   home    Old done thing

1 task
"#,
    ),
    (
        &["ls", "due.before:now+4d"],
        true,
        r#"
ID A Project    Tags  Due  Description
-- - ---------- ----- ---- ----------------
 3 * work                  Send invoice
 1   home.bills bills 3d   Pay rent

2 tasks
"#,
    ),
];

/// What Taskwarrior 3.1.0 printed on the same data when the width is short, with the exit
/// status, stdout and stderr (less its `TASKRC`/`TASKDATA` override lines, which tcui does
/// not print): descriptions and projects broken inside words with a hyphen (or not, with
/// `hyphenate` off), the widest columns cut, the error when even that does not fit, the
/// page cut one line earlier for the footnote an `rc.` word makes, and no matches.
pub const NARROW: &[(&[&str], i32, &str, &str)] = &[
    (
        &["long", "rc.defaultwidth=80"],
        0,
        r#"
ID A Created    Mod   Deps P Project    Tags    Sched      Due        Description
-- - ---------- ----- ---- - ---------- ------- ---------- ---------- ----------
 3 * {-40_0}  1h          work                          {-2_0} Send
                                                                      invoice
 6   {-2_0}  2d          work                          {20_0} A rather
                                                                      long
                                                                      descripti-
                                                                      on that
                                                                      will need
                                                                      to be
                                                                      wrapped
                                                                      when the
                                                                      report is
                                                                      narrow
 4   {-3_0}  3d   3    L work.admin                               Call the
                                                                      bank
 2   {-20_0}  5d          home.gard- garden  {-1_0}            Water the
                             en         outdoor                       tomatoes

                                                                      {-5_0}
                                                                      use the
                                                                      rain
                                                                      barrel
 1   {-10_0} 10d        H home.bills bills              {3_1} Pay rent

5 tasks
"#,
        r#"Configuration override rc.defaultwidth=80
"#,
    ),
    (
        &["long", "rc.defaultwidth=60"],
        0,
        r#"
ID A Created    Mod   Deps P Project     Tags    Sched      Due        Description
-- - ---------- ----- ---- - ----------- ------- ---------- ---------- -----------
 3 * {-40_0}  1h          work                           {-2_0} Send
                                                                       invoice
 6   {-2_0}  2d          work                           {20_0} A rather
                                                                       long
                                                                       description
                                                                       that will
                                                                       need to be
                                                                       wrapped
                                                                       when the
                                                                       report is
                                                                       narrow
 4   {-3_0}  3d   3    L work.admin                                Call the
                                                                       bank
 2   {-20_0}  5d          home.garden garden  {-1_0}            Water the
                                         outdoor                       tomatoes

                                                                       {-5_0}
                                                                       use the
                                                                       rain barrel
 1   {-10_0} 10d        H home.bills  bills              {3_1} Pay rent

5 tasks
"#,
        r#"Configuration override rc.defaultwidth=60
The report has a minimum width of 83 and does not fit in the available width of 60.
"#,
    ),
    (
        &["next", "rc.defaultwidth=50"],
        0,
        r#"
ID Active Age   Deps P Project Tag     Due   Description Urg
-- ------ ----- ---- - --- ------- ----- --- -----
 3   1h    5w          wo-         -2d   Se-  22.9
                       rk                nd
                                         in-
                                         vo-
                                         ice
 1        10d        H ho- bills    3d   Pay  15.3
                       me-               re-
                       .b-               nt
                       il-
                       ls
 2         2w          ho- garden        Wa-  7.81
                       me- outdoor       ter
                       .g-               the
                       ar-               to-
                       den               ma-
                                         to-

5 tasks
"#,
        r#"Configuration override rc.defaultwidth=50
"#,
    ),
    (
        &["list", "rc.defaultwidth=40", "rc.hyphenate=off"],
        0,
        r#"
ID Active Age   D P Project     Tags    Due        Description Urg
-- ------ ----- - - ----------- ------- ---------- ----------- -----
 3   1h    5w       work                {-2_0} Send         22.9
                                                   invoice
 1        10d     H home.bills  bills   {3_1} Pay rent     15.3
 6         2d       work                {20_0} A rather     3.41
                                                   long
                                                   description
                                                   that will
                                                   need to be
                                                   wrapped
                                                   when the
                                                   report is
                                                   narrow
 2         2w       home.garden garden             Water the    7.81
                                outdoor            tomatoes
                                                   [1]
 4         3d   D L work.admin                     Call the    -2.18
                                                   bank

5 tasks
"#,
        r#"Configuration override rc.defaultwidth=40
Configuration override rc.hyphenate=off
The report has a minimum width of 68 and does not fit in the available width of 40.
"#,
    ),
    (
        &["ls", "rc.defaultwidth=12"],
        0,
        r#"
ID A D Project     Tags    Due  Description
-- - - ----------- ------- ---- -----------
 3 *   work                     Send
                                invoice
 6     work                2w   A rather
                                long
                                description
                                that will
                                need to be
                                wrapped
                                when the
                                report is
                                narrow
 4   D work.admin               Call the
                                bank
 1     home.bills  bills   3d   Pay rent
 2     home.garden garden       Water the
                   outdoor      tomatoes
                                [1]

5 tasks
"#,
        r#"Configuration override rc.defaultwidth=12
The report has a minimum width of 43 and does not fit in the available width of 12.
"#,
    ),
    (
        &["recurring"],
        1,
        r#""#,
        r#"No matches.
"#,
    ),
];
