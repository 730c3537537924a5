//! Long lists a page at a time: the page asked for (read leniently: anything but a page number is
//! the first page, one past the end the last), the slice of the list it shows, and the links to
//! the pages beside it that keep the list's filters. Rendered by `pager.html`.

use frontline_geo::Geography;
use serde::Serialize;

/// Rows on one page of a long list.
pub const PER_PAGE: usize = 50;

/// A list's query: words to filter it by, and the page.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    pub page: Option<String>,
}

/// One page of a list of `total` rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pager {
    pub page: usize,
    pub pages: usize,
    pub total: usize,
    /// The first and last row shown, counting from 1 (both 0 when the list is empty).
    pub first: usize,
    pub last: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// The page `asked` for of `total` rows, with links made by `link` from a page number.
    pub fn new(total: usize, asked: Option<&str>, link: impl Fn(usize) -> String) -> Pager {
        let pages = total.div_ceil(PER_PAGE).max(1);
        let page = asked
            .map(str::trim)
            .and_then(|p| match p.parse::<usize>() {
                Ok(n) => Some(n),
                // Digits too many to count are past the end.
                Err(_) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(pages),
                Err(_) => None,
            })
            .unwrap_or(1)
            .clamp(1, pages);
        let first = if total == 0 {
            0
        } else {
            (page - 1) * PER_PAGE + 1
        };
        Pager {
            page,
            pages,
            total,
            first,
            last: (page * PER_PAGE).min(total),
            previous: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }

    /// The rows before this page, for a database query's offset.
    pub fn offset(&self) -> usize {
        (self.page - 1) * PER_PAGE
    }

    /// This page's rows of the whole list.
    pub fn slice<T>(&self, rows: Vec<T>) -> Vec<T> {
        rows.into_iter()
            .skip(self.offset())
            .take(PER_PAGE)
            .collect()
    }
}

/// `path` with `filters` (those not blank) and the page number as its query.
pub fn link(path: &str, filters: &[(&str, &str)], page: usize) -> String {
    let page = page.to_string();
    let mut pairs: Vec<(&str, &str)> = filters
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .copied()
        .collect();
    pairs.push(("page", &page));
    let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
    format!("{path}?{query}")
}

/// A raw query string split into the page asked for (its last `page`, however encoded) and the
/// rest (the list's filters, decoded and encoded again), for a list whose filters are read
/// strictly.
pub fn take_page(query: &str) -> (Option<String>, String) {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    let mut page = None;
    let rest: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(name, value)| {
            if name == "page" {
                page = Some(value.clone());
                false
            } else {
                true
            }
        })
        .collect();
    (page, serde_urlencoded::to_string(rest).unwrap_or_default())
}

/// `path?rest` (a filter's raw query string, kept as given) with the page number added.
pub fn link_keeping(path: &str, rest: &str, page: usize) -> String {
    if rest.is_empty() {
        format!("{path}?page={page}")
    } else {
        format!("{path}?{rest}&page={page}")
    }
}

/// Whether every word of `filter` is found in one of `fields`, capitals ignored (a blank filter
/// matches everything).
pub fn matches(filter: &str, fields: &[&str]) -> bool {
    let fields: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
    filter
        .split_whitespace()
        .map(str::to_lowercase)
        .all(|word| fields.iter().any(|f| f.contains(&word)))
}

/// Whether every word of `filter` is in one of a service's `names` or its `areas`, each by code
/// or by name: the one rule every list of services filters by.
pub fn matches_service(
    filter: &str,
    names: &[&str],
    areas: &[String],
    geography: &Geography,
) -> bool {
    let mut fields = names.to_vec();
    fields.extend(areas.iter().map(String::as_str));
    fields.extend(
        areas
            .iter()
            .filter_map(|c| geography.find(c))
            .map(|a| a.name.as_str()),
    );
    matches(filter, &fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(total: usize, asked: &str) -> Pager {
        Pager::new(total, Some(asked), |p| {
            link("/admin/x", &[("q", "kent")], p)
        })
    }

    #[test]
    fn pages_are_read_leniently_and_kept_in_range() {
        let p = at(1_500, "2");
        assert_eq!((p.page, p.pages, p.first, p.last), (2, 30, 51, 100));
        assert_eq!(p.previous.as_deref(), Some("/admin/x?q=kent&page=1"));
        assert_eq!(p.next.as_deref(), Some("/admin/x?q=kent&page=3"));
        assert_eq!(at(1_500, "99").page, 30);
        assert_eq!(at(1_500, "99").last, 1_500);
        assert_eq!(at(1_500, "0").page, 1);
        assert_eq!(at(1_500, "184467440737095516160").page, 30);
        assert_eq!(at(1_500, "two").page, 1);
        let empty = at(0, "3");
        assert_eq!(
            (empty.page, empty.pages, empty.first, empty.last),
            (1, 1, 0, 0)
        );
        assert!(empty.previous.is_none() && empty.next.is_none());
        let rows: Vec<usize> = (0..120).collect();
        assert_eq!(at(120, "3").slice(rows), (100..120).collect::<Vec<_>>());
    }

    proptest::proptest! {
        /// Whatever is asked, a page is in range, shows at most a page of rows, and the pages
        /// together show every row once.
        #[test]
        fn every_row_is_on_exactly_one_page(total in 0usize..500, asked in "\\PC{0,6}") {
            let pager = Pager::new(total, Some(&asked), |p| p.to_string());
            proptest::prop_assert!(pager.page >= 1 && pager.page <= pager.pages);
            let rows: Vec<usize> = (0..total).collect();
            let shown = pager.slice(rows.clone());
            proptest::prop_assert!(shown.len() <= PER_PAGE);
            proptest::prop_assert_eq!(shown.len(), pager.last + 1 - pager.first.max(1));
            let mut seen = Vec::new();
            for page in 1..=pager.pages {
                seen.extend(Pager::new(total, Some(&page.to_string()), |p| p.to_string()).slice(rows.clone()));
            }
            proptest::prop_assert_eq!(seen, rows);
        }
    }

    #[test]
    fn a_filter_matches_every_word_anywhere_ignoring_capitals() {
        assert!(matches("", &["anything"]));
        assert!(matches("kent idva", &["Kent Refuge Trust", "IDVA service"]));
        assert!(!matches(
            "kent sussex",
            &["Kent Refuge Trust", "IDVA service"]
        ));
        assert_eq!(
            take_page("area=E23000031&page=3&language=polish"),
            (
                Some("3".to_string()),
                "area=E23000031&language=polish".to_string()
            )
        );
        assert_eq!(take_page(""), (None, String::new()));
        assert_eq!(
            take_page("pag%65=%32&text=a+b"),
            (Some("2".to_string()), "text=a+b".to_string())
        );
        assert_eq!(link_keeping("/d", "", 2), "/d?page=2");
        assert_eq!(link_keeping("/d", "area=E1", 2), "/d?area=E1&page=2");
        assert_eq!(
            link("/a", &[("q", " "), ("show", "waiting")], 2),
            "/a?show=waiting&page=2"
        );
    }
}
