//! A parsed add/modify command line: the changes to make, applied through a [`TaskEdit`]
//! all together or not at all.
//!
//! Pure: no I/O.

use chrono::TimeZone;

use super::change::{Change, ModifyError, ModifyErrorKind, Substitution};
use super::parser::{ModifyContext, Origin, Parser};
use crate::lang::words::split_words;
use crate::task::{EditError, Task, TaskEdit, keys};

/// A parsed command line: the changes to make, applied all together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Modification {
    changes: Vec<Change>,
    /// The word each change came from, for errors found when applying.
    origins: Vec<Origin>,
}

impl Modification {
    /// Read a `modify` line. Plain words, if any, replace the description.
    ///
    /// The whole line is read before anything is returned; the error is the first one,
    /// with the word at fault.
    pub fn parse<Tz: TimeZone>(
        input: &str,
        ctx: &ModifyContext<'_, Tz>,
    ) -> Result<Self, ModifyError> {
        Self::read(input, ctx, true)
    }

    /// Read a line; `substitutions`: whether `/from/to/` words change text (in `modify`)
    /// or are text themselves (in `add`, where `/usr/bin/` is a path).
    fn read<Tz: TimeZone>(
        input: &str,
        ctx: &ModifyContext<'_, Tz>,
        substitutions: bool,
    ) -> Result<Self, ModifyError> {
        let words = split_words(input).map_err(|(quote, at)| ModifyError {
            token: input[at..].to_string(),
            span: at..input.len(),
            kind: ModifyErrorKind::UnclosedQuote(quote),
        })?;
        let mut parser = Parser::new(ctx, input);
        let mut rest_is_text = false;
        for word in &words {
            if rest_is_text || word.quoted {
                parser.text.push(word);
            } else if word.text == "--" {
                rest_is_text = true;
            } else if let Some(sub) = substitutions
                .then(|| Substitution::parse(&word.text))
                .flatten()
            {
                let sub = sub.map_err(|why| ModifyError {
                    token: input[word.span.clone()].to_string(),
                    span: word.span.clone(),
                    kind: ModifyErrorKind::BadSubstitution(why),
                })?;
                parser.substitute(sub, word);
            } else {
                parser.word(word).map_err(|kind| ModifyError {
                    token: input[word.span.clone()].to_string(),
                    span: word.span.clone(),
                    kind,
                })?;
            }
        }
        let (changes, origins) = parser.finish();
        Ok(Modification { changes, origins })
    }

    /// Read an `add` line: as [`parse`](Self::parse), and a description is required.
    pub fn parse_new<Tz: TimeZone>(
        input: &str,
        ctx: &ModifyContext<'_, Tz>,
    ) -> Result<Self, ModifyError> {
        let m = Self::read(input, ctx, false)?;
        if m.description().is_none() {
            return Err(ModifyError {
                token: String::new(),
                span: input.len()..input.len(),
                kind: ModifyErrorKind::EmptyDescription,
            });
        }
        Ok(m)
    }

    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The new description, if the line sets one.
    pub fn description(&self) -> Option<&str> {
        self.changes.iter().rev().find_map(|c| match c {
            Change::Description(d) => Some(d.as_str()),
            _ => None,
        })
    }

