//! How far along each project is, as Taskwarrior's `summary` counts it: a project's tasks
//! include its subprojects', projects are listed each under its parent, and only those with
//! open tasks are shown. The interface's chart of projects and `tcui summary` share this.

use std::collections::{BTreeMap, BTreeSet};

use crate::task::{Status, Task};

/// One project's line: its full name, how many of its tasks (its subprojects' included) are
/// open and how many are done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub project: String,
    pub open: usize,
    pub done: usize,
}

impl Progress {
    /// The share done, in whole percent (0 with no tasks).
    pub fn percent(&self) -> usize {
        match self.open + self.done {
            0 => 0,
            all => 100 * self.done / all,
        }
    }
}

/// Each project with open tasks among `tasks`, in Taskwarrior's order; tasks with
/// no project count as the project `""`.
pub fn progress<'a>(tasks: impl Iterator<Item = &'a Task>) -> Vec<Progress> {
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut shown: BTreeSet<&str> = BTreeSet::new();
    for task in tasks {
        let project = task.project().unwrap_or("");
        let (open, done) = match task.status() {
            Status::Pending => (1, 0),
            Status::Completed => (0, 1),
            _ => continue,
        };
        if open == 1 {
            shown.insert(project);
        }
        for name in parent_projects(project).into_iter().chain([project]) {
            let t = tally.entry(name).or_default();
            t.0 += open;
            t.1 += done;
        }
    }
    project_order(&shown)
        .into_iter()
        .map(|name| {
            let (open, done) = tally.get(name).copied().unwrap_or_default();
            Progress {
                project: name.to_string(),
                open,
                done,
            }
        })
        .collect()
}

/// The positions of the dots that split `project` into levels, as Taskwarrior finds them:
/// neither a dot at the very start nor one at the very end.
fn level_dots(project: &str) -> Vec<usize> {
    let bytes = project.as_bytes();
    let mut dots = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(found) = bytes[pos + 1..].iter().position(|&b| b == b'.') else {
            break;
        };
        let at = pos + 1 + found;
        if at != bytes.len() - 1 {
            dots.push(at);
        }
        pos = at;
    }
    dots
}

/// The projects above `project`: `A` and `A.b` for `A.b.c`.
pub fn parent_projects(project: &str) -> Vec<&str> {
    level_dots(project)
        .into_iter()
        .map(|at| &project[..at])
        .collect()
}

/// `project`'s last level, indented two spaces for each level above it.
pub fn indent_project(project: &str) -> String {
    let dots = level_dots(project);
    let child = dots.last().map_or(project, |&at| &project[at + 1..]);
    format!("{}{child}", "  ".repeat(dots.len()))
}

/// Projects in Taskwarrior's order for `summary` and `projects`: each after its parents
/// (added if missing), directly under the nearest one that was already listed.
pub fn project_order<'a>(projects: &BTreeSet<&'a str>) -> Vec<&'a str> {
    let mut sorted: Vec<&str> = Vec::new();
    for &project in projects {
        let parents = parent_projects(project);
        if parents.is_empty() {
            sorted.push(project);
            continue;
        }
        let mut last = None;
        for parent in parents {
            last = sorted.iter().position(|p| *p == parent);
            if last.is_none() {
                sorted.push(parent);
            }
        }
        match last {
            Some(at) => sorted.insert(at + 1, project),
            None => sorted.push(project),
        }
    }
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::task;

    #[test]
    fn projects_count_their_subprojects_and_keep_taskwarriors_order() {
        let tasks = [
            task(&[("status", "pending"), ("project", "Home")]),
            task(&[("status", "completed"), ("project", "Home.Garden")]),
            task(&[("status", "pending"), ("project", "Home.Garden")]),
            task(&[("status", "completed"), ("project", "Work")]),
            task(&[("status", "deleted"), ("project", "Home")]),
        ];
        let got: Vec<(String, usize, usize, usize)> = progress(tasks.iter())
            .into_iter()
            .map(|p| {
                let percent = p.percent();
                (p.project, p.open, p.done, percent)
            })
            .collect();
        // Work has nothing open: not shown.
        assert_eq!(
            got,
            vec![
                ("Home".to_string(), 2, 1, 33),
                ("Home.Garden".to_string(), 1, 1, 50),
            ]
        );
    }
}
