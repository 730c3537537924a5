//! Staff pages' data kept per data revision: what a page lists and counts is worked out once for
//! the revision the data is at and shared by every request for the same page, reader, day and
//! query until any change moves the revision (`store::revision`); what kept data cannot know —
//! the reader's session, a notice after an action, the mail queue — is added at each request.
//!
//! The key always holds the reader's account and the day, so a kept view is never shown to
//! another account, and nothing worked out from today's date outlives it.

use crate::clock;
use crate::db::DbConnection;
use crate::error::AppResult;
use crate::http::auth::Staff;
use crate::http::AppState;
use crate::store::revision;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

/// How many views are kept (the least recently used goes first): a view is one page of a list.
pub(crate) const KEPT_VIEWS: usize = 512;

/// Which view: the page (its route, without the query) and everything of the request the view
/// depends on besides the reader and the day (its filter, its page number).
pub(crate) struct View<'a> {
    pub page: &'a str,
    pub query: String,
}

impl AppState {
    /// The view's data at the revision the data is at now: the kept one, else `build`'s.
    pub(crate) fn kept_view(
        &self,
        conn: &mut DbConnection,
        staff: &Staff,
        view: View<'_>,
        build: impl FnOnce(&mut DbConnection) -> AppResult<Value>,
    ) -> AppResult<Arc<Value>> {
        let revision = revision::current(conn)?;
        let key = format!(
            "{}|{}|{}|{}",
            view.page,
            staff.account.id,
            clock::today(),
            view.query
        );
        self.views.get_or_build(&key, revision, || build(conn))
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
