//! Taskwarrior's contexts: named filters in the taskrc (`context.NAME.read`,
//! `context.NAME.write`, or the older `context.NAME`, which is a read filter) and the active
//! one (`context=NAME`). The read filter narrows every list and count; the write filter's
//! attributes go onto new tasks. Which one is active is written back to the taskrc by the
//! caller, so that Taskwarrior and tcui agree.

use super::query::{Query, QueryContext};

/// Writes the active context's name to the taskrc (`None`: no context), given by the caller
/// so that the app does no I/O.
pub type SaveContext = std::sync::Arc<dyn Fn(Option<&str>) -> Result<(), String> + Send + Sync>;

/// One context as the taskrc defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextDef {
    pub name: String,
    /// The read filter (empty: none).
    pub read: String,
    /// The write filter (empty: none).
    pub write: String,
}

/// The contexts the taskrc defines, by name, and the one it makes active.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contexts {
    pub defined: Vec<ContextDef>,
    /// `context=NAME`, if set and not empty.
    pub active: Option<String>,
}

impl Contexts {
    /// From settings `(key, value)`, as Taskwarrior reads them: any `context.NAME…` key
    /// defines NAME; its read filter is `context.NAME.read` if that key is there at all,
    /// else `context.NAME`.
    pub fn from_settings<'a>(settings: impl Iterator<Item = (&'a str, &'a str)>) -> Contexts {
        let mut values = std::collections::BTreeMap::new();
        let mut active = None;
        for (key, value) in settings {
            if key == "context" {
                active = Some(value.trim().to_string()).filter(|v| !v.is_empty());
            } else if let Some(rest) = key.strip_prefix("context.") {
                values.insert(rest.to_string(), value.trim().to_string());
            }
        }
        // A set: `home.read` and `home-office` sort between `home` and `home.write`.
        let names: std::collections::BTreeSet<&str> = values
            .keys()
            .map(|k| k.split('.').next().unwrap_or(k))
            .filter(|n| !n.is_empty())
            .collect();
        let defined = names
            .into_iter()
            .map(|name| {
                let get = |suffix: &str| values.get(&format!("{name}{suffix}")).cloned();
                ContextDef {
                    name: name.to_string(),
                    read: get(".read").or_else(|| get("")).unwrap_or_default(),
                    write: get(".write").unwrap_or_default(),
                }
            })
            .collect();
        Contexts { defined, active }
    }

    /// The context `context=` names, unless it names `none` (which, as in Taskwarrior,
    /// means no context).
    pub fn in_force(&self) -> Option<&str> {
        self.active.as_deref().filter(|n| *n != "none")
    }

    pub fn get(&self, name: &str) -> Option<&ContextDef> {
        self.defined.iter().find(|c| c.name == name)
    }

    /// Why `name` cannot be put in force: it is not defined, and what is.
    pub fn not_found(&self, name: &str) -> String {
        let known: Vec<&str> = self.defined.iter().map(|c| c.name.as_str()).collect();
        if known.is_empty() {
            format!(
                "there is no context '{name}': the taskrc defines none (a line \
                 context.{name}.read=FILTER defines one)"
            )
        } else {
            format!(
                "there is no context '{name}'; the taskrc defines {}",
                known.join(", ")
            )
        }
    }
}

/// The context in force: its definition and its read filter, read.
#[derive(Debug, Clone)]
pub struct Active {
    pub def: ContextDef,
    /// `None` when the read filter is empty.
    pub read: Option<Query>,
}

impl Active {
    /// The context `name` of `contexts`, its read filter read at `ctx`. An unknown name or a
    /// read filter that does not parse is an error that says so.
    pub fn new(contexts: &Contexts, name: &str, ctx: &QueryContext<'_>) -> Result<Active, String> {
        let def = contexts
            .get(name)
            .cloned()
            .ok_or_else(|| contexts.not_found(name))?;
        let read = match def.read.trim() {
            "" => None,
            text => Some(Query::parse(text, ctx).map_err(|e| {
                format!("context {name}: its read filter (context.{name}.read) {e}")
            })?),
        };
        Ok(Active { def, read })
    }

    pub fn name(&self) -> &str {
        &self.def.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_read_as_taskwarrior_reads_them() {
        let settings = [
            ("context.work.read", "project:work"),
            ("context.work.write", "project:work +job"),
            ("context.home", "project:home"),
            ("context.both.read", ""),
            ("context.both", "ignored"),
            ("context", "work"),
            ("contexts", "not one"),
        ];
        let c = Contexts::from_settings(settings.into_iter());
        let names: Vec<&str> = c.defined.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["both", "home", "work"]);
        assert_eq!(c.active.as_deref(), Some("work"));
        let work = c.get("work").unwrap();
        assert_eq!(
            (work.read.as_str(), work.write.as_str()),
            ("project:work", "project:work +job")
        );
        // The older form is a read filter only.
        let home = c.get("home").unwrap();
        assert_eq!(
            (home.read.as_str(), home.write.as_str()),
            ("project:home", "")
        );
        // An empty `.read` is still the read filter: the older key is not used.
        assert_eq!(c.get("both").unwrap().read, "");
        // Names that sort between another's keys are each one context.
        let c = Contexts::from_settings(
            [
                ("context.a", "x"),
                ("context.a-b.read", "y"),
                ("context.a.write", "z"),
            ]
            .into_iter(),
        );
        let names: Vec<&str> = c.defined.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["a", "a-b"]);
        assert_eq!(c.get("a").unwrap().write, "z");
        let none = Contexts::from_settings([("context", " ")].into_iter());
        assert_eq!(none.active, None);
    }
}
