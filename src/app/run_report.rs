//! A report's rows, as `task REPORT [FILTER]` picks and orders them: the tasks that match
//! the report's filter, the filter given with it, and (unless the report says otherwise) the
//! context's read filter; sorted by the report's keys.

use uuid::Uuid;

use super::cells::UdaDefs;
use super::core::Core;
use super::query::Query;
use super::reports::{ReportDef, SortContext, SortValue, order, sort_value, sortable};
use crate::lang::Limit;
use crate::task::Task;

/// The rows a report shows, in order, and how many there are to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub uuids: Vec<Uuid>,
    /// `limit:` from the filter given, else from the report's filter.
    pub limit: Option<Limit>,
}

/// Pick and order the rows of `def` with `filter` (Taskwarrior's filter language) on top.
pub fn select(core: &Core, def: &ReportDef, filter: &str) -> Result<Selected, String> {
    def.check()?;
    let ctx = core.query_context();
    let parse = |text: &str, what: &str| -> Result<Option<Query>, String> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        Query::parse(text, &ctx)
            .map(Some)
            .map_err(|e| format!("{what} {e}"))
    };
    let report_filter = parse(
        &def.filter,
        &format!(
            "report {}: its filter (report.{}.filter)",
            def.name, def.name
        ),
    )?;
    let given = parse(filter, "the filter")?;
    let udas = UdaDefs::from_settings(core.options().settings_iter());
    for key in &def.sort {
        if !sortable(&key.attr, &udas) {
            return Err(format!(
                "report {}: {:?} in report.{}.sort is not something tasks can be sorted by",
                def.name, key.attr, def.name
            ));
        }
    }
    let tags = core.tag_context();
    let urgency = |t: &Task| core.urgency().get(&t.uuid()).copied();
    let matches = |q: &Option<Query>, task: &Task, id: Option<u32>| {
        q.as_ref()
            .is_none_or(|q| q.score(task, id, &tags, &urgency).is_some())
    };
    let sort_ctx = SortContext {
        ids: core.ids(),
        urgency: core.urgency(),
        udas: &udas,
    };
    let mut rows: Vec<(Vec<SortValue>, Option<u32>, Uuid)> = core
        .tasks()
        .values()
        .filter_map(|task| {
            let id = core.ids().get(&task.uuid()).copied();
            let fits = matches(&report_filter, task, id)
                && matches(&given, task, id)
                && (!def.context || core.in_context(task));
            fits.then(|| {
                let values = def
                    .sort
                    .iter()
                    .map(|k| sort_value(task, &k.attr, &sort_ctx))
                    .collect();
                (values, id, task.uuid())
            })
        })
        .collect();
    rows.sort_by(|a, b| order((&a.0, a.1, a.2), (&b.0, b.1, b.2), &def.sort));
    Ok(Selected {
        uuids: rows.into_iter().map(|(_, _, u)| u).collect(),
        limit: given
            .as_ref()
            .and_then(Query::limit)
            .or_else(|| report_filter.as_ref().and_then(Query::limit)),
    })
}
