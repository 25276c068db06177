//! What the list shows, kept in step: the view, the filter (its text as typed and what it
//! parsed to), and the rows they leave, with the cells those rows need. Whatever changes
//! one of them computes the rows again, so the three never disagree.

use uuid::Uuid;

use super::query::Query;
use crate::lang::Limit;
use std::sync::Arc;

use super::view::{Ordered, Row, View, ViewInput};

/// The list's view, filter and rows.
#[derive(Debug)]
pub struct ListView {
    view: Arc<View>,
    query_text: String,
    query: Option<Query>,
    rows: Vec<Row>,
    /// How many rows matched before a `limit:N` cut them.
    matched: usize,
    /// The view's order without the filter, for the data generation it was computed for.
    ordered: Option<Ordered>,
    /// The places in `ordered` of every row the filter kept (before a limit), while
    /// `ordered` is the one they were picked from: a narrower filter looks only at them.
    places: Option<Vec<u32>>,
}

impl ListView {
    /// Showing `view`, unfiltered; the rows come with the first rebuild.
    pub fn new(view: Arc<View>) -> Self {
        ListView {
            view,
            query_text: String::new(),
            query: None,
            rows: Vec::new(),
            matched: 0,
            ordered: None,
            places: None,
        }
    }

    /// The report the list shows.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// The filter as typed (empty when there is none).
    pub fn query_text(&self) -> &str {
        &self.query_text
    }

    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    /// How many rows the view and filter leave before `limit:N` (as many as
    /// [`ListView::rows`] without one).
    pub fn matched(&self) -> usize {
        self.matched
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Whether the view's order is the one computed for `generation` (so a change can move
    /// only the rows it touched).
    pub fn is_current(&self, generation: u64) -> bool {
        self.ordered
            .as_ref()
            .is_some_and(|o| Arc::ptr_eq(&o.view, &self.view) && o.generation == generation)
    }

    /// Compute the order again at the next rebuild (what a row must pass has changed).
    pub fn forget_order(&mut self) {
        self.ordered = None;
        self.places = None;
    }

    /// Move only the `changed` tasks (the rest of the order stands) into `generation`; the
    /// rows are computed when [`ListView::rebuild`] follows.
    pub fn patch(&mut self, generation: u64, changed: &[Uuid], input: &ViewInput<'_>) {
        if let Some(o) = self.ordered.as_mut() {
            o.patch(generation, changed, input);
        }
        self.places = None;
    }

    /// Compute the rows for data of `generation` (the order only if it is not current).
    pub fn rebuild(&mut self, generation: u64, input: &ViewInput<'_>) {
        self.rebuild_within(generation, input, false);
    }

    /// Compute the rows; `narrower`: the filter keeps no task the last one did not, so only
    /// the rows that one kept need a look.
    fn rebuild_within(&mut self, generation: u64, input: &ViewInput<'_>, narrower: bool) {
        if !self.is_current(generation) {
            self.ordered = Some(Ordered::new(self.view.clone(), generation, input));
            self.places = None;
        }
        let within = self.places.take().filter(|_| narrower);
        // Without a filter every row shows, and no later filter narrows from it.
        (self.rows, self.places) = match (&self.ordered, &self.query) {
            (Some(o), Some(query)) => {
                let places = o.filter(input, query, within.as_deref());
                (o.rows_at(&places), Some(places))
            }
            (Some(o), None) => (o.rows().to_vec(), None),
            (None, _) => (Vec::new(), None),
        };
        self.matched = self.rows.len();
        // A screenful is what the list shows anyway.
        if let Some(Limit::Rows(n)) = self.limit() {
            self.rows.truncate(n);
        }
    }

    /// The filter's `limit:`, else the report's.
    pub fn limit(&self) -> Option<Limit> {
        self.query
            .as_ref()
            .and_then(Query::limit)
            .or_else(|| self.view.limit())
    }

    /// Show another view.
    pub fn set_view(&mut self, view: Arc<View>, generation: u64, input: &ViewInput<'_>) {
        self.view = view;
        self.places = None;
        self.rebuild(generation, input);
    }

    /// Filter by `query`, typed as `text` (`None` and an empty text for no filter).
    pub fn set_query(
        &mut self,
        text: String,
        query: Option<Query>,
        generation: u64,
        input: &ViewInput<'_>,
    ) {
        let narrower = match (&query, &self.query) {
            (Some(new), Some(old)) => new.narrows(old),
            _ => false,
        };
        self.query_text = text;
        self.query = query;
        self.rebuild_within(generation, input, narrower);
    }

    /// Show another view with another filter, computing the rows once.
    pub fn set_both(
        &mut self,
        view: Arc<View>,
        (text, query): (String, Option<Query>),
        generation: u64,
        input: &ViewInput<'_>,
    ) {
        self.view = view;
        self.places = None;
        self.set_query(text, query, generation, input);
    }
}
