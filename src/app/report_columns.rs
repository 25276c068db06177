//! A report's columns read once for showing rows: what each column shows, its label and
//! alignment, and the settings its cells need (UDAs, indicators, date formats). The command
//! line prints every line of a cell; the list shows one line per row, so there a combined
//! description is shown with its annotation count instead of its annotations.

use super::cells::{
    CellContext, ColumnKind, ColumnSpec, Indicators, RowContext, UdaDefs, annotation_dateformat,
    annotation_indent, cell, default_label, report_dateformat, right_aligned,
};
use super::reports::ReportDef;
use crate::config::Settings;
use crate::task::Task;

/// One report's columns.
#[derive(Debug, Clone)]
pub struct ReportColumns {
    pub specs: Vec<ColumnSpec>,
    pub labels: Vec<String>,
    pub right: Vec<bool>,
    /// The same columns for one line per row.
    one_line: Vec<ColumnSpec>,
    pub udas: UdaDefs,
    pub indicators: Indicators,
    pub dateformat: String,
    pub annotation_dateformat: String,
    pub annotation_indent: usize,
}

impl ReportColumns {
    /// The columns of `def`, read with `settings`; a column that cannot be read is an error
    /// naming the setting.
    pub fn new(def: &ReportDef, settings: &Settings) -> Result<ReportColumns, String> {
        let udas = UdaDefs::from_settings(settings.iter());
        let indicators = Indicators::from_settings(settings.iter());
        let name = &def.name;
        let specs: Vec<ColumnSpec> = def
            .columns
            .iter()
            .map(|c| {
                ColumnSpec::parse(c, &udas)
                    .map_err(|e| format!("report {name}: report.{name}.columns: {e}"))
            })
            .collect::<Result<_, _>>()?;
        let labels = specs
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                def.labels
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| default_label(spec, &udas, &indicators))
            })
            .collect();
        let right = specs.iter().map(right_aligned).collect();
        let one_line = specs
            .iter()
            .map(|spec| {
                let mut spec = spec.clone();
                if spec.kind == ColumnKind::Description && spec.style() == "combined" {
                    spec.style = "count".into();
                }
                spec
            })
            .collect();
        let setting = |k: &str| settings.get(k);
        Ok(ReportColumns {
            dateformat: report_dateformat(setting, name).to_string(),
            annotation_dateformat: annotation_dateformat(setting).to_string(),
            annotation_indent: annotation_indent(setting),
            specs,
            labels,
            right,
            one_line,
            udas,
            indicators,
        })
    }

    /// An ID and a description, with Taskwarrior's default settings: what is left when no
    /// report can be read.
    pub fn minimal() -> ReportColumns {
        let specs = vec![
            ColumnSpec {
                attr: "id".into(),
                style: String::new(),
                kind: ColumnKind::Id,
            },
            ColumnSpec {
                attr: "description".into(),
                style: "count".into(),
                kind: ColumnKind::Description,
            },
        ];
        ReportColumns {
            labels: vec!["ID".into(), "Description".into()],
            right: vec![true, false],
            one_line: specs.clone(),
            specs,
            udas: UdaDefs::default(),
            indicators: Indicators::default(),
            dateformat: "Y-M-D".into(),
            annotation_dateformat: "Y-M-D".into(),
            annotation_indent: 2,
        }
    }

    /// The cells of `task`'s row; with `one_line`, a combined description is shown as its
    /// text and annotation count.
    pub fn cells(&self, task: &Task, row: &RowContext<'_>, one_line: bool) -> Vec<String> {
        let ctx = CellContext {
            row: *row,
            dateformat: &self.dateformat,
            annotation_dateformat: &self.annotation_dateformat,
            annotation_indent: self.annotation_indent,
            udas: &self.udas,
            indicators: &self.indicators,
        };
        let specs = if one_line {
            &self.one_line
        } else {
            &self.specs
        };
        specs.iter().map(|spec| cell(task, spec, &ctx)).collect()
    }

    /// Which column is the description (the one that takes the room left), if any.
    pub fn description(&self) -> Option<usize> {
        self.specs
            .iter()
            .position(|s| s.kind == ColumnKind::Description)
    }
}
