//! Staff pages' data kept per data revision: what a page lists and counts is worked out once for
//! the revision the data is at and shared by every request for the same page, reader, day and
//! query until any change moves the revision (`store::revision`); what kept data cannot know —
//! the reader's session, a notice after an action, the mail queue — is added at each request.
//!
//! The key always holds the reader's account and the day, so a kept view is never shown to
//! another account, and nothing worked out from today's date outlives it. A view is built from
//! the account as it is after the revision is read, never as it was when the request began: a
//! change to the reader's role or areas moves the revision, so a view built before it (or with
//! access it has since lost) is never served after it.

use crate::clock;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::http::auth::Staff;
use crate::http::AppState;
use crate::store::accounts::{self, Account};
use crate::store::revision;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

/// How many views are kept (the least recently used goes first): a view is one page of a list.
pub(crate) const KEPT_VIEWS: usize = 512;

/// Which view: the page (its route, without the query) and everything of the request the view
/// depends on besides the reader and the day (its filter, its page number), by name.
pub(crate) struct View<'a> {
    pub page: &'a str,
    pub query: &'a [(&'a str, &'a str)],
}

impl View<'_> {
    /// The view's key for `account` on `day`: the query encoded, so no two queries share one.
    fn key(&self, account: i32, day: &str) -> String {
        let query = serde_urlencoded::to_string(self.query).unwrap_or_default();
        format!("{}|{account}|{day}|{query}", self.page)
    }
}

/// Who a view is built for and at what revision: the reader's account as it is after the
/// revision was read, and that revision (for builds kept within the view, e.g. a cycle's
/// estimates work shared by every filter of the page).
pub(crate) struct Reading<'a> {
    pub account: &'a Account,
    pub revision: i64,
}

impl AppState {
    /// The view's data at the revision the data is at now: the kept one, else `build`'s.
    pub(crate) fn kept_view(
        &self,
        conn: &mut DbConnection,
        staff: &Staff,
        view: View<'_>,
        build: impl FnOnce(&mut DbConnection, Reading<'_>) -> AppResult<Value>,
    ) -> AppResult<Arc<Value>> {
        let revision = revision::current(conn)?;
        let key = view.key(staff.account.id, &clock::today());
        self.views.get_or_build(&key, revision, || {
            let account = accounts::by_id(conn, staff.account.id)?
                .filter(|a| a.disabled_at.is_none())
                .ok_or_else(|| AppError::Forbidden("this account is no longer open".into()))?;
            build(
                conn,
                Reading {
                    account: &account,
                    revision,
                },
            )
        })
    }
}

/// A page's context: its kept view and what this request adds (names of their own: none of the
/// kept ones).
#[derive(Serialize)]
pub(crate) struct WithLive<'a> {
    #[serde(flatten)]
    pub kept: &'a Value,
    #[serde(flatten)]
    pub live: Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_queries_share_a_key() {
        let a = View {
            page: "/admin/cycles",
            query: &[("q", "Kent|1"), ("page", "")],
        };
        let b = View {
            page: "/admin/cycles",
            query: &[("q", "Kent"), ("page", "1|")],
        };
        assert_ne!(a.key(1, "2026-12-08"), b.key(1, "2026-12-08"));
        assert_ne!(a.key(1, "2026-12-08"), a.key(2, "2026-12-08"));
        assert_ne!(a.key(1, "2026-12-08"), a.key(1, "2026-12-09"));
    }
}
