//! The dependency tree: the pending tasks that take part in a dependency, each drawn under
//! the task it blocks (what it is needed for), or, the other way round, under the task it
//! waits on. A task reached again on its own path is a cycle: shown, marked, not followed.
//! A task already drawn elsewhere in the tree is shown again only as a reference, so the
//! tree stays as long as the tasks and their links, whatever their shape.

use std::collections::HashSet;

use uuid::Uuid;

use crate::task::DependencyMap;

/// Which way the tree hangs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Way {
    /// At the top what nothing else waits on (the goals); under each task, what it waits
    /// on.
    #[default]
    Goals,
    /// At the top what waits on nothing (what can be done now); under each task, what it
    /// unblocks.
    FirstSteps,
}

impl Way {
    pub fn other(self) -> Way {
        match self {
            Way::Goals => Way::FirstSteps,
            Way::FirstSteps => Way::Goals,
        }
    }
}

/// One line of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub uuid: Uuid,
    pub depth: usize,
    /// How many tasks hang under it.
    pub children: usize,
    /// Folded by the user: what hangs under it is not shown.
    pub folded: bool,
    /// It is one of its own ancestors here: a dependency cycle.
    pub cycle: bool,
    /// Drawn (with what hangs under it) earlier in the tree: shown here as a reference.
    pub seen: bool,
}

/// The tree of `depmap`'s tasks hung `way`, without what hangs under the tasks in `folded`;
/// tasks side by side in the order `order` gives (their IDs, say).
pub fn tree(
    depmap: &DependencyMap,
    way: Way,
    folded: &HashSet<Uuid>,
    order: impl Fn(Uuid) -> (u64, Uuid),
) -> Vec<Node> {
    let under = |u: Uuid| -> Vec<Uuid> {
        let mut c: Vec<Uuid> = match way {
            Way::Goals => depmap.dependencies(u).collect(),
            Way::FirstSteps => depmap.dependents(u).collect(),
        };
        c.sort_by_key(|u| order(*u));
        c.dedup();
        c
    };
    let is_top = |u: Uuid| match way {
        Way::Goals => !depmap.is_blocking(u),
        Way::FirstSteps => !depmap.is_blocked(u),
    };
    let mut members: Vec<Uuid> = depmap
        .edges()
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    members.sort_by_key(|u| order(*u));
    let mut lines = Vec::new();
    let mut drawn: HashSet<Uuid> = HashSet::new();
    let mut path: Vec<Uuid> = Vec::new();
    // The tops first; then whatever only a cycle reaches, from its first task.
    let tops: Vec<Uuid> = members.iter().copied().filter(|u| is_top(*u)).collect();
    let mut reached: HashSet<Uuid> = HashSet::new();
    for (i, start) in tops.iter().chain(members.iter()).copied().enumerate() {
        let top = i < tops.len();
        if top || !reached.contains(&start) {
            hang(start, 0, &under, folded, &mut drawn, &mut path, &mut lines);
            // What hangs under it, folded away or not, is not a top of its own.
            reach(start, &under, &mut reached);
        }
    }
    lines
}

/// Note `uuid` and everything under it as reached.
fn reach(uuid: Uuid, under: &dyn Fn(Uuid) -> Vec<Uuid>, reached: &mut HashSet<Uuid>) {
    let mut stack = vec![uuid];
    while let Some(u) = stack.pop() {
        if reached.insert(u) {
            stack.extend(under(u));
        }
    }
}

/// Draw `uuid` at `depth` and, unless folded, seen or a cycle, what hangs under it.
fn hang(
    uuid: Uuid,
    depth: usize,
    under: &dyn Fn(Uuid) -> Vec<Uuid>,
    folded: &HashSet<Uuid>,
    drawn: &mut HashSet<Uuid>,
    path: &mut Vec<Uuid>,
    lines: &mut Vec<Node>,
) {
    let children = under(uuid);
    let cycle = path.contains(&uuid);
    let seen = !cycle && drawn.contains(&uuid);
    let fold = folded.contains(&uuid);
    lines.push(Node {
        uuid,
        depth,
        children: children.len(),
        folded: fold,
        cycle,
        seen,
    });
    if cycle || seen {
        return;
    }
    drawn.insert(uuid);
    if fold {
        return;
    }
    path.push(uuid);
    for child in children {
        hang(child, depth + 1, under, folded, drawn, path, lines);
    }
    path.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: u128) -> Vec<Uuid> {
        (1..=n).map(Uuid::from_u128).collect()
    }

    fn order(u: Uuid) -> (u64, Uuid) {
        (u.as_u128() as u64, u)
    }

    fn shape(lines: &[Node]) -> Vec<(u128, usize, &'static str)> {
        lines
            .iter()
            .map(|n| {
                let mark = match (n.cycle, n.seen, n.folded) {
                    (true, _, _) => "cycle",
                    (_, true, _) => "seen",
                    (_, _, true) => "folded",
                    _ => "",
                };
                (n.uuid.as_u128(), n.depth, mark)
            })
            .collect()
    }

    #[test]
    fn tasks_hang_under_what_they_block_or_the_other_way() {
        // 1 waits on 2, 2 waits on 3; 4 waits on 3 too (a shared step).
        let t = ids(4);
        let mut map = DependencyMap::new();
        map.add_dependency(t[0], t[1]);
        map.add_dependency(t[1], t[2]);
        map.add_dependency(t[3], t[2]);
        let none = HashSet::new();
        assert_eq!(
            shape(&tree(&map, Way::Goals, &none, order)),
            [
                (1, 0, ""),
                (2, 1, ""),
                (3, 2, ""),
                (4, 0, ""),
                (3, 1, "seen")
            ]
        );
        assert_eq!(
            shape(&tree(&map, Way::FirstSteps, &none, order)),
            [(3, 0, ""), (2, 1, ""), (1, 2, ""), (4, 1, "")]
        );
        let folded: HashSet<Uuid> = [t[1]].into();
        let lines = tree(&map, Way::Goals, &folded, order);
        assert_eq!(
            shape(&lines),
            [(1, 0, ""), (2, 1, "folded"), (4, 0, ""), (3, 1, "")]
        );
        assert_eq!(lines[1].children, 1);
    }

    #[test]
    fn a_cycle_is_shown_once_round_and_marked() {
        // 1 → 2 → 3 → 1, and 4 waits on 1.
        let t = ids(4);
        let mut map = DependencyMap::new();
        map.add_dependency(t[0], t[1]);
        map.add_dependency(t[1], t[2]);
        map.add_dependency(t[2], t[0]);
        map.add_dependency(t[3], t[0]);
        let none = HashSet::new();
        assert_eq!(
            shape(&tree(&map, Way::Goals, &none, order)),
            [
                (4, 0, ""),
                (1, 1, ""),
                (2, 2, ""),
                (3, 3, ""),
                (1, 4, "cycle")
            ]
        );
        // With nothing at the top, the cycle still shows, from its first task.
        let mut ring = DependencyMap::new();
        ring.add_dependency(t[0], t[1]);
        ring.add_dependency(t[1], t[0]);
        assert_eq!(
            shape(&tree(&ring, Way::Goals, &none, order)),
            [(1, 0, ""), (2, 1, ""), (1, 2, "cycle")]
        );
    }
}
