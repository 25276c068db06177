//! Loading a large workload into a replica the way a long history builds it: a commit for
//! every so many steps, not one transaction for everything.

use tcui::replica::Replica;
use tcui::task::Operation;

/// Commit `ops` (steps, each led by an undo point) to `replica`, `steps` of them a commit.
pub fn commit_in_steps(
    replica: &mut Replica,
    ops: impl IntoIterator<Item = Operation>,
    steps: usize,
) -> tcui::replica::Result<()> {
    let mut chunk = Vec::new();
    let mut taken = 0;
    for op in ops {
        if op == Operation::UndoPoint {
            if taken == steps {
                replica.commit_operations(std::mem::take(&mut chunk))?;
                taken = 0;
            }
            taken += 1;
        }
        chunk.push(op);
    }
    replica.commit_operations(chunk)
}