    /// Take out the new description the plain words make, if they make one, leaving the
    /// other changes (`append` and `prepend` add the words to the description instead).
    pub fn take_description(&mut self) -> Option<String> {
        let at = self
            .changes
            .iter()
            .position(|c| matches!(c, Change::Description(_)))?;
        self.origins.remove(at);
        match self.changes.remove(at) {
            Change::Description(text) => Some(text),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Make the changes through `edit`. Checked first, so nothing changes on an error.
    pub fn apply(&self, edit: &mut TaskEdit<'_>) -> Result<(), ModifyError> {
        let me = edit.data().uuid();
        for (change, (token, span)) in self.changes.iter().zip(&self.origins) {
            if *change == Change::AddDependency(me) {
                return Err(ModifyError {
                    token: token.clone(),
                    span: span.clone(),
                    kind: ModifyErrorKind::Edit(EditError::SelfDependency(me)),
                });
            }
        }
        for change in &self.changes {
            match change {
                Change::Description(d) => {
                    edit.set_description(d);
                }
                Change::Project(p) => {
                    edit.set_project(p.as_deref());
                }
                Change::Priority(p) => {
                    edit.set_priority(p.as_deref());
                }
                Change::Date { attribute, value } => {
                    edit.set_timestamp(attribute, *value);
                }
                Change::Uda { name, value } => {
                    edit.set_value(name, value.clone());
                }
                Change::Recur(period) => {
                    edit.set_value(keys::RECUR, period.clone());
                }
                Change::RecurType(kind) => {
                    edit.set_value(keys::RTYPE, Some(kind.clone()));
                }
                Change::AddTag(tag) => {
                    edit.add_tag(tag);
                }
                Change::RemoveTag(tag) => {
                    edit.remove_tag(tag);
                }
                Change::AddDependency(dep) => {
                    // Checked above: the only refusal is a self-dependency.
                    let _ = edit.add_dependency(*dep);
                }
                Change::RemoveDependency(dep) => {
                    edit.remove_dependency(*dep);
                }
                Change::Status(status) => {
                    edit.set_status(status.clone());
                }
                Change::Substitute(sub) => substitute(edit, sub),
                Change::ClearDependencies => {
                    let deps = Task::new(edit.data().clone()).dependencies();
                    for dep in deps {
                        edit.remove_dependency(dep);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Make `sub` as Taskwarrior does: in the description; where the first match is wanted and
/// the description had one, nowhere else; otherwise in the annotations too, oldest first.
fn substitute(edit: &mut TaskEdit<'_>, sub: &Substitution) {
    let task = Task::new(edit.data().clone());
    if let Some(d) = sub.apply_to(task.description()) {
        edit.set_description(&d);
        if !sub.global {
            return;
        }
    }
    for a in task.annotations() {
        if let Some(text) = sub.apply_to(&a.description) {
            edit.set_value(&a.key(), Some(text));
            if !sub.global {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::modify::depref::DepRef;
    use crate::task::{Operations, Status, Tag, TagError, TaskData, TaskMap};
    use chrono::{DateTime, FixedOffset, Utc};
    use uuid::Uuid;

    const A: Uuid = Uuid::from_u128(0xa1b2c3d4_0000_4000_8000_000000000001);
    const B: Uuid = Uuid::from_u128(0xb0000000_0000_4000_8000_000000000002);
    const ME: Uuid = Uuid::from_u128(0xc0000000_0000_4000_8000_000000000003);

    /// Friday 2026-05-15, 10:00 at UTC+2.
    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-05-15T10:00:00+02:00").unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn resolve(r: &DepRef) -> Option<Uuid> {
        match r {
            DepRef::Id(3) => Some(A),
            DepRef::Id(7) => Some(B),
            DepRef::Id(9) => Some(ME),
            DepRef::ShortUuid(p) if A.to_string().starts_with(p.as_str()) => Some(A),
            DepRef::Uuid(u) if [A, B].contains(u) => Some(*u),
            _ => None,
        }
    }

    fn with_ctx<T>(f: impl FnOnce(&ModifyContext<'_, FixedOffset>) -> T) -> T {
        let udas = vec!["estimate".to_string(), "brainpower".to_string()];
        let now = now();
        f(&ModifyContext {
            now: &now,
            udas: &udas,
            resolve: &resolve,
            dateformat: "",
        })
    }

    fn parse(input: &str) -> Result<Modification, ModifyError> {
        with_ctx(|ctx| Modification::parse(input, ctx))
    }

    fn changes(input: &str) -> Vec<Change> {
        parse(input).unwrap().changes().to_vec()
    }

    fn kind(input: &str) -> ModifyErrorKind {
        parse(input).unwrap_err().kind
    }

    fn tag(name: &str) -> Tag {
        Tag::new(name).unwrap()
    }

    fn date(attribute: &'static str, value: &str) -> Change {
        Change::Date {
            attribute,
            value: Some(at(value)),
        }
    }

    fn desc(text: &str) -> Change {
        Change::Description(text.to_string())
    }

    #[test]
    fn the_full_example() {
        assert_eq!(
            changes(
                "project:home +errand -old due:fri wait:2d scheduled:sow priority:H \
                 depends:3,7 until:eom Buy milk"
            ),
            vec![
                Change::Project(Some("home".into())),
                Change::AddTag(tag("errand")),
                Change::RemoveTag(tag("old")),
                date("due", "2026-05-22T00:00:00+02:00"),
                date("wait", "2026-05-17T10:00:00+02:00"),
                date("scheduled", "2026-05-11T00:00:00+02:00"),
                Change::Priority(Some("H".into())),
                Change::AddDependency(A),
                Change::AddDependency(B),
                date("until", "2026-05-31T23:59:59+02:00"),
                desc("Buy milk"),
            ]
        );
    }

    #[test]
    fn abbreviations_and_equals() {
        assert_eq!(
            changes("pro:x pri=l dep:a1b2c3d4 sched:sod du:eod wa:tomorrow un:eoy ent:today"),
            vec![
                Change::Project(Some("x".into())),
                Change::Priority(Some("L".into())),
                Change::AddDependency(A),
                date("scheduled", "2026-05-15T00:00:00+02:00"),
                date("due", "2026-05-15T23:59:59+02:00"),
                date("wait", "2026-05-16T00:00:00+02:00"),
                date("until", "2026-12-31T23:59:59+02:00"),
                date("entry", "2026-05-15T00:00:00+02:00"),
            ]
        );
        assert_eq!(
            changes("Due:eod est:3 star:now end:now"),
            vec![
                date("due", "2026-05-15T23:59:59+02:00"),
                Change::Uda {
                    name: "estimate".into(),
                    value: Some("3".into())
                },
                date("start", "2026-05-15T10:00:00+02:00"),
                date("end", "2026-05-15T10:00:00+02:00"),
            ]
        );
        assert_eq!(
            changes(&format!("depends:{B} depends:-3,-7")),
            vec![
                Change::AddDependency(B),
                Change::RemoveDependency(A),
                Change::RemoveDependency(B),
            ]
        );
    }

    #[test]
    fn ambiguous_abbreviations_list_the_choices() {
        assert_eq!(
            kind("pr:x"),
            ModifyErrorKind::AmbiguousAttribute {
                name: "pr".into(),
                candidates: vec!["priority".into(), "project".into()],
            }
        );
        let err = parse("st:x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "'st' could be start or status: type more of the name"
        );
        assert_eq!(
            kind("de:x").to_string(),
            "'de' could be depends or description: type more of the name"
        );
    }

    #[test]
    fn empty_values_remove() {
        assert_eq!(
            changes("due: project: priority: estimate: depends:"),
            vec![
                Change::Date {
                    attribute: "due",
                    value: None
                },
                Change::Project(None),
                Change::Priority(None),
                Change::Uda {
                    name: "estimate".into(),
                    value: None
                },
                Change::ClearDependencies,
            ]
        );
    }

    #[test]
    fn refused_attributes() {
        assert_eq!(kind("pri:X"), ModifyErrorKind::Priority("X".into()));
        assert_eq!(
            kind("pri:urgent").to_string(),
            "priority 'urgent' is not H, M or L (leave it empty to remove the priority)"
        );
        assert_eq!(
            kind("status:recurring"),
            ModifyErrorKind::Status("recurring".into())
        );
        assert_eq!(kind("stat:x"), ModifyErrorKind::Status("x".into()));
        assert_eq!(kind("status:"), ModifyErrorKind::Status(String::new()));
        assert!(kind("status:x").to_string().contains("status:pending"));
        assert_eq!(
            changes("recur:weekly"),
            vec![Change::Recur(Some("weekly".into()))]
        );
        assert_eq!(changes("rec:"), vec![Change::Recur(None)]);
        assert!(matches!(kind("recur:sometimes"), ModifyErrorKind::Recur(_)));
        assert!(matches!(kind("recur:0m"), ModifyErrorKind::Recur(_)));
        assert_eq!(
            changes("rtype:chained"),
            vec![Change::RecurType("chained".into())]
        );
        assert!(matches!(kind("rtype:"), ModifyErrorKind::RecurType(_)));
        assert!(matches!(
            kind("rtype:weekly"),
            ModifyErrorKind::RecurType(_)
        ));
        assert_eq!(kind("uuid:x"), ModifyErrorKind::ReadOnly("uuid"));
        assert_eq!(kind("description:"), ModifyErrorKind::EmptyDescription);
    }

    #[test]
    fn unknown_attributes_are_errors_but_urls_and_times_are_words() {
        let err = parse("call foo:bar").unwrap_err();
        assert_eq!(err.kind, ModifyErrorKind::UnknownAttribute("foo".into()));
        assert_eq!(
            err.to_string(),
            "unknown attribute 'foo' (quote the word to keep it in the description)"
        );
        assert_eq!((err.token.as_str(), err.span), ("foo:bar", 5..12));
        assert_eq!(
            changes("see https://x.org at 10:30 a=b Note: 12:00:00 to: x=1"),
            vec![desc(
                "see https://x.org at 10:30 a=b Note: 12:00:00 to: x=1"
            )]
        );
    }

    #[test]
    fn quoted_words_and_double_dash_are_text() {
        assert_eq!(
            changes(r#""due:fri" 'pro:x' "+tag" y"#),
            vec![desc("due:fri pro:x +tag y")]
        );
        assert_eq!(
            changes("+a fix -- due:fri +x -y"),
            vec![Change::AddTag(tag("a")), desc("fix due:fri +x -y")]
        );
        assert_eq!(
            changes(r#"project:"my home" x"#),
            vec![Change::Project(Some("my home".into())), desc("x")]
        );
    }

    #[test]
    fn tags() {
        assert_eq!(
            changes("+Home -old_1 +_x"),
            vec![
                Change::AddTag(tag("Home")),
                Change::RemoveTag(tag("old_1")),
                Change::AddTag(tag("_x")),
            ]
        );
        assert_eq!(changes("lose -5 kg +1 ->"), vec![desc("lose -5 kg +1 ->")]);
        let err = parse("x +OVERDUE").unwrap_err();
        assert_eq!(err.kind, ModifyErrorKind::VirtualTag("+OVERDUE".into()));
        assert_eq!(
            err.to_string(),
            "+OVERDUE is a virtual tag, worked out from the task: it cannot be added or removed"
        );
        assert_eq!(kind("-READY"), ModifyErrorKind::VirtualTag("-READY".into()));
        assert!(matches!(
            kind("+ALLCAPS"),
            ModifyErrorKind::Tag(TagError::Reserved { .. })
        ));
        assert!(matches!(
            kind("+a:b"),
            ModifyErrorKind::Tag(TagError::BadChar { .. })
        ));
    }

    #[test]
    fn dependency_errors_name_the_reference() {
        assert_eq!(
            kind("depends:12").to_string(),
            "depends: there is no task with ID 12"
        );
        assert_eq!(
            kind("dep:3,deadbeef"),
            ModifyErrorKind::UnknownTask("whose UUID starts with deadbeef".into())
        );
        for bad in ["x", "0", "3x", "-", "3,,7"] {
            let err = parse(&format!("depends:{bad}")).unwrap_err();
            assert!(
                matches!(err.kind, ModifyErrorKind::BadDependency(_)),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn references_read_as_taskwarrior_reads_them() {
        let short = |s: &str| Some(DepRef::ShortUuid(s.into()));
        assert_eq!(DepRef::parse("3"), Some(DepRef::Id(3)));
        assert_eq!(DepRef::parse("1234567"), Some(DepRef::Id(1_234_567)));
        assert_eq!(DepRef::parse("23070183"), short("23070183"));
        assert_eq!(DepRef::parse("123456789"), Some(DepRef::Id(123_456_789)));
        assert_eq!(DepRef::parse("A1B2C3D4"), short("a1b2c3d4"));
        assert_eq!(DepRef::parse("a1b2c3d4-00"), short("a1b2c3d4-00"));
        assert_eq!(DepRef::parse(&A.to_string()), Some(DepRef::Uuid(A)));
        for bad in [
            "0",
            "",
            "a1b2c3d",
            "a1b2c3d4x",
            "a1b2c3d40",
            "99999999999999999999",
        ] {
            assert_eq!(DepRef::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn eight_digits_are_an_id_when_the_working_set_has_one_so_high() {
        let digits = Uuid::parse_str("23070183-0000-4000-8000-000000000001").unwrap();
        let uuids = [A, B, digits];
        let r = DepRef::parse("23070183").unwrap();
        assert_eq!(r.resolve(|_| None, uuids), Some(digits));
        assert_eq!(
            r.resolve(|id| (id == 23_070_183).then_some(B), uuids),
            Some(B)
        );
        let ambiguous = DepRef::ShortUuid("b0000000".into());
        let twin = Uuid::from_u128(0xb0000000_0000_4000_8000_000000000009);
        assert_eq!(ambiguous.resolve(|_| None, [B, twin]), None);
        assert_eq!(ambiguous.resolve(|_| None, [B]), Some(B));
        let prefix = DepRef::parse("a1b2c3d4-0000-40").unwrap();
        assert_eq!(prefix.resolve(|_| None, uuids), Some(A));
    }

    #[test]
    fn the_first_error_is_reported_with_its_word() {
        let err = parse("a due:fryday foo:bar").unwrap_err();
        assert_eq!(
            (err.token.as_str(), err.span.clone()),
            ("due:fryday", 2..12)
        );
        assert_eq!(
            err.to_string(),
            "due: 'fryday' is not a date: try 2026-12-24, fri, eow, 3d"
        );
        let err = parse("foo:bar due:fryday").unwrap_err();
        assert_eq!(err.token, "foo:bar");
        let err = parse(r#"a "b"#).unwrap_err();
        assert_eq!(err.kind, ModifyErrorKind::UnclosedQuote('"'));
        assert_eq!((err.token.as_str(), err.span), (r#""b"#, 2..4));
    }

    #[test]
    fn description_words() {
        assert_eq!(changes("  Buy   oat\tmilk "), vec![desc("Buy oat milk")]);
        assert_eq!(
            changes("bell\u{7}\u{1b}[31m"),
            vec![desc("bell\u{7}\u{1b}[31m")]
        );
        let m = parse("+x").unwrap();
        assert_eq!(m.description(), None);
        assert!(parse("").unwrap().is_empty());
        assert_eq!(
            with_ctx(|ctx| Modification::parse_new("+x due:fri", ctx))
                .unwrap_err()
                .kind,
            ModifyErrorKind::EmptyDescription
        );
        let m = with_ctx(|ctx| Modification::parse_new("Buy milk +x", ctx)).unwrap();
        assert_eq!(m.description(), Some("Buy milk"));
    }

    fn task(pairs: &[(&str, &str)]) -> Task {
        let map: TaskMap = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Task::new(TaskData::new(ME, map))
    }

    #[test]
    fn applies_through_task_edit() {
        let mut t = task(&[
            ("description", "old text"),
            ("status", "pending"),
            ("tag_old", "x"),
            ("tags", "old"),
        ]);
        let m = parse(
            "project:home +errand -old due:fri wait:2d scheduled:sow priority:h \
             depends:3,7 until:eom est:2 Buy milk",
        )
        .unwrap();
        let mut ops = Operations::new();
        m.apply(&mut t.edit(&mut ops, at("2026-05-15T08:00:00Z")))
            .unwrap();
        assert_eq!(t.description(), "Buy milk");
        assert_eq!(t.project(), Some("home"));
        assert_eq!(t.priority(), Some("H"));
        assert_eq!(t.tags(), vec![tag("errand")]);
        assert_eq!(t.get("tags"), Some("errand"));
        assert_eq!(t.due(), Some(at("2026-05-22T00:00:00+02:00")));
        assert_eq!(t.wait(), Some(at("2026-05-17T10:00:00+02:00")));
        assert_eq!(t.scheduled(), Some(at("2026-05-11T00:00:00+02:00")));
        assert_eq!(t.until(), Some(at("2026-05-31T23:59:59+02:00")));
        assert_eq!(t.dependencies(), vec![A, B]);
        assert_eq!(t.get("estimate"), Some("2"));
        assert_eq!(t.modified(), Some(at("2026-05-15T08:00:00Z")));
        assert!(!ops.is_empty());

        // Removing again, with empty values.
        let m = parse("due: project: depends: -errand estimate:").unwrap();
        ops.clear();
        m.apply(&mut t.edit(&mut ops, at("2026-05-15T08:00:00Z")))
            .unwrap();
        assert_eq!((t.due(), t.project()), (None, None));
        assert!(t.dependencies().is_empty() && t.tags().is_empty());
        assert_eq!((t.get("depends"), t.get("estimate")), (None, None));
        assert_eq!(t.description(), "Buy milk");
    }

    #[test]
    fn apply_is_all_or_nothing() {
        let mut t = task(&[("description", "d")]);
        let before = t.clone();
        let m = parse("project:x depends:3,9 new words").unwrap();
        let mut ops = Operations::new();
        let err = m
            .apply(&mut t.edit(&mut ops, at("2026-05-15T08:00:00Z")))
            .unwrap_err();
        assert_eq!(
            err.kind,
            ModifyErrorKind::Edit(EditError::SelfDependency(ME))
        );
        assert_eq!(err.token, "depends:3,9");
        assert!(ops.is_empty());
        assert_eq!(t, before);
    }

    #[test]
    fn status_is_set_by_name_and_end_follows() {
        for (word, want) in [
            ("status:pending", Status::Pending),
            ("status:waiting", Status::Pending),
            ("status:P", Status::Pending),
            ("stat:completed", Status::Completed),
            ("status:del", Status::Deleted),
        ] {
            assert_eq!(changes(word), vec![Change::Status(want)], "{word}");
        }
        let mut t = task(&[("description", "d"), ("status", "deleted"), ("end", "5")]);
        let mut ops = Operations::new();
        parse("status:pending")
            .unwrap()
            .apply(&mut t.edit(&mut ops, at("2026-05-15T08:00:00Z")))
            .unwrap();
        assert_eq!((t.status(), t.end()), (Status::Pending, None));
        parse("status:completed")
            .unwrap()
            .apply(&mut t.edit(&mut ops, at("2026-05-15T08:00:00Z")))
            .unwrap();
        assert_eq!(t.status(), Status::Completed);
        assert_eq!(t.end(), Some(at("2026-05-15T08:00:00Z")));
    }

    /// The description and annotation texts after `line` is applied.
    fn substituted(line: &str) -> (String, Vec<String>) {
        let mut t = task(&[
            ("description", "pay rent and rent again"),
            ("annotation_1715000000", "rent note rent"),
            ("annotation_1715000100", "second rent"),
        ]);
        let m = parse(line).unwrap();
        let mut ops = Operations::new();
        m.apply(&mut t.edit(&mut ops, at("2026-05-15T08:00:00Z")))
            .unwrap();
        let notes = t.annotations().into_iter().map(|a| a.description).collect();
        (t.description().to_string(), notes)
    }

    #[test]
    fn substitutions_change_text_as_taskwarrior_does() {
        // Checked against Taskwarrior 3.1.0: the first match in the description only.
        assert_eq!(
            substituted("/rent/RENT/"),
            (
                "pay RENT and rent again".into(),
                vec!["rent note rent".into(), "second rent".into()]
            )
        );
        // Not in the description: the first annotation that has it.
        assert_eq!(
            substituted("/note/NOTE/").1,
            ["rent NOTE rent", "second rent"]
        );
        // g: every match, everywhere; case counts; the pattern is a regular expression.
        assert_eq!(
            substituted("/r.nt/x/g"),
            (
                "pay x and x again".into(),
                vec!["x note x".into(), "second x".into()]
            )
        );
        assert_eq!(substituted("/RENT/x/g").0, "pay rent and rent again");
        // The replacement is literal, and a substitution goes with other changes.
        assert_eq!(
            substituted("/pay/$1cost/ +x").0,
            "$1cost rent and rent again"
        );
        assert_eq!(substituted("/a\\/b/c/").0, "pay rent and rent again");
        assert!(matches!(
            parse("/re(nt/x/").unwrap_err().kind,
            ModifyErrorKind::BadSubstitution(_)
        ));
        // Not substitutions: a path, a quoted word, and anything in an add line.
        assert_eq!(
            parse("see /usr/bin").unwrap().description(),
            Some("see /usr/bin")
        );
        assert_eq!(parse("'/a/b/'").unwrap().description(), Some("/a/b/"));
        let m = with_ctx(|ctx| Modification::parse_new("fix /usr/bin/", ctx)).unwrap();
        assert_eq!(m.description(), Some("fix /usr/bin/"));
    }
}
