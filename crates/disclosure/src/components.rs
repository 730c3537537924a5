//! Splitting the reader's unknowns into independent groups: two unknown cells are in one group
//! when a chain of relations (sums or coverings), each holding an unknown, links them. No relation links two groups,
//! so each can be solved on its own.

use crate::grid::Grid;

/// One group of unknown cells and every relation that mentions any of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Component {
    /// Unknown cells, ascending.
    pub cells: Vec<usize>,
    /// Indices into the grid's relations (sums, then coverings), ascending.
    pub relations: Vec<usize>,
}

/// The groups of the cells marked `unknown` (shown cells are constants and link nothing).
pub(crate) fn components(grid: &Grid, unknown: &[bool]) -> Vec<Component> {
    let is_unknown = |c: usize| unknown.get(c).copied().unwrap_or(false);
    let n = grid.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (_, c) in grid.relations() {
        let mut cells = c.cells().filter(|&x| is_unknown(x) && x < n);
        if let Some(first) = cells.next() {
            for other in cells {
                union(&mut parent, first, other);
            }
        }
    }
    let mut group_of_root: Vec<Option<usize>> = vec![None; grid.len()];
    let mut groups: Vec<Component> = Vec::new();
    for cell in (0..grid.len()).filter(|&c| is_unknown(c)) {
        let root = find(&mut parent, cell);
        let g = *group_of_root[root].get_or_insert_with(|| {
            groups.push(Component {
                cells: Vec::new(),
                relations: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].cells.push(cell);
    }
    for (r, (_, c)) in grid.relations().enumerate() {
        if let Some(first) = c.cells().find(|&x| is_unknown(x) && x < n) {
            let root = find(&mut parent, first);
            if let Some(g) = group_of_root[root] {
                groups[g].relations.push(r);
            }
        }
    }
    groups
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknowns_linked_by_relations_form_one_group() {
        // Two rows: hidden cells in row 0 are linked; row 1's hidden cell stands alone.
        let (grid, at) = Grid::two_way(&[vec![3, 2, 9], vec![10, 4, 8]]);
        let mut unknown = vec![false; grid.len()];
        for (r, c) in [(0, 0), (0, 1), (1, 2)] {
            unknown[at.interior[r][c]] = true;
        }
        let groups = components(&grid, &unknown);
        // (0,0) and (0,1) share row 0; (1,2) shares nothing with them (column 2 holds only it).
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].cells, vec![at.interior[0][0], at.interior[0][1]]);
        assert_eq!(groups[1].cells, vec![at.interior[1][2]]);
        // Row 0, columns 0 and 1.
        assert_eq!(groups[0].relations.len(), 3);
    }
}
